package main_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBinary builds ecslint and runs it the way users do: the README's
// first command, stdin, and exit codes from a real process.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "ecslint")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := func(stdin string, args ...string) (int, string, string) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = "../.."
		cmd.Stdin = strings.NewReader(stdin)
		cmd.Env = append(os.Environ(), "NO_COLOR=1")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatalf("run %v: %v", args, err)
		}
		return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
	}

	code, stdout, stderr := run("", "testdata/examples")
	if code != 1 || !strings.Contains(stdout, "sensitive-host-mount") || !strings.Contains(stdout, "no-s3-volume") || strings.Contains(stdout, "\x1b[") {
		t.Errorf("README command: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, _ = run(`{"family": "x", "containerDefinitions": [{"name": "a", "image": "nginx:1.27", "memory": 64}]}`, "--no-config", "--format", "json", "-")
	if code != 1 || !strings.Contains(stdout, `"<stdin>"`) {
		t.Errorf("stdin: exit %d\n%s", code, stdout)
	}
	if code, _, stderr = run("", "--fail-on", "bogus", "testdata/examples"); code != 2 || !strings.Contains(stderr, "--fail-on") {
		t.Errorf("usage error: exit %d\n%s", code, stderr)
	}
	if code, stdout, _ = run("", "version"); code != 0 || !strings.HasPrefix(stdout, "ecslint ") {
		t.Errorf("version: exit %d %q", code, stdout)
	}
}

// TestLintBinaryLinksNoAWSSDK keeps the AWS SDK out of ecslint: its
// package initialisation costs every process about 20 ms, which a
// pre-commit run must not pay. The audit links it in ecslint-audit.
func TestLintBinaryLinksNoAWSSDK(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.HasPrefix(pkg, "github.com/aws/aws-sdk-go-v2") {
			t.Errorf("ecslint links %s; keep the AWS SDK in cmd/ecslint-audit", pkg)
		}
	}
}

// TestAuditDelegation builds ecslint and ecslint-audit side by side:
// `ecslint audit` runs the audit binary with its arguments and exit code,
// and names how to install it when it is missing.
func TestAuditDelegation(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binaries")
	}
	t.Parallel()
	dir := t.TempDir()
	for _, b := range []struct{ out, pkg string }{{"ecslint", "."}, {"ecslint-audit", "../ecslint-audit"}} {
		if out, err := exec.Command("go", "build", "-o", filepath.Join(dir, b.out), b.pkg).CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", b.pkg, err, out)
		}
	}
	run := func(bin string, args ...string) (int, string, string) {
		cmd := exec.Command(bin, args...)
		cmd.Env = []string{"PATH=" + t.TempDir(), "HOME=" + t.TempDir(), "NO_COLOR=1"}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		_ = cmd.Run()
		return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
	}
	// Usage errors come from ecslint-audit, with its exit code.
	code, _, stderr := run(filepath.Join(dir, "ecslint"), "audit", "some/path")
	if code != 2 || !strings.Contains(stderr, "audit takes no paths") {
		t.Errorf("ecslint audit some/path: exit %d, stderr %q", code, stderr)
	}
	code, stdout, stderr := run(filepath.Join(dir, "ecslint"), "audit", "--help")
	if code != 0 || !strings.Contains(stdout+stderr, "--role-arn") {
		t.Errorf("ecslint audit --help: exit %d, output %q %q", code, stdout, stderr)
	}
	if err := os.Remove(filepath.Join(dir, "ecslint-audit")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(filepath.Join(dir, "ecslint"), "audit")
	if code != 2 || !strings.Contains(stderr, "go install github.com/ecslint/ecslint/cmd/ecslint-audit@") {
		t.Errorf("without ecslint-audit: exit %d, stderr %q", code, stderr)
	}
}
