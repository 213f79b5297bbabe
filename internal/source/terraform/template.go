package terraform

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// describeMarks names what an unknown value stands for: the variables the
// user could supply, else what only the provider knows.
func describeMarks(marks cty.ValueMarks) string {
	var user, computed []string
	for m := range marks {
		switch x := m.(type) {
		case unresolvedMark:
			user = append(user, string(x))
		case computedMark:
			computed = append(computed, string(x))
		}
	}
	names := user
	if len(names) == 0 {
		names = computed
	}
	if len(names) == 0 {
		return "unknown"
	}
	sort.Strings(names)
	if len(names) > 3 {
		names = append(names[:3], "…")
	}
	return strings.Join(names, ", ")
}

// userNames lists the unresolvedMark names among marks.
func userNames(marks cty.ValueMarks) []string {
	var out []string
	for m := range marks {
		if x, ok := m.(unresolvedMark); ok {
			out = append(out, string(x))
		}
	}
	return out
}

func parseTemplate(src, name string) (hclsyntax.Expression, bool) {
	expr, diags := hclsyntax.ParseTemplate([]byte(src), name, hcl.InitialPos)
	return expr, !diags.HasErrors()
}

// segment ties a stretch of rendered template text to its source: literal
// text maps byte for byte from src; an interpolation maps to its start.
type segment struct {
	at      int // offset in the rendered text
	src     hcl.Pos
	literal bool
	// name is the variable a bare ${name} interpolation reads.
	name string
}

// rendering is a template rendered with unknown interpolations written as
// placeholders, and the map back to the template's source.
type rendering struct {
	text    string
	segs    []segment
	file    string
	marks   cty.ValueMarks
	unknown bool
	// bare lists the placeholders written where a JSON value goes, not
	// inside a string: they stand for any JSON text, in an array for any
	// number of elements.
	bare []string
	// lines holds the template file's lines, to correct columns of
	// heredocs whose indentation Terraform strips.
	lines []string
	// callPos, when set, is where interpolated values are located instead
	// of inside the template (templatefile: the call), and callVars where
	// the call sets each variable.
	callPos  *hcl.Range
	callVars map[string]hcl.Range
}

// render renders a template expression. Unknown interpolations become
// placeholders; for JSON text (asJSON) a placeholder outside a JSON string
// is quoted, so the text stays JSON.
func (in *instance) render(expr hclsyntax.Expression, ctx *hcl.EvalContext, fileSrc []byte, asJSON bool) *rendering {
	r := &rendering{file: expr.Range().Filename, marks: cty.NewValueMarks()}
	if fileSrc != nil {
		r.lines = strings.Split(string(fileSrc), "\n")
	}
	var parts []hclsyntax.Expression
	switch t := expr.(type) {
	case *hclsyntax.TemplateExpr:
		parts = t.Parts
	case *hclsyntax.TemplateWrapExpr:
		parts = []hclsyntax.Expression{t.Wrapped}
	default:
		parts = []hclsyntax.Expression{expr}
	}
	var b strings.Builder
	for _, p := range parts {
		if lit, ok := p.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String {
			r.segs = append(r.segs, segment{at: b.Len(), src: lit.SrcRange.Start, literal: true})
			b.WriteString(lit.Val.AsString())
			continue
		}
		seg := segment{at: b.Len(), src: p.Range().Start}
		if tr, ok := p.(*hclsyntax.ScopeTraversalExpr); ok && len(tr.Traversal) == 1 {
			seg.name = tr.Traversal.RootName()
		}
		r.segs = append(r.segs, seg)
		v, marks := in.eval(p, ctx).UnmarkDeep()
		r.marks = cty.NewValueMarks(r.marks, marks)
		if v.IsKnown() && !v.IsNull() {
			if s, err := convert.Convert(v, cty.String); err == nil && s.IsKnown() {
				b.WriteString(s.AsString())
				continue
			}
		}
		r.unknown = true
		ph := unresolved.Unknown(describeMarks(marks))
		switch {
		case !asJSON:
			b.WriteString(ph)
		case inJSONString(b.String()):
			b.WriteString(strings.ReplaceAll(ph, `"`, `\"`))
		default:
			b.WriteString(`"` + strings.ReplaceAll(ph, `"`, `\"`) + `"`)
			r.bare = append(r.bare, ph)
		}
	}
	r.text = b.String()
	return r
}

// inJSONString reports whether text ends inside a JSON string literal.
func inJSONString(text string) bool {
	in := false
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\\':
			if in {
				i++
			}
		case '"':
			in = !in
		}
	}
	return in
}

// offset turns a position in the rendered text into a byte offset.
func offset(p document.Pos, starts []int) (int, bool) {
	if p.Line < 1 || p.Line > len(starts) {
		return 0, false
	}
	return starts[p.Line-1] + p.Column - 1, true
}

// supplied returns where the call supplies a value whose rendered bytes
// [from, to] come from interpolations: the variable's item in the call
// when one variable alone writes it, else the call.
func (r *rendering) supplied(from, to int) (hcl.Range, bool) {
	var names []string
	for _, s := range r.segs {
		if !s.literal && s.at >= from && s.at <= to {
			names = append(names, s.name)
		}
	}
	switch {
	case len(names) == 0:
		return hcl.Range{}, false
	case len(names) == 1:
		if rng, ok := r.callVars[names[0]]; ok {
			return rng, true
		}
	}
	return *r.callPos, true
}

// position maps a position in the rendered text back to the template.
func (r *rendering) position(p document.Pos, starts []int) (document.Pos, bool) {
	off, ok := offset(p, starts)
	if !ok {
		return document.Pos{}, false
	}
	i := sort.Search(len(r.segs), func(i int) bool { return r.segs[i].at > off }) - 1
	if i < 0 {
		return document.Pos{}, false
	}
	s := r.segs[i]
	if !s.literal {
		if r.callPos != nil {
			return pos(r.callPos.Start), false
		}
		return pos(s.src), true
	}
	line, col := s.src.Line, s.src.Column
	chunk := r.text[s.at:min(off, len(r.text))]
	if nl := strings.LastIndexByte(chunk, '\n'); nl >= 0 {
		line += strings.Count(chunk, "\n")
		col = len(chunk) - nl
		col += r.indentDelta(line, r.renderedLine(off))
	} else {
		col += len(chunk)
	}
	return document.Pos{Line: line, Column: col}, true
}

// renderedLine returns the rendered line holding offset off.
func (r *rendering) renderedLine(off int) string {
	start := strings.LastIndexByte(r.text[:min(off, len(r.text))], '\n') + 1
	end := strings.IndexByte(r.text[start:], '\n')
	if end < 0 {
		return r.text[start:]
	}
	return r.text[start : start+end]
}

// indentDelta is how much indentation a heredoc of the `<<-` form strips
// from the source line.
func (r *rendering) indentDelta(line int, rendered string) int {
	if line < 1 || line > len(r.lines) {
		return 0
	}
	d := leadingSpace(r.lines[line-1]) - leadingSpace(rendered)
	return max(d, 0)
}

func leadingSpace(s string) int { return len(s) - len(strings.TrimLeft(s, " \t")) }

// lineStarts lists the offset of each line's first byte.
func lineStarts(text string) []int {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}
