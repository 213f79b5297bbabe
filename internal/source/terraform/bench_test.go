package terraform_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/internal/benchgen"
	"github.com/ecslint/ecslint/internal/source/terraform"
)

// BenchmarkLoad200 evaluates a root of 200 task definitions and 200
// services written with jsonencode, locals and a local module called with
// for_each (the root bench/terraform.sh lints end to end).
func BenchmarkLoad200(b *testing.B) {
	dir := b.TempDir()
	if err := benchgen.Terraform(dir, 200); err != nil {
		b.Fatal(err)
	}
	root := filepath.Join(dir, "tf")
	src := terraform.New(terraform.Options{})
	b.ReportAllocs()
	for b.Loop() {
		l := src.Load(context.Background(), root)
		if len(l.Errors) > 0 || len(l.Resources) != 400 {
			b.Fatalf("%d resources, errors %v", len(l.Resources), l.Errors)
		}
	}
}

// BenchmarkTemplatefile evaluates a task definition whose container
// definitions templatefile() renders: 40 containers of 12 fields, each
// node placed in the template or at the call.
func BenchmarkTemplatefile(b *testing.B) {
	var tmpl strings.Builder
	tmpl.WriteString("[\n")
	for i := range 40 {
		if i > 0 {
			tmpl.WriteString(",\n")
		}
		fmt.Fprintf(&tmpl, `  {"name": "c%[1]d", "image": "${image}", "cpu": 64, "memory": 128, "essential": true,
   "portMappings": [{"containerPort": %[2]d, "hostPort": %[2]d, "protocol": "tcp"}],
   "environment": [{"name": "A", "value": "1"}, {"name": "B", "value": "${env}"}],
   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/c%[1]d", "awslogs-region": "eu-west-1"}},
   "readonlyRootFilesystem": true, "user": "1000", "privileged": false}`, i, 8000+i)
	}
	tmpl.WriteString("\n]\n")
	dir := b.TempDir()
	for name, content := range map[string]string{
		"containers.json.tftpl": tmpl.String(),
		"main.tf": `resource "aws_ecs_task_definition" "t" {
  family                = "t"
  container_definitions = templatefile("containers.json.tftpl", { image = "nginx:1.27", env = "prod" })
}
`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	src := terraform.New(terraform.Options{})
	b.ReportAllocs()
	for b.Loop() {
		l := src.Load(context.Background(), dir)
		if len(l.Errors) > 0 || len(l.Resources) != 1 {
			b.Fatalf("%d resources, errors %v", len(l.Resources), l.Errors)
		}
	}
}
