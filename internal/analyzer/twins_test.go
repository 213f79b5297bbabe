package analyzer_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecslint/ecslint/internal/analyzer"
	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/internal/source/ecsjson"
	"github.com/ecslint/ecslint/internal/source/files"
	"github.com/ecslint/ecslint/internal/source/terraform"
)

const twinConfig = `resource "aws_ecr_repository" "app" {
  name = "app"
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name       = "app"
    image      = "${aws_ecr_repository.app.repository_url}:1.0"
    privileged = true
  }])
}
`

// twinPlan is the plan of twinConfig: the image is known only after
// apply, so the whole container_definitions is.
const twinPlan = `{"format_version": "1.2", "terraform_version": "1.9.8",
"planned_values": {"root_module": {"resources": [
  {"address": "aws_ecs_task_definition.app", "mode": "managed", "type": "aws_ecs_task_definition", "name": "app", "values": {"family": "app", "volume": []}}
]}},
"resource_changes": [{"address": "aws_ecs_task_definition.app", "mode": "managed", "type": "aws_ecs_task_definition", "name": "app",
  "change": {"actions": ["create"], "after": {"family": "app"}, "after_unknown": {"arn": true, "container_definitions": true}}}],
"configuration": {"root_module": {"resources": [{"address": "aws_ecs_task_definition.app", "mode": "managed", "type": "aws_ecs_task_definition", "name": "app",
  "expressions": {"family": {"constant_value": "app"}, "container_definitions": {"references": ["aws_ecr_repository.app.repository_url", "aws_ecr_repository.app"]}}}]}}}
`

// TestPlanAndConfiguration lints a Terraform root and its plan in one run:
// the plan's resource and the configuration's block are one resource, whose
// finding rests on the configuration's literal container definition (the
// plan knows it only after apply) and points at its line; also when pass
// one dropped both from memory.
func TestPlanAndConfiguration(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, content := range map[string]string{"main.tf": twinConfig, "tfplan.json": twinPlan} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rs := []*catalog.Rule{catalog.Builtin().Rule("privileged-container")}
	eng, err := engine.New(context.Background(), engine.Options{Rules: rs})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		merge     bool
		retain    int
		resources int
	}{
		{"merged", true, 0, 1},
		{"merged after dropping", true, 1, 1},
		{"apart", false, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := analyzer.Options{Workers: 2, Rules: rs, Retain: tt.retain}
			if tt.merge {
				opts.Merge = terraform.Merge
			}
			ex := files.Expand([]string{dir})
			units, _ := files.Units(ex, files.Options{
				Formats:   []files.Format{terraform.PlanFormat{}, ecsjson.Format{}},
				Terraform: terraform.New(terraform.Options{}).Units,
			})
			res, err := analyzer.New(eng, opts).Run(context.Background(), units)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) > 0 || res.Resources != tt.resources {
				t.Fatalf("resources %d, want %d; errors %+v", res.Resources, tt.resources, res.Errors)
			}
			if len(res.Findings) != 1 {
				t.Fatalf("findings %+v, want privileged-container once", res.Findings)
			}
			f := res.Findings[0]
			if f.Location.File != filepath.Join(dir, "main.tf") || f.Location.Start.Line != 10 {
				t.Errorf("finding at %s:%d, want main.tf:10", f.Location.File, f.Location.Start.Line)
			}
			if tt.merge && len(res.Unresolved) != 0 {
				t.Errorf("unresolved %v: the configuration supplied the plan's unknown", res.Unresolved)
			}
		})
	}
}
