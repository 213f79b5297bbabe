package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/ecslint/ecslint/internal/suppress"
)

// runBaseline records today's findings so that later runs with
// --baseline report only new ones.
func runBaseline(ctx context.Context, args []string, env Env) (int, error) {
	var fl lintFlags
	fs := newLintFlags("baseline", env, &fl)
	if code, err := parseLintFlags(fs, args, &fl); err != nil {
		return code, err
	}
	if len(fl.outputs) != 1 || len(fl.formats) > 0 {
		return ExitError, usagef("baseline needs exactly one --output FILE (e.g. .ecslint-baseline.json) and no --format")
	}
	path := fl.outputs[0]
	res, _, err := lint(ctx, fl, fs.Args(), env)
	if err != nil {
		return ExitError, err
	}
	var buf bytes.Buffer
	if err := suppress.WriteBaseline(&buf, path, res); err != nil {
		return ExitError, err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return ExitError, fmt.Errorf("write baseline: %w", err)
	}
	n := 0
	for _, f := range res.Findings {
		if f.Suppressed == nil {
			n++
		}
	}
	fmt.Fprintf(env.Stdout, "recorded %d findings in %s\n", n, path)
	for _, e := range res.Errors {
		fmt.Fprintf(env.Stderr, "%s:%d:%d: %s\n", e.File, e.Line, e.Column, e.Message)
	}
	if len(res.Errors) > 0 {
		return ExitError, nil
	}
	return ExitOK, nil
}
