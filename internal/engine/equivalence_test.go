package engine_test

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/ecslint/ecslint/internal/analyzer"
	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/source/ecsjson"
	"github.com/ecslint/ecslint/internal/source/files"
	"github.com/ecslint/ecslint/rules"
)

// configs are the data.ecslint.config documents both engines run with:
// the defaults, and one that turns on the rules' configured branches.
var configs = []map[string]any{
	{"options": map[string]any{}, "allowed_registries": []any{}},
	{
		"options":            map[string]any{"resources-untagged": map[string]any{"required_tags": []any{"owner", "team"}}},
		"allowed_registries": []any{"123456789012.dkr.ecr.us-east-1.amazonaws.com", "public.ecr.aws"},
	},
}

// engines returns, for each config, the engine a run loads and one built by
// OPA's whole compile of the source, both with every rule.
func engines(t *testing.T) [][2]*engine.Engine {
	t.Helper()
	ctx := context.Background()
	all := catalog.Builtin().Rules
	var out [][2]*engine.Engine
	for _, cfg := range configs {
		loaded, err := engine.New(ctx, engine.Options{Rules: all, Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		ref, err := engine.NewReference(ctx, engine.Options{Rules: all, Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, [2]*engine.Engine{loaded, ref})
	}
	return out
}

// TestLoadedMatchesCompiled runs every example document, every input of
// the Rego tests and the shared corpus through the loaded bundle and a
// fresh compile of its source, and requires identical findings.
func TestLoadedMatchesCompiled(t *testing.T) {
	t.Parallel()
	pairs := engines(t)
	t.Run("files", func(t *testing.T) {
		t.Parallel()
		paths := []string{"../../rules"}
		if dir := os.Getenv("ECSLINT_CORPUS"); dir != "" {
			if _, err := os.Stat(dir); err != nil {
				t.Fatalf("ECSLINT_CORPUS=%s: %v", dir, err)
			}
			paths = append(paths, dir)
		} else {
			t.Log("ECSLINT_CORPUS is not set: comparing on the examples and Rego test inputs only")
		}
		ex := files.Expand(paths)
		units, _ := files.Units(ex, files.Options{Formats: []files.Format{ecsjson.Format{}}})
		all := catalog.Builtin().Rules
		for i, pair := range pairs {
			var results [2]*finding.Result
			for j, eng := range pair {
				res, err := analyzer.New(eng, analyzer.Options{Rules: all}).Run(context.Background(), units)
				if err != nil {
					t.Fatal(err)
				}
				results[j] = res
			}
			if results[0].Resources < 100 || len(results[0].Findings) < 100 {
				t.Fatalf("config %d: only %d resources and %d findings compared", i, results[0].Resources, len(results[0].Findings))
			}
			if diff := cmp.Diff(results[1].Findings, results[0].Findings); diff != "" {
				t.Errorf("config %d: findings differ (-fresh compile +loaded):\n%s", i, diff)
			}
			if diff := cmp.Diff(results[1].Errors, results[0].Errors); diff != "" {
				t.Errorf("config %d: errors differ (-fresh compile +loaded):\n%s", i, diff)
			}
		}
	})
	t.Run("rego-test-inputs", func(t *testing.T) {
		t.Parallel()
		inputs := regoTestInputs(t)
		if len(inputs) < 100 {
			t.Fatalf("only %d Rego test inputs found", len(inputs))
		}
		// The default config only: the tests set their own config with
		// `with data...`, which the inputs do not carry.
		fired := 0
		for _, in := range inputs {
			var got [2]string
			for j, eng := range pairs[0] {
				reps, err := eng.Eval(context.Background(), in)
				got[j] = describe(reps, err)
				fired += len(reps)
			}
			if got[0] != got[1] {
				t.Errorf("input %v:\nloaded: %s\nfresh:  %s", in, got[0], got[1])
			}
		}
		if fired == 0 {
			t.Error("no rule fired on any Rego test input")
		}
	})
}

// regoTestInputs runs the bundle's Rego tests with a capture call added
// beside every expression evaluated `with input as ...`, and returns each
// input document they evaluate a rule with; one without a kind is tried as
// every kind.
func regoTestInputs(t *testing.T) []ast.Value {
	t.Helper()
	kinds := map[string]bool{}
	for _, r := range catalog.Builtin().Rules {
		for _, k := range r.Resources {
			kinds[k] = true
		}
	}
	// Tests of several packages build the same documents.
	distinct := map[string]ast.Value{}
	for _, inputs := range regoTestInputsByPackage(t) {
		for _, v := range inputs {
			distinct[v.String()] = v
		}
	}
	var out []ast.Value
	for _, v := range distinct {
		obj, ok := v.(ast.Object)
		if ok && obj.Get(ast.StringTerm("kind")) == nil {
			for k := range kinds {
				withKind := obj.Copy()
				withKind.Insert(ast.StringTerm("kind"), ast.StringTerm(k))
				out = append(out, withKind)
			}
			continue
		}
		out = append(out, v)
	}
	return out
}

// regoTestInputsByPackage returns the distinct input documents the Rego
// tests evaluate, by the package of the test module that evaluates them
// (data.ecslint.rules.security["privileged-container_test"]). The
// documents are built by the tests' helper functions, so only evaluating
// the tests yields them.
func regoTestInputsByPackage(t *testing.T) map[string][]ast.Value {
	t.Helper()
	mods, err := engine.SourceModules(rules.FS, true)
	if err != nil {
		t.Fatal(err)
	}
	const capture = "ecslint.test.capture"
	for name, m := range mods {
		if !strings.HasSuffix(name, "_test.rego") {
			continue
		}
		pkg := ast.StringTerm(m.Package.Path.String())
		ast.WalkRules(m, func(r *ast.Rule) bool {
			var body ast.Body
			for _, e := range r.Body {
				for _, w := range e.With {
					if w.Target.Value.Compare(ast.InputRootRef) == 0 {
						call := ast.NewExpr([]*ast.Term{ast.RefTerm(ast.VarTerm("ecslint"), ast.StringTerm("test"), ast.StringTerm("capture")), pkg, ast.NewTerm(ast.InputRootRef)})
						call.With = []*ast.With{w.Copy()}
						call.Location = e.Location
						body = append(body, call)
						break
					}
				}
				body = append(body, e)
			}
			for i := range body {
				body[i].Index = i
			}
			r.Body = body
			return false
		})
	}
	var mu sync.Mutex
	seen := map[string]map[string]ast.Value{}
	decl := &ast.Builtin{Name: capture, Decl: types.NewFunction(types.Args(types.S, types.A), types.B)}
	builtins := append(engine.RunnerBuiltins(), &tester.Builtin{Decl: decl, Func: rego.Function2(&rego.Function{Name: capture, Decl: decl.Decl},
		func(_ rego.BuiltinContext, pkg, in *ast.Term) (*ast.Term, error) {
			p := string(pkg.Value.(ast.String))
			mu.Lock()
			if seen[p] == nil {
				seen[p] = map[string]ast.Value{}
			}
			seen[p][in.String()] = in.Value
			mu.Unlock()
			return ast.BooleanTerm(true), nil
		})})
	caps := engine.Capabilities()
	caps.Builtins = append(caps.Builtins, decl)
	ctx := context.Background()
	store := inmem.New()
	txn := storage.NewTransactionOrDie(ctx, store)
	defer store.Abort(ctx, txn)
	ch, err := tester.NewRunner().SetCompiler(ast.NewCompiler().WithCapabilities(caps)).SetStore(store).
		SetModules(mods).AddCustomBuiltins(builtins).RunTests(ctx, txn)
	if err != nil {
		t.Fatal(err)
	}
	for r := range ch {
		if r.Error != nil || r.Fail {
			t.Errorf("Rego test %s.%s with capture calls: %v (fail %v)", r.Package, r.Name, r.Error, r.Fail)
		}
	}
	out := make(map[string][]ast.Value, len(seen))
	for p, inputs := range seen {
		for _, v := range inputs {
			out[p] = append(out[p], v)
		}
	}
	return out
}

// describe renders reports in a stable order for comparison.
func describe(reps []engine.Report, err error) string {
	lines := make([]string, 0, len(reps)+1)
	for _, r := range reps {
		lines = append(lines, fmt.Sprintf("%s %s %v %q %s", r.Category, r.Rule, r.Path, r.Message, r.Severity))
	}
	sort.Strings(lines)
	if err != nil {
		lines = append(lines, "error: "+err.Error())
	}
	return strings.Join(lines, "\n")
}
