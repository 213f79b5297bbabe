package analyzer

import (
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/loader"
)

// Relation statuses as rules see them in input.related.taskDefinition.
const (
	statusResolved   = "resolved"
	statusUnresolved = "unresolved"
	statusAmbiguous  = "ambiguous"
)

// tdIdentity is what a service reference can match a task definition on.
type tdIdentity struct {
	family   string
	revision int // 0 when the file has none
}

// identify reads a task definition's family and revision, from the fields
// or from its ARN.
func identify(obj ast.Object) tdIdentity {
	id := tdIdentity{}
	if fam, ok := loader.GetString(obj, "family"); ok {
		id.family = fam
	}
	if t := obj.Get(ast.StringTerm("revision")); t != nil {
		if n, ok := t.Value.(ast.Number); ok {
			if v, ok := n.Int(); ok {
				id.revision = v
			}
		}
	}
	if arn, ok := loader.GetString(obj, "taskDefinitionArn"); ok {
		ref := parseTaskDefRef(arn)
		if id.family == "" {
			id.family = ref.family
		}
		if id.revision == 0 {
			id.revision = ref.revision
		}
	}
	return id
}

// parseTaskDefRef reads a service's taskDefinition: a full ARN
// (arn:aws:ecs:region:account:task-definition/family:rev), family:revision,
// or a bare family (the latest ACTIVE revision).
func parseTaskDefRef(ref string) tdIdentity {
	if strings.HasPrefix(ref, "arn:") {
		if i := strings.Index(ref, ":task-definition/"); i >= 0 {
			ref = ref[i+len(":task-definition/"):]
		}
	}
	if i := strings.LastIndexByte(ref, ':'); i > 0 {
		if rev, err := strconv.Atoi(ref[i+1:]); err == nil {
			return tdIdentity{family: ref[:i], revision: rev}
		}
	}
	return tdIdentity{family: ref}
}

// resolve finds the task definition a service runs among those loaded.
// A definition without a revision matches any revision of its family. A
// bare family matches the highest revision. More than one equally good
// candidate is ambiguous.
func resolve(ref tdIdentity, byFamily map[string][]*tdEntry) (*tdEntry, string) {
	cands := byFamily[ref.family]
	if ref.family == "" || len(cands) == 0 {
		return nil, statusUnresolved
	}
	var exact, unversioned []*tdEntry
	for _, c := range cands {
		switch {
		case ref.revision != 0 && c.id.revision == ref.revision:
			exact = append(exact, c)
		case c.id.revision == 0:
			unversioned = append(unversioned, c)
		}
	}
	pick := func(l []*tdEntry) (*tdEntry, string) {
		if len(l) == 1 {
			return l[0], statusResolved
		}
		return nil, statusAmbiguous
	}
	if len(exact) > 0 {
		return pick(exact)
	}
	if len(unversioned) > 0 {
		return pick(unversioned)
	}
	if ref.revision != 0 {
		return nil, statusUnresolved
	}
	var best []*tdEntry
	for _, c := range cands {
		switch {
		case len(best) == 0 || c.id.revision > best[0].id.revision:
			best = []*tdEntry{c}
		case c.id.revision == best[0].id.revision:
			best = append(best, c)
		}
	}
	return pick(best)
}
