package cfn

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/source/files"
)

func loadFile(t *testing.T, path string) *files.File {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := &files.File{Name: path, Data: data}
	if d, err := document.ParseJSON(data); err == nil {
		f.Docs = []*document.Document{d}
	} else {
		f.YAML = true
		f.Docs, err = document.ParseYAML(data)
		if err != nil {
			t.Logf("%s: %v", path, err)
		}
	}
	return f
}

func TestDebugCorpus(t *testing.T) {
	dir := os.Getenv("CFN_DEBUG")
	if dir == "" {
		t.Skip()
	}
	paths, _ := filepath.Glob(dir)
	counts := map[string]int{}
	for _, p := range paths {
		f := loadFile(t, p)
		if !(Format{}).Match(f) {
			fmt.Println("NO MATCH", p)
			continue
		}
		l := Format{}.Load(context.Background(), f)
		for _, e := range l.Errors {
			fmt.Println("ERR", e)
		}
		for _, r := range l.Resources {
			counts[r.Kind]++
			fmt.Printf("%s %s %s variant=%q ids=%v unresolved=%v\n", filepath.Base(p), r.Kind, r.Name, r.Variant, r.IDs, r.Unresolved)
			for _, ref := range r.Refs {
				fmt.Printf("   ref %s %v %q -> %v\n", ref.Rel, ref.Path, ref.Text, ref.To)
			}
			if os.Getenv("CFN_VALUES") != "" && strings.Contains(r.Kind, os.Getenv("CFN_VALUES")) {
				fmt.Println("   ", r.Value.String())
			}
		}
	}
	fmt.Println(counts)
}
