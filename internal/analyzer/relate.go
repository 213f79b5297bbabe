package analyzer

import (
	"sort"
	"strconv"

	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
)

// Relation statuses as rules see them in input.related.
const (
	statusResolved   = "resolved"
	statusUnresolved = "unresolved"
	statusAmbiguous  = "ambiguous"
)

// idKey is an identity within one kind: a cluster and a service may share
// a name.
type idKey struct {
	kind string
	id   source.Identity
}

// index finds resources by identity, over one unit (pass one) or the
// whole run (pass two).
type index struct {
	byID map[idKey][]*node
	// variants lists the nodes of template resources that have several
	// variants, by key.
	variants map[string][]*node
	// incoming lists, per target, the resolved references to it.
	incoming map[*node][]edge
	// out caches the resolution of each node's references.
	out map[*node][]resolution
	// ec2Roles are roles inside instance profiles whose trust policy lets
	// EC2 assume them: container-instance roles wherever
	// they are used.
	ec2Roles []*node
}

// edge is a resolved reference from a holder.
type edge struct {
	from *node
	rel  kind.Relation
}

// resolution is one reference resolved.
type resolution struct {
	rel     kind.Relation
	ref     source.Ref
	status  string
	targets []*node // one when resolved; the candidates when ambiguous
}

func newIndex(nodes []*node) *index {
	ix := &index{byID: map[idKey][]*node{}, incoming: map[*node][]edge{}, out: map[*node][]resolution{}, variants: map[string][]*node{}}
	for _, n := range nodes {
		if n.variant != "" {
			ix.variants[n.key] = append(ix.variants[n.key], n)
		}
		for _, id := range n.ids {
			k := idKey{n.kind, id}
			ix.byID[k] = append(ix.byID[k], n)
		}
	}
	for _, n := range nodes {
		rs := ix.resolveAll(n)
		ix.out[n] = rs
		for _, r := range rs {
			// Only a resolved reference relates the target back: a task
			// definition that is one of several candidates is not known
			// to be run by the service.
			if r.status == statusResolved {
				for _, t := range ix.variantsOf(r.targets[0]) {
					ix.incoming[t] = append(ix.incoming[t], edge{from: n, rel: r.rel})
				}
			}
		}
	}
	for _, n := range nodes {
		if n.kind != kind.InstanceProfile {
			continue
		}
		for _, r := range ix.out[n] {
			if r.rel.Name == "roles" && r.status == statusResolved && r.targets[0].trustsEC2 {
				ix.ec2Roles = append(ix.ec2Roles, r.targets[0])
			}
		}
	}
	return ix
}

// relation finds the relation named rel from kind k.
func relation(k, rel string) (kind.Relation, bool) {
	for _, r := range kind.Relations {
		if r.From == k && r.Name == rel {
			return r, true
		}
	}
	return kind.Relation{}, false
}

func (ix *index) resolveAll(n *node) []resolution {
	out := make([]resolution, 0, len(n.refs))
	for _, ref := range n.refs {
		rel, ok := relation(n.kind, ref.Rel)
		if !ok {
			continue
		}
		res := resolution{rel: rel, ref: ref}
		if rel.To == kind.TaskDefinition {
			res.status, res.targets = ix.resolveTaskDefinition(ref)
		} else {
			res.status, res.targets = ix.resolve(rel.To, ref, n)
		}
		out = append(out, res)
	}
	return out
}

// candidates are the resources of kind k answering to any of ref's
// identities, in a stable order.
func (ix *index) candidates(k string, ids []source.Identity, self *node) []*node {
	var out []*node
	seen := map[*node]bool{self: true}
	keys := map[string]bool{}
	if self != nil {
		keys[self.key] = true
	}
	for _, id := range ids {
		for _, n := range ix.byID[idKey{k, id}] {
			// The variants of one template resource are one candidate.
			if !seen[n] && !keys[n.key] {
				seen[n] = true
				keys[n.key] = true
				out = append(out, n)
			}
		}
	}
	sortNodes(out)
	return out
}

func (ix *index) resolve(k string, ref source.Ref, self *node) (string, []*node) {
	return pick(ix.candidates(k, ref.To, self))
}

// resolveTaskDefinition applies ECS's meaning of a task definition
// reference: an ARN or family:revision names that revision, a bare family
// the latest. A file without a revision is the next registration of its
// family, so it stands for any revision asked for and is the latest.
func (ix *index) resolveTaskDefinition(ref source.Ref) (string, []*node) {
	var family string
	revision := 0
	for _, id := range ref.To {
		switch id.Scheme {
		case source.SchemeFamily:
			family = id.Value
		case source.SchemeFamilyRevision:
			family, revision = splitRevision(id.Value)
		}
	}
	if family == "" {
		return pick(ix.candidates(kind.TaskDefinition, ref.To, nil))
	}
	if revision > 0 {
		if exact := ix.candidates(kind.TaskDefinition, ref.To, nil); len(exact) > 0 {
			return pick(exact)
		}
	}
	all := ix.byID[idKey{kind.TaskDefinition, source.Identity{Scheme: source.SchemeFamily, Value: family}}]
	if len(all) == 0 {
		return statusUnresolved, nil
	}
	var unversioned []*node
	for _, c := range all {
		if c.revision == 0 {
			unversioned = append(unversioned, c)
		}
	}
	if len(unversioned) > 0 {
		return pick(unversioned)
	}
	if revision > 0 {
		return statusUnresolved, nil
	}
	var best []*node
	for _, c := range all {
		switch {
		case len(best) == 0 || c.revision > best[0].revision:
			best = []*node{c}
		case c.revision == best[0].revision:
			best = append(best, c)
		}
	}
	return pick(best)
}

func pick(c []*node) (string, []*node) {
	sortNodes(c)
	switch len(c) {
	case 0:
		return statusUnresolved, nil
	case 1:
		return statusResolved, c
	default:
		return statusAmbiguous, c
	}
}

func splitRevision(s string) (string, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ':' {
			n, err := strconv.Atoi(s[i+1:])
			if err == nil {
				return s[:i], n
			}
			break
		}
	}
	return s, 0
}

func sortNodes(ns []*node) {
	sort.Slice(ns, func(i, j int) bool { return ns[i].order < ns[j].order })
}

// instanceRoles follows the relations from n to the roles its container
// instances run with: the clusters a service (or the services running a
// task definition) use, their capacity providers, Auto Scaling groups,
// launch templates and instance profiles, and the launch templates and
// groups that join a cluster through their user data; plus every role an
// instance profile holds that EC2 may assume.
func (ix *index) instanceRoles(n *node) []*node {
	var clusters []*node
	addTargets := func(from *node, rel string, into *[]*node) {
		for _, r := range ix.out[from] {
			if r.rel.Name == rel && r.status == statusResolved {
				*into = append(*into, r.targets[0])
			}
		}
	}
	switch n.kind {
	case kind.Service:
		addTargets(n, "cluster", &clusters)
	case kind.TaskDefinition:
		for _, e := range ix.incoming[n] {
			if e.rel.Name == "taskDefinition" {
				addTargets(e.from, "cluster", &clusters)
			}
		}
	}
	var asgs, lts, profiles []*node
	for _, c := range clusters {
		var cps []*node
		addTargets(c, "capacityProviders", &cps)
		for _, cp := range cps {
			addTargets(cp, "autoScalingGroup", &asgs)
		}
		// What an account tells: the profiles its container instances run with.
		addTargets(c, kind.RelInstanceProfiles, &profiles)
		for _, e := range ix.incoming[c] {
			switch e.from.kind {
			case kind.AutoScalingGroup:
				asgs = append(asgs, e.from)
			case kind.LaunchTemplate:
				lts = append(lts, e.from)
			}
		}
	}
	for _, g := range asgs {
		addTargets(g, "launchTemplate", &lts)
	}
	for _, lt := range lts {
		addTargets(lt, "instanceProfile", &profiles)
	}
	var roles []*node
	for _, p := range profiles {
		addTargets(p, "roles", &roles)
	}
	roles = append(roles, ix.ec2Roles...)
	seen := map[*node]bool{}
	out := roles[:0]
	for _, r := range roles {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	sortNodes(out)
	return out
}
