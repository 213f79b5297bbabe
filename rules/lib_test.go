package rules_test

import (
	"io/fs"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/rules"
)

// TestLibraryFunctionsUsed fails on a function or rule of rules/lib that
// no rule and no other library package refers to: shared knowledge that
// nothing uses is dead weight that still has to be kept correct. Helpers
// of one package are private (a leading "_").
func TestLibraryFunctionsUsed(t *testing.T) {
	t.Parallel()
	mods := map[string]*ast.Module{}
	err := fs.WalkDir(rules.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		src, err := fs.ReadFile(rules.FS, p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		mods[p] = m
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Exported names of each library package ("ecslint.lib.images" -> parse...).
	exported := map[string]map[string]string{} // package -> name -> file
	for p, m := range mods {
		if path.Dir(p) != "lib" {
			continue
		}
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		for _, r := range m.Rules {
			name := r.Head.Ref()[0].Value.(ast.Var).String()
			if !strings.HasPrefix(name, "_") {
				if exported[pkg] == nil {
					exported[pkg] = map[string]string{}
				}
				exported[pkg][name] = p
			}
		}
	}
	used := map[string]bool{} // "package.name"
	for _, m := range mods {
		own := strings.TrimPrefix(m.Package.Path.String(), "data.")
		aliases := map[string]string{}
		for _, imp := range m.Imports {
			ref, ok := imp.Path.Value.(ast.Ref)
			if !ok || !strings.HasPrefix(ref.String(), "data.ecslint.lib.") {
				continue
			}
			alias := imp.Alias.String()
			if alias == "" {
				alias = string(ref[len(ref)-1].Value.(ast.String))
			}
			aliases[alias] = strings.TrimPrefix(ref.String(), "data.")
		}
		ast.WalkRefs(m, func(ref ast.Ref) bool {
			var pkg string
			var rest ast.Ref
			if v, ok := ref[0].Value.(ast.Var); ok && aliases[string(v)] != "" {
				pkg, rest = aliases[string(v)], ref[1:]
			} else if s := ref.String(); strings.HasPrefix(s, "data.ecslint.lib.") && len(ref) > 4 {
				pkg, rest = strings.TrimPrefix(ref[:4].String(), "data."), ref[4:]
			}
			if pkg == "" || pkg == own || len(rest) == 0 {
				return false
			}
			if name, ok := rest[0].Value.(ast.String); ok {
				used[pkg+"."+string(name)] = true
			}
			return false
		})
	}
	var unused []string
	for pkg, names := range exported {
		for name, file := range names {
			if !used[pkg+"."+name] {
				unused = append(unused, file+": "+name)
			}
		}
	}
	sort.Strings(unused)
	for _, u := range unused {
		t.Errorf("%s is used by no rule and no other library package: remove it, or make it private (_%s)", u, u[strings.LastIndex(u, " ")+1:])
	}
}
