package cfn

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
)

// template is one parsed CloudFormation template.
type template struct {
	file     string
	docIndex int
	doc      *document.Document
	params   map[string]*param
	conds    map[string]ast.Value
	mappings ast.Object
	// resources in the order they are written, by logical id.
	resources []*entry
	byID      map[string]*entry
	// cdkPaths maps a logical id to its CDK construct path, from the
	// cloud assembly manifest, for resources whose template lost it.
	cdkPaths map[string]string
	// warnings say what the template holds that is not linted.
	warnings []string
}

// param is a template parameter.
type param struct {
	typ        string
	def        ast.Value
	hasDefault bool
	noEcho     bool
}

// entry is one resource of the template as written.
type entry struct {
	logical   string
	typ       string
	ptr       string // /Resources/<logical>
	props     ast.Value
	metadata  ast.Object
	condition string
}

// isTemplate reports whether v looks like a CloudFormation template: it
// names the template format version, or its Resources map holds entries
// whose Type is an AWS:: resource type.
func isTemplate(v ast.Value) bool {
	obj, ok := v.(ast.Object)
	if !ok {
		return false
	}
	if t := obj.Get(ast.StringTerm("AWSTemplateFormatVersion")); t != nil {
		return true
	}
	res, ok := get(obj, "Resources").(ast.Object)
	if !ok || res.Len() == 0 {
		return false
	}
	found := false
	res.Until(func(_, t *ast.Term) bool {
		if r, ok := t.Value.(ast.Object); ok {
			if typ, ok := get(r, "Type").(ast.String); ok && strings.HasPrefix(string(typ), "AWS::") {
				found = true
			}
		}
		return found
	})
	return found
}

// newTemplate indexes a parsed template.
func newTemplate(file string, docIndex int, doc *document.Document) *template {
	root, _ := doc.Value.(ast.Object)
	t := &template{file: file, docIndex: docIndex, doc: doc, params: map[string]*param{}, conds: map[string]ast.Value{}, byID: map[string]*entry{}}
	if ps, ok := get(root, "Parameters").(ast.Object); ok {
		ps.Foreach(func(k, v *ast.Term) {
			name, ok := k.Value.(ast.String)
			po, ok2 := v.Value.(ast.Object)
			if !ok || !ok2 {
				return
			}
			p := &param{}
			if s, ok := get(po, "Type").(ast.String); ok {
				p.typ = string(s)
			}
			if d := po.Get(ast.StringTerm("Default")); d != nil {
				p.def, p.hasDefault = d.Value, true
			}
			switch ne := get(po, "NoEcho").(type) {
			case ast.Boolean:
				p.noEcho = bool(ne)
			case ast.String:
				p.noEcho = strings.EqualFold(string(ne), "true")
			}
			t.params[string(name)] = p
		})
	}
	if cs, ok := get(root, "Conditions").(ast.Object); ok {
		cs.Foreach(func(k, v *ast.Term) {
			if name, ok := k.Value.(ast.String); ok {
				t.conds[string(name)] = v.Value
			}
		})
	}
	t.mappings, _ = get(root, "Mappings").(ast.Object)
	if rs, ok := get(root, "Resources").(ast.Object); ok {
		keys := rs.Keys()
		for _, k := range keys {
			name, ok := k.Value.(ast.String)
			if ok && strings.HasPrefix(string(name), "Fn::ForEach::") {
				t.warnings = append(t.warnings, fmt.Sprintf("%s: %s is not expanded: the resources it makes are not linted", file, name))
				continue
			}
			ro, ok2 := rs.Get(k).Value.(ast.Object)
			if !ok || !ok2 {
				continue
			}
			e := &entry{logical: string(name), ptr: "/Resources/" + document.EscapeToken(string(name))}
			if s, ok := get(ro, "Type").(ast.String); ok {
				e.typ = string(s)
			}
			if p := ro.Get(ast.StringTerm("Properties")); p != nil {
				e.props = p.Value
			}
			e.metadata, _ = get(ro, "Metadata").(ast.Object)
			if c, ok := get(ro, "Condition").(ast.String); ok {
				e.condition = string(c)
			}
			t.resources = append(t.resources, e)
			t.byID[e.logical] = e
		}
		// Written order: the report sorts by line anyway, but relations
		// and variants are built deterministically from this list.
		sort.SliceStable(t.resources, func(i, j int) bool {
			a, _, _ := doc.Lookup(t.resources[i].ptr)
			b, _, _ := doc.Lookup(t.resources[j].ptr)
			return a.Start.Line < b.Start.Line || (a.Start.Line == b.Start.Line && t.resources[i].logical < t.resources[j].logical)
		})
	}
	return t
}

// get returns obj[key] or nil.
func get(v ast.Value, key string) ast.Value {
	obj, ok := v.(ast.Object)
	if !ok {
		return nil
	}
	t := obj.Get(ast.StringTerm(key))
	if t == nil {
		return nil
	}
	return t.Value
}

// raw returns the template value at a JSON pointer, or nil.
func (t *template) raw(ptr string) ast.Value {
	v := t.doc.Value
	if ptr == "" {
		return v
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = document.UnescapeToken(tok)
		switch x := v.(type) {
		case ast.Object:
			v = get(x, tok)
		case *ast.Array:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= x.Len() {
				return nil
			}
			v = x.Elem(i).Value
		default:
			return nil
		}
		if v == nil {
			return nil
		}
	}
	return v
}
