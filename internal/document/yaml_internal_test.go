package document

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestExpansionCountsWhatConvertBuilds keeps the alias-bomb pre-check exact:
// it must count the values convert spends its budget on, or it would reject
// documents that fit (overcount) or let bombs reach convert (undercount).
func TestExpansionCountsWhatConvertBuilds(t *testing.T) {
	t.Parallel()
	tests := []string{
		"a: 1\n",
		"[1, [2, 3], {a: 4}]\n",
		"family: web\ncontainerDefinitions:\n  - name: app\n    environment: [{name: A, value: b}]\n",
		"base: &b {image: nginx, cpu: 256}\nx: *b\ny: [*b, *b]\n",
		"a: &v 3\nb: *v\nc: [*v, *v, *v]\n",
		"base: &b {a: 1, b: 2}\nm:\n  b: 3\n  <<: *b\n",
		"x: &x {a: 1, b: [1, 2]}\ny: &y {b: 2, c: 2}\nm:\n  <<: [*x, *y]\n  c: 3\n",
		"m:\n  <<: {a: 1, b: {c: 2}}\n  b: 2\n",
		"a: &a [1, 2]\nb: &b [*a, *a, {k: *a}]\nc: [*b, *b]\n",
		"a: 1\na: {x: 2}\na: [3]\n",
	}
	for _, in := range tests {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(in), &n); err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		root := n.Content[0]
		budget := MaxNodes
		c := yamlConverter{index: map[string]Range{}, budget: &budget}
		if _, err := c.convert(root, "", 0); err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		spent := MaxNodes - budget
		if got := expansion(root, map[*yaml.Node]int{}, MaxNodes, 0); got != spent {
			t.Errorf("%q: expansion = %d, convert spent %d", in, got, spent)
		}
		if got := expansion(root, map[*yaml.Node]int{}, 3, 0); got != min(spent, 4) {
			t.Errorf("%q: expansion with limit 3 = %d, want %d", in, got, min(spent, 4))
		}
	}
}
