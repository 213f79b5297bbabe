package source

import (
	"strings"

	"github.com/ecslint/ecslint/internal/finding"
)

// MergeVariants merges the findings of the variants of one resource:
// findings[i] are those of the variant labelled labels[i] (its Variant).
// A finding that every variant reports (same rule, place and message) is
// kept once, as it holds whatever the conditions; one that only some
// variants report holds on those branches only, and its message names
// them: "... (only when IsProd=true)". Order follows the first variant that reports
// each finding.
func MergeVariants(labels []string, findings [][]finding.Finding) []finding.Finding {
	if len(findings) == 1 {
		return findings[0]
	}
	type key struct{ rule, ptr, msg string }
	var order []key
	first := map[key]finding.Finding{}
	holds := map[key][]string{}
	for i, fs := range findings {
		seen := map[key]bool{}
		for _, f := range fs {
			k := key{f.Rule, f.Location.Pointer, f.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			if _, ok := first[k]; !ok {
				first[k] = f
				order = append(order, k)
			}
			holds[k] = append(holds[k], labels[i])
		}
	}
	out := make([]finding.Finding, 0, len(order))
	for _, k := range order {
		f := first[k]
		if len(holds[k]) < len(findings) {
			f.Message += " (only when " + strings.Join(holds[k], " or ") + ")"
		}
		out = append(out, f)
	}
	return out
}
