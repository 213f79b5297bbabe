// Package astcodec stores compiled OPA modules in a small binary form and
// reads them back, so that a program can embed a Rego bundle as OPA's
// compiler left it instead of parsing and compiling it at start-up.
//
// OPA can neither serialise a compiler nor read its own JSON form of
// compiled modules back (`every` has no unmarshaller). The codec covers
// exactly the nodes a compiled module holds; Encode refuses anything else,
// so a new construct fails loudly instead of being dropped. Comments,
// annotations and the source text of locations are not kept: evaluation
// reads none of them. Locations are kept where evaluation errors report
// them (rules, heads and the terms in them, expressions, with, every, the
// first term of a reference, object comprehension keys) and dropped on
// other terms, which were most of a decode's memory.
//
// Layout: magic, codec version, OPA version, a string table, then the
// modules. Integers are unsigned varints; strings are table indices.
package astcodec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/version"
)

const (
	codecMagic   = "ecslint-compiled-bundle\n"
	codecVersion = 2
)

// Value tags.
const (
	tagNull byte = iota
	tagTrue
	tagFalse
	tagNumber
	tagString
	tagVar
	tagRef
	tagArray
	tagSet
	tagObject
	tagCall
	tagArrayCompr
	tagSetCompr
	tagObjectCompr
)

// Expression term kinds.
const (
	exprTerm byte = iota
	exprCall
	exprSome
	exprEvery
)

type encoder struct {
	buf     bytes.Buffer
	strings map[string]int
	table   []string
	err     error
	// locate keeps the location of the terms encoded while it is set.
	locate bool
}

// Encode writes compiled modules, sorted by name: the same modules always
// give the same bytes.
func Encode(mods map[string]*ast.Module) ([]byte, error) {
	e := &encoder{strings: map[string]int{}}
	names := make([]string, 0, len(mods))
	for name := range mods {
		names = append(names, name)
	}
	sort.Strings(names)
	e.uint(len(names))
	for _, name := range names {
		e.str(name)
		e.module(mods[name])
	}
	if e.err != nil {
		return nil, e.err
	}
	var out bytes.Buffer
	out.WriteString(codecMagic)
	head := &encoder{}
	head.uint(codecVersion)
	head.raw(version.Version)
	head.uint(len(e.table))
	for _, s := range e.table {
		head.raw(s)
	}
	out.Write(head.buf.Bytes())
	out.Write(e.buf.Bytes())
	return out.Bytes(), nil
}

func (e *encoder) fail(format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf(format, args...)
	}
}

func (e *encoder) uint(n int) { e.buf.Write(binary.AppendUvarint(nil, uint64(n))) }

func (e *encoder) byte(b byte) { e.buf.WriteByte(b) }

func (e *encoder) bool(b bool) {
	if b {
		e.byte(1)
	} else {
		e.byte(0)
	}
}

func (e *encoder) raw(s string) {
	e.uint(len(s))
	e.buf.WriteString(s)
}

func (e *encoder) str(s string) {
	i, ok := e.strings[s]
	if !ok {
		i = len(e.table)
		e.strings[s] = i
		e.table = append(e.table, s)
	}
	e.uint(i)
}

func (e *encoder) loc(l *ast.Location) {
	if l == nil {
		e.uint(0)
		return
	}
	e.uint(1)
	e.str(l.File)
	e.uint(l.Row)
	e.uint(l.Col)
}

func (e *encoder) module(m *ast.Module) {
	if len(m.Imports) > 0 {
		e.fail("module %s: compiled module still has imports", m.Package)
	}
	e.terms(m.Package.Path)
	e.loc(m.Package.Location)
	span := m.RegoVersionSpan()
	e.uint(int(span.Min()))
	e.uint(int(span.Max()))
	e.uint(len(m.Rules))
	for _, r := range m.Rules {
		e.rule(r)
	}
}

func (e *encoder) rule(r *ast.Rule) {
	e.bool(r.Default)
	e.head(r.Head)
	e.body(r.Body)
	e.loc(r.Location)
	e.bool(r.Else != nil)
	if r.Else != nil {
		e.rule(r.Else)
	}
}

func (e *encoder) head(h *ast.Head) {
	e.locate = true
	defer func() { e.locate = false }()
	e.str(string(h.Name))
	e.terms(h.Reference)
	e.terms(h.Args)
	e.optTerm(h.Key)
	e.optTerm(h.Value)
	e.bool(h.Assign)
	e.loc(h.Location)
}

func (e *encoder) body(b ast.Body) {
	e.uint(len(b))
	for _, x := range b {
		e.expr(x)
	}
}

func (e *encoder) expr(x *ast.Expr) {
	e.bool(x.Negated)
	e.bool(x.Generated)
	e.uint(x.Index)
	e.loc(x.Location)
	switch t := x.Terms.(type) {
	case *ast.Term:
		e.byte(exprTerm)
		e.term(t)
	case []*ast.Term:
		e.byte(exprCall)
		e.terms(t)
	case *ast.SomeDecl:
		e.byte(exprSome)
		e.terms(t.Symbols)
		e.loc(t.Location)
	case *ast.Every:
		e.byte(exprEvery)
		e.optTerm(t.Key)
		e.optTerm(t.Value)
		e.locate = true
		e.term(t.Domain)
		e.locate = false
		e.body(t.Body)
		e.loc(t.Location)
	default:
		e.fail("%s: expression of type %T cannot be stored", x.Location, x.Terms)
	}
	e.uint(len(x.With))
	for _, w := range x.With {
		e.term(w.Target)
		e.term(w.Value)
		e.loc(w.Location)
	}
}

func (e *encoder) optTerm(t *ast.Term) {
	e.bool(t != nil)
	if t != nil {
		e.term(t)
	}
}

func (e *encoder) terms(ts []*ast.Term) {
	e.uint(len(ts))
	for _, t := range ts {
		e.term(t)
	}
}

func (e *encoder) term(t *ast.Term) {
	if e.locate {
		e.loc(t.Location)
	} else {
		e.loc(nil)
	}
	switch v := t.Value.(type) {
	case ast.Null:
		e.byte(tagNull)
	case ast.Boolean:
		if v {
			e.byte(tagTrue)
		} else {
			e.byte(tagFalse)
		}
	case ast.Number:
		e.byte(tagNumber)
		e.str(string(v))
	case ast.String:
		e.byte(tagString)
		e.str(string(v))
	case ast.Var:
		e.byte(tagVar)
		e.str(string(v))
	case ast.Ref:
		e.byte(tagRef)
		e.uint(len(v))
		for i, x := range v {
			if i == 0 {
				outer := e.locate
				e.locate = true
				e.term(x)
				e.locate = outer
				continue
			}
			e.term(x)
		}
	case *ast.Array:
		e.byte(tagArray)
		e.uint(v.Len())
		for i := 0; i < v.Len(); i++ {
			e.term(v.Elem(i))
		}
	case ast.Set:
		e.byte(tagSet)
		e.terms(v.Slice())
	case ast.Object:
		e.byte(tagObject)
		e.uint(v.Len())
		v.Foreach(func(k, val *ast.Term) {
			e.term(k)
			e.term(val)
		})
	case ast.Call:
		e.byte(tagCall)
		e.terms(v)
	case *ast.ArrayComprehension:
		e.byte(tagArrayCompr)
		e.term(v.Term)
		e.body(v.Body)
	case *ast.SetComprehension:
		e.byte(tagSetCompr)
		e.term(v.Term)
		e.body(v.Body)
	case *ast.ObjectComprehension:
		e.byte(tagObjectCompr)
		outer := e.locate
		e.locate = true
		e.term(v.Key)
		e.locate = outer
		e.term(v.Value)
		e.body(v.Body)
	default:
		e.fail("%s: value of type %T cannot be stored", t.Location, t.Value)
	}
}

// decoder reads what Encode wrote. Malformed input is a broken
// build, not user input: it panics inside and Decode turns the panic
// into an error.
type decoder struct {
	data  []byte
	pos   int
	table []string
	// Nodes are allocated in blocks: one allocation per node was a third
	// of decoding. The modules live as long as the compiler that adopts
	// them, so no block outlives its nodes.
	locBlock  []ast.Location
	termBlock []ast.Term
	exprBlock []ast.Expr
	// scalars holds each string, var and number value once, by table
	// index: a string in an interface is an allocation, and values are
	// immutable, so terms share them.
	scalars [3][]ast.Value
}

// slab hands out the next element of a block, allocating a new block of
// n when the current one is used up.
func slab[T any](block *[]T, n int) *T {
	if len(*block) == 0 {
		*block = make([]T, n)
	}
	v := &(*block)[0]
	*block = (*block)[1:]
	return v
}

// ErrCorrupt is returned for data Encode did not write.
var ErrCorrupt = errors.New("compiled modules are corrupt")

// ErrStale is returned for data written by another version of OPA or of
// this codec: the modules must be compiled and encoded again.
var ErrStale = errors.New("compiled modules were written by another version of OPA or of the codec")

// Decode reads modules written by Encode with the same OPA version.
func Decode(data []byte) (mods map[string]*ast.Module, err error) {
	if !bytes.HasPrefix(data, []byte(codecMagic)) {
		return nil, ErrCorrupt
	}
	d := &decoder{data: data, pos: len(codecMagic)}
	defer func() {
		if r := recover(); r != nil {
			mods, err = nil, fmt.Errorf("%w: %v", ErrCorrupt, r)
		}
	}()
	if d.uint() != codecVersion || d.raw() != version.Version {
		return nil, ErrStale
	}
	d.table = make([]string, d.uint())
	for i := range d.table {
		d.table[i] = d.raw()
	}
	for i := range d.scalars {
		d.scalars[i] = make([]ast.Value, len(d.table))
	}
	n := d.uint()
	mods = make(map[string]*ast.Module, n)
	for range n {
		name := d.str()
		mods[name] = d.module()
	}
	if d.pos != len(d.data) {
		return nil, ErrCorrupt
	}
	return mods, nil
}

func (d *decoder) uint() int {
	v, n := binary.Uvarint(d.data[d.pos:])
	if n <= 0 {
		panic("bad varint")
	}
	d.pos += n
	return int(v)
}

func (d *decoder) byte() byte {
	b := d.data[d.pos]
	d.pos++
	return b
}

func (d *decoder) bool() bool { return d.byte() != 0 }

func (d *decoder) raw() string {
	n := d.uint()
	s := string(d.data[d.pos : d.pos+n])
	d.pos += n
	return s
}

func (d *decoder) str() string { return d.table[d.uint()] }

// scalar returns the number, string or var value of the next table index.
func (d *decoder) scalar(tag byte) ast.Value {
	i := d.uint()
	cache := d.scalars[tag-tagNumber]
	if v := cache[i]; v != nil {
		return v
	}
	var v ast.Value
	switch tag {
	case tagNumber:
		v = ast.Number(d.table[i])
	case tagString:
		v = ast.String(d.table[i])
	default:
		v = ast.Var(d.table[i])
	}
	cache[i] = v
	return v
}

func (d *decoder) loc() *ast.Location {
	if d.uint() == 0 {
		return nil
	}
	l := slab(&d.locBlock, 1024)
	l.File, l.Row, l.Col = d.str(), d.uint(), d.uint()
	return l
}

func (d *decoder) module() *ast.Module {
	m := &ast.Module{Package: &ast.Package{Path: d.terms()}}
	m.Package.Location = d.loc()
	span, err := ast.NewRegoVersionSpan(ast.RegoVersion(d.uint()), ast.RegoVersion(d.uint()))
	if err != nil {
		panic(err)
	}
	m.SetRegoVersionSpan(span)
	m.Rules = make([]*ast.Rule, d.uint())
	for i := range m.Rules {
		m.Rules[i] = d.rule(m)
	}
	return m
}

func (d *decoder) rule(m *ast.Module) *ast.Rule {
	r := &ast.Rule{Module: m, Default: d.bool()}
	r.Head = d.head()
	r.Body = d.body()
	r.Location = d.loc()
	if d.bool() {
		r.Else = d.rule(m)
	}
	return r
}

func (d *decoder) head() *ast.Head {
	h := &ast.Head{Name: ast.Var(d.str())}
	h.Reference = d.terms()
	h.Args = d.terms()
	h.Key = d.optTerm()
	h.Value = d.optTerm()
	h.Assign = d.bool()
	h.Location = d.loc()
	return h
}

func (d *decoder) body() ast.Body {
	b := make(ast.Body, d.uint())
	for i := range b {
		b[i] = d.expr()
	}
	return b
}

func (d *decoder) expr() *ast.Expr {
	x := slab(&d.exprBlock, 256)
	x.Negated, x.Generated, x.Index, x.Location = d.bool(), d.bool(), d.uint(), d.loc()
	switch d.byte() {
	case exprTerm:
		x.Terms = d.term()
	case exprCall:
		x.Terms = d.terms()
	case exprSome:
		x.Terms = &ast.SomeDecl{Symbols: d.terms(), Location: d.loc()}
	case exprEvery:
		ev := &ast.Every{Key: d.optTerm(), Value: d.optTerm(), Domain: d.term()}
		ev.Body = d.body()
		ev.Location = d.loc()
		x.Terms = ev
	default:
		panic("bad expression kind")
	}
	if n := d.uint(); n > 0 {
		x.With = make([]*ast.With, n)
		for i := range x.With {
			x.With[i] = &ast.With{Target: d.term(), Value: d.term(), Location: d.loc()}
		}
	}
	return x
}

func (d *decoder) optTerm() *ast.Term {
	if !d.bool() {
		return nil
	}
	return d.term()
}

func (d *decoder) terms() []*ast.Term {
	n := d.uint()
	if n == 0 {
		return nil
	}
	ts := make([]*ast.Term, n)
	for i := range ts {
		ts[i] = d.term()
	}
	return ts
}

func (d *decoder) term() *ast.Term {
	t := slab(&d.termBlock, 1024)
	t.Location = d.loc()
	switch tag := d.byte(); tag {
	case tagNull:
		t.Value = ast.NullValue
	case tagTrue:
		t.Value = ast.Boolean(true)
	case tagFalse:
		t.Value = ast.Boolean(false)
	case tagNumber, tagString, tagVar:
		t.Value = d.scalar(tag)
	case tagRef:
		t.Value = ast.Ref(d.terms())
	case tagArray:
		t.Value = ast.NewArray(d.terms()...)
	case tagSet:
		t.Value = ast.NewSet(d.terms()...)
	case tagObject:
		kvs := make([][2]*ast.Term, d.uint())
		for i := range kvs {
			kvs[i] = [2]*ast.Term{d.term(), d.term()}
		}
		t.Value = ast.NewObject(kvs...)
	case tagCall:
		t.Value = ast.Call(d.terms())
	case tagArrayCompr:
		t.Value = &ast.ArrayComprehension{Term: d.term(), Body: d.body()}
	case tagSetCompr:
		t.Value = &ast.SetComprehension{Term: d.term(), Body: d.body()}
	case tagObjectCompr:
		t.Value = &ast.ObjectComprehension{Key: d.term(), Value: d.term(), Body: d.body()}
	default:
		panic("bad value tag")
	}
	return t
}
