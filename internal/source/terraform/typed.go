package terraform

import (
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/ecsmodel"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// typed gives an ECS resource's value the types and member names the
// provider gives it before calling the API.
//
// Terraform converts an argument to its schema's type: "2" is a number for
// desired_count and "true" a boolean for a bool argument (Terraform 0.11
// configurations write every value as "${...}"), and a number or boolean
// is a string for a string argument (a tag's value). JSON documents held
// in a string (container_definitions) are not converted: the provider
// decodes them with Go's JSON decoder, types and all, which matches keys
// to member names without regard to case, so "ContainerPort" is
// containerPort; such keys take the model's spelling, and their places
// follow.
func typed(k string, t *tree) {
	root := ecsmodel.Root(k)
	obj, ok := t.val.(ast.Object)
	if root == nil || !ok {
		return
	}
	ty := &typer{t: t}
	t.val = ty.value(obj, root, "", false)
	for _, r := range ty.renames {
		movePlaces(t, r[0], r[1])
	}
}

type typer struct {
	t *tree
	// renames lists [old, new] pointers in the order made, parents first.
	renames [][2]string
}

// jsonMembers are the members whose value Terraform takes as a JSON
// document in a string.
var jsonMembers = map[string]bool{"containerDefinitions": true}

func (ty *typer) value(v ast.Value, s *ecsmodel.Shape, ptr string, inJSON bool) ast.Value {
	if str, ok := v.(ast.String); ok && unresolved.Contains(string(str)) {
		return v
	}
	switch s.Type {
	case ecsmodel.Structure:
		obj, ok := v.(ast.Object)
		if !ok {
			return v
		}
		out := ast.NewObject()
		obj.Foreach(func(k, e *ast.Term) {
			key, ok := k.Value.(ast.String)
			if !ok {
				out.Insert(k, e)
				return
			}
			name := string(key)
			m := s.Members[name]
			if m == nil && inJSON {
				if canon := memberFold(s, name); canon != "" && obj.Get(ast.StringTerm(canon)) == nil {
					ty.renames = append(ty.renames, [2]string{ptr + "/" + document.EscapeToken(name), ptr + "/" + document.EscapeToken(canon)})
					name, m = canon, s.Members[canon]
				}
			}
			cptr := ptr + "/" + document.EscapeToken(name)
			if m == nil {
				out.Insert(ast.StringTerm(name), e)
				return
			}
			out.Insert(ast.StringTerm(name), ast.NewTerm(ty.value(e.Value, m, cptr, inJSON || ptr == "" && jsonMembers[name])))
		})
		return out
	case ecsmodel.List:
		arr, ok := v.(*ast.Array)
		if !ok {
			return v
		}
		terms := make([]*ast.Term, arr.Len())
		for i := range terms {
			terms[i] = ast.NewTerm(ty.value(arr.Elem(i).Value, s.Elem, ptr+"/"+strconv.Itoa(i), inJSON))
		}
		return ast.NewArray(terms...)
	case ecsmodel.Map:
		obj, ok := v.(ast.Object)
		if !ok {
			return v
		}
		out := ast.NewObject()
		obj.Foreach(func(k, e *ast.Term) {
			cptr := ptr + "/" + document.EscapeToken(string(k.Value.(ast.String)))
			out.Insert(k, ast.NewTerm(ty.value(e.Value, s.Elem, cptr, inJSON)))
		})
		return out
	}
	if inJSON {
		return v
	}
	return convertScalar(v, s.Type)
}

// convertScalar converts a primitive as Terraform converts an argument to
// its schema's type; a value that does not convert is kept as written.
func convertScalar(v ast.Value, to ecsmodel.Type) ast.Value {
	switch x := v.(type) {
	case ast.String:
		switch to {
		case ecsmodel.Integer, ecsmodel.Number:
			// Only JSON's number grammar: ParseFloat's "NaN", "Inf"
			// and hex would make numbers no JSON holds.
			if n := strings.TrimSpace(string(x)); document.IsJSONNumber(n) {
				return ast.Number(n)
			}
		case ecsmodel.Boolean:
			if b, ok := terraformBool(x); ok {
				return ast.Boolean(b)
			}
		}
	case ast.Number:
		if to == ecsmodel.String {
			return ast.String(string(x))
		}
	case ast.Boolean:
		if to == ecsmodel.String {
			return ast.String(strconv.FormatBool(bool(x)))
		}
	}
	return v
}

// memberFold finds the member a key names without regard to case.
func memberFold(s *ecsmodel.Shape, key string) string {
	for name := range s.Members {
		if strings.EqualFold(name, key) {
			return name
		}
	}
	return ""
}

// movePlaces re-keys the places of a subtree whose key was renamed.
func movePlaces(t *tree, from, to string) {
	var moved []string
	for p := range t.places {
		if p == from || strings.HasPrefix(p, from+"/") {
			moved = append(moved, p)
		}
	}
	for _, p := range moved {
		t.places[to+p[len(from):]] = t.places[p]
		delete(t.places, p)
	}
}
