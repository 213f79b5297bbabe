package ecsjson_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/validate"
)

// TestDuplicateKeysAreProblems: every key given twice within a resource is
// a duplicate-key problem whose path, into the resource's value, the
// locator finds at the occurrence that counts.
func TestDuplicateKeysAreProblems(t *testing.T) {
	t.Parallel()
	// at is a problem: the resource holding it, its path, the line the
	// locator finds it on.
	type at struct {
		Resource int
		Path     []any
		Line     int
	}
	tests := []struct {
		name, file, in string
		want           []at
	}{
		{
			name: "task definition",
			file: "td.json",
			in:   "{\"family\": \"web\",\n\"containerDefinitions\": [{\"name\": \"app\", \"image\": \"a\",\n\"privileged\": true,\n\"privileged\": false}]}",
			want: []at{{0, []any{"containerDefinitions", 0, "privileged"}, 4}},
		},
		{
			name: "describe output, tags beside the definition",
			file: "td.json",
			in:   "{\"taskDefinition\": {\"family\": \"web\", \"containerDefinitions\": [],\n\"family\": \"api\"},\n\"tags\": [{\"key\": \"a\", \"value\": \"1\",\n\"value\": \"2\"}]}",
			want: []at{{0, []any{"family"}, 2}, {0, []any{"tags", 0, "value"}, 4}},
		},
		{
			name: "bare container array",
			file: "containers.json",
			in:   "[{\"name\": \"app\", \"image\": \"a\",\n\"image\": \"b\"}]",
			want: []at{{0, []any{"containerDefinitions", 0, "image"}, 2}},
		},
		{
			name: "one service of describe-services",
			file: "svc.yaml",
			in:   "services:\n  - serviceName: a\n    desiredCount: 1\n  - serviceName: b\n    desiredCount: 1\n    desiredCount: 2\n",
			want: []at{{1, []any{"desiredCount"}, 6}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs, err := parse(tt.file, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var got []at
			for i, r := range rs {
				for _, p := range r.Problems {
					if p.Rule != validate.RuleDuplicateKey {
						t.Errorf("rule %s", p.Rule)
					}
					loc := r.Locator.Locate(p.Path)
					if loc.Precision != "exact" {
						t.Errorf("%v located with precision %s", p.Path, loc.Precision)
					}
					got = append(got, at{i, p.Path, loc.Start.Line})
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestYAMLAsTheAWSCLI reads raw YAML as `aws ecs ... --cli-input-yaml`
// does: `yes` is a string unless the file declares YAML 1.1.
func TestYAMLAsTheAWSCLI(t *testing.T) {
	t.Parallel()
	const body = "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx\n    privileged: yes\n    memory: 0512\n"
	for _, tt := range []struct {
		header, privileged, memory string
	}{
		{"", `"yes"`, "512"},
		{"%YAML 1.1\n---\n", "true", "330"},
	} {
		rs, err := parse("td.yaml", []byte(tt.header+body))
		if err != nil || len(rs) != 1 {
			t.Fatalf("%q: %d resources, %v", tt.header, len(rs), err)
		}
		c := rs[0].Value.Get(ast.StringTerm("containerDefinitions")).Value.(*ast.Array).Elem(0).Value.(ast.Object)
		if got := c.Get(ast.StringTerm("privileged")).Value.String(); got != tt.privileged {
			t.Errorf("%q: privileged = %s, want %s", tt.header, got, tt.privileged)
		}
		if got := c.Get(ast.StringTerm("memory")).Value.String(); got != tt.memory {
			t.Errorf("%q: memory = %s, want %s", tt.header, got, tt.memory)
		}
	}
}
