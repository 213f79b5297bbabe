package ecslint.rules.correctness["container-memory-missing_test"]

import data.ecslint.rules.correctness["container-memory-missing"] as rule

_td(extra) := object.union(
	{
		"family": "app",
		"containerDefinitions": [
			{"name": "app", "image": "app:1", "memory": 512},
			{"name": "sidecar", "image": "envoy:1", "memoryReservation": 128},
		],
	},
	extra,
)

_in(td) := {"kind": "TaskDefinition", "name": "app:1", "resource": td, "related": {"services": [], "instanceRoles": []}}

_report(td) := r if {
	r := rule.report with input as _in(td)
}

test_fail_container_without_memory if {
	r := _report(_td({"containerDefinitions": [
		{"name": "app", "image": "app:1", "memory": 512},
		{"name": "sidecar", "image": "envoy:1"},
	]}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "memory"]
	contains(f.message, `"sidecar"`)
}

test_fail_zero_values if {
	r := _report(_td({"containerDefinitions": [{"name": "app", "image": "app:1", "memory": 0, "memoryReservation": 0}]}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "memory"]
}

test_fail_external if {
	r := _report(_td({"requiresCompatibilities": ["EXTERNAL"], "containerDefinitions": [{"name": "app", "image": "app:1", "memory": null}]}))
	count(r) == 1
}

test_fail_ec2_and_fargate if {
	r := _report(_td({"requiresCompatibilities": ["EC2", "FARGATE"], "containerDefinitions": [{"name": "app", "image": "app:1"}]}))
	count(r) == 1
}

test_fail_unnamed_container if {
	r := _report(_td({"containerDefinitions": [{"image": "app:1"}]}))
	count(r) == 1
	some f in r
	contains(f.message, "container containerDefinitions[0] ")
}

test_pass_container_values if {
	count(_report(_td({}))) == 0
}

test_pass_task_memory if {
	count(_report(_td({"memory": "1024", "containerDefinitions": [{"name": "app", "image": "app:1"}]}))) == 0
	count(_report(_td({"memory": "${var.memory}", "containerDefinitions": [{"name": "app", "image": "app:1"}]}))) == 0
	count(_report(_td({"memory": "", "containerDefinitions": [{"name": "app", "image": "app:1", "memory": 0}]}))) == 0
}

test_pass_placeholder_container_memory if {
	count(_report(_td({"containerDefinitions": [{"name": "app", "image": "app:1", "memory": "${MEMORY}"}]}))) == 0
}

test_pass_fargate_only if {
	count(_report(_td({"requiresCompatibilities": ["FARGATE"], "containerDefinitions": [{"name": "app", "image": "app:1"}]}))) == 0
}

test_pass_fargate_service if {
	td := _td({"containerDefinitions": [{"name": "app", "image": "app:1"}]})
	r := rule.report with input as object.union(_in(td), {"related": {"services": [{"status": "resolved", "name": "app", "resource": {"serviceName": "app", "launchType": "FARGATE"}}]}})
	count(r) == 0
}

test_pass_managed_instances_only if {
	count(_report(_td({"requiresCompatibilities": ["MANAGED_INSTANCES"], "containerDefinitions": [{"name": "app", "image": "app:1"}]}))) == 0
}
