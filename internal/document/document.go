// Package document parses JSON and YAML into OPA values while recording where
// every key and array element sits in the source, so that a finding reported
// as a path into a document can be turned back into a line and column.
package document

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Limits that keep absurd input from exhausting the process. They are checked
// while parsing, so a hostile file fails early with a located error.
const (
	// MaxDepth is the deepest nesting of objects and arrays accepted.
	MaxDepth = 256
	// MaxNodes bounds the values one YAML stream may expand to through
	// aliases (the "billion laughs" shape).
	MaxNodes = 2_000_000
)

// Pos is a 1-based line and column (columns count bytes).
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Range spans a member from the first byte of its key (or of the element, for
// array items) to the last byte of its value. End is zero when the parser
// cannot tell where the value ends (YAML).
type Range struct {
	Start Pos `json:"start"`
	End   Pos `json:"end"`
}

// Document is one parsed JSON value or YAML document.
type Document struct {
	Value ast.Value
	// index maps a JSON pointer (RFC 6901) to the range of that member.
	index map[string]Range
	// comments maps a pointer to the YAML comments attached to that member
	// (the lines above its key and the rest of its line); "" holds the
	// document's head comment. JSON has none.
	comments map[string][]string
	// duplicates are the keys given twice in one object.
	duplicates []Duplicate
}

// Duplicate is a key given more than once in one object (JSON) or mapping
// (YAML). As in every parser AWS uses, the last occurrence is the value
// that counts; Pointer names it and Range is where that last key sits.
type Duplicate struct {
	Pointer string
	Range   Range
}

// Duplicates returns the keys given more than once in one object, one
// entry per repeated key, located at its last occurrence, ordered as their
// objects end (inner objects first). Repeats inside a value that a later
// key replaced are not listed: the document no longer holds them.
func (d *Document) Duplicates() []Duplicate { return d.duplicates }

// surviving keeps the duplicates whose last occurrence is still in the
// document (its position is the one index holds for the pointer), dropping
// those inside a value a later duplicate replaced.
func surviving(dups []Duplicate, index map[string]Range) []Duplicate {
	out := dups[:0]
	for _, d := range dups {
		if r, ok := index[d.Pointer]; ok && r == d.Range {
			out = append(out, d)
		}
	}
	return out
}

// Comments returns the comments attached to ptr.
func (d *Document) Comments(ptr string) []string { return d.comments[ptr] }

// Lookup returns the range for ptr, or for its nearest ancestor that exists
// in the source. exact reports whether ptr itself was found.
func (d *Document) Lookup(ptr string) (r Range, found string, exact bool) {
	p := ptr
	for {
		if r, ok := d.index[p]; ok {
			return r, p, p == ptr
		}
		if p == "" {
			return Range{}, "", false
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			p = ""
		} else {
			p = p[:i]
		}
	}
}

// Pointers lists every pointer in the index, sorted; tests use it.
func (d *Document) Pointers() []string {
	out := make([]string, 0, len(d.index))
	for k := range d.index {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// reachable keeps the entries of index whose pointer names a value in v. A
// replaced member (duplicate key, overridden merge key) leaves entries
// behind, and Lookup must not report an exact position for a path the
// document does not hold. Only called after a replacement, so the common
// case pays nothing.
func reachable(index map[string]Range, v ast.Value) map[string]Range {
	out := make(map[string]Range, len(index))
	var walk func(ptr string, v ast.Value)
	walk = func(ptr string, v ast.Value) {
		if r, ok := index[ptr]; ok {
			out[ptr] = r
		}
		switch x := v.(type) {
		case ast.Object:
			x.Foreach(func(k, t *ast.Term) {
				if s, ok := k.Value.(ast.String); ok {
					walk(ptr+"/"+EscapeToken(string(s)), t.Value)
				}
			})
		case *ast.Array:
			for i := 0; i < x.Len(); i++ {
				walk(ptr+"/"+strconv.Itoa(i), x.Elem(i).Value)
			}
		}
	}
	walk("", v)
	return out
}

// EscapeToken escapes one JSON pointer reference token.
func EscapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// IsJSONNumber reports whether s is written as JSON writes numbers (no
// leading "+", no "0x", no leading zeros, no "NaN" or "Inf"): the only
// text a source may turn into a number value.
func IsJSONNumber(s string) bool {
	return s != "" && (s[0] == '-' || s[0] >= '0' && s[0] <= '9') && json.Valid([]byte(s))
}

// UnescapeToken reads one JSON pointer reference token back.
func UnescapeToken(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(s)
}

// Pointer builds a JSON pointer from path segments (strings and ints).
func Pointer(base string, segs ...any) string {
	var b strings.Builder
	b.WriteString(base)
	for _, s := range segs {
		b.WriteByte('/')
		switch v := s.(type) {
		case string:
			b.WriteString(EscapeToken(v))
		case int:
			b.WriteString(strconv.Itoa(v))
		default:
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

// SyntaxError is a parse failure at a known place in the input. Its message
// never quotes input beyond a single character, so a malformed file holding a
// secret does not leak it into CI logs.
type SyntaxError struct {
	Pos Pos
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// ErrTooDeep is wrapped by errors for input nested beyond MaxDepth.
var ErrTooDeep = errors.New("nesting too deep")
