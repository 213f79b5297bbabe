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
// Empty documents (a lone `---`) are dropped. Scalars are read with
// ScalarsGo.
func ParseYAML(data []byte) ([]*Document, error) {
	return ParseYAMLWith(data, YAMLOptions{})
}

// ParseYAMLWith is ParseYAML with scalars read as o says.
func ParseYAMLWith(data []byte, o YAMLOptions) ([]*Document, error) {
	var cli *cliScalars
	if o.Scalars == ScalarsYAML11 {
		cli = &cliScalars{v11: true}
	}
	if o.Scalars == ScalarsAWSCLI {
		cli = &cliScalars{}
		v, at := yamlVersion(data)
		switch v {
		case "1.1":
			cli.v11 = true
		case "1.2":
			// The library refuses any directive but 1.1; ruamel.yaml
			// reads 1.2, which cli applies. The same length keeps every
			// position.
			data = bytes.Clone(data)
			copy(data[at:], "1.1")
		}
	}
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
			return nil, yamlError(err, data)
		}
		if len(n.Content) == 0 || isEmpty(n.Content[0]) {
			continue
		}
		root := n.Content[0]
		if o.Rewrite != nil {
			if err := o.Rewrite(root); err != nil {
				return nil, err
			}
		}
		if expansion(root, map[*yaml.Node]int{}, budget, 0) > budget {
			// Measured before converting: an alias bomb fails at once
			// instead of after building MaxNodes values.
			return nil, &SyntaxError{Pos: Pos{Line: root.Line, Column: root.Column},
				Msg: fmt.Sprintf("document expands to more than %d values (alias expansion?)", MaxNodes)}
		}
		c := yamlConverter{index: make(map[string]Range, 64), budget: &budget, cli: cli}
		v, err := c.convert(root, "", 0)
		if err != nil {
			return nil, err
		}
		c.index[""] = Range{Start: Pos{Line: root.Line, Column: root.Column}}
		if c.stale {
			c.index = reachable(c.index, v)
			c.dups = surviving(c.dups, c.index)
		}
		c.comment("", n.HeadComment, root.HeadComment)
		docs = append(docs, &Document{Value: v, index: c.index, comments: c.comments, duplicates: c.dups})
	}
}

// TooLarge reports whether a YAML node tree expands, through its aliases,
// to more than MaxNodes values: what any reader walking it would build.
// Its cost is that of the text, not of the expansion.
func TooLarge(n *yaml.Node) bool {
	return expansion(n, map[*yaml.Node]int{}, MaxNodes, 0) > MaxNodes
}

// expansion counts the values convert builds for n, following aliases, and
// stops counting past limit. Each node is counted once (memo), so the cost
// is that of the text, not of its expansion. Cycles and nesting beyond
// MaxDepth are undercounted: convert stops those at MaxDepth, and its own
// budget check stays the authority. Only anchored nodes can be reached
// twice, so only they are memoised.
func expansion(n *yaml.Node, memo map[*yaml.Node]int, limit, depth int) int {
	if depth > MaxDepth {
		return 0
	}
	if n.Anchor != "" {
		if c, ok := memo[n]; ok {
			return c
		}
		memo[n] = 0 // in progress: an alias back to n counts nothing
	}
	c := 1
	add := func(m *yaml.Node) {
		if c <= limit {
			c = min(c+expansion(m, memo, limit, depth+1), limit+1)
		}
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias != nil {
			add(n.Alias)
		}
	case yaml.SequenceNode, yaml.DocumentNode:
		for _, item := range n.Content {
			add(item)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" && v.Kind == yaml.SequenceNode {
				for _, src := range v.Content {
					add(src)
				}
				continue
			}
			add(v)
		}
	}
	if n.Anchor != "" {
		memo[n] = c
	}
	return c
}

// lastLine is the number of the last line in data, breaking lines where the
// YAML library does: LF, CR, CR LF, NEL, LS and PS.
func lastLine(data []byte) int {
	n := 1
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '\n':
			n++
		case data[i] == '\r':
			if i+1 == len(data) || data[i+1] != '\n' {
				n++
			}
		case bytes.HasPrefix(data[i:], []byte("\u0085")), bytes.HasPrefix(data[i:], []byte("\u2028")), bytes.HasPrefix(data[i:], []byte("\u2029")):
			n++
		}
	}
	return n
}

// isEmpty reports the content of a document that has none: the library
// turns a lone `---` into an empty plain scalar, which an explicit `~`,
// `null` or `!!null` is not.
func isEmpty(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Style == 0 && n.Value == "" && n.Tag == "!!null" && n.Anchor == ""
}

// anchorName matches the anchor name the library quotes from the input in
// "unknown anchor 'x' referenced".
var anchorName = regexp.MustCompile(`anchor '[^']*'`)

// parserErrors are the messages of the library's parser stage, which counts
// lines from 0 (its scanner stage counts from 1).
var parserErrors = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// yamlError turns the library's "yaml: line N: msg" into a SyntaxError,
// dropping any input the message quotes. At the end of the stream the
// library counts one line past the last; that is brought back into data.
func yamlError(err error, data []byte) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = anchorName.ReplaceAllString(msg, "anchor")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if line, convErr := strconv.Atoi(rest[:i]); convErr == nil {
				msg = strings.TrimSpace(rest[i+1:])
				if parserErrors[msg] {
					line++
				}
				line = min(line, lastLine(data))
				return &SyntaxError{Pos: Pos{Line: line, Column: 1}, Msg: msg}
			}
		}
	}
	return &SyntaxError{Pos: Pos{Line: 1, Column: 1}, Msg: msg}
}

type yamlConverter struct {
	index    map[string]Range
	comments map[string][]string
	budget   *int
	// stale is set when a key was replaced (duplicates, merge overrides),
	// which may leave index entries for values no longer in the document.
	stale bool
	dups  []Duplicate
	// cli, when set, reads scalars as the AWS CLI does.
	cli *cliScalars
}

// comment records the non-empty comment texts attached to ptr, where
// suppression directives (# ecslint:ignore RULE reason) are looked for.
func (c *yamlConverter) comment(ptr string, texts ...string) {
	for _, t := range texts {
		if t == "" {
			continue
		}
		if c.comments == nil {
			c.comments = map[string][]string{}
		}
		c.comments[ptr] = append(c.comments[ptr], t)
	}
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
			c.comment(child, item.HeadComment, item.LineComment)
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
	// explicit counts the keys written in this mapping (merged ones
	// excluded: overriding them is what merge keys are for); a key written
	// twice is a duplicate.
	var explicit map[string]int
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
			if explicit == nil {
				explicit = c.keysBefore(n, i)
			}
		}
		if explicit != nil {
			explicit[k.Value]++
		}
		val, err := c.convert(v, child, depth+1)
		if err != nil {
			return nil, err
		}
		c.index[child] = Range{Start: Pos{Line: k.Line, Column: k.Column}}
		c.comment(child, k.HeadComment, k.LineComment, v.LineComment)
		obj.Insert(ast.StringTerm(k.Value), ast.NewTerm(val))
	}
	if explicit != nil {
		c.duplicates(n, ptr, explicit)
	}
	return obj, nil
}

// duplicates records the keys of mapping n written more than once (counts
// holds how often), in the order the keys first appear, at the
// position the index holds for them: their last occurrence.
func (c *yamlConverter) duplicates(n *yaml.Node, ptr string, counts map[string]int) {
	for j := 0; j < len(n.Content); j += 2 {
		k := n.Content[j]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" || counts[k.Value] < 2 {
			continue
		}
		counts[k.Value] = 0 // once per key
		child := ptr + "/" + EscapeToken(k.Value)
		c.dups = append(c.dups, Duplicate{Pointer: child, Range: c.index[child]})
	}
}

// keysBefore counts the explicit keys of mapping n before its i-th
// content node. Counting starts only once a key repeats a pointer already
// indexed, so that mappings without repeats pay nothing.
func (c *yamlConverter) keysBefore(n *yaml.Node, i int) map[string]int {
	m := make(map[string]int, len(n.Content)/2)
	for j := 0; j < i; j += 2 {
		if k := n.Content[j]; k.Kind == yaml.ScalarNode && k.Tag != "!!merge" {
			m[k.Value]++
		}
	}
	return m
}

func (c *yamlConverter) scalar(n *yaml.Node) (ast.Value, error) {
	if c.cli != nil {
		return c.cli.scalar(c, n)
	}
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
