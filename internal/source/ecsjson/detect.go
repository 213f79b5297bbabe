package ecsjson

import (
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/ecsmodel"
	"github.com/ecslint/ecslint/internal/kind"
)

// serviceFields are the top-level members of CreateService input and of
// the Service in describe output, from the SDK's ECS model. A document is
// taken for a service only when every key is one of these, so arbitrary
// JSON is not mistaken for one.
//
// Built on first use: the model is decoded only by a run that reads a
// file, not by `ecslint version` or `rules`.
var serviceFields = sync.OnceValue(func() map[string]struct{} { return setOf(ecsmodel.Members(kind.Service)...) })

// updateFields are the members of UpdateService input: the service is
// named by "service", and everything else only changes what it names.
var updateFields = sync.OnceValue(func() map[string]struct{} { return setOf(ecsmodel.UpdateMembers(kind.Service)...) })

// serviceMarkers are keys that only a service has; one must be present.
var serviceMarkers = setOf(
	"serviceName", "serviceArn", "desiredCount", "schedulingStrategy", "deploymentConfiguration",
	"deploymentController", "loadBalancers", "serviceRegistries", "capacityProviderStrategy",
	"placementStrategy", "healthCheckGracePeriodSeconds", "enableExecuteCommand",
)

// containerFields are keys that mark an object as a container definition
// when a file holds a bare array of them.
var containerFields = setOf("image", "portMappings", "essential", "environment", "logConfiguration", "mountPoints", "memoryReservation", "secrets")

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
	partial bool
	// moved names value keys that sit elsewhere in the file (the tags of
	// describe-task-definition output, beside the definition).
	moved map[string]string
	// wrapped is true when the value wraps the document in a key of its
	// own ({"containerDefinitions": <the file's array>}).
	wrapped string
}

// detect finds the ECS resources in one document: a task definition
// (RegisterTaskDefinition input, or describe-task-definition output with its
// wrapper), a service (CreateService or UpdateService input), the
// describe-services and create-service outputs, or a bare array of
// container definitions.
func detect(v ast.Value) []found {
	if arr, ok := v.(*ast.Array); ok {
		if isContainerList(arr) {
			return []found{{kind: kind.ContainerDefinitions, value: ast.NewObject(ast.Item(ast.StringTerm("containerDefinitions"), ast.NewTerm(arr))), wrapped: "containerDefinitions"}}
		}
		return nil
	}
	obj, ok := v.(ast.Object)
	if !ok {
		return nil
	}
	if isTaskDefinition(obj) {
		return []found{{kind: kind.TaskDefinition, value: obj}}
	}
	if td, ok := getObject(obj, "taskDefinition"); ok && isTaskDefinition(td) {
		// describe-task-definition puts tags beside the task definition;
		// RegisterTaskDefinition input has them inside, so move them in.
		f := found{kind: kind.TaskDefinition, pointer: "/taskDefinition", value: td}
		if tags := obj.Get(ast.StringTerm("tags")); tags != nil && td.Get(ast.StringTerm("tags")) == nil {
			f.value = td.Copy()
			f.value.Insert(ast.StringTerm("tags"), tags)
			f.moved = map[string]string{"tags": "/tags"}
		}
		return []found{f}
	}
	if arr, ok := getArray(obj, "services"); ok && onlyKeys(obj, "services", "failures") {
		var out []found
		for i := 0; i < arr.Len(); i++ {
			if s, ok := arr.Elem(i).Value.(ast.Object); ok && isService(s) {
				out = append(out, found{kind: kind.Service, pointer: document.Pointer("/services", i), value: s})
			}
		}
		return out
	}
	if s, ok := getObject(obj, "service"); ok && obj.Len() == 1 && isService(s) {
		return []found{{kind: kind.Service, pointer: "/service", value: s}}
	}
	if isService(obj) {
		return []found{{kind: kind.Service, value: obj}}
	}
	if isUpdate(obj) {
		return []found{{kind: kind.Service, value: obj, partial: true}}
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
	known, unknown := countKnown(obj, serviceFields())
	if unknown == 0 {
		return hasAny(obj, serviceMarkers)
	}
	// A document that names a service and is mostly service fields is a
	// service with mistakes in it (a member the API does not have, a typo):
	// schema-invalid reports them, where skipping the file would pass it
	// silently.
	name, _ := GetString(obj, "serviceName")
	return name != "" && known >= 2 && known > unknown
}

// countKnown counts obj's keys that are and are not in known.
func countKnown(obj ast.Object, known map[string]struct{}) (in, out int) {
	obj.Foreach(func(k, _ *ast.Term) {
		s, _ := k.Value.(ast.String)
		if _, ok := known[string(s)]; ok {
			in++
		} else {
			out++
		}
	})
	return in, out
}

// isUpdate recognises UpdateService input: a "service" name and nothing
// but UpdateService parameters.
func isUpdate(obj ast.Object) bool {
	s, ok := GetString(obj, "service")
	return ok && s != "" && obj.Len() > 1 && onlyKnown(obj, updateFields())
}

// isContainerList is true for a non-empty array of objects that each look
// like a container definition: a name or an image, and nothing that only
// other documents have.
func isContainerList(arr *ast.Array) bool {
	if arr.Len() == 0 {
		return false
	}
	for i := 0; i < arr.Len(); i++ {
		c, ok := arr.Elem(i).Value.(ast.Object)
		if !ok {
			return false
		}
		_, named := GetString(c, "name")
		if !named && !hasAny(c, containerFields) {
			return false
		}
		if c.Get(ast.StringTerm("containerDefinitions")) != nil || c.Get(ast.StringTerm("serviceName")) != nil {
			return false
		}
	}
	// One element at least must carry a container-only field, so a list
	// of {"name": ...} objects (tags, parameters) is not taken for one.
	for i := 0; i < arr.Len(); i++ {
		if hasAny(arr.Elem(i).Value.(ast.Object), containerFields) {
			return true
		}
	}
	return false
}

func onlyKnown(obj ast.Object, known map[string]struct{}) bool {
	ok := true
	obj.Foreach(func(k, _ *ast.Term) {
		s, isStr := k.Value.(ast.String)
		if !isStr {
			ok = false
			return
		}
		if _, in := known[string(s)]; !in {
			ok = false
		}
	})
	return ok
}

func hasAny(obj ast.Object, keys map[string]struct{}) bool {
	found := false
	obj.Foreach(func(k, _ *ast.Term) {
		if s, ok := k.Value.(ast.String); ok {
			if _, in := keys[string(s)]; in {
				found = true
			}
		}
	})
	return found
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
