package ecslint.rules.correctness["execution-role-missing_test"]

import data.ecslint.rules.correctness["execution-role-missing"] as rule

_ecr := "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0"

_awslogs := {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/app", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app"}}

_secret := {"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"}

_input(td) := {"kind": "TaskDefinition", "name": "app:1", "resource": td, "related": {"services": [], "instanceRoles": []}}

_td(extra, container) := object.union({"family": "app", "containerDefinitions": [object.union({"name": "app", "image": "nginx:1.27", "memory": 256}, container)]}, extra)

_fargate := {"requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512"}

test_fail_secrets_any_launch_type if {
	r := rule.report with input as _input(_td({}, {"secrets": [_secret]}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "secrets"]
	contains(f.message, "secrets")
}

test_fail_secret_options if {
	log := {"logDriver": "splunk", "options": {"splunk-url": "https://splunk:8088"}, "secretOptions": [{"name": "splunk-token", "valueFrom": "splunk-token"}]}
	r := rule.report with input as _input(_td({}, {"logConfiguration": log}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "logConfiguration", "secretOptions"]
}

test_fail_repository_credentials if {
	c := {"image": "ghcr.io/org/app:1.0", "repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:ghcr-AbCdEf"}}
	r := rule.report with input as _input(_td({"requiresCompatibilities": ["EC2"]}, c))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "repositoryCredentials"]
}

test_fail_environment_files if {
	c := {"environmentFiles": [{"value": "arn:aws:s3:::bucket/app.env", "type": "s3"}]}
	r := rule.report with input as _input(_td({}, c))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "environmentFiles"]
}

test_fail_awslogs_on_fargate if {
	r := rule.report with input as _input(_td(_fargate, {"logConfiguration": _awslogs}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "logConfiguration", "logDriver"]
	contains(f.message, "awslogs log driver on Fargate")
}

test_fail_private_ecr_on_fargate if {
	r := rule.report with input as _input(_td(_fargate, {"image": _ecr}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "image"]
}

test_fail_awslogs_on_explicit_external if {
	r := rule.report with input as _input(_td({"requiresCompatibilities": ["EXTERNAL"]}, {"logConfiguration": _awslogs}))
	count(r) == 1
	some f in r
	contains(f.message, "external instances")
}

test_fail_fargate_service_runs_undeclared_definition if {
	inp := object.union(_input(_td({}, {"image": _ecr})), {"related": {"services": [{"status": "resolved", "name": "s", "resource": {"serviceName": "s", "launchType": "FARGATE"}}]}})
	r := rule.report with input as inp
	count(r) == 1
}

test_fail_one_finding_per_container_first_need if {
	c := {"image": _ecr, "logConfiguration": _awslogs, "secrets": [_secret]}
	r := rule.report with input as _input(_td(_fargate, c))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "secrets"]
	contains(f.message, "secrets, the awslogs log driver on Fargate, a private Amazon ECR image on Fargate")
}

test_fail_each_container if {
	td := object.union(_fargate, {"family": "app", "containerDefinitions": [
		{"name": "app", "image": _ecr},
		{"name": "sidecar", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0", "logConfiguration": _awslogs},
		{"name": "hub", "image": "nginx:1.27"},
	]})
	r := rule.report with input as _input(td)
	count(r) == 2
	{f.path | some f in r} == {["resource", "containerDefinitions", 0, "image"], ["resource", "containerDefinitions", 1, "logConfiguration", "logDriver"]}
}

test_fail_secret_as_iac_reference if {
	c := {"secrets": [{"name": "DB", "valueFrom": {"Ref": "DbSecret"}}]}
	r := rule.report with input as _input(_td({}, c))
	count(r) == 1
}

# ECS reads "" as no role.
test_fail_empty_execution_role if {
	r := rule.report with input as _input(_td({"executionRoleArn": ""}, {"secrets": [_secret]}))
	count(r) == 1
}

test_fail_null_execution_role if {
	r := rule.report with input as _input(_td({"executionRoleArn": null}, {"secrets": [_secret]}))
	count(r) == 1
}

test_pass_execution_role_set if {
	c := {"image": _ecr, "logConfiguration": _awslogs, "secrets": [_secret]}
	r := rule.report with input as _input(_td(object.union(_fargate, {"executionRoleArn": "ecsTaskExecutionRole"}), c))
	count(r) == 0
}

test_pass_unresolved_execution_role if {
	r := rule.report with input as _input(_td({"executionRoleArn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]}}, {"secrets": [_secret]}))
	count(r) == 0
}

# On EC2 the instance role pulls ECR images and writes awslogs.
test_pass_awslogs_and_ecr_on_ec2 if {
	r := rule.report with input as _input(_td({"requiresCompatibilities": ["EC2"]}, {"image": _ecr, "logConfiguration": _awslogs}))
	count(r) == 0
}

# ECS validates every definition for EXTERNAL (describe output lists it), which
# does not mean that anyone runs it there.
test_pass_awslogs_nothing_declared if {
	r := rule.report with input as _input(_td({"compatibilities": ["EC2", "EXTERNAL"]}, {"image": _ecr, "logConfiguration": _awslogs}))
	count(r) == 0
}

test_pass_fargate_definition_run_by_ec2_service_without_fargate_declared if {
	inp := object.union(_input(_td({}, {"image": _ecr})), {"related": {"services": [{"status": "resolved", "name": "s", "resource": {"serviceName": "s", "launchType": "EC2"}}]}})
	r := rule.report with input as inp
	count(r) == 0
}

test_pass_fargate_public_images if {
	c := {"image": "public.ecr.aws/nginx/nginx:1.27", "logConfiguration": {"logDriver": "awsfirelens"}}
	r := rule.report with input as _input(_td(_fargate, c))
	count(r) == 0
}

# The literal parts say private ECR whatever the account or Region holds.
test_fail_fargate_templated_ecr_image if {
	every image in [
		"${AWS_ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com/app:1",
		"${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1",
		"<ACCOUNT_ID>.dkr.ecr.us-east-1.amazonaws.com/app:1",
		"{{account}}.dkr.ecr.{{region}}.amazonaws.com/app:{{tag}}",
	] {
		r := rule.report with input as _input(_td(_fargate, {"image": image}))
		count(r) == 1
		some f in r
		contains(f.message, "a private Amazon ECR image on Fargate")
	}
}

test_pass_empty_lists if {
	c := {"secrets": [], "environmentFiles": [], "repositoryCredentials": {"credentialsParameter": ""}}
	r := rule.report with input as _input(_td({}, c))
	count(r) == 0
}

test_pass_skeleton_template if {
	c := {
		"name": "",
		"image": "",
		"secrets": [{"name": "", "valueFrom": ""}],
		"environmentFiles": [{"value": "", "type": "s3"}],
		"logConfiguration": {"logDriver": "splunk", "options": {"KeyName": ""}, "secretOptions": [{"name": "", "valueFrom": ""}]},
		"repositoryCredentials": {"credentialsParameter": ""},
	}
	r := rule.report with input as _input(_td({}, c))
	count(r) == 0
}

# An image that is unknown as a whole, or whose literal parts say another
# registry, is not private ECR.
test_pass_fargate_placeholder_or_intrinsic_image if {
	every image in [
		"${IMAGE}",
		"{{REGISTRY}}/app:1",
		{"Fn::Sub": "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1"},
		"123456789012.dkr.ecr.us-east-1.amazonaws.com.example.com/app:1",
		"${ACCOUNT}.dkr.ecr.us-east-1.${DOMAIN}/app:1",
	] {
		count(rule.report) == 0 with input as _input(_td(_fargate, {"image": image}))
	}
}

test_fail_fargate_ecr_hosts if {
	every image in [
		"123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app:1",
		"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app",
		"123456789012.dkr-ecr.eu-west-1.on.aws/app:1",
	] {
		r := rule.report with input as _input(_td(_fargate, {"image": image}))
		count(r) == 1
		some f in r
		f.path == ["resource", "containerDefinitions", 0, "image"]
	}
}

# Fully templated images are unknown; partly templated ones are private ECR
# when the literal parts say so (see test_fail_fargate_templated_ecr_image);
# literal ECR images need the role on Fargate.
test_templated_images if {
	count(rule.report) == 0 with input as _input(_td(_fargate, {"image": "{{ .Env.IMAGE }}"}))
	count(rule.report) == 1 with input as _input(_td(_fargate, {"image": "${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:{{TAG}}"}))
	count(rule.report) == 1 with input as _input(_td(_fargate, {"image": _ecr}))
}
