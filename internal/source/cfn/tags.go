package cfn

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ecslint/ecslint/internal/document"
)

// longForm rewrites CloudFormation's short-form YAML tags into the long
// form on the node tree, before it becomes a value: `!Ref X` becomes
// {Ref: X}, `!GetAtt A.b` {Fn::GetAtt: [A, b]}, `!Sub s` {Fn::Sub: s}.
// The new mapping and its key take the tagged node's line and column, so
// every position in the document stays where the author wrote it.
// Aliased nodes are shared, so each node is visited once.
func longForm(root *yaml.Node) error {
	seen := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node, depth int) error
	walk = func(n *yaml.Node, depth int) error {
		if n == nil || seen[n] {
			return nil
		}
		if depth > document.MaxDepth {
			return &document.SyntaxError{Pos: document.Pos{Line: n.Line, Column: n.Column},
				Msg: fmt.Sprintf("more than %d nested mappings or sequences", document.MaxDepth)}
		}
		seen[n] = true
		for _, c := range n.Content {
			if err := walk(c, depth+1); err != nil {
				return err
			}
		}
		return rewriteTag(n)
	}
	return walk(root, 0)
}

// rewriteTag turns one tagged node into its long form in place.
func rewriteTag(n *yaml.Node) error {
	tag := n.Tag
	if !strings.HasPrefix(tag, "!") || strings.HasPrefix(tag, "!!") || n.Kind == yaml.AliasNode {
		return nil
	}
	name := tag[1:]
	var fn string
	switch name {
	case "Ref", "Condition":
		fn = name
	case "":
		// A bare "!" forces a plain string in YAML.
		n.Tag = "!!str"
		return nil
	default:
		fn = "Fn::" + name
	}
	arg := *n
	arg.Tag = ""
	arg.Anchor = ""
	arg.HeadComment, arg.LineComment, arg.FootComment = "", "", ""
	if arg.Kind == yaml.ScalarNode {
		// The tag decided the type: !Ref 10 names a resource "10", and
		// a tagged scalar is always a string.
		arg.Tag = "!!str"
		arg.Style |= yaml.TaggedStyle
		if name == "GetAtt" {
			// !GetAtt Logical.Attr.With.Dots: the logical id ends at the
			// first dot; attribute names may hold more.
			logical, attr, _ := strings.Cut(arg.Value, ".")
			arg = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: n.Line, Column: n.Column, Content: []*yaml.Node{
				scalarAt(n, logical), scalarAt(n, attr),
			}}
		}
	}
	key := scalarAt(n, fn)
	*n = yaml.Node{
		Kind: yaml.MappingNode, Tag: "!!map", Line: n.Line, Column: n.Column, Anchor: n.Anchor,
		HeadComment: n.HeadComment, LineComment: n.LineComment, FootComment: n.FootComment,
		Content: []*yaml.Node{key, &arg},
	}
	return nil
}

func scalarAt(at *yaml.Node, value string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.TaggedStyle, Value: value, Line: at.Line, Column: at.Column}
}
