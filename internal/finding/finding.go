// Package finding defines what ecslint reports: findings with their exact
// locations, per-input errors, and the summary of a run. Every output
// format renders these types and nothing else.
package finding

import (
	"sort"

	"github.com/ecslint/ecslint/internal/document"
)

// Precision says how exactly a location points at the offending field.
const (
	// PrecisionExact: the field itself.
	PrecisionExact = "exact"
	// PrecisionAncestor: the field is absent; this is its nearest parent.
	PrecisionAncestor = "ancestor"
	// PrecisionResource: only the resource as a whole could be located.
	PrecisionResource = "resource"
)

// Resource names the resource a finding is about.
type Resource struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// Location points into the input file.
type Location struct {
	File string `json:"file"`
	// Pointer is the JSON pointer of the offending field (it may be absent
	// from the file; Precision says so).
	Pointer   string       `json:"pointer"`
	Start     document.Pos `json:"start"`
	End       document.Pos `json:"end"`
	Precision string       `json:"precision"`
	// Document is the 0-based document index in a multi-document YAML
	// file; it is not part of the JSON output contract.
	Document int `json:"-"`
	// ARN is the resource's ARN when it was read from a live account (File
	// is then empty and Pointer is the field's path in the API shape).
	ARN string `json:"arn,omitempty"`
	// Construct is the CDK construct path of the resource (aws:cdk:path).
	Construct string `json:"construct,omitempty"`
	// Trace is the chain of module calls that led to the resource, call
	// site in the user's own files first (Terraform modules).
	Trace []Frame `json:"trace,omitempty"`
}

// Frame is one step of a module call chain.
type Frame struct {
	File  string       `json:"file"`
	Start document.Pos `json:"start"`
	// Label names the call ("module.app").
	Label string `json:"label"`
}

// Suppression records why a finding is not counted.
type Suppression struct {
	Reason string `json:"reason"`
	Source string `json:"source"`
}

// Finding is one rule violation.
type Finding struct {
	Rule        string       `json:"rule"`
	Category    string       `json:"category"`
	Severity    string       `json:"severity"`
	Message     string       `json:"message"`
	Resource    Resource     `json:"resource"`
	Location    Location     `json:"location"`
	Remediation string       `json:"remediation"`
	DocsURL     string       `json:"docs_url,omitempty"`
	Suppressed  *Suppression `json:"suppressed,omitempty"`
	// ValuePath is the path the rule reported, into the resource's value
	// (nil for the resource itself); suppression comments are looked up
	// along it. Not part of the output.
	ValuePath []any `json:"-"`
}

// InputError is an input that could not be read, parsed or evaluated.
type InputError struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// Linted is a resource that was evaluated, for formats that report
// passing checks too (JUnit).
type Linted struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
	File string `json:"file"`
}

// Result is everything a run produced.
type Result struct {
	Findings []Finding
	Errors   []InputError
	// Warnings are problems that do not fail the run, such as an expired
	// ignore entry.
	Warnings []string
	// Linted lists every resource evaluated, sorted.
	Linted []Linted
	// Files counts the inputs read; Resources the ECS resources linted.
	Files     int
	Resources int
	// Rules counts the rules that ran.
	Rules int
	// Formats counts the inputs read by what they were (source formats
	// such as "cloudformation"; "" for inputs holding nothing ecslint
	// reads), so a run that recognised nothing can say what it saw.
	Formats map[string]int
	// Unresolved counts, by name, the unknown inputs that values depended
	// on ("var.image", "Fn::ImportValue Shared-Vpc"): no finding rests on
	// them, and the user may supply them.
	Unresolved map[string]int
	// Partial lists resources linted as partial documents (an update that
	// changes only what it names).
	Partial []Linted
	// Coverage lists what a live audit could not read.
	Coverage []Gap
	// Accounts lists the accounts a live audit read (nil for files).
	Accounts []Account
	// Config is the config file the run used ("" for none).
	Config string
	// SkippedDirs lists the directories a walk did not enter (version
	// control and tool state).
	SkippedDirs []string
	// Skipped counts, per relation (a key of input.related: taskRole,
	// cluster, instanceRoles...), the resources on which rules needing it
	// could not run because the related resource was not among the
	// inputs: context that templates and accounts provide and raw files
	// rarely do.
	Skipped map[string]int
}

// Account is one account a live audit read.
type Account struct {
	ID        string `json:"id"`
	Partition string `json:"partition"`
	// Caller is the identity the audit ran as (sts:GetCallerIdentity).
	Caller  string   `json:"caller"`
	Regions []string `json:"regions"`
}

// Gap is one thing a live audit could not read: an API call that failed
// in one account and region, or a batch describe's failures entry.
type Gap struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	// API is "service:Operation" (ecs:DescribeServices).
	API string `json:"api"`
	// Resource names what was not read, when known (a cluster, an ARN).
	Resource string `json:"resource,omitempty"`
	// Error is the failure as the SDK reported it (error code and message,
	// never credentials).
	Error string `json:"error"`
}

// Where names what the gap left unread: account, region, API and, when
// known, the resource.
func (g Gap) Where() string {
	w := g.Account + " " + g.Region + " " + g.API
	if g.Resource != "" {
		w += " " + g.Resource
	}
	return w
}

// Sort orders findings by file, line, column, rule, then message, and
// errors by file and line, so output is deterministic.
func (r *Result) Sort() {
	sort.SliceStable(r.Findings, func(i, j int) bool {
		a, b := r.Findings[i], r.Findings[j]
		switch {
		case a.Location.File != b.Location.File:
			return a.Location.File < b.Location.File
		case a.Location.ARN != b.Location.ARN:
			return a.Location.ARN < b.Location.ARN
		case a.Location.Document != b.Location.Document:
			return a.Location.Document < b.Location.Document
		case a.Location.Start.Line != b.Location.Start.Line:
			return a.Location.Start.Line < b.Location.Start.Line
		case a.Location.Start.Column != b.Location.Start.Column:
			return a.Location.Start.Column < b.Location.Start.Column
		case a.Rule != b.Rule:
			return a.Rule < b.Rule
		case a.Location.Pointer != b.Location.Pointer:
			return a.Location.Pointer < b.Location.Pointer
		default:
			return a.Message < b.Message
		}
	})
	sort.SliceStable(r.Linted, func(i, j int) bool {
		a, b := r.Linted[i], r.Linted[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Name < b.Name
	})
	sort.Strings(r.Warnings)
	sort.SliceStable(r.Errors, func(i, j int) bool {
		a, b := r.Errors[i], r.Errors[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
}
