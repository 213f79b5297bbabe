package document_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
)

// corpusEnv names a corpus directory (taskdefs/ and services/ of .json
// files, optionally cloudformation/ of YAML) whose every file seeds the
// fuzzers, on top of testdata/.
const corpusEnv = "ECSLINT_CORPUS"

// seeds returns testdata files and, when ECSLINT_CORPUS is set, corpus files
// with one of the given extensions.
func seeds(f *testing.F, exts ...string) [][]byte {
	f.Helper()
	globs := []string{"testdata"}
	if dir := os.Getenv(corpusEnv); dir != "" {
		for _, sub := range []string{"taskdefs", "services", "cloudformation"} {
			globs = append(globs, filepath.Join(dir, sub))
		}
		if _, err := os.Stat(filepath.Join(dir, "taskdefs")); err != nil {
			f.Fatalf("%s=%s: %v", corpusEnv, dir, err)
		}
	}
	var out [][]byte
	for _, g := range globs {
		for _, ext := range exts {
			files, err := filepath.Glob(filepath.Join(g, "*"+ext))
			if err != nil {
				f.Fatal(err)
			}
			for _, name := range files {
				data, err := os.ReadFile(name)
				if err != nil {
					f.Fatal(err)
				}
				out = append(out, data)
			}
		}
	}
	if len(out) == 0 {
		f.Fatal("no seed files")
	}
	return out
}

// nesting is the deepest nesting of arrays and objects in valid JSON.
func nesting(data []byte) int {
	depth, deepest := 0, 0
	inString, escaped := false, false
	for _, c := range data {
		switch {
		case escaped:
			escaped = false
		case inString:
			switch c {
			case '\\':
				escaped = true
			case '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			deepest = max(deepest, depth)
		case c == ']' || c == '}':
			depth--
		}
	}
	return deepest
}

// checkSyntaxError asserts err is a located *SyntaxError inside the input.
func checkSyntaxError(t *testing.T, err error, data []byte, yaml bool) {
	t.Helper()
	var se *document.SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("error %T %v is not a *SyntaxError", err, err)
	}
	lines, longest := lineStats(data, yaml)
	if se.Pos.Line < 1 || se.Pos.Line > lines || se.Pos.Column < 1 || se.Pos.Column > longest+1 {
		t.Fatalf("error %v outside the input's %d lines of at most %d bytes", err, lines, longest)
	}
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range seeds(f, ".json") {
		f.Add(s)
	}
	for _, s := range []string{positionsDoc, `{"a":1,"a":{"b":2}}`, `"\ud800\udc00\ud800x"`, "[1e400, -0.0E+00]", bom + "[]", "[01]", `{"a" 1}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := document.ParseJSON(data)
		if err != nil {
			checkSyntaxError(t, err, data, false)
		} else {
			lines, longest := lineStats(data, false)
			checkIndex(t, d, lines, longest)
		}

		// Agreement with encoding/json, a leading BOM being the one leniency.
		body := bytes.TrimPrefix(data, []byte(bom))
		if !json.Valid(body) {
			if err == nil {
				t.Fatalf("ParseJSON accepts input encoding/json rejects: %v", d.Value)
			}
			return
		}
		if nesting(body) > document.MaxDepth {
			if !errors.Is(err, document.ErrTooDeep) {
				t.Fatalf("input nested %d deep: error = %v, want ErrTooDeep", nesting(body), err)
			}
			return
		}
		if err != nil {
			t.Fatalf("ParseJSON rejects input encoding/json accepts: %v", err)
		}
		want, err := stdJSON(body)
		if err != nil {
			t.Fatalf("reference: %v", err)
		}
		if diff := diffValues(d.Value, want); diff != "" {
			t.Fatalf("value differs from encoding/json (-want +got):\n%s", diff)
		}
	})
}

func FuzzParseYAML(f *testing.F) {
	for _, s := range seeds(f, ".yaml", ".yml", ".json") {
		f.Add(s)
	}
	for _, s := range []string{yamlPositionsDoc, laughs(3), "a: &a [*a]\n", "x: &x {a: 1}\nm:\n  <<: [*x, {b: 2}]\n  a: 3\n", "--- 1\n--- 2\n", "a: 1\nb:\n  c: 2\n d: 3\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := document.ParseYAML(data)
		if err != nil {
			checkSyntaxError(t, err, data, true)
			return
		}
		lines, longest := lineStats(data, true)
		for _, d := range docs {
			checkIndex(t, d, lines, longest)
		}
	})
}

// resolve follows an RFC 6901 pointer through v; only canonical pointers
// (as the index writes them) resolve.
func resolve(v ast.Value, ptr string) bool {
	if ptr == "" {
		return true
	}
	if !strings.HasPrefix(ptr, "/") {
		return false
	}
	unescape := strings.NewReplacer("~1", "/", "~0", "~")
	for _, tok := range strings.Split(ptr[1:], "/") {
		if strings.Contains(strings.NewReplacer("~0", "", "~1", "").Replace(tok), "~") {
			return false // not a valid escape
		}
		switch x := v.(type) {
		case ast.Object:
			t := x.Get(ast.StringTerm(unescape.Replace(tok)))
			if t == nil {
				return false
			}
			v = t.Value
		case *ast.Array:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= x.Len() || strconv.Itoa(i) != tok {
				return false
			}
			v = x.Elem(i).Value
		default:
			return false
		}
	}
	return true
}

func FuzzLookup(f *testing.F) {
	ptrs := []string{"", "/", "/family", "/containerDefinitions/0/name", "/containerDefinitions/1/image/x",
		"/containerDefinitions/01", "/a~1b/m~0n", "/a/b", "/~2", "family", "/services/0/serviceName", "//x"}
	inputs := append(seeds(f, ".json", ".yaml"), []byte(positionsDoc), []byte(yamlPositionsDoc))
	for i, s := range inputs {
		f.Add(s, ptrs[i%len(ptrs)])
		f.Add(s, ptrs[(i+5)%len(ptrs)])
	}
	f.Fuzz(func(t *testing.T, data []byte, ptr string) {
		var docs []*document.Document
		var yaml []bool
		if d, err := document.ParseJSON(data); err == nil {
			docs, yaml = append(docs, d), append(yaml, false)
		}
		if ds, err := document.ParseYAML(data); err == nil {
			for _, d := range ds {
				docs, yaml = append(docs, d), append(yaml, true)
			}
		}
		for i, d := range docs {
			lines, longest := lineStats(data, yaml[i])
			checkIndex(t, d, lines, longest)
			indexed := map[string]bool{}
			for _, p := range d.Pointers() {
				indexed[p] = true
			}
			r, found, exact := d.Lookup(ptr)
			if exact != (found == ptr) || exact != indexed[ptr] {
				t.Fatalf("Lookup(%q): found %q, exact %v, indexed %v", ptr, found, exact, indexed[ptr])
			}
			if exact != resolve(d.Value, ptr) {
				t.Fatalf("Lookup(%q) exact = %v, but the pointer resolves: %v", ptr, exact, !exact)
			}
			if !indexed[found] {
				t.Fatalf("Lookup(%q) found %q, which is not indexed", ptr, found)
			}
			if found != "" && found != ptr && !strings.HasPrefix(ptr, found+"/") {
				t.Fatalf("Lookup(%q) found %q, not an ancestor", ptr, found)
			}
			// Nearest: nothing indexed between found and ptr.
			for p := ptr; p != found && p != ""; {
				if indexed[p] {
					t.Fatalf("Lookup(%q) found %q, but %q is indexed", ptr, found, p)
				}
				i := strings.LastIndexByte(p, '/')
				if i < 0 {
					break
				}
				p = p[:i]
			}
			if r2, _, _ := d.Lookup(found); r2 != r {
				t.Fatalf("Lookup(%q) = %+v, but Lookup(%q) = %+v", ptr, r, found, r2)
			}
		}
	})
}
