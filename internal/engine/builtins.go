package engine

import (
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/ecslint/ecslint/internal/secrets"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// builtin is a Go function the bundle calls from Rego. Credential
// detection lives in Go (internal/secrets): in Rego it was 40 % of the
// evaluation of a task definition. The test of an unresolved value
// (internal/unresolved) runs on every string a rule judges. The library
// packages data.ecslint.lib.secrets and data.ecslint.lib.values wrap these
// builtins and are what rules use.
type builtin struct {
	decl *ast.Builtin
	opt  func(*rego.Rego)
}

// kindTerm is a detection's phrase as a result; "" (nothing found) makes
// the builtin undefined, like the Rego functions it replaced.
func kindTerm(k string) *ast.Term {
	if k == "" {
		return nil
	}
	return ast.StringTerm(k)
}

func str(t *ast.Term) (string, bool) {
	s, ok := t.Value.(ast.String)
	return string(s), ok
}

// jsonScalar is a term as the detection sees a JSON value: a string, nil
// for null, or any other value (only its being neither matters).
func jsonScalar(t *ast.Term) any {
	switch v := t.Value.(type) {
	case ast.String:
		return string(v)
	case ast.Null:
		return nil
	default:
		return v
	}
}

// unary builds a one-argument builtin over strings; other values give
// other.
func unary(name string, result types.Type, f func(string) *ast.Term, other *ast.Term) builtin {
	decl := types.NewFunction(types.Args(types.A), result)
	return builtin{
		decl: &ast.Builtin{Name: name, Decl: decl},
		opt: rego.Function1(&rego.Function{Name: name, Decl: decl}, func(_ rego.BuiltinContext, a *ast.Term) (*ast.Term, error) {
			if s, ok := str(a); ok {
				return f(s), nil
			}
			return other, nil
		}),
	}
}

// stringKind builds a one-argument detection over strings; other values
// give undefined.
func stringKind(name string, f func(string) string) builtin {
	return unary(name, types.S, func(s string) *ast.Term { return kindTerm(f(s)) }, nil)
}

// builtins are every Go builtin of the bundle; read-only.
var builtins = []builtin{
	stringKind("ecslint.secrets.display_name", secrets.DisplayName),
	fieldKinds("ecslint.secrets.environment_kinds", environmentKinds),
	fieldKinds("ecslint.secrets.argument_kinds", argumentKinds),
	fieldKinds("ecslint.secrets.entry_kinds", entryKinds),
	unresolvedTest(),
	unary("ecslint.literal", types.S, func(s string) *ast.Term { return ast.StringTerm(unresolved.Mask(s)) }, nil),
}

// unresolvedTest is ecslint.unresolved(x), the one test of a value
// ecslint cannot know (package unresolved): a string holding a
// placeholder, or a CloudFormation intrinsic object ({"Ref": ...}) left in
// place of a value. Anything else is false, never undefined, so rules can
// negate it.
func unresolvedTest() builtin {
	const name = "ecslint.unresolved"
	decl := types.NewFunction(types.Args(types.A), types.B)
	return builtin{
		decl: &ast.Builtin{Name: name, Decl: decl},
		opt: rego.Function1(&rego.Function{Name: name, Decl: decl}, func(_ rego.BuiltinContext, a *ast.Term) (*ast.Term, error) {
			switch v := a.Value.(type) {
			case ast.String:
				return ast.InternedTerm(unresolved.Contains(string(v))), nil
			case ast.Object:
				if v.Len() == 1 {
					if k, ok := v.Keys()[0].Value.(ast.String); ok {
						return ast.InternedTerm(unresolved.IntrinsicKey(string(k))), nil
					}
				}
			}
			return ast.InternedTerm(false), nil
		}),
	}
}

// fieldKinds builds a builtin that judges a whole container field at once
// and returns [[position, kind], ...] for its entries that hold a
// credential: one call per container instead of one per entry, which is
// what made the detection cheap. Values of the wrong type give [].
func fieldKinds(name string, f func(ast.Value) [][2]*ast.Term) builtin {
	decl := types.NewFunction(types.Args(types.A), types.NewArray(nil, types.NewArray([]types.Type{types.A, types.S}, nil)))
	return builtin{
		decl: &ast.Builtin{Name: name, Decl: decl},
		opt: rego.Function1(&rego.Function{Name: name, Decl: decl}, func(_ rego.BuiltinContext, a *ast.Term) (*ast.Term, error) {
			found := f(a.Value)
			out := make([]*ast.Term, len(found))
			for i, pk := range found {
				out[i] = ast.ArrayTerm(pk[0], pk[1])
			}
			return ast.ArrayTerm(out...), nil
		}),
	}
}

// environmentKinds judges the entries of an environment field: each
// {"name", "value"} object, an absent name or value read as null.
func environmentKinds(v ast.Value) [][2]*ast.Term {
	var out [][2]*ast.Term
	each(v, func(pos *ast.Term, e *ast.Term) {
		obj, ok := e.Value.(ast.Object)
		if !ok {
			return
		}
		field := func(k string) any {
			if t := obj.Get(ast.StringTerm(k)); t != nil {
				return jsonScalar(t)
			}
			return nil
		}
		if k := secrets.EnvKind(field("name"), field("value")); k != "" {
			out = append(out, [2]*ast.Term{pos, ast.StringTerm(k)})
		}
	})
	return out
}

// argumentKinds judges the arguments of a command-like array.
func argumentKinds(v ast.Value) [][2]*ast.Term {
	arr, ok := v.(*ast.Array)
	if !ok {
		return nil
	}
	args := make([]any, arr.Len())
	for i := range args {
		args[i] = jsonScalar(arr.Elem(i))
	}
	var out [][2]*ast.Term
	for k := range args {
		if kind := secrets.ArgumentKind(args, k); kind != "" {
			out = append(out, [2]*ast.Term{ast.InternedTerm(k), ast.StringTerm(kind)})
		}
	}
	return out
}

// entryKinds judges the entries of a labels or options object.
func entryKinds(v ast.Value) [][2]*ast.Term {
	obj, ok := v.(ast.Object)
	if !ok {
		return nil
	}
	var out [][2]*ast.Term
	obj.Foreach(func(k, val *ast.Term) {
		key, ok := k.Value.(ast.String)
		if !ok {
			return
		}
		if kind := secrets.EntryKind(string(key), jsonScalar(val)); kind != "" {
			out = append(out, [2]*ast.Term{k, ast.StringTerm(kind)})
		}
	})
	return out
}

// each calls f with the position and value of every element of an array,
// or the key and value of every entry of an object, as Rego's
// `some pos, e in v` does.
func each(v ast.Value, f func(pos, e *ast.Term)) {
	switch x := v.(type) {
	case *ast.Array:
		for i := 0; i < x.Len(); i++ {
			f(ast.InternedTerm(i), x.Elem(i))
		}
	case ast.Object:
		x.Foreach(f)
	}
}

// builtinOptions registers every builtin with a Rego query.
func builtinOptions() []func(*rego.Rego) {
	out := make([]func(*rego.Rego), len(builtins))
	for i, b := range builtins {
		out[i] = b.opt
	}
	return out
}

// testBuiltins are the builtins for OPA's test runner.
func testBuiltins() []*tester.Builtin {
	out := make([]*tester.Builtin, len(builtins))
	for i, b := range builtins {
		out[i] = &tester.Builtin{Decl: b.decl, Func: b.opt}
	}
	return out
}
