package terraform_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ecslint/ecslint/internal/benchgen"
	"github.com/ecslint/ecslint/internal/source/terraform"
)

// BenchmarkLoad200 evaluates a root of 200 task definitions and 200
// services written with jsonencode, locals and a local module called with
// for_each (the root bench/terraform.sh lints end to end).
func BenchmarkLoad200(b *testing.B) {
	dir := b.TempDir()
	if err := benchgen.Terraform(dir, 200); err != nil {
		b.Fatal(err)
	}
	root := filepath.Join(dir, "tf")
	src := terraform.New(terraform.Options{})
	b.ReportAllocs()
	for b.Loop() {
		l := src.Load(context.Background(), root)
		if len(l.Errors) > 0 || len(l.Resources) != 400 {
			b.Fatalf("%d resources, errors %v", len(l.Resources), l.Errors)
		}
	}
}
