package terraform_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/terraform"
)

// TestMerge merges each resource of testdata/plan/app's plan with the
// block of the configuration it was planned from: the plan's values, the
// configuration's where the plan knows them only after apply, at the
// configuration's lines.
func TestMerge(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("testdata", "plan", "app")
	plan := byName(loadPlanFile(t, filepath.Join(dir, "tfplan.json")))
	cfgLoaded := terraform.New(terraform.Options{}).Load(context.Background(), dir)
	if len(cfgLoaded.Errors) > 0 {
		t.Fatalf("configuration: %v", cfgLoaded.Errors)
	}
	cfg := byName(cfgLoaded)
	if len(plan) != len(cfg) {
		t.Fatalf("%d planned resources, %d configured", len(plan), len(cfg))
	}
	for name, p := range plan {
		c := cfg[name]
		if c == nil {
			t.Fatalf("%s is not in the configuration", name)
		}
		if p.IDs[0] != c.IDs[0] || p.IDs[0].Scheme != source.SchemeAddress {
			t.Errorf("%s: plan identity %v, configuration %v: they must be equal", name, p.IDs[0], c.IDs[0])
		}
	}

	worker := terraform.Merge(plan["aws_ecs_task_definition.worker"], cfg["aws_ecs_task_definition.worker"])
	if got := at(worker.Value, "containerDefinitions", 0, "privileged"); got != ast.Boolean(true) {
		t.Errorf("privileged = %v: the configuration's container definitions fill the plan's unknown", got)
	}
	if got, _ := at(worker.Value, "containerDefinitions", 0, "image").(ast.String); !strings.HasPrefix(string(got), "${aws_ecr_repository.worker.repository_url}") {
		t.Errorf("image = %q, want the repository URL unknown", got)
	}
	if len(worker.Unresolved) != 0 {
		t.Errorf("unresolved %v after the configuration filled it", worker.Unresolved)
	}
	loc := worker.Locator.Locate([]any{"containerDefinitions", 0, "privileged"})
	if loc.File != filepath.Join(dir, "main.tf") || loc.Start.Line != 50 || loc.Precision != finding.PrecisionExact {
		t.Errorf("privileged at %s:%d (%s), want main.tf:50 exact", loc.File, loc.Start.Line, loc.Precision)
	}
	if worker.Origin.Format != source.FormatTerraformPlan {
		t.Errorf("origin %+v, want the plan's", worker.Origin)
	}

	// The plan's value wins where it knows one.
	svcPlan := plan["aws_ecs_service.web"]
	svcCfg := cfg["aws_ecs_service.web"]
	svcCfg.Value.Insert(ast.StringTerm("desiredCount"), ast.IntNumberTerm(9))
	svc := terraform.Merge(svcPlan, svcCfg)
	if got := at(svc.Value, "desiredCount"); got != ast.Number("2") {
		t.Errorf("desiredCount = %v, want the plan's 2", got)
	}
	if got := refTargets(svc, "taskDefinition"); got != "terraform:"+dir+"#aws_ecs_task_definition.web" {
		t.Errorf("taskDefinition → %q", got)
	}
}
