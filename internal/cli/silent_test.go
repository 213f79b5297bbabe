package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ecslint/ecslint/internal/cli"
	awssource "github.com/ecslint/ecslint/internal/source/aws"
)

// Tests for the silent passes of issue 9: each case exited 0 with a clean
// report while ecslint had not looked at what it was given.

// runIn executes the CLI in-process with dir as the working directory.
func runIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), args, cli.Env{
		Stdin:  strings.NewReader(""),
		Stdout: &stdout,
		Stderr: &stderr,
		Getenv: func(string) string { return "" },
		Dir:    dir,
		// What the ecslint-audit binary passes in; tests run the audit
		// in-process.
		Audit: awssource.Live,
	})
	return code, stdout.String(), stderr.String()
}

type envelope struct {
	Summary struct {
		Resources   int
		Findings    int
		Config      string
		SkippedDirs []string `json:"skipped_dirs"`
		Partial     []struct{ Kind, Name, File string }
	}
	Findings []struct {
		Rule     string
		Message  string
		Resource struct{ Kind, Name string }
		Location struct{ File string }
	}
	Warnings []string
}

func decodeEnvelope(t *testing.T, s string) envelope {
	t.Helper()
	var e envelope
	if err := json.Unmarshal([]byte(s), &e); err != nil {
		t.Fatalf("decode: %v\n%s", err, s)
	}
	return e
}

func rules(e envelope) []string {
	var out []string
	for _, f := range e.Findings {
		out = append(out, f.Rule)
	}
	return out
}

// GitHub's ECS deploy workflow keeps .aws/task-definition.json: a walk of
// the repository must lint it, and say which directories it skipped.
func TestHiddenDirectoriesAreWalked(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, ".aws/task-definition.json", badTask)
	write(t, dir, ".git/objects/x.json", badTask)
	write(t, dir, "node_modules/pkg/task.json", badTask)
	code, stdout, _ := run(t, "", "--no-config", "--format", "json", "--disable", "all", "--enable", "task-role-missing", dir)
	e := decodeEnvelope(t, stdout)
	if code != cli.ExitFindings || e.Summary.Resources != 1 || len(e.Findings) != 1 {
		t.Fatalf("exit %d, %d resources, findings %v; want the .aws task definition linted alone", code, e.Summary.Resources, rules(e))
	}
	if !strings.HasSuffix(e.Findings[0].Location.File, filepath.Join(".aws", "task-definition.json")) {
		t.Errorf("finding in %s", e.Findings[0].Location.File)
	}
	if strings.Join(e.Summary.SkippedDirs, ",") != ".git,node_modules" {
		t.Errorf("skipped_dirs = %v, want .git and node_modules", e.Summary.SkippedDirs)
	}
	_, text, _ := run(t, "", "--no-config", dir)
	if !strings.Contains(text, "not walked (version control and tool state): .git, node_modules") {
		t.Errorf("text output does not say what was not walked:\n%s", text)
	}
}

// A service whose task definition is not among the inputs loses the rules
// that need it: the run must say so, naming the reference.
func TestMissingRelationIsAWarning(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	svc := write(t, dir, "svc.json", `{"serviceName": "web", "taskDefinition": "web:7", "desiredCount": 1,
	  "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true, "rollback": true}}}`)
	code, stdout, _ := run(t, "", "--no-config", "--format", "json", svc)
	e := decodeEnvelope(t, stdout)
	found := false
	for _, w := range e.Warnings {
		if strings.Contains(w, "service web") && strings.Contains(w, "rules skipped: task definition web:7 not among the inputs") {
			found = true
		}
	}
	if !found {
		t.Errorf("exit %d; no warning about the missing task definition: %q", code, e.Warnings)
	}
}

// revisions builds a describe-task-definition document whose container
// maps port.
func revision(family string, rev, port int) string {
	r := ""
	if rev > 0 {
		r = `"revision": ` + itoa(rev) + `,`
	}
	return `{"taskDefinition": {"family": "` + family + `", ` + r + ` "networkMode": "bridge",
	  "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": ` + itoa(port) + `}]}]}}`
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

const lbService = `{"serviceName": "web", "taskDefinition": "web", "desiredCount": 1, "launchType": "EC2",
  "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/0123456789abcdef", "containerName": "app", "containerPort": 8080}]}`

// A bare family means the latest revision; two files of one family
// without revisions cannot be told apart, so the service is checked
// against each and the findings name the candidate they hold for.
func TestFamilyReferences(t *testing.T) {
	t.Parallel()
	t.Run("latest revision", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		write(t, dir, "web-1.json", revision("web", 1, 80))
		write(t, dir, "web-2.json", revision("web", 2, 8080))
		write(t, dir, "svc.json", lbService)
		_, stdout, _ := run(t, "", "--no-config", "--format", "json", "--disable", "all", "--enable", "lb-container-not-in-task", dir)
		if e := decodeEnvelope(t, stdout); len(e.Findings) != 0 {
			t.Errorf("the service was checked against an older revision: %v", e.Findings)
		}
	})
	t.Run("undecidable", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		write(t, dir, "a/taskdef.json", revision("web", 0, 80))
		write(t, dir, "b/taskdef.json", revision("web", 0, 8080))
		write(t, dir, "svc.json", lbService)
		_, stdout, _ := run(t, "", "--no-config", "--format", "json", "--disable", "all", "--enable", "lb-container-not-in-task", dir)
		e := decodeEnvelope(t, stdout)
		if len(e.Findings) != 1 || !strings.Contains(e.Findings[0].Message, "with task definition web from "+filepath.Join(dir, "a", "taskdef.json")) {
			t.Errorf("want one finding naming candidate a/taskdef.json, got %+v", e.Findings)
		}
	})
}

// Outside a repository the config search stops at the working directory:
// a config in a parent must not silently apply. Inside one it goes up to
// the root, and the run names the config it used.
func TestConfigSearch(t *testing.T) {
	t.Parallel()
	ignoreAll := "version: 1\nignore:\n  - rule: \"*\"\n    reason: everything\n"
	t.Run("outside a repository", func(t *testing.T) {
		t.Parallel()
		parent := t.TempDir()
		write(t, parent, ".ecslint.yaml", ignoreAll)
		work := filepath.Join(parent, "work")
		td := write(t, work, "td.json", badTask)
		code, stdout, _ := runIn(t, work, "--format", "json", td)
		e := decodeEnvelope(t, stdout)
		if code != cli.ExitFindings || e.Summary.Config != "" {
			t.Errorf("exit %d, config %q: the parent's config applied", code, e.Summary.Config)
		}
	})
	t.Run("inside a repository", func(t *testing.T) {
		t.Parallel()
		repo := t.TempDir()
		if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
			t.Fatal(err)
		}
		cfg := write(t, repo, ".ecslint.yaml", ignoreAll)
		work := filepath.Join(repo, "deploy")
		td := write(t, work, "td.json", badTask)
		code, stdout, _ := runIn(t, work, "--format", "json", td)
		e := decodeEnvelope(t, stdout)
		if code != cli.ExitOK || e.Summary.Config != cfg {
			t.Errorf("exit %d, config %q; want the repository's config %s applied", code, e.Summary.Config, cfg)
		}
		if len(e.Warnings) == 0 || !strings.Contains(strings.Join(e.Warnings, "\n"), `suppresses every rule on every resource`) {
			t.Errorf("an ignore of every rule everywhere is not a warning: %q", e.Warnings)
		}
		_, text, _ := runIn(t, work, td)
		if !strings.Contains(text, "config "+cfg) {
			t.Errorf("the text summary does not name the config:\n%s", text)
		}
	})
}

// A named FIFO (and so a process substitution, <(cat f)) can be read only
// once: the run must not read its inputs twice.
func TestNamedPipeIsReadOnce(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "td.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	go func() {
		// Each open of the FIFO for writing pairs with one open for
		// reading; a second read by the linter would block forever, so
		// only one writer is ever started.
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		_, _ = f.WriteString(badTask)
		_ = f.Close()
	}()
	done := make(chan struct{})
	var code int
	var stdout string
	go func() {
		defer close(done)
		code, stdout, _ = run(t, "", "--no-config", "--format", "json", "--disable", "all", "--enable", "task-role-missing", fifo)
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the run hangs on a named pipe")
	}
	if e := decodeEnvelope(t, stdout); code != cli.ExitFindings || len(e.Findings) != 1 {
		t.Errorf("exit %d, findings %v; want task-role-missing", code, rules(e))
	}
}

// update-service input changes only what it names: it is linted as a
// partial document, and the run says so.
func TestUpdateServiceIsPartial(t *testing.T) {
	t.Parallel()
	f := write(t, t.TempDir(), "update.json", `{"cluster": "prod", "service": "web", "forceNewDeployment": true, "desiredCount": 3}`)
	_, stdout, _ := run(t, "", "--no-config", "--format", "json", f)
	e := decodeEnvelope(t, stdout)
	if e.Summary.Resources != 1 || len(e.Summary.Partial) != 1 || e.Summary.Partial[0].Name != "web" {
		t.Fatalf("want the update linted as partial service web: %+v", e.Summary)
	}
	// Absent fields of an update are unchanged, not missing.
	for _, f := range e.Findings {
		if f.Rule == "deployment-circuit-breaker-off" {
			t.Errorf("a rule reasoned from a field the update does not change: %+v", f)
		}
	}
}

// A bare array of container definitions (Terraform's container_definitions
// = file(...)) is linted by the container-level rules; rules that need the
// task (roles, launch type) stay silent.
func TestBareContainerArray(t *testing.T) {
	t.Parallel()
	f := write(t, t.TempDir(), "containers.json", `[{"name": "app", "image": "nginx:1.27", "memory": 256, "privileged": true}]`)
	code, stdout, _ := run(t, "", "--no-config", "--format", "json", f)
	e := decodeEnvelope(t, stdout)
	got := map[string]bool{}
	for _, r := range rules(e) {
		got[r] = true
	}
	if code != cli.ExitFindings || e.Summary.Resources != 1 || !got["privileged-container"] {
		t.Fatalf("exit %d, %d resources, findings %v; want privileged-container on the array", code, e.Summary.Resources, rules(e))
	}
	for _, taskRule := range []string{"task-role-missing", "execution-role-missing", "fargate-network-mode", "container-memory-limit"} {
		if got[taskRule] {
			t.Errorf("%s fired on containers with no task context", taskRule)
		}
	}
	if e.Findings[0].Resource.Kind != "ContainerDefinitions" {
		t.Errorf("resource kind %q", e.Findings[0].Resource.Kind)
	}
}
