// Package ecsmodel is the ECS API model as ecslint reads it: for each ECS
// kind of resource, the shape its value takes (RegisterTaskDefinition input
// merged with describe-task-definition output, CreateService input with
// describe-services output, and so on), generated from the Smithy schemas
// the AWS SDK for Go ships into model.json. Those schemas carry types and
// member names but not enum values nor required members; the SDK keeps
// those in its types and validators, read by the generator too.
package ecsmodel

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"sync"
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

// model holds the roots by kind.
type model struct {
	roots, updates map[string]*Shape
}

// modelJSON is the model, generated from the SDK's Smithy schemas by
// TestModelCurrent. Importing the SDK's schemas package would cost every
// process about 5 ms of package initialisation, lint runs included; the
// generated form is decoded only when a run validates.
//
//go:embed model.json
var modelJSON []byte

var load = sync.OnceValue(func() model {
	m, err := decode(modelJSON)
	if err != nil {
		panic(fmt.Sprintf("ecsmodel: embedded model.json: %v", err))
	}
	return m
})

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

// wire is model.json: shapes by index, each referring to others by index,
// so shared and merged shapes stay shared.
type wire struct {
	Shapes  []wireShape    `json:"shapes"`
	Roots   map[string]int `json:"roots"`
	Updates map[string]int `json:"updates"`
}

type wireShape struct {
	Name     string         `json:"n"`
	Type     Type           `json:"t"`
	Bits     int            `json:"b,omitempty"`
	Enum     []string       `json:"e,omitempty"`
	Members  map[string]int `json:"m,omitempty"`
	Required []string       `json:"r,omitempty"`
	Elem     *int           `json:"el,omitempty"`
	MinItems int            `json:"min,omitempty"`
}

func decode(data []byte) (model, error) {
	var w wire
	if err := json.Unmarshal(data, &w); err != nil {
		return model{}, err
	}
	shapes := make([]*Shape, len(w.Shapes))
	for i := range shapes {
		shapes[i] = &Shape{}
	}
	at := func(i int) (*Shape, error) {
		if i < 0 || i >= len(shapes) {
			return nil, fmt.Errorf("shape %d out of range", i)
		}
		return shapes[i], nil
	}
	for i, ws := range w.Shapes {
		s := shapes[i]
		*s = Shape{Name: ws.Name, Type: ws.Type, Bits: ws.Bits, Enum: ws.Enum, Required: ws.Required, MinItems: ws.MinItems}
		if ws.Members != nil {
			s.Members = make(map[string]*Shape, len(ws.Members))
			for n, j := range ws.Members {
				m, err := at(j)
				if err != nil {
					return model{}, err
				}
				s.Members[n] = m
			}
		}
		if ws.Elem != nil {
			e, err := at(*ws.Elem)
			if err != nil {
				return model{}, err
			}
			s.Elem = e
		}
	}
	m := model{roots: map[string]*Shape{}, updates: map[string]*Shape{}}
	for k, i := range w.Roots {
		s, err := at(i)
		if err != nil {
			return model{}, err
		}
		m.roots[k] = s
	}
	for k, i := range w.Updates {
		s, err := at(i)
		if err != nil {
			return model{}, err
		}
		m.updates[k] = s
	}
	return m, nil
}
