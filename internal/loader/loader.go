// Package loader reads task definition and service files (JSON or YAML,
// from paths, directory walks or stdin), finds the ECS resources in them and
// names each one. It is the first stage of the pipeline; it knows nothing
// about rules.
package loader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/validate"
)

// MaxFileSize bounds one input. The largest ECS documents (a
// describe-services page, a CloudFormation template) stay far below it.
const MaxFileSize = 32 << 20

// StdinName is how standard input is named in findings and errors.
const StdinName = "<stdin>"

// Input is a file to load: a path on disk, or stdin when Path is "-".
type Input struct {
	Path string
	// Explicit is true when the user named the file, as opposed to finding
	// it in a directory walk: a named file without any ECS document is an
	// error, a walked one is skipped silently.
	Explicit bool
}

// FileError is a failure to read or parse one input. It never carries
// input content beyond what document.SyntaxError allows.
type FileError struct {
	File string
	Line int // 0 when the error has no position
	Col  int
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Col, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// ErrNoResource is reported for an explicitly named file without any task
// definition or service in it.
var ErrNoResource = errors.New("no ECS task definition or service found")

// Expand turns the command-line paths into inputs: files as given, and
// directories walked recursively for .json, .yaml and .yml files. Hidden
// directories are skipped, and symbolic links to directories are not
// followed, so a symlink loop cannot trap the walk. Errors name the path.
func Expand(paths []string) ([]Input, []*FileError) {
	var inputs []Input
	var errs []*FileError
	for _, p := range paths {
		if p == "-" {
			inputs = append(inputs, Input{Path: "-", Explicit: true})
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &FileError{File: p, Err: cleanPathError(err)})
			continue
		}
		if !info.IsDir() {
			inputs = append(inputs, Input{Path: p, Explicit: true})
			continue
		}
		root := p
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			// WalkDir does not descend into a root that is a symbolic link;
			// a directory the user named through one is still meant to be
			// walked, and the trailing separator makes WalkDir resolve it.
			root = p + string(filepath.Separator)
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, &FileError{File: path, Err: cleanPathError(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if path != root && (strings.HasPrefix(name, ".") || name == "node_modules") {
					return fs.SkipDir
				}
				return nil
			}
			if !hasLintableExt(name) || isConfigFile(name) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				target, err := os.Stat(path)
				if err != nil {
					errs = append(errs, &FileError{File: path, Err: cleanPathError(err)})
					return nil
				}
				if target.IsDir() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			inputs = append(inputs, Input{Path: path})
			return nil
		})
		if err != nil {
			errs = append(errs, &FileError{File: p, Err: err})
		}
	}
	return inputs, errs
}

// isConfigFile is true for ecslint's own config, which a walk must not
// count as an input.
func isConfigFile(name string) bool {
	return name == ".ecslint.yaml" || name == ".ecslint.yml"
}

func hasLintableExt(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".yaml", ".yml":
		return true
	}
	return false
}

// cleanPathError drops the *PathError wrapper, whose path the FileError
// already carries.
func cleanPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Read returns the bytes of one input, refusing anything over MaxFileSize
// before reading it.
func Read(in Input, stdin io.Reader) ([]byte, error) {
	if in.Path == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		data, err := io.ReadAll(io.LimitReader(stdin, MaxFileSize+1))
		if err != nil {
			return nil, err
		}
		if len(data) > MaxFileSize {
			return nil, fmt.Errorf("input is larger than the %d MiB limit", MaxFileSize>>20)
		}
		return data, nil
	}
	f, err := os.Open(in.Path)
	if err != nil {
		return nil, cleanPathError(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, cleanPathError(err)
	}
	if info.IsDir() {
		return nil, errors.New("is a directory")
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("file is %s, larger than the %d MiB limit", humanSize(info.Size()), MaxFileSize>>20)
	}
	// Size may be 0 for special files: read with the limit all the same.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, cleanPathError(err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("file is larger than the %d MiB limit", MaxFileSize>>20)
	}
	return data, nil
}

func humanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatInt(n, 10) + " B"
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// Parse parses data as JSON or YAML (by extension, else by content) and
// returns the ECS resources in it. name is used for errors and findings.
func Parse(name string, data []byte) ([]*Resource, error) {
	docs, format, err := parseDocuments(name, data)
	if err != nil {
		var se *document.SyntaxError
		if errors.As(err, &se) {
			return nil, &FileError{File: name, Line: se.Pos.Line, Col: se.Pos.Column, Err: errors.New(se.Msg)}
		}
		return nil, &FileError{File: name, Err: err}
	}
	var out []*Resource
	for i, d := range docs {
		for _, f := range detect(d.Value) {
			value, problems := validate.Resource(f.kind, f.value, validate.Options{})
			out = append(out, &Resource{
				Kind:     f.kind,
				Name:     resourceName(f, name),
				Value:    value,
				File:     name,
				Format:   format,
				Pointer:  f.pointer,
				Doc:      d,
				DocIndex: i,
				Problems: append(problems, validate.Duplicates(d, f.pointer, f.value)...),
			})
		}
	}
	return out, nil
}

func parseDocuments(name string, data []byte) ([]*document.Document, string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	isJSON := ext == ".json"
	if ext != ".json" && ext != ".yaml" && ext != ".yml" {
		trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
		isJSON = len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
	}
	if isJSON {
		d, err := document.ParseJSON(data)
		if err != nil {
			return nil, "", err
		}
		return []*document.Document{d}, "ecs-json", nil
	}
	// Raw task definition and service YAML is what `aws ecs ...
	// --cli-input-yaml` reads: its scalars are read as the CLI reads them.
	docs, err := document.ParseYAMLWith(data, document.YAMLOptions{Scalars: document.ScalarsAWSCLI})
	return docs, "ecs-yaml", err
}

// resourceName picks the name a user recognises: family:revision or the
// family for task definitions, the service name for services, else the ARN,
// else the file.
func resourceName(f found, file string) string {
	obj := f.value
	switch f.kind {
	case KindTaskDefinition:
		if fam, ok := GetString(obj, "family"); ok && fam != "" {
			if rev := obj.Get(ast.StringTerm("revision")); rev != nil {
				if n, ok := rev.Value.(ast.Number); ok {
					return fam + ":" + n.String()
				}
			}
			return fam
		}
		if arn, ok := GetString(obj, "taskDefinitionArn"); ok && arn != "" {
			return arn
		}
	case KindService:
		if n, ok := GetString(obj, "serviceName"); ok && n != "" {
			return n
		}
		if arn, ok := GetString(obj, "serviceArn"); ok && arn != "" {
			return arn
		}
	}
	base := filepath.Base(file)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Kinds reads and parses inputs and reports which resource kinds they
// hold, so that a short run compiles only the rules it can use. Inputs
// that cannot be read or parsed are left for the real pass to report;
// stdin cannot be read twice, so its presence means every kind.
func Kinds(inputs []Input) map[string]bool {
	kinds := map[string]bool{}
	for _, in := range inputs {
		if in.Path == "-" {
			return map[string]bool{KindTaskDefinition: true, KindService: true}
		}
		data, err := Read(in, nil)
		if err != nil {
			continue
		}
		rs, err := Parse(in.Path, data)
		if err != nil {
			continue
		}
		for _, r := range rs {
			kinds[r.Kind] = true
		}
	}
	return kinds
}
