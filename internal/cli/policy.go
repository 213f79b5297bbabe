package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/rules"
)

// loadPolicies adds user rule directories to the catalog; it reports
// whether any were loaded (which turns off the trusted compile).
func loadPolicies(cat *engine.Catalog, dirs []string) (bool, error) {
	for _, d := range dirs {
		if _, err := cat.AddPolicies(d); err != nil {
			return false, err
		}
	}
	return len(dirs) > 0, nil
}

func runPolicy(ctx context.Context, args []string, env Env) (int, error) {
	if len(args) == 0 {
		return ExitError, usagef("policy needs a subcommand: test DIR... or schema")
	}
	switch args[0] {
	case "schema":
		_, err := env.Stdout.Write(rules.InputSchema)
		return ExitOK, err
	case "test":
		return runPolicyTest(ctx, args[1:], env)
	}
	return ExitError, usagef("unknown policy subcommand %q (want test or schema)", args[0])
}

// runPolicyTest runs the Rego tests of user rule directories with OPA's
// tester, against the built-in library and under the same restrictions as
// a lint run.
func runPolicyTest(ctx context.Context, dirs []string, env Env) (int, error) {
	if len(dirs) == 0 {
		return ExitError, usagef("policy test needs at least one directory")
	}
	cat, err := loadCatalog()
	if err != nil {
		return ExitError, err
	}
	modules, err := cat.Modules()
	if err != nil {
		return ExitError, err
	}
	for _, d := range dirs {
		up, err := cat.AddPolicies(d)
		if err != nil {
			return ExitError, err
		}
		tests, err := engine.ParseFiles(up.Dir, up.Tests)
		if err != nil {
			return ExitError, err
		}
		for name, m := range tests {
			modules[name] = m
		}
	}
	for name, m := range cat.UserModules() {
		modules[name] = m
	}
	var pass, fail int
	err = engine.RunTests(ctx, modules, func(r *tester.Result) {
		// Only the user's tests are reported; the built-in bundle's own
		// tests run in ecslint's CI.
		if !underAny(r.Location.File, dirs) {
			return
		}
		switch {
		case r.Error != nil:
			fail++
			fmt.Fprintf(env.Stdout, "ERROR %s: %s.%s: %v\n", r.Location, r.Package, r.Name, r.Error)
		case r.Fail:
			fail++
			fmt.Fprintf(env.Stdout, "FAIL  %s: %s.%s\n%s", r.Location, r.Package, r.Name, r.Output)
		default:
			pass++
			fmt.Fprintf(env.Stdout, "PASS  %s.%s\n", strings.TrimPrefix(r.Package, "data."), r.Name)
		}
	})
	if err != nil {
		return ExitError, fmt.Errorf("compile policies: %w", err)
	}
	fmt.Fprintf(env.Stdout, "%d passed, %d failed\n", pass, fail)
	if fail > 0 || pass == 0 {
		return ExitFindings, nil
	}
	return ExitOK, nil
}

func underAny(file string, dirs []string) bool {
	for _, d := range dirs {
		if rel, err := filepath.Rel(d, file); err == nil && !strings.HasPrefix(rel, "..") {
			return true
		}
	}
	return false
}
