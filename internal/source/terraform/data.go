package terraform

import (
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/ecslint/ecslint/internal/source/terraform/funcs"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// staticData computes the attributes of data sources whose result follows
// from their arguments alone: aws_iam_policy_document (the policy JSON,
// where trust policies often live) and the template provider's
// template_file (rendered).
func staticData(ev *evaluator, r *resourceBlock, attrs cty.Value) (map[string]cty.Value, bool) {
	a, marks := attrs.Unmark()
	if r.typ == "aws_iam_policy_document" {
		a = placeholders(attrs)
	}
	if !a.IsKnown() || !a.Type().IsObjectType() {
		return nil, false
	}
	switch r.typ {
	case "aws_iam_policy_document":
		doc, ok := policyDocument(a)
		if !ok {
			return nil, false
		}
		s := cty.StringVal(doc).WithMarks(marks)
		return map[string]cty.Value{"json": s, "minified_json": s}, true
	case "template_file":
		if !a.Type().HasAttribute("template") {
			return nil, false
		}
		vars := cty.EmptyObjectVal
		if a.Type().HasAttribute("vars") {
			vars = a.GetAttr("vars")
			if es := elements(vars); len(es) == 1 {
				vars = es[0] // Terraform 0.11 wrote vars as a block
			}
		}
		tmpl := a.GetAttr("template")
		out, ok := renderString(ev, tmpl, vars)
		if !ok {
			return nil, false
		}
		return map[string]cty.Value{"rendered": out}, true
	}
	return nil, false
}

// renderString renders a template held in a string value, as the template
// provider does.
func renderString(ev *evaluator, tmpl, vars cty.Value) (cty.Value, bool) {
	t, tm := tmpl.Unmark()
	if !t.IsKnown() || t.IsNull() || t.Type() != cty.String {
		return cty.UnknownVal(cty.String).WithMarks(tm), true
	}
	expr, ok := parseTemplate(t.AsString(), "template_file")
	if !ok {
		return cty.NilVal, false
	}
	vars, vm := vars.UnmarkDeep()
	ctx, err := funcs.TemplateContext(vars, ev.table)
	if err != nil {
		return cty.UnknownVal(cty.String).WithMarks(tm, vm), true
	}
	v, diags := safeValue(expr, ctx)
	if diags.HasErrors() {
		return cty.UnknownVal(cty.String).WithMarks(tm, vm), true
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil {
		return cty.NilVal, false
	}
	return s.WithMarks(tm, vm), true
}

// policyDocument renders aws_iam_policy_document's JSON as the provider
// does for the common arguments: single values as strings, lists
// otherwise. Unknown parts become placeholders, so a known principal
// still reads as known. Documents that merge other documents are not
// rendered.
func policyDocument(a cty.Value) (string, bool) {
	for _, n := range []string{"source_policy_documents", "override_policy_documents", "source_json", "override_json"} {
		if a.Type().HasAttribute(n) && !a.GetAttr(n).IsNull() {
			return "", false
		}
	}
	doc := map[string]cty.Value{"Version": cty.StringVal("2012-10-17")}
	if v := attrOf(a, "version"); v != cty.NilVal && !v.IsNull() {
		doc["Version"] = v
	}
	if v := attrOf(a, "policy_id"); v != cty.NilVal && !v.IsNull() {
		doc["Id"] = v
	}
	var stmts []cty.Value
	for _, s := range elements(attrOf(a, "statement")) {
		st := map[string]cty.Value{"Effect": cty.StringVal("Allow")}
		for tf, api := range map[string]string{
			"sid": "Sid", "effect": "Effect", "actions": "Action", "not_actions": "NotAction",
			"resources": "Resource", "not_resources": "NotResource",
		} {
			if v := attrOf(s, tf); v != cty.NilVal && !v.IsNull() {
				st[api] = oneOrList(v)
			}
		}
		for tf, api := range map[string]string{"principals": "Principal", "not_principals": "NotPrincipal"} {
			ps := elements(attrOf(s, tf))
			if len(ps) == 0 {
				continue
			}
			st[api] = principals(ps)
		}
		conds := map[string]map[string]cty.Value{}
		for _, c := range elements(attrOf(s, "condition")) {
			test, variable := attrOf(c, "test"), attrOf(c, "variable")
			if !isKnownString(test) || !isKnownString(variable) {
				continue
			}
			if conds[test.AsString()] == nil {
				conds[test.AsString()] = map[string]cty.Value{}
			}
			conds[test.AsString()][variable.AsString()] = oneOrList(attrOf(c, "values"))
		}
		if len(conds) > 0 {
			cm := map[string]cty.Value{}
			for k, v := range conds {
				cm[k] = cty.ObjectVal(v)
			}
			st["Condition"] = cty.ObjectVal(cm)
		}
		stmts = append(stmts, cty.ObjectVal(st))
	}
	if len(stmts) > 0 {
		doc["Statement"] = cty.TupleVal(stmts)
	}
	v := placeholders(cty.ObjectVal(doc))
	b, err := ctyjson.Marshal(v, v.Type())
	if err != nil {
		return "", false
	}
	return string(b), true
}

// principals renders principals blocks: identifiers of blocks of one type
// together, as the provider merges them; "*" alone for a type "*". A block
// whose type is unknown makes the whole element unknown: which principal
// it names is not known.
func principals(ps []cty.Value) cty.Value {
	byType := map[string][]cty.Value{}
	var order []string
	for _, p := range ps {
		typ := attrOf(p, "type")
		if !isKnownString(typ) {
			return cty.DynamicVal
		}
		if typ.AsString() == "*" {
			return cty.StringVal("*")
		}
		ids := attrOf(p, "identifiers")
		es := elements(ids)
		if es == nil {
			es = []cty.Value{ids} // unknown: a placeholder among the others
		}
		if _, seen := byType[typ.AsString()]; !seen {
			order = append(order, typ.AsString())
		}
		byType[typ.AsString()] = append(byType[typ.AsString()], es...)
	}
	m := map[string]cty.Value{}
	for _, t := range order {
		if ids := byType[t]; len(ids) == 1 {
			m[t] = ids[0]
		} else {
			m[t] = cty.TupleVal(ids)
		}
	}
	return cty.ObjectVal(m)
}

func isKnownString(v cty.Value) bool {
	return v != cty.NilVal && v.IsKnown() && !v.IsNull() && v.Type() == cty.String
}

func attrOf(v cty.Value, name string) cty.Value {
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() || !v.Type().IsObjectType() || !v.Type().HasAttribute(name) {
		return cty.NilVal
	}
	return v.GetAttr(name)
}

// elements lists a known sequence's elements (nil for anything else).
func elements(v cty.Value) []cty.Value {
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() || !v.Type().IsListType() && !v.Type().IsTupleType() && !v.Type().IsSetType() {
		return nil
	}
	var out []cty.Value
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e)
	}
	return out
}

// oneOrList writes a one-element sequence as its element, as the
// provider's policy documents do.
func oneOrList(v cty.Value) cty.Value {
	es := elements(v)
	switch {
	case es == nil:
		return v
	case len(es) == 1:
		return es[0]
	}
	return cty.TupleVal(es)
}

// placeholders replaces unknown leaves with their placeholder strings and
// drops marks, so a value can be encoded as JSON with its known parts
// intact.
func placeholders(v cty.Value) cty.Value {
	return placeholdersIn(v, cty.NewValueMarks())
}

func placeholdersIn(v cty.Value, inherited cty.ValueMarks) cty.Value {
	u, marks := v.Unmark()
	all := cty.NewValueMarks(inherited, marks)
	if !u.IsKnown() {
		return cty.StringVal(unresolved.Unknown(describeMarks(all)))
	}
	ty := u.Type()
	switch {
	case u.IsNull():
		return u
	case ty.IsObjectType() || ty.IsMapType():
		m := map[string]cty.Value{}
		for it := u.ElementIterator(); it.Next(); {
			k, e := it.Element()
			m[k.AsString()] = placeholdersIn(e, all)
		}
		return objectOf(m)
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		var es []cty.Value
		for it := u.ElementIterator(); it.Next(); {
			_, e := it.Element()
			es = append(es, placeholdersIn(e, all))
		}
		if len(es) == 0 {
			return cty.EmptyTupleVal
		}
		return cty.TupleVal(es)
	}
	return u
}
