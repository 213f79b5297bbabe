package terraform

import (
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
)

// auxBlock is a resource that is not linted itself but links others: a
// cluster's capacity provider association, a listener tying a load
// balancer to target groups. t is its value in Terraform's shape.
type auxBlock struct {
	typ, addr string
	t         *tree
}

func isAux(typ string) bool {
	switch typ {
	case "aws_ecs_cluster_capacity_providers", "aws_lb_listener", "aws_alb_listener", "aws_lb_listener_rule", "aws_alb_listener_rule":
		return true
	}
	return false
}

var clusterCapacitySpec = mk(false, map[string]field{
	"cluster_name":                       dropped,
	"default_capacity_provider_strategy": {how: blockN, sub: capacityProviderStrategy},
})

// applyAux folds association and listener resources into the resources
// they link; root names the Terraform root of every address.
func applyAux(root string, res []*source.Resource, aux []auxBlock) {
	byID := map[string][]*source.Resource{}
	for _, r := range res {
		for _, id := range r.IDs {
			byID[id.String()] = append(byID[id.String()], r)
		}
	}
	find := func(ids []source.Identity, k string) []*source.Resource {
		var out []*source.Resource
		seen := map[*source.Resource]bool{}
		for _, id := range ids {
			for _, r := range byID[id.String()] {
				if r.Kind == k && !seen[r] {
					seen[r] = true
					out = append(out, r)
				}
			}
		}
		return out
	}
	listenerLB := map[string][]source.Identity{}
	for _, a := range aux {
		t := a.t
		obj, _ := t.val.(ast.Object)
		switch a.typ {
		case "aws_ecs_cluster_capacity_providers":
			name, pl := stringMember(t, obj, "cluster_name")
			for _, c := range find(targets(root, kind.Cluster, name, pl), kind.Cluster) {
				mergeInto(root, c, mapTree(t, clusterCapacitySpec))
			}
		case "aws_lb_listener", "aws_alb_listener":
			arn, pl := stringMember(t, obj, "load_balancer_arn")
			lbs := targets(root, kind.LoadBalancer, arn, pl)
			listenerLB[a.addr] = lbs
			linkTargetGroups(root, find(lbs, kind.LoadBalancer), t)
		}
	}
	for _, a := range aux {
		if a.typ != "aws_lb_listener_rule" && a.typ != "aws_alb_listener_rule" {
			continue
		}
		t := a.t
		obj, _ := t.val.(ast.Object)
		arn, pl := stringMember(t, obj, "listener_arn")
		for _, id := range targets(root, listenerKind, arn, pl) {
			if addr, ok := strings.CutPrefix(id.Value, root+"#"); ok && id.Scheme == source.SchemeAddress {
				linkTargetGroups(root, find(listenerLB[addr], kind.LoadBalancer), t)
			}
		}
	}
}

func stringMember(t *tree, obj ast.Object, key string) (string, *place) {
	if obj == nil {
		return "", nil
	}
	v := obj.Get(ast.StringTerm(key))
	if v == nil {
		return "", nil
	}
	s, _ := v.Value.(ast.String)
	return string(s), t.places["/"+key]
}

// linkTargetGroups adds the target groups a listener forwards to as
// references of its load balancers.
func linkTargetGroups(root string, lbs []*source.Resource, t *tree) {
	if len(lbs) == 0 {
		return
	}
	obj, _ := t.val.(ast.Object)
	var refs []source.Ref
	for _, pattern := range [][]string{
		{"default_action", "*", "target_group_arn"},
		{"default_action", "*", "forward", "*", "target_group", "*", "arn"},
		{"action", "*", "target_group_arn"},
		{"action", "*", "forward", "*", "target_group", "*", "arn"},
	} {
		walkPath(obj, pattern, nil, func(path []any, v ast.Value) {
			s, _ := v.(ast.String)
			ids := targets(root, kind.TargetGroup, string(s), t.places[document.Pointer("", path...)])
			refs = append(refs, source.Ref{Rel: "targetGroups", Text: string(s), To: ids})
		})
	}
	for _, lb := range lbs {
		lb.Refs = append(lb.Refs, refs...)
	}
}

// mergeInto adds the members of an association (a cluster's capacity
// providers) to the resource it names, with their places and references.
func mergeInto(root string, r *source.Resource, t *tree) {
	obj, ok := t.val.(ast.Object)
	if !ok {
		return
	}
	loc, _ := r.Locator.(*source.MapLocator)
	obj.Foreach(func(k, v *ast.Term) {
		r.Value.Insert(k, v)
	})
	if loc != nil {
		for p, pl := range t.places {
			if p == "" {
				continue
			}
			loc.Spans[p] = pl.span
			if pl.inexact {
				loc.Inexact[p] = true
			}
		}
	}
	r.Refs = append(r.Refs, refsIn(root, r.Kind, t)...)
	for n := range t.unresolved {
		if !slices.Contains(r.Unresolved, n) {
			r.Unresolved = append(r.Unresolved, n)
		}
	}
}
