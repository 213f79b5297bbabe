// Package cfn reads CloudFormation templates (JSON or YAML, SAM templates
// alike, and the stack templates of a CDK cloud assembly) into ecslint's
// resources. It evaluates the intrinsic functions a template can decide on
// its own (parameter defaults, Fn::Sub, Fn::Join, Fn::Select, Fn::Split,
// Fn::FindInMap, Fn::If on decidable conditions), writes the rest as
// unknown values while keeping the resource a Ref or Fn::GetAtt names as a
// reference, maps property names onto the API shape of each kind with the
// SDK's models, and locates every part of the result in the template.
package cfn

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/files"
)

// maxChoices bounds the undecidable conditions a resource is expanded on:
// each doubles its variants. An Fn::If on a further condition is unknown.
const maxChoices = 3

// Format reads CloudFormation templates.
type Format struct{}

// Name implements files.Format.
func (Format) Name() string { return source.FormatCloudFormation }

// Match implements files.Format: a document with AWSTemplateFormatVersion,
// or with a Resources map whose entries have an AWS:: Type.
func (Format) Match(f *files.File) bool {
	for _, d := range f.Docs {
		if isTemplate(d.Value) {
			return true
		}
	}
	return false
}

// ClaimsYAML implements files.YAMLReader: a template names its format
// version or AWS resource types.
func (Format) ClaimsYAML(data []byte) bool {
	return bytes.Contains(data, []byte("AWS::")) || bytes.Contains(data, []byte("AWSTemplateFormatVersion"))
}

// YAMLOptions implements files.YAMLReader: YAML as CloudFormation reads
// it, version 1.1 scalars and the short-form tags in long form (read as
// the AWS CLI reads YAML, `!Ref X` would be the string "X").
func (Format) YAMLOptions() document.YAMLOptions {
	return document.YAMLOptions{Scalars: document.ScalarsYAML11, Rewrite: longForm}
}

// Load implements files.Format.
func (c Format) Load(_ context.Context, f *files.File) *source.Loaded {
	out := &source.Loaded{Format: source.FormatCloudFormation, Files: 1}
	docs := f.Docs
	if f.YAML && f.ReadBy != files.YAMLReader(c) {
		// Parsed as the AWS CLI reads YAML (the file did not look like a
		// template from its bytes): again, as CloudFormation reads it.
		var err error
		if docs, err = document.ParseYAMLWith(f.Data, c.YAMLOptions()); err != nil {
			out.Errors = append(out.Errors, located(f.Name, err))
			return out
		}
	}
	for i, d := range docs {
		if !isTemplate(d.Value) {
			continue
		}
		loadTemplate(newTemplate(f.Name, i, d), out)
	}
	return out
}

// located turns a parse error into a source error with its position.
func located(file string, err error) *source.Error {
	e := &source.Error{File: file, Err: err}
	var se *document.SyntaxError
	if errors.As(err, &se) {
		e.Line, e.Col = se.Pos.Line, se.Pos.Column
		e.Err = fmt.Errorf("%s", se.Msg)
	}
	return e
}

// loader builds the resources of one template.
type loader struct {
	t *template
	// associations are the evaluated properties of the
	// ClusterCapacityProviderAssociations naming each cluster.
	associations map[string][]*node
	// forwards are the target group references of the listeners (and
	// their rules) of each load balancer.
	forwards map[string][]*node
}

// loadTemplate adds to out every resource of the kinds ecslint reads,
// and the warnings about what the template holds that is not linted.
func loadTemplate(t *template, out *source.Loaded) {
	l := &loader{t: t, associations: map[string][]*node{}, forwards: map[string][]*node{}}
	l.auxiliary()
	for _, e := range t.resources {
		sp := specs[e.typ]
		if sp == nil || !l.exists(e) {
			continue
		}
		out.Resources = append(out.Resources, l.variants(e, sp)...)
	}
	out.Warnings = append(out.Warnings, t.warnings...)
}

// exists reports whether a resource is created when the stack takes its
// parameter defaults (a Condition that is false removes it; one that
// cannot be decided keeps it).
func (l *loader) exists(e *entry) bool {
	if e.condition == "" {
		return true
	}
	return newEvaluator(l.t, nil).condition(e.condition) != no
}

// auxiliary reads the resources that add to others: capacity provider
// associations (to their cluster) and listeners (to their load balancer).
func (l *loader) auxiliary() {
	listenerLB := map[string]string{}
	var rules []*entry
	for _, e := range l.t.resources {
		if !l.exists(e) {
			continue
		}
		switch e.typ {
		case typeClusterCPs:
			p := newEvaluator(l.t, nil).eval(e.props, e.ptr+"/Properties")
			if c := l.linked(p.get("Cluster"), typeCluster); c != "" {
				l.associations[c] = append(l.associations[c], p)
			}
		case typeListener:
			p := newEvaluator(l.t, nil).eval(e.props, e.ptr+"/Properties")
			lb := l.linked(p.get("LoadBalancerArn"), typeLoadBalancer)
			if lb == "" {
				continue
			}
			listenerLB[e.logical] = lb
			l.forwards[lb] = append(l.forwards[lb], targetGroups(p.get("DefaultActions"))...)
		case typeListenerRule:
			rules = append(rules, e)
		}
	}
	for _, e := range rules {
		p := newEvaluator(l.t, nil).eval(e.props, e.ptr+"/Properties")
		if lb := listenerLB[l.linked(p.get("ListenerArn"), typeListener)]; lb != "" {
			l.forwards[lb] = append(l.forwards[lb], targetGroups(p.get("Actions"))...)
		}
	}
}

// linked returns the logical id of the resource of type typ that n
// names, or "".
func (l *loader) linked(n *node, typ string) string {
	for _, k := range n.allLinks() {
		if e := l.t.byID[k.logical]; e != nil && e.typ == typ {
			return k.logical
		}
	}
	return ""
}

// targetGroups lists the target group references of listener actions.
func targetGroups(actions *node) []*node {
	if actions == nil || actions.kind != nArray {
		return nil
	}
	var out []*node
	for _, a := range actions.vals {
		if tg := a.get("TargetGroupArn"); tg != nil {
			out = append(out, tg)
		}
		if tgs := at(a, "ForwardConfig", "TargetGroups"); tgs != nil && tgs.kind == nArray {
			for _, t := range tgs.vals {
				if tg := t.get("TargetGroupArn"); tg != nil {
					out = append(out, tg)
				}
			}
		}
	}
	return out
}

// variants builds a resource once per combination of the undecidable
// conditions its Fn::If functions depend on (up to maxChoices of them).
func (l *loader) variants(e *entry, sp *spec) []*source.Resource {
	var out []*source.Resource
	queue := []map[string]bool{{}}
	for len(queue) > 0 {
		choice := queue[0]
		queue = queue[1:]
		b := l.build(e, sp, choice)
		if b.opaque {
			l.t.warnings = append(l.t.warnings, fmt.Sprintf("%s: the properties of %s are unknown (%s): it is not linted", l.t.file, e.logical, opaqueWhat(e.props)))
			return nil
		}
		if len(choice) < maxChoices {
			if c := firstUnchosen(b.ev.met, choice); c != "" {
				for _, v := range []bool{true, false} {
					next := map[string]bool{c: v}
					for k, x := range choice {
						next[k] = x
					}
					queue = append(queue, next)
				}
				continue
			}
		}
		out = append(out, b.resource(variantLabel(choice)))
	}
	return out
}

// opaqueWhat names what makes properties unknown.
func opaqueWhat(props ast.Value) string {
	if fn, _, ok := intrinsic(props); ok {
		return fn
	}
	return "not an object"
}

func firstUnchosen(met, choice map[string]bool) string {
	var names []string
	for c := range met {
		if _, ok := choice[c]; !ok {
			names = append(names, c)
		}
	}
	if len(names) == 0 {
		return ""
	}
	sort.Strings(names)
	return names[0]
}

// variantLabel names a combination of conditions: "IsProd=true,
// HasDomain=false".
func variantLabel(choice map[string]bool) string {
	names := make([]string, 0, len(choice))
	for c := range choice {
		names = append(names, c)
	}
	sort.Strings(names)
	for i, c := range names {
		names[i] = fmt.Sprintf("%s=%t", c, choice[c])
	}
	return strings.Join(names, ", ")
}

// build evaluates and converts one variant of a resource.
func (l *loader) build(e *entry, sp *spec, choice map[string]bool) *builder {
	b := &builder{l: l, e: e, sp: sp, ev: newEvaluator(l.t, choice)}
	props := b.ev.eval(e.props, e.ptr+"/Properties")
	if props == nil || props.kind != nObject {
		// Properties unknown as a whole (an AWS::Include transform) say
		// nothing of any field: variants drops the resource, with a
		// warning, rather than let a rule read absences into it.
		b.opaque = e.props != nil
		props = &node{kind: nObject, ptr: e.ptr}
	}
	if sp.prepare != nil {
		props = sp.prepare(b, props)
	}
	if sp.kind == "LaunchTemplate" {
		if init := get(e.metadata, "AWS::CloudFormation::Init"); init != nil {
			b.extraText = stringsIn(b.ev.eval(init, e.ptr+"/Metadata/AWS::CloudFormation::Init"))
		}
	}
	b.conv = newConverter(l.t, sp.ecs)
	b.value = b.conv.convert(props, sp.model(sdkModels()), "")
	if sp.refs != nil {
		sp.refs(b)
	}
	return b
}

// stringsIn lists the string nodes under n.
func stringsIn(n *node) []*node {
	if n == nil {
		return nil
	}
	if n.kind == nString {
		return []*node{n}
	}
	var out []*node
	for _, v := range n.vals {
		out = append(out, stringsIn(v)...)
	}
	return out
}

// resource assembles the built variant.
func (b *builder) resource(variant string) *source.Resource {
	t, e := b.l.t, b.e
	ids := []source.Identity{b.cfnID(e.logical)}
	var own *node
	if b.sp.nameKey != "" {
		own = at(b.value, b.sp.nameKey)
	} else {
		own = b.ltName
	}
	if s, ok := own.text(); ok && own.known() && s != "" {
		scheme := source.SchemeName
		if b.sp.kind == "TaskDefinition" {
			scheme = source.SchemeFamily
		}
		ids = append(ids, source.Identity{Scheme: scheme, Value: s})
	}
	value, _ := b.value.toValue().(ast.Object)
	if value == nil {
		value = ast.NewObject()
	}
	conv, root, construct := b.conv, e.ptr, b.construct()
	loc := &lazyLocator{build: func() *source.MapLocator { return conv.locator(root, construct) }}
	return &source.Resource{
		Kind:       b.sp.kind,
		Name:       e.logical,
		Value:      value,
		IDs:        ids,
		Refs:       b.refs,
		Origin:     source.Origin{Format: source.FormatCloudFormation, File: t.file, Pointer: e.ptr, Document: t.docIndex},
		Locator:    loc,
		Unresolved: b.ev.unresolvedList(),
		Ignores:    ignores(e),
		Variant:    variant,
	}
}

// construct is the CDK construct path of the resource.
func (b *builder) construct() string {
	if s, ok := get(b.e.metadata, "aws:cdk:path").(ast.String); ok {
		return string(s)
	}
	return b.l.t.cdkPaths[b.e.logical]
}

// ignores reads Metadata.ecslint.ignore: a list of {rule, reason,
// expires}.
func ignores(e *entry) []source.Ignore {
	list, ok := get(get(e.metadata, "ecslint"), "ignore").(*ast.Array)
	if !ok {
		return nil
	}
	var out []source.Ignore
	for i := 0; i < list.Len(); i++ {
		ig := source.Ignore{Source: "Metadata.ecslint.ignore of " + e.logical}
		switch v := list.Elem(i).Value.(type) {
		case ast.String:
			ig.Rule = string(v)
		case ast.Object:
			ig.Rule = scalarText(get(v, "rule"))
			ig.Reason = scalarText(get(v, "reason"))
			ig.Expires = scalarText(get(v, "expires"))
		}
		if ig.Rule != "" {
			out = append(out, ig)
		}
	}
	return out
}

func scalarText(v ast.Value) string {
	switch x := v.(type) {
	case ast.String:
		return string(x)
	case ast.Number:
		return string(x)
	}
	return ""
}
