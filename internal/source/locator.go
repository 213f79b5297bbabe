package source

import (
	"strings"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/finding"
)

// Span is a place in a source file.
type Span struct {
	File string
	// Pointer is the JSON pointer (or, for HCL, a path) of the place in
	// File, shown in JSON output.
	Pointer    string
	Start, End document.Pos
	Document   int
}

// MapLocator locates paths through a table from value pointers (JSON
// pointers into the resource's Value, "" for the value itself) to spans in
// the source. Sources whose value is built from a different tree
// (templates, HCL) fill the table while converting; absent paths fall back
// to the nearest ancestor in the table.
type MapLocator struct {
	// Root is the resource itself; returned with precision resource when
	// neither the path nor any ancestor is in Spans.
	Root Span
	// Spans maps value pointers to spans.
	Spans map[string]Span
	// Notes maps value pointers to the comments attached there.
	Notes map[string][]string
	// Inexact marks value pointers whose span only approximates the value
	// (a field inside a JSON string of a template): found, they are
	// reported with precision resource.
	Inexact map[string]bool
	// Extra is copied into every location (construct path, ARN, module
	// call chain).
	Extra finding.Location
}

// Locate implements Locator.
func (m *MapLocator) Locate(path []any) finding.Location {
	ptr := document.Pointer("", path...)
	p := ptr
	for {
		if s, ok := m.Spans[p]; ok {
			prec := finding.PrecisionAncestor
			switch {
			case m.Inexact[p]:
				prec = finding.PrecisionResource
			case p == ptr:
				prec = finding.PrecisionExact
			}
			return m.location(s, prec, ptr)
		}
		if p == "" {
			return m.location(m.Root, finding.PrecisionResource, ptr)
		}
		p = parent(p)
	}
}

func (m *MapLocator) location(s Span, precision, valuePtr string) finding.Location {
	loc := m.Extra
	loc.File = s.File
	loc.Pointer = s.Pointer
	if loc.Pointer == "" && s.File == "" {
		loc.Pointer = valuePtr
	}
	loc.Start, loc.End = s.Start, s.End
	loc.Document = s.Document
	loc.Precision = precision
	return loc
}

// Comments implements Locator.
func (m *MapLocator) Comments(path []any) []string {
	if len(m.Notes) == 0 {
		return nil
	}
	var out []string
	p := document.Pointer("", path...)
	for {
		out = append(out, m.Notes[p]...)
		if p == "" {
			return out
		}
		p = parent(p)
	}
}

// parent drops the last token of a JSON pointer.
func parent(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}
