package catalog

import (
	"strings"
	"testing"
)

func TestSeverityCases(t *testing.T) {
	t.Parallel()
	base := func(sev any) *Metadata {
		return &Metadata{
			Title: "t", Description: "d", Related: []Link{{URL: "https://docs.aws.amazon.com/x"}},
			Custom: map[string]any{"severity": "high", "remediation": "Fix it.", "resources": []any{"TaskDefinition"}, "severities": sev},
		}
	}
	ok := []any{map[string]any{"severity": "critical", "when": "the path is the Docker socket"}}
	r, err := NewRule("x.rego", "security", "x", base(ok), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Severities) != 1 || r.Severities[0] != (SeverityCase{Severity: "critical", When: "the path is the Docker socket"}) {
		t.Errorf("severities = %+v", r.Severities)
	}
	for _, tc := range []struct {
		sev  any
		want string
	}{
		{[]any{map[string]any{"severity": "urgent", "when": "x"}}, "want entries"},
		{[]any{map[string]any{"severity": "low"}}, "want entries"},
		{[]any{"critical"}, "want entries"},
		{[]any{map[string]any{"severity": "high", "when": "always"}}, "the rule's own severity"},
	} {
		_, err := NewRule("x.rego", "security", "x", base(tc.sev), false)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("severities %v: error %v, want %q", tc.sev, err, tc.want)
		}
	}
}
