package terraform

import (
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/source"
)

// Merge combines a resource of a plan with the configuration block it was
// planned from, for a run that lints both (they share a
// {terraform, "<dir>#<address>"} identity): the plan's value, which
// Terraform resolved, with each value the plan knows only after apply
// taken from the configuration where it states one (a container
// definition whose image names a repository URL is unknown as a whole in
// the plan, but its other fields are literal in the configuration), placed
// and suppressed by the configuration's lines and comments.
//
// The configuration's values come from ecslint's own evaluation, with
// --var and --var-file: pass the ones given to terraform plan.
func Merge(plan, config *source.Resource) *source.Resource {
	out := *plan
	out.Value = fill(plan.Value, config.Value).(ast.Object)
	out.Locator = config.Locator
	out.IDs = appendIDs(append([]source.Identity(nil), plan.IDs...), config.IDs)
	out.Refs = mergeRefs(plan.Refs, config.Refs)
	out.Unresolved = stillUnknown(out.Value, plan.Unresolved, config.Unresolved)
	out.Problems = append(append([]source.Problem(nil), plan.Problems...), config.Problems...)
	out.Ignores = append(append([]source.Ignore(nil), plan.Ignores...), config.Ignores...)
	if out.Revision == 0 {
		out.Revision = config.Revision
	}
	return &out
}

// fill returns the plan's value with the plan's own unknowns replaced by
// the configuration's value at the same place.
func fill(p, c ast.Value) ast.Value {
	if c == nil {
		return p
	}
	switch x := p.(type) {
	case ast.String:
		if isPlanUnknown(string(x)) {
			return c
		}
	case ast.Object:
		co, ok := c.(ast.Object)
		if !ok {
			return p
		}
		out := ast.NewObject()
		x.Foreach(func(k, v *ast.Term) {
			var cv ast.Value
			if t := co.Get(k); t != nil {
				cv = t.Value
			}
			out.Insert(k, ast.NewTerm(fill(v.Value, cv)))
		})
		return out
	case *ast.Array:
		ca, ok := c.(*ast.Array)
		if !ok || ca.Len() != x.Len() {
			return p
		}
		terms := make([]*ast.Term, x.Len())
		for i := range terms {
			terms[i] = ast.NewTerm(fill(x.Elem(i).Value, ca.Elem(i).Value))
		}
		return ast.NewArray(terms...)
	}
	return p
}

// isPlanUnknown recognises the placeholders PlanFormat writes.
func isPlanUnknown(s string) bool {
	return strings.HasPrefix(s, "${") && strings.HasSuffix(s, afterApply+"}")
}

func appendIDs(ids, more []source.Identity) []source.Identity {
	for _, id := range more {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// mergeRefs keeps the plan's references and adds the configuration's
// where the plan has none at the same place, or one that names nothing.
func mergeRefs(plan, config []source.Ref) []source.Ref {
	key := func(r source.Ref) string { return r.Rel + " " + document.Pointer("", r.Path...) }
	byKey := map[string]int{}
	out := append([]source.Ref(nil), plan...)
	for i, r := range out {
		byKey[key(r)] = i
	}
	for _, r := range config {
		i, ok := byKey[key(r)]
		switch {
		case !ok:
			out = append(out, r)
		case len(out[i].To) == 0 && len(r.To) > 0:
			out[i] = r
		}
	}
	return out
}

// stillUnknown keeps the names of unknown values that the merged value
// still holds.
func stillUnknown(v ast.Value, lists ...[]string) []string {
	var b strings.Builder
	collectPlaceholders(v, &b)
	text := b.String()
	var out []string
	for _, l := range lists {
		for _, n := range l {
			if strings.Contains(text, n) && !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

func collectPlaceholders(v ast.Value, b *strings.Builder) {
	switch x := v.(type) {
	case ast.String:
		if strings.Contains(string(x), "${") {
			b.WriteString(string(x))
			b.WriteByte('\n')
		}
	case ast.Object:
		x.Foreach(func(_, t *ast.Term) { collectPlaceholders(t.Value, b) })
	case *ast.Array:
		x.Foreach(func(t *ast.Term) { collectPlaceholders(t.Value, b) })
	}
}
