package ecsmodel

// The model's generator: it builds the shapes from the SDK's Smithy
// schemas, which only tests import, and TestModelCurrent writes them to
// model.json.

import (
	"bytes"
	"os"
	"slices"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ecs/schemas"
	smithy "github.com/aws/smithy-go"

	"github.com/ecslint/ecslint/internal/kind"
)

// TestModelCurrent builds the model from the SDK's schemas and fails when
// model.json differs; ECSLINT_UPDATE_DOCS=1 rewrites it.
func TestModelCurrent(t *testing.T) {
	t.Parallel()
	got, err := encode(build())
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if os.Getenv("ECSLINT_UPDATE_DOCS") != "" {
		if err := os.WriteFile("model.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(got, modelJSON) {
		t.Fatal("model.json is stale: run ECSLINT_UPDATE_DOCS=1 go test ./internal/ecsmodel/")
	}
}

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

// build converts the schemas of every kind's roots into shapes.
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

// TestModelRoundTrip decodes model.json and encodes it again: the runtime
// model is exactly the generated one.
func TestModelRoundTrip(t *testing.T) {
	t.Parallel()
	m, err := decode(modelJSON)
	if err != nil {
		t.Fatal(err)
	}
	again, err := encode(m)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(append(again, '\n'), modelJSON) {
		t.Fatal("decoding and encoding model.json changes it")
	}
}
