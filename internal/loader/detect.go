package loader

import (
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/ecsmodel"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
)

// Kinds of resource the loader recognises.
const (
	KindTaskDefinition = "TaskDefinition"
	KindService        = "Service"
)

// Resource is one ECS resource found in a file, in the ECS API shape.
type Resource struct {
	Kind string
	Name string
	// Value is the resource object as AWS documents it.
	Value ast.Object
	// Source locates the resource.
	File    string
	Format  string
	Pointer string // JSON pointer of the resource root in its document
	// Doc is the parsed document holding the resource; DocIndex its
	// position in a multi-document YAML stream.
	Doc      *document.Document
	DocIndex int
	// Problems are the defects validation found (wrong types, duplicate
	// keys), for the rules named in them; Value no longer holds the
	// members of the wrong type.
	Problems []source.Problem
}

// serviceFields are the top-level members of a service in the ECS API model
// (CreateService and UpdateService input, describe-services output). A
// document is taken for a service only when every key is one of these, so
// arbitrary JSON is not mistaken for one.
var serviceFields = setOf(ecsmodel.Members(kind.Service)...)

// serviceMarkers are keys that only a service has; one must be present.
var serviceMarkers = setOf(
	"serviceName", "serviceArn", "desiredCount", "schedulingStrategy", "deploymentConfiguration",
	"deploymentController", "loadBalancers", "serviceRegistries", "capacityProviderStrategy",
	"placementStrategy", "healthCheckGracePeriodSeconds", "enableExecuteCommand",
)

func setOf(s ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(s))
	for _, v := range s {
		m[v] = struct{}{}
	}
	return m
}

// found is a resource located in a document before it becomes a Resource.
type found struct {
	kind    string
	pointer string
	value   ast.Object
}

// detect finds the ECS resources in one document: a task definition
// (RegisterTaskDefinition input, or describe-task-definition output with its
// wrapper), a service (CreateService input), or the describe-services and
// create-service outputs. A bare containerDefinitions array is not a task
// definition and yields nothing.
func detect(v ast.Value) []found {
	obj, ok := v.(ast.Object)
	if !ok {
		return nil
	}
	if isTaskDefinition(obj) {
		return []found{{KindTaskDefinition, "", obj}}
	}
	if td, ok := getObject(obj, "taskDefinition"); ok && isTaskDefinition(td) {
		// describe-task-definition puts tags beside the task definition;
		// RegisterTaskDefinition input has them inside, so move them in.
		if tags := obj.Get(ast.StringTerm("tags")); tags != nil && td.Get(ast.StringTerm("tags")) == nil {
			td = td.Copy()
			td.Insert(ast.StringTerm("tags"), tags)
		}
		return []found{{KindTaskDefinition, "/taskDefinition", td}}
	}
	if arr, ok := getArray(obj, "services"); ok && onlyKeys(obj, "services", "failures") {
		var out []found
		for i := 0; i < arr.Len(); i++ {
			if s, ok := arr.Elem(i).Value.(ast.Object); ok && isService(s) {
				out = append(out, found{KindService, document.Pointer("/services", i), s})
			}
		}
		return out
	}
	if s, ok := getObject(obj, "service"); ok && obj.Len() == 1 && isService(s) {
		return []found{{KindService, "/service", s}}
	}
	if isService(obj) {
		return []found{{KindService, "", obj}}
	}
	return nil
}

func isTaskDefinition(obj ast.Object) bool {
	_, ok := getArray(obj, "containerDefinitions")
	return ok
}

func isService(obj ast.Object) bool {
	if obj.Get(ast.StringTerm("containerDefinitions")) != nil {
		return false
	}
	marker := false
	ok := true
	obj.Foreach(func(k, _ *ast.Term) {
		s, isStr := k.Value.(ast.String)
		if !isStr {
			ok = false
			return
		}
		if _, known := serviceFields[string(s)]; !known {
			ok = false
		}
		if _, m := serviceMarkers[string(s)]; m {
			marker = true
		}
	})
	return ok && marker
}

func onlyKeys(obj ast.Object, keys ...string) bool {
	n := 0
	for _, k := range keys {
		if obj.Get(ast.StringTerm(k)) != nil {
			n++
		}
	}
	return n == obj.Len()
}

func getObject(obj ast.Object, key string) (ast.Object, bool) {
	t := obj.Get(ast.StringTerm(key))
	if t == nil {
		return nil, false
	}
	o, ok := t.Value.(ast.Object)
	return o, ok
}

func getArray(obj ast.Object, key string) (*ast.Array, bool) {
	t := obj.Get(ast.StringTerm(key))
	if t == nil {
		return nil, false
	}
	a, ok := t.Value.(*ast.Array)
	return a, ok
}

// GetString returns obj[key] when it is a string.
func GetString(obj ast.Object, key string) (string, bool) {
	t := obj.Get(ast.StringTerm(key))
	if t == nil {
		return "", false
	}
	s, ok := t.Value.(ast.String)
	return string(s), ok
}
