// Package source is the contract between the places ecslint reads from
// (raw ECS JSON/YAML files, CloudFormation/SAM/CDK templates, Terraform
// modules and plans, live AWS accounts) and the analyzer. A source turns
// one unit of input (a file, a Terraform root, an account and region)
// into resources: each with its kind, display name, the identities other
// resources may name it by, the references it holds, its value in the API
// shape of its kind (see package kind), where it came from, and a locator
// that turns any path into that value back into a place a user can open.
//
// The analyzer only sees this contract: it relates resources by identity
// and never reads files. Values a source cannot know are written with
// unresolved.Unknown and named in Resource.Unresolved.
package source

import (
	"context"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/finding"
)

// Formats name where a resource came from (input.source.format).
const (
	FormatECSJSON        = "ecs-json"
	FormatECSYAML        = "ecs-yaml"
	FormatCloudFormation = "cloudformation"
	FormatTerraform      = "terraform"
	FormatTerraformPlan  = "terraform-plan"
	FormatAWS            = "aws"
)

// Resource is one loaded resource.
type Resource struct {
	// Kind is one of kind.All.
	Kind string
	// Name is the display name: family:revision, a service name, a
	// CloudFormation logical id, a Terraform address, or an ARN.
	Name string
	// Value is the resource in the API shape of its kind.
	Value ast.Object
	// IDs are the identities the resource answers to.
	IDs []Identity
	// Refs are the references the resource holds to other resources.
	Refs []Ref
	// Revision is a task definition's revision, 0 when unknown; a
	// reference by bare family picks the highest revision among the
	// candidates.
	Revision int
	// Origin says where the resource came from.
	Origin Origin
	// Locator maps paths into Value to places in the source.
	Locator Locator
	// Partial is true for a document that changes only what it names (an
	// update-service input): rules that reason from an absent field stay
	// silent on it.
	Partial bool
	// Unresolved names the inputs the resource's unknown values stand for
	// ("var.image", "Fn::ImportValue Shared-VpcId"), for the run summary.
	Unresolved []string
	// Problems are defects found while loading that a rule reports (a
	// duplicate key, a value of the wrong type); the rule named in each
	// turns it into a finding.
	Problems []Problem
	// Ignores are suppressions the source declares for this resource
	// (CloudFormation Metadata.ecslint.ignore); comments are read through
	// the Locator and tags from the Value.
	Ignores []Ignore
	// Variant names the branch of undecidable conditions this value took
	// ("IsProd=true", "IsProd=false, HasDomain=true") when a template resource's
	// Fn::If depends on a condition its parameter defaults do not decide:
	// the source then yields one resource per combination, sharing IDs,
	// Origin and Name. The analyzer relates to them as one resource and
	// merges their findings, naming the branches a finding holds on only. "" for a resource with
	// one form.
	Variant string
}

// Origin says where a resource came from; it becomes input.source.
type Origin struct {
	// Format is one of the Format constants.
	Format string
	// File is the file holding the resource ("" for a live account).
	File string
	// Pointer is the JSON pointer of the resource root in File (in a
	// template, of the resource's entry under Resources).
	Pointer string
	// Document is the 0-based document index in a multi-document YAML
	// stream.
	Document int
	// Account, Region and ARN locate a resource read from AWS.
	Account, Region, ARN string
}

// Identity is one name a resource answers to. Two resources relate when a
// reference's identity equals one of the target's identities.
type Identity struct {
	Scheme string
	Value  string
}

// Identity schemes.
const (
	// SchemeARN: the full ARN as AWS writes it.
	SchemeARN = "arn"
	// SchemeName: the resource's own name (cluster, role, load balancer,
	// target group, instance profile, launch template, Auto Scaling group,
	// service, capacity provider name).
	SchemeName = "name"
	// SchemeFamily: a task definition family (every revision answers to
	// it; a reference by family means the latest revision).
	SchemeFamily = "family"
	// SchemeFamilyRevision: "family:revision".
	SchemeFamilyRevision = "family:revision"
	// SchemeLogicalID: "<template file>#<LogicalId>", a CloudFormation
	// resource within its template.
	SchemeLogicalID = "cfn"
	// SchemeAddress: "<root directory>#<address>", a Terraform resource
	// within its root module (address with module path and index).
	SchemeAddress = "terraform"
)

func (id Identity) String() string { return id.Scheme + ":" + id.Value }

// Ref is a reference from one resource to another.
type Ref struct {
	// Rel is the relation's name (kind.Relation.Name for the holder's
	// kind).
	Rel string
	// To lists identities of the target; any one matching relates them.
	// A reference that holds only unknown values has none: it is
	// unresolved, and the analyzer says so.
	To []Identity
	// Path is where the reference sits in the holder's Value (nil when it
	// is not a field, e.g. a cluster named in user data).
	Path []any
	// Text is the reference as written, for messages ("web:7",
	// "!Ref TaskDefinition", "aws_ecs_task_definition.web").
	Text string
}

// Problem is a defect found while loading, reported by the rule it names.
type Problem struct {
	// Rule is the id of the rule that reports it (duplicate-key,
	// schema-invalid).
	Rule string
	// Path is into Value (no "resource" prefix).
	Path    []any
	Message string
}

// Ignore is a suppression declared by the source for one rule.
type Ignore struct {
	Rule    string
	Reason  string
	Expires string // YYYY-MM-DD or ""
	Source  string // where it was declared, for the report
}

// Locator maps paths into a resource's Value back to its source.
type Locator interface {
	// Locate returns where path (keys and indices into Value) is. When the
	// path is absent the nearest present ancestor is returned with
	// precision ancestor; when nothing finer than the resource is known,
	// precision resource.
	Locate(path []any) finding.Location
	// Comments returns the comments attached to path and to each of its
	// ancestors up to the resource (YAML and HCL comments, where
	// `ecslint:ignore RULE reason` directives live), nearest first.
	Comments(path []any) []string
}

// Loaded is what loading one unit gave.
type Loaded struct {
	Resources []*Resource
	// Format is what the unit was ("cloudformation", "ecs-json", ...), or
	// "" when it holds nothing ecslint reads.
	Format string
	// Warnings are things the user should know that do not fail the run
	// (a module not downloaded, a template without ECS resources).
	Warnings []string
	// Errors are failures to read part or all of the unit; resources that
	// could be read are still returned.
	Errors []*Error
	// Consumes lists other input files this unit read as part of its own
	// resources (a JSON file behind Terraform's file() call): a run that
	// also walked them lints them through this unit only, not twice.
	Consumes []string
	// Files counts the files the unit read (a Terraform root reads many).
	Files int
	// Bytes is how much the unit read; the analyzer budgets the memory it
	// keeps between passes by it (parsed, a file takes about 15 times its
	// size).
	Bytes int
}

// Error is a failure to read or parse an input, located where possible.
// Its message never quotes input beyond what SyntaxError allows.
type Error struct {
	File string
	Line int // 0 when the error has no position
	Col  int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Col, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Unit is one thing to load: a file, stdin, a Terraform root, an account
// and region. Units load independently and in parallel.
type Unit struct {
	// Name identifies the unit in errors and the summary.
	Name string
	// Explicit is true when the user named the unit: one holding nothing
	// ecslint reads is then an error rather than skipped.
	Explicit bool
	// Load reads the unit. It does not fail as a whole: errors are in
	// Loaded.Errors.
	Load func(ctx context.Context) *Loaded
	// Reloadable is true when Load may be called again and yields the
	// same resources in the same order (a file; not stdin). The analyzer
	// then keeps memory flat in large runs by dropping the unit's
	// resources after evaluating them, and loads the unit again if a
	// relation found later needs them re-evaluated.
	Reloadable bool
}
