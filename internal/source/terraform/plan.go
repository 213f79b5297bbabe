package terraform

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/files"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// PlanFormat reads what `terraform show -json` writes: a saved plan
// (planned_values with child modules, resource_changes, configuration) or
// a state (values). Values Terraform knows only after apply (a plan's
// after_unknown) are unknown; an attribute the configuration does not set
// whose value only the provider computes is left out, as it is from the
// API request the provider sends.
//
// A plan names no directory, so its configuration directory is taken to be
// the one holding the plan file (`terraform show -json tfplan >
// tfplan.json` in the root): its resources answer to the same
// {terraform, "<dir>#<address>"} identities as those of the configuration,
// and when both are linted in one run the analyzer reports the plan's
// findings at the configuration's blocks (see Merge).
type PlanFormat struct{}

// Name implements files.Format.
func (PlanFormat) Name() string { return source.FormatTerraformPlan }

// Match implements files.Format: a JSON object with Terraform's
// format_version and planned values, changes or state values.
func (PlanFormat) Match(f *files.File) bool {
	if f.YAML || len(f.Docs) != 1 {
		return false
	}
	obj, ok := f.Docs[0].Value.(ast.Object)
	if !ok || obj.Get(ast.StringTerm("format_version")) == nil || obj.Get(ast.StringTerm("terraform_version")) == nil {
		return false
	}
	for _, k := range []string{"planned_values", "resource_changes", "values"} {
		if obj.Get(ast.StringTerm(k)) != nil {
			return true
		}
	}
	return false
}

// Load implements files.Format.
func (PlanFormat) Load(_ context.Context, f *files.File) *source.Loaded {
	p := &planReader{file: f.Name, doc: f.Docs[0], root: PlanRoot(f.Name), addrs: map[string]bool{}, changes: map[string]ast.Value{}, config: map[string]ast.Object{}, outputs: map[string]ast.Object{}}
	return p.load()
}

// PlanRoot is the configuration directory a plan file is taken to belong
// to: the directory holding it, as the Terraform source names roots.
func PlanRoot(file string) string {
	if file == files.StdinName {
		return "."
	}
	return filepath.Clean(filepath.Dir(file))
}

// planReader reads one plan file.
type planReader struct {
	file string
	doc  *document.Document
	root string
	// addrs holds every managed resource instance address in the plan.
	addrs map[string]bool
	// changes maps an address to its change's after_unknown.
	changes map[string]ast.Value
	// config maps "<module path without keys>|<type>.<name>" to the
	// resource's expressions in the configuration.
	config map[string]ast.Object
	// outputs maps "<module path without keys>|<output>" to the output's
	// expression, for references through module outputs.
	outputs map[string]ast.Object
	out     *source.Loaded
}

// planRes is one resource instance of the plan.
type planRes struct {
	addr, typ, name, module string
	// index is the instance key as written in the address ("[0]",
	// `["a"]`), "" without count or for_each.
	index string
	ptr   string // the resource's entry in the file
	vptr  string // its values object
	value ast.Value
}

func (p *planReader) load() *source.Loaded {
	p.out = &source.Loaded{Format: source.FormatTerraformPlan, Files: 1}
	obj := p.doc.Value.(ast.Object)
	if b, ok := member(obj, "errored").(ast.Boolean); ok && bool(b) {
		p.out.Warnings = append(p.out.Warnings, p.file+": the plan errored; resources Terraform could not plan are not in it")
	}
	p.readChanges(obj)
	if cfg, ok := object(obj, "configuration"); ok {
		if m, ok := object(cfg, "root_module"); ok {
			p.readConfig(m, "")
		}
	}
	var list []*planRes
	switch {
	case member(obj, "planned_values") != nil:
		if m, ok := object(objectOr(obj, "planned_values"), "root_module"); ok {
			p.readModule(m, "/planned_values/root_module", &list)
		}
	case member(obj, "values") != nil:
		if m, ok := object(objectOr(obj, "values"), "root_module"); ok {
			p.readModule(m, "/values/root_module", &list)
		}
	default:
		p.readAfter(obj, &list)
	}
	for _, r := range list {
		p.addrs[r.addr] = true
	}
	var aux []auxBlock
	for _, r := range list {
		tm, ok := types[r.typ]
		switch {
		case ok:
			p.out.Resources = append(p.out.Resources, p.resource(r, tm))
		case isAux(r.typ):
			t := p.tree(r, nil)
			aux = append(aux, auxBlock{typ: r.typ, addr: r.addr, t: t})
		}
	}
	applyAux(p.root, p.out.Resources, aux)
	return p.out
}

// readChanges indexes resource_changes by address.
func (p *planReader) readChanges(obj ast.Object) {
	arr, ok := member(obj, "resource_changes").(*ast.Array)
	if !ok {
		return
	}
	for i := 0; i < arr.Len(); i++ {
		rc, ok := arr.Elem(i).Value.(ast.Object)
		if !ok {
			continue
		}
		addr, _ := str(rc, "address")
		if ch, ok := object(rc, "change"); ok {
			if u := member(ch, "after_unknown"); u != nil {
				p.changes[addr] = u
			}
		}
	}
}

// readConfig indexes the configuration's resources and outputs by module
// path (call names, no instance keys).
func (p *planReader) readConfig(m ast.Object, path string) {
	managed(member(m, "resources"), func(_ int, r ast.Object) {
		typ, _ := str(r, "type")
		name, _ := str(r, "name")
		if e, ok := object(r, "expressions"); ok {
			p.config[path+"|"+typ+"."+name] = e
		}
	})
	if outs, ok := object(m, "outputs"); ok {
		outs.Foreach(func(k, v *ast.Term) {
			o, ok := v.Value.(ast.Object)
			if !ok {
				return
			}
			if e, ok := object(o, "expression"); ok {
				p.outputs[path+"|"+string(k.Value.(ast.String))] = e
			}
		})
	}
	if calls, ok := object(m, "module_calls"); ok {
		calls.Foreach(func(k, v *ast.Term) {
			c, ok := v.Value.(ast.Object)
			if !ok {
				return
			}
			if mod, ok := object(c, "module"); ok {
				p.readConfig(mod, joinModule(path, "module."+string(k.Value.(ast.String))))
			}
		})
	}
}

func joinModule(path, step string) string {
	if path == "" {
		return step
	}
	return path + "." + step
}

// readModule lists the managed resources of a planned or state module and
// its children.
func (p *planReader) readModule(m ast.Object, ptr string, out *[]*planRes) {
	managed(member(m, "resources"), func(i int, r ast.Object) {
		rptr := ptr + "/resources/" + strconv.Itoa(i)
		if pr := newPlanRes(r, rptr, member(r, "values"), rptr+"/values"); pr != nil {
			*out = append(*out, pr)
		}
	})
	if arr, ok := member(m, "child_modules").(*ast.Array); ok {
		for i := 0; i < arr.Len(); i++ {
			if c, ok := arr.Elem(i).Value.(ast.Object); ok {
				p.readModule(c, ptr+"/child_modules/"+strconv.Itoa(i), out)
			}
		}
	}
}

// readAfter lists resources from resource_changes alone (a plan written
// without planned_values): the value after the change, deletions left out.
func (p *planReader) readAfter(obj ast.Object, out *[]*planRes) {
	managed(member(obj, "resource_changes"), func(i int, rc ast.Object) {
		after := member(member(rc, "change"), "after")
		if after == nil || after == (ast.Null{}) {
			return // deleted
		}
		rptr := "/resource_changes/" + strconv.Itoa(i)
		if pr := newPlanRes(rc, rptr, after, rptr+"/change/after"); pr != nil {
			*out = append(*out, pr)
		}
	})
}

// managed calls f with each managed resource (not data source) of a list
// of resources, with its index.
func managed(list ast.Value, f func(i int, r ast.Object)) {
	arr, ok := list.(*ast.Array)
	if !ok {
		return
	}
	for i := 0; i < arr.Len(); i++ {
		r, ok := arr.Elem(i).Value.(ast.Object)
		if !ok {
			continue
		}
		if mode, _ := str(r, "mode"); mode == "managed" {
			f(i, r)
		}
	}
}

func newPlanRes(r ast.Object, ptr string, values ast.Value, vptr string) *planRes {
	addr, _ := str(r, "address")
	typ, _ := str(r, "type")
	name, _ := str(r, "name")
	if addr == "" || typ == "" {
		return nil
	}
	pr := &planRes{addr: addr, typ: typ, name: name, ptr: ptr, vptr: vptr, value: values}
	pr.module, pr.index = splitAddress(addr, typ+"."+name)
	return pr
}

// splitAddress splits a resource instance address into its module path
// (with instance keys) and its own instance key.
func splitAddress(addr, typeName string) (module, index string) {
	i := strings.LastIndex(addr, typeName)
	if i < 0 {
		return "", ""
	}
	module = strings.TrimSuffix(addr[:i], ".")
	return module, addr[i+len(typeName):]
}

// stripKeys drops the instance keys of a module path: module.a["x"].module.b[0]
// → module.a.module.b.
func stripKeys(path string) string {
	var b strings.Builder
	outsideKeys(path, func(_ int, c byte) { b.WriteByte(c) })
	return b.String()
}

// outsideKeys calls f with each byte of an address that is not inside an
// instance key ([0], ["a.b"]), with its offset.
func outsideKeys(addr string, f func(i int, c byte)) {
	depth := 0
	inString := false
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case inString:
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
		case c == '"' && depth > 0:
			inString = true
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			f(i, c)
		}
	}
}

// resource converts one planned resource.
func (p *planReader) resource(r *planRes, tm typeMap) *source.Resource {
	res, api := apiResource(p.root, r.addr, r.typ, tm, p.tree(r, tm.json))
	obj := res.Value
	rng, _, _ := p.doc.Lookup(r.ptr)
	res.Origin = source.Origin{Format: source.FormatTerraformPlan, File: p.file, Pointer: r.ptr}
	vals, ok := r.value.(ast.Object)
	if !ok {
		vals = ast.NewObject()
	}
	if arn, ok := stringAt(vals, "arn"); ok && strings.HasPrefix(arn, "arn:") {
		res.IDs = append(res.IDs, source.Identity{Scheme: source.SchemeARN, Value: arn})
	}
	if tm.kind == kind.TaskDefinition {
		if n, ok := member(vals, "revision").(ast.Number); ok {
			if rev, ok := n.Int(); ok && rev > 0 {
				res.Revision = rev
				if fam, ok := stringAt(obj, "family"); ok {
					res.IDs = append(res.IDs, source.Identity{Scheme: source.SchemeFamilyRevision, Value: fam + ":" + strconv.Itoa(rev)})
				}
			}
		}
	}
	loc := &source.MapLocator{
		Root:    source.Span{File: p.file, Pointer: r.ptr, Start: rng.Start, End: rng.End},
		Spans:   make(map[string]source.Span, len(api.places)),
		Inexact: map[string]bool{},
	}
	for ptr, pl := range api.places {
		loc.Spans[ptr] = pl.span
		if pl.inexact {
			loc.Inexact[ptr] = true
		}
	}
	res.Locator = loc
	res.Unresolved = planUnresolved(api, relationPaths(tm.kind, api))
	return res
}

// relationPaths lists the API pointers of a value that hold references the
// analyzer relates: an unknown there is a resolved link, not a gap.
func relationPaths(k string, t *tree) map[string]bool {
	out := map[string]bool{}
	obj, _ := t.val.(ast.Object)
	for _, rf := range relFields[k] {
		walkPath(obj, rf.path, nil, func(path []any, _ ast.Value) {
			out[document.Pointer("", path...)] = true
		})
	}
	return out
}

// planUnresolved names the unknown values of a mapped tree that are no
// relation (a relation resolves through the configuration's references).
func planUnresolved(t *tree, relations map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	for ptr, pl := range t.places {
		if pl.unknown == "" || relations[ptr] || seen[pl.unknown] {
			continue
		}
		seen[pl.unknown] = true
		out = append(out, pl.unknown)
	}
	sort.Strings(out)
	return out
}

// afterApply is how a plan's unknown values are named for users.
const afterApply = " (known after apply)"

// tree builds a resource's value in Terraform's shape from its planned
// values: unknown values written in, null and empty members dropped (the
// provider does not send them), JSON strings at jsonPaths decoded, and
// every node placed in the plan file. The place of an unknown value names
// it, for the run summary.
func (p *planReader) tree(r *planRes, jsonPaths map[string]bool) *tree {
	cfg := p.config[stripKeys(r.module)+"|"+r.typ+"."+r.name]
	w := &planTree{p: p, r: r, cfg: cfg, t: newTree(), unknown: map[string]string{}}
	v := r.value
	if v == nil {
		v = ast.NewObject()
	}
	if u, ok := p.changes[r.addr]; ok {
		v = w.applyUnknown(v, u, "", cfg != nil)
	}
	rng, _, _ := p.doc.Lookup(r.ptr)
	w.t.places[""] = &place{span: source.Span{File: p.file, Pointer: r.ptr, Start: rng.Start, End: rng.End}}
	w.t.val = w.value(v, "", jsonPaths)
	if w.t.val == nil {
		w.t.val = ast.NewObject()
	}
	for ptr, desc := range w.unknown {
		if pl := w.t.places[ptr]; pl != nil {
			pl.unknown = desc
		}
	}
	return w.t
}

// planTree carries the state of building one resource's tree.
type planTree struct {
	p   *planReader
	r   *planRes
	cfg ast.Object
	t   *tree
	// unknown maps the Terraform-shape pointer of each unknown value
	// written to its name.
	unknown map[string]string
}

// applyUnknown writes an unknown value wherever after_unknown is true.
// top is true at the resource level when the configuration is known: an
// unknown attribute there that the configuration does not set is one the
// provider computes, and is left out.
func (w *planTree) applyUnknown(v, u ast.Value, ptr string, top bool) ast.Value {
	switch x := u.(type) {
	case ast.Boolean:
		if !x {
			return v
		}
		// The placeholder names the attribute, not what it references: a
		// relation follows the references through the value's place, and
		// Merge recognises the plan's own unknowns by this form.
		desc := w.r.addr + "." + strings.ReplaceAll(strings.TrimPrefix(ptr, "/"), "/", ".") + afterApply
		w.unknown[ptr] = desc
		return ast.String(unresolved.Unknown(desc))
	case ast.Object:
		obj, ok := v.(ast.Object)
		if !ok {
			if v != nil && v != (ast.Null{}) {
				return v
			}
			obj = ast.NewObject()
		}
		out := ast.NewObject()
		obj.Foreach(func(k, t *ast.Term) { out.Insert(k, t) })
		x.Foreach(func(k, t *ast.Term) {
			name, ok := k.Value.(ast.String)
			if !ok {
				return
			}
			if top && !w.configured(string(name)) {
				return
			}
			cptr := ptr + "/" + document.EscapeToken(string(name))
			var cur ast.Value
			if c := out.Get(k); c != nil {
				cur = c.Value
			}
			nv := w.applyUnknown(cur, t.Value, cptr, false)
			if nv != nil {
				out.Insert(k, ast.NewTerm(nv))
			}
		})
		return out
	case *ast.Array:
		arr, ok := v.(*ast.Array)
		if !ok {
			if v != nil && v != (ast.Null{}) {
				return v
			}
			arr = ast.NewArray()
		}
		terms := make([]*ast.Term, arr.Len())
		for i := range terms {
			terms[i] = arr.Elem(i)
		}
		for i := 0; i < x.Len(); i++ {
			var cur ast.Value
			if i < len(terms) {
				cur = terms[i].Value
			}
			nv := w.applyUnknown(cur, x.Elem(i).Value, ptr+"/"+strconv.Itoa(i), false)
			switch {
			case i < len(terms) && nv != nil:
				terms[i] = ast.NewTerm(nv)
			case i == len(terms) && nv != nil:
				terms = append(terms, ast.NewTerm(nv))
			}
		}
		return ast.NewArray(terms...)
	}
	return v
}

// configured reports whether the configuration sets a top-level argument
// or block.
func (w *planTree) configured(name string) bool {
	return w.cfg != nil && w.cfg.Get(ast.StringTerm(name)) != nil
}

// references resolves the references of the configuration expression at
// a Terraform-shape pointer to the plan's resource addresses.
func (w *planTree) references(ptr string) []string {
	e := exprAt(w.cfg, ptr)
	if e == nil {
		return nil
	}
	arr, ok := member(e, "references").(*ast.Array)
	if !ok {
		return nil
	}
	var out []string
	for i := 0; i < arr.Len(); i++ {
		if s, ok := arr.Elem(i).Value.(ast.String); ok {
			out = append(out, w.p.resolve(w.r.module, w.r.index, string(s), 0)...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// exprAt finds the configuration expression at a Terraform-shape pointer:
// attributes by name, blocks as lists (or an object for a block allowed
// once) of bodies.
func exprAt(cfg ast.Object, ptr string) ast.Object {
	if cfg == nil || ptr == "" {
		return nil
	}
	var cur ast.Value = cfg
	for _, tok := range strings.Split(ptr[1:], "/") {
		switch x := cur.(type) {
		case ast.Object:
			if isExpression(x) {
				return x // a value inside one expression: the expression holds it
			}
			t := x.Get(ast.StringTerm(document.UnescapeToken(tok)))
			if t == nil {
				return nil
			}
			cur = t.Value
		case *ast.Array:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= x.Len() {
				return nil
			}
			cur = x.Elem(i).Value
		default:
			return nil
		}
	}
	if o, ok := cur.(ast.Object); ok && isExpression(o) {
		return o
	}
	return nil
}

func isExpression(o ast.Object) bool {
	return o.Get(ast.StringTerm("references")) != nil || o.Get(ast.StringTerm("constant_value")) != nil
}

// resolve turns one reference as the configuration lists it
// ("aws_ecs_task_definition.app.arn", "module.td.arn") into the plan
// addresses it names, from the holder's module instance. A reference to a
// resource with several instances names the instance with the holder's
// key (count.index, each.key) when there is one, else all of them.
func (p *planReader) resolve(module, index, ref string, depth int) []string {
	parts := strings.Split(ref, ".")
	if len(parts) < 2 || depth > maxDepth {
		return nil
	}
	switch parts[0] {
	case "var", "local", "count", "each", "path", "terraform", "self", "data":
		return nil
	case "module":
		// module.NAME.OUTPUT: follow the output's own references
		call := parts[1]
		if i := strings.IndexByte(call, '['); i >= 0 {
			call = call[:i]
		}
		if len(parts) < 3 {
			return nil
		}
		child := joinModule(module, "module."+call)
		e := p.outputs[stripKeys(child)+"|"+parts[2]]
		arr, ok := member(e, "references").(*ast.Array)
		if !ok {
			return nil
		}
		for i := 0; i < arr.Len(); i++ {
			if s, ok := arr.Elem(i).Value.(ast.String); ok {
				if r := p.resolve(p.instanceOf(child), "", string(s), depth+1); len(r) > 0 {
					return r
				}
			}
		}
		return nil
	}
	typeName := parts[0] + "." + parts[1]
	key := ""
	if i := strings.IndexByte(parts[1], '['); i >= 0 {
		typeName = parts[0] + "." + parts[1][:i]
		key = parts[1][i:]
	}
	base := joinModule(module, typeName)
	var cands []string
	for a := range p.addrs {
		if a == base || strings.HasPrefix(a, base+"[") {
			cands = append(cands, a)
		}
	}
	switch {
	case key != "" && p.addrs[base+key]:
		return []string{base + key}
	case len(cands) > 1 && index != "" && p.addrs[base+index]:
		return []string{base + index}
	}
	return cands
}

// instanceOf returns the module path with keys of the one planned instance
// of a module path without keys, or the path itself.
func (p *planReader) instanceOf(path string) string {
	var found string
	for a := range p.addrs {
		mod := moduleOf(a)
		if stripKeys(mod) == path {
			if found != "" && found != mod {
				return path
			}
			found = mod
		}
	}
	if found == "" {
		return path
	}
	return found
}

// moduleOf is the module path (with keys) of a resource instance address:
// all before its last two steps, type and name.
func moduleOf(addr string) string {
	var dots []int
	outsideKeys(addr, func(i int, c byte) {
		if c == '.' {
			dots = append(dots, i)
		}
	})
	if len(dots) < 2 {
		return ""
	}
	return addr[:dots[len(dots)-2]]
}

// value copies a planned value into the tree, placing every node.
func (w *planTree) value(v ast.Value, ptr string, jsonPaths map[string]bool) ast.Value {
	w.place(ptr)
	switch x := v.(type) {
	case ast.Object:
		out := ast.NewObject()
		for _, k := range x.Keys() {
			name, ok := k.Value.(ast.String)
			if !ok {
				continue
			}
			cptr := ptr + "/" + document.EscapeToken(string(name))
			if nv := w.value(x.Get(k).Value, cptr, jsonPaths); nv != nil && !empty(nv) {
				out.Insert(k, ast.NewTerm(nv))
			}
		}
		return out
	case *ast.Array:
		terms := make([]*ast.Term, x.Len())
		for i := range terms {
			nv := w.value(x.Elem(i).Value, ptr+"/"+strconv.Itoa(i), jsonPaths)
			if nv == nil {
				nv = ast.Null{}
			}
			terms[i] = ast.NewTerm(nv)
		}
		return ast.NewArray(terms...)
	case ast.Null:
		return nil
	case ast.String:
		if jsonPaths[ptr] && !unresolved.Contains(string(x)) {
			return w.jsonValue(string(x), ptr)
		}
	}
	return v
}

// empty reports an empty object or list: how a plan writes a block or map
// the configuration does not set.
func empty(v ast.Value) bool {
	switch x := v.(type) {
	case ast.Object:
		return x.Len() == 0
	case *ast.Array:
		return x.Len() == 0
	}
	return false
}

// jsonValue decodes a JSON document held in a string attribute; its nodes
// take the attribute's place, flagged inexact.
func (w *planTree) jsonValue(s, ptr string) ast.Value {
	doc, err := document.ParseJSON([]byte(s))
	if err != nil {
		pl := w.t.places[ptr]
		e := &source.Error{File: w.p.file, Err: fmt.Errorf("%s: %s is not valid JSON: %w", w.r.addr, strings.TrimPrefix(ptr, "/"), err)}
		if pl != nil {
			e.Line, e.Col = pl.span.Start.Line, pl.span.Start.Column
		}
		w.p.out.Errors = append(w.p.out.Errors, e)
		return ast.String(unresolved.Unknown("invalid JSON in " + w.r.addr + "." + strings.TrimPrefix(ptr, "/")))
	}
	for _, dp := range doc.Pointers() {
		if dp != "" {
			w.t.inheritFrom(ptr+dp, ptr)
		}
	}
	return doc.Value
}

// place gives a node its place in the plan file, or its parent's
// (inexact) when the file does not hold it (an unknown written in), and
// the plan addresses its configuration expression references.
func (w *planTree) place(ptr string) {
	if _, ok := w.t.places[ptr]; ok {
		return
	}
	refs := w.references(ptr)
	if rng, _, exact := w.p.doc.Lookup(w.r.vptr + ptr); exact {
		w.t.places[ptr] = &place{span: source.Span{File: w.p.file, Pointer: w.r.vptr + ptr, Start: rng.Start, End: rng.End}, refs: refs}
		return
	}
	w.t.inheritFrom(ptr, parentPtr(ptr))
	if pl := w.t.places[ptr]; pl != nil {
		pl.refs = refs
	}
}

// inheritFrom gives ptr the place of from (or its nearest placed
// ancestor), flagged inexact.
func (t *tree) inheritFrom(ptr, from string) {
	for p := from; ; p = parentPtr(p) {
		if anc, ok := t.places[p]; ok {
			t.places[ptr] = &place{span: anc.span, inexact: true}
			return
		}
		if p == "" {
			return
		}
	}
}

// member returns obj's member key, or nil.
func member(obj ast.Value, key string) ast.Value {
	o, ok := obj.(ast.Object)
	if !ok || o == nil {
		return nil
	}
	t := o.Get(ast.StringTerm(key))
	if t == nil {
		return nil
	}
	return t.Value
}

func object(obj ast.Value, key string) (ast.Object, bool) {
	o, ok := member(obj, key).(ast.Object)
	return o, ok
}

func objectOr(obj ast.Value, key string) ast.Object {
	o, _ := object(obj, key)
	return o
}

func str(obj ast.Object, key string) (string, bool) {
	s, ok := member(obj, key).(ast.String)
	return string(s), ok
}
