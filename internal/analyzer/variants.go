package analyzer

import (
	"github.com/ecslint/ecslint/internal/finding"
)

// variantsOf returns the variants of the resource n is one variant of, or
// n alone: a reference resolved to one variant relates to all of them.
func (ix *index) variantsOf(n *node) []*node {
	if vs := ix.variants[n.key]; len(vs) > 0 {
		return vs
	}
	return []*node{n}
}

// firstVariant reports whether n is a resource of one form or the first
// variant of its resource: what a summary counts once.
func (ix *index) firstVariant(n *node) bool {
	vs := ix.variants[n.key]
	return len(vs) == 0 || vs[0] == n
}

// findingsOf collects the nodes' findings, merging those of the variants
// of one template resource (mergeVariants): a finding that holds
// on some branches of an undecidable condition only says which.
func findingsOf(nodes []*node) []finding.Finding {
	var out []finding.Finding
	groups := map[string][]*node{}
	var order []string
	for _, n := range nodes {
		if n.variant == "" {
			out = append(out, n.findings...)
			continue
		}
		if _, ok := groups[n.key]; !ok {
			order = append(order, n.key)
		}
		groups[n.key] = append(groups[n.key], n)
	}
	for _, k := range order {
		labels := make([]string, len(groups[k]))
		fs := make([][]finding.Finding, len(groups[k]))
		for i, n := range groups[k] {
			labels[i], fs[i] = n.variant, n.findings
		}
		out = append(out, mergeVariants(labels, fs)...)
	}
	return out
}
