package terraform_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/files"
	"github.com/ecslint/ecslint/internal/source/terraform"
)

// loadPlan reads a plan file the way the files source hands it over.
func loadPlan(t *testing.T, name string, data []byte) (*source.Loaded, bool) {
	t.Helper()
	f, err := files.Parse(name, data)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	if !(terraform.PlanFormat{}).Match(f) {
		return nil, false
	}
	return terraform.PlanFormat{}.Load(context.Background(), f), true
}

func loadPlanFile(t *testing.T, name string) *source.Loaded {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	l, ok := loadPlan(t, name, data)
	if !ok {
		t.Fatalf("%s: not matched as a plan", name)
	}
	return l
}

func byName(l *source.Loaded) map[string]*source.Resource {
	out := map[string]*source.Resource{}
	for _, r := range l.Resources {
		out[r.Name] = r
	}
	return out
}

// at reads a value by path, nil when absent.
func at(v ast.Value, path ...any) ast.Value {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			o, ok := v.(ast.Object)
			if !ok {
				return nil
			}
			t := o.Get(ast.StringTerm(k))
			if t == nil {
				return nil
			}
			v = t.Value
		case int:
			a, ok := v.(*ast.Array)
			if !ok || k >= a.Len() {
				return nil
			}
			v = a.Elem(k).Value
		}
	}
	return v
}

func TestPlanMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, doc string
		want      bool
	}{
		{"plan", `{"format_version": "1.2", "terraform_version": "1.9.8", "planned_values": {"root_module": {}}}`, true},
		{"changes only", `{"format_version": "1.2", "terraform_version": "1.9.8", "resource_changes": []}`, true},
		{"state", `{"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": {}}}`, true},
		{"provider schemas", `{"format_version": "1.0", "provider_schemas": {}}`, false},
		{"task definition", `{"family": "web", "containerDefinitions": []}`, false},
		{"array", `[{"format_version": "1.2"}]`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, got := loadPlan(t, "plan.json", []byte(tt.doc)); got != tt.want {
				t.Errorf("Match = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPlan reads a plan of testdata/plan/app (written as terraform show
// -json writes it for that configuration): every ECS resource in the API
// shape, unknown values where after_unknown says so, relations through
// the configuration's references, places in the plan file.
func TestPlan(t *testing.T) {
	t.Parallel()
	file := filepath.Join("testdata", "plan", "app", "tfplan.json")
	dir := filepath.Join("testdata", "plan", "app")
	l := loadPlanFile(t, file)
	if len(l.Errors) > 0 || len(l.Warnings) > 0 {
		t.Fatalf("errors %v, warnings %v", l.Errors, l.Warnings)
	}
	if l.Format != source.FormatTerraformPlan {
		t.Errorf("format %q", l.Format)
	}
	res := byName(l)
	var names []string
	for _, r := range l.Resources {
		names = append(names, r.Kind+" "+r.Name)
	}
	want := []string{
		"Cluster aws_ecs_cluster.main",
		"Service aws_ecs_service.web",
		"TaskDefinition aws_ecs_task_definition.web",
		"TaskDefinition aws_ecs_task_definition.worker",
		"Role aws_iam_role.task",
		"TaskDefinition module.batch.aws_ecs_task_definition.this[0]",
	}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}

	web := res["aws_ecs_task_definition.web"]
	if got := at(web.Value, "containerDefinitions", 0, "privileged"); got != ast.Boolean(true) {
		t.Errorf("container_definitions not decoded: privileged = %v", got)
	}
	if got := at(web.Value, "cpu"); got != ast.String("256") {
		t.Errorf("cpu = %v, want the string 256", got)
	}
	for _, absent := range []string{"volumes", "placementConstraints", "ephemeralStorage", "executionRoleArn", "tags"} {
		if v := at(web.Value, absent); v != nil {
			t.Errorf("%s = %v: the plan's null or empty value is not left out", absent, v)
		}
	}
	if got, _ := at(web.Value, "taskRoleArn").(ast.String); !strings.HasPrefix(string(got), "${") {
		t.Errorf("taskRoleArn = %v, want unknown", got)
	}
	wantIDs := []source.Identity{
		{Scheme: source.SchemeAddress, Value: dir + "#aws_ecs_task_definition.web"},
		{Scheme: source.SchemeFamily, Value: "web"},
	}
	if diff := cmp.Diff(wantIDs, web.IDs); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if got := refTargets(web, "taskRole"); got != "terraform:"+dir+"#aws_iam_role.task" {
		t.Errorf("taskRole → %q", got)
	}
	if len(web.Unresolved) != 0 {
		t.Errorf("unresolved %v: a relation's unknown value is not a gap", web.Unresolved)
	}

	worker := res["aws_ecs_task_definition.worker"]
	if got, _ := at(worker.Value, "containerDefinitions").(ast.String); !strings.Contains(string(got), "known after apply") {
		t.Errorf("containerDefinitions = %v, want unknown", got)
	}
	if diff := cmp.Diff([]string{"aws_ecs_task_definition.worker.container_definitions (known after apply)"}, worker.Unresolved); diff != "" {
		t.Errorf("unresolved (-want +got):\n%s", diff)
	}

	svc := res["aws_ecs_service.web"]
	if got := at(svc.Value, "networkConfiguration", "awsvpcConfiguration", "assignPublicIp"); got != ast.String("ENABLED") {
		t.Errorf("assignPublicIp = %v", got)
	}
	// role and platform_version are unknown in the plan but the
	// configuration does not set them: the API request has none.
	for _, absent := range []string{"role", "platformVersion"} {
		if v := at(svc.Value, absent); v != nil {
			t.Errorf("%s = %v: a computed argument the configuration does not set is left out", absent, v)
		}
	}
	if got := refTargets(svc, "taskDefinition"); got != "terraform:"+dir+"#aws_ecs_task_definition.web" {
		t.Errorf("taskDefinition → %q", got)
	}
	if got := refTargets(svc, "cluster"); got != "terraform:"+dir+"#aws_ecs_cluster.main" {
		t.Errorf("cluster → %q", got)
	}

	role := res["aws_iam_role.task"]
	if got := at(role.Value, "AssumeRolePolicyDocument", "Statement", 0, "Principal", "Service"); got != ast.String("ecs-tasks.amazonaws.com") {
		t.Errorf("trust policy principal = %v", got)
	}
	batch := res["module.batch.aws_ecs_task_definition.this[0]"]
	if got := at(batch.Value, "family"); got != ast.String("nightly") {
		t.Errorf("module resource family = %v", got)
	}
}

// refTargets lists a resource's reference targets for one relation.
func refTargets(r *source.Resource, rel string) string {
	var out []string
	for _, ref := range r.Refs {
		if ref.Rel == rel {
			for _, id := range ref.To {
				out = append(out, id.String())
			}
		}
	}
	return strings.Join(out, " ")
}

// TestPlanLocations: fields of the plan are exact; fields inside
// container_definitions, a JSON string, are placed at the string with
// precision resource.
func TestPlanLocations(t *testing.T) {
	t.Parallel()
	file := filepath.Join("testdata", "plan", "app", "tfplan.json")
	res := byName(loadPlanFile(t, file))
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lineOf := func(needle string, nth int) int {
		lines := strings.Split(string(src), "\n")
		for i, l := range lines {
			if strings.Contains(l, needle) {
				if nth == 0 {
					return i + 1
				}
				nth--
			}
		}
		t.Fatalf("%q not in %s", needle, file)
		return 0
	}
	tests := []struct {
		res       string
		path      []any
		line      int
		precision string
	}{
		{"aws_ecs_service.web", []any{"networkConfiguration", "awsvpcConfiguration", "assignPublicIp"}, lineOf(`"assign_public_ip": true`, 0), finding.PrecisionExact},
		{"aws_ecs_service.web", []any{"desiredCount"}, lineOf(`"desired_count": 2`, 0), finding.PrecisionExact},
		{"aws_ecs_task_definition.web", []any{"containerDefinitions", 0, "privileged"}, lineOf(`"container_definitions": "[{\"essential\":true,\"image\":\"nginx`, 0), finding.PrecisionResource},
		{"aws_ecs_task_definition.web", []any{"family"}, lineOf(`"family": "web"`, 0), finding.PrecisionExact},
	}
	for _, tt := range tests {
		loc := res[tt.res].Locator.Locate(tt.path)
		if loc.File != file || loc.Start.Line != tt.line || loc.Precision != tt.precision {
			t.Errorf("%s %v: %s:%d (%s), want %s:%d (%s)", tt.res, tt.path, loc.File, loc.Start.Line, loc.Precision, file, tt.line, tt.precision)
		}
	}
}

// TestPlanForms reads a plan without planned_values (resource_changes
// only, deletions left out), a state, a one-line plan, and the plan's
// defects.
func TestPlanForms(t *testing.T) {
	t.Parallel()
	const td = `{"family": "x", "container_definitions": "[{\"name\":\"a\",\"image\":\"nginx:1.27\"}]"}`
	tests := []struct {
		name      string
		doc       string
		resources []string
		line      int // of the first resource's family
		errors    int
		warning   string
	}{
		{
			name: "changes only",
			doc: `{"format_version": "1.2", "terraform_version": "1.9.8", "resource_changes": [
  {"address": "aws_ecs_task_definition.old", "mode": "managed", "type": "aws_ecs_task_definition", "name": "old", "change": {"actions": ["delete"], "before": ` + td + `, "after": null}},
  {"address": "aws_ecs_task_definition.x", "mode": "managed", "type": "aws_ecs_task_definition", "name": "x", "change": {"actions": ["create"], "before": null, "after": ` + td + `, "after_unknown": {"arn": true}}},
  {"address": "data.aws_region.current", "mode": "data", "type": "aws_region", "name": "current", "change": {"actions": ["read"], "after": {}}}
]}`,
			resources: []string{"aws_ecs_task_definition.x"},
			line:      3,
		},
		{
			name:      "state",
			doc:       `{"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": {"resources": [{"address": "aws_ecs_task_definition.x", "mode": "managed", "type": "aws_ecs_task_definition", "name": "x", "values": ` + td + `}]}}}`,
			resources: []string{"aws_ecs_task_definition.x"},
			line:      1,
		},
		{
			name:      "errored",
			doc:       `{"format_version": "1.2", "terraform_version": "1.9.8", "errored": true, "planned_values": {"root_module": {}}}`,
			resources: nil,
			warning:   "the plan errored",
		},
		{
			name:      "invalid container definitions",
			doc:       `{"format_version": "1.2", "terraform_version": "1.9.8", "planned_values": {"root_module": {"resources": [{"address": "aws_ecs_task_definition.x", "mode": "managed", "type": "aws_ecs_task_definition", "name": "x", "values": {"family": "x", "container_definitions": "[{"}}]}}}`,
			resources: []string{"aws_ecs_task_definition.x"},
			line:      1,
			errors:    1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l, ok := loadPlan(t, "plan.json", []byte(tt.doc))
			if !ok {
				t.Fatal("not matched")
			}
			var names []string
			for _, r := range l.Resources {
				names = append(names, r.Name)
			}
			if diff := cmp.Diff(tt.resources, names); diff != "" {
				t.Errorf("resources (-want +got):\n%s", diff)
			}
			if len(l.Errors) != tt.errors {
				t.Errorf("errors %v, want %d", l.Errors, tt.errors)
			}
			for _, e := range l.Errors {
				if e.Line == 0 {
					t.Errorf("error without a line: %v", e)
				}
			}
			if tt.warning != "" && !strings.Contains(strings.Join(l.Warnings, "\n"), tt.warning) {
				t.Errorf("warnings %v, want %q", l.Warnings, tt.warning)
			}
			if len(l.Resources) > 0 {
				col := strings.Index(strings.Split(tt.doc, "\n")[tt.line-1], `"family"`) + 1
				loc := l.Resources[0].Locator.Locate([]any{"family"})
				if loc.Start.Line != tt.line || loc.Start.Column != col || loc.Precision != finding.PrecisionExact {
					t.Errorf("family at %d:%d (%s), want %d:%d exact", loc.Start.Line, loc.Start.Column, loc.Precision, tt.line, col)
				}
			}
		})
	}
}

// TestPlanReferences resolves references from the configuration section:
// to the instance with the holder's own key, through a module output, from
// inside a module instance with a for_each key; and folds a cluster's
// capacity provider association into the cluster.
func TestPlanReferences(t *testing.T) {
	t.Parallel()
	const doc = `{"format_version": "1.2", "terraform_version": "1.9.8",
"planned_values": {"root_module": {
  "resources": [
    {"address": "aws_ecs_task_definition.app[0]", "mode": "managed", "type": "aws_ecs_task_definition", "name": "app", "index": 0, "values": {"family": "app-0"}},
    {"address": "aws_ecs_task_definition.app[1]", "mode": "managed", "type": "aws_ecs_task_definition", "name": "app", "index": 1, "values": {"family": "app-1"}},
    {"address": "aws_ecs_service.app[0]", "mode": "managed", "type": "aws_ecs_service", "name": "app", "index": 0, "values": {"name": "app-0"}},
    {"address": "aws_ecs_service.app[1]", "mode": "managed", "type": "aws_ecs_service", "name": "app", "index": 1, "values": {"name": "app-1"}},
    {"address": "aws_ecs_service.other", "mode": "managed", "type": "aws_ecs_service", "name": "other", "values": {"name": "other"}},
    {"address": "aws_ecs_cluster.main", "mode": "managed", "type": "aws_ecs_cluster", "name": "main", "values": {"name": "main"}},
    {"address": "aws_ecs_cluster_capacity_providers.main", "mode": "managed", "type": "aws_ecs_cluster_capacity_providers", "name": "main", "values": {"cluster_name": "main", "capacity_providers": ["FARGATE"]}}
  ],
  "child_modules": [
    {"address": "module.td", "resources": [{"address": "module.td.aws_ecs_task_definition.this", "mode": "managed", "type": "aws_ecs_task_definition", "name": "this", "values": {"family": "td"}}]},
    {"address": "module.svc[\"a\"]", "resources": [
      {"address": "module.svc[\"a\"].aws_ecs_task_definition.this", "mode": "managed", "type": "aws_ecs_task_definition", "name": "this", "values": {"family": "svc-a"}},
      {"address": "module.svc[\"a\"].aws_ecs_service.this", "mode": "managed", "type": "aws_ecs_service", "name": "this", "values": {"name": "svc-a"}}
    ]}
  ]
}},
"resource_changes": [
  {"address": "aws_ecs_service.app[0]", "change": {"after_unknown": {"task_definition": true}}},
  {"address": "aws_ecs_service.app[1]", "change": {"after_unknown": {"task_definition": true}}},
  {"address": "aws_ecs_service.other", "change": {"after_unknown": {"task_definition": true}}},
  {"address": "module.svc[\"a\"].aws_ecs_service.this", "change": {"after_unknown": {"task_definition": true}}}
],
"configuration": {"root_module": {
  "resources": [
    {"address": "aws_ecs_service.app", "mode": "managed", "type": "aws_ecs_service", "name": "app", "expressions": {"task_definition": {"references": ["aws_ecs_task_definition.app", "count.index"]}}},
    {"address": "aws_ecs_service.other", "mode": "managed", "type": "aws_ecs_service", "name": "other", "expressions": {"task_definition": {"references": ["module.td.arn", "module.td"]}}}
  ],
  "module_calls": {
    "td": {"module": {"outputs": {"arn": {"expression": {"references": ["aws_ecs_task_definition.this.arn", "aws_ecs_task_definition.this"]}}}}},
    "svc": {"module": {"resources": [{"address": "aws_ecs_service.this", "mode": "managed", "type": "aws_ecs_service", "name": "this", "expressions": {"task_definition": {"references": ["aws_ecs_task_definition.this.arn", "aws_ecs_task_definition.this"]}}}]}}
  }
}}}`
	l, ok := loadPlan(t, filepath.Join("infra", "plan.json"), []byte(doc))
	if !ok {
		t.Fatal("not matched")
	}
	res := byName(l)
	tests := []struct{ holder, rel, want string }{
		{"aws_ecs_service.app[0]", "taskDefinition", "terraform:infra#aws_ecs_task_definition.app[0]"},
		{"aws_ecs_service.app[1]", "taskDefinition", "terraform:infra#aws_ecs_task_definition.app[1]"},
		{"aws_ecs_service.other", "taskDefinition", "terraform:infra#module.td.aws_ecs_task_definition.this"},
		{`module.svc["a"].aws_ecs_service.this`, "taskDefinition", `terraform:infra#module.svc["a"].aws_ecs_task_definition.this`},
	}
	for _, tt := range tests {
		r := res[tt.holder]
		if r == nil {
			t.Errorf("%s not loaded", tt.holder)
			continue
		}
		if got := refTargets(r, tt.rel); got != tt.want {
			t.Errorf("%s %s → %q, want %q", tt.holder, tt.rel, got, tt.want)
		}
	}
	cluster := res["aws_ecs_cluster.main"]
	if got := at(cluster.Value, "capacityProviders", 0); got != ast.String("FARGATE") {
		t.Errorf("cluster capacityProviders = %v, want the association's", at(cluster.Value, "capacityProviders"))
	}
}
