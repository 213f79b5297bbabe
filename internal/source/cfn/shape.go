package cfn

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
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

// models holds the shape of each resource kind's value.
type models struct {
	taskDefinition, service, cluster, capacityProvider *shape
	loadBalancer, classicLoadBalancer, targetGroup     *shape
	role, instanceProfile                              *shape
	launchTemplate, launchConfiguration, autoScaling   *shape
}

// modelsJSON is the shapes of the kinds' values, generated from the AWS
// SDK's models by TestModelsCurrent (go test ./internal/source/cfn -run
// TestModelsCurrent -update): importing the SDK's schema packages costs
// every run some 70 ms of package initialisation, this file about 2 ms on
// the first template only.
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

var sdkModels = sync.OnceValue(func() *models {
	roots, err := decodeModels(modelsJSON)
	if err != nil {
		// models.json is generated and tested; a broken one is a build
		// defect, not an input problem.
		panic(err)
	}
	return &models{
		taskDefinition:      roots["TaskDefinition"],
		service:             roots["Service"],
		cluster:             roots["Cluster"],
		capacityProvider:    roots["CapacityProvider"],
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
