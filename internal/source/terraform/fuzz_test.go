package terraform

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecslint/ecslint/internal/source/files"
)

// FuzzLoad evaluates any text as a root module's only file: the loader
// must never panic (it calls load, not Load, whose recover would hide
// one).
func FuzzLoad(f *testing.F) {
	seeds := []string{
		`resource "aws_ecs_task_definition" "x" { family = "x" }`,
		"variable \"n\" { default = 2 }\nresource \"aws_ecs_task_definition\" \"x\" {\n  count = var.n\n  family = \"x${count.index}\"\n  container_definitions = jsonencode([{ name = \"a\", image = \"nginx\", privileged = true }])\n}\n",
		"locals { c = { a = 1 } }\nresource \"aws_ecs_service\" \"s\" {\n  for_each = local.c\n  dynamic \"load_balancer\" {\n    for_each = [each.value]\n    content { container_port = load_balancer.value }\n  }\n}\n",
		"resource \"aws_iam_role\" \"r\" {\n  assume_role_policy = <<-EOT\n    {\"Statement\": [${var.x}]}\n  EOT\n}\n",
		"module \"m\" { source = \"./\" }\noutput \"o\" { value = module.m.o }\n",
		`resource "aws_ecs_task_definition" "x" { container_definitions = templatefile("t.tftpl", { a = [for i in range(3) : i] }) }`,
		`data "aws_iam_policy_document" "d" { statement { principals { type = "Service" identifiers = ["ec2.amazonaws.com"] } } }`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	s := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "t.tftpl"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		l := s.load(context.Background(), dir)
		for _, r := range l.Resources {
			r.Locator.Locate([]any{"containerDefinitions", 0, "image"})
			r.Locator.Comments([]any{"family"})
		}
	})
}

// FuzzPlan reads any JSON document as a plan: no panic.
func FuzzPlan(f *testing.F) {
	f.Add(`{"format_version": "1.2", "terraform_version": "1.9.8", "planned_values": {"root_module": {"resources": [{"address": "aws_ecs_service.x", "mode": "managed", "type": "aws_ecs_service", "name": "x", "values": {"name": "x", "load_balancer": [{"container_port": 80}]}}]}}, "resource_changes": [{"address": "aws_ecs_service.x", "change": {"after_unknown": {"task_definition": true, "load_balancer": [{"target_group_arn": true}]}}}], "configuration": {"root_module": {"resources": [{"mode": "managed", "type": "aws_ecs_service", "name": "x", "expressions": {"task_definition": {"references": ["module.a[0].b", "aws_ecs_task_definition.x[\"k\"]"]}}}]}}}`)
	f.Add(`{"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": {"child_modules": [{"resources": [{"address": "module.a.aws_ecs_task_definition.t", "mode": "managed", "type": "aws_ecs_task_definition", "name": "t", "values": {"container_definitions": "[{\"name\":1}]"}}]}]}}}`)
	f.Fuzz(func(t *testing.T, doc string) {
		file, err := files.Parse("plan.json", []byte(doc))
		if err != nil || !(PlanFormat{}).Match(file) {
			return
		}
		l := PlanFormat{}.Load(context.Background(), file)
		for _, r := range l.Resources {
			r.Locator.Locate([]any{"containerDefinitions", 0, "image"})
		}
	})
}
