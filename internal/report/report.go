// Package report renders a lint result in each output format. Formatters
// are small types behind one interface and write to an io.Writer; none of
// them decides exit codes.
package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/ecslint/ecslint/internal/catalog"

	"github.com/ecslint/ecslint/internal/finding"
)

// SchemaVersion is the version of the JSON output contract.
const SchemaVersion = 1

// Tool identifies ecslint in outputs.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Formatter writes one result.
type Formatter interface {
	Format(w io.Writer, r *finding.Result) error
}

// Formats lists the format names New accepts.
var Formats = []string{"text", "json", "sarif", "junit", "github", "checkstyle"}

// Options carry what formatters need besides the result.
type Options struct {
	Tool  Tool
	Color bool
	// Rules are the rules that ran (SARIF descriptors, JUnit testcases).
	Rules []*catalog.Rule
	// Root is the repository root SARIF paths are relative to.
	Root string
	// Quiet makes the text format silent when there is nothing to report.
	Quiet bool
}

// New returns the formatter for name.
func New(name string, opts Options) (Formatter, error) {
	switch name {
	case "text":
		return &Text{Color: opts.Color, Quiet: opts.Quiet}, nil
	case "json":
		return &JSON{Tool: opts.Tool}, nil
	case "sarif":
		return &SARIF{Tool: opts.Tool, Rules: opts.Rules, Root: opts.Root}, nil
	case "junit":
		return &JUnit{Rules: opts.Rules}, nil
	case "github":
		return GitHub{}, nil
	case "checkstyle":
		return Checkstyle{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", name, strings.Join(Formats, ", "))
}

// Summary counts a result.
type Summary struct {
	Files      int            `json:"files"`
	Resources  int            `json:"resources"`
	Rules      int            `json:"rules"`
	Findings   int            `json:"findings"`
	Suppressed int            `json:"suppressed"`
	Errors     int            `json:"errors"`
	BySeverity map[string]int `json:"by_severity"`
	// What the run could not see, and where its settings came from.
	Config      string           `json:"config,omitempty"`
	Formats     map[string]int   `json:"formats,omitempty"`
	Unresolved  map[string]int   `json:"unresolved,omitempty"`
	Partial     []finding.Linted `json:"partial,omitempty"`
	SkippedDirs []string         `json:"skipped_dirs,omitempty"`
	Skipped     map[string]int   `json:"skipped,omitempty"`
	// Accounts are the accounts and regions a live audit read.
	Accounts []finding.Account `json:"accounts,omitempty"`
}

// Summarize counts findings by severity; suppressed ones are counted apart.
func Summarize(r *finding.Result) Summary {
	s := Summary{Files: r.Files, Resources: r.Resources, Rules: r.Rules, Errors: len(r.Errors), BySeverity: map[string]int{},
		Config: r.Config, Formats: r.Formats, Unresolved: r.Unresolved, Partial: r.Partial, SkippedDirs: r.SkippedDirs, Skipped: r.Skipped,
		Accounts: r.Accounts}
	if len(s.Formats) == 0 {
		s.Formats = nil
	}
	if len(s.Unresolved) == 0 {
		s.Unresolved = nil
	}
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			s.Suppressed++
			continue
		}
		s.Findings++
		s.BySeverity[f.Severity]++
	}
	return s
}

// JSON writes the documented envelope (docs/output.schema.json). Findings
// are encoded one at a time into a buffered writer, so a run with tens of
// thousands of findings does not hold its whole report in memory twice.
type JSON struct{ Tool Tool }

// Format implements Formatter. The output is what json.Encoder with a
// two-space indent writes for the envelope.
func (j *JSON) Format(w io.Writer, r *finding.Result) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	field := func(name string, v any, last bool) {
		if err != nil {
			return
		}
		var b []byte
		if b, err = marshalIndent(v, "  "); err != nil {
			return
		}
		fmt.Fprintf(bw, "  %q: %s", name, b)
		if !last {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("{\n")
	field("schema_version", SchemaVersion, false)
	field("tool", j.Tool, false)
	field("summary", Summarize(r), false)
	if len(r.Findings) == 0 {
		bw.WriteString("  \"findings\": [],\n")
	} else {
		bw.WriteString("  \"findings\": [\n")
		for i := range r.Findings {
			b, ferr := marshalIndent(r.Findings[i], "    ")
			if ferr != nil {
				return ferr
			}
			bw.WriteString("    ")
			bw.Write(b)
			if i < len(r.Findings)-1 {
				bw.WriteString(",")
			}
			bw.WriteString("\n")
		}
		bw.WriteString("  ],\n")
	}
	errs := r.Errors
	if errs == nil {
		errs = []finding.InputError{}
	}
	warnings := r.Warnings
	if warnings == nil {
		warnings = []string{}
	}
	field("errors", errs, false)
	field("warnings", warnings, false)
	coverage := r.Coverage
	if coverage == nil {
		coverage = []finding.Gap{}
	}
	field("coverage", coverage, true)
	bw.WriteString("}\n")
	if err != nil {
		return err
	}
	return bw.Flush()
}

// marshalIndent encodes v as json.Encoder with SetIndent(prefix, "  ")
// and HTML escaping off would, without the trailing newline.
func marshalIndent(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func sortStrings(s []string) { sort.Strings(s) }

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
