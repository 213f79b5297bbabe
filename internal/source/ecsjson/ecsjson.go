// Package ecsjson is the source for raw ECS documents in JSON or YAML:
// RegisterTaskDefinition / CreateService / UpdateService input (what
// --cli-input-json and --cli-input-yaml take), the describe-* and
// create-service outputs, and bare container definition arrays. Its
// locator is the position index the parser built, so findings point at
// the exact key.
package ecsjson

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/files"
	"github.com/ecslint/ecslint/internal/validate"
)

// Format reads raw ECS documents. It is the last format asked: anything a
// template or plan format claims is not raw ECS.
type Format struct{}

// Name implements files.Format.
func (Format) Name() string { return source.FormatECSJSON }

// Match implements files.Format: the file holds at least one ECS document.
func (Format) Match(f *files.File) bool {
	for _, d := range f.Docs {
		if len(detect(d.Value)) > 0 {
			return true
		}
	}
	return false
}

// Load implements files.Format.
func (Format) Load(_ context.Context, f *files.File) *source.Loaded {
	format := source.FormatECSJSON
	if f.YAML {
		format = source.FormatECSYAML
	}
	l := &source.Loaded{Format: format, Files: 1}
	for i, d := range f.Docs {
		for _, fd := range detect(d.Value) {
			l.Resources = append(l.Resources, resource(f.Name, format, i, d, fd))
		}
	}
	return l
}

func resource(file, format string, docIndex int, d *document.Document, fd found) *source.Resource {
	r := &source.Resource{
		Kind:    fd.kind,
		Name:    name(fd, file),
		Value:   fd.value,
		Origin:  source.Origin{Format: format, File: file, Pointer: fd.pointer, Document: docIndex},
		Partial: fd.partial,
		Locator: &Locator{doc: d, file: file, docIndex: docIndex, base: fd.pointer, moved: fd.moved, wrapped: fd.wrapped},
	}
	r.Problems = duplicates(d, fd)
	r.IDs = IDs(fd.kind, fd.value)
	r.Refs = Refs(fd.kind, fd.value)
	if fd.kind == kind.TaskDefinition {
		r.Revision = taskDefinitionID(fd.value).Revision
	}
	return r
}

// duplicates are the keys given twice within the resource, as problems for
// the duplicate-key rule, with paths into its value: a wrapped array's
// paths start with the wrapping key, moved members' (describe output's
// tags) with their own.
func duplicates(d *document.Document, fd found) []source.Problem {
	if len(d.Duplicates()) == 0 {
		return nil
	}
	if fd.wrapped != "" {
		return validate.Duplicates(d, fd.pointer, d.Value, fd.wrapped)
	}
	out := validate.Duplicates(d, fd.pointer, fd.value)
	for key, ptr := range fd.moved {
		if t := fd.value.Get(ast.StringTerm(key)); t != nil {
			out = append(out, validate.Duplicates(d, ptr, t.Value, key)...)
		}
	}
	return out
}

// name picks the name a user recognises: family:revision or the family
// for task definitions, the service name for services, else the ARN, else
// the file.
func name(fd found, file string) string {
	obj := fd.value
	switch fd.kind {
	case kind.TaskDefinition:
		if fam, ok := GetString(obj, "family"); ok && fam != "" {
			if rev := obj.Get(ast.StringTerm("revision")); rev != nil {
				if n, ok := rev.Value.(ast.Number); ok {
					return fam + ":" + n.String()
				}
			}
			return fam
		}
		if arn, ok := GetString(obj, "taskDefinitionArn"); ok && arn != "" {
			return arn
		}
	case kind.Service:
		for _, k := range []string{"serviceName", "service", "serviceArn"} {
			if n, ok := GetString(obj, k); ok && n != "" {
				return n
			}
		}
	}
	base := filepath.Base(file)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Locator maps paths into a resource to the parsed document's positions.
type Locator struct {
	doc      *document.Document
	file     string
	docIndex int
	base     string
	moved    map[string]string
	wrapped  string
}

// pointer is the file pointer of a path into the resource's value.
func (l *Locator) pointer(path []any) string {
	base := l.base
	if l.wrapped != "" && len(path) > 0 && path[0] == l.wrapped {
		path = path[1:]
	}
	if len(path) > 0 {
		if k, ok := path[0].(string); ok {
			if to, ok := l.moved[k]; ok {
				if _, _, found := l.doc.Lookup(to); found {
					return document.Pointer(to, path[1:]...)
				}
			}
		}
	}
	return document.Pointer(base, path...)
}

// Locate implements source.Locator.
func (l *Locator) Locate(path []any) finding.Location {
	loc := finding.Location{File: l.file, Pointer: l.pointer(path), Document: l.docIndex}
	rng, found, exact := l.doc.Lookup(loc.Pointer)
	loc.Start, loc.End = rng.Start, rng.End
	switch {
	case exact:
		loc.Precision = finding.PrecisionExact
	case len(found) > len(l.base) || (found == l.base && len(loc.Pointer) > len(l.base)):
		loc.Precision = finding.PrecisionAncestor
	default:
		loc.Precision = finding.PrecisionResource
	}
	return loc
}

// Comments implements source.Locator: the comments on the path and on
// every ancestor up to the document's head comment, which a
// describe-services file's services share.
func (l *Locator) Comments(path []any) []string {
	var out []string
	ptr := l.pointer(path)
	for {
		out = append(out, l.doc.Comments(ptr)...)
		if ptr == "" {
			return out
		}
		i := strings.LastIndexByte(ptr, '/')
		ptr = ptr[:max(i, 0)]
	}
}
