package engine

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/rules"
)

// Policies are directories of a team's own rules, read and checked; New
// compiles them on top of the built-in bundle.
type Policies struct {
	// Rules are the user rules, for the catalog.
	Rules []*catalog.Rule
	// modules are the rule and helper modules by file name.
	modules map[string]*ast.Module
	// tests are the *_test.rego files, for `ecslint policy test`.
	tests map[string]*ast.Module
}

// ReadPolicies parses the .rego files under dirs. A module in package
// ecslint.rules.<category>["<id>"] is a rule, with the METADATA and report
// contract of the built-in rules; other packages are helpers, outside
// data.ecslint. It rejects, with the file and line: builtins outside the
// allow-list, reserved packages, incomplete METADATA, ids not of the
// built-in form, and a directory that holds no rule.
func ReadPolicies(dirs []string) (*Policies, error) {
	p := &Policies{modules: map[string]*ast.Module{}, tests: map[string]*ast.Module{}}
	for _, dir := range dirs {
		if err := p.read(dir); err != nil {
			return nil, err
		}
	}
	sort.Slice(p.Rules, func(i, j int) bool { return p.Rules[i].ID < p.Rules[j].ID })
	return p, nil
}

func (p *Policies) read(dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("policy %s: %w", dir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("policy %s: not a directory", dir)
	}
	var files []string
	err = fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(name, ".rego") {
			files = append(files, name)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("policy %s: %w", dir, err)
	}
	sort.Strings(files)
	found := 0
	for _, f := range files {
		name := filepath.Join(dir, f)
		m, err := parseUserFile(name)
		if err != nil {
			return err
		}
		if strings.HasSuffix(f, "_test.rego") {
			p.tests[name] = m
			continue
		}
		path := m.Package.Path
		switch {
		case len(path) >= 3 && path[1].Equal(ast.StringTerm("ecslint")) && path[2].Equal(ast.StringTerm("rules")):
			category, id, err := packageRule(name, m)
			if err != nil {
				return fmt.Errorf("policy %w", err)
			}
			r, err := catalog.NewRule(name, category, id, packageMetadata(m), true)
			if err != nil {
				return fmt.Errorf("policy %w", err)
			}
			for _, prev := range p.Rules {
				if prev.ID == r.ID {
					return fmt.Errorf("policy %s: rule id %q is already defined by %s", name, r.ID, prev.File)
				}
			}
			p.Rules = append(p.Rules, r)
			found++
		case len(path) >= 2 && path[1].Equal(ast.StringTerm("ecslint")):
			return fmt.Errorf("policy %s: package %s is reserved; user rules are ecslint.rules.<category>[\"<id>\"], helpers live outside data.ecslint", name, strings.TrimPrefix(path.String(), "data."))
		}
		p.modules[name] = m
	}
	if found == 0 {
		return fmt.Errorf("policy %s: no rule found: a rule is a .rego file in package ecslint.rules.<category>[\"<id>\"] with METADATA and a report set", dir)
	}
	return nil
}

// parseUserFile parses a user's Rego file and checks its builtins.
func parseUserFile(name string) (*ast.Module, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("policy %w", err)
	}
	m, err := ast.ParseModuleWithOpts(name, string(data), parseOpts)
	if err != nil {
		return nil, fmt.Errorf("policy %s: %w", name, err)
	}
	if err := checkBuiltins(name, m); err != nil {
		return nil, err
	}
	return m, nil
}

// compile compiles the user modules with every check, the capability
// allow-list and the input schema, against the bundle's library (parsed
// from the embedded source: the built-in rules themselves are not needed),
// and returns the compiled user modules, ready to join the loaded bundle.
// print() calls are kept only when debug is set, else compiled away.
func (p *Policies) compile(debug bool) (map[string]*ast.Module, error) {
	lib, err := parseTree(rules.FS, "lib", false)
	if err != nil {
		return nil, err
	}
	for name, m := range p.modules {
		lib[name] = m
	}
	schema, err := inputSchema()
	if err != nil {
		return nil, err
	}
	c := ast.NewCompiler().WithCapabilities(Capabilities()).WithSchemas(schema).WithEnablePrintStatements(debug)
	c.Compile(lib)
	if c.Failed() {
		return nil, fmt.Errorf("compile policies: %w", c.Errors)
	}
	out := make(map[string]*ast.Module, len(p.modules))
	for name := range p.modules {
		out[name] = c.Modules[name]
	}
	return out, nil
}

// TestModules returns what `ecslint policy test` runs: the bundle's
// library, the user modules and their tests, by file name.
func (p *Policies) TestModules() (map[string]*ast.Module, error) {
	out, err := SourceModules(rules.FS, false)
	if err != nil {
		return nil, err
	}
	for name, m := range p.modules {
		out[name] = m
	}
	for name, m := range p.tests {
		out[name] = m
	}
	return out, nil
}

// SourceModules parses the Rego files of a bundle, its tests too when
// tests is set, keyed by path: what the Rego test runner compiles.
func SourceModules(fsys fs.FS, tests bool) (map[string]*ast.Module, error) {
	return parseTree(fsys, ".", tests)
}

// parseTree parses the Rego files under root in fsys, as SourceModules.
func parseTree(fsys fs.FS, root string, tests bool) (map[string]*ast.Module, error) {
	out := map[string]*ast.Module{}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || (!tests && strings.HasSuffix(p, "_test.rego")) {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(data), parseOpts)
		if err != nil {
			return err
		}
		out[p] = m
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	return out, nil
}

// inputSchema is the input document's JSON Schema as the compiler
// type-checks input references against it.
func inputSchema() (*ast.SchemaSet, error) {
	var doc any
	if err := util.UnmarshalJSON(rules.InputSchema, &doc); err != nil {
		return nil, fmt.Errorf("input schema: %w", err)
	}
	ss := ast.NewSchemaSet()
	ss.Put(ast.SchemaRootRef, doc)
	return ss, nil
}

// RunTests runs the Rego tests among modules with OPA's tester, under the
// capability allow-list with ecslint's builtins and strict builtin errors,
// calling report for each result.
func RunTests(ctx context.Context, modules map[string]*ast.Module, report func(*tester.Result)) error {
	store := inmem.New()
	txn := storage.NewTransactionOrDie(ctx, store)
	defer store.Abort(ctx, txn)
	ch, err := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithCapabilities(Capabilities()).WithEnablePrintStatements(true)).
		SetStore(store).
		SetModules(modules).
		AddCustomBuiltins(testBuiltins()).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		RunTests(ctx, txn)
	if err != nil {
		return err
	}
	for r := range ch {
		report(r)
	}
	return nil
}
