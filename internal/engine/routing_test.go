package engine_test

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/analyzer"
	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source/ecsjson"
	"github.com/ecslint/ecslint/internal/source/files"
)

// TestRouting proves that the engine, not a test in the rules, keeps each
// rule off the kinds its METADATA does not list. Every input a rule fires
// on (its failing examples, the inputs of its Rego tests) is relabelled as
// each kind the rule does not read, and the rule must stay silent on it.
// The rules of the input's own kind run over the relabelled document
// (EvalAs) show what routing prevents: most rules would fire; the others
// reason about the kind themselves or through the library (the task a
// service runs, launch types).
func TestRouting(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	all := catalog.Builtin().Rules
	byPackage := regoTestInputsByPackage(t)
	tested := map[string]bool{}   // rules with an input they fire on
	unrouted := map[string]bool{} // rules that fire on a relabelled input run as its own kind
	for ci, cfg := range configs {
		eng, err := engine.New(ctx, engine.Options{Rules: all, Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range all {
			fired := firesRule(t, r)
			inputs := append(failingExamples(t, r), byPackage[fmt.Sprintf("data.ecslint.rules.%s[%q]", r.Category, r.ID+"_test")]...)
			for _, in := range inputs {
				obj, ok := in.(ast.Object)
				if !ok {
					continue
				}
				var own ast.String
				if kt := obj.Get(ast.StringTerm("kind")); kt != nil {
					own, _ = kt.Value.(ast.String)
				}
				if !r.Reads(string(own)) || !fired(eng.Eval(ctx, in)) {
					continue
				}
				tested[r.ID] = true
				for _, k := range kind.All {
					if r.Reads(k) {
						continue
					}
					relabelled := obj.Copy()
					relabelled.Insert(ast.StringTerm("kind"), ast.StringTerm(k))
					if fired(eng.Eval(ctx, relabelled)) {
						t.Errorf("config %d: %s does not read %s but fired on a %s input relabelled as one: %.300s", ci, r.ID, k, string(own), relabelled)
					}
					if !unrouted[r.ID] && fired(eng.EvalAs(ctx, string(own), relabelled)) {
						unrouted[r.ID] = true
					}
				}
			}
		}
	}
	for _, r := range all {
		if !tested[r.ID] {
			t.Errorf("%s: none of its failing examples or Rego test inputs makes it fire", r.ID)
		}
	}
	// Most rules judge the resource alone: if they no longer fire on the
	// relabelled inputs, the test shows nothing about routing.
	if len(unrouted) < len(all)/2 {
		t.Errorf("only %d of %d rules fire on a relabelled input run as its own kind", len(unrouted), len(all))
	}
}

// firesRule returns a test of an evaluation's result: whether rule r is
// among the reports.
func firesRule(t *testing.T, r *catalog.Rule) func([]engine.Report, error) bool {
	return func(reps []engine.Report, err error) bool {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(reps, func(rep engine.Report) bool { return rep.Rule == r.ID })
	}
}

// failingExamples returns the input documents of the raw ECS resources in
// r's fail-* examples, with no relations.
func failingExamples(t *testing.T, r *catalog.Rule) []ast.Value {
	t.Helper()
	// Only the .rego files are embedded: examples are read from the tree.
	names, err := filepath.Glob(filepath.Join("../../rules", path.Dir(r.File), "fail-*"))
	if err != nil || len(names) == 0 {
		t.Fatalf("%s: failing examples: %v", r.ID, err)
	}
	var out []ast.Value
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := files.Parse(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var format ecsjson.Format
		if !format.Match(f) {
			continue
		}
		for _, res := range format.Load(context.Background(), f).Resources {
			out = append(out, analyzer.Input(res, res.Problems, ast.ObjectTerm()))
		}
	}
	return out
}
