package analyzer_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/analyzer"
	"github.com/ecslint/ecslint/internal/benchgen"
	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/ecsjson"
	"github.com/ecslint/ecslint/internal/source/files"
)

// benchFiles is the corpus size: enough files for per-file figures to
// settle, few enough to generate in a few milliseconds.
const benchFiles = 300

// corpus writes n generated task definitions (seed 1, the corpus
// bench/bench.sh uses) and returns them as units, as the CLI builds them.
func corpus(b *testing.B, n int) []source.Unit {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "corpus")
	if _, err := benchgen.Write(dir, n, benchgen.Config{Seed: 1}); err != nil {
		b.Fatal(err)
	}
	ex := files.Expand([]string{dir})
	units, _ := files.Units(ex, files.Options{Formats: []files.Format{ecsjson.Format{}}})
	if len(ex.Errors) > 0 || len(units) != n {
		b.Fatalf("expand corpus: %d units, errors %v", len(units), ex.Errors)
	}
	return units
}

func newEngine(b *testing.B) *engine.Engine {
	b.Helper()
	eng, err := engine.New(context.Background(), engine.Options{Rules: catalog.Builtin().Defaults()})
	if err != nil {
		b.Fatal(err)
	}
	return eng
}

// BenchmarkRun lints the whole corpus per op on GOMAXPROCS workers, the way
// the CLI does for a directory. ns/file and files/s are the figures to
// compare with bench/bench.sh.
func BenchmarkRun(b *testing.B) {
	inputs := corpus(b, benchFiles)
	an := analyzer.New(newEngine(b), analyzer.Options{})
	ctx := context.Background()
	b.ReportAllocs()
	findings := 0
	for b.Loop() {
		res, err := an.Run(ctx, inputs)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Errors) > 0 {
			b.Fatalf("input errors: %v", res.Errors[0])
		}
		findings = len(res.Findings)
	}
	files := float64(b.N * len(inputs))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/files, "ns/file")
	b.ReportMetric(files/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(findings)/float64(len(inputs)), "findings/file")
}

// BenchmarkRunFile lints one file per op on one worker: ns/op, B/op and
// allocs/op are the serial cost of one file through read, parse, evaluate
// and locate.
func BenchmarkRunFile(b *testing.B) {
	inputs := corpus(b, benchFiles)
	an := analyzer.New(newEngine(b), analyzer.Options{Workers: 1})
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := an.Run(ctx, inputs[i%len(inputs):i%len(inputs)+1]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkParse is the source's share of BenchmarkRunFile: read and parse
// into positions and an ast.Value.
func BenchmarkParse(b *testing.B) {
	inputs := corpus(b, benchFiles)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		l := inputs[i%len(inputs)].Load(context.Background())
		if len(l.Errors) > 0 {
			b.Fatal(l.Errors[0])
		}
		i++
	}
}

// BenchmarkEval is the engine's share of BenchmarkRunFile: one prepared
// query over an already parsed input.
func BenchmarkEval(b *testing.B) {
	inputs := corpus(b, benchFiles)
	related := ast.ObjectTerm(
		[2]*ast.Term{ast.StringTerm("services"), ast.ArrayTerm()},
		[2]*ast.Term{ast.StringTerm("instanceRoles"), ast.ArrayTerm()},
	)
	docs := make([]ast.Value, 0, len(inputs))
	for _, u := range inputs {
		for _, r := range u.Load(context.Background()).Resources {
			docs = append(docs, analyzer.Input(r, nil, related))
		}
	}
	eng := newEngine(b)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := eng.Eval(ctx, docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkLoad is the in-process part of a cold start: load the compiled
// bundle and prepare the queries of every default rule. Process start and
// OPA's package init come on top.
func BenchmarkLoad(b *testing.B) {
	ctx := context.Background()
	rules := catalog.Builtin().Defaults()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := engine.New(ctx, engine.Options{Rules: rules}); err != nil {
			b.Fatal(err)
		}
	}
}
