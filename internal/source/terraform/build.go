package terraform

import (
	"errors"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/zclconf/go-cty/cty"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/terraform/funcs"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// place is what is known about one node of a value: where it is written,
// whether that place only approximates it, and the resources its value
// was read from (for relations).
type place struct {
	span    source.Span
	inexact bool
	refs    []string
	// unknown names an unknown value a plan holds here, for the summary.
	unknown string
}

// tree is a value in Terraform's shape (arguments by their names, blocks
// as arrays of objects) or in an API shape, with a place per JSON pointer.
type tree struct {
	val    ast.Value
	places map[string]*place
	// unresolved names what the user could supply for the unknown values.
	unresolved map[string]bool
	errs       []*source.Error
}

func newTree() *tree {
	return &tree{places: map[string]*place{}, unresolved: map[string]bool{}}
}

// scope is where an expression evaluates: its module instance and
// context.
type scope struct {
	in  *instance
	ctx *hcl.EvalContext
}

// builder converts evaluated HCL into a tree, walking the syntax beside
// the value so every key gets the range it was written at, through
// locals, module variables and outputs, merge and concat.
type builder struct {
	ev    *evaluator
	t     *tree
	depth int
	// args holds the values of merge and concat arguments: descending
	// into such a call by each key in turn would evaluate them again for
	// every member.
	args map[argKey]cty.Value
}

type argKey struct {
	e   hclsyntax.Expression
	ctx *hcl.EvalContext
}

// arg is the value, unmarked, of a merge or concat argument.
func (b *builder) arg(e hclsyntax.Expression, sc scope) cty.Value {
	k := argKey{e, sc.ctx}
	if v, ok := b.args[k]; ok {
		return v
	}
	if b.args == nil {
		b.args = map[argKey]cty.Value{}
	}
	v, _ := sc.in.eval(e, sc.ctx).UnmarkDeep()
	b.args[k] = v
	return v
}

// maxFollow bounds how many references the builder follows for one value.
const maxFollow = 64

func spanOf(r hcl.Range, ptr string) source.Span {
	return source.Span{File: r.Filename, Pointer: ptr, Start: pos(r.Start), End: pos(r.End)}
}

func (b *builder) set(ptr string, r hcl.Range, v cty.Value) {
	if _, ok := b.t.places[ptr]; ok {
		return
	}
	b.t.places[ptr] = &place{span: spanOf(r, ptr), refs: refsOf(v)}
}

// inherit gives a node without a place of its own the nearest ancestor's,
// flagged inexact: the node exists, only its line is not known.
func (b *builder) inherit(ptr string, v cty.Value) {
	if _, ok := b.t.places[ptr]; ok {
		return
	}
	b.t.inheritFrom(ptr, parentPtr(ptr))
	if pl := b.t.places[ptr]; pl != nil {
		pl.refs = refsOf(v)
	}
}

func parentPtr(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}

// refsOf lists the addresses a value was read from.
func refsOf(v cty.Value) []string {
	var out []string
	for m := range v.Marks() {
		if r, ok := m.(refMark); ok {
			out = append(out, string(r))
		}
	}
	sort.Strings(out)
	return out
}

// body converts a block body: attributes, and nested blocks as arrays of
// objects. jsonPtrs names the attributes holding JSON documents in a
// string, which are decoded with their positions.
func (b *builder) body(body hcl.Body, sc scope, ptr string, skip bodyMeta, jsonPtrs map[string]bool, rel string) ast.Object {
	obj := ast.NewObject()
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		attrs, _ := body.JustAttributes()
		for _, a := range sortedAttrs(attrs) {
			if skip[a.Name] {
				continue
			}
			b.attr(obj, a.Name, a.Expr, a.Range, sc, ptr, jsonPtrs, rel)
		}
		return obj
	}
	for _, name := range slices.Sorted(maps.Keys(sb.Attributes)) {
		a := sb.Attributes[name]
		if skip[name] {
			continue
		}
		b.attr(obj, name, a.Expr, a.SrcRange, sc, ptr, jsonPtrs, rel)
	}
	groups := map[string][]*ast.Term{}
	unknownGroups := map[string]cty.ValueMarks{}
	var order []string
	for _, bi := range sc.in.expandBlocks(sb, sc.ctx) {
		typ := bi.block.Type
		if skip[typ] {
			continue
		}
		if groups[typ] == nil && unknownGroups[typ] == nil {
			order = append(order, typ)
		}
		if bi.unknown != nil {
			// whether any such block exists is unknown: so is the list
			unknownGroups[typ] = bi.unknown
			b.set(ptr+"/"+document.EscapeToken(typ), hcl.RangeBetween(bi.dyn.TypeRange, bi.dyn.CloseBraceRange), cty.NilVal)
			continue
		}
		cptr := ptr + "/" + document.EscapeToken(typ) + "/" + strconv.Itoa(len(groups[typ]))
		rng := hcl.RangeBetween(bi.block.TypeRange, bi.block.CloseBraceRange)
		if bi.dyn != nil {
			rng = hcl.RangeBetween(bi.dyn.TypeRange, bi.dyn.CloseBraceRange)
		}
		b.set(cptr, rng, cty.NilVal)
		child := b.body(bi.block.Body, scope{sc.in, bi.ctx}, cptr, nil, jsonPtrs, rel+"/"+typ)
		groups[typ] = append(groups[typ], ast.NewTerm(child))
	}
	for _, typ := range order {
		if m, ok := unknownGroups[typ]; ok {
			obj.Insert(ast.StringTerm(typ), ast.NewTerm(b.unknown(m)))
			continue
		}
		obj.Insert(ast.StringTerm(typ), ast.ArrayTerm(groups[typ]...))
	}
	return obj
}

func (b *builder) attr(obj ast.Object, name string, expr hcl.Expression, rng hcl.Range, sc scope, ptr string, jsonPtrs map[string]bool, rel string) {
	v := sc.in.eval(expr, sc.ctx)
	if u, _ := v.Unmark(); u.IsKnown() && u.IsNull() {
		return // null is how Terraform writes "not set"
	}
	cptr := ptr + "/" + document.EscapeToken(name)
	b.set(cptr, rng, v)
	var val ast.Value
	if jsonPtrs[rel+"/"+name] {
		val = b.jsonString(expr, sc, v, cptr)
	} else {
		val = b.expr(expr, sc, v, cptr)
	}
	obj.Insert(ast.StringTerm(name), ast.NewTerm(val))
}

// unknown is the value written for something not known, named in the
// tree's unresolved set.
func (b *builder) unknown(marks cty.ValueMarks) ast.Value {
	for _, n := range userNames(marks) {
		b.t.unresolved[n] = true
	}
	return ast.String(unresolved.Unknown(describeMarks(marks)))
}

// expr converts v, the value of e, placing each part where e writes it.
func (b *builder) expr(e hcl.Expression, sc scope, v cty.Value, ptr string) ast.Value {
	b.set(ptr, e.Range(), v)
	u, marks := v.Unmark()
	if !u.IsKnown() {
		if r := b.partialTemplate(e, sc); r != nil {
			for _, n := range userNames(r.marks) {
				b.t.unresolved[n] = true
			}
			return ast.String(r.text)
		}
		return b.unknown(marks)
	}
	return b.members(u, marks, ptr, func(key any, ev cty.Value, cptr string) ast.Value {
		return b.child(e, sc, key, ev, cptr)
	})
}

// members converts a known value: an object, map or sequence member by
// member with convert (given the member's key, nil for a set's, which has
// no syntax order to follow), anything else as it is. Null members of
// objects are left out, as Terraform leaves out arguments set to null.
func (b *builder) members(u cty.Value, marks cty.ValueMarks, ptr string, convert func(key any, v cty.Value, ptr string) ast.Value) ast.Value {
	if u.IsNull() {
		return ast.Null{}
	}
	ty := u.Type()
	switch {
	case ty.IsObjectType() || ty.IsMapType():
		obj := ast.NewObject()
		for it := u.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			key := k.AsString()
			ev = ev.WithMarks(marks)
			if x, _ := ev.Unmark(); x.IsKnown() && x.IsNull() {
				continue
			}
			obj.Insert(ast.StringTerm(key), ast.NewTerm(convert(key, ev, ptr+"/"+document.EscapeToken(key))))
		}
		return obj
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		var terms []*ast.Term
		i := 0
		for it := u.ElementIterator(); it.Next(); i++ {
			_, ev := it.Element()
			var key any = i
			if ty.IsSetType() {
				key = nil
			}
			terms = append(terms, ast.NewTerm(convert(key, ev.WithMarks(marks), ptr+"/"+strconv.Itoa(i))))
		}
		return ast.NewArray(terms...)
	}
	return b.plain(u, ptr)
}

// child converts one member of a structure, following the syntax into it
// when it can.
func (b *builder) child(e hcl.Expression, sc scope, key any, v cty.Value, ptr string) ast.Value {
	if key != nil && b.depth < maxFollow {
		b.depth++
		ce, csc, rng, ok := b.descend(e, sc, key)
		b.depth--
		if ok {
			b.set(ptr, rng, v)
			b.depth++
			defer func() { b.depth-- }()
			return b.expr(ce, csc, v, ptr)
		}
	}
	b.inherit(ptr, v)
	return b.value(v, ptr)
}

// value converts v with no syntax to follow: every part inherits its
// parent's place.
func (b *builder) value(v cty.Value, ptr string) ast.Value {
	b.inherit(ptr, v)
	u, marks := v.Unmark()
	if !u.IsKnown() {
		return b.unknown(marks)
	}
	return b.members(u, marks, ptr, func(_ any, ev cty.Value, cptr string) ast.Value {
		return b.value(ev, cptr)
	})
}

func (b *builder) plain(u cty.Value, ptr string) ast.Value {
	switch u.Type() {
	case cty.String:
		return ast.String(u.AsString())
	case cty.Bool:
		return ast.Boolean(u.True())
	case cty.Number:
		f := u.AsBigFloat()
		if i, acc := f.Int64(); acc == 0 {
			return ast.Number(strconv.FormatInt(i, 10))
		}
		return ast.Number(f.Text('g', -1))
	}
	return ast.Null{}
}

// unwrap removes syntax that does not change a value's shape.
func unwrap(e hcl.Expression) hcl.Expression {
	for {
		switch x := e.(type) {
		case *hclsyntax.ParenthesesExpr:
			e = x.Expression
		case *hclsyntax.TemplateWrapExpr:
			e = x.Wrapped
		case *hclsyntax.ObjectConsKeyExpr:
			e = x.Wrapped
		default:
			return e
		}
	}
}

// descend steps into e by one key (string) or index (int), returning the
// expression that writes that member and the range of the whole member.
func (b *builder) descend(e hcl.Expression, sc scope, key any) (hcl.Expression, scope, hcl.Range, bool) {
	e = unwrap(e)
	switch x := e.(type) {
	case *hclsyntax.ObjectConsExpr:
		k, ok := key.(string)
		if !ok {
			return nil, sc, hcl.Range{}, false
		}
		for i := len(x.Items) - 1; i >= 0; i-- {
			it := x.Items[i]
			if name, ok := b.keyName(it.KeyExpr, sc); ok && name == k {
				return it.ValueExpr, sc, hcl.RangeBetween(it.KeyExpr.Range(), it.ValueExpr.Range()), true
			}
		}
	case *hclsyntax.TupleConsExpr:
		if i, ok := key.(int); ok && i >= 0 && i < len(x.Exprs) {
			return x.Exprs[i], sc, x.Exprs[i].Range(), true
		}
	case *hclsyntax.ScopeTraversalExpr:
		if d, dsc, ok := b.follow(x.Traversal, sc); ok {
			return b.descend(d, dsc, key)
		}
	case *hclsyntax.ConditionalExpr:
		c, _ := sc.in.eval(x.Condition, sc.ctx).UnmarkDeep()
		if c.IsKnown() && !c.IsNull() && c.Type() == cty.Bool {
			if c.True() {
				return b.descend(x.TrueResult, sc, key)
			}
			return b.descend(x.FalseResult, sc, key)
		}
	case *hclsyntax.ForExpr:
		// Every element comes from the same value expression.
		return x.ValExpr, scope{sc.in, nil}, x.ValExpr.Range(), true
	case *hclsyntax.FunctionCallExpr:
		return b.descendCall(x, sc, key)
	}
	return nil, sc, hcl.Range{}, false
}

func (b *builder) descendCall(x *hclsyntax.FunctionCallExpr, sc scope, key any) (hcl.Expression, scope, hcl.Range, bool) {
	switch x.Name {
	case "merge":
		for i := len(x.Args) - 1; i >= 0; i-- {
			if v := b.arg(x.Args[i], sc); v.IsKnown() && !v.IsNull() && hasKey(v, key) {
				return b.descend(x.Args[i], sc, key)
			}
		}
	case "concat":
		i, ok := key.(int)
		if !ok {
			break
		}
		for _, a := range x.Args {
			v := b.arg(a, sc)
			if !v.IsKnown() || v.IsNull() || !v.CanIterateElements() {
				break
			}
			if n := v.LengthInt(); i < n {
				return b.descend(a, sc, i)
			} else {
				i -= n
			}
		}
	case "tolist", "toset", "tomap", "try", "sensitive", "nonsensitive", "flatten":
		if len(x.Args) > 0 && (x.Name != "flatten" || isFlat(x.Args[0])) {
			return b.descend(x.Args[0], sc, key)
		}
	}
	return nil, sc, hcl.Range{}, false
}

// isFlat reports whether flatten's argument is a tuple of non-sequences,
// which flatten leaves as it is.
func isFlat(e hcl.Expression) bool {
	t, ok := unwrap(e).(*hclsyntax.TupleConsExpr)
	if !ok {
		return false
	}
	for _, x := range t.Exprs {
		if _, ok := unwrap(x).(*hclsyntax.ObjectConsExpr); !ok {
			return false
		}
	}
	return true
}

func hasKey(v cty.Value, key any) bool {
	k, ok := key.(string)
	if !ok {
		return false
	}
	ty := v.Type()
	switch {
	case ty.IsObjectType():
		return ty.HasAttribute(k)
	case ty.IsMapType():
		return v.HasIndex(cty.StringVal(k)).True()
	}
	return false
}

// keyName is an object key as HCL reads it: a bare name is literal.
func (b *builder) keyName(e hclsyntax.Expression, sc scope) (string, bool) {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok && !k.ForceNonLiteral {
		if tr, d := hcl.AbsTraversalForExpr(k.Wrapped); !d.HasErrors() && len(tr) == 1 {
			return tr.RootName(), true
		}
	}
	if sc.ctx == nil {
		if v, d := e.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			return v.AsString(), true
		}
		return "", false
	}
	v, _ := sc.in.eval(e, sc.ctx).UnmarkDeep()
	if v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
		return v.AsString(), true
	}
	return "", false
}

// follow finds the expression a reference reads: a local's definition, a
// module variable's argument at the call (in the caller's file), a
// variable's default, or a module output; then steps into it by the rest
// of the traversal.
func (b *builder) follow(tr hcl.Traversal, sc scope) (hcl.Expression, scope, bool) {
	if len(tr) < 2 || b.depth >= maxFollow {
		return nil, sc, false
	}
	name, ok := tr[1].(hcl.TraverseAttr)
	if !ok {
		return nil, sc, false
	}
	in := sc.in
	var e hcl.Expression
	var dsc scope
	rest := tr[2:]
	switch tr.RootName() {
	case "local":
		for _, l := range in.mod.locals {
			if l.Name == name.Name {
				e, dsc = l.Expr, scope{in, in.finalCtx()}
			}
		}
	case "var":
		if in.call != nil {
			if a, ok := in.call.args[name.Name]; ok {
				e, dsc = a.Expr, scope{in.parent, withKey(in.parent.finalCtx(), in.key, in.each)}
				break
			}
		}
		if v, ok := in.mod.variables[name.Name]; ok && v.def != nil {
			e, dsc = v.def, scope{in, nil}
		}
	case "module":
		cs, ok := in.calls[name.Name]
		if !ok || len(cs.insts) == 0 {
			return nil, sc, false
		}
		child := cs.insts[0]
		if len(cs.insts) > 1 || cs.call.count != nil || cs.call.forEach != nil {
			if len(rest) == 0 {
				return nil, sc, false
			}
			idx, ok := rest[0].(hcl.TraverseIndex)
			if !ok {
				return nil, sc, false
			}
			child = nil
			for _, c := range cs.insts {
				if c.key != cty.NilVal && c.key.IsKnown() && idx.Key.Type() == c.key.Type() && c.key.Equals(idx.Key).True() {
					child = c
				}
			}
			if child == nil {
				return nil, sc, false
			}
			rest = rest[1:]
		}
		if len(rest) == 0 {
			return nil, sc, false
		}
		out, ok := rest[0].(hcl.TraverseAttr)
		if !ok {
			return nil, sc, false
		}
		o, ok := child.mod.outputs[out.Name]
		if !ok {
			return nil, sc, false
		}
		e, dsc, rest = o.Expr, scope{child, child.finalCtx()}, rest[1:]
	}
	if e == nil {
		return nil, sc, false
	}
	b.depth++
	defer func() { b.depth-- }()
	for _, step := range rest {
		var key any
		switch s := step.(type) {
		case hcl.TraverseAttr:
			key = s.Name
		case hcl.TraverseIndex:
			k, _ := s.Key.Unmark()
			switch {
			case !k.IsKnown() || k.IsNull():
				return nil, sc, false
			case k.Type() == cty.String:
				key = k.AsString()
			case k.Type() == cty.Number:
				i, _ := k.AsBigFloat().Int64()
				key = int(i)
			default:
				return nil, sc, false
			}
		default:
			return nil, sc, false
		}
		var ok bool
		e, dsc, _, ok = b.descend(e, dsc, key)
		if !ok {
			return nil, sc, false
		}
	}
	return e, dsc, true
}

// resolve follows references until it reaches an expression that writes
// the value itself.
func (b *builder) resolve(e hcl.Expression, sc scope) (hcl.Expression, scope) {
	for range maxFollow {
		x, ok := unwrap(e).(*hclsyntax.ScopeTraversalExpr)
		if !ok {
			return unwrap(e), sc
		}
		d, dsc, ok := b.follow(x.Traversal, sc)
		if !ok {
			return x, sc
		}
		e, sc = d, dsc
	}
	return e, sc
}

// partialTemplate renders a string template whose value is unknown with
// placeholders for the unknown parts, so the literal parts stay visible
// ("${var.repo}:latest"). It returns nil when e is not a template.
func (b *builder) partialTemplate(e hcl.Expression, sc scope) *rendering {
	d, dsc := b.resolve(e, sc)
	t, ok := d.(*hclsyntax.TemplateExpr)
	if !ok || dsc.ctx == nil {
		return nil
	}
	// a bare placeholder says nothing more than the unknown value
	if len(t.Parts) == 1 {
		return nil
	}
	return dsc.in.render(t, dsc.ctx, nil, false)
}

// jsonString converts an attribute holding a JSON document in a string:
// jsonencode(x) converts x with its HCL positions, a heredoc or string
// template is parsed with positions in the .tf file, file() and
// templatefile() with positions in the file they read. Anything else is
// decoded with the attribute as its place.
func (b *builder) jsonString(e hcl.Expression, sc scope, v cty.Value, ptr string) ast.Value {
	d, dsc := b.resolve(e, sc)
	switch x := d.(type) {
	case *hclsyntax.FunctionCallExpr:
		switch {
		case x.Name == "jsonencode" && len(x.Args) == 1 && dsc.ctx != nil:
			return b.expr(x.Args[0], dsc, dsc.in.eval(x.Args[0], dsc.ctx), ptr)
		case x.Name == "file" && len(x.Args) == 1 && dsc.ctx != nil:
			if val, ok := b.fileJSON(x, dsc, ptr); ok {
				return val
			}
		case x.Name == "templatefile" && len(x.Args) == 2 && dsc.ctx != nil:
			if val, ok := b.templateFileJSON(x, dsc, ptr); ok {
				return val
			}
		}
	case *hclsyntax.TemplateExpr:
		if dsc.ctx != nil {
			src, _ := b.ev.files.load(x.SrcRange.Filename)
			r := dsc.in.render(x, dsc.ctx, src, true)
			if val, ok := b.renderedJSON(r, ptr); ok {
				return val
			}
		}
	case *hclsyntax.ScopeTraversalExpr:
		if val, ok := b.templateDataJSON(x, dsc, ptr); ok {
			return val
		}
	}
	u, marks := v.Unmark()
	if !u.IsKnown() || u.Type() != cty.String {
		return b.unknown(marks)
	}
	doc, err := document.ParseJSON([]byte(u.AsString()))
	if err != nil {
		return b.value(v, ptr)
	}
	b.inheritAll(doc, ptr)
	return doc.Value
}

// inheritAll gives every node of a decoded document the attribute's place.
func (b *builder) inheritAll(doc *document.Document, ptr string) {
	for _, p := range doc.Pointers() {
		b.inherit(ptr+p, cty.NilVal)
	}
}

// readArg reads the file a file() or templatefile() call names in its
// first argument, when the path is known.
func (b *builder) readArg(x *hclsyntax.FunctionCallExpr, sc scope) (name string, src []byte, ok bool) {
	p, _ := sc.in.eval(x.Args[0], sc.ctx).UnmarkDeep()
	if !p.IsKnown() || p.IsNull() || p.Type() != cty.String {
		return "", nil, false
	}
	src, err := b.ev.files.Read(p.AsString())
	if err != nil {
		return "", nil, false
	}
	return b.ev.files.resolve(p.AsString()), src, true
}

func (b *builder) fileJSON(x *hclsyntax.FunctionCallExpr, sc scope, ptr string) (ast.Value, bool) {
	name, src, ok := b.readArg(x, sc)
	if !ok {
		return nil, false
	}
	doc, err := document.ParseJSON(src)
	if err != nil {
		b.t.errs = append(b.t.errs, jsonError(name, err))
		return ast.String(unresolved.Unknown("invalid JSON in " + name)), true
	}
	for _, dp := range doc.Pointers() {
		rng, _, _ := doc.Lookup(dp)
		if _, ok := b.t.places[ptr+dp]; !ok || dp == "" {
			b.t.places[ptr+dp] = &place{span: source.Span{File: name, Pointer: dp, Start: rng.Start, End: rng.End}}
		}
	}
	return doc.Value, true
}

func jsonError(name string, err error) *source.Error {
	e := &source.Error{File: name, Err: err}
	var se *document.SyntaxError
	if errors.As(err, &se) {
		e.Line, e.Col = se.Pos.Line, se.Pos.Column
	}
	return e
}

func (b *builder) templateFileJSON(x *hclsyntax.FunctionCallExpr, sc scope, ptr string) (ast.Value, bool) {
	name, src, ok := b.readArg(x, sc)
	if !ok {
		return nil, false
	}
	tmpl, diags := hclsyntax.ParseTemplate(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, false
	}
	vars := spreadMarks(sc.in.eval(x.Args[1], sc.ctx))
	ctx, err := funcs.TemplateContext(vars, b.ev.table)
	if err != nil {
		return nil, false
	}
	r := sc.in.render(tmpl, ctx, src, true)
	rng := x.Range()
	r.callPos = &rng
	r.callVars = map[string]hcl.Range{}
	if obj, ok := unwrap(x.Args[1]).(*hclsyntax.ObjectConsExpr); ok {
		for _, it := range obj.Items {
			if name, ok := b.keyName(it.KeyExpr, sc); ok {
				r.callVars[name] = hcl.RangeBetween(it.KeyExpr.Range(), it.ValueExpr.Range())
			}
		}
	}
	return b.renderedJSON(r, ptr)
}

// templateDataJSON handles data.template_file.NAME.rendered whose template
// is read with file(): positions point into that file.
func (b *builder) templateDataJSON(x *hclsyntax.ScopeTraversalExpr, sc scope, ptr string) (ast.Value, bool) {
	tr := x.Traversal
	if len(tr) != 4 || tr.RootName() != "data" {
		return nil, false
	}
	typ, _ := tr[1].(hcl.TraverseAttr)
	name, _ := tr[2].(hcl.TraverseAttr)
	attr, _ := tr[3].(hcl.TraverseAttr)
	if typ.Name != "template_file" || attr.Name != "rendered" {
		return nil, false
	}
	st, ok := sc.in.res["data.template_file."+name.Name]
	if !ok || st.blk.count != nil || st.blk.forEach != nil {
		return nil, false
	}
	sb, ok := st.blk.body.(*hclsyntax.Body)
	if !ok {
		return nil, false
	}
	ta, ok := sb.Attributes["template"]
	if !ok {
		return nil, false
	}
	call, ok := unwrap(ta.Expr).(*hclsyntax.FunctionCallExpr)
	if !ok || call.Name != "file" || len(call.Args) != 1 {
		return nil, false
	}
	ctx := sc.in.finalCtx()
	vars := cty.EmptyObjectVal
	if va, ok := sb.Attributes["vars"]; ok {
		vars, _ = sc.in.eval(va.Expr, ctx).Unmark()
	}
	for _, vb := range sb.Blocks {
		if vb.Type == "vars" { // Terraform 0.11 wrote vars as a block
			vars, _ = sc.in.bodyValue(vb.Body, ctx, nil).Unmark()
		}
	}
	fake := &hclsyntax.FunctionCallExpr{Name: "templatefile", Args: []hclsyntax.Expression{call.Args[0], &hclsyntax.LiteralValueExpr{Val: vars, SrcRange: ta.SrcRange}}, NameRange: ta.SrcRange, OpenParenRange: ta.SrcRange, CloseParenRange: ta.SrcRange}
	return b.templateFileJSON(fake, scope{sc.in, ctx}, ptr)
}

// renderedJSON parses rendered template text as JSON and places every
// node in the template's source.
func (b *builder) renderedJSON(r *rendering, ptr string) (ast.Value, bool) {
	doc, err := document.ParseJSON([]byte(r.text))
	if err != nil {
		if r.unknown {
			return nil, false
		}
		e := jsonError(r.file, err)
		var se *document.SyntaxError
		if errors.As(err, &se) {
			if p, ok := r.position(se.Pos, lineStarts(r.text)); ok {
				e.Line, e.Col = p.Line, p.Column
			}
		}
		b.t.errs = append(b.t.errs, e)
		return nil, false
	}
	for _, n := range userNames(r.marks) {
		b.t.unresolved[n] = true
	}
	starts := lineStarts(r.text)
	ptrs := doc.Pointers()
	for _, dp := range ptrs {
		if _, ok := b.t.places[ptr+dp]; ok && dp == "" {
			continue
		}
		rng, _, _ := doc.Lookup(dp)
		start, _ := r.position(rng.Start, starts)
		end, _ := r.position(rng.End, starts)
		if start.Line == 0 {
			b.inherit(ptr+dp, cty.NilVal)
			continue
		}
		file := r.file
		from, _ := offset(rng.Start, starts)
		to, _ := offset(rng.End, starts)
		pointer := dp
		if r.callPos != nil && !isContainer(ptrs, dp) {
			if rng, ok := r.supplied(from, to); ok {
				// a value the call supplies: point at it in the call
				file, start, end, pointer = rng.Filename, pos(rng.Start), pos(rng.End), ptr
			}
		}
		b.t.places[ptr+dp] = &place{span: source.Span{File: file, Pointer: pointer, Start: start, End: end}}
	}
	return unknownArrays(doc.Value, r.bare), true
}

// unknownArrays makes unknown every array that holds a placeholder
// written as one of its elements: `[${var.containers}]` may hold any
// number of elements of any shape, so how many there are and what they
// are is not known.
func unknownArrays(v ast.Value, bare []string) ast.Value {
	if len(bare) == 0 {
		return v
	}
	switch x := v.(type) {
	case *ast.Array:
		terms := make([]*ast.Term, x.Len())
		for i := range terms {
			e := x.Elem(i).Value
			if s, ok := e.(ast.String); ok && slices.Contains(bare, string(s)) {
				return s
			}
			terms[i] = ast.NewTerm(unknownArrays(e, bare))
		}
		return ast.NewArray(terms...)
	case ast.Object:
		out := ast.NewObject()
		x.Foreach(func(k, t *ast.Term) { out.Insert(k, ast.NewTerm(unknownArrays(t.Value, bare))) })
		return out
	}
	return v
}

// isContainer reports whether a document whose sorted pointers are ptrs
// holds an object or array at ptr: its own place is where it starts,
// whatever its members hold.
func isContainer(ptrs []string, ptr string) bool {
	i := sort.SearchStrings(ptrs, ptr+"/")
	return i < len(ptrs) && strings.HasPrefix(ptrs[i], ptr+"/")
}

// spreadMarks moves the marks of an object onto its members, so each
// template variable keeps what it depends on.
func spreadMarks(v cty.Value) cty.Value {
	u, marks := v.Unmark()
	if len(marks) == 0 || !u.IsKnown() || u.IsNull() || !u.Type().IsObjectType() && !u.Type().IsMapType() {
		return u
	}
	m := map[string]cty.Value{}
	for it := u.ElementIterator(); it.Next(); {
		k, e := it.Element()
		m[k.AsString()] = e.WithMarks(marks)
	}
	return objectOf(m)
}
