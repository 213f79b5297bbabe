package terraform_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/files"
	"github.com/ecslint/ecslint/internal/source/terraform"
)

// writeTree writes files (path → content) under a new directory.
func writeTree(t *testing.T, tree map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range tree {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadRoot evaluates the root module in dir.
func loadRoot(t *testing.T, dir string, opts terraform.Options) *source.Loaded {
	t.Helper()
	return terraform.New(opts).Load(context.Background(), dir)
}

// loadTree writes a root and evaluates it, failing on errors.
func loadTree(t *testing.T, tree map[string]string) (map[string]*source.Resource, *source.Loaded, string) {
	t.Helper()
	dir := writeTree(t, tree)
	l := loadRoot(t, dir, terraform.Options{})
	if len(l.Errors) > 0 {
		t.Fatalf("errors: %v", l.Errors)
	}
	return byName(l), l, dir
}

// TestMappings checks each mapping from Terraform arguments and blocks to
// the API shape of its kind.
func TestMappings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		hcl  string
		res  string
		path []any
		want string // JSON of the value
	}{
		{"cpu number to string", `resource "aws_ecs_task_definition" "x" { cpu = 256 }`, "aws_ecs_task_definition.x", []any{"cpu"}, `"256"`},
		{"efs transit encryption", `resource "aws_ecs_task_definition" "x" {
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = "fs-1"
      transit_encryption = "ENABLED"
      authorization_config { iam = "ENABLED" }
    }
  }
}`, "aws_ecs_task_definition.x", []any{"volumes", 0, "efsVolumeConfiguration"}, `{"authorizationConfig":{"iam":"ENABLED"},"fileSystemId":"fs-1","transitEncryption":"ENABLED"}`},
		{"host path", `resource "aws_ecs_task_definition" "x" {
  volume {
    name      = "logs"
    host_path = "/var/log"
  }
}`, "aws_ecs_task_definition.x", []any{"volumes", 0}, `{"host":{"sourcePath":"/var/log"},"name":"logs"}`},
		{"docker volume", `resource "aws_ecs_task_definition" "x" {
  volume {
    name = "d"
    docker_volume_configuration {
      scope         = "shared"
      autoprovision = true
      driver_opts   = { type = "nfs" }
    }
  }
}`, "aws_ecs_task_definition.x", []any{"volumes", 0, "dockerVolumeConfiguration"}, `{"autoprovision":true,"driverOpts":{"type":"nfs"},"scope":"shared"}`},
		{"runtime platform", `resource "aws_ecs_task_definition" "x" {
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }
}`, "aws_ecs_task_definition.x", []any{"runtimePlatform"}, `{"cpuArchitecture":"ARM64","operatingSystemFamily":"LINUX"}`},
		{"ephemeral storage", `resource "aws_ecs_task_definition" "x" {
  ephemeral_storage { size_in_gib = 30 }
}`, "aws_ecs_task_definition.x", []any{"ephemeralStorage"}, `{"sizeInGiB":30}`},
		{"proxy configuration", `resource "aws_ecs_task_definition" "x" {
  proxy_configuration {
    type           = "APPMESH"
    container_name = "envoy"
    properties     = { AppPorts = "8080" }
  }
}`, "aws_ecs_task_definition.x", []any{"proxyConfiguration"}, `{"containerName":"envoy","properties":[{"name":"AppPorts","value":"8080"}],"type":"APPMESH"}`},
		{"inference accelerator", `resource "aws_ecs_task_definition" "x" {
  inference_accelerator {
    device_name = "a"
    device_type = "eia2.medium"
  }
}`, "aws_ecs_task_definition.x", []any{"inferenceAccelerators", 0}, `{"deviceName":"a","deviceType":"eia2.medium"}`},
		{"task tags", `resource "aws_ecs_task_definition" "x" { tags = { team = "a", managed = true } }`, "aws_ecs_task_definition.x", []any{"tags"}, `[{"key":"managed","value":"true"},{"key":"team","value":"a"}]`},
		{"argument types as the provider converts them", `resource "aws_ecs_service" "x" {
  desired_count          = "2"
  enable_execute_command = "false"
  launch_type            = "FARGATE"
}`, "aws_ecs_service.x", nil, `{"desiredCount":2,"enableExecuteCommand":false,"launchType":"FARGATE"}`},
		{"bool argument written 1", `resource "aws_ecs_service" "x" { enable_execute_command = "1" }`, "aws_ecs_service.x", []any{"enableExecuteCommand"}, `true`},
		{"container definition keys as the provider decodes them", `resource "aws_ecs_task_definition" "x" {
  container_definitions = jsonencode([{
    Name         = "app"
    portMappings = [{ ContainerPort = 80, hostPort = "80" }]
  }])
}`, "aws_ecs_task_definition.x", []any{"containerDefinitions"}, `[{"name":"app","portMappings":[{"containerPort":80,"hostPort":"80"}]}]`},
		{"placement strategy", `resource "aws_ecs_service" "x" {
  ordered_placement_strategy {
    type  = "spread"
    field = "attribute:ecs.availability-zone"
  }
}`, "aws_ecs_service.x", []any{"placementStrategy"}, `[{"field":"attribute:ecs.availability-zone","type":"spread"}]`},
		{"load balancer", `resource "aws_ecs_service" "x" {
  load_balancer {
    elb_name       = "clb"
    container_name = "app"
    container_port = 80
  }
}`, "aws_ecs_service.x", []any{"loadBalancers", 0}, `{"containerName":"app","containerPort":80,"loadBalancerName":"clb"}`},
		{"assign public ip", `resource "aws_ecs_service" "x" {
  network_configuration {
    subnets          = ["subnet-1"]
    assign_public_ip = false
  }
}`, "aws_ecs_service.x", []any{"networkConfiguration"}, `{"awsvpcConfiguration":{"assignPublicIp":"DISABLED","subnets":["subnet-1"]}}`},
		{"assign public ip as a string Terraform converts", `resource "aws_ecs_service" "x" {
  network_configuration { assign_public_ip = "1" }
}`, "aws_ecs_service.x", []any{"networkConfiguration", "awsvpcConfiguration", "assignPublicIp"}, `"ENABLED"`},
		{"assign public ip unknown", `variable "public" {}
resource "aws_ecs_service" "x" {
  network_configuration { assign_public_ip = var.public }
}`, "aws_ecs_service.x", []any{"networkConfiguration", "awsvpcConfiguration", "assignPublicIp"}, `"${var.public}"`},
		{"deployment configuration", `resource "aws_ecs_service" "x" {
  deployment_maximum_percent         = 200
  deployment_minimum_healthy_percent = 50
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}`, "aws_ecs_service.x", []any{"deploymentConfiguration"}, `{"deploymentCircuitBreaker":{"enable":true,"rollback":true},"maximumPercent":200,"minimumHealthyPercent":50}`},
		{"capacity provider strategy", `resource "aws_ecs_service" "x" {
  capacity_provider_strategy {
    capacity_provider = "FARGATE_SPOT"
    weight            = 1
  }
}`, "aws_ecs_service.x", []any{"capacityProviderStrategy"}, `[{"capacityProvider":"FARGATE_SPOT","weight":1}]`},
		{"service connect", `resource "aws_ecs_service" "x" {
  service_connect_configuration {
    enabled = true
    service {
      port_name = "http"
      client_alias { port = 80 }
    }
  }
}`, "aws_ecs_service.x", []any{"serviceConnectConfiguration"}, `{"enabled":true,"services":[{"clientAliases":[{"port":80}],"portName":"http"}]}`},
		{"volume configuration", `resource "aws_ecs_service" "x" {
  volume_configuration {
    name = "ebs"
    managed_ebs_volume {
      role_arn         = "arn:aws:iam::123456789012:role/ebs"
      size_in_gb       = 20
      file_system_type = "xfs"
      encrypted        = true
    }
  }
}`, "aws_ecs_service.x", []any{"volumeConfigurations", 0}, `{"managedEBSVolume":{"encrypted":true,"filesystemType":"xfs","roleArn":"arn:aws:iam::123456789012:role/ebs","sizeInGiB":20},"name":"ebs"}`},
		{"service name and role", `resource "aws_ecs_service" "x" {
  name                    = "web"
  iam_role                = "arn:aws:iam::123456789012:role/ecs"
  enable_ecs_managed_tags = true
  wait_for_steady_state   = true
}`, "aws_ecs_service.x", nil, `{"enableECSManagedTags":true,"role":"arn:aws:iam::123456789012:role/ecs","serviceName":"web"}`},
		{"cluster settings", `resource "aws_ecs_cluster" "x" {
  name = "main"
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
  configuration {
    execute_command_configuration {
      logging = "OVERRIDE"
      log_configuration { s3_bucket_encryption_enabled = true }
    }
  }
}`, "aws_ecs_cluster.x", nil, `{"clusterName":"main","configuration":{"executeCommandConfiguration":{"logConfiguration":{"s3EncryptionEnabled":true},"logging":"OVERRIDE"}},"settings":[{"name":"containerInsights","value":"enabled"}]}`},
		{"capacity provider", `resource "aws_ecs_capacity_provider" "x" {
  name = "cp"
  auto_scaling_group_provider {
    auto_scaling_group_arn         = "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:1:autoScalingGroupName/asg"
    managed_termination_protection = "ENABLED"
    managed_scaling { status = "ENABLED" }
  }
}`, "aws_ecs_capacity_provider.x", nil, `{"autoScalingGroupProvider":{"autoScalingGroupArn":"arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:1:autoScalingGroupName/asg","managedScaling":{"status":"ENABLED"},"managedTerminationProtection":"ENABLED"},"name":"cp"}`},
		{"application load balancer", `resource "aws_lb" "x" {
  name     = "web"
  internal = true
  tags     = { team = "a" }
}`, "aws_lb.x", nil, `{"LoadBalancerName":"web","Scheme":"internal","Tags":[{"Key":"team","Value":"a"}],"Type":"application"}`},
		{"network load balancer", `resource "aws_alb" "x" {
  load_balancer_type = "network"
  internal           = false
}`, "aws_alb.x", nil, `{"Scheme":"internet-facing","Type":"network"}`},
		{"internal as a string", `resource "aws_lb" "x" { internal = "true" }`, "aws_lb.x", []any{"Scheme"}, `"internal"`},
		{"classic load balancer", `resource "aws_elb" "x" {
  name = "clb"
  listener {
    lb_port           = 80
    lb_protocol       = "http"
    instance_port     = 8080
    instance_protocol = "http"
  }
}`, "aws_elb.x", nil, `{"ListenerDescriptions":[{"InstancePort":8080,"InstanceProtocol":"http","LbPort":80,"LbProtocol":"http"}],"LoadBalancerName":"clb","Type":"classic"}`},
		{"target group", `resource "aws_lb_target_group" "x" {
  name        = "tg"
  target_type = "ip"
  port        = 80
  health_check {
    path    = "/health"
    matcher = "200"
  }
}`, "aws_lb_target_group.x", nil, `{"HealthCheckPath":"/health","Matcher":{"HttpCode":"200"},"Port":80,"TargetGroupName":"tg","TargetType":"ip"}`},
		{"role trust policy in a heredoc", `resource "aws_iam_role" "x" {
  name               = "r"
  assume_role_policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
EOF
}`, "aws_iam_role.x", []any{"AssumeRolePolicyDocument", "Statement", 0, "Principal"}, `{"Service":"ec2.amazonaws.com"}`},
		{"role trust policy from a policy document", `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}
resource "aws_iam_role" "x" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}`, "aws_iam_role.x", []any{"AssumeRolePolicyDocument", "Statement", 0}, `{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"}}`},
		{"policy document principals of one type together", `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}
resource "aws_iam_role" "x" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}`, "aws_iam_role.x", []any{"AssumeRolePolicyDocument", "Statement", 0, "Principal"}, `{"Service":["ecs-tasks.amazonaws.com","lambda.amazonaws.com"]}`},
		{"instance profile", `resource "aws_iam_instance_profile" "x" {
  name = "p"
  role = "ecs-instance"
}`, "aws_iam_instance_profile.x", nil, `{"InstanceProfileName":"p","Roles":[{"RoleName":"ecs-instance"}]}`},
		{"launch template", `resource "aws_launch_template" "x" {
  name          = "lt"
  instance_type = "t3.small"
  iam_instance_profile { name = "p" }
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}`, "aws_launch_template.x", nil, `{"IamInstanceProfile":{"Name":"p"},"InstanceType":"t3.small","MetadataOptions":{"HttpPutResponseHopLimit":1,"HttpTokens":"required"}}`},
		{"launch configuration", `resource "aws_launch_configuration" "x" {
  iam_instance_profile = "p"
  user_data            = "#!/bin/bash"
}`, "aws_launch_configuration.x", nil, `{"IamInstanceProfile":{"Name":"p"},"UserData":"IyEvYmluL2Jhc2g="}`},
		{"auto scaling group", `resource "aws_autoscaling_group" "x" {
  name                  = "asg"
  max_size              = 2
  protect_from_scale_in = true
  launch_template {
    id      = "lt-123"
    version = "$Latest"
  }
}`, "aws_autoscaling_group.x", nil, `{"AutoScalingGroupName":"asg","LaunchTemplate":{"LaunchTemplateId":"lt-123","Version":"$Latest"},"MaxSize":2,"NewInstancesProtectedFromScaleIn":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, _, _ := loadTree(t, map[string]string{"main.tf": tt.hcl})
			r := res[tt.res]
			if r == nil {
				t.Fatalf("%s not loaded: %v", tt.res, res)
			}
			got := at(r.Value, tt.path...)
			want, err := ast.ValueFromReader(strings.NewReader(tt.want))
			if err != nil {
				t.Fatal(err)
			}
			if got == nil || got.Compare(want) != 0 {
				t.Errorf("%v = %v, want %v", tt.path, got, want)
			}
		})
	}
}

// TestTfvars applies variable values as Terraform does: defaults,
// terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in name
// order, then --var and --var-file in the order given.
func TestTfvars(t *testing.T) {
	t.Parallel()
	const main = `variable "image" { default = "a" }
variable "replicas" { type = number }
resource "aws_ecs_task_definition" "x" {
  family = "x"
  container_definitions = jsonencode([{ name = "app", image = var.image }])
}
resource "aws_ecs_service" "x" { desired_count = var.replicas }
`
	tests := []struct {
		name  string
		files map[string]string
		args  []terraform.VarArg
		image string
	}{
		{"default", nil, nil, "a"},
		{"terraform.tfvars", map[string]string{"terraform.tfvars": `image = "b"`}, nil, "b"},
		{"json after hcl", map[string]string{"terraform.tfvars": `image = "b"`, "terraform.tfvars.json": `{"image": "c"}`}, nil, "c"},
		{"auto files in name order", map[string]string{"terraform.tfvars.json": `{"image": "c"}`, "b.auto.tfvars": `image = "e"`, "a.auto.tfvars.json": `{"image": "d"}`}, nil, "e"},
		{"var-file after auto", map[string]string{"b.auto.tfvars": `image = "e"`, "prod.tfvars": `image = "f"`}, []terraform.VarArg{{File: "prod.tfvars"}}, "f"},
		{"var after var-file", map[string]string{"prod.tfvars": `image = "f"`}, []terraform.VarArg{{File: "prod.tfvars"}, {Name: "image", Value: "g"}}, "g"},
		{"var-file after var", map[string]string{"prod.tfvars": `image = "f"`}, []terraform.VarArg{{Name: "image", Value: "g"}, {File: "prod.tfvars"}}, "f"},
		{"no value", nil, []terraform.VarArg{{Name: "other", Value: "x"}}, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tree := map[string]string{"main.tf": main}
			for k, v := range tt.files {
				tree[k] = v
			}
			dir := writeTree(t, tree)
			args := append([]terraform.VarArg(nil), tt.args...)
			for i := range args {
				if args[i].File != "" {
					args[i].File = filepath.Join(dir, args[i].File)
				}
			}
			l := loadRoot(t, dir, terraform.Options{Vars: args})
			if len(l.Errors) > 0 {
				t.Fatalf("errors: %v", l.Errors)
			}
			res := byName(l)
			if got := at(res["aws_ecs_task_definition.x"].Value, "containerDefinitions", 0, "image"); got != ast.String(tt.image) {
				t.Errorf("image = %v, want %q", got, tt.image)
			}
			// replicas has neither default nor value: unknown and named.
			if got, _ := at(res["aws_ecs_service.x"].Value, "desiredCount").(ast.String); got != "${var.replicas}" {
				t.Errorf("desiredCount = %v, want unknown", got)
			}
			if diff := cmp.Diff([]string{"var.replicas"}, res["aws_ecs_service.x"].Unresolved); diff != "" {
				t.Errorf("unresolved (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("typed var", func(t *testing.T) {
		t.Parallel()
		dir := writeTree(t, map[string]string{"main.tf": main})
		l := loadRoot(t, dir, terraform.Options{Vars: []terraform.VarArg{{Name: "replicas", Value: "3"}}})
		if got := at(byName(l)["aws_ecs_service.x"].Value, "desiredCount"); got != ast.Number("3") {
			t.Errorf("desiredCount = %v, want the number 3", got)
		}
	})
	t.Run("missing var-file", func(t *testing.T) {
		t.Parallel()
		dir := writeTree(t, map[string]string{"main.tf": main})
		l := loadRoot(t, dir, terraform.Options{Vars: []terraform.VarArg{{File: filepath.Join(dir, "none.tfvars")}}})
		if len(l.Errors) != 1 || !strings.Contains(l.Errors[0].Error(), "none.tfvars") {
			t.Errorf("errors %v, want the missing file named", l.Errors)
		}
	})
	if _, err := terraform.ParseVar("novalue"); err == nil {
		t.Error("ParseVar accepted an argument without =")
	}
}

// TestExpansion: count, for_each over maps and sets, dynamic blocks, and
// unknown expansions that keep the block checked once.
func TestExpansion(t *testing.T) {
	t.Parallel()
	res, _, _ := loadTree(t, map[string]string{"main.tf": `
variable "unknown" {}
locals {
  services = { web = 80, api = 8080 }
}
resource "aws_ecs_task_definition" "counted" {
  count  = 2
  family = "c${count.index}"
}
resource "aws_ecs_task_definition" "each" {
  for_each = local.services
  family   = each.key
  container_definitions = jsonencode([{ name = each.key, portMappings = [{ containerPort = each.value }] }])
}
resource "aws_ecs_task_definition" "set" {
  for_each = toset(["a"])
  family   = each.value
}
resource "aws_ecs_task_definition" "maybe" {
  count  = var.unknown ? 1 : 0
  family = "maybe"
}
resource "aws_ecs_task_definition" "dyn" {
  family = "dyn"
  dynamic "volume" {
    for_each = ["a", "b"]
    content { name = volume.value }
  }
  dynamic "placement_constraints" {
    for_each = var.unknown
    content { type = "memberOf" }
  }
}
resource "aws_ecs_task_definition" "none" {
  count  = 0
  family = "none"
}
`})
	var names []string
	for n := range res {
		names = append(names, n)
	}
	sort.Strings(names)
	want := []string{
		"aws_ecs_task_definition.counted[0]", "aws_ecs_task_definition.counted[1]", "aws_ecs_task_definition.dyn",
		`aws_ecs_task_definition.each["api"]`, `aws_ecs_task_definition.each["web"]`,
		"aws_ecs_task_definition.maybe[*]", `aws_ecs_task_definition.set["a"]`,
	}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Fatalf("instances (-want +got):\n%s", diff)
	}
	if got := at(res["aws_ecs_task_definition.counted[1]"].Value, "family"); got != ast.String("c1") {
		t.Errorf("count.index: family = %v", got)
	}
	if got := at(res[`aws_ecs_task_definition.each["api"]`].Value, "containerDefinitions", 0, "portMappings", 0, "containerPort"); got != ast.Number("8080") {
		t.Errorf("each.value: containerPort = %v", got)
	}
	dyn := res["aws_ecs_task_definition.dyn"].Value
	if got := at(dyn, "volumes", 1, "name"); got != ast.String("b") {
		t.Errorf("dynamic volume: %v", at(dyn, "volumes"))
	}
	// how many constraints there are is not known: none is not claimed
	if got, _ := at(dyn, "placementConstraints").(ast.String); !strings.HasPrefix(string(got), "${") {
		t.Errorf("placementConstraints = %v, want unknown", at(dyn, "placementConstraints"))
	}
}

// TestModules evaluates local modules with the caller's arguments and
// those terraform init put under .terraform/modules, and lists the ones
// it cannot read.
func TestModules(t *testing.T) {
	t.Parallel()
	res, l, dir := loadTree(t, map[string]string{
		"main.tf": `module "app" {
  source = "./modules/app"
  image  = "nginx:1.27"
}
module "registry" {
  source  = "terraform-aws-modules/ecs/aws//modules/service"
  version = "5.0.0"
  family  = "from-registry"
}
module "missing" {
  source = "cloudposse/ecs-container-definition/aws"
}
resource "aws_ecs_service" "app" {
  task_definition = module.app.arn
  desired_count   = module.missing.count
}
`,
		"modules/app/main.tf": `variable "image" {}
resource "aws_ecs_task_definition" "this" {
  family = "app"
  container_definitions = jsonencode([{
    name  = "app"
    image = var.image
  }])
}
output "arn" { value = aws_ecs_task_definition.this.arn }
`,
		".terraform/modules/modules.json": `{"Modules": [{"Key": "", "Source": "", "Dir": "."}, {"Key": "registry", "Source": "registry.terraform.io/terraform-aws-modules/ecs/aws//modules/service", "Dir": ".terraform/modules/registry/modules/service"}]}`,
		".terraform/modules/registry/modules/service/main.tf": `variable "family" {}
resource "aws_ecs_task_definition" "this" { family = var.family }
`,
	})
	app := res["module.app.aws_ecs_task_definition.this"]
	if app == nil {
		t.Fatalf("local module not evaluated: %v", res)
	}
	if got := at(app.Value, "containerDefinitions", 0, "image"); got != ast.String("nginx:1.27") {
		t.Errorf("caller's argument: image = %v", got)
	}
	wantTrace := []finding.Frame{{File: filepath.Join(dir, "main.tf"), Start: document1(1, 1), Label: "module.app"}}
	if diff := cmp.Diff(wantTrace, app.Locator.Locate([]any{"family"}).Trace); diff != "" {
		t.Errorf("trace (-want +got):\n%s", diff)
	}
	if r := res["module.registry.aws_ecs_task_definition.this"]; r == nil || at(r.Value, "family") != ast.String("from-registry") {
		t.Errorf("module under .terraform/modules not evaluated: %v", r)
	}
	svc := res["aws_ecs_service.app"]
	if got := refTargets(svc, "taskDefinition"); got != "terraform:"+dir+"#module.app.aws_ecs_task_definition.this" {
		t.Errorf("reference through a module output → %q", got)
	}
	if got, _ := at(svc.Value, "desiredCount").(ast.String); got != "${module.missing}" {
		t.Errorf("output of a module not downloaded = %v, want unknown", at(svc.Value, "desiredCount"))
	}
	if !strings.Contains(strings.Join(l.Warnings, "\n"), `module.missing (source "cloudposse/ecs-container-definition/aws") is not under .terraform/modules`) {
		t.Errorf("warnings %v, want the skipped module", l.Warnings)
	}
}

// TestNullable: null given to a variable declared nullable = false takes
// the variable's default, as Terraform does; null given to any other
// variable is null, an argument not set.
func TestNullable(t *testing.T) {
	t.Parallel()
	const decl = `variable "readonly" {
  type     = bool
  default  = true
  nullable = %s
}
`
	const td = `resource "aws_ecs_task_definition" "this" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", readonlyRootFilesystem = var.readonly }])
}
`
	tests := []struct {
		name, nullable string
		module         bool
		want           ast.Value
	}{
		{"module argument, not nullable", "false", true, ast.Boolean(true)},
		{"module argument, nullable", "true", true, nil},
		{"root tfvars, not nullable", "false", false, ast.Boolean(true)},
		{"root tfvars, nullable", "true", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tree := map[string]string{
				"main.tf":          fmt.Sprintf(decl, tt.nullable) + td,
				"terraform.tfvars": "readonly = null\n",
			}
			name := "aws_ecs_task_definition.this"
			if tt.module {
				tree = map[string]string{
					"main.tf":     `module "app" {` + "\n" + `  source   = "./app"` + "\n" + `  readonly = null` + "\n}\n",
					"app/main.tf": fmt.Sprintf(decl, tt.nullable) + td,
				}
				name = "module.app." + name
			}
			res, _, _ := loadTree(t, tree)
			r := res[name]
			if r == nil {
				t.Fatalf("%s not loaded: %v", name, res)
			}
			got := at(r.Value, "containerDefinitions", 0, "readonlyRootFilesystem")
			if got != tt.want {
				t.Errorf("readonlyRootFilesystem = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestRoots: a directory another walked directory calls is linted through
// its caller, not as a root, unless named; a directory whose files declare
// the same names is a folder of separate roots.
func TestRoots(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, map[string]string{
		"root/main.tf":         `module "m" { source = "../mod" }`,
		"mod/main.tf":          `resource "aws_ecs_task_definition" "x" { family = "x" }`,
		"examples/a.tf":        `resource "aws_ecs_task_definition" "x" { family = "a" }`,
		"examples/b.tf":        `resource "aws_ecs_task_definition" "x" { family = "b" }`,
		"named/only/main.tf":   `resource "aws_ecs_task_definition" "x" { family = "n" }`,
		"named/caller/main.tf": `module "m" { source = "../only" }`,
	})
	src := terraform.New(terraform.Options{})
	var inputs []files.Input
	for _, d := range []string{"root", "mod", "examples", "named/only", "named/caller"} {
		inputs = append(inputs, files.Input{Path: filepath.Join(dir, d), Terraform: true, Explicit: d == "named/only"})
	}
	units, _ := src.Units(inputs)
	var got []string
	families := map[string]string{}
	for _, u := range units {
		rel, _ := filepath.Rel(dir, u.Name)
		got = append(got, filepath.ToSlash(rel))
		l := u.Load(context.Background())
		for _, r := range l.Resources {
			families[filepath.ToSlash(rel)+" "+r.Name] = string(at(r.Value, "family").(ast.String))
		}
	}
	if diff := cmp.Diff([]string{"root", "examples", "named/only", "named/caller"}, got); diff != "" {
		t.Errorf("roots (-want +got):\n%s", diff)
	}
	want := map[string]string{
		"root module.m.aws_ecs_task_definition.x":         "x",
		"examples aws_ecs_task_definition.x":              "a",
		"named/only aws_ecs_task_definition.x":            "n",
		"named/caller module.m.aws_ecs_task_definition.x": "n",
	}
	// the two example files give two resources of one address
	delete(families, "examples aws_ecs_task_definition.x")
	delete(want, "examples aws_ecs_task_definition.x")
	if diff := cmp.Diff(want, families); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
}

func document1(line, col int) document.Pos { return document.Pos{Line: line, Column: col} }
