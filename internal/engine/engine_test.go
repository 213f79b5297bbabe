package engine_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/rules"
)

// BenchmarkLoadCatalog measures parsing the embedded bundle with its
// annotations: part of every cold start.
func BenchmarkLoadCatalog(b *testing.B) {
	for b.Loop() {
		if _, err := engine.LoadCatalog(rules.FS); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompile measures compiling and preparing the default rules.
func BenchmarkCompile(b *testing.B) {
	cat, err := engine.LoadCatalog(rules.FS)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := engine.New(context.Background(), cat, engine.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompileTrusted is the compile a lint run pays.
func BenchmarkCompileTrusted(b *testing.B) {
	cat, err := engine.LoadCatalog(rules.FS)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := engine.New(context.Background(), cat, engine.Options{Trusted: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkColdStart is what a pre-commit run pays before evaluating:
// parse the bundle and compile the default rules.
func BenchmarkColdStart(b *testing.B) {
	for b.Loop() {
		cat, err := engine.LoadCatalog(rules.FS)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := engine.New(context.Background(), cat, engine.Options{Trusted: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkColdStartSharded compiles on every core, as a short run does.
func BenchmarkColdStartSharded(b *testing.B) {
	for b.Loop() {
		cat, err := engine.LoadCatalog(rules.FS)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := engine.New(context.Background(), cat, engine.Options{Trusted: true, Shards: runtime.GOMAXPROCS(0)}); err != nil {
			b.Fatal(err)
		}
	}
}
