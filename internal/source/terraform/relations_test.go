package terraform_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
)

// resolved lists, for one relation of a resource, the names of the loaded
// resources its references reach, as the analyzer matches identities
// within the relation's target kind.
func resolved(all map[string]*source.Resource, holder, rel string) []string {
	r := all[holder]
	if r == nil {
		return []string{"<no " + holder + ">"}
	}
	to := ""
	for _, kr := range kind.RelationsFrom(r.Kind) {
		if kr.Name == rel {
			to = kr.To
		}
	}
	var out []string
	for _, ref := range r.Refs {
		if ref.Rel != rel {
			continue
		}
		for name, cand := range all {
			if cand == r || cand.Kind != to {
				continue
			}
			if hasAny(cand.IDs, ref.To) {
				out = append(out, name)
			}
		}
	}
	return out
}

func hasAny(ids, want []source.Identity) bool {
	for _, a := range ids {
		for _, b := range want {
			if a == b {
				return true
			}
		}
	}
	return false
}

// TestRelationsByReference: the relations the analyzer resolves, through
// Terraform references: service → task definition, load balancers and
// target groups; the container-instance role chain from a cluster through
// capacity providers, Auto Scaling groups, launch templates or
// configurations and instance profiles to roles; task roles; user data
// naming a cluster; listeners tying load balancers to target groups.
func TestRelationsByReference(t *testing.T) {
	t.Parallel()
	res, _, _ := loadTree(t, map[string]string{"main.tf": `
resource "aws_iam_role" "instance" {
  name               = "ecs-instance"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
resource "aws_iam_instance_profile" "instance" {
  name = "ecs-instance"
  role = aws_iam_role.instance.name
}
resource "aws_launch_template" "ecs" {
  name_prefix = "ecs"
  iam_instance_profile { arn = aws_iam_instance_profile.instance.arn }
  user_data = base64encode("#!/bin/bash\necho ECS_CLUSTER=${aws_ecs_cluster.main.name} >> /etc/ecs/ecs.config")
}
resource "aws_launch_configuration" "legacy" {
  iam_instance_profile = aws_iam_instance_profile.instance.name
}
resource "aws_autoscaling_group" "ecs" {
  max_size = 2
  launch_template {
    id      = aws_launch_template.ecs.id
    version = "$Latest"
  }
}
resource "aws_autoscaling_group" "legacy" {
  max_size             = 2
  launch_configuration = aws_launch_configuration.legacy.name
}
resource "aws_ecs_capacity_provider" "ec2" {
  name = "ec2"
  auto_scaling_group_provider { auto_scaling_group_arn = aws_autoscaling_group.ecs.arn }
}
resource "aws_ecs_cluster" "main" {
  name = "main"
}
resource "aws_ecs_cluster_capacity_providers" "main" {
  cluster_name       = aws_ecs_cluster.main.name
  capacity_providers = [aws_ecs_capacity_provider.ec2.name]
}
resource "aws_iam_role" "task" {
  name               = "task"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }] })
}
resource "aws_ecs_task_definition" "web" {
  family             = "web"
  task_role_arn      = aws_iam_role.task.arn
  execution_role_arn = "arn:aws:iam::123456789012:role/exec"
}
resource "aws_elb" "classic" {
  name = "classic"
}
resource "aws_lb" "alb" {
  name = "alb"
}
resource "aws_lb_target_group" "ip" {
  name        = "ip"
  target_type = "ip"
}
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.alb.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.ip.arn
  }
}
resource "aws_ecs_service" "web" {
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.web.arn
  load_balancer {
    elb_name       = aws_elb.classic.name
    container_name = "app"
    container_port = 80
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.ip.arn
    container_name   = "app"
    container_port   = 80
  }
}
`})
	tests := []struct{ holder, rel, want string }{
		{"aws_ecs_service.web", "taskDefinition", "aws_ecs_task_definition.web"},
		{"aws_ecs_service.web", "cluster", "aws_ecs_cluster.main"},
		{"aws_ecs_service.web", "loadBalancers", "aws_elb.classic"},
		{"aws_ecs_service.web", "targetGroups", "aws_lb_target_group.ip"},
		{"aws_ecs_task_definition.web", "taskRole", "aws_iam_role.task"},
		{"aws_ecs_cluster.main", "capacityProviders", "aws_ecs_capacity_provider.ec2"},
		{"aws_ecs_capacity_provider.ec2", "autoScalingGroup", "aws_autoscaling_group.ecs"},
		{"aws_autoscaling_group.ecs", "launchTemplate", "aws_launch_template.ecs"},
		{"aws_autoscaling_group.legacy", "launchTemplate", "aws_launch_configuration.legacy"},
		{"aws_launch_template.ecs", "instanceProfile", "aws_iam_instance_profile.instance"},
		{"aws_launch_template.ecs", "cluster", "aws_ecs_cluster.main"},
		{"aws_launch_configuration.legacy", "instanceProfile", "aws_iam_instance_profile.instance"},
		{"aws_iam_instance_profile.instance", "roles", "aws_iam_role.instance"},
		{"aws_lb.alb", "targetGroups", "aws_lb_target_group.ip"},
	}
	for _, tt := range tests {
		if got := strings.Join(resolved(res, tt.holder, tt.rel), ","); got != tt.want {
			t.Errorf("%s %s → %q, want %q", tt.holder, tt.rel, got, tt.want)
		}
	}
	// A literal ARN names its target by ARN, for resources elsewhere.
	if got := refTargets(res["aws_ecs_task_definition.web"], "executionRole"); got != "arn:arn:aws:iam::123456789012:role/exec" {
		t.Errorf("executionRole → %q", got)
	}
	if got := at(res["aws_lb_target_group.ip"].Value, "TargetType"); got == nil {
		t.Error("target group has no TargetType")
	}
}

// TestPositions: a finding's path leads to the line the value is written
// on: an attribute inside jsonencode, through locals and merge; a heredoc;
// a file read with file(); a template read with templatefile(), at the
// template where the value is literal and at the call where the call
// supplies it.
func TestPositions(t *testing.T) {
	t.Parallel()
	res, _, dir := loadTree(t, map[string]string{
		"main.tf": `locals {
  common = {
    essential = true
    user      = "1000"
  }
}

resource "aws_ecs_task_definition" "jsonencode" {
  family = "a"
  container_definitions = jsonencode([
    merge(local.common, {
      name       = "app"
      privileged = true
    })
  ])
}

resource "aws_ecs_task_definition" "heredoc" {
  family                = "b"
  container_definitions = <<-EOT
    [
      {
        "name": "app",
        "privileged": true
      }
    ]
  EOT
}

resource "aws_ecs_task_definition" "file" {
  family                = "c"
  container_definitions = file("${path.module}/containers.json")
}

resource "aws_ecs_task_definition" "template" {
  family = "d"
  container_definitions = templatefile("${path.module}/containers.tftpl", {
    image = "nginx:1.27"
  })
}
`,
		"containers.json":  "[\n  {\n    \"name\": \"app\",\n    \"privileged\": true\n  }\n]\n",
		"containers.tftpl": "[\n  {\n    \"name\": \"app\",\n    \"image\": \"${image}\",\n    \"privileged\": true\n  }\n]\n",
	})
	main := filepath.Join(dir, "main.tf")
	tests := []struct {
		res       string
		path      []any
		file      string
		line, col int
	}{
		{"aws_ecs_task_definition.jsonencode", []any{"containerDefinitions", 0, "privileged"}, main, 13, 7},
		{"aws_ecs_task_definition.jsonencode", []any{"containerDefinitions", 0, "user"}, main, 4, 5},
		{"aws_ecs_task_definition.jsonencode", []any{"family"}, main, 9, 3},
		{"aws_ecs_task_definition.heredoc", []any{"containerDefinitions", 0, "privileged"}, main, 24, 9},
		{"aws_ecs_task_definition.file", []any{"containerDefinitions", 0, "privileged"}, filepath.Join(dir, "containers.json"), 4, 5},
		{"aws_ecs_task_definition.template", []any{"containerDefinitions", 0, "privileged"}, filepath.Join(dir, "containers.tftpl"), 5, 5},
		{"aws_ecs_task_definition.template", []any{"containerDefinitions", 0, "image"}, main, 38, 5},
	}
	for _, tt := range tests {
		loc := res[tt.res].Locator.Locate(tt.path)
		if loc.File != tt.file || loc.Start.Line != tt.line || loc.Start.Column != tt.col || loc.Precision != finding.PrecisionExact {
			t.Errorf("%s %v at %s:%d:%d (%s), want %s:%d:%d exact", tt.res, tt.path, loc.File, loc.Start.Line, loc.Start.Column, loc.Precision, tt.file, tt.line, tt.col)
		}
	}
}

// TestUnknownValues: what the configuration cannot know stays unknown,
// keeps its literal parts, and names what the user could supply.
func TestUnknownValues(t *testing.T) {
	t.Parallel()
	res, _, _ := loadTree(t, map[string]string{"main.tf": `
variable "repo" {}
variable "privileged" {}
data "aws_caller_identity" "current" {}
resource "aws_ecs_task_definition" "x" {
  family = "x"
  container_definitions = jsonencode([{
    name       = "app"
    image      = "${var.repo}:latest"
    privileged = var.privileged
    user       = data.aws_caller_identity.current.account_id
    essential  = true
  }])
}
variable "more" {}
resource "aws_ecs_task_definition" "spliced" {
  family                = "spliced"
  container_definitions = "[${join(",", concat([jsonencode({ name = "app" })], var.more))}]"
}
`})
	r := res["aws_ecs_task_definition.x"]
	tests := []struct {
		path []any
		want string
	}{
		{[]any{"containerDefinitions", 0, "image"}, `"${var.repo}:latest"`},
		{[]any{"containerDefinitions", 0, "privileged"}, `"${var.privileged}"`},
		{[]any{"containerDefinitions", 0, "user"}, `"${data.aws_caller_identity.current.account_id}"`},
		{[]any{"containerDefinitions", 0, "essential"}, `true`},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(at(r.Value, tt.path...)); got != tt.want {
			t.Errorf("%v = %s, want %s", tt.path, got, tt.want)
		}
	}
	if got := strings.Join(r.Unresolved, ","); got != "var.privileged,var.repo" {
		t.Errorf("unresolved %q", got)
	}
	// an unknown written where array elements go may be any number of
	// them: the array is unknown, not one string element
	if got, _ := at(res["aws_ecs_task_definition.spliced"].Value, "containerDefinitions").(ast.String); !strings.HasPrefix(string(got), "${") {
		t.Errorf("spliced containerDefinitions = %v, want unknown", at(res["aws_ecs_task_definition.spliced"].Value, "containerDefinitions"))
	}
}

// TestComments: `# ecslint:ignore` comments on the lines above a block or
// an argument reach the locator, in #, // and /* */ form.
func TestComments(t *testing.T) {
	t.Parallel()
	res, _, _ := loadTree(t, map[string]string{"main.tf": `
# ecslint:ignore task-role-missing batch job without AWS calls
resource "aws_ecs_task_definition" "x" {
  family = "x"
  container_definitions = jsonencode([{
    name = "app"
    // ecslint:ignore privileged-container the agent needs the host
    privileged = true
    /* ecslint:ignore image-tag-latest pinned by digest in CI */
    image = "nginx:latest"
  }])
}
`})
	loc := res["aws_ecs_task_definition.x"].Locator
	tests := []struct {
		path []any
		want string
	}{
		{[]any{"taskRoleArn"}, "# ecslint:ignore task-role-missing batch job without AWS calls"},
		{[]any{"containerDefinitions", 0, "privileged"}, "# ecslint:ignore privileged-container the agent needs the host"},
		{[]any{"containerDefinitions", 0, "image"}, "# ecslint:ignore image-tag-latest pinned by digest in CI"},
	}
	for _, tt := range tests {
		got := loc.Comments(tt.path)
		found := false
		for _, c := range got {
			if strings.TrimSpace(c) == tt.want {
				found = true
			}
		}
		if !found {
			t.Errorf("comments at %v = %q, want %q", tt.path, got, tt.want)
		}
	}
	if got := loc.Comments([]any{"family"}); len(got) != 1 {
		t.Errorf("comments at family = %q, want the block's only", got)
	}
}

// TestRenamedKeyPlaces: a container definition key written in another
// case takes the model's spelling and keeps its line.
func TestRenamedKeyPlaces(t *testing.T) {
	t.Parallel()
	res, _, _ := loadTree(t, map[string]string{"main.tf": `resource "aws_ecs_task_definition" "x" {
  container_definitions = jsonencode([{
    Name = "app"
    MountPoints = [{
      SourceVolume = "data"
    }]
  }])
}
`})
	loc := res["aws_ecs_task_definition.x"].Locator.Locate([]any{"containerDefinitions", 0, "mountPoints", 0, "sourceVolume"})
	if loc.Start.Line != 5 || loc.Precision != finding.PrecisionExact {
		t.Errorf("sourceVolume at line %d (%s), want 5 exact", loc.Start.Line, loc.Precision)
	}
}
