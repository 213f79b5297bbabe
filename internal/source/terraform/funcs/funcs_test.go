package funcs_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/ecslint/ecslint/internal/source/terraform/funcs"
)

// dirFiles reads files relative to a directory, as the root module's
// working directory.
type dirFiles string

func (d dirFiles) Read(name string) ([]byte, error) {
	if filepath.IsAbs(name) {
		return nil, errors.New("absolute path")
	}
	return os.ReadFile(filepath.Join(string(d), name))
}

// eval evaluates one HCL expression with the function table.
func eval(t *testing.T, table map[string]function.Function, expr string) (cty.Value, error) {
	t.Helper()
	e, diags := hclsyntax.ParseExpression([]byte(expr), "test.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("parse %s: %s", expr, diags.Error())
	}
	v, diags := e.Value(&hcl.EvalContext{Functions: table})
	if diags.HasErrors() {
		return cty.NilVal, errors.New(diags.Error())
	}
	return v, nil
}

// TestFunctions checks each function against the examples of Terraform's
// documentation (developer.hashicorp.com/terraform/language/functions),
// comparing values through their JSON form; want "error" expects an
// evaluation error, "unknown" an unknown value.
func TestFunctions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"hello.txt":      "Hello World",
		"backends.tftpl": "%{ for addr in ip_addrs ~}\nbackend ${addr}:${port}\n%{ endfor ~}\n",
		"task.json":      `{"family": "web"}`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	table := funcs.Table(dirFiles(dir))
	tests := []struct{ expr, want string }{
		// file reading, relative to the root
		{`file("hello.txt")`, `"Hello World"`},
		{`file("missing.txt")`, "error"},
		{`fileexists("hello.txt")`, `true`},
		{`fileexists("missing.txt")`, `false`},
		{`filebase64("hello.txt")`, `"SGVsbG8gV29ybGQ="`},
		{`filemd5("hello.txt")`, `"b10a8db164e0754105b7a99be72e3fe5"`},
		{`filesha256("hello.txt")`, `"a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e"`},
		{`templatefile("backends.tftpl", { port = 8080, ip_addrs = ["10.0.0.1", "10.0.0.2"] })`, `"backend 10.0.0.1:8080\nbackend 10.0.0.2:8080\n"`},
		{`templatefile("backends.tftpl", { port = 8080 })`, "error"},
		{`jsondecode(file("task.json")).family`, `"web"`},
		// encodings
		{`jsonencode({"hello"="world"})`, `"{\"hello\":\"world\"}"`},
		{`jsondecode("{\"hello\": \"world\"}")`, `{"hello":"world"}`},
		{`jsondecode("true")`, `true`},
		{`yamlencode({"a":"b", "c":"d"})`, `"\"a\": \"b\"\n\"c\": \"d\"\n"`},
		{`yamlencode({"foo":[1, 2, 3], "bar": "baz"})`, `"\"bar\": \"baz\"\n\"foo\":\n- 1\n- 2\n- 3\n"`},
		{`yamlencode({"foo":[1, {"a":"b","c":"d"}, 3], "bar": "baz"})`, `"\"bar\": \"baz\"\n\"foo\":\n- 1\n- \"a\": \"b\"\n  \"c\": \"d\"\n- 3\n"`},
		{`yamldecode("hello: world")`, `{"hello":"world"}`},
		{`yamldecode("true")`, `true`},
		{`yamldecode("{a: &foo [1, 2, 3], b: *foo}")`, `{"a":[1,2,3],"b":[1,2,3]}`},
		{`yamldecode("{a: &foo [1, *foo, 3]}")`, "error"},
		{`base64encode("Hello World")`, `"SGVsbG8gV29ybGQ="`},
		{`base64decode("SGVsbG8gV29ybGQ=")`, `"Hello World"`},
		{`base64decode("not base64!")`, "error"},
		{`urlencode("Hello World!")`, `"Hello%20World%21"`},
		{`md5("hello world")`, `"5eb63bbbe01eeed093cb22bb8f5acdc3"`},
		{`sha1("hello world")`, `"2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"`},
		// collections
		{`merge({a="b", c="d"}, {e="f", c="z"})`, `{"a":"b","c":"z","e":"f"}`},
		{`merge({a="b"}, {a=[1,2], c="z"}, {d=3})`, `{"a":[1,2],"c":"z","d":3}`},
		{`concat(["a", ""], ["b", "c"])`, `["a","","b","c"]`},
		{`flatten([["a", "b"], [], ["c"]])`, `["a","b","c"]`},
		{`flatten([[["a", "b"], []], ["c"]])`, `["a","b","c"]`},
		{`lookup({a="ay", b="bee"}, "a", "what?")`, `"ay"`},
		{`lookup({a="ay", b="bee"}, "c", "what?")`, `"what?"`},
		{`lookup({a="ay"}, "c", null)`, `null`},
		{`lookup({a="ay"}, "c")`, "error"},
		{`one([])`, `null`},
		{`one(["hello"])`, `"hello"`},
		{`one(["hello", "goodbye"])`, "error"},
		{`one(toset(["hello"]))`, `"hello"`},
		{`sum([10, 13, 6, 4.5])`, `33.5`},
		{`sum([])`, "error"},
		{`length("hello")`, `5`},
		{`length({a = 1, b = 2})`, `2`},
		{`length(["a", "b", "c"])`, `3`},
		{`alltrue(["true", true])`, `true`},
		{`alltrue([true, false])`, `false`},
		{`anytrue([false, true])`, `true`},
		{`anytrue([])`, `false`},
		{`coalesce("a", "b")`, `"a"`},
		{`coalesce("", "b")`, `"b"`},
		{`coalesce(1, 2)`, `1`},
		{`coalesce(null, "")`, "error"},
		{`coalescelist(["a", "b"], ["c", "d"])`, `["a","b"]`},
		{`coalescelist([], ["c", "d"])`, `["c","d"]`},
		{`keys({a=1, c=2, d=3})`, `["a","c","d"]`},
		{`element(["a", "b", "c"], 3)`, `"a"`},
		{`distinct(["a", "b", "a", "c", "d", "b"])`, `["a","b","c","d"]`},
		{`list("a", "b")`, `["a","b"]`},
		{`map("a", "b", "c", "d")`, `{"a":"b","c":"d"}`},
		// strings
		{`format("Hello, %s!", "Ander")`, `"Hello, Ander!"`},
		{`format("There are %d lights", 4)`, `"There are 4 lights"`},
		{`join(", ", ["foo", "bar", "baz"])`, `"foo, bar, baz"`},
		{`split(",", "foo,bar,baz")`, `["foo","bar","baz"]`},
		{`replace("1 + 2 + 3", "+", "-")`, `"1 - 2 - 3"`},
		{`replace("hello world", "/w.*d/", "everybody")`, `"hello everybody"`},
		{`startswith("hello world", "hello")`, `true`},
		{`startswith("hello world", "world")`, `false`},
		{`endswith("hello world", "world")`, `true`},
		{`endswith("hello world", "hello")`, `false`},
		{`strcontains("hello world", "wor")`, `true`},
		{`trimspace("  hello\n\n")`, `"hello"`},
		{`trimprefix("helloworld", "hello")`, `"world"`},
		{`basename("foo/bar/baz.txt")`, `"baz.txt"`},
		{`dirname("foo/bar/baz.txt")`, `"foo/bar"`},
		// conversions
		{`tostring("hello")`, `"hello"`},
		{`tostring(1)`, `"1"`},
		{`tostring(true)`, `"true"`},
		{`tostring([])`, "error"},
		{`tonumber("1")`, `1`},
		{`tonumber("no")`, "error"},
		{`tobool("true")`, `true`},
		{`tobool("no")`, "error"},
		{`toset(["a", "b", "c", "a"])`, `["a","b","c"]`},
		{`toset(["c", "b", "b"])`, `["b","c"]`},
		{`tolist(toset(["b", "a"]))`, `["a","b"]`},
		{`tomap({"a" = 1, "b" = 2})`, `{"a":1,"b":2}`},
		// try and can
		{`try(tonumber("x"), 7)`, `7`},
		{`try({a = 1}.b, "fallback")`, `"fallback"`},
		{`can(tonumber("x"))`, `false`},
		{`can(tonumber("1"))`, `true`},
		// values ecslint must not know
		{`timestamp()`, "unknown"},
		{`uuid()`, "unknown"},
		{`cidrsubnet("10.0.0.0/16", 8, 1)`, "unknown"},
		{`sensitive("x")`, `"x"`},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			t.Parallel()
			v, err := eval(t, table, tt.expr)
			switch {
			case tt.want == "error":
				if err == nil {
					t.Errorf("= %#v, want an error", v)
				}
				return
			case err != nil:
				t.Fatalf("error: %v", err)
			case tt.want == "unknown":
				if v.IsKnown() {
					t.Errorf("= %#v, want unknown", v)
				}
				return
			}
			b, err := ctyjson.Marshal(v, v.Type())
			if err != nil {
				t.Fatalf("marshal %#v: %v", v, err)
			}
			if got := string(b); got != tt.want {
				t.Errorf("= %s, want %s", got, tt.want)
			}
		})
	}
}

// TestFunctionsWithoutFiles: file functions fail, and fileexists is
// unknown, when no files are reachable.
func TestFunctionsWithoutFiles(t *testing.T) {
	t.Parallel()
	table := funcs.Table(nil)
	if _, err := eval(t, table, `file("x")`); err == nil || !strings.Contains(err.Error(), "not available") {
		t.Errorf("file without files: %v", err)
	}
	if v, err := eval(t, table, `fileexists("x")`); err != nil || v.IsKnown() {
		t.Errorf("fileexists without files = %#v, %v; want unknown", v, err)
	}
}

// TestYAMLDecodeAliasBomb: a document whose aliases expand to ten million
// values is refused before any is built, as every YAML ecslint reads is.
func TestYAMLDecodeAliasBomb(t *testing.T) {
	t.Parallel()
	doc := `l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n`
	for i := 1; i <= 6; i++ {
		prev := fmt.Sprintf("*l%d", i-1)
		doc += fmt.Sprintf("l%d: &l%d [%s]\\n", i, i, strings.TrimSuffix(strings.Repeat(prev+", ", 10), ", "))
	}
	_, err := eval(t, funcs.Table(nil), `yamldecode("`+doc+`")`)
	if err == nil || !strings.Contains(err.Error(), "expands to more than") {
		t.Errorf("error %v, want the expansion limit", err)
	}
}
