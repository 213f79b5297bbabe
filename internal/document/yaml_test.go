package document_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ecslint/ecslint/internal/document"
)

// parseYAML1 parses a stream that must hold exactly one document.
func parseYAML1(t *testing.T, in string) *document.Document {
	t.Helper()
	docs, err := document.ParseYAML([]byte(in))
	if err != nil {
		t.Fatalf("ParseYAML: %v", err)
	}
	if len(docs) != 1 {
		t.Fatalf("ParseYAML returned %d documents, want 1", len(docs))
	}
	return docs[0]
}

func TestParseYAMLValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string // JSON
	}{
		{"block mapping", "family: web\ncpu: 256\nessential: true\n", `{"family": "web", "cpu": 256, "essential": true}`},
		{"JSON is YAML", `{"family": "web", "containerDefinitions": [{"name": "app", "cpu": 256}]}`, `{"family": "web", "containerDefinitions": [{"name": "app", "cpu": 256}]}`},
		{"integers", "[0, -7, +12, 0x1F, 0o17, 1_000, 9223372036854775807, 18446744073709551615]", `[0, -7, 12, 31, 15, 1000, 9223372036854775807, 18446744073709551615]`},
		{"floats", "[1.5, -0.25, 1e3, 6.02e+23, .5, 1.0]", `[1.5, -0.25, 1000, 6.02e+23, 0.5, 1]`},
		{"infinities and NaN stay text", "[.inf, -.Inf, +.INF, .nan, .NaN]", `[".inf", "-.Inf", "+.INF", ".nan", ".NaN"]`},
		{"booleans (YAML 1.2)", "[true, false, True, FALSE, yes, no, on, off]", `[true, false, true, false, "yes", "no", "on", "off"]`},
		{"nulls", "a: null\nb: ~\nc:\nd: Null\n", `{"a": null, "b": null, "c": null, "d": null}`},
		{"timestamps stay strings", "[2001-12-14, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10 -5]", `["2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5"]`},
		{"quoted scalars are strings", `["123", '1.5', "true", 'null', !!str 42]`, `["123", "1.5", "true", "null", "42"]`},
		{"explicit tags", `[!!int "42", !!float "1", !!bool "true", !!null "", !!binary aGk=]`, `[42, 1, true, null, "aGk="]`},
		{"custom tags keep the text", "bucket: !Ref MyBucket\narn: !GetAtt [Role, Arn]\n", `{"bucket": "MyBucket", "arn": ["Role", "Arn"]}`},
		{"block scalars", "a: |\n  line1\n  line2\nb: >\n  folded\n  text\n", `{"a": "line1\nline2\n", "b": "folded text\n"}`},
		{"escapes", `"\u00e9\t\x41\U0001F600"`, `"é\tA😀"`},
		{"empty containers", "a: {}\nb: []\n", `{"a": {}, "b": []}`},
		{"top-level scalar", "42", `42`},
		{"top-level string", "hello world", `"hello world"`},
		{"byte order mark", bom + "a: 1\n", `{"a": 1}`},
		{"comments", "# head\na: 1 # trailing\n# tail\n", `{"a": 1}`},
		{"non-string keys become strings", "1: one\ntrue: yes\nnull: x\n1.5: y\n", `{"1": "one", "true": "yes", "null": "x", "1.5": "y"}`},
		{"keys with pointer characters", "a/b: 1\nm~n: 2\n'': 3\n", `{"a/b": 1, "m~n": 2, "": 3}`},
		{"duplicate keys: last wins", "a: 1\na: {x: 2}\na: [3]\n", `{"a": [3]}`},
		{"aliases", "base: &b {image: nginx, cpu: 256}\nx: *b\ny: [*b, *b]\n",
			`{"base": {"image": "nginx", "cpu": 256}, "x": {"image": "nginx", "cpu": 256}, "y": [{"image": "nginx", "cpu": 256}, {"image": "nginx", "cpu": 256}]}`},
		{"scalar alias", "a: &v 3\nb: *v\n", `{"a": 3, "b": 3}`},
		{"merge key", "base: &b {image: nginx, cpu: 256}\napp:\n  <<: *b\n  cpu: 512\n",
			`{"base": {"image": "nginx", "cpu": 256}, "app": {"image": "nginx", "cpu": 512}}`},
		{"explicit key before the merge still wins", "base: &b {a: 1, b: 2}\nm:\n  b: 3\n  <<: *b\n",
			`{"base": {"a": 1, "b": 2}, "m": {"a": 1, "b": 3}}`},
		{"merge of several mappings: earlier wins", "x: &x {a: 1, b: 1}\ny: &y {b: 2, c: 2}\nm:\n  <<: [*x, *y]\n  c: 3\n",
			`{"x": {"a": 1, "b": 1}, "y": {"b": 2, "c": 2}, "m": {"a": 1, "b": 1, "c": 3}}`},
		{"merge of an inline mapping", "m:\n  <<: {a: 1, b: {c: 2}}\n  b: 2\n", `{"m": {"a": 1, "b": 2}}`},
		{"quoted << is an ordinary key", "\"<<\": {a: 1}\n", `{"<<": {"a": 1}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want, err := stdJSON([]byte(tt.want))
			if err != nil {
				t.Fatalf("bad want: %v", err)
			}
			d := parseYAML1(t, tt.in)
			if diff := diffValues(d.Value, want); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
			lines, longest := lineStats([]byte(tt.in), true)
			checkIndex(t, d, lines, longest)
		})
	}
}

func TestParseYAMLStreams(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []string // JSON, one per document
	}{
		{"empty input", "", nil},
		{"only a comment", "# nothing here\n", nil},
		{"lone separators are dropped", "---\n---\n...\n", nil},
		{"one document", "a: 1\n", []string{`{"a": 1}`}},
		{"explicit null document is kept", "--- ~\n", []string{`null`}},
		{"explicit null tag is kept", "--- !!null\n", []string{`null`}},
		{"empty string document is kept", "--- ''\n", []string{`""`}},
		{"document of comments is dropped", "a: 1\n---\n# only a comment\n", []string{`{"a": 1}`}},
		{"several documents", "--- 1\n--- [2]\n...\n---\n---\nc: 3\n", []string{`1`, `[2]`, `{"c": 3}`}},
		{"service then task definition", "serviceName: web\ndesiredCount: 2\n---\nfamily: web\ncontainerDefinitions:\n  - name: app\n",
			[]string{`{"serviceName": "web", "desiredCount": 2}`, `{"family": "web", "containerDefinitions": [{"name": "app"}]}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			docs, err := document.ParseYAML([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range docs {
				got = append(got, d.Value.String())
			}
			var want []string
			for _, w := range tt.want {
				v, err := stdJSON([]byte(w))
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, v.String())
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("documents (-want +got):\n%s", diff)
			}
		})
	}
}

// yamlPositionsDoc has block and flow collections and keys that need
// escaping in a pointer.
const yamlPositionsDoc = `family: web
containerDefinitions:
  - name: app
    image: nginx
    portMappings:
      - containerPort: 80
      - {containerPort: 443, protocol: tcp}
  - name: sidecar
"a/b": {"m~n": true}
`

func TestParseYAMLPositions(t *testing.T) {
	t.Parallel()
	d := parseYAML1(t, yamlPositionsDoc)
	at := func(l, c int) document.Range { return document.Range{Start: document.Pos{Line: l, Column: c}} }
	want := map[string]document.Range{
		"":                                       at(1, 1),
		"/family":                                at(1, 1),
		"/containerDefinitions":                  at(2, 1),
		"/containerDefinitions/0":                at(3, 5),
		"/containerDefinitions/0/name":           at(3, 5),
		"/containerDefinitions/0/image":          at(4, 5),
		"/containerDefinitions/0/portMappings":   at(5, 5),
		"/containerDefinitions/0/portMappings/0": at(6, 9),
		"/containerDefinitions/0/portMappings/0/containerPort": at(6, 9),
		"/containerDefinitions/0/portMappings/1":               at(7, 9),
		"/containerDefinitions/0/portMappings/1/containerPort": at(7, 10),
		"/containerDefinitions/0/portMappings/1/protocol":      at(7, 30),
		"/containerDefinitions/1":                              at(8, 5),
		"/containerDefinitions/1/name":                         at(8, 5),
		"/a~1b":                                                at(9, 1),
		"/a~1b/m~0n":                                           at(9, 9),
	}
	got := map[string]document.Range{}
	for _, p := range d.Pointers() {
		r, found, exact := d.Lookup(p)
		if !exact || found != p {
			t.Errorf("Lookup(%q) not exact: found %q", p, found)
		}
		got[p] = r
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}

	for _, tt := range []struct {
		ptr, found string
		start      document.Pos
	}{
		{"/containerDefinitions/1/image", "/containerDefinitions/1", document.Pos{Line: 8, Column: 5}},
		{"/containerDefinitions/0/portMappings/1/hostPort", "/containerDefinitions/0/portMappings/1", document.Pos{Line: 7, Column: 9}},
		{"/cpu", "", document.Pos{Line: 1, Column: 1}},
	} {
		r, found, exact := d.Lookup(tt.ptr)
		if found != tt.found || exact || r.Start != tt.start {
			t.Errorf("Lookup(%q) = %+v, %q, %v; want %+v, %q, not exact", tt.ptr, r.Start, found, exact, tt.start, tt.found)
		}
	}
}

func TestParseYAMLPositionsAcrossDocumentsAndMerges(t *testing.T) {
	t.Parallel()
	in := "serviceName: web\n" + // 1
		"---\n" + // 2
		"base: &b\n" + // 3
		"  image: nginx\n" + // 4
		"  cpu: 256\n" + // 5
		"app:\n" + // 6
		"  cpu: 512\n" + // 7
		"  <<: *b\n" + // 8
		"  name: app\n" // 9
	docs, err := document.ParseYAML([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2", len(docs))
	}
	at := func(l, c int) document.Range { return document.Range{Start: document.Pos{Line: l, Column: c}} }
	want := map[string]document.Range{
		"":            at(3, 1), // lines count from the start of the stream
		"/base":       at(3, 1),
		"/base/image": at(4, 3),
		"/base/cpu":   at(5, 3),
		"/app":        at(6, 1),
		"/app/cpu":    at(7, 3), // the explicit key, not the merged one
		"/app/image":  at(4, 3), // merged: where the value is written
		"/app/name":   at(9, 3),
	}
	got := map[string]document.Range{}
	for _, p := range docs[1].Pointers() {
		got[p], _, _ = docs[1].Lookup(p)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
}

func TestParseYAMLDuplicateKeysLeaveNoStalePositions(t *testing.T) {
	t.Parallel()
	d := parseYAML1(t, "a:\n  x: 1\n  y: {z: 2}\na:\n  y: 3\n")
	if diff := cmp.Diff([]string{"", "/a", "/a/y"}, d.Pointers()); diff != "" {
		t.Errorf("Pointers() (-want +got):\n%s", diff)
	}
	r, found, exact := d.Lookup("/a/x")
	if found != "/a" || exact || r.Start != (document.Pos{Line: 4, Column: 1}) {
		t.Errorf("Lookup(/a/x) = %+v, %q, %v; want the second /a at 4:1", r, found, exact)
	}
}

func TestParseYAMLErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		line    int
		col     int // 0: not checked (the library reports lines only)
		msgPart string
	}{
		{"bad indentation", "a: 1\nb:\n  c: 2\n d: 3\n", 4, 0, "did not find expected key"},
		{"unclosed flow sequence", "a: 1\nb: [1, 2\nc: 3\n", 2, 0, "did not find expected ',' or ']'"},
		{"unclosed flow mapping", "a: 1\nb: {x: 1\n", 2, 0, "did not find expected ',' or '}'"},
		{"tab indentation", "a: 1\nb:\n\tc: 2\n", 3, 0, "found character that cannot start any token"},
		{"unterminated quote", "a: 1\nb: \"unterminated\nc: 2\n", 2, 0, "found unexpected end of stream"},
		{"mapping value in a plain scalar", "a: 1\nb: c: d\n", 2, 0, "mapping values are not allowed"},
		{"sequence entry inside a mapping", "a: 1\n- b\n", 2, 0, "did not find expected key"},
		{"mapping after a sequence", "- a\n- b\nc: d\n", 3, 0, "did not find expected '-' indicator"},
		{"unknown escape", "a: 1\nb: \"bad \\q escape\"\n", 2, 0, "found unknown escape character"},
		{"reserved indicator", "a: 1\nb: @x\n", 2, 0, "found character that cannot start any token"},
		{"undefined tag handle", "a: 1\nb: 2\nc: !x!y z\n", 3, 0, "found undefined tag handle"},
		{"invalid UTF-8", "a: \xff\n", 1, 0, "invalid leading UTF-8 octet"},
		{"error in a later document", "a: 1\n---\nb: 2\nc: [\n", 5, 0, "did not find expected node content"},
		{"unknown anchor", "a: 1\nb: *nope\n", 1, 1, "unknown anchor referenced"},
		{"non-scalar key", "? [a, b]\n: 1\n", 1, 3, "mapping keys must be scalars"},
		{"alias as a key", "a: &k x\n*k : 1\n", 2, 1, "mapping keys must be scalars"},
		{"merge of a scalar", "m:\n  <<: 5\n", 2, 7, "merge key needs a mapping"},
		{"merge of a sequence of scalars", "m:\n  <<: [{a: 1}, 2]\n", 2, 16, "merge key needs a mapping"},
		{"bad explicit integer", "a: !!int twelve\n", 1, 4, "invalid integer"},
		{"bad explicit float", "a: !!float x\n", 1, 4, "invalid number"},
		{"bad explicit boolean", "a:\n  - !!bool maybe\n", 2, 5, "invalid boolean"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			docs, err := document.ParseYAML([]byte(tt.in))
			if err == nil {
				t.Fatalf("ParseYAML accepted it: %d documents", len(docs))
			}
			var se *document.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T %v is not a *SyntaxError", err, err)
			}
			if se.Pos.Line != tt.line || (tt.col != 0 && se.Pos.Column != tt.col) {
				t.Errorf("position = %d:%d, want line %d column %d (%v)", se.Pos.Line, se.Pos.Column, tt.line, tt.col, err)
			}
			if !strings.Contains(se.Msg, tt.msgPart) {
				t.Errorf("message %q does not contain %q", se.Msg, tt.msgPart)
			}
		})
	}
}

func TestParseYAMLErrorsDoNotQuoteInput(t *testing.T) {
	t.Parallel()
	tests := []string{
		"x: *" + secret + "\n",
		"key: \"" + secret + "\n",
		"key: '" + secret + "\n",
		"key: \"\\q" + secret + "\"\n",
		"!" + secret + "!x y\n",
		"key: " + secret + ": x\n",
		"a: &" + secret + " [*" + secret + "]\n",
		"<<: *" + secret + "\n",
		"a: &" + secret + " 1\n<<: *" + secret + "\n",
		"? [" + secret + "]\n: 1\n",
		"a: !!int " + secret + "\n",
		"a: !!bool " + secret + "\n",
		"a: !!float " + secret + "\n",
		"a:\n  b: " + secret + "\n c: 2\n",
		"- " + secret + "\nc: d\n",
		"k: [" + secret + "\n",
		"k: {" + secret + "\n",
		"k: \t" + secret + ": v\n",
	}
	for _, in := range tests {
		_, err := document.ParseYAML([]byte(in))
		if err == nil {
			t.Errorf("ParseYAML(%q) succeeded", in)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, secret[:2]) || strings.Contains(msg, secret[len(secret)-2:]) {
			t.Errorf("ParseYAML(%q) error quotes the input: %q", in, msg)
		}
	}
}

func TestParseYAMLDepthLimit(t *testing.T) {
	t.Parallel()
	block := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "%sa:\n", strings.Repeat(" ", i))
		}
		fmt.Fprintf(&b, "%s1\n", strings.Repeat(" ", n))
		return b.String()
	}
	tests := []struct {
		name    string
		in      string
		tooDeep bool
	}{
		{"flow at the limit", strings.Repeat("[", document.MaxDepth) + "1" + strings.Repeat("]", document.MaxDepth), false},
		{"flow one past the limit", strings.Repeat("[", document.MaxDepth+1) + "1" + strings.Repeat("]", document.MaxDepth+1), true},
		{"block at the limit", block(document.MaxDepth), false},
		{"block one past the limit", block(document.MaxDepth + 1), true},
		{"self-referencing sequence", "a: &a [*a]\n", true},
		{"self-referencing mapping", "a: &a {b: *a}\n", true},
		{"mutually referencing merges", "a: &a {b: 1}\nc: &c\n  <<: *a\n  d: *c\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			docs, err := document.ParseYAML([]byte(tt.in))
			if !tt.tooDeep {
				if err != nil {
					t.Fatalf("ParseYAML: %v", err)
				}
				lines, longest := lineStats([]byte(tt.in), true)
				checkIndex(t, docs[0], lines, longest)
				return
			}
			if !errors.Is(err, document.ErrTooDeep) {
				t.Fatalf("error = %v, want ErrTooDeep", err)
			}
			var se *document.SyntaxError
			if !errors.As(err, &se) || se.Pos.Line < 1 {
				t.Errorf("error %v is not located", err)
			}
		})
	}
}

// laughs builds the "billion laughs" document: levels of ten aliases to
// the level below, 10^levels strings once expanded.
func laughs(levels int) string {
	var b strings.Builder
	b.WriteString(`l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]` + "\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [", i, i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func TestParseYAMLAliasBomb(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
	}{
		{"billion laughs", laughs(9)},
		{"bomb in a merge key", laughs(8) + "m:\n  <<: {x: *l8}\n"},
		{"bomb in a later document", "a: 1\n---\n" + laughs(7)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			_, err := document.ParseYAML([]byte(tt.in))
			var se *document.SyntaxError
			if !errors.As(err, &se) || !strings.Contains(se.Msg, "expands to more than") {
				t.Fatalf("error = %v, want the MaxNodes limit", err)
			}
			if errors.Is(err, document.ErrTooDeep) {
				t.Errorf("error %v blames depth, not size", err)
			}
			t.Logf("rejected in %v: %v", time.Since(start), err)
		})
	}
}
