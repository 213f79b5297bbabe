package ecsjson_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/ecsjson"
	"github.com/ecslint/ecslint/internal/source/files"
)

// summary is what the detection tests compare for each resource.
type summary struct {
	Kind     string
	Name     string
	Pointer  string
	DocIndex int
	Format   string
}

func summarize(rs []*source.Resource) []summary {
	var out []summary
	for _, r := range rs {
		out = append(out, summary{r.Kind, r.Name, r.Origin.Pointer, r.Origin.Document, r.Origin.Format})
	}
	return out
}

// parse reads data as the CLI does and loads it as raw ECS documents;
// a file the format does not match yields nothing.
func parse(name string, data []byte) ([]*source.Resource, error) {
	f, err := files.Parse(name, data)
	if err != nil {
		return nil, err
	}
	var format ecsjson.Format
	if !format.Match(f) {
		return nil, nil
	}
	return format.Load(context.Background(), f).Resources, nil
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseDetectsResources(t *testing.T) {
	t.Parallel()
	const (
		td   = kind.TaskDefinition
		svc  = kind.Service
		js   = "ecs-json"
		yaml = "ecs-yaml"
	)
	tests := []struct {
		file string
		want []summary
	}{
		{"register-task-definition.json", []summary{{td, "web", "", 0, js}}},
		{"describe-task-definition.json", []summary{{td, "hello_world:8", "/taskDefinition", 0, js}}},
		{"container-definitions.json", []summary{{kind.ContainerDefinitions, "container-definitions", "", 0, js}}}, // a bare containerDefinitions array
		{"describe-services.json", []summary{
			{svc, "web", "/services/0", 0, js},
			{svc, "arn:aws:ecs:us-west-2:123456789012:service/default/worker", "/services/1", 0, js},
			{svc, "api", "/services/2", 0, js},
		}},
		{"create-service-output.json", []summary{{svc, "ecs-simple-service", "/service", 0, js}}},
		{"ecs-service-def.json", []summary{{svc, "ecs-service-def", "", 0, js}}}, // ecspresso: no serviceName
		{"package.json", nil},
		{"tsconfig.json", nil},
		{"cli-input.yaml", []summary{{td, "web:3", "", 0, yaml}}},
		{"stream.yaml", []summary{{svc, "web", "", 0, yaml}, {td, "web", "", 1, yaml}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			rs, err := parse(filepath.Join("testdata", tt.file), readTestdata(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, summarize(rs)); diff != "" {
				t.Errorf("resources (-want +got):\n%s", diff)
			}
			for _, r := range rs {
				if r.Origin.File != filepath.Join("testdata", tt.file) || r.Value == nil {
					t.Errorf("resource %s: file %q, value %v", r.Name, r.Origin.File, r.Value)
				}
				// The resource itself is located exactly.
				if loc := r.Locator.Locate(nil); loc.Precision != "exact" || loc.Pointer != r.Origin.Pointer {
					t.Errorf("resource %s: located at %+v, want the exact pointer %q", r.Name, loc, r.Origin.Pointer)
				}
			}
		})
	}
}

func TestParseInlineShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		file  string
		in    string
		kinds []string
		ptrs  []string
	}{
		{"containerDefinitions must be an array", "x.json", `{"family": "x", "containerDefinitions": {}}`, nil, nil},
		{"task definition with an empty container list", "x.json", `{"containerDefinitions": []}`, []string{kind.TaskDefinition}, []string{""}},
		{"wrapper without a task definition inside", "x.json", `{"taskDefinition": {"family": "x"}}`, nil, nil},
		{"CreateService input naming its task definition", "x.json", `{"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 1}`, []string{kind.Service}, []string{""}},
		{"services beside other keys is not describe-services", "x.json", `{"services": [{"serviceName": "a"}], "nextToken": "x"}`, nil, nil},
		{"describe-services with no services", "x.json", `{"services": [], "failures": [{"arn": "a", "reason": "MISSING"}]}`, nil, nil},
		{"non-service entries in services are skipped", "x.json", `{"services": [1, {"foo": "bar"}, {"serviceName": "b"}]}`, []string{kind.Service}, []string{"/services/2"}},
		{"service wrapper beside other keys", "x.json", `{"service": {"serviceName": "a"}, "extra": 1}`, nil, nil},
		{"service keys without a service marker", "x.json", `{"cluster": "default", "launchType": "FARGATE"}`, nil, nil},
		{"service marker beside unknown keys", "x.json", `{"desiredCount": 1, "name": "x"}`, nil, nil},
		{"named service with a member the API lacks", "x.json", `{"serviceName": "web", "taskDefinition": "web:3", "forceNewDeployment": true}`, []string{kind.Service}, []string{""}},
		{"a name and one service field among others is not a service", "x.json", `{"serviceName": "web", "desiredCount": 1, "image": "x", "cpu": 1}`, nil, nil},
		{"service with containerDefinitions is a task definition", "x.json", `{"serviceName": "a", "containerDefinitions": []}`, []string{kind.TaskDefinition}, []string{""}},
		{"service with members the SDK model added", "x.json", `{"serviceName": "web", "desiredCount": 1, "monitoring": {}, "gatewayConnectors": []}`, []string{kind.Service}, []string{""}},
		{"top-level scalar", "x.json", `42`, nil, nil},
		{"top-level array of task definitions", "x.json", `[{"containerDefinitions": []}]`, nil, nil},
		{"extensionless JSON", "taskdef", `{"containerDefinitions": []}`, []string{kind.TaskDefinition}, []string{""}},
		{"stdin YAML", files.StdinName, "serviceName: web\ndesiredCount: 1\n", []string{kind.Service}, []string{""}},
		{"stdin JSON after a BOM", files.StdinName, "\ufeff {\"containerDefinitions\": []}", []string{kind.TaskDefinition}, []string{""}},
		{".yml extension", "svc.yml", "serviceName: web\nenableExecuteCommand: true\n", []string{kind.Service}, []string{""}},
		{"JSON in a .yaml file", "td.yaml", `{"containerDefinitions": [{"name": "a"}]}`, []string{kind.TaskDefinition}, []string{""}},
		{"upper-case extension", "TD.JSON", `{"containerDefinitions": []}`, []string{kind.TaskDefinition}, []string{""}},
		{"empty YAML", "empty.yaml", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs, err := parse(tt.file, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var kinds, ptrs []string
			for _, r := range rs {
				kinds = append(kinds, r.Kind)
				ptrs = append(ptrs, r.Origin.Pointer)
			}
			if diff := cmp.Diff(tt.kinds, kinds); diff != "" {
				t.Errorf("kinds (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.ptrs, ptrs); diff != "" {
				t.Errorf("pointers (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseMovesDescribeTagsIntoTheTaskDefinition(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		tags string
	}{
		{"tags beside the task definition move in",
			`{"taskDefinition": {"family": "a", "containerDefinitions": []}, "tags": [{"key": "k", "value": "outer"}]}`,
			`[{"key": "k", "value": "outer"}]`},
		{"tags inside win",
			`{"taskDefinition": {"family": "a", "containerDefinitions": [], "tags": [{"key": "k", "value": "inner"}]}, "tags": [{"key": "k", "value": "outer"}]}`,
			`[{"key": "k", "value": "inner"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs, err := parse("td.json", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 1 {
				t.Fatalf("got %d resources, want 1", len(rs))
			}
			tags := rs[0].Value.Get(ast.StringTerm("tags"))
			want := ast.MustParseTerm(tt.tags)
			if tags == nil || !tags.Equal(want) {
				t.Errorf("tags = %v, want %v", tags, want)
			}
			// Findings on the moved tags point where they are in the file.
			if loc := rs[0].Locator.Locate([]any{"tags", 0}); loc.Precision != "exact" {
				t.Errorf("tags located at %+v, want exact", loc)
			}
		})
	}
}

func TestParseNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		file string
		in   string
		want string
	}{
		{"family and revision", "a.json", `{"family": "web", "revision": 12, "containerDefinitions": []}`, "web:12"},
		{"family alone", "a.json", `{"family": "web", "containerDefinitions": []}`, "web"},
		{"revision that is not a number", "a.json", `{"family": "web", "revision": "12", "containerDefinitions": []}`, "web"},
		{"task definition ARN without family", "a.json",
			`{"taskDefinitionArn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:4", "containerDefinitions": []}`,
			"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:4"},
		{"empty family falls back to the file", "dir/td.prod.json", `{"family": "", "containerDefinitions": []}`, "td.prod"},
		{"task definition with neither", "deploy/taskdef.json", `{"containerDefinitions": []}`, "taskdef"},
		{"service name", "a.json", `{"serviceName": "api", "serviceArn": "arn:aws:ecs:eu-west-1:1:service/c/api2"}`, "api"},
		{"service ARN", "a.json", `{"serviceArn": "arn:aws:ecs:eu-west-1:1:service/c/api2"}`, "arn:aws:ecs:eu-west-1:1:service/c/api2"},
		{"service with neither", "svc/ecs-service-def.yml", "desiredCount: 2\nlaunchType: FARGATE\n", "ecs-service-def"},
		{"stdin", files.StdinName, `{"containerDefinitions": []}`, "<stdin>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs, err := parse(tt.file, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 1 {
				t.Fatalf("got %d resources, want 1", len(rs))
			}
			if rs[0].Name != tt.want {
				t.Errorf("name = %q, want %q", rs[0].Name, tt.want)
			}
		})
	}
}
