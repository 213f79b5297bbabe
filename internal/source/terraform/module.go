package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
)

// module is one directory of .tf files, parsed: Terraform's unit of
// configuration. Blocks keep their syntax so evaluation can walk it for
// positions.
type module struct {
	dir       string
	files     map[string]*srcFile
	variables map[string]*variable
	locals    []*hcl.Attribute
	resources []*resourceBlock
	calls     []*moduleCall
	outputs   map[string]*hcl.Attribute
	// refAttrs lists, per resource or data address ("aws_lb.main",
	// "data.aws_region.current"), the attributes other expressions read,
	// so that computed ones get a placeholder.
	refAttrs map[string]map[string]bool
	errs     []error
}

// srcFile is one parsed file with the comments that stand on lines of
// their own, by the line they end on.
type srcFile struct {
	body     hcl.Body
	comments map[int][]string
}

type variable struct {
	name     string
	typ      cty.Type
	defaults *typeexpr.Defaults
	def      hcl.Expression // nil without a default
	nullable bool
	rng      hcl.Range
}

type resourceBlock struct {
	data      bool
	typ, name string
	body      hcl.Body
	count     hcl.Expression
	forEach   hcl.Expression
	rng       hcl.Range // the block's header
	full      hcl.Range
}

// addr is the resource's address within its module.
func (r *resourceBlock) addr() string {
	if r.data {
		return "data." + r.typ + "." + r.name
	}
	return r.typ + "." + r.name
}

type moduleCall struct {
	name    string
	source  string
	args    map[string]*hcl.Attribute
	count   hcl.Expression
	forEach hcl.Expression
	rng     hcl.Range
}

var topSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "terraform"}, {Type: "provider", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}}, {Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}}, {Type: "module", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}}, {Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "moved"}, {Type: "import"}, {Type: "removed"}, {Type: "check", LabelNames: []string{"name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
}}

// tfFiles lists the configuration files of dir as Terraform reads them:
// .tf and .tf.json, without override files (merged by Terraform; listed in
// warnings here).
func tfFiles(dir string) (files, overrides []string, err error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") || strings.HasSuffix(n, "~") || strings.HasPrefix(n, "#") {
			continue
		}
		if !strings.HasSuffix(n, ".tf") && !strings.HasSuffix(n, ".tf.json") {
			continue
		}
		base := strings.TrimSuffix(strings.TrimSuffix(n, ".json"), ".tf")
		if base == "override" || strings.HasSuffix(base, "_override") {
			overrides = append(overrides, filepath.Join(dir, n))
			continue
		}
		files = append(files, filepath.Join(dir, n))
	}
	sort.Strings(files)
	return files, overrides, nil
}

// parseSyntax parses a configuration or variables file in the syntax its
// name says: JSON for .json, HCL otherwise.
func parseSyntax(name string, src []byte) (*hcl.File, hcl.Diagnostics) {
	if strings.HasSuffix(name, ".json") {
		return hcljson.Parse(src, name)
	}
	return hclsyntax.ParseConfig(src, name, hcl.InitialPos)
}

// parseFile parses one .tf or .tf.json file with its comments.
func parseFile(name string, src []byte) (*srcFile, hcl.Diagnostics) {
	f := &srcFile{}
	file, diags := parseSyntax(name, src)
	if file != nil {
		f.body = file.Body
	}
	if !strings.HasSuffix(name, ".json") {
		f.comments = lineComments(src, name)
	}
	return f, diags
}

// lineComments maps the last line of each run of whole-line comments to
// the run's text, so a block or attribute finds the comments right above
// it.
func lineComments(src []byte, name string) map[int][]string {
	toks, _ := hclsyntax.LexConfig(src, name, hcl.InitialPos)
	out := map[int][]string{}
	lastCode := 0 // last line holding a non-comment token
	runEnd := 0
	var run []string
	for _, t := range toks {
		switch t.Type {
		case hclsyntax.TokenComment:
			if t.Range.Start.Line == lastCode {
				continue // a trailing comment
			}
			line := t.Range.Start.Line
			if runEnd != 0 && line != runEnd+1 {
				out[runEnd] = run
				run = nil
			}
			run = append(run, hashComment(string(t.Bytes)))
			runEnd = t.Range.End.Line
			if t.Range.End.Column == 1 { // a # or // comment ends at the next line's start
				runEnd--
			}
		case hclsyntax.TokenNewline:
		default:
			lastCode = t.Range.End.Line
			if runEnd != 0 {
				out[runEnd] = run
				run, runEnd = nil, 0
			}
		}
	}
	if runEnd != 0 {
		out[runEnd] = run
	}
	return out
}

// hashComment writes a // or /* */ comment as a # one, the form
// ecslint:ignore directives are read in.
func hashComment(c string) string {
	c = strings.TrimRight(c, "\r\n")
	switch {
	case strings.HasPrefix(c, "//"):
		return "#" + c[2:]
	case strings.HasPrefix(c, "/*"):
		lines := strings.Split(strings.TrimSuffix(strings.TrimPrefix(c, "/*"), "*/"), "\n")
		for i, l := range lines {
			lines[i] = "# " + strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "*"))
		}
		return strings.Join(lines, "\n")
	}
	return c
}

// loadModule parses every configuration file of one file set into a
// module. Problems are collected in the module, never fatal: what parsed
// is still evaluated.
func loadModule(dir string, names []string, read func(string) ([]byte, error)) *module {
	m := &module{
		dir: dir, files: map[string]*srcFile{}, variables: map[string]*variable{},
		outputs: map[string]*hcl.Attribute{}, refAttrs: map[string]map[string]bool{},
	}
	seen := map[string]hcl.Range{}
	dup := func(kind, name string, rng hcl.Range) bool {
		key := kind + " " + name
		if prev, ok := seen[key]; ok {
			m.errs = append(m.errs, &hclError{rng: rng, msg: fmt.Sprintf("duplicate %s %q (first declared at %s:%d)", kind, name, prev.Filename, prev.Start.Line)})
			return true
		}
		seen[key] = rng
		return false
	}
	for _, name := range names {
		src, err := read(name)
		if err != nil {
			m.errs = append(m.errs, err)
			continue
		}
		f, diags := parseFile(name, src)
		m.errs = append(m.errs, diagErrors(diags)...)
		if f.body == nil {
			continue
		}
		m.files[name] = f
		content, _, diags := f.body.PartialContent(topSchema)
		m.errs = append(m.errs, diagErrors(diags)...)
		for _, b := range content.Blocks {
			m.addBlock(b, dup)
		}
	}
	m.scanReferences()
	return m
}

func (m *module) addBlock(b *hcl.Block, dup func(kind, name string, rng hcl.Range) bool) {
	switch b.Type {
	case "variable":
		if dup("variable", b.Labels[0], b.DefRange) {
			return
		}
		m.variables[b.Labels[0]] = m.parseVariable(b)
	case "locals":
		attrs, diags := b.Body.JustAttributes()
		m.errs = append(m.errs, diagErrors(diags)...)
		for _, a := range sortedAttrs(attrs) {
			if !dup("local", a.Name, a.NameRange) {
				m.locals = append(m.locals, a)
			}
		}
	case "output":
		if dup("output", b.Labels[0], b.DefRange) {
			return
		}
		attrs, _ := b.Body.JustAttributes()
		if a, ok := attrs["value"]; ok {
			m.outputs[b.Labels[0]] = a
		}
	case "module":
		if dup("module", b.Labels[0], b.DefRange) {
			return
		}
		m.calls = append(m.calls, m.parseCall(b))
	case "resource", "data":
		r := &resourceBlock{data: b.Type == "data", typ: b.Labels[0], name: b.Labels[1], body: b.Body, rng: b.DefRange, full: blockRange(b)}
		if dup(b.Type, r.typ+"."+r.name, b.DefRange) {
			return
		}
		meta, _, _ := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}}})
		if a, ok := meta.Attributes["count"]; ok {
			r.count = a.Expr
		}
		if a, ok := meta.Attributes["for_each"]; ok {
			r.forEach = a.Expr
		}
		m.resources = append(m.resources, r)
	}
}

func blockRange(b *hcl.Block) hcl.Range {
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		return hcl.RangeBetween(b.DefRange, sb.SrcRange)
	}
	return b.DefRange
}

func (m *module) parseVariable(b *hcl.Block) *variable {
	v := &variable{name: b.Labels[0], typ: cty.DynamicPseudoType, nullable: true, rng: b.DefRange}
	attrs, diags := b.Body.JustAttributes()
	if diags.HasErrors() {
		// validation blocks make JustAttributes fail; read what we need
		c, _, _ := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{
			{Name: "type"}, {Name: "default"}, {Name: "nullable"},
		}})
		attrs = c.Attributes
	}
	if a, ok := attrs["type"]; ok {
		if legacy, ok := legacyType(a.Expr); ok {
			v.typ = legacy
		} else if ty, defs, diags := typeexpr.TypeConstraintWithDefaults(a.Expr); diags.HasErrors() {
			m.errs = append(m.errs, diagErrors(diags)...)
		} else {
			v.typ, v.defaults = ty, defs
		}
	}
	if a, ok := attrs["default"]; ok {
		v.def = a.Expr
	}
	if a, ok := attrs["nullable"]; ok {
		if val, d := a.Expr.Value(nil); !d.HasErrors() && val.Type() == cty.Bool && val.IsKnown() && !val.IsNull() {
			v.nullable = val.True()
		}
	}
	return v
}

func (m *module) parseCall(b *hcl.Block) *moduleCall {
	c := &moduleCall{name: b.Labels[0], args: map[string]*hcl.Attribute{}, rng: b.DefRange}
	attrs, diags := b.Body.JustAttributes()
	m.errs = append(m.errs, diagErrors(diags)...)
	for name, a := range attrs {
		switch name {
		case "source", "version":
			v, d := a.Expr.Value(nil)
			if d.HasErrors() || v.Type() != cty.String || v.IsNull() || !v.IsKnown() {
				m.errs = append(m.errs, &hclError{rng: a.Range, msg: "module " + name + " must be a literal string"})
				continue
			}
			if name == "source" {
				c.source = v.AsString()
			}
		case "count":
			c.count = a.Expr
		case "for_each":
			c.forEach = a.Expr
		case "providers", "depends_on":
		default:
			c.args[name] = a
		}
	}
	return c
}

// scanReferences records which attributes of each resource and data
// source the module's expressions read.
func (m *module) scanReferences() {
	known := map[string]bool{}
	for _, r := range m.resources {
		known[r.addr()] = true
	}
	visit := func(expr hcl.Expression) {
		for _, tr := range expr.Variables() {
			m.noteTraversal(tr, known)
		}
	}
	for _, f := range m.files {
		walkExprs(f.body, visit)
	}
}

func (m *module) noteTraversal(tr hcl.Traversal, known map[string]bool) {
	var names []string
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			names = append(names, s.Name)
		case hcl.TraverseAttr:
			names = append(names, s.Name)
		case hcl.TraverseIndex, hcl.TraverseSplat:
			names = append(names, "")
		}
	}
	addr, rest := "", []string(nil)
	switch {
	case len(names) >= 3 && names[0] == "data":
		addr, rest = "data."+names[1]+"."+names[2], names[3:]
	case len(names) >= 2:
		addr, rest = names[0]+"."+names[1], names[2:]
	}
	if !known[addr] {
		return
	}
	for _, n := range rest {
		if n == "" {
			continue // an index into count or for_each instances
		}
		if m.refAttrs[addr] == nil {
			m.refAttrs[addr] = map[string]bool{}
		}
		m.refAttrs[addr][n] = true
		return
	}
}

// walkExprs calls visit on every expression of a body, nested blocks
// included. JSON bodies expose only their attributes.
func walkExprs(body hcl.Body, visit func(hcl.Expression)) {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		attrs, _ := body.JustAttributes()
		for _, a := range attrs {
			visit(a.Expr)
		}
		return
	}
	for _, a := range sb.Attributes {
		visit(a.Expr)
	}
	for _, b := range sb.Blocks {
		walkExprs(b.Body, visit)
	}
}

func sortedAttrs(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Range, out[j].Range
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Start.Byte < b.Start.Byte
	})
	return out
}

// hclError is a problem at a place in a configuration file.
type hclError struct {
	rng hcl.Range
	msg string
}

func (e *hclError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.rng.Filename, e.rng.Start.Line, e.rng.Start.Column, e.msg)
}

func diagErrors(diags hcl.Diagnostics) []error {
	var out []error
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		if d.Subject != nil {
			out = append(out, &hclError{rng: *d.Subject, msg: msg})
		} else {
			out = append(out, fmt.Errorf("%s", msg))
		}
	}
	return out
}

// legacyType reads Terraform 0.11's quoted type names ("string", "list",
// "map"), which 0.12 still accepted.
func legacyType(e hcl.Expression) (cty.Type, bool) {
	v, diags := e.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
		return cty.NilType, false
	}
	switch v.AsString() {
	case "string":
		return cty.String, true
	case "list":
		return cty.List(cty.DynamicPseudoType), true
	case "map":
		return cty.Map(cty.DynamicPseudoType), true
	}
	return cty.NilType, false
}
