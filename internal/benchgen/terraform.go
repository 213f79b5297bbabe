package benchgen

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Terraform writes a Terraform root of n task definitions and n services
// (n even) to dir/tf, and the same resources as raw ECS JSON, one
// RegisterTaskDefinition and one CreateService document per file, to
// dir/json: the two corpora the Terraform benchmark compares. Half the
// pairs are resource blocks of the root whose container definitions are
// jsonencode(merge(local.defaults, {...})); the other half come from a
// local module called with for_each over a local map.
func Terraform(dir string, n int) error {
	if n%2 != 0 {
		return fmt.Errorf("n must be even, got %d", n)
	}
	tf, js := filepath.Join(dir, "tf"), filepath.Join(dir, "json")
	for _, d := range []string{filepath.Join(tf, "modules", "app"), js} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	var root strings.Builder
	root.WriteString(`locals {
  region = "eu-west-1"
  defaults = {
    essential              = true
    readonlyRootFilesystem = true
    user                   = "1000"
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = "/ecs/bench"
        "awslogs-region"        = "eu-west-1"
        "awslogs-stream-prefix" = "app"
      }
    }
  }
  apps = {
`)
	for i := n / 2; i < n; i++ {
		fmt.Fprintf(&root, "    %s = { port = %d, image = %q, privileged = %t }\n", appName(i), 8000+i, image(i), privileged(i))
	}
	root.WriteString("  }\n}\n\n")
	root.WriteString(`module "app" {
  source   = "./modules/app"
  for_each = local.apps

  name       = each.key
  port       = each.value.port
  image      = each.value.image
  privileged = each.value.privileged
  defaults   = local.defaults
}
`)
	for i := 0; i < n/2; i++ {
		fmt.Fprintf(&root, `
resource "aws_ecs_task_definition" %[1]q {
  family                   = %[1]q
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  task_role_arn            = "arn:aws:iam::123456789012:role/%[1]s"
  execution_role_arn       = "arn:aws:iam::123456789012:role/exec"
  container_definitions = jsonencode([
    merge(local.defaults, {
      name         = %[1]q
      image        = %[2]q
      privileged   = %[3]t
      portMappings = [{ containerPort = %[4]d }]
    })
  ])
}

resource "aws_ecs_service" %[1]q {
  name            = %[1]q
  cluster         = "bench"
  task_definition = aws_ecs_task_definition.%[1]s.arn
  desired_count   = 2
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = ["subnet-0123456789abcdef0"]
    assign_public_ip = false
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}
`, appName(i), image(i), privileged(i), 8000+i)
	}
	module := `variable "name" {}
variable "port" {}
variable "image" {}
variable "privileged" {}
variable "defaults" {}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  task_role_arn            = "arn:aws:iam::123456789012:role/${var.name}"
  execution_role_arn       = "arn:aws:iam::123456789012:role/exec"
  container_definitions = jsonencode([
    merge(var.defaults, {
      name         = var.name
      image        = var.image
      privileged   = var.privileged
      portMappings = [{ containerPort = var.port }]
    })
  ])
}

resource "aws_ecs_service" "this" {
  name            = var.name
  cluster         = "bench"
  task_definition = aws_ecs_task_definition.this.arn
  desired_count   = 2
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = ["subnet-0123456789abcdef0"]
    assign_public_ip = false
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}
`
	if err := os.WriteFile(filepath.Join(tf, "main.tf"), []byte(root.String()), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tf, "modules", "app", "main.tf"), []byte(module), 0o644); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if err := writeJSONPair(js, i); err != nil {
			return err
		}
	}
	return nil
}

func appName(i int) string { return fmt.Sprintf("app%03d", i) }
func image(i int) string {
	return fmt.Sprintf("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app%03d:1.%d.0", i, i%7)
}
func privileged(i int) bool { return i%10 == 0 }

// writeJSONPair writes the raw JSON twin of pair i.
func writeJSONPair(dir string, i int) error {
	name := appName(i)
	td := map[string]any{
		"family":                  name,
		"requiresCompatibilities": []string{"FARGATE"},
		"networkMode":             "awsvpc",
		"cpu":                     "256",
		"memory":                  "512",
		"taskRoleArn":             "arn:aws:iam::123456789012:role/" + name,
		"executionRoleArn":        "arn:aws:iam::123456789012:role/exec",
		"containerDefinitions": []any{map[string]any{
			"name": name, "image": image(i), "privileged": privileged(i),
			"essential": true, "readonlyRootFilesystem": true, "user": "1000",
			"portMappings": []any{map[string]any{"containerPort": 8000 + i}},
			"logConfiguration": map[string]any{"logDriver": "awslogs", "options": map[string]any{
				"awslogs-group": "/ecs/bench", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "app",
			}},
		}},
	}
	svc := map[string]any{
		"serviceName": name, "cluster": "bench", "taskDefinition": name, "desiredCount": 2, "launchType": "FARGATE",
		"networkConfiguration":    map[string]any{"awsvpcConfiguration": map[string]any{"subnets": []string{"subnet-0123456789abcdef0"}, "assignPublicIp": "DISABLED"}},
		"deploymentConfiguration": map[string]any{"deploymentCircuitBreaker": map[string]any{"enable": true, "rollback": true}},
	}
	for suffix, doc := range map[string]any{"task": td, "service": svc} {
		b, err := json.MarshalIndent(doc, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name+"-"+suffix+".json"), append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}
