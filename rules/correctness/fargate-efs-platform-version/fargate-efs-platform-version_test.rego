package ecslint.rules.correctness["fargate-efs-platform-version_test"]

import data.ecslint.rules.correctness["fargate-efs-platform-version"] as rule

efs_td := {
	"family": "app",
	"networkMode": "awsvpc",
	"requiresCompatibilities": ["FARGATE"],
	"containerDefinitions": [{"name": "app", "image": "nginx:1.27", "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]}],
	"volumes": [
		{"name": "scratch"},
		{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"}},
	],
}

plain_td := json.remove(efs_td, ["volumes"])

resolved(td) := {"taskDefinition": {"status": "resolved", "name": "app:4", "resource": td}}

svc_input(svc, rel) := {
	"kind": "Service",
	"resource": object.union({"serviceName": "app", "taskDefinition": "app:4"}, svc),
	"related": rel,
}

test_fail_platform_1_3_0 if {
	r := rule.report with input as svc_input({"launchType": "FARGATE", "platformVersion": "1.3.0"}, resolved(efs_td))
	count(r) == 1
	some f in r
	f.path == ["resource", "platformVersion"]
	contains(f.message, "\"data\"")
	not contains(f.message, "scratch")
}

test_fail_platform_1_1_0 if {
	r := rule.report with input as svc_input({"launchType": "FARGATE", "platformVersion": "1.1.0"}, resolved(efs_td))
	count(r) == 1
}

test_pass_platform_1_4_0 if {
	r := rule.report with input as svc_input({"launchType": "FARGATE", "platformVersion": "1.4.0"}, resolved(efs_td))
	count(r) == 0
}

test_pass_latest if {
	r := rule.report with input as svc_input({"launchType": "FARGATE", "platformVersion": "LATEST"}, resolved(efs_td))
	count(r) == 0
}

test_pass_platform_omitted if {
	r := rule.report with input as svc_input({"launchType": "FARGATE"}, resolved(efs_td))
	count(r) == 0
}

test_pass_no_efs if {
	r := rule.report with input as svc_input({"launchType": "FARGATE", "platformVersion": "1.3.0"}, resolved(plain_td))
	count(r) == 0
}

test_pass_ec2_service if {
	r := rule.report with input as svc_input({"launchType": "EC2", "platformVersion": "1.3.0"}, resolved(efs_td))
	count(r) == 0
}

test_pass_windows_platform_1_0_0 if {
	td := object.union(efs_td, {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}})
	r := rule.report with input as svc_input({"launchType": "FARGATE", "platformVersion": "1.0.0"}, resolved(td))
	count(r) == 0
}

test_pass_task_unresolved if {
	r := rule.report with input as svc_input({"launchType": "FARGATE", "platformVersion": "1.3.0"}, {"taskDefinition": {"status": "unresolved", "name": "app:4"}})
	count(r) == 0
}

test_pass_placeholder_version if {
	r := rule.report with input as svc_input({"launchType": "FARGATE", "platformVersion": "${PLATFORM_VERSION}"}, resolved(efs_td))
	count(r) == 0
}

test_fail_fargate_spot_capacity_provider if {
	r := rule.report with input as svc_input({"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}], "platformVersion": "1.3.0"}, resolved(efs_td))
	count(r) == 1
	some f in r
	f.path == ["resource", "platformVersion"]
}

test_pass_launch_type_unknown if {
	# The cluster's default capacity provider strategy is not known here.
	r := rule.report with input as svc_input({"platformVersion": "1.3.0"}, resolved(efs_td))
	count(r) == 0
}
