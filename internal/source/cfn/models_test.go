package cfn

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	asschemas "github.com/aws/aws-sdk-go-v2/service/autoscaling/schemas"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	ecsschemas "github.com/aws/aws-sdk-go-v2/service/ecs/schemas"
	elbschemas "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing/schemas"
	elbv2schemas "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/schemas"
	iamschemas "github.com/aws/aws-sdk-go-v2/service/iam/schemas"
	smithy "github.com/aws/smithy-go"

	"github.com/ecslint/ecslint/internal/kind"
)

var update = flag.Bool("update", false, "rewrite generated files and golden outputs")

// smithyConv converts SDK model schemas (unioned) into a shape.
type smithyConv struct {
	done map[string]*shape
}

// add sets a member of an object shape.
func (s *shape) add(name string, m *shape) {
	if old, ok := s.members[name]; ok && old.typ == tObject && m.typ == tObject && old != m {
		// The same member in a request and a response structure: keep
		// the union of their members.
		merged := &shape{typ: tObject, members: map[string]*shape{}, folded: map[string]string{}}
		for _, src := range []*shape{old, m} {
			for k, v := range src.members {
				merged.add(k, v)
			}
		}
		m = merged
	}
	s.members[name] = m
	s.folded[strings.ToLower(name)] = name
}

func (c *smithyConv) union(schemas ...*smithy.Schema) *shape {
	out := &shape{typ: tObject, members: map[string]*shape{}, folded: map[string]string{}}
	for _, s := range schemas {
		for name, m := range s.Members() {
			out.add(name, c.convert(m))
		}
	}
	return out
}

func (c *smithyConv) convert(s *smithy.Schema) *shape {
	switch s.Type() {
	case smithy.ShapeTypeBoolean:
		return &shape{typ: tBool}
	case smithy.ShapeTypeString, smithy.ShapeTypeEnum, smithy.ShapeTypeBlob, smithy.ShapeTypeTimestamp:
		return &shape{typ: tString}
	case smithy.ShapeTypeByte, smithy.ShapeTypeShort, smithy.ShapeTypeInteger, smithy.ShapeTypeLong,
		smithy.ShapeTypeIntEnum, smithy.ShapeTypeBigInteger:
		return &shape{typ: tInteger}
	case smithy.ShapeTypeFloat, smithy.ShapeTypeDouble, smithy.ShapeTypeBigDecimal:
		return &shape{typ: tNumber}
	case smithy.ShapeTypeList, smithy.ShapeTypeSet:
		return &shape{typ: tList, elem: c.convert(s.ListMember())}
	case smithy.ShapeTypeMap:
		return &shape{typ: tMap, elem: c.convert(s.MapValue())}
	case smithy.ShapeTypeStructure, smithy.ShapeTypeUnion:
		id := s.TargetID()
		if id.Name == "" {
			id = s.ID()
		}
		key := id.Namespace + "#" + id.Name
		if sh, ok := c.done[key]; ok {
			return sh
		}
		sh := &shape{typ: tObject, members: map[string]*shape{}, folded: map[string]string{}}
		c.done[key] = sh // before the members: models are recursive
		for name, m := range s.Members() {
			sh.add(name, c.convert(m))
		}
		return sh
	}
	return &shape{typ: tAny}
}

// reflectConv converts the SDK's Go types into a shape, for EC2, whose
// module ships no model schemas. EC2's Go field names are its member
// names.
type reflectConv struct {
	done map[reflect.Type]*shape
}

var timeType = reflect.TypeFor[time.Time]()

func (c *reflectConv) convert(t reflect.Type) *shape {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		return &shape{typ: tString}
	}
	switch t.Kind() {
	case reflect.Bool:
		return &shape{typ: tBool}
	case reflect.String:
		return &shape{typ: tString}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return &shape{typ: tInteger}
	case reflect.Float32, reflect.Float64:
		return &shape{typ: tNumber}
	case reflect.Slice, reflect.Array:
		return &shape{typ: tList, elem: c.convert(t.Elem())}
	case reflect.Map:
		return &shape{typ: tMap, elem: c.convert(t.Elem())}
	case reflect.Struct:
		if sh, ok := c.done[t]; ok {
			return sh
		}
		sh := &shape{typ: tObject, members: map[string]*shape{}, folded: map[string]string{}}
		c.done[t] = sh
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || f.Anonymous {
				continue
			}
			sh.add(f.Name, c.convert(f.Type))
		}
		return sh
	}
	return &shape{typ: tAny}
}

// sdkRoots builds every kind's shape from the SDK. models.json holds
// those outside ECS; ecsRoots are the ECS kinds', which come from
// ecsmodel and must be the same.
func sdkRoots() map[string]*shape {
	c := &smithyConv{done: map[string]*shape{}}
	r := &reflectConv{done: map[reflect.Type]*shape{}}
	return map[string]*shape{
		"TaskDefinition":      c.union(ecsschemas.RegisterTaskDefinitionRequest, ecsschemas.TaskDefinition),
		"Service":             c.union(ecsschemas.CreateServiceRequest, ecsschemas.Service),
		"Cluster":             c.union(ecsschemas.CreateClusterRequest, ecsschemas.Cluster),
		"CapacityProvider":    c.union(ecsschemas.CreateCapacityProviderRequest, ecsschemas.CapacityProvider),
		"LoadBalancer":        c.union(elbv2schemas.LoadBalancer, elbv2schemas.CreateLoadBalancerInput),
		"ClassicLoadBalancer": c.union(elbschemas.LoadBalancerDescription, elbschemas.CreateAccessPointInput),
		"TargetGroup":         c.union(elbv2schemas.TargetGroup, elbv2schemas.CreateTargetGroupInput),
		"Role":                c.union(iamschemas.Role, iamschemas.CreateRoleRequest),
		"InstanceProfile":     c.union(iamschemas.InstanceProfile, iamschemas.CreateInstanceProfileRequest),
		"LaunchTemplate":      r.convert(reflect.TypeFor[ec2types.RequestLaunchTemplateData]()),
		"LaunchConfiguration": c.union(asschemas.LaunchConfiguration, asschemas.CreateLaunchConfigurationType),
		"AutoScalingGroup":    c.union(asschemas.AutoScalingGroup, asschemas.CreateAutoScalingGroupType),
	}
}

// ecsRoots are the roots sdkModels takes from ecsmodel.
var ecsRoots = []string{kind.TaskDefinition, kind.Service, kind.Cluster, kind.CapacityProvider}

// TestModelsCurrent fails when models.json is not what the SDK's models
// give, or when ecsmodel's shapes of the ECS kinds differ from them;
// -update rewrites models.json.
func TestModelsCurrent(t *testing.T) {
	t.Parallel()
	roots := sdkRoots()
	m := sdkModels()
	for _, k := range ecsRoots {
		got := map[string]*shape{
			kind.TaskDefinition: m.taskDefinition, kind.Service: m.service,
			kind.Cluster: m.cluster, kind.CapacityProvider: m.capacityProvider,
		}[k]
		if d := shapeDiff(k, roots[k], got, map[[2]*shape]bool{}); d != "" {
			t.Errorf("ecsmodel's %s differs from the SDK's: %s", k, d)
		}
		delete(roots, k)
	}
	want, err := encodeModels(roots)
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if *update {
		if err := os.WriteFile("models.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(modelsJSON, want) {
		t.Fatal("models.json is stale: run go test ./internal/source/cfn -run TestModelsCurrent -update")
	}
	if _, err := decodeModels(want); err != nil {
		t.Fatal(err)
	}
}

// shapeDiff names the first place where two shape graphs differ, or "".
func shapeDiff(path string, want, got *shape, seen map[[2]*shape]bool) string {
	if want == nil || got == nil {
		if want != got {
			return path + ": missing"
		}
		return ""
	}
	if seen[[2]*shape{want, got}] {
		return ""
	}
	seen[[2]*shape{want, got}] = true
	if want.typ != got.typ {
		return fmt.Sprintf("%s: %s, not %s", path, typeNames[got.typ], typeNames[want.typ])
	}
	if len(want.members) != len(got.members) || len(want.folded) != len(got.folded) {
		return fmt.Sprintf("%s: %d members, not %d", path, len(got.members), len(want.members))
	}
	for name, w := range want.members {
		if d := shapeDiff(path+"."+name, w, got.members[name], seen); d != "" {
			return d
		}
	}
	for folded, name := range want.folded {
		if got.folded[folded] != name {
			return fmt.Sprintf("%s: %s folds to %s, not %s", path, folded, got.folded[folded], name)
		}
	}
	return shapeDiff(path+"[]", want.elem, got.elem, seen)
}

// encodeModels is the inverse of decodeModels, with shapes numbered in
// the order a walk from the sorted roots meets them, so the file is
// stable.
func encodeModels(roots map[string]*shape) ([]byte, error) {
	w := wireModels{Roots: map[string]int{}}
	index := map[*shape]int{}
	var visit func(*shape) int
	visit = func(s *shape) int {
		if i, ok := index[s]; ok {
			return i
		}
		i := len(w.Shapes)
		index[s] = i
		w.Shapes = append(w.Shapes, wireShape{T: typeNames[s.typ]})
		ws := wireShape{T: typeNames[s.typ]}
		switch s.typ {
		case tObject:
			ws.M = map[string]int{}
			names := make([]string, 0, len(s.members))
			for n := range s.members {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				ws.M[n] = visit(s.members[n])
			}
		case tList, tMap:
			ws.E = visit(s.elem)
		}
		w.Shapes[i] = ws
		return i
	}
	names := make([]string, 0, len(roots))
	for n := range roots {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w.Roots[n] = visit(roots[n])
	}
	return json.Marshal(w)
}
