// Package terraform reads Terraform configurations without Terraform: it
// parses HCL modules with hashicorp/hcl, evaluates variables, locals,
// references, count, for_each and dynamic blocks to a fixed point with
// go-cty, follows local modules and those `terraform init` downloaded, and
// maps the AWS resources ECS rules read into their API shapes. Every key
// keeps the range it was written at, through jsonencode, heredoc JSON,
// file() and templatefile(). What it cannot know (a variable without a
// value, a computed attribute, a module not downloaded) stays unknown and
// named, never guessed.
//
// It also reads `terraform show -json` plans (see PlanFormat).
package terraform

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/files"
	"github.com/ecslint/ecslint/internal/source/terraform/funcs"
)

// Options are the user's inputs to every root of a run.
type Options struct {
	// Vars are the --var and --var-file flags in the order given.
	Vars []VarArg
}

// Source reads Terraform roots.
type Source struct {
	opts Options
}

// New returns a Terraform source.
func New(opts Options) *Source { return &Source{opts: opts} }

// Units returns one unit per root among dirs, the directories holding .tf
// files that the walk found (files.Options.Terraform): a directory that
// another of them calls as a local module is not a root (it is linted
// through its callers, with their arguments), unless the user named it.
// A directory whose files declare the same names twice is a folder of
// separate examples, not a module: each file is then a root of its own.
func (s *Source) Units(dirs []files.Input) ([]source.Unit, []string) {
	called := map[string]bool{}
	for _, d := range dirs {
		for _, c := range localCalls(d.Path) {
			if filepath.Clean(c) != filepath.Clean(d.Path) {
				called[filepath.Clean(c)] = true
			}
		}
	}
	var units []source.Unit
	for _, d := range dirs {
		if called[filepath.Clean(d.Path)] && !d.Explicit {
			continue
		}
		u := s.Root(d.Path)
		u.Explicit = d.Explicit
		units = append(units, u)
	}
	return units, nil
}

// Root returns the unit of one root module directory.
func (s *Source) Root(dir string) source.Unit {
	return source.Unit{Name: dir, Reloadable: true, Load: func(ctx context.Context) *source.Loaded { return s.Load(ctx, dir) }}
}

// localCalls lists the directories a module directory calls as local
// modules.
func localCalls(dir string) []string {
	names, _, err := tfFiles(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, n := range names {
		src, err := readLimited(n)
		if err != nil {
			continue
		}
		f, _ := parseSyntax(n, src)
		if f == nil {
			continue
		}
		content, _, _ := f.Body.PartialContent(topSchema)
		for _, b := range content.Blocks {
			if b.Type != "module" {
				continue
			}
			attrs, _ := b.Body.JustAttributes()
			if a, ok := attrs["source"]; ok {
				if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() && isLocalSource(v.AsString()) {
					out = append(out, filepath.Join(dir, filepath.FromSlash(v.AsString())))
				}
			}
		}
	}
	return out
}

func readLimited(name string) ([]byte, error) {
	return newFileSet(filepath.Dir(name)).load(name)
}

// Load evaluates one root and returns its resources. It never fails as a
// whole: what could not be read is in Errors and Warnings.
func (s *Source) Load(ctx context.Context, dir string) (out *source.Loaded) {
	defer func() {
		if r := recover(); r != nil {
			out = &source.Loaded{Format: source.FormatTerraform, Errors: []*source.Error{{File: dir, Err: fmt.Errorf("internal error evaluating the configuration: %v", r)}}}
		}
	}()
	return s.load(ctx, dir)
}

func (s *Source) load(ctx context.Context, dir string) *source.Loaded {
	names, _, err := tfFiles(dir)
	if err != nil {
		return &source.Loaded{Format: source.FormatTerraform, Errors: []*source.Error{{File: dir, Err: err}}}
	}
	fs := newFileSet(dir)
	mod := loadModule(dir, names, fs.load)
	if hasDuplicates(mod) && len(names) > 1 {
		// a folder of separate configurations: each file alone
		out := &source.Loaded{Format: source.FormatTerraform}
		out.Warnings = append(out.Warnings, fmt.Sprintf("%s: its .tf files declare the same names more than once, so they are not one module; each file is evaluated on its own", dir))
		for _, n := range names {
			if ctx.Err() != nil {
				break
			}
			part := s.evaluate(n, dir, loadModule(dir, []string{n}, fs.load), newFileSetFrom(fs))
			merge(out, part)
		}
		return out
	}
	return s.evaluate(dir, dir, mod, fs)
}

func newFileSetFrom(fs *fileSet) *fileSet {
	n := newFileSet(fs.root)
	n.cache = fs.cache
	return n
}

func hasDuplicates(m *module) bool {
	for _, e := range m.errs {
		var he *hclError
		if errors.As(e, &he) && strings.HasPrefix(he.msg, "duplicate ") {
			return true
		}
	}
	return false
}

func merge(into, part *source.Loaded) {
	into.Resources = append(into.Resources, part.Resources...)
	into.Warnings = append(into.Warnings, part.Warnings...)
	into.Errors = append(into.Errors, part.Errors...)
	into.Consumes = append(into.Consumes, part.Consumes...)
	into.Files += part.Files
}

// evaluate evaluates a parsed root module. root names it in identities
// (the directory, or the file when a file stands alone).
func (s *Source) evaluate(root, dir string, mod *module, fs *fileSet) *source.Loaded {
	ev := &evaluator{root: root, dir: dir, files: fs, modules: map[string]*module{dir: mod}, failures: map[string]int{}}
	ev.table = funcs.Table(fs)
	out := &source.Loaded{Format: source.FormatTerraform}
	in := newInstance(ev, mod, "", nil, nil, cty.NilVal, cty.NilVal)
	raw, nfiles, errs := rootValues(dir, s.opts.Vars, fs.load)
	out.Errors = append(out.Errors, errs...)
	for _, name := range slices.Sorted(maps.Keys(mod.variables)) {
		v := mod.variables[name]
		rv, ok := raw[name]
		if !ok {
			in.vars[name] = in.defaultValue(v)
			continue
		}
		val, err := v.value(rv)
		if err != nil {
			out.Errors = append(out.Errors, &source.Error{File: v.rng.Filename, Line: v.rng.Start.Line, Col: v.rng.Start.Column, Err: err})
			in.vars[name] = cty.UnknownVal(v.typ).Mark(unresolvedMark("var." + name))
			continue
		}
		in.vars[name] = in.given(v, val)
	}
	ev.run(in)
	var res []*source.Resource
	var aux []auxBlock
	ev.instanceResources(in, &res, &aux)
	applyAux(root, res, aux)
	out.Resources = res
	for _, m := range sortedModules(ev.modules) {
		for _, e := range m.errs {
			out.Errors = append(out.Errors, toSourceError(e))
		}
		out.Files += len(m.files)
	}
	out.Files += nfiles
	out.Warnings = append(out.Warnings, ev.warnings...)
	for _, f := range slices.Sorted(maps.Keys(ev.failures)) {
		out.Warnings = append(out.Warnings, fmt.Sprintf("%s: %s; values that use it are unknown", root, strings.TrimSuffix(f, ".")))
	}
	for p := range fs.consumed {
		out.Consumes = append(out.Consumes, p)
	}
	sort.Strings(out.Consumes)
	out.Files += len(out.Consumes)
	out.Bytes = fs.bytes()
	out.Errors = append(out.Errors, ev.buildErrs...)
	return out
}

func sortedModules(m map[string]*module) []*module {
	out := make([]*module, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k])
	}
	return out
}

func toSourceError(e error) *source.Error {
	var he *hclError
	if errors.As(e, &he) {
		return &source.Error{File: he.rng.Filename, Line: he.rng.Start.Line, Col: he.rng.Start.Column, Err: errors.New(he.msg)}
	}
	return &source.Error{Err: e}
}
