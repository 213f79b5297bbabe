package ecslint.rules.correctness["fargate-host-volume-source-path_test"]

import data.ecslint.rules.correctness["fargate-host-volume-source-path"] as rule

_td(extra) := object.union(
	{
		"family": "app",
		"networkMode": "awsvpc",
		"requiresCompatibilities": ["FARGATE"],
		"cpu": "256",
		"memory": "512",
		"containerDefinitions": [{"name": "app", "image": "app:1"}],
	},
	extra,
)

_in(td) := {"kind": "TaskDefinition", "name": "app:1", "resource": td, "related": {"services": [], "instanceRoles": []}}

_svc(extra) := {"status": "resolved", "name": "app", "resource": object.union({"serviceName": "app", "taskDefinition": "app:1"}, extra)}

test_fail_source_path if {
	r := rule.report with input as _in(_td({"volumes": [{"name": "scratch", "host": {}}, {"name": "data", "host": {"sourcePath": "/data"}}]}))
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 1, "host", "sourcePath"]
	contains(f.message, "can run on Fargate")
}

test_fail_docker_volume if {
	r := rule.report with input as _in(_td({"volumes": [{"name": "cache", "dockerVolumeConfiguration": {"scope": "task", "driver": "local"}}]}))
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "dockerVolumeConfiguration"]
}

test_fail_fargate_and_ec2 if {
	r := rule.report with input as _in(_td({"requiresCompatibilities": ["EC2", "FARGATE"], "volumes": [{"name": "data", "host": {"sourcePath": "/data"}}]}))
	count(r) == 1
}

test_fail_placeholder_source_path if {
	r := rule.report with input as _in(_td({"volumes": [{"name": "data", "host": {"sourcePath": "${data_path}"}}]}))
	count(r) == 1
}

# No requiresCompatibilities, but the only service runs on Fargate.
test_fail_fargate_service if {
	td := json.remove(_td({"volumes": [{"name": "data", "host": {"sourcePath": "/data"}}]}), ["requiresCompatibilities"])
	r := rule.report with input as object.union(_in(td), {"related": {"services": [_svc({"launchType": "FARGATE"})]}})
	count(r) == 1
	some f in r
	contains(f.message, "Fargate service")
}

test_pass_empty_host if {
	r := rule.report with input as _in(_td({"volumes": [{"name": "scratch", "host": {}}, {"name": "bare"}, {"name": "empty", "host": {"sourcePath": ""}}]}))
	count(r) == 0
}

test_pass_efs_on_fargate if {
	r := rule.report with input as _in(_td({"volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"}}]}))
	count(r) == 0
}

test_pass_ec2 if {
	r := rule.report with input as _in(_td({"requiresCompatibilities": ["EC2"], "volumes": [{"name": "data", "host": {"sourcePath": "/data"}}, {"name": "cache", "dockerVolumeConfiguration": {"scope": "shared", "driver": "local"}}]}))
	count(r) == 0
}

test_pass_no_requires_compatibilities if {
	td := json.remove(_td({"volumes": [{"name": "data", "host": {"sourcePath": "/data"}}]}), ["requiresCompatibilities"])
	r := rule.report with input as _in(td)
	count(r) == 0
}

# Declared for Fargate and EC2, but every service using it runs on EC2.
test_pass_services_on_ec2 if {
	td := _td({"requiresCompatibilities": ["EC2", "FARGATE"], "volumes": [{"name": "data", "host": {"sourcePath": "/data"}}]})
	r := rule.report with input as object.union(_in(td), {"related": {"services": [_svc({"launchType": "EC2"})]}})
	count(r) == 0
}
