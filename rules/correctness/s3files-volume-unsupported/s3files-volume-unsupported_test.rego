package ecslint.rules.correctness["s3files-volume-unsupported_test"]

import data.ecslint.rules.correctness["s3files-volume-unsupported"] as rule

_s3f := {"name": "reports", "s3filesVolumeConfiguration": {"fileSystemArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0"}}

_role := "arn:aws:iam::123456789012:role/reports-task"

_td(extra) := object.union(
	{
		"family": "reports",
		"taskRoleArn": _role,
		"containerDefinitions": [{"name": "app", "image": "app:1", "mountPoints": [{"sourceVolume": "reports", "containerPath": "/reports"}]}],
		"volumes": [{"name": "scratch", "host": {}}, _s3f],
	},
	extra,
)

_in(td) := {"kind": "TaskDefinition", "name": "reports:1", "resource": td, "related": {"services": [], "instanceRoles": []}}

_svc(extra) := {"status": "resolved", "name": "reports", "resource": object.union({"serviceName": "reports", "taskDefinition": "reports:1"}, extra)}

test_fail_requires_ec2 if {
	r := rule.report with input as _in(_td({"requiresCompatibilities": ["EC2"]}))
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 1, "s3filesVolumeConfiguration"]
	contains(f.message, "requiresCompatibilities includes EC2")
}

test_fail_requires_fargate_and_ec2 if {
	r := rule.report with input as _in(_td({"requiresCompatibilities": ["FARGATE", "EC2"]}))
	count(r) == 1
}

test_fail_requires_external if {
	r := rule.report with input as _in(_td({"requiresCompatibilities": ["EXTERNAL"]}))
	count(r) == 1
	some f in r
	contains(f.message, "EXTERNAL")
}

test_fail_no_requires_compatibilities if {
	r := rule.report with input as _in(_td({}))
	count(r) == 1
	some f in r
	contains(f.message, "requiresCompatibilities is absent")
}

test_fail_service_on_ec2 if {
	r := rule.report with input as object.union(_in(_td({"requiresCompatibilities": ["FARGATE"]})), {"related": {"services": [_svc({"launchType": "EC2"})]}})
	count(r) == 1
	some f in r
	contains(f.message, "services using this task definition")
}

test_fail_no_task_role if {
	td := json.remove(_td({"requiresCompatibilities": ["FARGATE"]}), ["taskRoleArn"])
	r := rule.report with input as _in(td)
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 1, "s3filesVolumeConfiguration"]
	contains(f.message, "taskRoleArn")
}

test_fail_empty_task_role_and_ec2 if {
	r := rule.report with input as _in(_td({"taskRoleArn": "", "requiresCompatibilities": ["EC2"]}))
	count(r) == 2
}

test_pass_fargate if {
	r := rule.report with input as _in(_td({"requiresCompatibilities": ["FARGATE"]}))
	count(r) == 0
}

test_pass_managed_instances if {
	r := rule.report with input as _in(_td({"requiresCompatibilities": ["MANAGED_INSTANCES"]}))
	count(r) == 0
}

# A task definition without requiresCompatibilities, used only by Fargate services.
test_pass_services_on_fargate if {
	r := rule.report with input as object.union(_in(_td({})), {"related": {"services": [_svc({"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]})]}})
	count(r) == 0
}

test_pass_placeholder_task_role if {
	r := rule.report with input as _in(_td({"requiresCompatibilities": ["FARGATE"], "taskRoleArn": "${task_role_arn}"}))
	count(r) == 0
}

test_pass_no_s3files_on_ec2 if {
	td := _td({"requiresCompatibilities": ["EC2"], "volumes": [{"name": "scratch", "host": {}}]})
	r := rule.report with input as _in(td)
	count(r) == 0
}
