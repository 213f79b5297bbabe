package files_test

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

	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/files"
)

const secret = "AKIAIOSFODNN7EXAMPLE"

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
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
			rs, err := files.Parse(name, readTestdata(t, tt.file))
			if err == nil {
				t.Fatalf("Parse succeeded with %d documents", len(rs.Docs))
			}
			var fe *source.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %v is not a *source.Error", err, err)
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
		err  *source.Error
		want string
	}{
		{&source.Error{File: "a.json", Line: 3, Col: 7, Err: inner}, "a.json:3:7: boom"},
		{&source.Error{File: "a.json", Err: inner}, "a.json: boom"},
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
	Inputs  []files.Input
	Skipped []string
	Errors  []string // "file: error"
}

func expand(paths ...string) expandResult {
	ex := files.Expand(paths)
	res := expandResult{Inputs: ex.Inputs, Skipped: ex.Skipped}
	for _, e := range ex.Errors {
		res.Errors = append(res.Errors, e.Error())
	}
	return res
}

func TestExpandWalksDirectories(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"a.json":                       "{}",
		"b.yaml":                       "",
		"c.yml":                        "",
		"D.JSON":                       "{}",
		"notes.txt":                    "",
		"README.md":                    "",
		"Makefile":                     "",
		"json":                         "",
		"sub/e.json":                   "{}",
		"sub/deeper/f.yaml":            "",
		".hidden/g.json":               "{}",
		"sub/.git/h.json":              "{}",
		"node_modules/i.json":          "{}",
		"sub/node_modules/j.yml":       "",
		".aws/task-definition.json":    "{}",
		"sub/g.template":               "",
		"tf/main.tf":                   "",
		"tf/vars.tf":                   "",
		"tf/ecs.tf.json":               "{}",
		".terraform/modules/x/main.tf": "",
	})
	in := func(rel string) files.Input { return files.Input{Path: filepath.Join(root, filepath.FromSlash(rel))} }

	// Links: a loop back to the root, a directory behind a lintable name, a
	// file link, a link to itself and one to nothing.
	symlink(t, root, filepath.Join(root, "sub", "loop"))
	symlink(t, filepath.Join(root, "sub"), filepath.Join(root, "dirlink.json"))
	symlink(t, "a.json", filepath.Join(root, "link.json"))
	symlink(t, "self.json", filepath.Join(root, "self.json"))
	symlink(t, "missing.yaml", filepath.Join(root, "dangling.yaml"))

	got := expand(root)
	want := expandResult{
		Inputs: []files.Input{
			in(".aws/task-definition.json"), in(".hidden/g.json"),
			in("D.JSON"), in("a.json"), in("b.yaml"), in("c.yml"), in("link.json"),
			in("sub/deeper/f.yaml"), in("sub/e.json"), in("sub/g.template"),
			{Path: filepath.Join(root, "tf"), Terraform: true},
		},
		// Version control and tool state are not walked, and said so.
		Skipped: []string{".terraform", "node_modules", "sub/.git", "sub/node_modules"},
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
		"tf/main.tf":     "",
	})
	p := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	symlink(t, p("dir"), p("dirlink"))

	tests := []struct {
		name  string
		paths []string
		want  expandResult
	}{
		{"stdin", []string{"-"}, expandResult{Inputs: []files.Input{{Path: "-", Explicit: true}}}},
		{"a named file of any extension is explicit", []string{p("notes.txt")},
			expandResult{Inputs: []files.Input{{Path: p("notes.txt"), Explicit: true}}}},
		{"a missing path is an error naming it", []string{p("nope.json")},
			expandResult{Errors: []string{p("nope.json") + ": " + syscall.ENOENT.Error()}}},
		{"a named hidden directory is walked", []string{p(".hidden")},
			expandResult{Inputs: []files.Input{{Path: p(".hidden/c.yaml")}}}},
		{"a named .tf file stands for its module", []string{p("tf/main.tf")},
			expandResult{Inputs: []files.Input{{Path: p("tf"), Explicit: true, Terraform: true}}}},
		{"hidden files are not skipped", []string{p("dir")},
			expandResult{Inputs: []files.Input{{Path: p("dir/.b.json")}, {Path: p("dir/a.json")}}}},
		{"a directory named through a symbolic link is walked", []string{p("dirlink")},
			expandResult{Inputs: []files.Input{{Path: p("dirlink/.b.json")}, {Path: p("dirlink/a.json")}}}},
		{"arguments keep their order", []string{p("notes.txt"), "-", p("dir/a.json")},
			expandResult{Inputs: []files.Input{{Path: p("notes.txt"), Explicit: true}, {Path: "-", Explicit: true}, {Path: p("dir/a.json"), Explicit: true}}}},
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
		_, err := files.Read(sparse(t, files.MaxFileSize+1), nil)
		// The size is only known from Stat: the message that names it proves
		// the file was not read.
		if err == nil || !strings.Contains(err.Error(), "file is 32.0 MiB, larger than the 32 MiB limit") {
			t.Errorf("error = %v, want the size limit from Stat", err)
		}
	})
	t.Run("file at the limit is read", func(t *testing.T) {
		t.Parallel()
		data, err := files.Read(sparse(t, files.MaxFileSize), nil)
		if err != nil || len(data) != files.MaxFileSize {
			t.Errorf("Read = %d bytes, %v; want %d bytes", len(data), err, files.MaxFileSize)
		}
	})
	t.Run("stdin over the limit", func(t *testing.T) {
		t.Parallel()
		z := &zeros{}
		_, err := files.Read("-", z)
		if err == nil || !strings.Contains(err.Error(), "larger than the 32 MiB limit") {
			t.Errorf("error = %v, want the size limit", err)
		}
		if z.n > files.MaxFileSize+64<<10 {
			t.Errorf("read %d bytes from an endless stdin, want little more than the limit", z.n)
		}
	})
	t.Run("stdin at the limit", func(t *testing.T) {
		t.Parallel()
		data, err := files.Read("-", io.LimitReader(&zeros{}, files.MaxFileSize))
		if err != nil || len(data) != files.MaxFileSize {
			t.Errorf("Read = %d bytes, %v; want %d bytes", len(data), err, files.MaxFileSize)
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
	data, err := files.Read(small, nil)
	if err != nil || string(data) != `{"a": 1}` {
		t.Errorf("Read(small) = %q, %v", data, err)
	}
	data, err = files.Read("-", strings.NewReader("serviceName: x\n"))
	if err != nil || string(data) != "serviceName: x\n" {
		t.Errorf("Read(stdin) = %q, %v", data, err)
	}
	_, err = files.Read(filepath.Join(dir, "missing.json"), nil)
	var pe *fs.PathError
	if !errors.Is(err, fs.ErrNotExist) || errors.As(err, &pe) {
		t.Errorf("missing file: error %#v, want ErrNotExist without the path wrapper", err)
	}
	if _, err := files.Read(dir, nil); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("directory: error = %v", err)
	}
}
