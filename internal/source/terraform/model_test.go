package terraform_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ecs/schemas"
	smithy "github.com/aws/smithy-go"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// everyECSArgument sets every argument and block of the ECS resource types
// the mapping reads, as the AWS provider documents them.
const everyECSArgument = `
resource "aws_ecs_task_definition" "all" {
  family                   = "all"
  cpu                      = 1024
  memory                   = 2048
  network_mode             = "awsvpc"
  ipc_mode                 = "task"
  pid_mode                 = "task"
  requires_compatibilities = ["EC2", "FARGATE"]
  execution_role_arn       = "arn:aws:iam::123456789012:role/exec"
  task_role_arn            = "arn:aws:iam::123456789012:role/task"
  skip_destroy             = true
  track_latest             = true
  enable_fault_injection   = false
  tags                     = { team = "a" }
  container_definitions = jsonencode([{
    name = "app", image = "nginx:1.27", essential = true, cpu = 256, memory = 512, memoryReservation = 256,
    user = "1000", readonlyRootFilesystem = true, privileged = false,
    portMappings = [{ containerPort = 80, hostPort = 80, protocol = "tcp", name = "http", appProtocol = "http" }],
    environment = [{ name = "A", value = "b" }],
    secrets = [{ name = "S", valueFrom = "arn:aws:ssm:eu-west-1:123456789012:parameter/s" }],
    logConfiguration = { logDriver = "awslogs", options = { "awslogs-group" = "g" } },
    healthCheck = { command = ["CMD", "true"], interval = 30 },
    linuxParameters = { capabilities = { add = ["SYS_PTRACE"], drop = ["ALL"] }, initProcessEnabled = true },
    mountPoints = [{ sourceVolume = "data", containerPath = "/data", readOnly = true }],
    dependsOn = [{ containerName = "init", condition = "SUCCESS" }],
    ulimits = [{ name = "nofile", softLimit = 1024, hardLimit = 2048 }],
    dockerLabels = { "com.example" = "x" },
  }])
  inference_accelerator {
    device_name = "eia"
    device_type = "eia2.medium"
  }
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  placement_constraints {
    type       = "memberOf"
    expression = "attribute:ecs.instance-type =~ t3.*"
  }
  proxy_configuration {
    type           = "APPMESH"
    container_name = "envoy"
    properties     = { AppPorts = "8080" }
  }
  ephemeral_storage {
    size_in_gib = 30
  }
  volume {
    name                = "host"
    host_path           = "/data"
    configure_at_launch = false
  }
  volume {
    name = "docker"
    docker_volume_configuration {
      scope         = "shared"
      autoprovision = true
      driver        = "local"
      driver_opts   = { type = "nfs" }
      labels        = { a = "b" }
    }
  }
  volume {
    name = "efs"
    efs_volume_configuration {
      file_system_id          = "fs-1"
      root_directory          = "/"
      transit_encryption      = "ENABLED"
      transit_encryption_port = 2999
      authorization_config {
        access_point_id = "fsap-1"
        iam             = "ENABLED"
      }
    }
  }
  volume {
    name = "fsx"
    fsx_windows_file_server_volume_configuration {
      file_system_id = "fs-2"
      root_directory = "\\data"
      authorization_config {
        credentials_parameter = "arn:aws:ssm:eu-west-1:123456789012:parameter/c"
        domain                = "example.com"
      }
    }
  }
}

resource "aws_ecs_service" "all" {
  name                               = "all"
  cluster                            = "main"
  task_definition                    = "all:1"
  desired_count                      = 2
  launch_type                        = "FARGATE"
  platform_version                   = "LATEST"
  scheduling_strategy                = "REPLICA"
  deployment_maximum_percent         = 200
  deployment_minimum_healthy_percent = 100
  enable_ecs_managed_tags            = true
  enable_execute_command             = false
  health_check_grace_period_seconds  = 60
  iam_role                           = "arn:aws:iam::123456789012:role/ecs"
  propagate_tags                     = "SERVICE"
  availability_zone_rebalancing      = "ENABLED"
  force_delete                       = true
  force_new_deployment               = true
  wait_for_steady_state              = true
  triggers                           = { redeploy = "1" }
  tags                               = { team = "a" }
  alarms {
    alarm_names = ["a"]
    enable      = true
    rollback    = true
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  deployment_controller {
    type = "ECS"
  }
  capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 1
  }
  load_balancer {
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg/1"
    container_name   = "app"
    container_port   = 80
  }
  load_balancer {
    elb_name       = "clb"
    container_name = "app"
    container_port = 80
  }
  network_configuration {
    subnets          = ["subnet-1"]
    security_groups  = ["sg-1"]
    assign_public_ip = false
  }
  ordered_placement_strategy {
    type  = "spread"
    field = "instanceId"
  }
  placement_constraints {
    type = "distinctInstance"
  }
  service_registries {
    registry_arn   = "arn:aws:servicediscovery:eu-west-1:123456789012:service/srv-1"
    port           = 80
    container_name = "app"
    container_port = 80
  }
  service_connect_configuration {
    enabled   = true
    namespace = "ns"
    log_configuration {
      log_driver = "awslogs"
      options    = { "awslogs-group" = "g" }
      secret_option {
        name       = "s"
        value_from = "arn:aws:ssm:eu-west-1:123456789012:parameter/s"
      }
    }
    service {
      port_name             = "http"
      discovery_name        = "web"
      ingress_port_override = 8080
      client_alias {
        port     = 80
        dns_name = "web"
      }
      timeout {
        idle_timeout_seconds        = 60
        per_request_timeout_seconds = 30
      }
      tls {
        kms_key  = "arn:aws:kms:eu-west-1:123456789012:key/1"
        role_arn = "arn:aws:iam::123456789012:role/tls"
        issuer_cert_authority {
          aws_pca_authority_arn = "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/1"
        }
      }
    }
  }
  volume_configuration {
    name = "ebs"
    managed_ebs_volume {
      role_arn         = "arn:aws:iam::123456789012:role/ebs"
      encrypted        = true
      file_system_type = "xfs"
      iops             = 3000
      kms_key_id       = "arn:aws:kms:eu-west-1:123456789012:key/1"
      size_in_gb       = 20
      snapshot_id      = "snap-1"
      throughput       = 125
      volume_type      = "gp3"
      tag_specifications {
        resource_type  = "volume"
        propagate_tags = "SERVICE"
        tags           = { team = "a" }
      }
    }
  }
  vpc_lattice_configurations {
    role_arn         = "arn:aws:iam::123456789012:role/lattice"
    target_group_arn = "arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/tg-1"
    port_name        = "http"
  }
}

resource "aws_ecs_cluster" "all" {
  name = "main"
  tags = { team = "a" }
  setting {
    name  = "containerInsights"
    value = "enhanced"
  }
  configuration {
    execute_command_configuration {
      kms_key_id = "arn:aws:kms:eu-west-1:123456789012:key/1"
      logging    = "OVERRIDE"
      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = "exec"
        s3_bucket_name                 = "b"
        s3_bucket_encryption_enabled   = true
        s3_key_prefix                  = "exec"
      }
    }
    managed_storage_configuration {
      fargate_ephemeral_storage_kms_key_id = "arn:aws:kms:eu-west-1:123456789012:key/1"
      kms_key_id                           = "arn:aws:kms:eu-west-1:123456789012:key/1"
    }
  }
  service_connect_defaults {
    namespace = "arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-1"
  }
}

resource "aws_ecs_cluster_capacity_providers" "all" {
  cluster_name       = aws_ecs_cluster.all.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 100
  }
}

resource "aws_ecs_capacity_provider" "all" {
  name = "cp"
  tags = { team = "a" }
  auto_scaling_group_provider {
    auto_scaling_group_arn         = "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:1:autoScalingGroupName/asg"
    managed_draining               = "ENABLED"
    managed_termination_protection = "ENABLED"
    managed_scaling {
      instance_warmup_period    = 300
      maximum_scaling_step_size = 10
      minimum_scaling_step_size = 1
      status                    = "ENABLED"
      target_capacity           = 100
    }
  }
}
`

// TestECSKeysInModel maps every argument of the ECS resource types and
// checks every key the mapping produces against the ECS API model of the
// AWS SDK: a misspelt or invented member name fails here.
func TestECSKeysInModel(t *testing.T) {
	t.Parallel()
	res, _, _ := loadTree(t, map[string]string{"main.tf": everyECSArgument})
	models := map[string][]*smithy.Schema{
		kind.TaskDefinition:   {schemas.RegisterTaskDefinitionRequest, schemas.TaskDefinition},
		kind.Service:          {schemas.CreateServiceRequest, schemas.Service},
		kind.Cluster:          {schemas.CreateClusterRequest, schemas.Cluster},
		kind.CapacityProvider: {schemas.CreateCapacityProviderRequest, schemas.CapacityProvider},
	}
	checked := map[string]int{}
	for name, r := range res {
		shapes, ok := models[r.Kind]
		if !ok {
			continue
		}
		r.Value.Foreach(func(k, v *ast.Term) {
			key := string(k.Value.(ast.String))
			var member *smithy.Schema
			for _, s := range shapes {
				if m := s.Member(key); m != nil {
					member = m
				}
			}
			if member == nil {
				t.Errorf("%s: %s is not a member of the %s API", name, key, r.Kind)
				return
			}
			checked[r.Kind] += inModel(t, name+" /"+key, v.Value, member)
		})
	}
	// the fixture reaches deep: a mapping that stopped producing keys
	// would pass vacuously
	for k, min := range map[string]int{kind.TaskDefinition: 60, kind.Service: 70, kind.Cluster: 15, kind.CapacityProvider: 10} {
		if checked[k] < min {
			t.Errorf("%s: %d keys checked, want at least %d", k, checked[k], min)
		}
	}
}

// inModel checks a value against a model shape and counts the keys it
// checked.
func inModel(t *testing.T, path string, v ast.Value, s *smithy.Schema) int {
	t.Helper()
	if str, ok := v.(ast.String); ok && unresolved.Contains(string(str)) {
		return 0
	}
	n := 1
	switch s.Type() {
	case smithy.ShapeTypeStructure, smithy.ShapeTypeUnion:
		obj, ok := v.(ast.Object)
		if !ok {
			t.Errorf("%s: %v is not an object", path, v)
			return n
		}
		obj.Foreach(func(k, e *ast.Term) {
			key := string(k.Value.(ast.String))
			m := s.Member(key)
			if m == nil {
				t.Errorf("%s: %s is not a member of %s", path, key, s.TargetID().Name)
				return
			}
			n += inModel(t, path+"/"+key, e.Value, m)
		})
	case smithy.ShapeTypeList, smithy.ShapeTypeSet:
		arr, ok := v.(*ast.Array)
		if !ok {
			t.Errorf("%s: %v is not a list", path, v)
			return n
		}
		for i := 0; i < arr.Len(); i++ {
			n += inModel(t, path+"/"+strconv.Itoa(i), arr.Elem(i).Value, s.ListMember())
		}
	case smithy.ShapeTypeMap:
		obj, ok := v.(ast.Object)
		if !ok {
			t.Errorf("%s: %v is not a map", path, v)
			return n
		}
		obj.Foreach(func(k, e *ast.Term) {
			n += inModel(t, path+"/"+strings.ReplaceAll(string(k.Value.(ast.String)), "/", "~1"), e.Value, s.MapValue())
		})
	}
	return n
}
