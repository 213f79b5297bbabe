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
)

// forbiddenBuiltins reach outside the process. A policy file committed to a
// repository runs on CI runners holding credentials, so user policies must
// not be able to send data anywhere or read the runtime's environment.
var forbiddenBuiltins = []string{
	"http.send", "opa.runtime", "providers.aws.sign_req", "net.", "trace",
}

func forbidden(name string) bool {
	for _, f := range forbiddenBuiltins {
		if name == f || (strings.HasSuffix(f, ".") && strings.HasPrefix(name, f)) {
			return true
		}
	}
	return false
}

// Capabilities is the builtin set every compile uses: this OPA's builtins
// without the forbidden ones, so a policy calling them fails to compile,
// and ecslint's own.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !forbidden(b.Name) {
			kept = append(kept, b)
		}
	}
	for _, b := range builtins {
		kept = append(kept, b.decl)
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// UserPolicy is a directory of a team's own rules.
type UserPolicy struct {
	Dir   string
	Tests []string // *_test.rego files, for `ecslint policy test`
}

// AddPolicies loads the .rego files under dir as user rules: each rule is a
// package ecslint.rules.<category>["<id>"] with the same METADATA and
// report contract as the built-in rules; other packages are helpers. It
// rejects policies that call forbidden builtins or redefine built-in
// packages, with the file and line.
func (c *Catalog) AddPolicies(dir string) (*UserPolicy, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("policy %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("policy %s: not a directory", dir)
	}
	up := &UserPolicy{Dir: dir}
	fsys := os.DirFS(dir)
	var files []string
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		if strings.HasSuffix(p, "_test.rego") {
			up.Tests = append(up.Tests, p)
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("policy %s: %w", dir, err)
	}
	sort.Strings(files)
	for _, p := range files {
		name := filepath.Join(dir, p)
		m, err := parseFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("policy %s: %w", name, err)
		}
		m = relabel(m, name)
		if err := checkForbidden(name, m); err != nil {
			return nil, err
		}
		if c.userModules == nil {
			c.userModules = map[string]*ast.Module{}
		}
		path := m.Package.Path
		switch {
		case len(path) >= 3 && path[1].Equal(ast.StringTerm("ecslint")) && path[2].Equal(ast.StringTerm("rules")):
			r, err := userRule(name, m)
			if err != nil {
				return nil, err
			}
			if prev := c.byID[r.ID]; prev != nil {
				return nil, fmt.Errorf("policy %s: rule id %q is already defined by %s", name, r.ID, prev.File)
			}
			r.User = true
			c.byID[r.ID] = r
			c.Rules = append(c.Rules, r)
		case len(path) >= 2 && path[1].Equal(ast.StringTerm("ecslint")):
			return nil, fmt.Errorf("policy %s: package %s is reserved; user rules are ecslint.rules.<category>[\"<id>\"], helpers live outside data.ecslint", name, path)
		default:
			c.userModules[name] = m
		}
	}
	sortRules(c.Rules)
	return up, nil
}

// relabel makes locations in a user module name the file as the user gave
// it, for clear compile errors.
func relabel(m *ast.Module, name string) *ast.Module {
	ast.WalkNodes(m, func(n ast.Node) bool {
		if l := n.Loc(); l != nil {
			l.File = name
		}
		return false
	})
	return m
}

func checkForbidden(file string, m *ast.Module) error {
	var err error
	ast.WalkExprs(m, func(e *ast.Expr) bool {
		if err != nil {
			return true
		}
		if !e.IsCall() {
			return false
		}
		name := e.Operator().String()
		if forbidden(name) {
			line := 0
			if e.Location != nil {
				line = e.Location.Row
			}
			err = fmt.Errorf("policy %s:%d: calls %s, which ecslint does not allow: policies may not reach the network or the process environment", file, line, name)
			return true
		}
		return false
	})
	if err != nil {
		return err
	}
	ast.WalkRefs(m, func(r ast.Ref) bool {
		if err != nil {
			return true
		}
		if name := r.String(); forbidden(name) {
			line := 0
			if loc := r[0].Location; loc != nil {
				line = loc.Row
			}
			err = fmt.Errorf("policy %s:%d: refers to %s, which ecslint does not allow: policies may not reach the network or the process environment", file, line, name)
		}
		return false
	})
	return err
}

// userRule reads a user rule's identity from its package; unlike built-in
// rules its folder is free.
func userRule(file string, m *ast.Module) (*Rule, error) {
	ref := m.Package.Path
	if len(ref) != 5 {
		return nil, fmt.Errorf("policy %s: package must be ecslint.rules.<category>[\"<id>\"], not %s", file, ref)
	}
	category, ok1 := ref[3].Value.(ast.String)
	id, ok2 := ref[4].Value.(ast.String)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("policy %s: package %s has non-string parts", file, ref)
	}
	md, err := packageMetadata(file, m)
	if err != nil {
		return nil, err
	}
	r, err := ruleMetadata(file, md, string(category), string(id))
	if err != nil {
		return nil, err
	}
	r.mod = parsedModule(file, m)
	return r, nil
}

// ParseFiles parses files (relative to dir) with annotations, keyed by
// their path under dir.
func ParseFiles(dir string, files []string) (map[string]*ast.Module, error) {
	fsys := os.DirFS(dir)
	out := make(map[string]*ast.Module, len(files))
	for _, f := range files {
		name := filepath.Join(dir, f)
		m, err := parseFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("policy %s: %w", name, err)
		}
		if err := checkForbidden(name, m); err != nil {
			return nil, err
		}
		out[name] = relabel(m, name)
	}
	return out, nil
}

// UserModules returns the user rule and helper modules by file name.
func (c *Catalog) UserModules() map[string]*ast.Module {
	out := map[string]*ast.Module{}
	for name, m := range c.userModules {
		out[name] = m
	}
	for _, r := range c.Rules {
		if r.User {
			out[r.File] = r.mod.mod
		}
	}
	return out
}

// InputSchema parses the input document's JSON Schema into the set the
// compiler type-checks input references against.
func InputSchema(raw []byte) (*ast.SchemaSet, error) {
	var doc any
	if err := util.UnmarshalJSON(raw, &doc); err != nil {
		return nil, fmt.Errorf("input schema: %w", err)
	}
	ss := ast.NewSchemaSet()
	ss.Put(ast.SchemaRootRef, doc)
	return ss, nil
}

// RunTests runs the Rego tests among modules with OPA's tester, under the
// same builtin restrictions as a lint run and with strict builtin errors,
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
