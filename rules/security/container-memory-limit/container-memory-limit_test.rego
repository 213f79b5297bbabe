package ecslint.rules.security["container-memory-limit_test"]

import data.ecslint.rules.security["container-memory-limit"] as rule

_input(td, services) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": object.union({"family": "app"}, td),
	"related": {"services": [{"status": "resolved", "name": "s", "resource": s} | some s in services], "instanceRoles": []},
}

_c(extra) := object.union({"name": "app", "image": "nginx:1.27"}, extra)

_windows := {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}}

test_fail_reservation_only if {
	r := rule.report with input as _input({"containerDefinitions": [_c({"memoryReservation": 256})]}, [])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "memory"]
}

test_fail_only_unlimited_containers if {
	containers := [_c({"memory": 512}), _c({"name": "log", "memoryReservation": 64}), _c({"name": "zero", "memory": 0})]
	r := rule.report with input as _input({"requiresCompatibilities": ["EC2"], "containerDefinitions": containers}, [])
	count(r) == 2
	{f.path | some f in r} == {["resource", "containerDefinitions", 1, "memory"], ["resource", "containerDefinitions", 2, "memory"]}
}

test_fail_empty_task_memory if {
	r := rule.report with input as _input({"memory": "", "containerDefinitions": [_c({"memoryReservation": 256})]}, [])
	count(r) == 1
}

test_fail_external if {
	r := rule.report with input as _input({"requiresCompatibilities": ["EXTERNAL"], "containerDefinitions": [_c({"memoryReservation": 256})]}, [])
	count(r) == 1
}

test_fail_fargate_and_ec2 if {
	r := rule.report with input as _input({"requiresCompatibilities": ["FARGATE", "EC2"], "containerDefinitions": [_c({})]}, [])
	count(r) == 1
}

test_fail_fargate_definition_run_by_ec2_service if {
	r := rule.report with input as _input({"requiresCompatibilities": ["FARGATE"], "containerDefinitions": [_c({})]}, [{"serviceName": "s", "launchType": "EC2"}])
	count(r) == 1
}

test_fail_windows_ignores_task_memory if {
	td := object.union(_windows, {"memory": "2048", "containerDefinitions": [_c({"image": "mcr.microsoft.com/windows/servercore/iis"})]})
	r := rule.report with input as _input(td, [])
	count(r) == 1
	some f in r
	startswith(f.message, "Windows container")
}

test_fail_windows_inferred if {
	td := {"memory": "1024", "containerDefinitions": [_c({"image": "mcr.microsoft.com/windows/servercore/iis", "cpu": 512})]}
	r := rule.report with input as _input(td, [])
	count(r) == 1
}

test_pass_container_memory if {
	r := rule.report with input as _input({"containerDefinitions": [_c({"memory": 512}), _c({"name": "b", "memory": "256"}), _c({"name": "c", "memory": "${MEMORY}"})]}, [])
	count(r) == 0
}

test_pass_linux_task_memory_caps_containers if {
	every memory in ["1024", "2 GB", "{{memory}}", {"Ref": "Memory"}] {
		r := rule.report with input as _input({"memory": memory, "containerDefinitions": [_c({"memoryReservation": 256})]}, [])
		count(r) == 0
	}
}

test_pass_windows_container_memory if {
	r := rule.report with input as _input(object.union(_windows, {"containerDefinitions": [_c({"memory": 1024})]}), [])
	count(r) == 0
}

test_pass_fargate_only if {
	r := rule.report with input as _input({"requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "containerDefinitions": [_c({})]}, [])
	count(r) == 0
}

test_pass_windows_fargate if {
	td := object.union(_windows, {"requiresCompatibilities": ["FARGATE"], "memory": "2048", "containerDefinitions": [_c({})]})
	r := rule.report with input as _input(td, [])
	count(r) == 0
}

test_pass_fargate_service if {
	r := rule.report with input as _input({"containerDefinitions": [_c({})]}, [{"serviceName": "s", "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]}])
	count(r) == 0
}
