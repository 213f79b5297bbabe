package document_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ecslint/ecslint/internal/document"
)

const bom = "\xef\xbb\xbf"

func TestParseJSONAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	var wide strings.Builder // more keys than the quadratic duplicate check handles
	wide.WriteString("{")
	for i := range 40 {
		fmt.Fprintf(&wide, `"k%d": %d, `, i, i)
	}
	wide.WriteString(`"k7": "last"}`)

	tests := []struct {
		name string
		in   string
	}{
		{"empty object", `{}`},
		{"empty array", `[]`},
		{"empty string", `""`},
		{"empty containers nested", `{"a": {}, "b": [], "c": [{}, []], "d": [[[]]]}`},
		{"literals", `[true, false, null]`},
		{"zero", `0`},
		{"negative zero", `-0`},
		{"integer", `1234567890`},
		{"big integer keeps its digits", `123456789012345678901234567890`},
		{"fraction", `-12.50`},
		{"exponent", `1e10`},
		{"exponent upper case and sign", `[1E+2, 1e-7, -2.5E-03, 0e0, 0.0e-0]`},
		{"exponent beyond float64", `1e400`},
		{"simple escapes", `"\"\\\/\b\f\n\r\t"`},
		{"unicode escapes", `"\u00e9\u4E2D\u0000\u001f"`},
		{"surrogate pair", `"\ud83d\ude00"`},
		{"surrogate pair upper case", `"\uD83D\uDE00!"`},
		{"lone high surrogate", `"\ud800"`},
		{"lone high surrogate at end of string", `"x\ud800"`},
		{"lone low surrogate", `"\udc00x"`},
		{"high surrogate then ordinary escape", `"\ud800\u0041"`},
		{"high surrogate twice then low", `"\ud800\ud800\udc00"`},
		{"high surrogate then bad escape text", `"\ud800\\u0041"`},
		{"raw UTF-8", `"é中😀"`},
		{"DEL is allowed raw", "\"a\x7fb\""},
		{"invalid UTF-8 byte", "\"a\xffb\""},
		{"truncated UTF-8 sequence", "\"\xe2\x82\""},
		{"UTF-8 encoded surrogate", "\"\xed\xa0\x80\""},
		{"overlong UTF-8", "\"\xc0\xaf\""},
		{"invalid UTF-8 beside escapes", "\"\xff\\n\xe2\\u00e9\x82\""},
		{"invalid UTF-8 in a key", "{\"k\xff\": 1}"},
		{"nested", `{"a": [1, {"b": null}], "c": {"d": {"e": "f"}}}`},
		{"duplicate keys: last wins", `{"a": 1, "b": 2, "a": 3}`},
		{"duplicate keys with containers", `{"a": {"x": 1}, "a": {"y": [2]}, "a": [3]}`},
		{"duplicate keys in a wide object", wide.String()},
		{"keys with pointer characters", `{"a/b": 1, "m~n": 2, "": 3, "~1": 4}`},
		{"whitespace everywhere", " \t\r\n{ \"a\" :\t[ 1 ,\r\n2 ] } \n\t"},
		{"task definition", `{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "cpu": 256, "essential": true, "portMappings": [{"containerPort": 80}]}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want, err := stdJSON([]byte(tt.in))
			if err != nil {
				t.Fatalf("encoding/json rejects the case: %v", err)
			}
			d, err := document.ParseJSON([]byte(tt.in))
			if err != nil {
				t.Fatalf("ParseJSON: %v", err)
			}
			if diff := diffValues(d.Value, want); diff != "" {
				t.Errorf("value differs from encoding/json (-want +got):\n%s", diff)
			}
			lines, longest := lineStats([]byte(tt.in), false)
			checkIndex(t, d, lines, longest)

			// A leading byte order mark is the one leniency over encoding/json.
			d, err = document.ParseJSON([]byte(bom + tt.in))
			if err != nil {
				t.Fatalf("ParseJSON after a BOM: %v", err)
			}
			if diff := diffValues(d.Value, want); diff != "" {
				t.Errorf("value after a BOM differs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseJSONDuplicateKeysLeaveNoStalePositions(t *testing.T) {
	t.Parallel()
	in := "{\n" +
		`  "a": {"x": 1, "y": {"z": 2}},` + "\n" +
		`  "a": {"y": 3}` + "\n" +
		"}"
	d, err := document.ParseJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"", "/a", "/a/y"}
	if diff := cmp.Diff(want, d.Pointers()); diff != "" {
		t.Errorf("Pointers() (-want +got):\n%s", diff)
	}
	// The replaced member's /a/x must fall back to /a, which is the second one.
	r, found, exact := d.Lookup("/a/x")
	if found != "/a" || exact || r.Start != (document.Pos{Line: 3, Column: 3}) {
		t.Errorf("Lookup(/a/x) = %+v, %q, %v; want the second /a at 3:3, not exact", r, found, exact)
	}
	if r, _, _ := d.Lookup("/a/y"); r.Start != (document.Pos{Line: 3, Column: 9}) {
		t.Errorf("Lookup(/a/y) starts at %+v, want 3:9", r.Start)
	}
}

func TestParseJSONSyntaxErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		line    int
		col     int
		msgPart string
	}{
		{"empty input", ``, 1, 1, "unexpected end of input"},
		{"only whitespace", "  \n ", 2, 2, "unexpected end of input"},
		{"missing comma between members", "{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, `unexpected "\"", expected ',' or '}'`},
		{"missing comma between elements", `[1 2]`, 1, 4, `expected ',' or ']'`},
		{"trailing comma in object", `{"a": 1,}`, 1, 9, "expected a string key"},
		{"trailing comma in array", "[\n  1,\n  2,\n]", 4, 1, `unexpected "]", expected a value`},
		{"missing colon", `{"a" 1}`, 1, 6, "expected ':'"},
		{"unquoted key", `{a: 1}`, 1, 2, `unexpected "a", expected a string key`},
		{"single quotes", `['a']`, 1, 2, `unexpected "'"`},
		{"unterminated string", `{"a": "abc`, 1, 11, "unexpected end of input in string"},
		{"unterminated string after escape", `"ab\`, 1, 5, "unexpected end of input in string"},
		{"unterminated object", "{\"a\": 1\n", 2, 1, "unexpected end of input, expected ',' or '}'"},
		{"unterminated array", `[1,`, 1, 4, "unexpected end of input, expected a value"},
		{"raw tab in string", "\"a\tb\"", 1, 3, "control character byte 0x09 in string"},
		{"raw newline in string", "[\n\"a\nb\"]", 2, 3, "control character byte 0x0a in string"},
		{"control character after an escape", "\"\\n\x01\"", 1, 4, "control character byte 0x01"},
		{"invalid escape", `"a\x"`, 1, 4, `invalid escape "x"`},
		{"short unicode escape", `"\u12"`, 1, 4, `invalid \u escape`},
		{"non-hex unicode escape", `"\u12G4"`, 1, 4, `invalid \u escape`},
		{"leading zero", `01`, 1, 2, `unexpected "1" after top-level value`},
		{"leading zeros in array", `[00]`, 1, 3, `unexpected "0", expected ',' or ']'`},
		{"negative leading zero", `-01`, 1, 3, `unexpected "1"`},
		{"lone minus", `-`, 1, 2, "invalid number"},
		{"plus sign", `+1`, 1, 1, `unexpected "+", expected a value`},
		{"leading dot", `.5`, 1, 1, `unexpected "."`},
		{"trailing dot", `1.`, 1, 3, "expected a digit after '.'"},
		{"empty exponent", `[1e]`, 1, 4, "expected a digit in the exponent"},
		{"exponent sign only", `1e+`, 1, 4, "expected a digit in the exponent"},
		{"hex number", `0x10`, 1, 2, `unexpected "x" after top-level value`},
		{"bare word", `{"a": tru}`, 1, 7, `unexpected "t", expected a value`},
		{"capitalised literal", `True`, 1, 1, `unexpected "T"`},
		{"NaN", `[NaN]`, 1, 2, `unexpected "N"`},
		{"literal with trailing letters", `nulls`, 1, 5, `unexpected "s" after top-level value`},
		{"trailing garbage", "{}\n x", 2, 2, `unexpected "x" after top-level value`},
		{"second value", `{} {}`, 1, 4, `unexpected "{" after top-level value`},
		{"extra closing brace", `{"a": [1]}}`, 1, 11, `unexpected "}" after top-level value`},
		{"comment", "{\n  // note\n}", 2, 3, `unexpected "/"`},
		{"non-ASCII outside a string", `{é}`, 1, 2, "unexpected byte 0xc3"},
		{"CRLF line endings", "{\r\n\"a\": 1\r\n\"b\": 2}", 3, 1, `expected ',' or '}'`},
		{"BOM does not shift columns", bom + `{"a" 1}`, 1, 6, "expected ':'"},
		{"BOM twice", bom + bom + `{}`, 1, 1, "unexpected byte 0xef"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := stdJSON([]byte(tt.in)); err == nil && !strings.HasPrefix(tt.in, bom) {
				t.Fatalf("encoding/json accepts the case")
			}
			d, err := document.ParseJSON([]byte(tt.in))
			if err == nil {
				t.Fatalf("ParseJSON accepted it: %v", d.Value)
			}
			var se *document.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T %v is not a *SyntaxError", err, err)
			}
			if got, want := se.Pos, (document.Pos{Line: tt.line, Column: tt.col}); got != want {
				t.Errorf("position = %d:%d, want %d:%d (%v)", got.Line, got.Column, want.Line, want.Column, err)
			}
			if !strings.Contains(se.Msg, tt.msgPart) {
				t.Errorf("message %q does not contain %q", se.Msg, tt.msgPart)
			}
		})
	}
}

// TestParseJSONErrorsDoNotQuoteInput breaks files around a credential in
// every way the parser reports; the message may name one character at most.
func TestParseJSONErrorsDoNotQuoteInput(t *testing.T) {
	t.Parallel()
	tests := []string{
		`{"aws_access_key_id": "` + secret,
		`{"aws_access_key_id": "` + secret + "\x01\"}",
		`{"aws_access_key_id": "` + secret + `\q"}`,
		`{"aws_access_key_id": "` + secret + `\u12"}`,
		`{"aws_access_key_id": ` + secret + `}`,
		`{"aws_access_key_id" "` + secret + `"}`,
		`{"aws_access_key_id": "` + secret + `" "x": 1}`,
		`{` + secret + `: 1}`,
		`["` + secret + `",]`,
		`{"key": 1` + secret + `}`,
		`{"key": 1.` + secret + `}`,
		`{"key": 1e` + secret + `}`,
		`{} ` + secret,
		`"` + secret + `" x`,
		secret,
		"{\n  \"environment\": [\n    {\"name\": \"AWS_SECRET\", \"value\": \"" + secret + "\"}\n  ]\n  \"x\": 1\n}",
	}
	for _, in := range tests {
		_, err := document.ParseJSON([]byte(in))
		if err == nil {
			t.Errorf("ParseJSON(%q) succeeded", in)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, secret[:2]) || strings.Contains(msg, secret[len(secret)-2:]) {
			t.Errorf("ParseJSON(%q) error quotes the input: %q", in, msg)
		}
	}
}

// positionsDoc is laid out so that every position below can be counted by
// eye: columns are 1-based bytes.
const positionsDoc = `{
  "family": "web",
  "containerDefinitions": [
    {
      "name": "app",
      "portMappings": [ {"containerPort": 80}, {"containerPort": 443} ]
    },
    "x"
  ],
  "a/b": {"m~n": true},
  "": 1
}`

func TestParseJSONPositions(t *testing.T) {
	t.Parallel()
	d, err := document.ParseJSON([]byte(positionsDoc))
	if err != nil {
		t.Fatal(err)
	}
	rng := func(l1, c1, l2, c2 int) document.Range {
		return document.Range{Start: document.Pos{Line: l1, Column: c1}, End: document.Pos{Line: l2, Column: c2}}
	}
	want := map[string]document.Range{
		"":                                       rng(1, 1, 12, 1),
		"/family":                                rng(2, 3, 2, 17),
		"/containerDefinitions":                  rng(3, 3, 9, 3),
		"/containerDefinitions/0":                rng(4, 5, 7, 5),
		"/containerDefinitions/0/name":           rng(5, 7, 5, 19),
		"/containerDefinitions/0/portMappings":   rng(6, 7, 6, 71),
		"/containerDefinitions/0/portMappings/0": rng(6, 25, 6, 45),
		"/containerDefinitions/0/portMappings/0/containerPort": rng(6, 26, 6, 44),
		"/containerDefinitions/0/portMappings/1":               rng(6, 48, 6, 69),
		"/containerDefinitions/0/portMappings/1/containerPort": rng(6, 49, 6, 68),
		"/containerDefinitions/1":                              rng(8, 5, 8, 7),
		"/a~1b":                                                rng(10, 3, 10, 22),
		"/a~1b/m~0n":                                           rng(10, 11, 10, 21),
		"/":                                                    rng(11, 3, 11, 7),
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
	lines, longest := lineStats([]byte(positionsDoc), false)
	checkIndex(t, d, lines, longest)
}

func TestLookupFallsBackToAncestors(t *testing.T) {
	t.Parallel()
	d, err := document.ParseJSON([]byte(positionsDoc))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ptr   string
		found string
		exact bool
		start document.Pos
	}{
		{"", "", true, document.Pos{Line: 1, Column: 1}},
		{"/family", "/family", true, document.Pos{Line: 2, Column: 3}},
		{document.Pointer("", "containerDefinitions", 0, "portMappings", 1, "containerPort"),
			"/containerDefinitions/0/portMappings/1/containerPort", true, document.Pos{Line: 6, Column: 49}},
		{"/containerDefinitions/0/image", "/containerDefinitions/0", false, document.Pos{Line: 4, Column: 5}},
		{"/containerDefinitions/0/portMappings/1/hostPort", "/containerDefinitions/0/portMappings/1", false, document.Pos{Line: 6, Column: 48}},
		{"/containerDefinitions/7/name", "/containerDefinitions", false, document.Pos{Line: 3, Column: 3}},
		{"/containerDefinitions/1/name", "/containerDefinitions/1", false, document.Pos{Line: 8, Column: 5}},
		{"/cpu", "", false, document.Pos{Line: 1, Column: 1}},
		{document.Pointer("", "a/b", "m~n"), "/a~1b/m~0n", true, document.Pos{Line: 10, Column: 11}},
		{document.Pointer("", "a/b", "x"), "/a~1b", false, document.Pos{Line: 10, Column: 3}},
		{"/a/b", "", false, document.Pos{Line: 1, Column: 1}}, // unescaped: not the "a/b" key
		{"/", "/", true, document.Pos{Line: 11, Column: 3}},
		{"//x", "/", false, document.Pos{Line: 11, Column: 3}},
		{"/m~n", "", false, document.Pos{Line: 1, Column: 1}},
		{"family", "", false, document.Pos{Line: 1, Column: 1}}, // not a pointer at all
	}
	for _, tt := range tests {
		r, found, exact := d.Lookup(tt.ptr)
		if found != tt.found || exact != tt.exact || r.Start != tt.start {
			t.Errorf("Lookup(%q) = start %+v, found %q, exact %v; want %+v, %q, %v",
				tt.ptr, r.Start, found, exact, tt.start, tt.found, tt.exact)
		}
	}
}

func TestParseJSONDepthLimit(t *testing.T) {
	t.Parallel()
	nest := func(open, close string, n int) []byte {
		return []byte(strings.Repeat(open, n) + "1" + strings.Repeat(close, n))
	}
	tests := []struct {
		name    string
		in      []byte
		tooDeep bool
	}{
		{"arrays at the limit", nest("[", "]", document.MaxDepth), false},
		{"objects at the limit", nest(`{"a":`, "}", document.MaxDepth), false},
		{"arrays one past the limit", nest("[", "]", document.MaxDepth+1), true},
		{"objects one past the limit", nest(`{"a":`, "}", document.MaxDepth+1), true},
		{"10,000 arrays", nest("[", "]", 10_000), true},
		{"10,000 mixed", nest(`[{"a":`, "}]", 5_000), true},
		{"10,000 unclosed", []byte(strings.Repeat("[", 10_000)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := document.ParseJSON(tt.in)
			if !tt.tooDeep {
				if err != nil {
					t.Fatalf("ParseJSON: %v", err)
				}
				checkIndex(t, d, 1, len(tt.in))
				return
			}
			if !errors.Is(err, document.ErrTooDeep) {
				t.Fatalf("error = %v, want ErrTooDeep", err)
			}
			var se *document.SyntaxError
			if !errors.As(err, &se) || se.Pos.Line != 1 || se.Pos.Column < document.MaxDepth {
				t.Errorf("error %v does not locate the nesting", err)
			}
		})
	}
}
