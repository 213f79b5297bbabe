package analyzer

import (
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
)

// related is what one resource's input.related holds, before it becomes
// a Rego value: each relation resolved, the holders of references to it,
// and its container-instance roles.
type related struct {
	out      []resolution
	incoming []edge
	roles    []*node
}

func (ix *index) related(n *node) related {
	r := related{out: ix.out[n], incoming: ix.incoming[n]}
	if n.kind == kind.TaskDefinition || n.kind == kind.Service {
		r.roles = ix.instanceRoles(n)
	}
	return r
}

// signature is a short text that differs when the related document would:
// pass two re-evaluates a resource only when its signature changed.
func (r related) signature() string {
	var b strings.Builder
	for _, o := range r.out {
		b.WriteString(o.rel.Name)
		b.WriteByte('=')
		b.WriteString(o.status)
		for _, t := range o.targets {
			b.WriteByte(' ')
			b.WriteString(t.key)
		}
		b.WriteByte(';')
	}
	in := make([]string, 0, len(r.incoming))
	for _, e := range r.incoming {
		in = append(in, e.rel.Reverse+"<"+e.from.key)
	}
	sort.Strings(in)
	b.WriteString(strings.Join(in, ";"))
	for _, role := range r.roles {
		b.WriteString("|")
		b.WriteString(role.key)
	}
	return b.String()
}

// entry is one related resource as rules see it.
func entry(status string, n *node, name string) *ast.Term {
	items := [][2]*ast.Term{
		{ast.StringTerm("status"), ast.StringTerm(status)},
	}
	if n == nil {
		items = append(items, [2]*ast.Term{ast.StringTerm("name"), ast.StringTerm(name)})
		return ast.ObjectTerm(items...)
	}
	items = append(items,
		[2]*ast.Term{ast.StringTerm("id"), ast.StringTerm(n.key)},
		[2]*ast.Term{ast.StringTerm("name"), ast.StringTerm(n.name)},
		[2]*ast.Term{ast.StringTerm("source"), sourceTerm(n.origin)},
	)
	if n.res != nil && n.res.Value != nil {
		items = append(items, [2]*ast.Term{ast.StringTerm("resource"), ast.NewTerm(n.res.Value)})
	}
	return ast.ObjectTerm(items...)
}

// term builds input.related. pick, when set, replaces the resolution of
// the taskDefinition relation with one candidate (a service evaluated
// against each task definition its family could mean).
func (r related) term(configRoles []string, pick *node) *ast.Term {
	obj := ast.NewObject()
	lists := map[string][]*ast.Term{}
	for _, o := range r.out {
		var t *ast.Term
		switch {
		case pick != nil && o.rel.Name == "taskDefinition":
			t = entry(statusResolved, pick, "")
		case o.status == statusResolved:
			t = entry(statusResolved, o.targets[0], "")
		default:
			t = entry(o.status, nil, o.ref.Text)
		}
		withPath(t, o.ref.Path)
		if o.rel.Many {
			lists[o.rel.Name] = append(lists[o.rel.Name], t)
		} else if obj.Get(ast.StringTerm(o.rel.Name)) == nil {
			obj.Insert(ast.StringTerm(o.rel.Name), t)
		}
	}
	seen := map[string]bool{}
	for _, e := range r.incoming {
		if e.rel.Reverse == "" || seen[e.rel.Reverse+"\x00"+e.from.key] {
			continue
		}
		seen[e.rel.Reverse+"\x00"+e.from.key] = true
		lists[e.rel.Reverse] = append(lists[e.rel.Reverse], entry(statusResolved, e.from, ""))
	}
	for name, l := range lists {
		obj.Insert(ast.StringTerm(name), ast.ArrayTerm(l...))
	}
	roles := make([]*ast.Term, 0, len(configRoles)+len(r.roles))
	for _, s := range configRoles {
		roles = append(roles, ast.StringTerm(s))
	}
	for _, n := range r.roles {
		roles = append(roles, ast.StringTerm(n.key))
		for _, id := range n.ids {
			if id.Scheme == source.SchemeARN || id.Scheme == source.SchemeName {
				roles = append(roles, ast.StringTerm(id.Value))
			}
		}
	}
	obj.Insert(ast.StringTerm(kind.InstanceRoles), ast.ArrayTerm(roles...))
	// Rules written against the first input document read
	// related.services on every task definition.
	if obj.Get(ast.StringTerm("services")) == nil {
		obj.Insert(ast.StringTerm("services"), ast.ArrayTerm())
	}
	return ast.NewTerm(obj)
}

func sourceTerm(o source.Origin) *ast.Term {
	items := [][2]*ast.Term{
		{ast.StringTerm("format"), ast.StringTerm(o.Format)},
		{ast.StringTerm("file"), ast.StringTerm(o.File)},
		{ast.StringTerm("pointer"), ast.StringTerm(o.Pointer)},
	}
	for _, f := range []struct{ k, v string }{{"account", o.Account}, {"region", o.Region}, {"arn", o.ARN}} {
		if f.v != "" {
			items = append(items, [2]*ast.Term{ast.StringTerm(f.k), ast.StringTerm(f.v)})
		}
	}
	return ast.ObjectTerm(items...)
}

// trustsEC2 reports whether a role's trust policy lets EC2 assume it: the
// role of an instance profile that container instances can use.
func trustsEC2(role ast.Object) bool {
	doc, ok := get(role, "AssumeRolePolicyDocument").(ast.Object)
	if !ok {
		return false
	}
	found := false
	forEach(doc.Get(ast.StringTerm("Statement")), func(st *ast.Term) {
		s, ok := st.Value.(ast.Object)
		if !ok || !ast.String("Allow").Equal(get(s, "Effect")) {
			return
		}
		p, ok := get(s, "Principal").(ast.Object)
		if !ok {
			return
		}
		forEach(p.Get(ast.StringTerm("Service")), func(svc *ast.Term) {
			if v, ok := svc.Value.(ast.String); ok && strings.HasPrefix(string(v), "ec2.amazonaws.com") {
				found = true
			}
		})
	})
	return found
}

// get returns obj[key]'s value, or nil.
func get(obj ast.Object, key string) ast.Value {
	if t := obj.Get(ast.StringTerm(key)); t != nil {
		return t.Value
	}
	return nil
}

// forEach calls fn for t's elements when t is an array, or for t itself.
func forEach(t *ast.Term, fn func(*ast.Term)) {
	if t == nil {
		return
	}
	if a, ok := t.Value.(*ast.Array); ok {
		a.Foreach(fn)
		return
	}
	fn(t)
}

// withPath adds where the reference sits in the holder's value to a
// related entry, so a rule can report the field that names the target
// (loadBalancers[1].targetGroupArn) when a relation lists several.
func withPath(entry *ast.Term, path []any) {
	if len(path) == 0 {
		return
	}
	obj, ok := entry.Value.(ast.Object)
	if !ok {
		return
	}
	terms := make([]*ast.Term, 0, len(path))
	for _, p := range path {
		switch v := p.(type) {
		case string:
			terms = append(terms, ast.StringTerm(v))
		case int:
			terms = append(terms, ast.IntNumberTerm(v))
		}
	}
	obj.Insert(ast.StringTerm("path"), ast.ArrayTerm(terms...))
}
