package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ecslint/ecslint/internal/cli"
)

// run executes the CLI in-process and returns exit code, stdout, stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), args, cli.Env{
		Stdin:  strings.NewReader(stdin),
		Stdout: &stdout,
		Stderr: &stderr,
		Getenv: func(string) string { return "" },
		Dir:    t.TempDir(),
	})
	return code, stdout.String(), stderr.String()
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const goodTask = `{
  "family": "good",
  "taskRoleArn": "arn:aws:iam::123456789012:role/good-task",
  "executionRoleArn": "arn:aws:iam::123456789012:role/good-exec",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256", "memory": "512",
  "containerDefinitions": [{
    "name": "app",
    "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0.0",
    "essential": true,
    "user": "1000",
    "readonlyRootFilesystem": true,
    "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app"}},
    "healthCheck": {"command": ["CMD", "/bin/health"]}
  }]
}`

// badTask has no task role and runs on EC2: task-role-missing (high).
const badTask = `{
  "family": "bad",
  "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 256}]
}`

const secretTask = `{
  "family": "leaky",
  "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 256,
    "environment": [{"name": "AWS_SECRET_ACCESS_KEY", "value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}]}]
}`

func TestExitCodes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := write(t, dir, "good.json", goodTask)
	bad := write(t, dir, "bad.json", badTask)
	broken := write(t, dir, "broken.json", "{\n  \"family\": \"x\",\n  \"containerDefinitions\": [\n}\n")
	notECS := write(t, dir, "package.json", `{"name": "left-pad", "version": "1.0.0"}`)
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"clean file", []string{"--no-config", good}, cli.ExitOK},
		{"finding at default fail-on", []string{"--no-config", bad}, cli.ExitFindings},
		{"finding below fail-on", []string{"--no-config", "--fail-on", "critical", bad}, cli.ExitOK},
		{"fail-on none", []string{"--no-config", "--fail-on", "none", bad}, cli.ExitOK},
		{"only a silent rule enabled", []string{"--no-config", "--disable", "all", "--enable", "image-tag-latest", bad}, cli.ExitOK},
		{"only the firing rule enabled", []string{"--no-config", "--disable", "all", "--enable", "security", "--disable", "task-role-missing", "--fail-on", "high", bad}, cli.ExitOK},
		{"firing rule alone", []string{"--no-config", "--disable", "all", "--enable", "task-role-missing", bad}, cli.ExitFindings},
		{"invalid JSON", []string{"--no-config", broken}, cli.ExitError},
		{"invalid JSON beside a finding", []string{"--no-config", broken, bad}, cli.ExitError},
		{"explicit non-ECS file", []string{"--no-config", notECS}, cli.ExitError},
		{"missing file", []string{"--no-config", filepath.Join(dir, "nope.json")}, cli.ExitError},
		{"no input", []string{"--no-config"}, cli.ExitError},
		{"bad flag", []string{"--no-config", "--fail-on", "severe", good}, cli.ExitError},
		{"unknown rule", []string{"--no-config", "--enable", "no-such-rule", good}, cli.ExitError},
		{"lint subcommand", []string{"lint", "--no-config", good}, cli.ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(t, "", tt.args...)
			if code != tt.want {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.want, stdout, stderr)
			}
		})
	}
}

func TestWalkSkipsNonECSFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "app/package.json", `{"name": "x"}`)
	write(t, dir, "app/compose.yaml", "services:\n  web:\n    image: nginx\n")
	write(t, dir, "app/task.json", goodTask)
	code, stdout, stderr := run(t, "", "--no-config", "--format", "json", dir)
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	var out struct {
		Summary struct{ Files, Resources, Errors int }
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if out.Summary.Files != 3 || out.Summary.Resources != 1 || out.Summary.Errors != 0 {
		t.Errorf("summary %+v, want 3 files, 1 resource, 0 errors", out.Summary)
	}
}

func TestBrokenFileReportedWithLineAndOthersLinted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	broken := write(t, dir, "broken.json", "{\n  \"family\": \"x\",\n  \"containerDefinitions\": [\n}\n")
	bad := write(t, dir, "bad.json", badTask)
	for _, format := range []string{"text", "json"} {
		code, stdout, _ := run(t, "", "--no-config", "--format", format, broken, bad)
		if code != cli.ExitError {
			t.Errorf("%s: exit %d, want 2", format, code)
		}
		if !strings.Contains(stdout, "task-role-missing") {
			t.Errorf("%s: the valid file was not linted:\n%s", format, stdout)
		}
		if format == "text" && !strings.Contains(stdout, "4:1") {
			t.Errorf("text: error without its line:\n%s", stdout)
		}
		if format == "json" && !strings.Contains(stdout, `"line": 4`) {
			t.Errorf("json: error without its line:\n%s", stdout)
		}
	}
}

func TestStdin(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := run(t, badTask, "--no-config", "--format", "json", "-")
	if code != cli.ExitFindings {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, `"file": "<stdin>"`) {
		t.Errorf("stdin findings should name <stdin>:\n%s", stdout)
	}
	code, _, _ = run(t, "services:\n  web: {}\n", "--no-config", "-")
	if code != cli.ExitError {
		t.Errorf("stdin without an ECS document: exit %d, want 2", code)
	}
}

func TestNeverPrintsSecrets(t *testing.T) {
	t.Parallel()
	const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	dir := t.TempDir()
	f := write(t, dir, "leaky.json", secretTask)
	broken := write(t, dir, "broken.json", `{"family": "x", "containerDefinitions": [{"environment": [{"name": "TOKEN", "value": "`+secret+`" "oops"}]}]}`)
	for _, format := range []string{"text", "json"} {
		_, stdout, stderr := run(t, "", "--no-config", "--enable", "all", "--format", format, f, broken)
		if strings.Contains(stdout+stderr, secret) || strings.Contains(stdout+stderr, "wJalrXUtnFEMI") {
			t.Errorf("%s output leaks the secret value:\n%s%s", format, stdout, stderr)
		}
	}
}

func TestJSONOutputMatchesSchema(t *testing.T) {
	t.Parallel()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile("../../docs/output.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write(t, dir, "bad.json", badTask)
	write(t, dir, "good.json", goodTask)
	write(t, dir, "broken.json", "{")
	write(t, dir, "multi.yaml", "serviceName: web\ntaskDefinition: bad\ndesiredCount: 1\nlaunchType: FARGATE\nloadBalancers:\n  - loadBalancerName: clb\n    containerName: app\n    containerPort: 80\n")
	_, stdout, _ := run(t, "", "--no-config", "--enable", "all", "--format", "json", dir, "../../testdata/examples")
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(stdout))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("output does not match docs/output.schema.json: %v", err)
	}
	var out struct {
		Findings []json.RawMessage
		Errors   []json.RawMessage
	}
	_ = json.Unmarshal([]byte(stdout), &out)
	if len(out.Findings) < 5 || len(out.Errors) != 1 {
		t.Errorf("want several findings and one error, got %d and %d", len(out.Findings), len(out.Errors))
	}
}

func TestOutputDeterministic(t *testing.T) {
	t.Parallel()
	var first string
	for i := 0; i < 5; i++ {
		_, stdout, _ := run(t, "", "--format", "json", "--enable", "all", "--workers", "4", "../../testdata/examples", "../../testdata/examples/legacy-ec2.json")
		if i == 0 {
			first = stdout
		} else if stdout != first {
			t.Fatal("output differs between runs")
		}
	}
}

func TestSeveralOutputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := write(t, dir, "bad.json", badTask)
	out := filepath.Join(dir, "out", "results.json")
	code, stdout, stderr := run(t, "", "--no-config", "--format", "json", "--output", out, "--format", "text", bad)
	if code != cli.ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "task-role-missing") || strings.Contains(stdout, "schema_version") {
		t.Errorf("stdout should hold the text output:\n%s", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil || !json.Valid(data) {
		t.Errorf("json output file missing or invalid: %v", err)
	}
	if code, _, _ := run(t, "", "--format", "json", "--format", "text", bad); code != cli.ExitError {
		t.Errorf("two formats on stdout: exit %d, want 2", code)
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := write(t, dir, "bad.json", badTask)
	tests := []struct {
		name, config string
		want         int
		stderr       string
	}{
		{"severity override", "version: 1\nrules:\n  task-role-missing: {severity: info}\n  image-from-docker-hub: {enabled: false}\n  security: {severity: info}\n  reliability: {severity: info}\n  observability: {severity: info}\n", cli.ExitOK, ""},
		{"unknown key", "version: 1\nrulez: {}\n", cli.ExitError, "rulez"},
		{"unknown rule", "version: 1\nrules:\n  no-such-rule: {enabled: false}\n", cli.ExitError, "no-such-rule"},
		{"unknown option", "version: 1\nrules:\n  task-role-missing: {colour: red}\n", cli.ExitError, "colour"},
		{"bad severity", "version: 1\nrules:\n  task-role-missing: {severity: severe}\n", cli.ExitError, "severe"},
		{"wrong version", "version: 2\n", cli.ExitError, "version"},
		{"ignore without reason", "version: 1\nignore:\n  - rule: task-role-missing\n", cli.ExitError, "reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := write(t, t.TempDir(), ".ecslint.yaml", tt.config)
			code, stdout, stderr := run(t, "", "--config", cfg, "--fail-on", "low", bad)
			if code != tt.want {
				t.Errorf("exit %d, want %d\n%s\n%s", code, tt.want, stdout, stderr)
			}
			if tt.stderr != "" && !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr should mention %q:\n%s", tt.stderr, stderr)
			}
		})
	}
}

func TestInstanceRoleFlag(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	f := write(t, dir, "td.json", `{"family": "x", "taskRoleArn": "arn:aws:iam::123456789012:role/ecsInstanceRole",
	  "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 256}]}`)
	_, stdout, _ := run(t, "", "--no-config", f)
	if strings.Contains(stdout, "task-role-is-instance-role") {
		t.Fatalf("fired without knowing the instance role:\n%s", stdout)
	}
	_, stdout, _ = run(t, "", "--no-config", "--instance-role", "arn:aws:iam::123456789012:role/ecsInstanceRole", f)
	if !strings.Contains(stdout, "task-role-is-instance-role") {
		t.Fatalf("did not fire with --instance-role:\n%s", stdout)
	}
}

func TestColor(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := write(t, dir, "bad.json", badTask)
	_, plain, _ := run(t, "", "--no-config", bad)
	if strings.Contains(plain, "\x1b[") {
		t.Error("colour written to a non-terminal in auto mode")
	}
	_, colored, _ := run(t, "", "--no-config", "--color", "always", bad)
	if !strings.Contains(colored, "\x1b[") {
		t.Error("--color always wrote no colour")
	}
}

func TestRulesAndExplain(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"text", "json", "markdown"} {
		code, stdout, stderr := run(t, "", "rules", "--format", format)
		if code != cli.ExitOK || !strings.Contains(stdout, "task-role-missing") {
			t.Errorf("rules --format %s: exit %d\n%s\n%s", format, code, stdout, stderr)
		}
	}
	code, stdout, _ := run(t, "", "explain", "task-role-missing")
	if code != cli.ExitOK || !strings.Contains(stdout, "Fix:") {
		t.Errorf("explain: exit %d\n%s", code, stdout)
	}
	if code, _, _ := run(t, "", "explain", "nope"); code != cli.ExitError {
		t.Errorf("explain unknown rule: exit %d", code)
	}
	if code, stdout, _ := run(t, "", "version"); code != cli.ExitOK || !strings.HasPrefix(stdout, "ecslint ") {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
}

// TestFrameworkFilter runs only the rules mapped to Security Hub.
func TestFrameworkFilter(t *testing.T) {
	t.Parallel()
	_, stdout, _ := run(t, "", "--no-config", "--framework", "securityhub", "--enable", "all", "--format", "json", "--fail-on", "none", "../../testdata/examples")
	var out struct {
		Summary  struct{ Rules int }
		Findings []struct{ Rule string }
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	_, rulesJSON, _ := run(t, "", "rules", "--format", "json")
	var catalog []struct {
		ID         string
		Frameworks map[string][]string
	}
	if err := json.Unmarshal([]byte(rulesJSON), &catalog); err != nil {
		t.Fatal(err)
	}
	mapped := map[string]bool{}
	for _, r := range catalog {
		if len(r.Frameworks["securityhub"]) > 0 {
			mapped[r.ID] = true
		}
	}
	if out.Summary.Rules != len(mapped) || len(mapped) == 0 {
		t.Errorf("%d rules ran, want the %d mapped to securityhub", out.Summary.Rules, len(mapped))
	}
	if len(out.Findings) == 0 {
		t.Fatal("no findings on the examples")
	}
	for _, f := range out.Findings {
		if !mapped[f.Rule] {
			t.Errorf("%s ran but is not mapped to securityhub", f.Rule)
		}
	}
}

// TestSARIFOutputValidates lints the bundled examples to SARIF through the
// CLI and validates the file against the OASIS SARIF 2.1.0 schema, whose
// path .ci/run sets in ECSLINT_SARIF_SCHEMA.
func TestSARIFOutputValidates(t *testing.T) {
	t.Parallel()
	schemaPath := os.Getenv("ECSLINT_SARIF_SCHEMA")
	if schemaPath == "" {
		t.Skip("ECSLINT_SARIF_SCHEMA is not set; .ci/run sets it to the shared SARIF 2.1.0 schema")
	}
	if _, err := os.Stat(schemaPath); err != nil {
		t.Fatalf("ECSLINT_SARIF_SCHEMA=%s: %v", schemaPath, err)
	}
	sch, err := jsonschema.NewCompiler().Compile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "ecslint.sarif")
	dir := t.TempDir()
	write(t, dir, "broken.json", "{")
	cfg := write(t, dir, ".ecslint.yaml", "version: 1\nignore:\n  - rule: image-tag-latest\n    reason: pinned by the deploy pipeline\n")
	code, _, stderr := run(t, "", "--config", cfg, "--format", "sarif", "--output", out, "../../testdata/examples", filepath.Join(dir, "broken.json"))
	if code != cli.ExitError {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("SARIF output is not valid SARIF 2.1.0: %v", err)
	}
	if !strings.Contains(string(data), `"suppressions"`) || !strings.Contains(string(data), `"security-severity"`) {
		t.Errorf("SARIF lacks suppressions or security-severity")
	}
}
