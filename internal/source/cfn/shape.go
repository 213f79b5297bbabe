package cfn

import (
	"reflect"
	"strings"
	"sync"
	"time"

	asschemas "github.com/aws/aws-sdk-go-v2/service/autoscaling/schemas"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	ecsschemas "github.com/aws/aws-sdk-go-v2/service/ecs/schemas"
	elbschemas "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing/schemas"
	elbv2schemas "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/schemas"
	iamschemas "github.com/aws/aws-sdk-go-v2/service/iam/schemas"
	smithy "github.com/aws/smithy-go"
)

// shapeType is what a member of an API model holds, as far as converting
// a template value needs to know.
type shapeType int

const (
	tAny shapeType = iota // not in the model: passed through as written
	tObject
	tList
	tMap
	tString
	tInteger
	tNumber
	tBool
)

// shape is a member's type in the API model of a resource kind: it says
// what a template property is called in the API and which scalar type
// CloudFormation coerces its value to.
type shape struct {
	typ shapeType
	// members of an object, by API name; folded maps lower-cased names to
	// API names, since CloudFormation's PascalCase names differ from the
	// API's mostly by case (FilesystemId, fileSystemId).
	members map[string]*shape
	folded  map[string]string
	// elem is a list's item or a map's value.
	elem *shape
}

// member returns the API name and shape of a template property, or ""
// and nil when the model does not have it.
func (s *shape) member(name string) (string, *shape) {
	if s == nil || s.typ != tObject {
		return "", nil
	}
	if m, ok := s.members[name]; ok {
		return name, m
	}
	if api, ok := s.folded[strings.ToLower(name)]; ok {
		return api, s.members[api]
	}
	return "", nil
}

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

// fromSmithy converts SDK model schemas (unioned) into a shape.
type smithyConv struct {
	done map[string]*shape
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

// models holds the shape of each resource kind's value, built once from
// the SDK on first use (it walks a few thousand model members).
type models struct {
	taskDefinition, service, cluster, capacityProvider *shape
	loadBalancer, classicLoadBalancer, targetGroup     *shape
	role, instanceProfile                              *shape
	launchTemplate, launchConfiguration, autoScaling   *shape
}

var sdkModels = sync.OnceValue(func() *models {
	c := &smithyConv{done: map[string]*shape{}}
	r := &reflectConv{done: map[reflect.Type]*shape{}}
	return &models{
		taskDefinition:      c.union(ecsschemas.RegisterTaskDefinitionRequest, ecsschemas.TaskDefinition),
		service:             c.union(ecsschemas.CreateServiceRequest, ecsschemas.Service),
		cluster:             c.union(ecsschemas.CreateClusterRequest, ecsschemas.Cluster),
		capacityProvider:    c.union(ecsschemas.CreateCapacityProviderRequest, ecsschemas.CapacityProvider),
		loadBalancer:        c.union(elbv2schemas.LoadBalancer, elbv2schemas.CreateLoadBalancerInput),
		classicLoadBalancer: c.union(elbschemas.LoadBalancerDescription, elbschemas.CreateAccessPointInput),
		targetGroup:         c.union(elbv2schemas.TargetGroup, elbv2schemas.CreateTargetGroupInput),
		role:                c.union(iamschemas.Role, iamschemas.CreateRoleRequest),
		instanceProfile:     c.union(iamschemas.InstanceProfile, iamschemas.CreateInstanceProfileRequest),
		launchTemplate:      r.convert(reflect.TypeFor[ec2types.RequestLaunchTemplateData]()),
		launchConfiguration: c.union(asschemas.LaunchConfiguration, asschemas.CreateLaunchConfigurationType),
		autoScaling:         c.union(asschemas.AutoScalingGroup, asschemas.CreateAutoScalingGroupType),
	}
})
