package document

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"
)

// ParseYAML parses a YAML stream; each document in it becomes one Document.
// Empty documents (a lone `---`) are dropped.
func ParseYAML(data []byte) ([]*Document, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*Document
	budget := MaxNodes
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, yamlError(err)
		}
		if len(n.Content) == 0 {
			continue
		}
		c := yamlConverter{index: make(map[string]Range, 64), budget: &budget}
		root := n.Content[0]
		v, err := c.convert(root, "", 0)
		if err != nil {
			return nil, err
		}
		c.index[""] = Range{Start: Pos{Line: root.Line, Column: root.Column}}
		if c.stale {
			c.index = reachable(c.index, v)
		}
		docs = append(docs, &Document{Value: v, index: c.index})
	}
}

// quotedInput matches what the library quotes from the input, such as the
// name in "unknown anchor 'x' referenced"; single quoted characters like
// "expected ',' or ']'" are kept.
var quotedInput = regexp.MustCompile(`\s*'[^']{2,}'`)

// yamlError turns the library's "yaml: line N: msg" into a SyntaxError,
// dropping any input the message quotes.
func yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = quotedInput.ReplaceAllString(msg, "")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if line, convErr := strconv.Atoi(rest[:i]); convErr == nil {
				return &SyntaxError{Pos: Pos{Line: line, Column: 1}, Msg: strings.TrimSpace(rest[i+1:])}
			}
		}
	}
	return &SyntaxError{Pos: Pos{Line: 1, Column: 1}, Msg: msg}
}

type yamlConverter struct {
	index  map[string]Range
	budget *int
	// stale is set when a key was replaced (duplicates, merge overrides),
	// which may leave index entries for values no longer in the document.
	stale bool
}

func (c *yamlConverter) errAt(n *yaml.Node, format string, args ...any) error {
	return &SyntaxError{Pos: Pos{Line: n.Line, Column: n.Column}, Msg: fmt.Sprintf(format, args...)}
}

func (c *yamlConverter) convert(n *yaml.Node, ptr string, depth int) (ast.Value, error) {
	if depth > MaxDepth {
		return nil, fmt.Errorf("%w: %w", ErrTooDeep, c.errAt(n, "more than %d nested mappings or sequences", MaxDepth))
	}
	*c.budget--
	if *c.budget < 0 {
		return nil, c.errAt(n, "document expands to more than %d values (alias expansion?)", MaxNodes)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return c.convert(n.Alias, ptr, depth+1)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return ast.Null{}, nil
		}
		return c.convert(n.Content[0], ptr, depth)
	case yaml.SequenceNode:
		terms := make([]*ast.Term, 0, len(n.Content))
		for i, item := range n.Content {
			child := ptr + "/" + strconv.Itoa(i)
			v, err := c.convert(item, child, depth+1)
			if err != nil {
				return nil, err
			}
			c.index[child] = Range{Start: Pos{Line: item.Line, Column: item.Column}}
			terms = append(terms, ast.NewTerm(v))
		}
		return ast.NewArray(terms...), nil
	case yaml.MappingNode:
		return c.mapping(n, ptr, depth)
	case yaml.ScalarNode:
		return c.scalar(n)
	}
	return nil, c.errAt(n, "unsupported YAML node")
}

func (c *yamlConverter) mapping(n *yaml.Node, ptr string, depth int) (ast.Value, error) {
	obj := ast.NewObject()
	// Merge keys (`<<: *base`, `<<: [*a, *b]`) are applied before the
	// explicit keys, so that explicit keys win in the value and in the index
	// alike; of several merged mappings the earliest wins, so they are
	// applied last to first.
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag != "!!merge" {
			continue
		}
		c.stale = true
		srcs := []*yaml.Node{v}
		if v.Kind == yaml.SequenceNode {
			srcs = v.Content
		}
		for j := len(srcs) - 1; j >= 0; j-- {
			merged, err := c.convert(srcs[j], ptr, depth+1)
			if err != nil {
				return nil, err
			}
			mo, ok := merged.(ast.Object)
			if !ok {
				return nil, c.errAt(srcs[j], "a merge key needs a mapping or a sequence of mappings")
			}
			mo.Foreach(func(mk, mv *ast.Term) { obj.Insert(mk, mv) })
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			return nil, c.errAt(k, "mapping keys must be scalars")
		}
		child := ptr + "/" + EscapeToken(k.Value)
		if _, seen := c.index[child]; seen {
			c.stale = true // a duplicate key, or one overriding a merged key
		}
		val, err := c.convert(v, child, depth+1)
		if err != nil {
			return nil, err
		}
		c.index[child] = Range{Start: Pos{Line: k.Line, Column: k.Column}}
		obj.Insert(ast.StringTerm(k.Value), ast.NewTerm(val))
	}
	return obj, nil
}

func (c *yamlConverter) scalar(n *yaml.Node) (ast.Value, error) {
	switch n.ShortTag() {
	case "!!null":
		return ast.Null{}, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, c.errAt(n, "invalid boolean")
		}
		return ast.Boolean(b), nil
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			var u uint64
			if err := n.Decode(&u); err != nil {
				return nil, c.errAt(n, "invalid integer")
			}
			return ast.Number(strconv.FormatUint(u, 10)), nil
		}
		return ast.Number(strconv.FormatInt(i, 10)), nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, c.errAt(n, "invalid number")
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			// JSON has no infinities; keep the text so nothing is lost.
			return ast.String(n.Value), nil
		}
		return ast.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	default:
		// Strings, timestamps and binary stay as the text the author wrote.
		return ast.String(n.Value), nil
	}
}
