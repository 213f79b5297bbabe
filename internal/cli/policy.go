package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/topdown/print"
	"github.com/spf13/pflag"

	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/rules"
)

// ruleCatalog is the built-in catalog with the rules of the user policy
// directories added; the policies are nil when there are none.
func ruleCatalog(dirs []string) (*catalog.Catalog, *engine.Policies, error) {
	cat := catalog.Builtin()
	if len(dirs) == 0 {
		return cat, nil, nil
	}
	pols, err := engine.ReadPolicies(dirs)
	if err != nil {
		return nil, nil, err
	}
	if err := cat.Add(pols.Rules...); err != nil {
		return nil, nil, fmt.Errorf("policy %w", err)
	}
	return cat, pols, nil
}

// policyDirs are the user policy directories of a run: the config's, then
// the flags'.
func policyDirs(cfgDirs, flagDirs []string) []string {
	return append(append([]string{}, cfgDirs...), flagDirs...)
}

// catalogFlags are the flags that decide which user rules `rules` and
// `explain` know, as lint finds them: --policy and the config's policies.
type catalogFlags struct {
	lint lintFlags
}

func newCatalogFlags(fs *pflag.FlagSet) *catalogFlags {
	cf := &catalogFlags{}
	fs.StringArrayVar(&cf.lint.policies, "policy", nil, "also know the rules in this directory (repeatable)")
	fs.StringVarP(&cf.lint.configPath, "config", "c", "", "config file whose policies to know (default: .ecslint.yaml found from the working directory up)")
	fs.BoolVar(&cf.lint.noConfig, "no-config", false, "ignore .ecslint.yaml files")
	return cf
}

func (cf *catalogFlags) load(env Env) (*catalog.Catalog, error) {
	cfg, err := loadConfig(cf.lint, env.Dir)
	if err != nil {
		return nil, err
	}
	cat, _, err := ruleCatalog(policyDirs(cfg.Policies, cf.lint.policies))
	return cat, err
}

// printHook writes the output of print() in user rules, shown with
// --debug, as file:line: text. Rules print from every worker at once.
type printHook struct {
	mu sync.Mutex
	w  io.Writer
}

func (h *printHook) Print(ctx print.Context, msg string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	where := "print"
	if ctx.Location != nil {
		where = fmt.Sprintf("%s:%d", ctx.Location.File, ctx.Location.Row)
	}
	_, err := fmt.Fprintf(h.w, "%s: %s\n", where, msg)
	return err
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
	_, pols, err := ruleCatalog(dirs)
	if err != nil {
		return ExitError, err
	}
	modules, err := pols.TestModules()
	if err != nil {
		return ExitError, err
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
