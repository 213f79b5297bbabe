package suppress

import (
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/config"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/source"
)

// TestSourceDirectives runs ignores a source declares (CloudFormation
// Metadata) and ignore comments (YAML, HCL) through one set of rules: a
// reason is required, an expiry must be a date and in the future.
func TestSourceDirectives(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		ignores    []source.Ignore
		comment    string
		suppressed string // the suppression's source, "" for none
		warning    string
	}{
		{name: "metadata", ignores: []source.Ignore{{Rule: "privileged-container", Reason: "agent", Source: "Metadata ecslint"}}, suppressed: "Metadata ecslint"},
		{name: "metadata for all rules", ignores: []source.Ignore{{Rule: "all", Reason: "sandbox", Source: "Metadata ecslint"}}, suppressed: "Metadata ecslint"},
		{name: "metadata for another rule", ignores: []source.Ignore{{Rule: "host-pid-mode", Reason: "x", Source: "Metadata ecslint"}}},
		{name: "metadata without reason", ignores: []source.Ignore{{Rule: "privileged-container", Source: "Metadata ecslint"}}, warning: "t.yaml: Metadata ecslint ignore for privileged-container without a reason is not applied"},
		{name: "metadata expired", ignores: []source.Ignore{{Rule: "privileged-container", Reason: "agent", Expires: "2026-12-04", Source: "Metadata ecslint"}}, warning: "expired on 2026-12-04 and no longer applies"},
		{name: "metadata expiring later", ignores: []source.Ignore{{Rule: "privileged-container", Reason: "agent", Expires: "2027-01-01", Source: "Metadata ecslint"}}, suppressed: "Metadata ecslint"},
		{name: "metadata bad expiry", ignores: []source.Ignore{{Rule: "privileged-container", Reason: "agent", Expires: "soon", Source: "Metadata ecslint"}}, warning: `invalid expiry "soon" (want YYYY-MM-DD)`},
		{name: "comment", comment: "# ecslint:ignore privileged-container the agent needs it", suppressed: "comment in t.yaml"},
		{name: "hcl comment with expiry", comment: "// ecslint:ignore privileged-container the agent needs it expires=2027-01-01", suppressed: "comment in t.yaml until 2027-01-01"},
		{name: "comment bad expiry", comment: "# ecslint:ignore privileged-container reason expires=tomorrow", warning: `ecslint:ignore privileged-container has an invalid expiry "tomorrow" (want expires=YYYY-MM-DD)`},
		{name: "comment expired", comment: "# ecslint:ignore privileged-container reason expires=2026-01-01", warning: "ecslint:ignore privileged-container expired on 2026-01-01"},
		{name: "not a directive", comment: "# ecslint:ignorex privileged-container reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := New(&config.Config{Version: 1}, nil, now)
			loc := &source.MapLocator{Root: source.Span{File: "t.yaml"}}
			if tt.comment != "" {
				loc.Notes = map[string][]string{"": {tt.comment}}
			}
			r := &source.Resource{Kind: "TaskDefinition", Value: ast.NewObject(), Ignores: tt.ignores, Locator: loc}
			f := &finding.Finding{Rule: "privileged-container", Location: finding.Location{File: "t.yaml"}}
			s.Apply(r, f)
			got := ""
			if f.Suppressed != nil {
				got = f.Suppressed.Source
			}
			if got != tt.suppressed {
				t.Errorf("suppressed by %q, want %q", got, tt.suppressed)
			}
			w := strings.Join(s.Warnings(), "\n")
			if (tt.warning == "") != (w == "") || !strings.Contains(w, tt.warning) {
				t.Errorf("warnings %q, want %q", w, tt.warning)
			}
		})
	}
}
