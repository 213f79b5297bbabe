package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/finding"
)

// SARIF writes SARIF 2.1.0 as GitHub code scanning reads it: every enabled
// rule as a descriptor, results with paths relative to the repository root
// and line/column regions, suppressed findings marked as suppressed.
type SARIF struct {
	Tool  Tool
	Rules []*catalog.Rule
	// Root is the directory result paths are made relative to (the
	// repository root); absolute paths outside it stay absolute.
	Root string
}

// securitySeverity follows the scores GitHub maps to its severities
// (>9 critical, 7-8.9 high, 4-6.9 medium, <4 low), as Trivy does.
var securitySeverity = map[string]string{"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0", "info": "0.5"}

func sarifLevel(sev string) string {
	switch sev {
	case "critical", "high":
		return "error"
	case "medium":
		return "warning"
	default:
		return "note"
	}
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration map[string]any `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLocation struct {
	// ID and Message are set on related locations (a Terraform module
	// call that led to the finding).
	ID               int            `json:"id,omitempty"`
	Message          *sarifText     `json:"message,omitempty"`
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	} `json:"artifactLocation"`
	Region sarifRegion `json:"region"`
}

// sarifLogical names a resource read from a live account by its ARN,
// which has no file to point at.
type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Message      sarifText          `json:"message"`
	Locations    []sarifLocation    `json:"locations"`
	Related      []sarifLocation    `json:"relatedLocations,omitempty"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
	Properties   map[string]any     `json:"properties,omitempty"`
}

// Format implements Formatter.
func (s *SARIF) Format(w io.Writer, r *finding.Result) error {
	index := map[string]int{}
	rules := make([]sarifRule, 0, len(s.Rules))
	for _, rule := range s.Rules {
		index[rule.ID] = len(rules)
		rules = append(rules, sarifDescriptor(rule))
	}
	results := make([]sarifResult, 0, len(r.Findings))
	for _, f := range r.Findings {
		i, ok := index[f.Rule]
		if !ok {
			continue
		}
		res := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: i,
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{Text: f.Message},
			Properties: map[string]any{
				"resource": f.Resource.Kind + " " + f.Resource.Name,
				"pointer":  f.Location.Pointer,
			},
		}
		if f.Location.Construct != "" {
			res.Properties["construct"] = f.Location.Construct
		}
		var loc sarifLocation
		if f.Location.ARN != "" {
			loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: f.Location.ARN, Kind: "resource"}}
			res.Properties["arn"] = f.Location.ARN
		}
		if f.Location.File != "" || f.Location.ARN == "" {
			phys := &sarifPhysical{Region: region(f.Location)}
			phys.ArtifactLocation.URI, phys.ArtifactLocation.URIBaseID = s.uri(f.Location.File)
			loc.PhysicalLocation = phys
		}
		res.Locations = []sarifLocation{loc}
		for n, fr := range f.Location.Trace {
			var rel sarifLocation
			rel.ID = n + 1
			rel.Message = &sarifText{Text: "called by " + fr.Label}
			phys := &sarifPhysical{Region: sarifRegion{StartLine: max(fr.Start.Line, 1), StartColumn: fr.Start.Column}}
			phys.ArtifactLocation.URI, phys.ArtifactLocation.URIBaseID = s.uri(fr.File)
			rel.PhysicalLocation = phys
			res.Related = append(res.Related, rel)
		}
		if f.Suppressed != nil {
			kind := "external"
			if strings.HasPrefix(f.Suppressed.Source, "tag") || strings.HasPrefix(f.Suppressed.Source, "comment") {
				kind = "inSource"
			}
			res.Suppressions = []sarifSuppression{{Kind: kind, Justification: f.Suppressed.Reason}}
		}
		results = append(results, res)
	}
	run := map[string]any{
		"tool": map[string]any{"driver": map[string]any{
			"name":           s.Tool.Name,
			"version":        s.Tool.Version,
			"informationUri": "https://github.com/ecslint/ecslint",
			"rules":          rules,
		}},
		"results":            results,
		"columnKind":         "unicodeCodePoints",
		"automationDetails":  map[string]any{"id": "ecslint/"},
		"originalUriBaseIds": map[string]any{"SRCROOT": map[string]any{"uri": dirURI(s.Root)}},
		"invocations":        []map[string]any{{"executionSuccessful": len(r.Errors) == 0, "toolExecutionNotifications": notifications(r)}},
	}
	if len(r.Coverage) > 0 || len(r.Accounts) > 0 {
		// A live audit says what it read and what it could not.
		coverage := r.Coverage
		if coverage == nil {
			coverage = []finding.Gap{}
		}
		run["properties"] = map[string]any{"accounts": r.Accounts, "coverage": coverage}
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs":    []any{run},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

func sarifDescriptor(rule *catalog.Rule) sarifRule {
	// GitHub treats a rule with security-severity as a security rule; the
	// category tag tells the others apart.
	tags := []string{"ecs", rule.Category}
	for _, fw := range sortedKeys(rule.Frameworks) {
		for _, id := range rule.Frameworks[fw] {
			tags = append(tags, fw+"/"+id)
		}
	}
	help := rule.Remediation
	var md strings.Builder
	md.WriteString("**Fix:** " + rule.Remediation + "\n\n" + rule.Description + "\n")
	for _, l := range rule.Related {
		md.WriteString("\n- [" + firstNonEmpty(l.Description, l.URL) + "](" + l.URL + ")")
	}
	return sarifRule{
		ID:                   rule.ID,
		Name:                 rule.ID,
		ShortDescription:     sarifText{Text: rule.Title},
		FullDescription:      sarifText{Text: rule.Description},
		Help:                 sarifText{Text: help, Markdown: md.String()},
		HelpURI:              rule.DocsURL(""),
		DefaultConfiguration: map[string]any{"level": sarifLevel(rule.Severity)},
		Properties: map[string]any{
			"tags":              tags,
			"precision":         "very-high",
			"security-severity": securitySeverity[rule.Severity],
			"problem.severity":  sarifLevel(rule.Severity),
		},
	}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func region(l finding.Location) sarifRegion {
	r := sarifRegion{StartLine: max(l.Start.Line, 1), StartColumn: l.Start.Column}
	if l.End.Line >= r.StartLine && l.End.Line > 0 {
		r.EndLine = l.End.Line
		r.EndColumn = l.End.Column + 1 // SARIF end columns are exclusive
	}
	return r
}

// uri makes a file path repository-relative when it lies under Root.
func (s *SARIF) uri(file string) (string, string) {
	if file == "" || strings.HasPrefix(file, "<") {
		return "stdin", ""
	}
	abs, err := filepath.Abs(file)
	if err == nil && s.Root != "" {
		if rel, err := filepath.Rel(s.Root, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return (&url.URL{Path: filepath.ToSlash(rel)}).String(), "SRCROOT"
		}
	}
	if err != nil {
		abs = file
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), ""
}

func dirURI(dir string) string {
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	p := filepath.ToSlash(abs)
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func notifications(r *finding.Result) []map[string]any {
	out := []map[string]any{}
	for _, e := range r.Errors {
		n := map[string]any{"level": "error", "message": map[string]string{"text": e.File + ": " + e.Message}}
		out = append(out, n)
	}
	for _, w := range r.Warnings {
		out = append(out, map[string]any{"level": "warning", "message": map[string]string{"text": w}})
	}
	for _, g := range r.Coverage {
		out = append(out, map[string]any{"level": "warning", "message": map[string]string{"text": "not read: " + g.Where() + ": " + g.Error}})
	}
	return out
}
