// Package files is the file side of ecslint's sources: it expands the
// paths a user names into units (files, stdin, Terraform module
// directories), reads each file once, parses it as JSON or YAML with
// positions, and hands it to the first format that claims it (a
// CloudFormation template, a Terraform plan, raw ECS JSON/YAML).
package files

import (
	"context"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/source"
)

// File is one input file, read and parsed once.
type File struct {
	// Name is the path as given or walked ("<stdin>" for standard input).
	Name string
	Data []byte
	// YAML is true when the file was parsed as YAML.
	YAML bool
	// Docs are the parsed documents (one for JSON, one per YAML document).
	Docs []*document.Document
	// ReadBy is the format whose YAML rules parsed Docs; nil when YAML
	// was read as the AWS CLI reads it (and for JSON).
	ReadBy YAMLReader
}

// Format reads one kind of file. Formats are asked in order; the first
// that matches loads the file.
type Format interface {
	// Name is the format's name in the run summary ("cloudformation").
	Name() string
	// Match reports whether f is this format's (cheap: it looks at the
	// top-level keys of the parsed documents).
	Match(f *File) bool
	// Load turns f into resources. It may parse f.Data again with rules
	// of its own (CloudFormation's YAML tags).
	Load(ctx context.Context, f *File) *source.Loaded
}

// YAMLReader is a format that reads YAML by rules of its own
// (CloudFormation: YAML 1.1 scalars, short-form tags). A YAML file it
// claims from its bytes is parsed once, by its rules, instead of once as
// the AWS CLI reads YAML and again by the format.
type YAMLReader interface {
	Format
	// ClaimsYAML is a cheap test of the raw bytes: the file is likely the
	// format's. Match still decides.
	ClaimsYAML(data []byte) bool
	// YAMLOptions are the rules the format reads YAML by.
	YAMLOptions() document.YAMLOptions
}
