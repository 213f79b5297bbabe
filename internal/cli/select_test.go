package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/internal/cli"
)

// TestNothingToRun: a selection that leaves no rule to run is a usage
// error, never a clean pass over zero rules.
func TestNothingToRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	td := write(t, dir, "td.json", goodTask)
	helpers := filepath.Join(dir, "helpers")
	write(t, helpers, "helpers.rego", "package acme.helpers\n\nx := 1\n")
	for _, tc := range []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"unknown framework", []string{"--framework", "nosuch"}, `unknown framework "nosuch" (want one of `},
		{"miscased framework", []string{"--framework", "SecurityHub"}, `did you mean "securityhub"?`},
		{"everything disabled", []string{"--disable", "all"}, "no rules to run"},
		{"policy without a rule", []string{"--policy", helpers}, "no rule found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(t, "", append(append([]string{"--no-config"}, tc.args...), td)...)
			if code != cli.ExitError || !strings.Contains(stderr, tc.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q\n%s", code, stderr, tc.wantErr, stdout)
			}
		})
	}
	if code, _, stderr := run(t, "", "--no-config", "--framework", "securityhub", td); code == cli.ExitError {
		t.Errorf("a known framework: exit 2\n%s", stderr)
	}
}

// TestOutputFormatFromName: -o without -f never writes text into a .json
// file.
func TestOutputFormatFromName(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	td := write(t, dir, "td.json", goodTask)
	out := filepath.Join(dir, "out.json")
	if code, _, stderr := run(t, "", "--no-config", "-o", out, td); code == cli.ExitError {
		t.Fatalf("exit 2: %s", stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(strings.TrimSpace(string(data)), "{") {
		t.Errorf("out.json is not JSON (%v):\n%s", err, data)
	}
	code, _, stderr := run(t, "", "--no-config", "-o", filepath.Join(dir, "out.xml"), td)
	if code != cli.ExitError || !strings.Contains(stderr, "give --format") {
		t.Errorf("-o out.xml: exit %d, %s", code, stderr)
	}
}

// TestUserRuleErgonomics: rules and explain know the config's policies, a
// user rule links no docs unless it names a page, print() shows with
// --debug, and a rule past --policy-timeout is named and fails the run.
func TestUserRuleErgonomics(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pol := filepath.Join(dir, "policy")
	rule := strings.Replace(ownerRule, "	not _has_owner\n", "	not _has_owner\n	print(\"checking\", input.name)\n", 1)
	write(t, pol, "owner.rego", rule)
	cfg := write(t, dir, ".ecslint.yaml", "version: 1\npolicies: [policy]\n")
	td := write(t, dir, "td.json", noRoleTask)

	if code, stdout, stderr := run(t, "", "explain", "-c", cfg, "acme-owner-tag"); code != cli.ExitOK || !strings.Contains(stdout, "owner tag") {
		t.Errorf("explain with the config's policies: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, _ := run(t, "", "rules", "-c", cfg); code != cli.ExitOK || !strings.Contains(stdout, "acme-owner-tag") {
		t.Errorf("rules with the config's policies: exit %d\n%s", code, stdout)
	}
	code, stdout, stderr := run(t, "", "-c", cfg, "--disable", "all", "--enable", "acme-owner-tag", "--format", "json", "--debug", td)
	if code != cli.ExitFindings {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "owner.rego:") || !strings.Contains(stderr, "checking x") {
		t.Errorf("--debug does not show print() output with its location:\n%s", stderr)
	}
	if strings.Contains(stdout, `"docs_url"`) {
		t.Errorf("a user rule without custom.docs_url has a docs_url:\n%s", stdout)
	}
	if _, _, stderr := run(t, "", "-c", cfg, td); strings.Contains(stderr, "checking") {
		t.Errorf("print() output without --debug:\n%s", stderr)
	}

	slow := filepath.Join(dir, "slow")
	write(t, slow, "slow.rego", strings.Replace(ownerRule, "	not _has_owner\n", "	not _has_owner\n	some i in numbers.range(1, 100000000)\n	i < 0\n", 1))
	code, stdout, stderr = run(t, "", "--no-config", "--policy", slow, "--policy-timeout", "100ms", "--format", "json", td)
	var out struct {
		Findings []struct{ Rule string }
		Errors   []struct{ Message string }
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("decode: %v\n%s", err, stdout)
	}
	if code != cli.ExitError || len(out.Errors) != 1 || !strings.Contains(out.Errors[0].Message, "acme-owner-tag") ||
		!strings.Contains(out.Errors[0].Message, "did not finish within 100ms") {
		t.Errorf("a user rule past its deadline: exit %d, errors %+v\n%s", code, out.Errors, stderr)
	}
	if len(out.Findings) == 0 {
		t.Error("the built-in rules' findings on the resource were lost with the user rule's error")
	}
}
