package cfn

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/ecslint/ecslint/internal/ecsmodel"
	"github.com/ecslint/ecslint/internal/kind"
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

// models holds the shape of each resource kind's value.
type models struct {
	taskDefinition, service, cluster, capacityProvider *shape
	loadBalancer, classicLoadBalancer, targetGroup     *shape
	role, instanceProfile                              *shape
	launchTemplate, launchConfiguration, autoScaling   *shape
}

// modelsJSON is the shapes of the values of the kinds outside the ECS
// API (load balancers, IAM, launch templates, Auto Scaling groups),
// generated from the AWS SDK's models by TestModelsCurrent (go test
// ./internal/source/cfn -run TestModelsCurrent -update): importing the
// SDK's schema packages costs every run some 70 ms of package
// initialisation, this file about 1 ms on the first template only. The
// ECS kinds' shapes come from ecsmodel, which the validator decodes in
// every run anyway.
//
//go:embed models.json
var modelsJSON []byte

// wireShape is one shape in models.json; shapes refer to each other by
// index.
type wireShape struct {
	T string         `json:"t"`
	M map[string]int `json:"m,omitempty"`
	E int            `json:"e,omitempty"`
}

type wireModels struct {
	Roots  map[string]int `json:"roots"`
	Shapes []wireShape    `json:"shapes"`
}

var typeNames = map[shapeType]string{tAny: "any", tObject: "object", tList: "list", tMap: "map", tString: "string", tInteger: "integer", tNumber: "number", tBool: "boolean"}

// decodeModels builds the shape graph from models.json.
func decodeModels(data []byte) (map[string]*shape, error) {
	var w wireModels
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, fmt.Errorf("decode models: %w", err)
	}
	byName := map[string]shapeType{}
	for t, n := range typeNames {
		byName[n] = t
	}
	shapes := make([]*shape, len(w.Shapes))
	for i := range shapes {
		shapes[i] = &shape{typ: byName[w.Shapes[i].T]}
	}
	ref := func(i int) (*shape, error) {
		if i < 0 || i >= len(shapes) {
			return nil, fmt.Errorf("decode models: shape %d out of range", i)
		}
		return shapes[i], nil
	}
	for i, ws := range w.Shapes {
		sh := shapes[i]
		switch sh.typ {
		case tObject:
			sh.members, sh.folded = map[string]*shape{}, map[string]string{}
			for name, j := range ws.M {
				m, err := ref(j)
				if err != nil {
					return nil, err
				}
				sh.members[name] = m
				sh.folded[strings.ToLower(name)] = name
			}
		case tList, tMap:
			e, err := ref(ws.E)
			if err != nil {
				return nil, err
			}
			sh.elem = e
		}
	}
	out := map[string]*shape{}
	for name, i := range w.Roots {
		r, err := ref(i)
		if err != nil {
			return nil, err
		}
		out[name] = r
	}
	return out, nil
}

var sdkModels = sync.OnceValue(func() *models {
	roots, err := decodeModels(modelsJSON)
	if err != nil {
		// models.json is generated and tested; a broken one is a build
		// defect, not an input problem.
		panic(err)
	}
	ecs := map[*ecsmodel.Shape]*shape{}
	return &models{
		taskDefinition:      fromECS(ecsmodel.Root(kind.TaskDefinition), ecs),
		service:             fromECS(ecsmodel.Root(kind.Service), ecs),
		cluster:             fromECS(ecsmodel.Root(kind.Cluster), ecs),
		capacityProvider:    fromECS(ecsmodel.Root(kind.CapacityProvider), ecs),
		loadBalancer:        roots["LoadBalancer"],
		classicLoadBalancer: roots["ClassicLoadBalancer"],
		targetGroup:         roots["TargetGroup"],
		role:                roots["Role"],
		instanceProfile:     roots["InstanceProfile"],
		launchTemplate:      roots["LaunchTemplate"],
		launchConfiguration: roots["LaunchConfiguration"],
		autoScaling:         roots["AutoScalingGroup"],
	}
})

// ecsTypes are the converter's types of the ECS model's: a timestamp is
// written as a string in a template.
var ecsTypes = map[ecsmodel.Type]shapeType{
	ecsmodel.Any: tAny, ecsmodel.Boolean: tBool, ecsmodel.String: tString, ecsmodel.Timestamp: tString,
	ecsmodel.Integer: tInteger, ecsmodel.Number: tNumber, ecsmodel.List: tList, ecsmodel.Map: tMap, ecsmodel.Structure: tObject,
}

// fromECS is the converter's shape of an ECS model shape; done keeps
// shared shapes shared and ends the recursion.
func fromECS(s *ecsmodel.Shape, done map[*ecsmodel.Shape]*shape) *shape {
	if sh, ok := done[s]; ok {
		return sh
	}
	sh := &shape{typ: ecsTypes[s.Type]}
	done[s] = sh
	switch s.Type {
	case ecsmodel.Structure:
		sh.members, sh.folded = make(map[string]*shape, len(s.Members)), make(map[string]string, len(s.Members))
		for name, m := range s.Members {
			sh.members[name] = fromECS(m, done)
			sh.folded[strings.ToLower(name)] = name
		}
	case ecsmodel.List, ecsmodel.Map:
		sh.elem = fromECS(s.Elem, done)
	}
	return sh
}
