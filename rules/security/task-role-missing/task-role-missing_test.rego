package ecslint.rules.security["task-role-missing_test"]

import data.ecslint.rules.security["task-role-missing"] as rule

_containers := [{"name": "app", "image": "nginx:1.27", "memory": 256}]

_input(td, services) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": td,
	"related": {"services": [{"status": "resolved", "name": "s", "resource": s} | some s in services], "instanceRoles": []},
}

test_fail_no_role_nothing_declared if {
	r := rule.report with input as _input({"family": "app", "containerDefinitions": _containers}, [])
	count(r) == 1
	some f in r
	f.path == ["resource", "taskRoleArn"]
	not f.severity
}

test_fail_no_role_ec2 if {
	td := {"family": "app", "requiresCompatibilities": ["EC2"], "containerDefinitions": _containers}
	r := rule.report with input as _input(td, [])
	count(r) == 1
}

# ECS reads "" as no role.
test_fail_empty_string_points_at_field if {
	td := {"family": "app", "taskRoleArn": "", "containerDefinitions": _containers}
	r := rule.report with input as _input(td, [])
	count(r) == 1
	some f in r
	f.path == ["resource", "taskRoleArn"]
}

# In an unfilled CLI skeleton (blank family) a blank role is one to fill in.
test_pass_skeleton_blank_role if {
	td := {"family": "", "taskRoleArn": "", "containerDefinitions": _containers}
	r := rule.report with input as _input(td, [])
	count(r) == 0
}

# The path names the missing field; the engine reports its parent's line.
test_fail_absent_points_at_field if {
	td := {"family": "app", "containerDefinitions": _containers}
	r := rule.report with input as _input(td, [])
	count(r) == 1
	some f in r
	f.path == ["resource", "taskRoleArn"]
}

test_fail_null_role if {
	td := {"family": "app", "taskRoleArn": null, "containerDefinitions": _containers}
	r := rule.report with input as _input(td, [])
	count(r) == 1
}

test_fail_fargate_and_ec2 if {
	td := {"family": "app", "requiresCompatibilities": ["FARGATE", "EC2"], "networkMode": "awsvpc", "containerDefinitions": _containers}
	r := rule.report with input as _input(td, [])
	count(r) == 1
	some f in r
	not f.severity
}

test_fail_external if {
	td := {"family": "app", "requiresCompatibilities": ["EXTERNAL"], "containerDefinitions": _containers}
	r := rule.report with input as _input(td, [])
	count(r) == 1
	some f in r
	not f.severity
}

# A FARGATE-only definition run by an EC2 service runs on instances.
test_fail_fargate_definition_run_by_ec2_service if {
	td := {"family": "app", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "containerDefinitions": _containers}
	r := rule.report with input as _input(td, [{"serviceName": "s", "launchType": "EC2"}])
	count(r) == 1
	some f in r
	not f.severity
}

test_fail_info_on_fargate_only if {
	td := {"family": "app", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "containerDefinitions": _containers}
	r := rule.report with input as _input(td, [])
	count(r) == 1
	some f in r
	f.severity == "info"
	f.path == ["resource", "taskRoleArn"]
}

test_fail_info_fargate_spot_service if {
	td := {"family": "app", "containerDefinitions": _containers}
	svc := {"serviceName": "s", "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]}
	r := rule.report with input as _input(td, [svc])
	count(r) == 1
	some f in r
	f.severity == "info"
}

test_pass_role_arn if {
	td := {"family": "app", "taskRoleArn": "arn:aws:iam::123456789012:role/app", "containerDefinitions": _containers}
	r := rule.report with input as _input(td, [])
	count(r) == 0
}

test_pass_role_name if {
	td := {"family": "app", "taskRoleArn": "app-task", "containerDefinitions": _containers}
	r := rule.report with input as _input(td, [])
	count(r) == 0
}

test_pass_unresolved_reference if {
	td := {"family": "app", "taskRoleArn": {"Fn::GetAtt": ["TaskRole", "Arn"]}, "containerDefinitions": _containers}
	r := rule.report with input as _input(td, [])
	count(r) == 0
}
