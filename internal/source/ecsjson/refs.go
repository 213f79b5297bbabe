package ecsjson

import (
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// TaskDefinitionID is what a reference can match a task definition on.
type TaskDefinitionID struct {
	Family   string
	Revision int // 0 when unknown
}

// taskDefinitionID reads a task definition's family and revision, from
// the fields or from its ARN.
func taskDefinitionID(obj ast.Object) TaskDefinitionID {
	id := TaskDefinitionID{}
	if fam, ok := GetString(obj, "family"); ok {
		id.Family = fam
	}
	if t := obj.Get(ast.StringTerm("revision")); t != nil {
		if n, ok := t.Value.(ast.Number); ok {
			if v, ok := n.Int(); ok {
				id.Revision = v
			}
		}
	}
	if arn, ok := GetString(obj, "taskDefinitionArn"); ok {
		ref := ParseTaskDefinitionRef(arn)
		if id.Family == "" {
			id.Family = ref.Family
		}
		if id.Revision == 0 {
			id.Revision = ref.Revision
		}
	}
	return id
}

// ParseTaskDefinitionRef reads a service's taskDefinition: a full ARN
// (arn:aws:ecs:region:account:task-definition/family:rev), family:revision,
// or a bare family (the latest ACTIVE revision).
func ParseTaskDefinitionRef(ref string) TaskDefinitionID {
	if strings.HasPrefix(ref, "arn:") {
		if i := strings.Index(ref, ":task-definition/"); i >= 0 {
			ref = ref[i+len(":task-definition/"):]
		}
	}
	if i := strings.LastIndexByte(ref, ':'); i > 0 {
		if rev, err := strconv.Atoi(ref[i+1:]); err == nil {
			return TaskDefinitionID{Family: ref[:i], Revision: rev}
		}
	}
	return TaskDefinitionID{Family: ref}
}

// IDs are the identities an ECS resource in API shape answers to, read
// from its literal fields.
func IDs(k string, obj ast.Object) []source.Identity {
	var ids []source.Identity
	add := func(scheme, v string) {
		if v != "" && !unresolved.Contains(v) {
			ids = append(ids, source.Identity{Scheme: scheme, Value: v})
		}
	}
	str := func(key string) string {
		s, _ := GetString(obj, key)
		return s
	}
	switch k {
	case kind.TaskDefinition:
		add(source.SchemeARN, str("taskDefinitionArn"))
		id := taskDefinitionID(obj)
		if id.Family != "" && !unresolved.Contains(id.Family) {
			add(source.SchemeFamily, id.Family)
			if id.Revision > 0 {
				add(source.SchemeFamilyRevision, id.Family+":"+strconv.Itoa(id.Revision))
			}
		}
	case kind.Service:
		add(source.SchemeARN, str("serviceArn"))
		add(source.SchemeName, str("serviceName"))
		add(source.SchemeName, str("service"))
	case kind.Cluster:
		add(source.SchemeARN, str("clusterArn"))
		add(source.SchemeName, str("clusterName"))
	case kind.CapacityProvider:
		add(source.SchemeARN, str("capacityProviderArn"))
		add(source.SchemeName, str("name"))
	}
	return ids
}

// Refs are the references an ECS resource's literal fields hold:
// ARNs and names of the resources it names. A template or plan adds the
// links only it knows (a Ref to a logical id) to these.
func Refs(k string, obj ast.Object) []source.Ref {
	var refs []source.Ref
	switch k {
	case kind.TaskDefinition:
		for _, f := range []struct{ key, rel string }{{"taskRoleArn", "taskRole"}, {"executionRoleArn", "executionRole"}} {
			if s, ok := GetString(obj, f.key); ok && s != "" {
				refs = append(refs, source.Ref{Rel: f.rel, To: source.LiteralIDs(kind.Role, s), Path: []any{f.key}, Text: s})
			}
		}
	case kind.Service:
		if s, ok := GetString(obj, "taskDefinition"); ok && s != "" {
			refs = append(refs, source.Ref{Rel: "taskDefinition", To: source.LiteralIDs(kind.TaskDefinition, s), Path: []any{"taskDefinition"}, Text: s})
		}
		if s, ok := GetString(obj, "cluster"); ok && s != "" {
			refs = append(refs, source.Ref{Rel: "cluster", To: source.LiteralIDs(kind.Cluster, s), Path: []any{"cluster"}, Text: s})
		}
		if lbs, ok := getArray(obj, "loadBalancers"); ok {
			for i := 0; i < lbs.Len(); i++ {
				lb, ok := lbs.Elem(i).Value.(ast.Object)
				if !ok {
					continue
				}
				if s, ok := GetString(lb, "targetGroupArn"); ok && s != "" {
					refs = append(refs, source.Ref{Rel: "targetGroups", To: source.LiteralIDs(kind.TargetGroup, s), Path: []any{"loadBalancers", i, "targetGroupArn"}, Text: s})
				}
				if s, ok := GetString(lb, "loadBalancerName"); ok && s != "" {
					refs = append(refs, source.Ref{Rel: "loadBalancers", To: source.LiteralIDs(kind.LoadBalancer, s), Path: []any{"loadBalancers", i, "loadBalancerName"}, Text: s})
				}
			}
		}
	case kind.Cluster:
		if cps, ok := getArray(obj, "capacityProviders"); ok {
			for i := 0; i < cps.Len(); i++ {
				if s, ok := cps.Elem(i).Value.(ast.String); ok && s != "" {
					refs = append(refs, source.Ref{Rel: "capacityProviders", To: source.LiteralIDs(kind.CapacityProvider, string(s)), Path: []any{"capacityProviders", i}, Text: string(s)})
				}
			}
		}
	case kind.CapacityProvider:
		if asg, ok := getObject(obj, "autoScalingGroupProvider"); ok {
			if s, ok := GetString(asg, "autoScalingGroupArn"); ok && s != "" {
				refs = append(refs, source.Ref{Rel: "autoScalingGroup", To: source.LiteralIDs(kind.AutoScalingGroup, s), Path: []any{"autoScalingGroupProvider", "autoScalingGroupArn"}, Text: s})
			}
		}
	}
	return refs
}
