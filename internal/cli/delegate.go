package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// AuditBinary is the program that runs `ecslint audit`: the lint binary
// does not link the AWS SDK, whose package initialisation alone would
// cost every pre-commit run about 20 ms (package live says more).
const AuditBinary = "ecslint-audit"

// delegateAudit runs `audit` through ecslint-audit, found beside this
// executable or on PATH, with the same arguments, streams and exit code.
func delegateAudit(args []string, env Env) (int, error) {
	bin, err := findAuditBinary()
	if err != nil {
		return ExitError, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = env.Stdin, env.Stdout, env.Stderr
	cmd.Dir = env.Dir
	err = cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return ExitOK, nil
	case errors.As(err, &ee) && ee.ExitCode() >= 0:
		return ee.ExitCode(), errDelegated
	default:
		return ExitError, fmt.Errorf("run %s: %w", bin, err)
	}
}

// errDelegated says the delegate already reported what went wrong: the
// exit code stands, nothing more is printed.
var errDelegated = errors.New("reported by " + AuditBinary)

func findAuditBinary() (string, error) {
	name := AuditBinary
	if exe, err := os.Executable(); err == nil {
		if resolved, err := filepath.EvalSymlinks(exe); err == nil {
			exe = resolved
		}
		beside := filepath.Join(filepath.Dir(exe), name+filepath.Ext(exe))
		if info, err := os.Stat(beside); err == nil && !info.IsDir() {
			return beside, nil
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	return "", usagef("ecslint audit runs the %s program, which is not installed beside ecslint nor on PATH: go install github.com/ecslint/ecslint/cmd/%s@%s (or go install ./cmd/%s from a clone)", name, name, versionForInstall(), name)
}

// versionForInstall is the version to name in install hints.
func versionForInstall() string {
	if Version == "" || Version == "dev" {
		return "latest"
	}
	return Version
}
