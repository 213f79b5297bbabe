package document

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
)

// ParseJSON parses one JSON value (RFC 8259) into an OPA value and its
// position index. It exists because no library does both in one pass: going
// through encoding/json and ast.InterfaceToValue costs a second full walk and
// loses positions, and the profile of a lint run is dominated by this step.
func ParseJSON(data []byte) (*Document, error) {
	p := jsonParser{data: data, line: 1, index: make(map[string]Range, members(data))}
	p.skipBOM()
	p.skipSpace()
	start := p.pos()
	v, err := p.value("", 0)
	if err != nil {
		return nil, err
	}
	end := p.lastPos()
	p.skipSpace()
	if p.i < len(p.data) {
		return nil, p.errf("unexpected %s after top-level value", p.describe())
	}
	p.index[""] = Range{Start: start, End: end}
	if p.stale {
		p.index = reachable(p.index, v)
		p.dups = surviving(p.dups, p.index)
	}
	return &Document{Value: v, index: p.index, duplicates: p.dups}, nil
}

// members estimates how many object members and array elements data holds,
// to size the position index once: growing the map was a sixth of parsing.
// Every member but the last of its container is followed by a comma; commas
// inside strings make it an overestimate, which only costs memory.
func members(data []byte) int {
	return min(bytes.Count(data, []byte{','})+bytes.Count(data, []byte{'{'})+bytes.Count(data, []byte{'['})+1, len(data)/2+1)
}

type jsonParser struct {
	data      []byte
	i         int
	line      int
	lineStart int
	index     map[string]Range
	// stale is set by a duplicate key: the member it replaced may have left
	// index entries for values no longer in the document.
	stale bool
	dups  []Duplicate
}

func (p *jsonParser) pos() Pos { return Pos{Line: p.line, Column: p.i - p.lineStart + 1} }

// lastPos is the position of the byte just consumed.
func (p *jsonParser) lastPos() Pos { return Pos{Line: p.line, Column: p.i - p.lineStart} }

func (p *jsonParser) errf(format string, args ...any) error {
	return &SyntaxError{Pos: p.pos(), Msg: fmt.Sprintf(format, args...)}
}

// describe names the byte at the cursor without echoing more of the input.
func (p *jsonParser) describe() string {
	if p.i >= len(p.data) {
		return "end of input"
	}
	c := p.data[p.i]
	if c >= 0x20 && c < 0x7f {
		return strconv.Quote(string(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

func (p *jsonParser) skipBOM() {
	if len(p.data) >= 3 && p.data[0] == 0xEF && p.data[1] == 0xBB && p.data[2] == 0xBF {
		p.i = 3
		p.lineStart = 3
	}
}

func (p *jsonParser) skipSpace() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\r':
			p.i++
		case '\n':
			p.i++
			p.line++
			p.lineStart = p.i
		default:
			return
		}
	}
}

func (p *jsonParser) value(ptr string, depth int) (ast.Value, error) {
	if p.i >= len(p.data) {
		return nil, p.errf("unexpected end of input, expected a value")
	}
	switch c := p.data[p.i]; {
	case c == '{':
		return p.object(ptr, depth+1)
	case c == '[':
		return p.array(ptr, depth+1)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return ast.String(s), nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		for _, lit := range [...]struct {
			word string
			val  ast.Value
		}{{"true", ast.Boolean(true)}, {"false", ast.Boolean(false)}, {"null", ast.Null{}}} {
			if len(p.data)-p.i >= len(lit.word) && string(p.data[p.i:p.i+len(lit.word)]) == lit.word {
				p.i += len(lit.word)
				return lit.val, nil
			}
		}
		return nil, p.errf("unexpected %s, expected a value", p.describe())
	}
}

func (p *jsonParser) object(ptr string, depth int) (ast.Value, error) {
	if depth > MaxDepth {
		return nil, fmt.Errorf("%w: %w", ErrTooDeep, p.errf("more than %d nested objects or arrays", MaxDepth))
	}
	p.i++ // {
	var terms [][2]*ast.Term
	p.skipSpace()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		return ast.NewObject(), nil
	}
	for {
		p.skipSpace()
		if p.i >= len(p.data) || p.data[p.i] != '"' {
			return nil, p.errf("unexpected %s, expected a string key", p.describe())
		}
		start := p.pos()
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return nil, p.errf("unexpected %s, expected ':' after object key", p.describe())
		}
		p.i++
		p.skipSpace()
		child := ptr + "/" + EscapeToken(key)
		if _, seen := p.index[child]; seen {
			p.stale = true
		}
		v, err := p.value(child, depth)
		if err != nil {
			return nil, err
		}
		p.index[child] = Range{Start: start, End: p.lastPos()}
		terms = append(terms, [2]*ast.Term{ast.StringTerm(key), ast.NewTerm(v)})
		p.skipSpace()
		if p.i >= len(p.data) {
			return nil, p.errf("unexpected end of input, expected ',' or '}'")
		}
		switch p.data[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			obj, dup := newObject(terms)
			if dup {
				p.duplicates(ptr, terms)
			}
			return obj, nil
		default:
			return nil, p.errf("unexpected %s, expected ',' or '}'", p.describe())
		}
	}
}

func (p *jsonParser) array(ptr string, depth int) (ast.Value, error) {
	if depth > MaxDepth {
		return nil, fmt.Errorf("%w: %w", ErrTooDeep, p.errf("more than %d nested objects or arrays", MaxDepth))
	}
	p.i++ // [
	var terms []*ast.Term
	p.skipSpace()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		return ast.NewArray(), nil
	}
	for n := 0; ; n++ {
		p.skipSpace()
		start := p.pos()
		child := ptr + "/" + strconv.Itoa(n)
		v, err := p.value(child, depth)
		if err != nil {
			return nil, err
		}
		p.index[child] = Range{Start: start, End: p.lastPos()}
		terms = append(terms, ast.NewTerm(v))
		p.skipSpace()
		if p.i >= len(p.data) {
			return nil, p.errf("unexpected end of input, expected ',' or ']'")
		}
		switch p.data[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return ast.NewArray(terms...), nil
		default:
			return nil, p.errf("unexpected %s, expected ',' or ']'", p.describe())
		}
	}
}

// str reads a JSON string starting at the opening quote.
func (p *jsonParser) str() (string, error) {
	p.i++ // opening quote
	start := p.i
	// Fast path: no escapes, valid ASCII or UTF-8.
	for p.i < len(p.data) {
		c := p.data[p.i]
		if c == '"' {
			s := p.data[start:p.i]
			p.i++
			if !utf8.Valid(s) {
				return string([]rune(string(s))), nil // replaces invalid bytes with U+FFFD
			}
			return string(s), nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return "", p.errf("control character %s in string", p.describe())
		}
		p.i++
	}
	buf := make([]byte, 0, p.i-start+16)
	buf = append(buf, p.data[start:p.i]...)
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			if !utf8.Valid(buf) {
				return string([]rune(string(buf))), nil
			}
			return string(buf), nil
		case c < 0x20:
			return "", p.errf("control character %s in string", p.describe())
		case c != '\\':
			buf = append(buf, c)
			p.i++
			continue
		}
		p.i++ // backslash
		if p.i >= len(p.data) {
			break
		}
		e := p.data[p.i]
		p.i++
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", p.errf("invalid \\u escape in string")
			}
			if utf16.IsSurrogate(r) {
				r2 := rune(utf8.RuneError)
				if p.i+1 < len(p.data) && p.data[p.i] == '\\' && p.data[p.i+1] == 'u' {
					save := p.i
					p.i += 2
					if lo, ok := p.hex4(); ok {
						r2 = utf16.DecodeRune(r, lo)
					}
					if r2 == utf8.RuneError {
						p.i = save
					}
				}
				r = r2
			}
			buf = utf8.AppendRune(buf, r)
		default:
			p.i--
			return "", p.errf("invalid escape %s in string", p.describe())
		}
	}
	return "", p.errf("unexpected end of input in string")
}

func (p *jsonParser) hex4() (rune, bool) {
	if p.i+4 > len(p.data) {
		return 0, false
	}
	var r rune
	for _, c := range p.data[p.i : p.i+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	p.i += 4
	return r, true
}

// number validates the RFC 8259 number grammar and keeps the literal text,
// which is what ast.Number holds.
func (p *jsonParser) number() (ast.Value, error) {
	start := p.i
	d := p.data
	if p.i < len(d) && d[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(d) && d[p.i] == '0':
		p.i++
	case p.i < len(d) && d[p.i] >= '1' && d[p.i] <= '9':
		for p.i < len(d) && d[p.i] >= '0' && d[p.i] <= '9' {
			p.i++
		}
	default:
		return nil, p.errf("invalid number")
	}
	if p.i < len(d) && d[p.i] == '.' {
		p.i++
		if p.i >= len(d) || d[p.i] < '0' || d[p.i] > '9' {
			return nil, p.errf("invalid number: expected a digit after '.'")
		}
		for p.i < len(d) && d[p.i] >= '0' && d[p.i] <= '9' {
			p.i++
		}
	}
	if p.i < len(d) && (d[p.i] == 'e' || d[p.i] == 'E') {
		p.i++
		if p.i < len(d) && (d[p.i] == '+' || d[p.i] == '-') {
			p.i++
		}
		if p.i >= len(d) || d[p.i] < '0' || d[p.i] > '9' {
			return nil, p.errf("invalid number: expected a digit in the exponent")
		}
		for p.i < len(d) && d[p.i] >= '0' && d[p.i] <= '9' {
			p.i++
		}
	}
	return ast.Number(d[start:p.i]), nil
}

// duplicates records the keys of one object that occur more than once, in
// the order the keys first appear, at the position the index holds for
// them: their last occurrence.
func (p *jsonParser) duplicates(ptr string, terms [][2]*ast.Term) {
	p.stale = true
	counts := make(map[ast.String]int, len(terms))
	for _, t := range terms {
		counts[t[0].Value.(ast.String)]++
	}
	for _, t := range terms {
		k := t[0].Value.(ast.String)
		if counts[k] < 2 {
			continue
		}
		counts[k] = 0 // once per key
		child := ptr + "/" + EscapeToken(string(k))
		p.dups = append(p.dups, Duplicate{Pointer: child, Range: p.index[child]})
	}
}

// newObject builds an object where, for duplicate keys, the last one wins
// (as in encoding/json), and reports whether there were any. ast.NewObject
// assumes unique keys, so duplicates are looked for first: quadratically for
// the small objects ECS documents are made of, with a map for large ones.
func newObject(terms [][2]*ast.Term) (ast.Object, bool) {
	dup := false
	if n := len(terms); n <= 32 {
	outer:
		for i := 1; i < n; i++ {
			ki := terms[i][0].Value.(ast.String)
			for j := 0; j < i; j++ {
				if terms[j][0].Value.(ast.String) == ki {
					dup = true
					break outer
				}
			}
		}
	} else {
		seen := make(map[ast.String]struct{}, n)
		for _, t := range terms {
			k := t[0].Value.(ast.String)
			if _, ok := seen[k]; ok {
				dup = true
				break
			}
			seen[k] = struct{}{}
		}
	}
	if !dup {
		return ast.NewObject(terms...), false
	}
	obj := ast.NewObjectWithCapacity(len(terms))
	for _, t := range terms {
		obj.Insert(t[0], t[1])
	}
	return obj, true
}
