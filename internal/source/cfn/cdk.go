package cfn

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/files"
)

// FormatCDK names a CDK cloud assembly in the run summary.
const FormatCDK = "cdk"

// maxAssemblyDepth bounds nested cloud assemblies (CDK stages).
const maxAssemblyDepth = 8

// CDK reads a CDK cloud assembly (cdk.out) through its manifest.json: the
// stack templates it names are linted as templates, with each resource's
// construct path from the manifest when the template does not carry
// aws:cdk:path metadata, and the templates count as consumed so a walk of
// cdk.out does not lint them twice.
type CDK struct{}

// Name implements files.Format.
func (CDK) Name() string { return FormatCDK }

// Match implements files.Format: a manifest.json with a version and
// artifacts, one of them a CloudFormation stack or a nested assembly.
func (CDK) Match(f *files.File) bool {
	if filepath.Base(f.Name) != "manifest.json" || len(f.Docs) != 1 {
		return false
	}
	root, ok := f.Docs[0].Value.(ast.Object)
	if !ok || get(root, "version") == nil {
		return false
	}
	arts, ok := get(root, "artifacts").(ast.Object)
	if !ok {
		return false
	}
	found := false
	arts.Until(func(_, v *ast.Term) bool {
		switch t, _ := get(v.Value, "type").(ast.String); t {
		case "aws:cloudformation:stack", "cdk:cloud-assembly":
			found = true
		}
		return found
	})
	return found
}

// Load implements files.Format.
func (CDK) Load(ctx context.Context, f *files.File) *source.Loaded {
	out := &source.Loaded{Format: FormatCDK, Files: 1}
	loadAssembly(ctx, f.Name, f.Docs[0].Value, out, 0)
	return out
}

// loadAssembly loads the stacks of one manifest and of the assemblies it
// nests.
func loadAssembly(ctx context.Context, manifest string, root ast.Value, out *source.Loaded, depth int) {
	dir := filepath.Dir(manifest)
	arts, _ := get(root, "artifacts").(ast.Object)
	if arts == nil {
		return
	}
	for _, k := range arts.Keys() {
		if ctx.Err() != nil {
			return
		}
		art := arts.Get(k).Value
		props := get(art, "properties")
		switch t, _ := get(art, "type").(ast.String); t {
		case "aws:cloudformation:stack":
			name, _ := get(props, "templateFile").(ast.String)
			if name == "" {
				continue
			}
			path := filepath.Join(dir, string(name))
			out.Consumes = append(out.Consumes, path)
			out.Files++
			doc, err := readJSON(path)
			if err != nil {
				out.Errors = append(out.Errors, located(path, err))
				continue
			}
			if !isTemplate(doc.Value) {
				continue
			}
			t := newTemplate(path, 0, doc)
			t.cdkPaths = constructPaths(get(art, "metadata"))
			loadTemplate(t, out)
		case "cdk:cloud-assembly":
			sub, _ := get(props, "directoryName").(ast.String)
			if sub == "" || depth >= maxAssemblyDepth {
				continue
			}
			path := filepath.Join(dir, string(sub), "manifest.json")
			out.Files++
			doc, err := readJSON(path)
			if err != nil {
				out.Errors = append(out.Errors, located(path, err))
				continue
			}
			loadAssembly(ctx, path, doc.Value, out, depth+1)
		}
	}
}

// constructPaths maps logical ids to construct paths from a stack
// artifact's metadata: {"/Stack/Construct/Resource": [{"type":
// "aws:cdk:logicalId", "data": "LogicalId"}]}.
func constructPaths(meta ast.Value) map[string]string {
	obj, ok := meta.(ast.Object)
	if !ok {
		return nil
	}
	out := map[string]string{}
	obj.Foreach(func(k, v *ast.Term) {
		path, ok := k.Value.(ast.String)
		entries, ok2 := v.Value.(*ast.Array)
		if !ok || !ok2 {
			return
		}
		entries.Foreach(func(e *ast.Term) {
			if typ, _ := get(e.Value, "type").(ast.String); typ == "aws:cdk:logicalId" {
				if id, ok := get(e.Value, "data").(ast.String); ok {
					out[string(id)] = strings.TrimPrefix(string(path), "/")
				}
			}
		})
	})
	return out
}

// readJSON reads and parses a JSON file of the assembly.
func readJSON(path string) (*document.Document, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Base(path), errNotFound(err))
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, files.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Base(path), err)
	}
	if len(data) > files.MaxFileSize {
		return nil, fmt.Errorf("%s is larger than %d MiB", filepath.Base(path), files.MaxFileSize>>20)
	}
	return document.ParseJSON(data)
}

// errNotFound drops the path an *os.PathError repeats.
func errNotFound(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
