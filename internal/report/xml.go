package report

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/finding"
)

// JUnit writes one testsuite per file and one testcase per rule × resource,
// failing with the rule's findings on that resource; unreadable inputs are
// testcases with an error. GitLab, Jenkins and Azure Pipelines read it.
type JUnit struct {
	Rules []*catalog.Rule
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *struct{}     `xml:"skipped,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// Format implements Formatter.
func (j *JUnit) Format(w io.Writer, r *finding.Result) error {
	type key struct{ file, kind, name, rule string }
	byCase := map[key][]finding.Finding{}
	for _, f := range r.Findings {
		k := key{f.Location.File, f.Resource.Kind, f.Resource.Name, f.Rule}
		byCase[k] = append(byCase[k], f)
	}
	suites := map[string]*junitSuite{}
	var order []string
	suite := func(file string) *junitSuite {
		s, ok := suites[file]
		if !ok {
			s = &junitSuite{Name: file}
			suites[file] = s
			order = append(order, file)
		}
		return s
	}
	for _, res := range r.Linted {
		s := suite(res.File)
		for _, rule := range j.Rules {
			if !rule.Reads(res.Kind) {
				continue
			}
			c := junitCase{Name: rule.ID, Classname: res.Kind + " " + res.Name}
			var text string
			failed, suppressed := 0, 0
			for _, f := range byCase[key{res.File, res.Kind, res.Name, rule.ID}] {
				if f.Suppressed != nil {
					suppressed++
					continue
				}
				failed++
				text += fmt.Sprintf("%s:%d:%d: [%s] %s\nfix: %s\n", f.Location.File, f.Location.Start.Line, f.Location.Start.Column, f.Severity, f.Message, f.Remediation)
			}
			if failed > 0 {
				c.Failure = &junitProblem{Message: fmt.Sprintf("%d finding(s) of %s (%s)", failed, rule.ID, rule.Severity), Type: rule.Severity, Text: text}
				s.Failures++
			} else if suppressed > 0 {
				c.Skipped = &struct{}{}
			}
			s.Cases = append(s.Cases, c)
			s.Tests++
		}
	}
	for _, e := range r.Errors {
		s := suite(e.File)
		msg := e.Message
		if e.Line > 0 {
			msg = fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Message)
		}
		s.Cases = append(s.Cases, junitCase{Name: "load", Classname: e.File, Error: &junitProblem{Message: msg, Type: "input-error", Text: msg}})
		s.Tests++
		s.Errors++
	}
	out := junitSuites{Name: "ecslint"}
	sortStrings(order)
	for _, f := range order {
		s := suites[f]
		out.Suites = append(out.Suites, *s)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
	}
	return writeXML(w, out)
}

// writeXML writes the XML header, v indented, and a final newline.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// Checkstyle writes checkstyle XML (reviewdog, Jenkins Warnings NG).
type Checkstyle struct{}

type csFile struct {
	Name   string    `xml:"name,attr"`
	Errors []csError `xml:"error"`
}

type csError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Format implements Formatter.
func (Checkstyle) Format(w io.Writer, r *finding.Result) error {
	files := map[string]*csFile{}
	var order []string
	get := func(name string) *csFile {
		f, ok := files[name]
		if !ok {
			f = &csFile{Name: name}
			files[name] = f
			order = append(order, name)
		}
		return f
	}
	for _, e := range r.Errors {
		get(e.File).Errors = append(get(e.File).Errors, csError{Line: max(e.Line, 1), Column: e.Column, Severity: "error", Message: e.Message, Source: "ecslint.input"})
	}
	for _, f := range r.Findings {
		if f.Suppressed != nil {
			continue
		}
		sev := map[string]string{"critical": "error", "high": "error", "medium": "warning"}[f.Severity]
		if sev == "" {
			sev = "info"
		}
		name := f.Location.File
		if name == "" {
			name = f.Location.ARN // a live resource
		}
		get(name).Errors = append(get(name).Errors, csError{
			Line: max(f.Location.Start.Line, 1), Column: f.Location.Start.Column, Severity: sev,
			Message: f.Message, Source: "ecslint." + f.Rule,
		})
	}
	sortStrings(order)
	doc := struct {
		XMLName xml.Name `xml:"checkstyle"`
		Version string   `xml:"version,attr"`
		Files   []csFile `xml:"file"`
	}{Version: "4.3"}
	for _, n := range order {
		doc.Files = append(doc.Files, *files[n])
	}
	return writeXML(w, doc)
}
