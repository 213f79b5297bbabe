package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"

	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/finding"
)

// Text is the human format: findings grouped by file, one line each with
// its position, severity, rule and message, the fix below it, and a
// summary line.
type Text struct {
	Color bool
	// Quiet prints nothing when there are no unsuppressed findings, errors
	// or warnings, as pre-commit hooks should.
	Quiet bool
}

func (t *Text) paint(attrs ...color.Attribute) *color.Color {
	c := color.New(attrs...)
	if t.Color {
		c.EnableColor()
	} else {
		c.DisableColor()
	}
	return c
}

func (t *Text) severityColor(sev string) *color.Color {
	switch sev {
	case "critical":
		return t.paint(color.FgHiRed, color.Bold)
	case "high":
		return t.paint(color.FgRed)
	case "medium":
		return t.paint(color.FgYellow)
	case "low":
		return t.paint(color.FgCyan)
	default:
		return t.paint(color.FgWhite)
	}
}

// Format implements Formatter.
func (t *Text) Format(w io.Writer, r *finding.Result) error {
	if t.Quiet {
		s := Summarize(r)
		if s.Findings == 0 && s.Errors == 0 && len(r.Warnings) == 0 && len(r.Coverage) == 0 {
			return nil
		}
	}
	bold := t.paint(color.Bold)
	dim := t.paint(color.Faint)
	errc := t.paint(color.FgRed, color.Bold)
	var b strings.Builder
	// Errors and findings are interleaved by file.
	errsByFile := map[string][]finding.InputError{}
	for _, e := range r.Errors {
		errsByFile[e.File] = append(errsByFile[e.File], e)
	}
	findingsByFile := map[string][]finding.Finding{}
	for _, f := range r.Findings {
		if f.Suppressed == nil {
			findingsByFile[heading(f.Location)] = append(findingsByFile[heading(f.Location)], f)
		}
	}
	files := map[string]struct{}{}
	for f := range errsByFile {
		files[f] = struct{}{}
	}
	for f := range findingsByFile {
		files[f] = struct{}{}
	}
	for _, file := range sortedKeys(files) {
		b.WriteString(bold.Sprint(file))
		b.WriteByte('\n')
		for _, e := range errsByFile[file] {
			pos := ""
			if e.Line > 0 {
				pos = fmt.Sprintf("%d:%d", e.Line, e.Column)
			}
			fmt.Fprintf(&b, "  %-8s %s %s\n", pos, errc.Sprint("error   "), e.Message)
		}
		for _, f := range findingsByFile[file] {
			pos := position(f.Location)
			sev := t.severityColor(f.Severity).Sprintf("%-8s", f.Severity)
			msg := f.Message
			if f.Location.Precision == finding.PrecisionAncestor {
				// The position is the nearest parent of a field that is
				// absent (the message names it): say so, or the reader
				// looks for the field on that line.
				msg += " " + dim.Sprint("(missing here)")
			}
			fmt.Fprintf(&b, "  %-8s %s %s  %s\n", pos, sev, msg, dim.Sprint(f.Rule))
			if f.Location.Construct != "" {
				// The CDK construct that synthesised the resource: where
				// the fix goes in the user's own code.
				fmt.Fprintf(&b, "  %-8s %s %s\n", "", dim.Sprint("construct:"), f.Location.Construct)
			}
			if len(f.Location.Trace) > 0 {
				// a Terraform module's finding: the calls that led
				// there, the user's own file first
				calls := make([]string, len(f.Location.Trace))
				for i, fr := range f.Location.Trace {
					calls[i] = fmt.Sprintf("%s:%d (%s)", fr.File, fr.Start.Line, fr.Label)
				}
				fmt.Fprintf(&b, "  %-8s %s %s\n", "", dim.Sprint("via:    "), strings.Join(calls, " → "))
			}
			if f.Remediation != "" {
				fmt.Fprintf(&b, "  %-8s %s %s\n", "", dim.Sprint("fix:    "), f.Remediation)
			}
		}
		b.WriteByte('\n')
	}
	for _, warning := range r.Warnings {
		b.WriteString(t.paint(color.FgYellow).Sprint("warning: ") + warning + "\n")
	}
	for _, n := range notes(r) {
		b.WriteString(dim.Sprint("note: ") + n + "\n")
	}
	if len(r.Coverage) > 0 {
		b.WriteString(errc.Sprint("coverage: ") + fmt.Sprintf("partial: %s failed, and what they would have read is not reported as passing:\n", plural(len(r.Coverage), "call")))
		for _, g := range r.Coverage {
			fmt.Fprintf(&b, "  %s: %s\n", g.Where(), g.Error)
		}
	}
	b.WriteString(summaryLine(r, t))
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// notes say what the run could not see: none of them is a problem in the
// input, but a reader of a clean report must know them.
func notes(r *finding.Result) []string {
	var out []string
	if len(r.Unresolved) > 0 {
		names := sortedKeys(r.Unresolved)
		shown := names
		if len(shown) > 8 {
			shown = shown[:8]
		}
		parts := make([]string, len(shown))
		for i, n := range shown {
			parts[i] = n
			if c := r.Unresolved[n]; c > 1 {
				parts[i] += fmt.Sprintf(" (%d resources)", c)
			}
		}
		more := ""
		if len(names) > len(shown) {
			more = fmt.Sprintf(" and %d more", len(names)-len(shown))
		}
		out = append(out, fmt.Sprintf("%s unresolved, no finding rests on them; supply them to check more: %s%s",
			plural(len(names), "value"), strings.Join(parts, ", "), more))
	}
	if len(r.Partial) > 0 {
		names := make([]string, len(r.Partial))
		for i, p := range r.Partial {
			names[i] = p.Name
		}
		out = append(out, fmt.Sprintf("%s linted as partial updates (rules about absent fields stay silent): %s",
			plural(len(r.Partial), "resource"), strings.Join(names, ", ")))
	}
	if len(r.Skipped) > 0 {
		var parts []string
		for _, rel := range sortedKeys(r.Skipped) {
			parts = append(parts, fmt.Sprintf("%s (%s)", rel, plural(r.Skipped[rel], "resource")))
		}
		out = append(out, "rules needing resources around the one linted did not run where those were not among the inputs: "+
			strings.Join(parts, ", ")+"; give --instance-role, or lint the template, Terraform root or account that defines them")
	}
	if len(r.SkippedDirs) > 0 {
		out = append(out, "not walked (version control and tool state): "+strings.Join(r.SkippedDirs, ", "))
	}
	return out
}

func summaryLine(r *finding.Result, t *Text) string {
	s := Summarize(r)
	var parts []string
	for _, sev := range catalog.Severities {
		if n := s.BySeverity[sev]; n > 0 {
			parts = append(parts, t.severityColor(sev).Sprintf("%d %s", n, sev))
		}
	}
	read := plural(s.Files, "file")
	if len(r.Accounts) > 0 {
		regions := 0
		for _, a := range r.Accounts {
			regions += len(a.Regions)
		}
		read = plural(len(r.Accounts), "account") + ", " + plural(regions, "region")
	}
	line := fmt.Sprintf("%s in %s (%s, %s)",
		plural(s.Findings, "finding"), plural(s.Resources, "resource"), read, plural(s.Rules, "rule"))
	if r.Config != "" {
		line = strings.TrimSuffix(line, ")") + ", config " + r.Config + ")"
	}
	if len(parts) > 0 {
		line += ": " + strings.Join(parts, ", ")
	}
	if s.Suppressed > 0 {
		line += fmt.Sprintf("; %d suppressed", s.Suppressed)
	}
	if s.Errors > 0 {
		line += "; " + t.paint(color.FgRed).Sprint(plural(s.Errors, "error"))
	}
	if len(r.Coverage) > 0 {
		line += "; " + t.paint(color.FgRed).Sprint("coverage partial")
	}
	return line
}

// heading is what findings are grouped under: their file, or for a
// resource read from an account, its ARN.
func heading(l finding.Location) string {
	if l.File == "" && l.ARN != "" {
		return l.ARN
	}
	return l.File
}

// position is a finding's place under its heading: line and column in a
// file, the field's path in a live resource.
func position(l finding.Location) string {
	if l.File == "" && l.ARN != "" {
		if l.Pointer == "" {
			return "(resource)"
		}
		return l.Pointer
	}
	return fmt.Sprintf("%d:%d", l.Start.Line, l.Start.Column)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
