package terraform

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// Limits that keep a hostile or runaway configuration bounded.
const (
	// maxPasses bounds the fixed-point iteration: each pass propagates
	// values one reference further.
	maxPasses = 32
	// maxInstances bounds one count or for_each expansion.
	maxInstances = 1000
	// maxDepth bounds module nesting.
	maxDepth = 16
)

// unresolvedMark marks a value that depends on something the user could
// supply (a variable without a value, a module not downloaded).
type unresolvedMark string

// computedMark marks a value only the provider knows (a data source
// attribute, a function of the moment).
type computedMark string

// refMark marks every attribute of a resource or data source with its
// address, so a value read from it says where it came from.
type refMark string

// instance is one instance of a module: the root, or one expansion of a
// module call.
type instance struct {
	ev     *evaluator
	mod    *module
	addr   string // "" for the root, "module.app", `module.app["x"]`
	parent *instance
	call   *moduleCall
	key    cty.Value // count.index or each.key of the call, NilVal if none
	each   cty.Value
	trace  []finding.Frame
	depth  int

	vars    map[string]cty.Value
	locals  map[string]cty.Value
	res     map[string]*resState
	calls   map[string]*callState
	outputs map[string]cty.Value
	// final is the context after the fixed point, built once.
	final *hcl.EvalContext
}

// finalCtx is the instance's context once evaluation has settled.
func (in *instance) finalCtx() *hcl.EvalContext {
	if in.final == nil {
		in.final = in.ctx()
	}
	return in.final
}

type resState struct {
	blk   *resourceBlock
	insts []*resInst
	value cty.Value
}

type resInst struct {
	key  cty.Value // NilVal without count or for_each
	each cty.Value
	addr string // full address with module path and key
}

type callState struct {
	call    *moduleCall
	dir     string
	skipped string // why the module was not evaluated
	insts   []*instance
	value   cty.Value
}

func newInstance(ev *evaluator, mod *module, addr string, parent *instance, call *moduleCall, key, each cty.Value) *instance {
	in := &instance{
		ev: ev, mod: mod, addr: addr, parent: parent, call: call, key: key, each: each,
		vars: map[string]cty.Value{}, locals: map[string]cty.Value{}, res: map[string]*resState{},
		calls: map[string]*callState{}, outputs: map[string]cty.Value{},
	}
	if parent != nil {
		in.depth = parent.depth + 1
		in.trace = append(append([]finding.Frame(nil), parent.trace...), finding.Frame{
			File: call.rng.Filename, Start: pos(call.rng.Start), Label: addr,
		})
	}
	for _, l := range mod.locals {
		in.locals[l.Name] = cty.DynamicVal
	}
	for _, r := range mod.resources {
		in.res[r.addr()] = &resState{blk: r, value: cty.DynamicVal}
	}
	for _, c := range mod.calls {
		in.calls[c.name] = &callState{call: c, value: cty.DynamicVal}
	}
	for name := range mod.outputs {
		in.outputs[name] = cty.DynamicVal
	}
	return in
}

// prefix is the address prefix of the instance's resources.
func (in *instance) prefix() string {
	if in.addr == "" {
		return ""
	}
	return in.addr + "."
}

// ctx builds the evaluation context of the instance from its current
// values.
func (in *instance) ctx() *hcl.EvalContext {
	vars := map[string]cty.Value{
		"var":   objectOf(in.vars),
		"local": objectOf(in.locals),
		"path": cty.ObjectVal(map[string]cty.Value{
			"module": cty.StringVal(in.ev.relToRoot(in.mod.dir)),
			"root":   cty.StringVal("."),
			"cwd":    cty.StringVal(in.ev.cwd()),
		}),
		"terraform": cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")}),
	}
	mods := map[string]cty.Value{}
	for name, c := range in.calls {
		mods[name] = c.value
	}
	vars["module"] = objectOf(mods)
	types := map[string]map[string]cty.Value{}
	data := map[string]map[string]cty.Value{}
	for _, r := range in.res {
		group := types
		if r.blk.data {
			group = data
		}
		if group[r.blk.typ] == nil {
			group[r.blk.typ] = map[string]cty.Value{}
		}
		group[r.blk.typ][r.blk.name] = r.value
	}
	for t, m := range types {
		vars[t] = objectOf(m)
	}
	dataObj := map[string]cty.Value{}
	for t, m := range data {
		dataObj[t] = objectOf(m)
	}
	vars["data"] = objectOf(dataObj)
	return &hcl.EvalContext{Variables: vars, Functions: in.ev.table}
}

func objectOf(m map[string]cty.Value) cty.Value {
	if len(m) == 0 {
		return cty.EmptyObjectVal
	}
	return cty.ObjectVal(m)
}

// child returns a context with count or each set for one instance.
func withKey(ctx *hcl.EvalContext, key, each cty.Value) *hcl.EvalContext {
	if key == cty.NilVal {
		return ctx
	}
	c := ctx.NewChild()
	c.Variables = map[string]cty.Value{}
	if key.Type() == cty.Number {
		c.Variables["count"] = cty.ObjectVal(map[string]cty.Value{"index": key})
	} else {
		c.Variables["each"] = cty.ObjectVal(map[string]cty.Value{"key": key, "value": each})
	}
	return c
}

// eval evaluates an expression; a failure gives an unknown value marked
// with what the expression read, never an error: what cannot be evaluated
// is unknown.
func (in *instance) eval(expr hcl.Expression, ctx *hcl.EvalContext) cty.Value {
	v, diags := safeValue(expr, ctx)
	if diags.HasErrors() {
		in.ev.noteFailure(diags)
		marks := marksOfRefs(expr, ctx)
		if v == cty.NilVal {
			return cty.DynamicVal.WithMarks(marks)
		}
		// HCL leaves the failed parts unknown and keeps the rest
		return v.WithMarks(marks)
	}
	return v
}

// safeValue evaluates expr, turning a panic inside HCL or cty (which some
// malformed input provokes) into a diagnostic.
func safeValue(expr hcl.Expression, ctx *hcl.EvalContext) (v cty.Value, diags hcl.Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			rng := expr.Range()
			v, diags = cty.DynamicVal, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("evaluation failed: %v", r), Subject: &rng}}
		}
	}()
	return expr.Value(ctx)
}

// marksOfRefs collects the marks of the values an expression references,
// so a failed evaluation still says what it depended on.
func marksOfRefs(expr hcl.Expression, ctx *hcl.EvalContext) cty.ValueMarks {
	marks := cty.ValueMarks{}
	for _, tr := range expr.Variables() {
		v, diags := tr.TraverseAbs(ctx)
		if diags.HasErrors() {
			if a, ok := attrStep(tr); ok && tr.RootName() == "var" && ctx != nil {
				// an undeclared variable: name it, it is what is missing
				if vars := ctx.Variables["var"]; vars.Type().IsObjectType() && !vars.Type().HasAttribute(a.Name) {
					marks[unresolvedMark("var."+a.Name)] = struct{}{}
					continue
				}
			}
			v, diags = hcl.Traversal{tr[0]}.TraverseAbs(ctx)
			if diags.HasErrors() {
				continue
			}
		}
		_, pvm := v.UnmarkDeepWithPaths()
		for _, p := range pvm {
			for m := range p.Marks {
				if _, ok := m.(unresolvedMark); ok {
					marks[m] = struct{}{}
				}
			}
		}
	}
	return marks
}

// pass evaluates every value of the instance once, children included, and
// reports whether anything changed.
func (in *instance) pass() bool {
	changed := false
	set := func(m map[string]cty.Value, k string, v cty.Value) {
		if old, ok := m[k]; !ok || !old.RawEquals(v) {
			m[k] = v
			changed = true
		}
	}
	// Locals first, to their own fixed point: most references are local.
	for range len(in.mod.locals) + 1 {
		ctx := in.ctx()
		localChanged := false
		for _, l := range in.mod.locals {
			v := in.eval(l.Expr, ctx)
			if old := in.locals[l.Name]; !old.RawEquals(v) {
				in.locals[l.Name] = v
				localChanged = true
			}
		}
		if !localChanged {
			break
		}
		changed = true
	}
	ctx := in.ctx()
	for _, r := range in.mod.resources {
		st := in.res[r.addr()]
		v := in.evalResource(st, ctx)
		if !st.value.RawEquals(v) {
			st.value = v
			changed = true
		}
	}
	ctx = in.ctx()
	for _, c := range in.mod.calls {
		if in.evalCall(in.calls[c.name], ctx) {
			changed = true
		}
	}
	ctx = in.ctx()
	for name, o := range in.mod.outputs {
		set(in.outputs, name, in.eval(o.Expr, ctx))
	}
	return changed
}

// expansion is one instance key of a count or for_each.
type expansion struct {
	key, each cty.Value
	suffix    string
}

// expand evaluates count or for_each. Unknown gives one instance with an
// unknown key, so the block is still checked for what it states
// literally.
func (in *instance) expand(count, forEach hcl.Expression, ctx *hcl.EvalContext) []expansion {
	switch {
	case count != nil:
		v, _ := in.eval(count, ctx).UnmarkDeep()
		if v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			// Terraform 0.11 modules write count = "${var.n}"
			if n, err := convert.Convert(v, cty.Number); err == nil {
				v = n
			}
		}
		if !v.IsKnown() || v.Type() != cty.Number || v.IsNull() {
			return []expansion{{key: cty.UnknownVal(cty.Number), suffix: "[*]"}}
		}
		n, _ := v.AsBigFloat().Int64()
		n = min(max(n, 0), maxInstances)
		out := make([]expansion, n)
		for i := range out {
			out[i] = expansion{key: cty.NumberIntVal(int64(i)), suffix: "[" + strconv.Itoa(i) + "]"}
		}
		return out
	case forEach != nil:
		raw := in.eval(forEach, ctx)
		v, marks := raw.Unmark()
		ty := v.Type()
		iterable := ty.IsMapType() || ty.IsObjectType() || ty.IsSetType()
		// a set with unknown elements has unknown keys, a map only unknown values
		if !v.IsKnown() || v.IsNull() || !iterable || ty.IsSetType() && !v.IsWhollyKnown() {
			return []expansion{{key: cty.UnknownVal(cty.String).WithMarks(marks), each: cty.DynamicVal.WithMarks(marks), suffix: "[*]"}}
		}
		var out []expansion
		for it := v.ElementIterator(); it.Next() && len(out) < maxInstances; {
			k, e := it.Element()
			if ty.IsSetType() {
				k = e
			}
			k, _ = k.Unmark()
			if !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
				return []expansion{{key: cty.UnknownVal(cty.String), each: cty.DynamicVal, suffix: "[*]"}}
			}
			out = append(out, expansion{key: k, each: e, suffix: "[" + strconv.Quote(k.AsString()) + "]"})
		}
		return out
	}
	return []expansion{{key: cty.NilVal}}
}

// evalResource evaluates a resource or data block for every instance and
// returns the value other expressions see.
func (in *instance) evalResource(st *resState, ctx *hcl.EvalContext) cty.Value {
	r := st.blk
	exps := in.expand(r.count, r.forEach, ctx)
	st.insts = st.insts[:0]
	vals := make([]cty.Value, 0, len(exps))
	keyed := map[string]cty.Value{}
	for _, x := range exps {
		ictx := withKey(ctx, x.key, x.each)
		addr := in.prefix() + r.addr() + x.suffix
		attrs := in.bodyValue(r.body, ictx, resourceMeta)
		obj := in.ev.referenceable(r, addr, attrs, in.mod.refAttrs[r.addr()])
		st.insts = append(st.insts, &resInst{key: x.key, each: x.each, addr: addr})
		vals = append(vals, obj)
		if x.key != cty.NilVal && x.key.IsKnown() && x.key.Type() == cty.String {
			keyed[x.key.AsString()] = obj
		}
	}
	switch {
	case r.count == nil && r.forEach == nil:
		if len(vals) == 1 {
			return vals[0]
		}
		return cty.DynamicVal
	case len(exps) == 1 && !exps[0].key.IsKnown():
		return cty.DynamicVal.WithMarks(exps[0].key.Marks())
	case r.forEach != nil:
		return objectOf(keyed)
	}
	if len(vals) == 0 {
		return cty.EmptyTupleVal
	}
	return cty.TupleVal(vals)
}

// evalCall evaluates a module call: its instances, their arguments and a
// pass over each child. It reports whether anything changed.
func (in *instance) evalCall(cs *callState, ctx *hcl.EvalContext) bool {
	c := cs.call
	if cs.skipped != "" {
		return false
	}
	if cs.dir == "" {
		dir, why := in.ev.moduleDir(in, c)
		if why != "" {
			cs.skipped = why
			in.ev.warn(fmt.Sprintf("%s: %s%s (source %q) %s; its resources are not linted and its outputs are unknown",
				relPath(c.rng.Filename), in.prefix(), "module."+c.name, c.source, why))
			cs.value = cty.DynamicVal.WithMarks(cty.NewValueMarks(unresolvedMark(in.prefix() + "module." + c.name)))
			return true
		}
		cs.dir = dir
	}
	exps := in.expand(c.count, c.forEach, ctx)
	changed := false
	byAddr := map[string]*instance{}
	for _, old := range cs.insts {
		byAddr[old.addr] = old
	}
	insts := make([]*instance, 0, len(exps))
	for _, x := range exps {
		addr := in.prefix() + "module." + c.name + x.suffix
		child := byAddr[addr]
		if child == nil {
			mod := in.ev.module(cs.dir)
			child = newInstance(in.ev, mod, addr, in, c, x.key, x.each)
			changed = true
		}
		child.key, child.each = x.key, x.each
		insts = append(insts, child)
		ictx := withKey(ctx, x.key, x.each)
		for name, v := range child.mod.variables {
			val := in.ev.inputValue(v, child, c, ictx, in)
			if old, ok := child.vars[name]; !ok || !old.RawEquals(val) {
				child.vars[name] = val
				changed = true
			}
		}
		if child.pass() {
			changed = true
		}
	}
	if len(insts) != len(cs.insts) {
		changed = true
	}
	cs.insts = insts
	var v cty.Value
	switch {
	case c.count == nil && c.forEach == nil:
		v = objectOf(insts[0].outputs)
	case len(exps) == 1 && !exps[0].key.IsKnown():
		v = cty.DynamicVal
	case c.forEach != nil:
		m := map[string]cty.Value{}
		for i, x := range exps {
			m[x.key.AsString()] = objectOf(insts[i].outputs)
		}
		v = objectOf(m)
	default:
		vals := make([]cty.Value, len(insts))
		for i, ch := range insts {
			vals[i] = objectOf(ch.outputs)
		}
		v = cty.EmptyTupleVal
		if len(vals) > 0 {
			v = cty.TupleVal(vals)
		}
	}
	if !cs.value.RawEquals(v) {
		cs.value = v
		changed = true
	}
	return changed
}

// inputValue is the value of a child module's variable: the call's
// argument, else the default, converted to the declared type.
func (ev *evaluator) inputValue(v *variable, child *instance, c *moduleCall, ctx *hcl.EvalContext, parent *instance) cty.Value {
	if a, ok := c.args[v.name]; ok {
		return child.given(v, parent.eval(a.Expr, ctx))
	}
	return child.defaultValue(v)
}

// given is the value of a variable given val: converted to the declared
// type, or, for null given to a variable declared nullable = false, its
// default, as Terraform does.
func (in *instance) given(v *variable, val cty.Value) cty.Value {
	if !v.nullable && v.def != nil && val.IsKnown() && val.IsNull() {
		return in.defaultValue(v)
	}
	return v.convert(val)
}

func (in *instance) defaultValue(v *variable) cty.Value {
	if v.def == nil {
		return cty.UnknownVal(v.typ).Mark(unresolvedMark(in.prefix() + "var." + v.name))
	}
	return v.convert(in.eval(v.def, nil))
}

// convert applies the declared type and its optional-attribute defaults;
// a value that does not convert is kept as given (Terraform would stop;
// ecslint lints what it can).
func (v *variable) convert(val cty.Value) cty.Value {
	if val.IsNull() {
		return cty.NullVal(v.typ)
	}
	if v.defaults != nil && val.IsWhollyKnown() {
		if !val.ContainsMarked() {
			val = v.defaults.Apply(val)
		}
	}
	if c, err := convert.Convert(val, v.typ); err == nil {
		return c
	}
	return val
}

// bodyMeta lists the names a block body holds that are Terraform's, not
// the resource's.
type bodyMeta map[string]bool

var resourceMeta = bodyMeta{
	"count": true, "for_each": true, "provider": true, "depends_on": true,
	"lifecycle": true, "provisioner": true, "connection": true,
}

// bodyValue evaluates a resource body into an object: attributes by name,
// nested blocks (dynamic ones expanded) as tuples of objects.
func (in *instance) bodyValue(body hcl.Body, ctx *hcl.EvalContext, skip bodyMeta) cty.Value {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		attrs, _ := body.JustAttributes()
		out := map[string]cty.Value{}
		for name, a := range attrs {
			if !skip[name] {
				out[name] = in.eval(a.Expr, ctx)
			}
		}
		return objectOf(out)
	}
	out := map[string]cty.Value{}
	for name, a := range sb.Attributes {
		if !skip[name] {
			out[name] = in.eval(a.Expr, ctx)
		}
	}
	blocks := map[string][]cty.Value{}
	for _, b := range in.expandBlocks(sb, ctx) {
		if skip[b.block.Type] {
			continue
		}
		blocks[b.block.Type] = append(blocks[b.block.Type], in.bodyValue(b.block.Body, b.ctx, nil))
	}
	for name, list := range blocks {
		out[name] = cty.TupleVal(list)
	}
	return objectOf(out)
}

// blockInst is one nested block after dynamic expansion, with the context
// its content evaluates in.
type blockInst struct {
	block *hclsyntax.Block
	ctx   *hcl.EvalContext
	// dyn is the dynamic block it came from, for positions.
	dyn *hclsyntax.Block
	// unknown is set when the dynamic block's for_each is unknown: how
	// many blocks there are (none, maybe) is not known.
	unknown cty.ValueMarks
}

// expandBlocks lists the nested blocks of a body in source order, each
// `dynamic` block replaced by one block per element of its for_each.
func (in *instance) expandBlocks(sb *hclsyntax.Body, ctx *hcl.EvalContext) []blockInst {
	var out []blockInst
	for _, b := range sb.Blocks {
		if b.Type != "dynamic" || len(b.Labels) != 1 {
			out = append(out, blockInst{block: b, ctx: ctx})
			continue
		}
		out = append(out, in.expandDynamic(b, ctx)...)
	}
	return out
}

func (in *instance) expandDynamic(b *hclsyntax.Block, ctx *hcl.EvalContext) []blockInst {
	name := b.Labels[0]
	iter := name
	var forEach hcl.Expression
	if a, ok := b.Body.Attributes["iterator"]; ok {
		if tr, d := hcl.AbsTraversalForExpr(a.Expr); !d.HasErrors() && len(tr) == 1 {
			iter = tr.RootName()
		}
	}
	if a, ok := b.Body.Attributes["for_each"]; ok {
		forEach = a.Expr
	}
	var content *hclsyntax.Block
	for _, c := range b.Body.Blocks {
		if c.Type == "content" {
			content = c
		}
	}
	if forEach == nil || content == nil {
		return nil
	}
	synth := func() *hclsyntax.Block {
		return &hclsyntax.Block{
			Type: name, Body: content.Body, TypeRange: b.TypeRange, OpenBraceRange: content.OpenBraceRange,
			CloseBraceRange: content.CloseBraceRange,
		}
	}
	bind := func(k, v cty.Value) *hcl.EvalContext {
		c := ctx.NewChild()
		c.Variables = map[string]cty.Value{iter: cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})}
		return c
	}
	raw := in.eval(forEach, ctx)
	v, marks := raw.Unmark()
	ty := v.Type()
	iterable := ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType()
	if !v.IsKnown() || v.IsNull() || !iterable || !v.IsWhollyKnown() && ty.IsSetType() {
		if marks == nil {
			marks = cty.ValueMarks{}
		}
		return []blockInst{{block: synth(), ctx: bind(cty.DynamicVal.WithMarks(marks), cty.DynamicVal.WithMarks(marks)), dyn: b, unknown: marks}}
	}
	var out []blockInst
	for it := v.ElementIterator(); it.Next() && len(out) < maxInstances; {
		k, e := it.Element()
		if ty.IsSetType() {
			k = e
		}
		out = append(out, blockInst{block: synth(), ctx: bind(k, e), dyn: b})
	}
	return out
}

// evaluator evaluates one root module and everything it calls.
type evaluator struct {
	// root names the root in identities (its directory, or the file when
	// a file stands alone); dir is the directory, Terraform's working
	// directory, which relative paths start from.
	root     string
	dir      string
	files    *fileSet
	modules  map[string]*module
	table    map[string]function.Function
	warnings []string
	failures map[string]int
	// buildErrs are documents that did not parse (JSON in a file or
	// heredoc), found while building resources.
	buildErrs []*source.Error
}

// relToRoot writes a module directory as Terraform's path.module does:
// relative to the root directory ("." for the root itself), so file()
// resolves it from there whatever directory ecslint runs in.
func (ev *evaluator) relToRoot(dir string) string {
	rel, err := filepath.Rel(ev.dir, dir)
	if err != nil {
		return filepath.ToSlash(dir)
	}
	return filepath.ToSlash(rel)
}

// cwd is path.cwd: Terraform's working directory, the root, absolute.
func (ev *evaluator) cwd() string {
	abs, err := filepath.Abs(ev.dir)
	if err != nil {
		return filepath.ToSlash(ev.dir)
	}
	return filepath.ToSlash(abs)
}

func (ev *evaluator) warn(w string) {
	for _, o := range ev.warnings {
		if o == w {
			return
		}
	}
	ev.warnings = append(ev.warnings, w)
}

// noteFailure counts evaluation failures by summary, for one warning per
// kind at the end (unsupported functions above all).
func (ev *evaluator) noteFailure(diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity == hcl.DiagError && strings.HasPrefix(d.Summary, "Call to unknown function") {
			ev.failures[d.Detail]++
		}
	}
}

func (ev *evaluator) module(dir string) *module {
	if m, ok := ev.modules[dir]; ok {
		return m
	}
	names, overrides, err := tfFiles(dir)
	m := loadModule(dir, names, ev.files.load)
	if err != nil {
		m.errs = append(m.errs, err)
	}
	for _, o := range overrides {
		ev.warn(fmt.Sprintf("%s: override files are not merged; its settings are not linted", relPath(o)))
	}
	ev.modules[dir] = m
	return m
}

// moduleDir finds where a called module's files are: beside the caller
// for a local source, under .terraform/modules for one terraform init
// downloaded. A reason is returned when it is not there.
func (ev *evaluator) moduleDir(in *instance, c *moduleCall) (string, string) {
	if in.depth+1 > maxDepth {
		return "", "is nested too deep"
	}
	var dir string
	if isLocalSource(c.source) {
		dir = filepath.Join(in.mod.dir, filepath.FromSlash(c.source))
	} else {
		d, ok := ev.files.installed(ev.dir, moduleKey(in, c))
		if !ok {
			return "", "is not under .terraform/modules (run terraform init to lint it)"
		}
		dir = d
	}
	for p := in; p != nil; p = p.parent {
		if filepath.Clean(p.mod.dir) == filepath.Clean(dir) {
			return "", "calls itself"
		}
	}
	names, _, err := tfFiles(dir)
	if err != nil || len(names) == 0 {
		return "", "has no .tf files at " + relPath(dir)
	}
	return dir, ""
}

func isLocalSource(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || s == "." || s == ".."
}

// moduleKey is the call's key in .terraform/modules/modules.json: call
// names from the root, joined by dots, without instance keys.
func moduleKey(in *instance, c *moduleCall) string {
	var names []string
	for p := in; p != nil && p.call != nil; p = p.parent {
		names = append([]string{p.call.name}, names...)
	}
	return strings.Join(append(names, c.name), ".")
}

// run evaluates the root to a fixed point.
func (ev *evaluator) run(root *instance) {
	for range maxPasses {
		if !root.pass() {
			return
		}
	}
	ev.warn(fmt.Sprintf("%s: evaluation did not settle after %d passes; some values may be unknown", relPath(ev.root), maxPasses))
}

// referenceable is the value a resource instance shows to references:
// its evaluated arguments, and placeholders for id, arn, name and every
// other attribute the module reads that the configuration does not set.
// Every attribute is marked with the instance's address.
func (ev *evaluator) referenceable(r *resourceBlock, addr string, attrs cty.Value, read map[string]bool) cty.Value {
	out := map[string]cty.Value{}
	if v, _ := attrs.Unmark(); v.IsKnown() && v.Type().IsObjectType() {
		for name := range v.Type().AttributeTypes() {
			out[name] = v.GetAttr(name)
		}
	}
	if r.data {
		if v, ok := staticData(ev, r, attrs); ok {
			for k, x := range v {
				out[k] = x
			}
		}
	}
	placeholder := func(name string) {
		if _, ok := out[name]; ok && name != "id" && name != "arn" {
			return
		}
		if r.data {
			if _, ok := out[name]; !ok {
				out[name] = cty.DynamicVal.Mark(computedMark(addr + "." + name))
			}
			return
		}
		out[name] = cty.StringVal(unresolved.Unknown(addr + "." + name))
	}
	if !r.data {
		for _, n := range []string{"id", "arn", "name"} {
			placeholder(n)
		}
	}
	for n := range read {
		placeholder(n)
	}
	for k, v := range out {
		out[k] = v.Mark(refMark(addr))
	}
	return objectOf(out)
}

func pos(p hcl.Pos) document.Pos { return document.Pos{Line: p.Line, Column: p.Column} }

// attrStep is the attribute a traversal reads after its root.
func attrStep(tr hcl.Traversal) (hcl.TraverseAttr, bool) {
	if len(tr) < 2 {
		return hcl.TraverseAttr{}, false
	}
	a, ok := tr[1].(hcl.TraverseAttr)
	return a, ok
}
