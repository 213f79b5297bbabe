package cfn

import (
	"strconv"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
)

type nodeKind int

const (
	nNull nodeKind = iota
	nObject
	nArray
	nString
	nNumber
	nBool
)

// node is a template value after its intrinsic functions were evaluated,
// still carrying where each part was written, so the API-shaped value
// built from it can be located in the template.
type node struct {
	kind nodeKind
	keys []string // object keys in order, beside vals
	vals []*node  // object values or array items
	str  string   // a string, or a number's text
	b    bool
	// unknown marks a string that stands for a value ecslint cannot know
	// (unresolved.Unknown form), whatever the type the API expects.
	unknown bool
	// ptr is the template pointer of where the value was written (for a
	// value an intrinsic produced, where the intrinsic was written).
	ptr string
	// noSpan marks parts of a value substituted from elsewhere (a
	// mapping entry, a parameter default): they are located at their
	// container, with precision ancestor.
	noSpan bool
	// inexact marks a value decoded from inside a JSON string.
	inexact bool
	// links are the template resources the value names through Ref,
	// Fn::GetAtt or a ${Logical} inside Fn::Sub.
	links []link
}

// link is a reference to another resource of the template.
type link struct {
	logical string
	attr    string // "" for Ref
	// text is how the reference reads in the evaluated value: the
	// placeholder standing for it ("${Cluster}").
	text string
}

func (n *node) get(key string) *node {
	if n == nil || n.kind != nObject {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

func (n *node) set(key string, v *node) {
	for i, k := range n.keys {
		if k == key {
			n.vals[i] = v
			return
		}
	}
	n.keys = append(n.keys, key)
	n.vals = append(n.vals, v)
}

func (n *node) del(key string) {
	for i, k := range n.keys {
		if k == key {
			n.keys = append(n.keys[:i:i], n.keys[i+1:]...)
			n.vals = append(n.vals[:i:i], n.vals[i+1:]...)
			return
		}
	}
}

// text returns a scalar as CloudFormation stringifies it, and whether it
// is a scalar.
func (n *node) text() (string, bool) {
	if n == nil {
		return "", false
	}
	switch n.kind {
	case nString, nNumber:
		return n.str, true
	case nBool:
		return strconv.FormatBool(n.b), true
	}
	return "", false
}

// known reports whether n holds no unknown part anywhere.
func (n *node) known() bool {
	if n == nil {
		return true
	}
	if n.unknown || (n.kind == nString && hasPlaceholder(n.str)) {
		return false
	}
	for _, v := range n.vals {
		if !v.known() {
			return false
		}
	}
	return true
}

// allLinks collects the links of n and everything under it.
func (n *node) allLinks() []link {
	if n == nil {
		return nil
	}
	out := append([]link(nil), n.links...)
	for _, v := range n.vals {
		out = append(out, v.allLinks()...)
	}
	return out
}

// literal builds a node from a template value that holds no intrinsic
// (a mapping entry, a parameter default), located at ptr.
func literal(v ast.Value, ptr string) *node {
	n := fromValue(v, ptr)
	markNoSpan(n)
	n.noSpan = false
	return n
}

func markNoSpan(n *node) {
	n.noSpan = true
	for _, v := range n.vals {
		markNoSpan(v)
	}
}

// fromValue builds a node tree from a value as written, located by its
// own pointers under ptr.
func fromValue(v ast.Value, ptr string) *node {
	switch x := v.(type) {
	case ast.Object:
		n := &node{kind: nObject, ptr: ptr}
		for _, k := range x.Keys() {
			ks, ok := k.Value.(ast.String)
			if !ok {
				continue
			}
			n.keys = append(n.keys, string(ks))
			n.vals = append(n.vals, fromValue(x.Get(k).Value, ptr+"/"+document.EscapeToken(string(ks))))
		}
		return n
	case *ast.Array:
		n := &node{kind: nArray, ptr: ptr}
		for i := 0; i < x.Len(); i++ {
			n.vals = append(n.vals, fromValue(x.Elem(i).Value, ptr+"/"+strconv.Itoa(i)))
		}
		return n
	case ast.String:
		return &node{kind: nString, str: string(x), ptr: ptr}
	case ast.Number:
		return &node{kind: nNumber, str: string(x), ptr: ptr}
	case ast.Boolean:
		return &node{kind: nBool, b: bool(x), ptr: ptr}
	}
	return &node{kind: nNull, ptr: ptr}
}

// toValue builds the OPA value of a node.
func (n *node) toValue() ast.Value {
	switch n.kind {
	case nObject:
		terms := make([][2]*ast.Term, 0, len(n.keys))
		for i, k := range n.keys {
			terms = append(terms, [2]*ast.Term{ast.StringTerm(k), ast.NewTerm(n.vals[i].toValue())})
		}
		return ast.NewObject(terms...)
	case nArray:
		terms := make([]*ast.Term, 0, len(n.vals))
		for _, v := range n.vals {
			terms = append(terms, ast.NewTerm(v.toValue()))
		}
		return ast.NewArray(terms...)
	case nString:
		return ast.String(n.str)
	case nNumber:
		return ast.Number(n.str)
	case nBool:
		return ast.Boolean(n.b)
	}
	return ast.Null{}
}
