// Package schemagen generates the JSON Schema of the input document rules
// see (rules/input.schema.json) from the API models that ship with the AWS
// SDK for Go, so the schema names every field AWS documents, with its exact
// wire name, and nothing else. Rules are type-checked against it, which
// turns a typo such as input.resource.containerDefinition into a compile
// error.
//
// ECS kinds are closed: their values hold the ECS API's members only. The
// other kinds (load balancers, target groups, IAM roles and instance
// profiles, launch templates, Auto Scaling groups) list their service's
// members but stay open, since a template or plan may carry properties of
// its own beside them (a target group's Targets, a role's Policies).
package schemagen

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"time"

	asschemas "github.com/aws/aws-sdk-go-v2/service/autoscaling/schemas"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs/schemas"
	elbschemas "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing/schemas"
	elbv2schemas "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/schemas"
	iamschemas "github.com/aws/aws-sdk-go-v2/service/iam/schemas"
	smithy "github.com/aws/smithy-go"

	"github.com/ecslint/ecslint/internal/kind"
)

// defName is the definition of each kind's value. The other services'
// kinds carry their service's prefix: ECS has structures of the same
// names (an ECS LoadBalancer is a service's load balancer entry).
var defName = map[string]string{
	kind.LoadBalancer:     "elbv2.LoadBalancer",
	kind.TargetGroup:      "elbv2.TargetGroup",
	kind.Role:             "iam.Role",
	kind.InstanceProfile:  "iam.InstanceProfile",
	kind.LaunchTemplate:   "ec2.LaunchTemplateData",
	kind.AutoScalingGroup: "autoscaling.AutoScalingGroup",
}

// kindRef refers to the definition of a kind's value.
func kindRef(k string) map[string]any {
	if d, ok := defName[k]; ok {
		return ref(d)
	}
	return ref(k)
}

type gen struct {
	defs map[string]any
	// open: structures of the current service accept members beyond the
	// model's.
	open bool
	// prefix names the definitions of a service other than ECS, whose
	// structure names (Tag, Listener) would collide with ECS's.
	prefix string
}

// Generate returns the schema, indented, with a trailing newline.
func Generate() ([]byte, error) {
	g := &gen{defs: map[string]any{}}
	g.defs[kind.TaskDefinition] = g.merged(schemas.RegisterTaskDefinitionRequest, schemas.TaskDefinition)
	g.defs[kind.Service] = g.merged(schemas.CreateServiceRequest, schemas.Service)
	g.defs[kind.Cluster] = g.merged(schemas.CreateClusterRequest, schemas.Cluster)
	g.defs[kind.CapacityProvider] = g.merged(schemas.CreateCapacityProviderRequest, schemas.CapacityProvider)
	g.defs[kind.ContainerDefinitions] = map[string]any{
		"type": "object", "additionalProperties": false,
		"properties": map[string]any{"containerDefinitions": map[string]any{"type": "array", "items": ref("ContainerDefinition")}},
	}
	g.open = true
	g.prefix = "elbv2."
	lb := g.merged(elbv2schemas.LoadBalancer, elbv2schemas.CreateLoadBalancerInput)
	g.prefix = "elb."
	classic := g.merged(elbschemas.LoadBalancerDescription, elbschemas.CreateAccessPointInput)
	for k, v := range classic["properties"].(map[string]any) {
		if _, ok := lb["properties"].(map[string]any)[k]; !ok {
			lb["properties"].(map[string]any)[k] = v
		}
	}
	// A Classic Load Balancer's description has no Type: sources add
	// "classic" so that one field tells them apart.
	lb["properties"].(map[string]any)["Type"] = map[string]any{"enum": []string{"application", "network", "gateway", "classic"}}
	g.defs[defName[kind.LoadBalancer]] = lb
	g.prefix = "elbv2."
	g.defs[defName[kind.TargetGroup]] = g.merged(elbv2schemas.TargetGroup, elbv2schemas.CreateTargetGroupInput)
	g.prefix = "iam."
	role := g.merged(iamschemas.Role, iamschemas.CreateRoleRequest)
	// The API returns the trust policy URL-encoded; sources decode it.
	role["properties"].(map[string]any)["AssumeRolePolicyDocument"] = map[string]any{"type": []string{"object", "string"}}
	g.defs[defName[kind.Role]] = role
	profile := g.merged(iamschemas.InstanceProfile, iamschemas.CreateInstanceProfileRequest)
	profile["properties"].(map[string]any)["Roles"] = map[string]any{"type": "array", "items": kindRef(kind.Role)}
	g.defs[defName[kind.InstanceProfile]] = profile
	g.prefix = "ec2."
	g.defs[defName[kind.LaunchTemplate]] = g.reflected(reflect.TypeFor[ec2types.ResponseLaunchTemplateData](), reflect.TypeFor[ec2types.RequestLaunchTemplateData]())
	g.prefix = "autoscaling."
	g.defs[defName[kind.AutoScalingGroup]] = g.merged(asschemas.AutoScalingGroup, asschemas.CreateAutoScalingGroupType)

	source := map[string]any{
		"type":                 "object",
		"additionalProperties": false,
		"properties": map[string]any{
			"format":  map[string]any{"type": "string"},
			"file":    map[string]any{"type": "string"},
			"pointer": map[string]any{"type": "string"},
			"account": map[string]any{"type": "string"},
			"region":  map[string]any{"type": "string"},
			"arn":     map[string]any{"type": "string"},
		},
	}
	resources := make([]any, 0, len(kind.All))
	for _, k := range kind.All {
		resources = append(resources, kindRef(k))
	}
	root := map[string]any{
		"$schema":              "http://json-schema.org/draft-07/schema#",
		"$id":                  "https://github.com/ecslint/ecslint/rules/input.schema.json",
		"title":                "ecslint rule input",
		"description":          "The document every rule evaluates: one resource in its API shape, where it came from, and the resources related to it. Generated by internal/schemagen from the AWS SDK's models; do not edit.",
		"type":                 "object",
		"additionalProperties": false,
		"required":             []string{"kind", "name", "resource", "source", "related"},
		"properties": map[string]any{
			"kind":     map[string]any{"enum": kind.All},
			"name":     map[string]any{"type": "string"},
			"resource": map[string]any{"anyOf": resources},
			"source":   source,
			// Partial marks a document that changes only what it names (an
			// update-service input).
			"partial": map[string]any{"type": "boolean"},
			// Problems are the defects found while loading, each reported
			// by the rule it names (duplicate-key, schema-invalid).
			"problems": map[string]any{
				"type": "array",
				"items": map[string]any{
					"type":                 "object",
					"additionalProperties": false,
					"required":             []string{"rule", "path", "message"},
					"properties": map[string]any{
						"rule":    map[string]any{"type": "string"},
						"path":    map[string]any{"type": "array", "items": map[string]any{"type": []string{"string", "integer"}}},
						"message": map[string]any{"type": "string"},
					},
				},
			},
			"related": related(source),
		},
		"definitions": g.defs,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// related is the schema of input.related: an entry for each relation a
// resource holds (a list when it may name several), a list for each
// reverse relation, and the container-instance roles.
func related(source map[string]any) map[string]any {
	entry := func(target string) map[string]any {
		return map[string]any{
			"type":                 "object",
			"additionalProperties": false,
			"required":             []string{"status"},
			"properties": map[string]any{
				"status":   map[string]any{"enum": []string{"resolved", "unresolved", "ambiguous"}},
				"id":       map[string]any{"type": "string"},
				"name":     map[string]any{"type": "string"},
				"resource": kindRef(target),
				"source":   source,
				// where the reference sits in the holder's value
				"path": map[string]any{"type": "array", "items": map[string]any{"type": []string{"string", "integer"}}},
			},
		}
	}
	list := func(target string) map[string]any {
		return map[string]any{"type": "array", "items": entry(target)}
	}
	props := map[string]any{
		kind.InstanceRoles: map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
	}
	for _, r := range kind.Relations {
		if r.Many {
			props[r.Name] = list(r.To)
		} else {
			props[r.Name] = entry(r.To)
		}
		if r.Reverse != "" {
			props[r.Reverse] = list(r.From)
		}
	}
	return map[string]any{"type": "object", "additionalProperties": false, "properties": props}
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/definitions/" + name} }

// object is a structure's schema: closed for ECS, open for the others.
func (g *gen) object(props map[string]any) map[string]any {
	o := map[string]any{"type": "object", "properties": props}
	if !g.open {
		o["additionalProperties"] = false
	}
	return o
}

// merged is the union of the members of several structures: a task
// definition as registered and as described, a service as created and as
// described.
func (g *gen) merged(shapes ...*smithy.Schema) map[string]any {
	props := map[string]any{}
	for _, s := range shapes {
		for name, m := range s.Members() {
			props[name] = g.shape(m)
		}
	}
	return g.object(props)
}

// shape converts one Smithy shape; structures become shared definitions.
func (g *gen) shape(s *smithy.Schema) any {
	switch s.Type() {
	case smithy.ShapeTypeBoolean:
		return map[string]any{"type": "boolean"}
	case smithy.ShapeTypeString, smithy.ShapeTypeEnum, smithy.ShapeTypeBlob:
		return map[string]any{"type": "string"}
	case smithy.ShapeTypeByte, smithy.ShapeTypeShort, smithy.ShapeTypeInteger, smithy.ShapeTypeLong,
		smithy.ShapeTypeIntEnum, smithy.ShapeTypeBigInteger:
		return map[string]any{"type": "integer"}
	case smithy.ShapeTypeFloat, smithy.ShapeTypeDouble, smithy.ShapeTypeBigDecimal:
		return map[string]any{"type": "number"}
	case smithy.ShapeTypeTimestamp:
		// The CLI prints timestamps as ISO strings or epoch seconds.
		return map[string]any{"type": []string{"string", "number"}}
	case smithy.ShapeTypeList, smithy.ShapeTypeSet:
		return map[string]any{"type": "array", "items": g.shape(s.ListMember())}
	case smithy.ShapeTypeMap:
		return map[string]any{"type": "object", "additionalProperties": g.shape(s.MapValue())}
	case smithy.ShapeTypeStructure, smithy.ShapeTypeUnion:
		name := s.TargetID().Name
		if name == "" {
			name = s.ID().Name
		}
		name = g.prefix + name
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = true // placeholder against recursion
			props := map[string]any{}
			names := make([]string, 0, len(s.Members()))
			for n := range s.Members() {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				props[n] = g.shape(s.Members()[n])
			}
			g.defs[name] = g.object(props)
		}
		return ref(name)
	}
	return map[string]any{}
}

var timeType = reflect.TypeFor[time.Time]()

// reflected is the union of Go structures of an SDK without model
// schemas (EC2), whose exported field names are its member names.
func (g *gen) reflected(types ...reflect.Type) map[string]any {
	props := map[string]any{}
	for _, t := range types {
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() && !f.Anonymous {
				props[f.Name] = g.goType(f.Type)
			}
		}
	}
	return g.object(props)
}

func (g *gen) goType(t reflect.Type) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		return map[string]any{"type": []string{"string", "number"}}
	}
	switch t.Kind() {
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": g.goType(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.goType(t.Elem())}
	case reflect.Struct:
		name := g.prefix + strings.TrimSuffix(strings.TrimSuffix(t.Name(), "Request"), "Response")
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = true
			g.defs[name] = g.reflected(t)
		}
		return ref(name)
	}
	return map[string]any{}
}
