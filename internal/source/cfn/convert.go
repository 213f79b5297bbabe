package cfn

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/source"
)

// ecsRenames are the CloudFormation property names of ECS resources that
// are not the API member name with its first letter lower-cased. The
// first four differ from the API name only by case, which the model
// lookup also finds; they are listed because the AWS documentation lists
// them. The test walking every converted property against the SDK's ECS
// model catches a new one.
var ecsRenames = map[string]string{
	"EFSVolumeConfiguration": "efsVolumeConfiguration",
	"FilesystemId":           "fileSystemId",
	"IAM":                    "iam",
	"FSxWindowsFileServerVolumeConfiguration": "fsxWindowsFileServerVolumeConfiguration",
	"ProxyConfigurationProperties":            "properties",
	"PlacementStrategies":                     "placementStrategy",
	"ClusterSettings":                         "settings",
}

// converter turns an evaluated template value into the API shape of a
// kind, recording where each part of the result sits in the template.
type converter struct {
	t *template
	// ecs: property names become the ECS API's camelCase names.
	ecs bool
	// from maps value pointers to the template pointers they came from;
	// spans and comments are looked up only when a finding needs them
	// (see lazyLocator), as most resources have none.
	from    map[string]string
	inexact map[string]bool
}

func newConverter(t *template, ecs bool) *converter {
	return &converter{t: t, ecs: ecs, from: map[string]string{}}
}

// span locates a template pointer.
func (c *converter) span(ptr string) source.Span {
	r, _, _ := c.t.doc.Lookup(ptr)
	return source.Span{File: c.t.file, Pointer: ptr, Start: r.Start, End: r.End, Document: c.t.docIndex}
}

// record notes where the value at vptr came from.
func (c *converter) record(vptr string, n *node) {
	if n.noSpan || n.ptr == "" {
		return
	}
	c.from[vptr] = n.ptr
	if n.inexact {
		if c.inexact == nil {
			c.inexact = map[string]bool{}
		}
		c.inexact[vptr] = true
	}
}

// locator builds the resource's map locator: spans and the comments
// written at each place, and those on the resource's own key.
func (c *converter) locator(root string, construct string) *source.MapLocator {
	m := &source.MapLocator{Root: c.span(root), Spans: make(map[string]source.Span, len(c.from)), Inexact: c.inexact,
		Extra: finding.Location{Construct: construct}}
	add := func(vptr string, cs []string) {
		if len(cs) == 0 {
			return
		}
		if m.Notes == nil {
			m.Notes = map[string][]string{}
		}
		m.Notes[vptr] = append(m.Notes[vptr], cs...)
	}
	add("", c.t.doc.Comments(root))
	for vptr, tptr := range c.from {
		m.Spans[vptr] = c.span(tptr)
		add(vptr, c.t.doc.Comments(tptr))
	}
	return m
}

// lazyLocator builds its map locator on first use.
type lazyLocator struct {
	once  sync.Once
	build func() *source.MapLocator
	m     *source.MapLocator
}

func (l *lazyLocator) get() *source.MapLocator {
	l.once.Do(func() { l.m, l.build = l.build(), nil })
	return l.m
}

// Locate implements source.Locator.
func (l *lazyLocator) Locate(path []any) finding.Location { return l.get().Locate(path) }

// Comments implements source.Locator.
func (l *lazyLocator) Comments(path []any) []string { return l.get().Comments(path) }

// name maps a template property name to the API member name and shape.
func (c *converter) name(key string, parent *shape) (string, *shape) {
	if c.ecs {
		if api, ok := ecsRenames[key]; ok {
			_, sh := parent.member(api)
			return api, sh
		}
	}
	if api, sh := parent.member(key); sh != nil {
		return api, sh
	}
	if c.ecs {
		return lowerFirst(key), nil
	}
	return key, nil
}

func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// convert returns n in the shape sh, at value pointer vptr.
func (c *converter) convert(n *node, sh *shape, vptr string) *node {
	c.record(vptr, n)
	if n.unknown {
		return n
	}
	typ := tAny
	if sh != nil {
		typ = sh.typ
	}
	switch n.kind {
	case nObject:
		out := &node{kind: nObject, ptr: n.ptr, links: n.links, noSpan: n.noSpan}
		for i, k := range n.keys {
			var api string
			var msh *shape
			switch typ {
			case tObject:
				api, msh = c.name(k, sh)
			case tMap:
				api, msh = k, sh.elem
			default:
				api = k
			}
			out.set(api, c.convert(n.vals[i], msh, vptr+"/"+document.EscapeToken(api)))
		}
		return out
	case nArray:
		var esh *shape
		if typ == tList {
			esh = sh.elem
		}
		out := &node{kind: nArray, ptr: n.ptr, links: n.links, noSpan: n.noSpan}
		for i, v := range n.vals {
			out.vals = append(out.vals, c.convert(v, esh, vptr+"/"+strconv.Itoa(i)))
		}
		return out
	}
	return coerce(n, typ)
}

// coerce converts a scalar as CloudFormation does for a property of type
// typ: "true"/"false" for booleans, numeric strings for numbers, and any
// scalar for strings. Values it cannot convert stay as written.
func coerce(n *node, typ shapeType) *node {
	out := *n
	switch typ {
	case tString:
		if s, ok := n.text(); ok {
			out.kind, out.str = nString, s
		}
	case tInteger, tNumber:
		if n.kind == nString {
			s := strings.TrimSpace(n.str)
			if document.IsJSONNumber(s) {
				if typ == tNumber || !strings.ContainsAny(s, ".eE") {
					out.kind, out.str = nNumber, s
				}
			}
		}
	case tBool:
		if n.kind == nString {
			switch strings.ToLower(strings.TrimSpace(n.str)) {
			case "true":
				out.kind, out.b = nBool, true
			case "false":
				out.kind, out.b = nBool, false
			}
		}
	}
	return &out
}

// at returns the node at an API path in a converted value.
func at(n *node, path ...any) *node {
	for _, p := range path {
		if n == nil {
			return nil
		}
		switch k := p.(type) {
		case string:
			n = n.get(k)
		case int:
			if n.kind != nArray || k < 0 || k >= len(n.vals) {
				return nil
			}
			n = n.vals[k]
		}
	}
	return n
}
