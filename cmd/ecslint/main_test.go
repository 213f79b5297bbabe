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
