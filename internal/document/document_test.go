package document_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
)

// secret stands for a credential pasted into a malformed file; no parse error
// may repeat it.
const secret = "AKIAIOSFODNN7EXAMPLE"

// stdJSON is the reference ParseJSON must agree with: encoding/json with
// UseNumber (so number literals survive) and ast.InterfaceToValue.
func stdJSON(data []byte) (ast.Value, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("data after the top-level value: %w", err)
	}
	return ast.InterfaceToValue(x)
}

// diffValues is empty when got and want are the same value with the same
// number literals.
func diffValues(got, want ast.Value) string {
	if got == nil || want == nil {
		return fmt.Sprintf("got %v, want %v", got, want)
	}
	if got.Compare(want) != 0 || got.String() != want.String() {
		return cmp.Diff(want.String(), got.String())
	}
	return ""
}

// pathsOf lists the JSON pointer of every value in v, v itself included,
// sorted as Document.Pointers sorts.
func pathsOf(v ast.Value) []string {
	var out []string
	var walk func(ptr string, v ast.Value)
	walk = func(ptr string, v ast.Value) {
		out = append(out, ptr)
		switch x := v.(type) {
		case ast.Object:
			x.Foreach(func(k, t *ast.Term) {
				walk(ptr+"/"+document.EscapeToken(string(k.Value.(ast.String))), t.Value)
			})
		case *ast.Array:
			for i := 0; i < x.Len(); i++ {
				walk(ptr+"/"+strconv.Itoa(i), x.Elem(i).Value)
			}
		}
	}
	walk("", v)
	sort.Strings(out)
	return out
}

// checkIndex asserts the index invariants every parsed document keeps:
// exactly the values in the document are indexed, each pointer looks up
// exactly, and positions fall inside the input (maxLine lines, columns no
// further than one past the longest line).
func checkIndex(t testing.TB, d *document.Document, maxLine, maxCol int) {
	t.Helper()
	ptrs := d.Pointers()
	if diff := cmp.Diff(pathsOf(d.Value), ptrs); diff != "" {
		t.Fatalf("indexed pointers differ from the values in the document (-values +index):\n%s", diff)
	}
	for _, p := range ptrs {
		r, found, exact := d.Lookup(p)
		if !exact || found != p {
			t.Fatalf("Lookup(%q) = found %q, exact %v; want itself, exact", p, found, exact)
		}
		check := []document.Pos{r.Start}
		if r.End != (document.Pos{}) { // YAML records no end
			check = append(check, r.End)
		}
		for _, pos := range check {
			if pos.Line < 1 || pos.Line > maxLine || pos.Column < 1 || pos.Column > maxCol+1 {
				t.Fatalf("Lookup(%q) = %+v: outside %d lines of at most %d bytes", p, r, maxLine, maxCol)
			}
		}
		if r.End != (document.Pos{}) && (r.End.Line < r.Start.Line || r.End.Line == r.Start.Line && r.End.Column < r.Start.Column) {
			t.Fatalf("Lookup(%q) = %+v: ends before it starts", p, r)
		}
	}
}

// lineStats returns the number of lines in data and the length in bytes of
// the longest. JSON breaks lines at LF only; YAML also at CR, NEL, LS and PS
// (counting CR LF as two breaks only loosens the bound).
func lineStats(data []byte, yaml bool) (lines, longest int) {
	s := string(data)
	lines = 1
	cur := 0
	for i := 0; i < len(s); i++ {
		brk := s[i] == '\n'
		if yaml && !brk {
			brk = s[i] == '\r' ||
				strings.HasPrefix(s[i:], "\u0085") || strings.HasPrefix(s[i:], "\u2028") || strings.HasPrefix(s[i:], "\u2029")
		}
		if brk {
			lines++
			longest = max(longest, cur)
			cur = 0
			continue
		}
		cur++
	}
	return lines, max(longest, cur)
}

func TestEscapeTokenAndPointer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		base string
		segs []any
		want string
	}{
		{"", nil, ""},
		{"", []any{"family"}, "/family"},
		{"", []any{"containerDefinitions", 0, "name"}, "/containerDefinitions/0/name"},
		{"/taskDefinition", []any{"volumes", 12}, "/taskDefinition/volumes/12"},
		{"", []any{"a/b", "m~n", "~/", "~1"}, "/a~1b/m~0n/~0~1/~01"},
		{"", []any{""}, "/"},
		{"", []any{int64(3)}, "/3"},
	}
	for _, tt := range tests {
		if got := document.Pointer(tt.base, tt.segs...); got != tt.want {
			t.Errorf("Pointer(%q, %v) = %q, want %q", tt.base, tt.segs, got, tt.want)
		}
	}
}

func TestSyntaxErrorMessage(t *testing.T) {
	t.Parallel()
	err := &document.SyntaxError{Pos: document.Pos{Line: 3, Column: 14}, Msg: "unexpected \"x\""}
	if got, want := err.Error(), `line 3, column 14: unexpected "x"`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestUnescapeToken(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "plain", "a/b", "a~b", "~1", "a~/b~0/"} {
		if got := document.UnescapeToken(document.EscapeToken(s)); got != s {
			t.Errorf("UnescapeToken(EscapeToken(%q)) = %q", s, got)
		}
	}
	if got := document.UnescapeToken("a~01"); got != "a~1" {
		t.Errorf("UnescapeToken(a~01) = %q, want a~1 (RFC 6901: ~1 first)", got)
	}
}
