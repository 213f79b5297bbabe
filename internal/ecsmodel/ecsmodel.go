// Package ecsmodel is the ECS API model as ecslint reads it: for each ECS
// kind of resource, the shape its value takes (RegisterTaskDefinition input
// merged with describe-task-definition output, CreateService input with
// describe-services output, and so on), built from the Smithy schemas the
// AWS SDK for Go ships. Those schemas carry types and member names but not
// enum values nor required members; the SDK keeps those in its types and
// validators, from which model_gen.go is generated.
package ecsmodel

import (
	"slices"
	"sort"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/ecs/schemas"
	smithy "github.com/aws/smithy-go"

	"github.com/ecslint/ecslint/internal/kind"
)

// Type is the JSON type a shape takes.
type Type uint8

// Types of shape.
const (
	// Any is a Smithy document: any JSON value.
	Any Type = iota
	Boolean
	// String covers enums (Shape.Enum) and blobs.
	String
	// Integer is a whole number within Shape.Bits.
	Integer
	// Number is a float, double or big decimal.
	Number
	// Timestamp is a string or a number: the AWS CLI prints ISO dates or
	// epoch seconds.
	Timestamp
	List
	Map
	Structure
)

// Shape is one shape of the model. Shapes are shared and must not be
// modified.
type Shape struct {
	// Name is the Smithy shape name ("ContainerDefinition"), for messages.
	Name string
	Type Type
	// Bits bounds an Integer: 8, 16, 32 or 64; 0 is unbounded.
	Bits int
	// Enum lists the values a String takes, nil when any string goes.
	Enum []string
	// Members are a Structure's members by wire name.
	Members map[string]*Shape
	// Required lists the members a Structure must have, sorted.
	Required []string
	// Elem is a List's element or a Map's value.
	Elem *Shape
	// MinItems is the fewest elements a List may hold.
	MinItems int
}

// HasEnum reports whether v is one of s's enum values.
func (s *Shape) HasEnum(v string) bool { return slices.Contains(s.Enum, v) }

// shapes names the Smithy structures a kind's value takes.
type shapes struct {
	// input is the create or register input, whose required members
	// apply at the root.
	input *smithy.Schema
	// outputs are the describe outputs, merged with input into the root.
	outputs []*smithy.Schema
	// update is the update input, a document of its own (partial).
	update *smithy.Schema
}

// roots lists the shapes of each ECS kind.
func roots() map[string]shapes {
	return map[string]shapes{
		kind.TaskDefinition:   {input: schemas.RegisterTaskDefinitionRequest, outputs: []*smithy.Schema{schemas.TaskDefinition}},
		kind.Service:          {input: schemas.CreateServiceRequest, outputs: []*smithy.Schema{schemas.Service}, update: schemas.UpdateServiceRequest},
		kind.Cluster:          {input: schemas.CreateClusterRequest, outputs: []*smithy.Schema{schemas.Cluster}},
		kind.CapacityProvider: {input: schemas.CreateCapacityProviderRequest, outputs: []*smithy.Schema{schemas.CapacityProvider}},
	}
}

// model holds the roots by kind.
type model struct {
	roots, updates map[string]*Shape
}

var load = sync.OnceValue(build)

// Root returns the shape of a kind's value (its create input merged with
// its describe output), or nil for a kind outside the ECS model
// (LoadBalancer, Role...).
func Root(k string) *Shape { return load().roots[k] }

// UpdateRoot returns the shape of a kind's update input (UpdateService for
// a service), which names only what it changes; nil when the kind has
// none.
func UpdateRoot(k string) *Shape { return load().updates[k] }

// Members lists the top-level member names of a kind's value, sorted: what
// a create input or a describe output of that kind may hold at its root.
func Members(k string) []string { return memberNames(Root(k)) }

// UpdateMembers lists the top-level member names of a kind's update
// input, sorted; nil when the kind has none.
func UpdateMembers(k string) []string { return memberNames(UpdateRoot(k)) }

func memberNames(s *Shape) []string {
	if s == nil {
		return nil
	}
	out := make([]string, 0, len(s.Members))
	for n := range s.Members {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func build() model {
	b := &builder{shapes: map[string]*Shape{}, merged: map[[2]*Shape]*Shape{}}
	m := model{roots: map[string]*Shape{}, updates: map[string]*Shape{}}
	for k, sh := range roots() {
		root := b.shape(sh.input)
		for _, o := range sh.outputs {
			root = b.merge(root, b.shape(o), false)
		}
		m.roots[k] = root
		if sh.update != nil {
			m.updates[k] = b.shape(sh.update)
		}
	}
	td := m.roots[kind.TaskDefinition]
	m.roots[kind.ContainerDefinitions] = &Shape{
		Name:     "ContainerDefinitions",
		Type:     Structure,
		Members:  map[string]*Shape{"containerDefinitions": td.Members["containerDefinitions"]},
		Required: []string{"containerDefinitions"},
	}
	return m
}

type builder struct {
	// shapes are the converted named shapes, so recursion ends and shared
	// shapes stay shared.
	shapes map[string]*Shape
	// merged are the unions already built.
	merged map[[2]*Shape]*Shape
}

// extraRequired are members the model leaves optional but ECS rejects a
// document without: RegisterTaskDefinition fails with "Container.name
// should not be null or empty" and likewise for image.
var extraRequired = map[string][]string{
	"ContainerDefinition": {"image", "name"},
}

// minItems are lists ECS rejects empty: a task definition needs a
// container.
var minItems = map[string]int{
	"ContainerDefinitions": 1,
}

func (b *builder) shape(s *smithy.Schema) *Shape {
	id := s.TargetID()
	if id.Name == "" {
		id = s.ID()
	}
	name, key := id.Name, id.Namespace+"#"+id.Name
	if sh, ok := b.shapes[key]; ok {
		return sh
	}
	sh := &Shape{Name: name}
	b.shapes[key] = sh
	switch s.Type() {
	case smithy.ShapeTypeBoolean:
		sh.Type = Boolean
	case smithy.ShapeTypeString, smithy.ShapeTypeBlob:
		sh.Type = String
	case smithy.ShapeTypeEnum:
		sh.Type = String
		sh.Enum = enumValues[name]
	case smithy.ShapeTypeByte:
		sh.Type, sh.Bits = Integer, 8
	case smithy.ShapeTypeShort:
		sh.Type, sh.Bits = Integer, 16
	case smithy.ShapeTypeInteger, smithy.ShapeTypeIntEnum:
		sh.Type, sh.Bits = Integer, 32
	case smithy.ShapeTypeLong:
		sh.Type, sh.Bits = Integer, 64
	case smithy.ShapeTypeBigInteger:
		sh.Type = Integer
	case smithy.ShapeTypeFloat, smithy.ShapeTypeDouble, smithy.ShapeTypeBigDecimal:
		sh.Type = Number
	case smithy.ShapeTypeTimestamp:
		sh.Type = Timestamp
	case smithy.ShapeTypeList, smithy.ShapeTypeSet:
		sh.Type = List
		sh.Elem = b.shape(s.ListMember())
		sh.MinItems = minItems[name]
	case smithy.ShapeTypeMap:
		sh.Type = Map
		sh.Elem = b.shape(s.MapValue())
	case smithy.ShapeTypeStructure, smithy.ShapeTypeUnion:
		sh.Type = Structure
		sh.Members = make(map[string]*Shape, len(s.Members()))
		for n, m := range s.Members() {
			sh.Members[n] = b.shape(m)
		}
		sh.Required = sortedUnion(requiredMembers[name], extraRequired[name])
	default:
		sh.Type = Any
	}
	return sh
}

// merge is the union of two shapes a member takes in the input and in the
// output of the API (a cluster's serviceConnectDefaults is a request
// structure in CreateCluster and another structure in describe-clusters).
// A value valid for either is valid for the union, so structures merge
// their members, and a member is required only where both require it,
// except at a kind's root (top), where the input's required members hold:
// describe output always carries them.
func (b *builder) merge(x, y *Shape, nested bool) *Shape {
	if x == y {
		return x
	}
	if m, ok := b.merged[[2]*Shape{x, y}]; ok {
		return m
	}
	if x.Type != y.Type {
		return &Shape{Name: x.Name + "|" + y.Name, Type: Any}
	}
	out := &Shape{Name: x.Name, Type: x.Type, Bits: max(x.Bits, y.Bits), MinItems: min(x.MinItems, y.MinItems)}
	b.merged[[2]*Shape{x, y}] = out
	if x.Bits == 0 || y.Bits == 0 {
		out.Bits = 0
	}
	switch x.Type {
	case String:
		if x.Enum != nil && y.Enum != nil {
			out.Enum = sortedUnion(x.Enum, y.Enum)
		}
	case List, Map:
		out.Elem = b.merge(x.Elem, y.Elem, true)
	case Structure:
		out.Members = make(map[string]*Shape, len(x.Members)+len(y.Members))
		for n, m := range x.Members {
			out.Members[n] = m
		}
		for n, m := range y.Members {
			if prev, ok := out.Members[n]; ok {
				m = b.merge(prev, m, true)
			}
			out.Members[n] = m
		}
		if nested {
			for _, r := range x.Required {
				if slices.Contains(y.Required, r) {
					out.Required = append(out.Required, r)
				}
			}
		} else {
			out.Required = x.Required
		}
	}
	return out
}

func sortedUnion(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := append(append([]string(nil), a...), b...)
	sort.Strings(out)
	return slices.Compact(out)
}
