package ecsmodel

// The model's generator: it builds the shapes from the SDK's Smithy
// schemas, which only tests import, with the enum values and required
// members the schemas lack read from the SDK's Go sources, and
// TestModelCurrent writes them to model.json.

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ecs/schemas"
	smithy "github.com/aws/smithy-go"

	"github.com/ecslint/ecslint/internal/kind"
)

const sdkModule = "github.com/aws/aws-sdk-go-v2/service/ecs"

// TestModelCurrent builds the model from the SDK and fails when model.json
// differs; ECSLINT_UPDATE_DOCS=1 rewrites it. It also fails when an enum or
// a required member of the model cannot be matched with the SDK's Go code
// (types/enums.go for enum values, validators.go for required members), so
// an SDK upgrade cannot leave a shape unchecked.
func TestModelCurrent(t *testing.T) {
	t.Parallel()
	got, err := encode(build(t))
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
func build(t *testing.T) model {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", sdkModule).Output()
	if err != nil {
		t.Fatalf("locate %s: %v", sdkModule, err)
	}
	dir := strings.TrimSpace(string(out))
	b := &builder{
		t:        t,
		enums:    readEnums(t, filepath.Join(dir, "types", "enums.go")),
		required: readRequired(t, filepath.Join(dir, "validators.go")),
		shapes:   map[string]*Shape{},
		merged:   map[[2]*Shape]*Shape{},
	}
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
	t *testing.T
	// enums are the values of the SDK's enum types, by Go type name.
	enums map[string][]string
	// required are the fields the SDK's validators require, by Go type
	// name.
	required map[string][]string
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
		sh.Enum = b.enum(s, name)
	case smithy.ShapeTypeByte:
		sh.Type, sh.Bits = Integer, 8
	case smithy.ShapeTypeShort:
		sh.Type, sh.Bits = Integer, 16
	case smithy.ShapeTypeInteger:
		sh.Type, sh.Bits = Integer, 32
	case smithy.ShapeTypeIntEnum:
		// Checked as every enum is, so that a new one gets looked at; the
		// model does not list integer values.
		b.enum(s, name)
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
		sh.Required = sortedUnion(b.requiredMembers(s, name), extraRequired[name])
	default:
		sh.Type = Any
	}
	return sh
}

// enum is the values of enum shape s, from the SDK's Go type of its name.
func (b *builder) enum(s *smithy.Schema, name string) []string {
	vals, ok := b.enums[name]
	if !ok {
		b.t.Errorf("enum %s: no Go type with its values in types/enums.go", name)
		return nil
	}
	if n := len(s.Members()); n != len(vals) {
		b.t.Errorf("enum %s: %d values in the model, %d in types/enums.go", name, n, len(vals))
	}
	return vals
}

// requiredMembers is the wire names of the members structure s (named
// name) must have, sorted, from the SDK's validator of its Go type (an
// operation's XRequest is the Go XInput).
func (b *builder) requiredMembers(s *smithy.Schema, name string) []string {
	goName := name
	if base, ok := strings.CutSuffix(name, "Request"); ok {
		goName = base + "Input"
	}
	var members []string
	for _, f := range b.required[goName] {
		m := memberFor(s, f)
		if m == "" {
			b.t.Errorf("%s: validator requires %s, which is no member of the model's %s", goName, f, name)
			continue
		}
		members = append(members, m)
	}
	sort.Strings(members)
	return members
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

// memberFor finds the wire name of the member a Go field stands for: the
// SDK capitalises the member name.
func memberFor(s *smithy.Schema, field string) string {
	for n := range s.Members() {
		if strings.EqualFold(n, field) {
			return n
		}
	}
	return ""
}

// readEnums reads `Name Type = "value"` constants, grouped by type in
// source order.
func readEnums(t *testing.T, file string) map[string][]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			typ, ok := vs.Type.(*ast.Ident)
			if !ok || len(vs.Values) != 1 {
				continue
			}
			lit, ok := vs.Values[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				continue
			}
			v, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			out[typ.Name] = append(out[typ.Name], v)
		}
	}
	return out
}

// readRequired reads, for each validateX(v *types.X) and
// validateOpXInput(v *XInput), the fields it reports with
// smithy.NewErrParamRequired("Field").
func readRequired(t *testing.T, file string) map[string][]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || !strings.HasPrefix(fd.Name.Name, "validate") || fd.Type.Params.NumFields() != 1 {
			continue
		}
		star, ok := fd.Type.Params.List[0].Type.(*ast.StarExpr)
		if !ok {
			continue
		}
		var typ string
		switch x := star.X.(type) {
		case *ast.Ident:
			typ = x.Name
		case *ast.SelectorExpr:
			typ = x.Sel.Name
		default:
			continue
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 1 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "NewErrParamRequired" {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				field, err := strconv.Unquote(lit.Value)
				if err == nil {
					out[typ] = append(out[typ], field)
				}
			}
			return true
		})
	}
	return out
}

// encode writes m in the wire form, shapes numbered in the order a walk
// from the sorted roots meets them, so the output is stable.
func encode(m model) ([]byte, error) {
	w := wire{Roots: map[string]int{}, Updates: map[string]int{}}
	index := map[*Shape]int{}
	var visit func(s *Shape) int
	visit = func(s *Shape) int {
		if i, ok := index[s]; ok {
			return i
		}
		i := len(w.Shapes)
		index[s] = i
		w.Shapes = append(w.Shapes, wireShape{})
		ws := wireShape{Name: s.Name, Type: s.Type, Bits: s.Bits, Enum: s.Enum, Required: s.Required, MinItems: s.MinItems}
		if s.Members != nil {
			ws.Members = make(map[string]int, len(s.Members))
			names := make([]string, 0, len(s.Members))
			for n := range s.Members {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				ws.Members[n] = visit(s.Members[n])
			}
		}
		if s.Elem != nil {
			e := visit(s.Elem)
			ws.Elem = &e
		}
		w.Shapes[i] = ws
		return i
	}
	for _, k := range slices.Sorted(maps.Keys(m.roots)) {
		w.Roots[k] = visit(m.roots[k])
	}
	for _, k := range slices.Sorted(maps.Keys(m.updates)) {
		w.Updates[k] = visit(m.updates[k])
	}
	return json.MarshalIndent(w, "", " ")
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
