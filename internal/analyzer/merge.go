package analyzer

import (
	"strings"

	"github.com/ecslint/ecslint/internal/finding"
)

// tally groups the findings of several evaluations of one resource (the
// variants of a template resource, or a service against each candidate
// task definition) by rule, place and message, in the order they first
// appear, with the evaluations that reported each.
type tally struct {
	order []findingKey
	first map[findingKey]finding.Finding
	holds map[findingKey][]int
	runs  int
}

type findingKey struct{ rule, ptr, msg string }

func newTally(runs [][]finding.Finding) *tally {
	t := &tally{first: map[findingKey]finding.Finding{}, holds: map[findingKey][]int{}, runs: len(runs)}
	for i, fs := range runs {
		seen := map[findingKey]bool{}
		for _, f := range fs {
			k := findingKey{f.Rule, f.Location.Pointer, f.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			if _, ok := t.first[k]; !ok {
				t.first[k] = f
				t.order = append(t.order, k)
			}
			t.holds[k] = append(t.holds[k], i)
		}
	}
	return t
}

// merge returns each finding once when every evaluation reported it, and
// otherwise what note makes of it for the evaluations that did.
func (t *tally) merge(note func(f finding.Finding, holds []int) []finding.Finding) []finding.Finding {
	out := make([]finding.Finding, 0, len(t.order))
	for _, k := range t.order {
		if len(t.holds[k]) == t.runs {
			out = append(out, t.first[k])
			continue
		}
		out = append(out, note(t.first[k], t.holds[k])...)
	}
	return out
}

// mergeVariants merges the findings of the variants of one template
// resource, findings[i] being those of the variant labelled labels[i]
// (its source.Resource.Variant): a finding only some variants report holds
// on those branches only, and its message names them: "... (only when
// IsProd=true)".
func mergeVariants(labels []string, findings [][]finding.Finding) []finding.Finding {
	if len(findings) == 1 {
		return findings[0]
	}
	return newTally(findings).merge(func(f finding.Finding, holds []int) []finding.Finding {
		names := make([]string, len(holds))
		for i, h := range holds {
			names[i] = labels[h]
		}
		f.Message += " (only when " + strings.Join(names, " or ") + ")"
		return []finding.Finding{f}
	})
}
