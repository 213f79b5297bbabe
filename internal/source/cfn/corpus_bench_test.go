package cfn_test

import (
	"context"
	"os"
	"testing"

	"github.com/ecslint/ecslint/internal/source/cfn"
	"github.com/ecslint/ecslint/internal/source/ecsjson"
	"github.com/ecslint/ecslint/internal/source/files"
)

// BenchmarkLoadCorpusTemplates loads the shared corpus's CloudFormation
// and SAM templates as the CLI does (read, parse, convert).
func BenchmarkLoadCorpusTemplates(b *testing.B) {
	dir := os.Getenv("ECSLINT_CORPUS")
	if dir == "" {
		b.Skip("ECSLINT_CORPUS unset")
	}
	units, _ := files.Units(files.Expand([]string{dir + "/cloudformation", dir + "/sam"}), files.Options{Formats: []files.Format{cfn.Format{}, ecsjson.Format{}}})
	b.ReportAllocs()
	for b.Loop() {
		for _, u := range units {
			u.Load(context.Background())
		}
	}
}
