package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/finding"
)

// A finding about an absent field sits on its nearest parent's line: the
// text says which field is missing there; other formats keep the region.
func TestTextMissingHere(t *testing.T) {
	t.Parallel()
	loc := func(ptr, precision string) finding.Location {
		return finding.Location{File: "/repo/td.json", Pointer: ptr, Start: document.Pos{Line: 1, Column: 1}, End: document.Pos{Line: 9, Column: 2}, Precision: precision}
	}
	r := &finding.Result{Files: 1, Resources: 1, Rules: 2, Findings: []finding.Finding{
		{Rule: "task-role-missing", Severity: "high", Message: "the task definition has no taskRoleArn", Location: loc("", finding.PrecisionAncestor)},
		{Rule: "capabilities-not-dropped", Severity: "info", Message: "container \"app\" does not drop ALL capabilities", Location: loc("/containerDefinitions/0", finding.PrecisionAncestor)},
		{Rule: "privileged-container", Severity: "high", Message: "container \"app\" runs privileged", Location: loc("/containerDefinitions/0/privileged", finding.PrecisionExact)},
		{Rule: "classic-lb-deprecated", Severity: "low", Message: "a template value", Location: loc("", finding.PrecisionResource)},
	}}
	var b bytes.Buffer
	if err := (&Text{}).Format(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"the task definition has no taskRoleArn (missing here)",
		"does not drop ALL capabilities (missing here)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "runs privileged (") || strings.Contains(out, "a template value (") {
		t.Errorf("a finding located exactly or at the resource says missing here:\n%s", out)
	}
}
