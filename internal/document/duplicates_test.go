package document_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
)

// dup is a duplicate as tests write it: pointer and start of the last key.
type dup struct {
	Pointer    string
	Line, Col  int
	ValueAfter string // the value the document holds there
}

func duplicates(t *testing.T, d *document.Document) []dup {
	t.Helper()
	var out []dup
	for _, x := range d.Duplicates() {
		if r, _, exact := d.Lookup(x.Pointer); !exact || r != x.Range {
			t.Errorf("%s: the index holds %+v (exact %v), the duplicate %+v", x.Pointer, r, exact, x.Range)
		}
		out = append(out, dup{x.Pointer, x.Range.Start.Line, x.Range.Start.Column, valueAt(t, d.Value, x.Pointer)})
	}
	return out
}

// valueAt follows a pointer without escaped tokens.
func valueAt(t *testing.T, v ast.Value, ptr string) string {
	t.Helper()
	for _, tok := range strings.Split(ptr, "/")[1:] {
		var term *ast.Term
		switch x := v.(type) {
		case ast.Object:
			term = x.Get(ast.StringTerm(strings.ReplaceAll(tok, "~1", "/")))
		case *ast.Array:
			if i, err := strconv.Atoi(tok); err == nil {
				term = x.Get(ast.InternedTerm(i))
			}
		}
		if term == nil {
			t.Fatalf("%s: nothing at %s", ptr, tok)
		}
		v = term.Value
	}
	return v.String()
}

func TestDuplicates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		json, yaml     string
		inJSON, inYAML []dup
	}{
		{
			name: "none",
			json: `{"a": 1, "b": {"a": 2}}`,
			yaml: "a: 1\nb:\n  a: 2\n",
		},
		{
			name:   "the second occurrence wins and is reported",
			json:   "{\"family\": \"web\",\n \"privileged\": true,\n \"privileged\": false}",
			yaml:   "family: web\nprivileged: true\nprivileged: false\n",
			inJSON: []dup{{"/privileged", 3, 2, "false"}},
			inYAML: []dup{{"/privileged", 3, 1, "false"}},
		},
		{
			name:   "three times: once, at the last",
			json:   "{\"a\": 1,\n\"a\": 2,\n\"a\": 3}",
			yaml:   "a: 1\na: 2\na: 3\n",
			inJSON: []dup{{"/a", 3, 1, "3"}},
			inYAML: []dup{{"/a", 3, 1, "3"}},
		},
		{
			name:   "nested, in a list, and escaped keys",
			json:   "{\"c\": [{\"name\": \"x\",\n \"image\": \"a\",\n \"image\": \"b\"}],\n \"l\": {\"a/b\": 1, \"a/b\": 2}}",
			yaml:   "c:\n  - name: x\n    image: a\n    image: b\nl: {a/b: 1, a/b: 2}\n",
			inJSON: []dup{{"/c/0/image", 3, 2, `"b"`}, {"/l/a~1b", 4, 18, "2"}},
			inYAML: []dup{{"/c/0/image", 4, 5, `"b"`}, {"/l/a~1b", 5, 13, "2"}},
		},
		{
			name:   "several keys, in the order they first appear",
			json:   `{"b": 1, "a": 1, "b": 2, "a": 2}`,
			yaml:   "{b: 1, a: 1, b: 2, a: 2}\n",
			inJSON: []dup{{"/b", 1, 18, "2"}, {"/a", 1, 26, "2"}},
			inYAML: []dup{{"/b", 1, 14, "2"}, {"/a", 1, 20, "2"}},
		},
		{
			// The first "a" is gone with its own repeated key; the repeat
			// of "a" is what misleads a reader.
			name:   "repeats inside a replaced value are not listed",
			json:   "{\"a\": {\"x\": 1, \"x\": 2},\n \"a\": {\"x\": 3}}",
			yaml:   "a: {x: 1, x: 2}\na: {x: 3}\n",
			inJSON: []dup{{"/a", 2, 2, `{"x": 3}`}},
			inYAML: []dup{{"/a", 2, 1, `{"x": 3}`}},
		},
		{
			name:   "repeats inside the value that wins are listed",
			json:   "{\"a\": 1,\n \"a\": {\"x\": 1,\n \"x\": 2}}",
			yaml:   "a: 1\na:\n  x: 1\n  x: 2\n",
			inJSON: []dup{{"/a/x", 3, 2, "2"}, {"/a", 2, 2, `{"x": 2}`}},
			inYAML: []dup{{"/a/x", 4, 3, "2"}, {"/a", 2, 1, `{"x": 2}`}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/json", func(t *testing.T) {
			t.Parallel()
			d, err := document.ParseJSON([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.inJSON, duplicates(t, d)); diff != "" {
				t.Errorf("duplicates (-want +got):\n%s", diff)
			}
		})
		t.Run(tt.name+"/yaml", func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.inYAML, duplicates(t, parseYAML1(t, tt.yaml))); diff != "" {
				t.Errorf("duplicates (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDuplicatesMergeKeys: overriding a key merged with `<<` is what merge
// keys are for, not a duplicate.
func TestDuplicatesMergeKeys(t *testing.T) {
	t.Parallel()
	d := parseYAML1(t, "base: &b {image: a, cpu: 1}\nc:\n  <<: *b\n  image: b\n  cpu: 2\n  cpu: 3\n")
	want := []dup{{"/c/cpu", 6, 3, "3"}}
	if diff := cmp.Diff(want, duplicates(t, d)); diff != "" {
		t.Errorf("duplicates (-want +got):\n%s", diff)
	}
}
