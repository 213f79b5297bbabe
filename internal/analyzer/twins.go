package analyzer

import (
	"context"
	"sort"

	"github.com/ecslint/ecslint/internal/source"
)

// twinSig is a signature no related document has: a merged resource is
// evaluated again in pass two, whatever its relations.
const twinSig = "\x00twin"

// mergeTwins pairs each resource of a Terraform plan with the
// configuration resource of the same run it was planned from (the same
// {terraform, "<dir>#<address>"} identity and kind), merges the two with
// Options.Merge, and drops the configuration's node: references to either
// reach the merged one, which answers to both identities. Units whose
// resources pass one dropped are loaded again for it, and keep them: pass
// two then evaluates the merged resource without loading its unit again.
func (a *Analyzer) mergeTwins(ctx context.Context, states []*unitState, nodes []*node) []*node {
	if a.opts.Merge == nil {
		return nodes
	}
	config := map[idKey]*node{}
	for _, n := range nodes {
		if n.origin.Format != source.FormatTerraform {
			continue
		}
		for _, id := range n.ids {
			if id.Scheme == source.SchemeAddress {
				config[idKey{n.kind, id}] = n
			}
		}
	}
	if len(config) == 0 {
		return nodes
	}
	absorbed := map[*node]bool{}
	var units []int
	seen := map[int]bool{}
	need := func(n *node) {
		if n.res == nil && !seen[n.unit] {
			seen[n.unit] = true
			units = append(units, n.unit)
		}
	}
	for _, n := range nodes {
		if n.origin.Format != source.FormatTerraformPlan {
			continue
		}
		for _, id := range n.ids {
			if h := config[idKey{n.kind, id}]; h != nil && id.Scheme == source.SchemeAddress && !absorbed[h] {
				n.twin = h
				absorbed[h] = true
				need(n)
				need(h)
				break
			}
		}
	}
	if len(absorbed) == 0 {
		return nodes
	}
	sort.Ints(units)
	a.parallel(ctx, len(units), func(i int) { a.reload(ctx, states[units[i]]) })
	out := nodes[:0]
	for _, n := range nodes {
		if absorbed[n] {
			continue
		}
		if n.twin != nil {
			a.merge(n)
		}
		out = append(out, n)
	}
	return out
}

// merge replaces a plan node's resource with its merge with the twin's.
func (a *Analyzer) merge(n *node) {
	if n.res == nil || n.twin.res == nil {
		return // reported by reload
	}
	m := a.opts.Merge(n.res, n.twin.res)
	n.res = m
	n.ids, n.refs, n.unresolved = m.IDs, m.Refs, m.Unresolved
	n.key = nodeKey(m)
	n.sig = twinSig
	a.validate(n)
}
