package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/finding"
)

// GitHub writes GitHub Actions workflow commands, one annotation per
// finding or input error, grouped per file.
type GitHub struct{}

// Escaping as in actions/toolkit's command.ts.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// githubLevel is the workflow command for a severity; GitHub calls the
// lowest level notice where SARIF says note.
func githubLevel(sev string) string {
	if l := sarifLevel(sev); l != "note" {
		return l
	}
	return "notice"
}

// Format implements Formatter.
func (GitHub) Format(w io.Writer, r *finding.Result) error {
	var b strings.Builder
	for _, e := range r.Errors {
		props := "file=" + escapeProperty(e.File)
		if e.Line > 0 {
			props += fmt.Sprintf(",line=%d,col=%d", e.Line, e.Column)
		}
		fmt.Fprintf(&b, "::error %s,title=%s::%s\n", props, escapeProperty("ecslint: invalid input"), escapeData(e.Message))
	}
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		title := "title=" + escapeProperty(fmt.Sprintf("%s (%s)", f.Rule, f.Severity))
		if f.Location.File == "" && f.Location.ARN != "" {
			// A live resource has no file to annotate: the ARN leads the
			// message instead.
			fmt.Fprintf(&b, "::%s %s::%s\n", githubLevel(f.Severity), title, escapeData(f.Location.ARN+" "+f.Location.Pointer+": "+f.Message+". Fix: "+f.Remediation))
			continue
		}
		props := fmt.Sprintf("file=%s,line=%d,col=%d", escapeProperty(f.Location.File), max(f.Location.Start.Line, 1), f.Location.Start.Column)
		if f.Location.End.Line >= f.Location.Start.Line && f.Location.End.Line > 0 {
			props += fmt.Sprintf(",endLine=%d,endColumn=%d", f.Location.End.Line, f.Location.End.Column)
		}
		props += "," + title
		fmt.Fprintf(&b, "::%s %s::%s\n", githubLevel(f.Severity), props, escapeData(f.Message+". Fix: "+f.Remediation))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// StepSummary is the Markdown written to $GITHUB_STEP_SUMMARY: annotations
// are capped per step, so the full list goes there too.
func StepSummary(r *finding.Result) string {
	var b strings.Builder
	s := Summarize(r)
	b.WriteString("## ecslint\n\n")
	var parts []string
	for _, sev := range catalog.Severities {
		if n := s.BySeverity[sev]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	fmt.Fprintf(&b, "%s in %s (%s)", plural(s.Findings, "finding"), plural(s.Resources, "resource"), plural(s.Files, "file"))
	if len(parts) > 0 {
		b.WriteString(": " + strings.Join(parts, ", "))
	}
	if s.Suppressed > 0 {
		fmt.Fprintf(&b, "; %d suppressed", s.Suppressed)
	}
	if s.Errors > 0 {
		fmt.Fprintf(&b, "; %s", plural(s.Errors, "error"))
	}
	b.WriteString(".\n\n")
	if len(r.Errors) > 0 {
		b.WriteString("| File | Error |\n|---|---|\n")
		for _, e := range r.Errors {
			fmt.Fprintf(&b, "| `%s:%d` | %s |\n", e.File, e.Line, mdCell(e.Message))
		}
		b.WriteString("\n")
	}
	if s.Findings > 0 {
		b.WriteString("| Severity | Rule | Location | Message |\n|---|---|---|---|\n")
		const limit = 500 // the summary is capped at 1 MiB per step
		n := 0
		for _, f := range r.Findings {
			if f.Suppressed != nil {
				continue
			}
			if n++; n > limit {
				fmt.Fprintf(&b, "\n…and %d more; see the job log.\n", s.Findings-limit)
				break
			}
			fmt.Fprintf(&b, "| %s | [%s](%s) | `%s:%d` | %s |\n", f.Severity, f.Rule, f.DocsURL, f.Location.File, f.Location.Start.Line, mdCell(f.Message))
		}
	}
	return b.String()
}

func mdCell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}
