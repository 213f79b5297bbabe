package validate

import (
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/source"
)

// Duplicates turns the keys doc holds more than once under root (a JSON
// pointer in doc) into problems for the duplicate-key rule, pointing at
// the occurrence that counts: the last. value is what doc holds at root,
// and prefix the path to it in the resource's value (nil when root is the
// resource itself; ["tags"] for the tags describe-task-definition keeps
// beside the definition).
func Duplicates(doc *document.Document, root string, value ast.Value, prefix ...any) []source.Problem {
	var out []source.Problem
	for _, d := range doc.Duplicates() {
		rest, ok := strings.CutPrefix(d.Pointer, root)
		if !ok || rest != "" && rest[0] != '/' {
			continue
		}
		path := append(append([]any{}, prefix...), pathOf(value, rest)...)
		what := "this resource"
		if len(path) > 0 {
			what = Display(path)
		}
		out = append(out, source.Problem{
			Rule:    RuleDuplicateKey,
			Path:    path,
			Message: what + " is given more than once in the same object: AWS keeps this last value, a reader may stop at the first",
		})
	}
	return out
}

// pathOf turns a JSON pointer into a path into v: a token is a list index
// where v holds a list there, a key otherwise.
func pathOf(v ast.Value, ptr string) []any {
	if ptr == "" {
		return []any{}
	}
	toks := strings.Split(ptr[1:], "/")
	path := make([]any, 0, len(toks))
	for _, tok := range toks {
		tok = document.UnescapeToken(tok)
		var next *ast.Term
		switch x := v.(type) {
		case *ast.Array:
			if i, err := strconv.Atoi(tok); err == nil {
				path = append(path, i)
				if i >= 0 && i < x.Len() {
					next = x.Elem(i)
				}
				break
			}
			path = append(path, tok)
		case ast.Object:
			path = append(path, tok)
			next = x.Get(ast.StringTerm(tok))
		default:
			path = append(path, tok)
		}
		if next != nil {
			v = next.Value
		} else {
			v = nil
		}
	}
	return path
}
