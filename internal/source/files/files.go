package files

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/source"
)

// MaxFileSize bounds one input. The largest ECS documents (a
// describe-services page, a CloudFormation template) stay far below it.
const MaxFileSize = 32 << 20

// StdinName is how standard input is named in findings and errors.
const StdinName = "<stdin>"

// Input is a path to load: a file, stdin ("-"), or a directory holding
// Terraform files.
type Input struct {
	Path string
	// Explicit is true when the user named the path, as opposed to finding
	// it in a directory walk: a named file without anything ecslint reads
	// is an error, a walked one is skipped.
	Explicit bool
	// Terraform marks a directory holding .tf or .tf.json files.
	Terraform bool
}

// Expanded is what the command-line paths expand to.
type Expanded struct {
	Inputs []Input
	// Skipped lists the directories a walk did not enter (version control
	// and tool state), relative to the path walked, so a summary can say
	// what was not looked at.
	Skipped []string
	Errors  []*source.Error
}

// skipDirs are directories a walk never enters: version control and tool
// state hold copies and downloads, not the user's resources. Terraform's
// .terraform is read by the Terraform source itself, for the modules
// `terraform init` put there.
var skipDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, ".terraform": true, "node_modules": true}

// Expand turns the command-line paths into inputs: files as given, and
// directories walked recursively for .json, .yaml, .yml and .template files
// and for directories holding Terraform files. Hidden directories are
// walked (GitHub's ECS workflow keeps .aws/task-definition.json) except
// version control and tool state; symbolic links to directories are not
// followed, so a symlink loop cannot trap the walk. Errors name the path.
func Expand(paths []string) *Expanded {
	out := &Expanded{}
	tfDirs := map[string]bool{}
	for _, p := range paths {
		if p == "-" {
			out.Inputs = append(out.Inputs, Input{Path: "-", Explicit: true})
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			out.Errors = append(out.Errors, &source.Error{File: p, Err: cleanPathError(err)})
			continue
		}
		if !info.IsDir() {
			if isTerraform(p) {
				// A named .tf file stands for its module.
				dir := filepath.Dir(p)
				if !tfDirs[dir] {
					tfDirs[dir] = true
					out.Inputs = append(out.Inputs, Input{Path: dir, Explicit: true, Terraform: true})
				}
				continue
			}
			out.Inputs = append(out.Inputs, Input{Path: p, Explicit: true})
			continue
		}
		out.walk(p, tfDirs)
	}
	return out
}

func (out *Expanded) walk(p string, tfDirs map[string]bool) {
	root := p
	if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		// WalkDir does not descend into a root that is a symbolic link; a
		// directory the user named through one is still meant to be walked,
		// and the trailing separator makes WalkDir resolve it.
		root = p + string(filepath.Separator)
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			out.Errors = append(out.Errors, &source.Error{File: path, Err: cleanPathError(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && skipDirs[name] {
				rel, err := filepath.Rel(root, path)
				if err != nil {
					rel = path
				}
				out.Skipped = append(out.Skipped, filepath.ToSlash(rel))
				return fs.SkipDir
			}
			return nil
		}
		if isConfigFile(name) {
			return nil
		}
		tf := isTerraform(name)
		if !tf && !hasLintableExt(name) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Stat(path)
			if err != nil {
				out.Errors = append(out.Errors, &source.Error{File: path, Err: cleanPathError(err)})
				return nil
			}
			if target.IsDir() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		if tf {
			dir := filepath.Dir(path)
			if !tfDirs[dir] {
				tfDirs[dir] = true
				out.Inputs = append(out.Inputs, Input{Path: dir, Terraform: true})
			}
			return nil
		}
		out.Inputs = append(out.Inputs, Input{Path: path})
		return nil
	})
	if err != nil {
		out.Errors = append(out.Errors, &source.Error{File: p, Err: err})
	}
}

// isConfigFile is true for ecslint's own config, which a walk must not
// count as an input.
func isConfigFile(name string) bool {
	return name == ".ecslint.yaml" || name == ".ecslint.yml"
}

func hasLintableExt(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".yaml", ".yml", ".template":
		return true
	}
	return false
}

// isTerraform is true for Terraform configuration files, whose directory
// is a module.
func isTerraform(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".tf") || strings.HasSuffix(lower, ".tf.json")
}

// cleanPathError drops the *PathError wrapper, whose path the Error
// already carries.
func cleanPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Read returns the bytes of one input, refusing anything over MaxFileSize
// before reading it. stdin is read for "-".
func Read(path string, stdin io.Reader) ([]byte, error) {
	if path == "-" {
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
	f, err := os.Open(path)
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
	// Size is 0 for pipes and other special files (a named FIFO, a
	// process substitution): read with the limit all the same, once.
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

// Parse parses data as JSON or YAML (by extension, else by content),
// YAML as the AWS CLI reads it. name is used for errors.
func Parse(name string, data []byte) (*File, error) {
	return parse(name, data, nil)
}

// parse is Parse with the YAML read by reader's rules when it is set.
func parse(name string, data []byte, reader YAMLReader) (*File, error) {
	f := &File{Name: name, Data: data}
	ext := strings.ToLower(filepath.Ext(name))
	isJSON := ext == ".json"
	if ext != ".json" && ext != ".yaml" && ext != ".yml" {
		trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
		isJSON = len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
	}
	var err error
	switch {
	case isJSON:
		var d *document.Document
		if d, err = document.ParseJSON(data); err == nil {
			f.Docs = []*document.Document{d}
		}
	case reader != nil:
		f.YAML, f.ReadBy = true, reader
		f.Docs, err = document.ParseYAMLWith(data, reader.YAMLOptions())
	default:
		f.YAML = true
		// Raw task definitions and services are what `aws ecs ...
		// --cli-input-yaml` reads, so scalars are read as the AWS CLI
		// reads them.
		f.Docs, err = document.ParseYAMLWith(data, document.YAMLOptions{Scalars: document.ScalarsAWSCLI})
	}
	if err != nil {
		return nil, syntaxError(name, err)
	}
	return f, nil
}

// syntaxError locates a parse error in its file, quoting no input.
func syntaxError(name string, err error) *source.Error {
	var se *document.SyntaxError
	if errors.As(err, &se) {
		return &source.Error{File: name, Line: se.Pos.Line, Col: se.Pos.Column, Err: errors.New(se.Msg)}
	}
	return &source.Error{File: name, Err: err}
}

// ErrNothingToRead is reported for an explicitly named file that holds
// nothing ecslint reads.
var ErrNothingToRead = errors.New("no ECS resource found (not a task definition, service, container definition list, or a template or plan holding one)")

// Options configures how inputs become units.
type Options struct {
	// Formats are asked in order for each file; the first match loads it.
	Formats []Format
	// Terraform turns the directories holding Terraform files into units
	// (it decides which are roots). Nil: such directories are reported as
	// not read.
	Terraform func(dirs []Input) ([]source.Unit, []string)
	// Stdin is read for "-".
	Stdin io.Reader
}

// Units turns expanded inputs into units. The warnings are about inputs
// no unit reads.
func Units(ex *Expanded, opts Options) ([]source.Unit, []string) {
	var units []source.Unit
	var warnings []string
	var tf []Input
	for _, in := range ex.Inputs {
		if in.Terraform {
			tf = append(tf, in)
			continue
		}
		units = append(units, fileUnit(in, opts))
	}
	if len(tf) > 0 {
		if opts.Terraform == nil {
			dirs := make([]string, len(tf))
			for i, in := range tf {
				dirs[i] = in.Path
			}
			sort.Strings(dirs)
			warnings = append(warnings, fmt.Sprintf("%d Terraform director%s not read: %s", len(dirs), plural(len(dirs), "y", "ies"), strings.Join(dirs, ", ")))
		} else {
			u, w := opts.Terraform(tf)
			units = append(units, u...)
			warnings = append(warnings, w...)
		}
	}
	return units, warnings
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// fileUnit reads, parses and dispatches one file.
func fileUnit(in Input, opts Options) source.Unit {
	name := in.Path
	if name == "-" {
		name = StdinName
	}
	return source.Unit{
		Name:       name,
		Explicit:   in.Explicit,
		Reloadable: in.Path != "-",
		Load: func(ctx context.Context) *source.Loaded {
			return load(ctx, in, name, opts)
		},
	}
}

// parseFor parses a file once for the format likely to read it: YAML that
// a format reading YAML by rules of its own claims from its bytes is
// parsed by those rules (a CloudFormation template: YAML 1.1, short-form
// tags), anything else as the AWS CLI reads it. A claim the rules cannot
// parse falls back to the AWS CLI's reading, so the error reported is the
// one it was before claims existed.
func parseFor(name string, data []byte, formats []Format) (*File, error) {
	for _, format := range formats {
		if r, ok := format.(YAMLReader); ok && r.ClaimsYAML(data) {
			if f, err := parse(name, data, r); err == nil {
				return f, nil
			}
			break
		}
	}
	return Parse(name, data)
}

func load(ctx context.Context, in Input, name string, opts Options) *source.Loaded {
	fail := func(err error) *source.Loaded {
		var se *source.Error
		if !errors.As(err, &se) {
			se = &source.Error{File: name, Err: err}
		}
		return &source.Loaded{Errors: []*source.Error{se}, Files: 1}
	}
	data, err := Read(in.Path, opts.Stdin)
	if err != nil {
		return fail(err)
	}
	f, err := parseFor(name, data, opts.Formats)
	if err != nil {
		// A walked .template file need not be JSON or YAML at all (a
		// Jinja or Go template); one that names AWS resource types is a
		// broken CloudFormation template and is reported.
		if !in.Explicit && strings.EqualFold(filepath.Ext(name), ".template") && !bytes.Contains(data, []byte("AWS::")) {
			return &source.Loaded{Files: 1}
		}
		return fail(err)
	}
	for _, format := range opts.Formats {
		if f.ReadBy != nil && f.ReadBy != format {
			// Read by another format's YAML rules, which did not claim
			// it after all: the others read it as the AWS CLI does.
			if f, err = Parse(name, data); err != nil {
				return fail(err)
			}
		}
		if format.Match(f) {
			l := format.Load(ctx, f)
			l.Files = max(l.Files, 1)
			l.Bytes = max(l.Bytes, len(data))
			if l.Format == "" {
				l.Format = format.Name()
			}
			return l
		}
	}
	if in.Explicit {
		return fail(ErrNothingToRead)
	}
	return &source.Loaded{Files: 1}
}
