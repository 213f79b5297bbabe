// Package report renders a lint result in each output format. Formatters
// are small types behind one interface and write to an io.Writer; none of
// them decides exit codes.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/ecslint/ecslint/internal/engine"

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
	Rules []*engine.Rule
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
}

// Summarize counts findings by severity; suppressed ones are counted apart.
func Summarize(r *finding.Result) Summary {
	s := Summary{Files: r.Files, Resources: r.Resources, Rules: r.Rules, Errors: len(r.Errors), BySeverity: map[string]int{}}
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

// JSON writes the documented envelope (docs/output.schema.json).
type JSON struct{ Tool Tool }

type jsonEnvelope struct {
	SchemaVersion int                  `json:"schema_version"`
	Tool          Tool                 `json:"tool"`
	Summary       Summary              `json:"summary"`
	Findings      []finding.Finding    `json:"findings"`
	Errors        []finding.InputError `json:"errors"`
	Warnings      []string             `json:"warnings"`
	Coverage      []map[string]string  `json:"coverage"`
}

// Format implements Formatter.
func (j *JSON) Format(w io.Writer, r *finding.Result) error {
	env := jsonEnvelope{
		SchemaVersion: SchemaVersion,
		Tool:          j.Tool,
		Summary:       Summarize(r),
		Findings:      r.Findings,
		Errors:        r.Errors,
		Warnings:      r.Warnings,
		Coverage:      []map[string]string{},
	}
	if env.Warnings == nil {
		env.Warnings = []string{}
	}
	if env.Findings == nil {
		env.Findings = []finding.Finding{}
	}
	if env.Errors == nil {
		env.Errors = []finding.InputError{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(env)
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
