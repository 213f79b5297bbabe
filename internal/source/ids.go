package source

import (
	"strconv"
	"strings"

	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// arnMarkers are where a resource's own name starts in an ARN of each
// kind, after the service, region and account. A launch template's ARN
// holds its id, not its name, so it names nothing by name.
var arnMarkers = map[string]string{
	kind.Role:             ":role/",
	kind.InstanceProfile:  ":instance-profile/",
	kind.TaskDefinition:   ":task-definition/",
	kind.Cluster:          ":cluster/",
	kind.TargetGroup:      ":targetgroup/",
	kind.LoadBalancer:     ":loadbalancer/",
	kind.CapacityProvider: ":capacity-provider/",
	kind.AutoScalingGroup: ":autoScalingGroupName/",
}

// LiteralIDs are the identities a reference written as a literal value
// names in the target kind, for every source: an ARN names itself and,
// through its resource part, the resource's own name (a task definition's
// family:revision); a plain value names the resource by name (a task
// definition by family, or family:revision). Unknown parts never name
// anything, but they do not hide literal ones: a role ARN whose account is
// a placeholder (arn:aws:iam::${AWS::AccountId}:role/app) still names the
// role app.
func LiteralIDs(target, s string) []Identity {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var out []Identity
	name := s
	if strings.HasPrefix(s, "arn:") {
		if !unresolved.Contains(s) {
			out = append(out, Identity{Scheme: SchemeARN, Value: s})
		}
		name = ARNName(target, s)
	}
	if name == "" || unresolved.Contains(name) {
		return out
	}
	if target == kind.TaskDefinition {
		if i := strings.LastIndexByte(name, ':'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				return append(out, Identity{Scheme: SchemeFamilyRevision, Value: name})
			}
		}
		return append(out, Identity{Scheme: SchemeFamily, Value: name})
	}
	return append(out, Identity{Scheme: SchemeName, Value: name})
}

// ARNName is the resource's own name inside an ARN of the target kind, or
// "" when the ARN is not one of that kind.
func ARNName(target, arn string) string {
	marker, ok := arnMarkers[target]
	if !ok {
		return ""
	}
	i := strings.LastIndex(arn, marker)
	if i < 0 {
		return ""
	}
	rest := arn[i+len(marker):]
	switch target {
	case kind.Role, kind.InstanceProfile:
		// role/path/name: the name is the last segment.
		return rest[strings.LastIndexByte(rest, '/')+1:]
	case kind.TargetGroup:
		// targetgroup/name/id
		name, _, _ := strings.Cut(rest, "/")
		return name
	case kind.LoadBalancer:
		// loadbalancer/app/name/id (net, gwy); a Classic Load Balancer's
		// is loadbalancer/name.
		seg := strings.Split(rest, "/")
		if len(seg) >= 3 {
			return seg[1]
		}
		return seg[0]
	}
	return rest
}
