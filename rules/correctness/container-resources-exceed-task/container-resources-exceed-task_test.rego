package ecslint.rules.correctness["container-resources-exceed-task_test"]

import data.ecslint.rules.correctness["container-resources-exceed-task"] as rule

_td(extra) := object.union(
	{
		"family": "app",
		"cpu": "1024",
		"memory": "2048",
		"containerDefinitions": [
			{"name": "app", "image": "app:1", "cpu": 512, "memory": 1024},
			{"name": "sidecar", "image": "envoy:1", "cpu": 256, "memoryReservation": 256},
		],
	},
	extra,
)

_in(td) := {"kind": "TaskDefinition", "name": "app:1", "resource": td, "related": {"services": [], "instanceRoles": []}}

_report(td) := r if {
	r := rule.report with input as _in(td)
}

test_fail_cpu_sum if {
	r := _report(_td({"cpu": "512"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "cpu"]
	contains(f.message, "768 CPU units")
}

test_fail_cpu_vcpu_form if {
	r := _report(_td({"cpu": ".5 vCPU"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "cpu"]
}

test_fail_memory_sum if {
	r := _report(_td({"memory": "1 GB"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "memory"]
	contains(f.message, "1280 MiB")
}

# The reservation counts, not the hard limit, when both are set.
test_fail_memory_reservation_preferred if {
	r := _report(_td({"memory": "512", "containerDefinitions": [
		{"name": "app", "memory": 4096, "memoryReservation": 300},
		{"name": "worker", "memory": 300},
	]}))
	count(r) == 1
	some f in r
	contains(f.message, "600 MiB")
}

test_fail_both if {
	r := _report(_td({"cpu": "256", "memory": "512", "runtimePlatform": {"operatingSystemFamily": "LINUX"}}))
	count(r) == 2
}

test_fail_with_placeholder_container if {
	r := _report(_td({"memory": "1024", "containerDefinitions": [
		{"name": "app", "memory": 2048},
		{"name": "other", "memory": "${MEMORY}"},
	]}))
	count(r) == 1
}

test_pass_within if {
	count(_report(_td({}))) == 0
	count(_report(_td({"cpu": "768", "memory": "1280"}))) == 0
}

test_pass_reservation_below_task if {
	count(_report(_td({"memory": "1024", "containerDefinitions": [{"name": "app", "memory": 4096, "memoryReservation": 1024}]}))) == 0
}

test_pass_no_task_values if {
	count(_report(json.remove(_td({}), ["cpu", "memory"]))) == 0
}

test_pass_placeholders if {
	count(_report(_td({"cpu": "${var.cpu}", "memory": "{{memory}}"}))) == 0
	count(_report(_td({"cpu": {"Ref": "Cpu"}, "memory": ""}))) == 0
}

test_pass_windows if {
	count(_report(_td({"cpu": "256", "memory": "512", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}}))) == 0
}

test_pass_unknown_os_family if {
	count(_report(_td({"cpu": "256", "runtimePlatform": {"operatingSystemFamily": {"Ref": "Os"}}}))) == 0
	count(_report(_td({"cpu": "256", "runtimePlatform": {"operatingSystemFamily": "${os}"}}))) == 0
}
