package loader_test

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/loader"
)

const secret = "AKIAIOSFODNN7EXAMPLE"

// summary is what the detection tests compare for each resource.
type summary struct {
	Kind     string
	Name     string
	Pointer  string
	DocIndex int
	Format   string
}

func summarize(rs []*loader.Resource) []summary {
	var out []summary
	for _, r := range rs {
		out = append(out, summary{r.Kind, r.Name, r.Pointer, r.DocIndex, r.Format})
	}
	return out
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseDetectsResources(t *testing.T) {
	t.Parallel()
	const (
		td   = loader.KindTaskDefinition
		svc  = loader.KindService
		js   = "ecs-json"
		yaml = "ecs-yaml"
	)
	tests := []struct {
		file string
		want []summary
	}{
		{"register-task-definition.json", []summary{{td, "web", "", 0, js}}},
		{"describe-task-definition.json", []summary{{td, "hello_world:8", "/taskDefinition", 0, js}}},
		{"container-definitions.json", nil}, // a bare containerDefinitions array
		{"describe-services.json", []summary{
			{svc, "web", "/services/0", 0, js},
			{svc, "arn:aws:ecs:us-west-2:123456789012:service/default/worker", "/services/1", 0, js},
			{svc, "api", "/services/2", 0, js},
		}},
		{"create-service-output.json", []summary{{svc, "ecs-simple-service", "/service", 0, js}}},
		{"ecs-service-def.json", []summary{{svc, "ecs-service-def", "", 0, js}}}, // ecspresso: no serviceName
		{"package.json", nil},
		{"tsconfig.json", nil},
		{"cli-input.yaml", []summary{{td, "web:3", "", 0, yaml}}},
		{"stream.yaml", []summary{{svc, "web", "", 0, yaml}, {td, "web", "", 1, yaml}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			rs, err := loader.Parse(filepath.Join("testdata", tt.file), readTestdata(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, summarize(rs)); diff != "" {
				t.Errorf("resources (-want +got):\n%s", diff)
			}
			for _, r := range rs {
				if r.File != filepath.Join("testdata", tt.file) || r.Doc == nil || r.Value == nil {
					t.Errorf("resource %s: file %q, doc %v, value %v", r.Name, r.File, r.Doc, r.Value)
				}
				// The pointer names the resource in its document.
				if _, found, exact := r.Doc.Lookup(r.Pointer); !exact {
					t.Errorf("resource %s: pointer %q not in the document (nearest %q)", r.Name, r.Pointer, found)
				}
			}
		})
	}
}

func TestParseInlineShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		file  string
		in    string
		kinds []string
		ptrs  []string
	}{
		{"containerDefinitions must be an array", "x.json", `{"family": "x", "containerDefinitions": {}}`, nil, nil},
		{"task definition with an empty container list", "x.json", `{"containerDefinitions": []}`, []string{loader.KindTaskDefinition}, []string{""}},
		{"wrapper without a task definition inside", "x.json", `{"taskDefinition": {"family": "x"}}`, nil, nil},
		{"CreateService input naming its task definition", "x.json", `{"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 1}`, []string{loader.KindService}, []string{""}},
		{"services beside other keys is not describe-services", "x.json", `{"services": [{"serviceName": "a"}], "nextToken": "x"}`, nil, nil},
		{"describe-services with no services", "x.json", `{"services": [], "failures": [{"arn": "a", "reason": "MISSING"}]}`, nil, nil},
		{"non-service entries in services are skipped", "x.json", `{"services": [1, {"foo": "bar"}, {"serviceName": "b"}]}`, []string{loader.KindService}, []string{"/services/2"}},
		{"service wrapper beside other keys", "x.json", `{"service": {"serviceName": "a"}, "extra": 1}`, nil, nil},
		{"service keys without a service marker", "x.json", `{"cluster": "default", "launchType": "FARGATE"}`, nil, nil},
		{"service marker beside unknown keys", "x.json", `{"desiredCount": 1, "name": "x"}`, nil, nil},
		{"service with containerDefinitions is a task definition", "x.json", `{"serviceName": "a", "containerDefinitions": []}`, []string{loader.KindTaskDefinition}, []string{""}},
		{"service with members the SDK model added", "x.json", `{"serviceName": "web", "desiredCount": 1, "monitoring": {}, "gatewayConnectors": []}`, []string{loader.KindService}, []string{""}},
		{"top-level scalar", "x.json", `42`, nil, nil},
		{"top-level array of task definitions", "x.json", `[{"containerDefinitions": []}]`, nil, nil},
		{"extensionless JSON", "taskdef", `{"containerDefinitions": []}`, []string{loader.KindTaskDefinition}, []string{""}},
		{"stdin YAML", loader.StdinName, "serviceName: web\ndesiredCount: 1\n", []string{loader.KindService}, []string{""}},
		{"stdin JSON after a BOM", loader.StdinName, "\ufeff {\"containerDefinitions\": []}", []string{loader.KindTaskDefinition}, []string{""}},
		{".yml extension", "svc.yml", "serviceName: web\nenableExecuteCommand: true\n", []string{loader.KindService}, []string{""}},
		{"JSON in a .yaml file", "td.yaml", `{"containerDefinitions": [{"name": "a"}]}`, []string{loader.KindTaskDefinition}, []string{""}},
		{"upper-case extension", "TD.JSON", `{"containerDefinitions": []}`, []string{loader.KindTaskDefinition}, []string{""}},
		{"empty YAML", "empty.yaml", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs, err := loader.Parse(tt.file, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var kinds, ptrs []string
			for _, r := range rs {
				kinds = append(kinds, r.Kind)
				ptrs = append(ptrs, r.Pointer)
			}
			if diff := cmp.Diff(tt.kinds, kinds); diff != "" {
				t.Errorf("kinds (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.ptrs, ptrs); diff != "" {
				t.Errorf("pointers (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseMovesDescribeTagsIntoTheTaskDefinition(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		tags string
	}{
		{"tags beside the task definition move in",
			`{"taskDefinition": {"family": "a", "containerDefinitions": []}, "tags": [{"key": "k", "value": "outer"}]}`,
			`[{"key": "k", "value": "outer"}]`},
		{"tags inside win",
			`{"taskDefinition": {"family": "a", "containerDefinitions": [], "tags": [{"key": "k", "value": "inner"}]}, "tags": [{"key": "k", "value": "outer"}]}`,
			`[{"key": "k", "value": "inner"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs, err := loader.Parse("td.json", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 1 {
				t.Fatalf("got %d resources, want 1", len(rs))
			}
			tags := rs[0].Value.Get(ast.StringTerm("tags"))
			want := ast.MustParseTerm(tt.tags)
			if tags == nil || !tags.Equal(want) {
				t.Errorf("tags = %v, want %v", tags, want)
			}
			// The document itself is not modified.
			inner := rs[0].Doc.Value.(ast.Object).Get(ast.StringTerm("taskDefinition")).Value.(ast.Object)
			if tt.name == "tags beside the task definition move in" && inner.Get(ast.StringTerm("tags")) != nil {
				t.Errorf("the parsed document was modified: %v", inner)
			}
		})
	}
}

func TestParseNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		file string
		in   string
		want string
	}{
		{"family and revision", "a.json", `{"family": "web", "revision": 12, "containerDefinitions": []}`, "web:12"},
		{"family alone", "a.json", `{"family": "web", "containerDefinitions": []}`, "web"},
		{"revision that is not a number", "a.json", `{"family": "web", "revision": "12", "containerDefinitions": []}`, "web"},
		{"task definition ARN without family", "a.json",
			`{"taskDefinitionArn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:4", "containerDefinitions": []}`,
			"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:4"},
		{"empty family falls back to the file", "dir/td.prod.json", `{"family": "", "containerDefinitions": []}`, "td.prod"},
		{"task definition with neither", "deploy/taskdef.json", `{"containerDefinitions": []}`, "taskdef"},
		{"service name", "a.json", `{"serviceName": "api", "serviceArn": "arn:aws:ecs:eu-west-1:1:service/c/api2"}`, "api"},
		{"service ARN", "a.json", `{"serviceArn": "arn:aws:ecs:eu-west-1:1:service/c/api2"}`, "arn:aws:ecs:eu-west-1:1:service/c/api2"},
		{"service with neither", "svc/ecs-service-def.yml", "desiredCount: 2\nlaunchType: FARGATE\n", "ecs-service-def"},
		{"stdin", loader.StdinName, `{"containerDefinitions": []}`, "<stdin>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs, err := loader.Parse(tt.file, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 1 {
				t.Fatalf("got %d resources, want 1", len(rs))
			}
			if rs[0].Name != tt.want {
				t.Errorf("name = %q, want %q", rs[0].Name, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file      string
		line, col int
	}{
		{"broken.json", 6, 3},
		// The YAML library points at the sequence the bad line breaks.
		{"broken.yaml", 3, 1},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			name := filepath.Join("testdata", tt.file)
			rs, err := loader.Parse(name, readTestdata(t, tt.file))
			if err == nil {
				t.Fatalf("Parse succeeded with %d resources", len(rs))
			}
			var fe *loader.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %v is not a *FileError", err, err)
			}
			if fe.File != name || fe.Line != tt.line || fe.Col != tt.col {
				t.Errorf("error at %s:%d:%d, want %s:%d:%d (%v)", fe.File, fe.Line, fe.Col, name, tt.line, tt.col, err)
			}
			if !strings.HasPrefix(err.Error(), name+":") {
				t.Errorf("message %q does not start with the file name", err)
			}
			if strings.Contains(err.Error(), secret[:4]) {
				t.Errorf("message %q quotes the file", err)
			}
		})
	}
}

func TestFileErrorFormat(t *testing.T) {
	t.Parallel()
	inner := errors.New("boom")
	tests := []struct {
		err  *loader.FileError
		want string
	}{
		{&loader.FileError{File: "a.json", Line: 3, Col: 7, Err: inner}, "a.json:3:7: boom"},
		{&loader.FileError{File: "a.json", Err: inner}, "a.json: boom"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.err, inner) {
			t.Errorf("%v does not unwrap to its cause", tt.err)
		}
	}
}

// writeTree creates files (path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links unavailable: %v", err)
	}
}

type expandResult struct {
	Inputs []loader.Input
	Errors []string // "file: error"
}

func expand(paths ...string) expandResult {
	inputs, errs := loader.Expand(paths)
	var res expandResult
	res.Inputs = inputs
	for _, e := range errs {
		res.Errors = append(res.Errors, e.Error())
	}
	return res
}

func TestExpandWalksDirectories(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"a.json":                 "{}",
		"b.yaml":                 "",
		"c.yml":                  "",
		"D.JSON":                 "{}",
		"notes.txt":              "",
		"README.md":              "",
		"Makefile":               "",
		"json":                   "",
		"sub/e.json":             "{}",
		"sub/deeper/f.yaml":      "",
		".hidden/g.json":         "{}",
		"sub/.git/h.json":        "{}",
		"node_modules/i.json":    "{}",
		"sub/node_modules/j.yml": "",
	})
	in := func(rel string) loader.Input { return loader.Input{Path: filepath.Join(root, filepath.FromSlash(rel))} }

	// Links: a loop back to the root, a directory behind a lintable name, a
	// file link, a link to itself and one to nothing.
	symlink(t, root, filepath.Join(root, "sub", "loop"))
	symlink(t, filepath.Join(root, "sub"), filepath.Join(root, "dirlink.json"))
	symlink(t, "a.json", filepath.Join(root, "link.json"))
	symlink(t, "self.json", filepath.Join(root, "self.json"))
	symlink(t, "missing.yaml", filepath.Join(root, "dangling.yaml"))

	got := expand(root)
	want := expandResult{
		Inputs: []loader.Input{
			in("D.JSON"), in("a.json"), in("b.yaml"), in("c.yml"), in("link.json"),
			in("sub/deeper/f.yaml"), in("sub/e.json"),
		},
		Errors: []string{
			filepath.Join(root, "dangling.yaml") + ": " + syscall.ENOENT.Error(),
			filepath.Join(root, "self.json") + ": " + syscall.ELOOP.Error(),
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Expand (-want +got):\n%s", diff)
	}
}

func TestExpandArguments(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"dir/a.json":     "{}",
		"dir/.b.json":    "{}",
		"notes.txt":      "",
		".hidden/c.yaml": "",
	})
	p := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	symlink(t, p("dir"), p("dirlink"))

	tests := []struct {
		name  string
		paths []string
		want  expandResult
	}{
		{"stdin", []string{"-"}, expandResult{Inputs: []loader.Input{{Path: "-", Explicit: true}}}},
		{"a named file of any extension is explicit", []string{p("notes.txt")},
			expandResult{Inputs: []loader.Input{{Path: p("notes.txt"), Explicit: true}}}},
		{"a missing path is an error naming it", []string{p("nope.json")},
			expandResult{Errors: []string{p("nope.json") + ": " + syscall.ENOENT.Error()}}},
		{"a named hidden directory is walked", []string{p(".hidden")},
			expandResult{Inputs: []loader.Input{{Path: p(".hidden/c.yaml")}}}},
		{"hidden files are not skipped", []string{p("dir")},
			expandResult{Inputs: []loader.Input{{Path: p("dir/.b.json")}, {Path: p("dir/a.json")}}}},
		{"a directory named through a symbolic link is walked", []string{p("dirlink")},
			expandResult{Inputs: []loader.Input{{Path: p("dirlink/.b.json")}, {Path: p("dirlink/a.json")}}}},
		{"arguments keep their order", []string{p("notes.txt"), "-", p("dir/a.json")},
			expandResult{Inputs: []loader.Input{{Path: p("notes.txt"), Explicit: true}, {Path: "-", Explicit: true}, {Path: p("dir/a.json"), Explicit: true}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, expand(tt.paths...)); diff != "" {
				t.Errorf("Expand(%q) (-want +got):\n%s", tt.paths, diff)
			}
		})
	}
}

// sparse creates a file of the given size without writing its bytes.
func sparse(t *testing.T, size int64) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	return name
}

// zeros is an endless reader of zero bytes that counts what it hands out.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	clear(p)
	z.n += int64(len(p))
	return len(p), nil
}

func TestReadLimits(t *testing.T) {
	t.Parallel()
	t.Run("file over the limit is refused before reading", func(t *testing.T) {
		t.Parallel()
		_, err := loader.Read(loader.Input{Path: sparse(t, loader.MaxFileSize+1)}, nil)
		// The size is only known from Stat: the message that names it proves
		// the file was not read.
		if err == nil || !strings.Contains(err.Error(), "file is 32.0 MiB, larger than the 32 MiB limit") {
			t.Errorf("error = %v, want the size limit from Stat", err)
		}
	})
	t.Run("file at the limit is read", func(t *testing.T) {
		t.Parallel()
		data, err := loader.Read(loader.Input{Path: sparse(t, loader.MaxFileSize)}, nil)
		if err != nil || len(data) != loader.MaxFileSize {
			t.Errorf("Read = %d bytes, %v; want %d bytes", len(data), err, loader.MaxFileSize)
		}
	})
	t.Run("stdin over the limit", func(t *testing.T) {
		t.Parallel()
		z := &zeros{}
		_, err := loader.Read(loader.Input{Path: "-"}, z)
		if err == nil || !strings.Contains(err.Error(), "larger than the 32 MiB limit") {
			t.Errorf("error = %v, want the size limit", err)
		}
		if z.n > loader.MaxFileSize+64<<10 {
			t.Errorf("read %d bytes from an endless stdin, want little more than the limit", z.n)
		}
	})
	t.Run("stdin at the limit", func(t *testing.T) {
		t.Parallel()
		data, err := loader.Read(loader.Input{Path: "-"}, io.LimitReader(&zeros{}, loader.MaxFileSize))
		if err != nil || len(data) != loader.MaxFileSize {
			t.Errorf("Read = %d bytes, %v; want %d bytes", len(data), err, loader.MaxFileSize)
		}
	})
}

func TestReadErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	small := filepath.Join(dir, "small.json")
	if err := os.WriteFile(small, []byte(`{"a": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := loader.Read(loader.Input{Path: small}, nil)
	if err != nil || string(data) != `{"a": 1}` {
		t.Errorf("Read(small) = %q, %v", data, err)
	}
	data, err = loader.Read(loader.Input{Path: "-"}, strings.NewReader("serviceName: x\n"))
	if err != nil || string(data) != "serviceName: x\n" {
		t.Errorf("Read(stdin) = %q, %v", data, err)
	}
	_, err = loader.Read(loader.Input{Path: filepath.Join(dir, "missing.json")}, nil)
	var pe *fs.PathError
	if !errors.Is(err, fs.ErrNotExist) || errors.As(err, &pe) {
		t.Errorf("missing file: error %#v, want ErrNotExist without the path wrapper", err)
	}
	if _, err := loader.Read(loader.Input{Path: dir}, nil); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("directory: error = %v", err)
	}
}

// TestParseYAMLAsTheAWSCLI reads raw YAML as `aws ecs ... --cli-input-yaml`
// does: `yes` is a string unless the file declares YAML 1.1, and a string
// where AWS has a boolean is a problem, taken out of the value.
func TestParseYAMLAsTheAWSCLI(t *testing.T) {
	t.Parallel()
	const body = "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx\n    privileged: yes\n    memory: 0512\n"
	for _, tt := range []struct {
		header, privileged, memory string
		problems                   []string
	}{
		{"", "", "512", []string{"containerDefinitions[0].privileged must be a boolean, not a string"}},
		{"%YAML 1.1\n---\n", "true", "330", nil},
	} {
		rs, err := loader.Parse("td.yaml", []byte(tt.header+body))
		if err != nil || len(rs) != 1 {
			t.Fatalf("%q: %d resources, %v", tt.header, len(rs), err)
		}
		c := rs[0].Value.Get(ast.StringTerm("containerDefinitions")).Value.(*ast.Array).Elem(0).Value.(ast.Object)
		got := ""
		if p := c.Get(ast.StringTerm("privileged")); p != nil {
			got = p.Value.String()
		}
		if got != tt.privileged {
			t.Errorf("%q: privileged = %q, want %q", tt.header, got, tt.privileged)
		}
		if got := c.Get(ast.StringTerm("memory")).Value.String(); got != tt.memory {
			t.Errorf("%q: memory = %s, want %s", tt.header, got, tt.memory)
		}
		var problems []string
		for _, p := range rs[0].Problems {
			problems = append(problems, p.Message)
		}
		if diff := cmp.Diff(tt.problems, problems); diff != "" {
			t.Errorf("%q: problems (-want +got):\n%s", tt.header, diff)
		}
	}
}
