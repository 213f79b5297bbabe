package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/engine"
)

// policy writes a user rule with the given id, METADATA custom entries
// ("key: value" lines replacing the defaults) and report body into a fresh
// directory.
func policy(t *testing.T, id, custom, report string) string {
	t.Helper()
	dir := t.TempDir()
	entries := []string{"severity: medium", "remediation: Fix it.", "resources: [TaskDefinition]"}
	for _, line := range strings.Split(strings.TrimSpace(custom), "\n") {
		key, _, _ := strings.Cut(line, ":")
		replaced := false
		for i, e := range entries {
			if strings.HasPrefix(e, key+":") {
				entries[i], replaced = line, true
			}
		}
		if !replaced && line != "" {
			entries = append(entries, line)
		}
	}
	src := "# METADATA\n# title: Acme rule\n# description: A team's own rule.\n# custom:\n#   " +
		strings.Join(entries, "\n#   ") + "\npackage ecslint.rules.security[\"" + id + `"]

` + report + "\n"
	if err := os.WriteFile(filepath.Join(dir, "rule.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func task() ast.Value {
	return ast.MustParseTerm(`{"kind": "TaskDefinition", "name": "web:1", "resource": {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx"}]}, "related": {}}`).Value
}

func engineFor(t *testing.T, dir string, timeout time.Duration) *engine.Engine {
	t.Helper()
	pols, err := engine.ReadPolicies([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(context.Background(), engine.Options{Rules: pols.Rules, Policies: pols, PolicyTimeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// TestPolicyDeadline: a user rule that loops over a huge range is stopped
// at its deadline with an error naming it, and is not run again.
func TestPolicyDeadline(t *testing.T) {
	t.Parallel()
	dir := policy(t, "acme-slow", "", `report contains {"message": "slow", "path": ["resource"]} if {
	some i in numbers.range(1, 100000000)
	i < 0
}`)
	eng := engineFor(t, dir, 200*time.Millisecond)
	start := time.Now()
	_, err := eng.Eval(context.Background(), task())
	if err == nil || !strings.Contains(err.Error(), "acme-slow") || !strings.Contains(err.Error(), "did not finish within 200ms") {
		t.Fatalf("error %v, want one naming acme-slow and its deadline", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("stopping took %s", took)
	}
	start = time.Now()
	if reps, err := eng.Eval(context.Background(), task()); err != nil || len(reps) != 0 || time.Since(start) > 100*time.Millisecond {
		t.Errorf("a stopped rule ran again: %v %v after %s", reps, err, time.Since(start))
	}
}

// TestPolicyResults: what a user rule reports is checked like a built-in
// rule's: a message, a path of keys and indices, one of the five severities.
func TestPolicyResults(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, finding, wantErr string
	}{
		{"ok", `{"message": "m", "path": ["resource", "containerDefinitions", 0]}`, ""},
		{"own severity", `{"message": "m", "path": ["resource"], "severity": "critical"}`, ""},
		{"capitalised severity", `{"message": "m", "path": ["resource"], "severity": "High"}`, `severity "High" is not one of critical, high, medium, low, info`},
		{"unknown severity", `{"message": "m", "path": ["resource"], "severity": "bogus"}`, `severity "bogus"`},
		{"severity not a string", `{"message": "m", "path": ["resource"], "severity": 3}`, `severity 3`},
		{"no message", `{"path": ["resource"]}`, "without a string message"},
		{"no path", `{"message": "m"}`, "without a path"},
		{"bad path", `{"message": "m", "path": ["resource", 1.5]}`, "not an integer"},
		{"not an object", `"m"`, "want an object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			eng := engineFor(t, policy(t, "acme-results", "", "report contains "+tc.finding+" if true"), 0)
			reps, err := eng.Eval(context.Background(), task())
			if tc.wantErr == "" {
				if err != nil || len(reps) != 1 || reps[0].Rule != "acme-results" || reps[0].Category != "security" {
					t.Fatalf("got %v, %v", reps, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "acme-results") || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one naming the rule and %q", err, tc.wantErr)
			}
		})
	}
}

// TestReadPolicies: what loading a policy directory accepts and refuses.
func TestReadPolicies(t *testing.T) {
	t.Parallel()
	const report = `report contains {"message": "m", "path": ["resource"]} if true`
	for _, tc := range []struct {
		name, id, custom, body, wantErr string
	}{
		{"without related_resources", "acme-owner", "", report, ""},
		{"docs url", "acme-owner", "docs_url: https://wiki.example/acme-owner", report, ""},
		{"upper-case id", "Acme-Owner", "", report, `rule id "Acme-Owner" must be lower-case`},
		{"underscore id", "acme_owner", "", report, `rule id "acme_owner"`},
		{"no report", "acme-owner", "", `deny contains "m" if true`, "defines no `report contains ...` set"},
		{"capitalised severity", "acme-owner", "severity: High", report, `unknown severity "High"`},
		{"unknown kind", "acme-owner", "resources: [Pod]", report, "not a kind"},
		{"local file schema", "acme-owner", "", `report contains {"message": "m", "path": ["resource"]} if {
	json.match_schema(input, {"$ref": "file:///etc/passwd"})
}`, "calls json.match_schema, which ecslint does not allow"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := policy(t, tc.id, tc.custom, tc.body)
			pols, err := engine.ReadPolicies([]string{dir})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r := pols.Rules[0]
			if !r.User || r.ID != tc.id {
				t.Fatalf("rule %+v", r)
			}
			wantDocs := ""
			if tc.name == "docs url" {
				wantDocs = "https://wiki.example/acme-owner"
			}
			if got := r.DocsURL("1.0.0"); got != wantDocs {
				t.Errorf("docs url %q, want %q", got, wantDocs)
			}
		})
	}

	empty := t.TempDir()
	if err := os.WriteFile(filepath.Join(empty, "helpers.rego"), []byte("package acme.helpers\n\nx := 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := engine.ReadPolicies([]string{empty}); err == nil || !strings.Contains(err.Error(), "no rule found") {
		t.Errorf("a directory without a rule: %v, want an error", err)
	}
}
