package ecslint.rules.correctness["fargate-cpu-memory-invalid_test"]

import data.ecslint.rules.correctness["fargate-cpu-memory-invalid"] as rule

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

_report(td) := r if {
	r := rule.report with input as _in(td)
}

_windows := {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"}}

test_fail_missing_cpu_and_memory if {
	r := _report(json.remove(_td({}), ["cpu", "memory"]))
	count(r) == 1
	some f in r
	f.path == ["resource", "cpu"]
	contains(f.message, "cpu and memory")
}

test_fail_missing_memory if {
	r := _report(json.remove(_td({}), ["memory"]))
	count(r) == 1
	some f in r
	f.path == ["resource", "memory"]
	contains(f.message, "no task-level memory")
}

test_fail_null_cpu if {
	r := _report(_td({"cpu": null}))
	count(r) == 1
	some f in r
	f.path == ["resource", "cpu"]
}

test_fail_cpu_not_a_size if {
	r := _report(_td({"cpu": "3072", "memory": "8192"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "cpu"]
	contains(f.message, `cpu "3072"`)
}

test_fail_cpu_malformed if {
	r := _report(_td({"cpu": "1.5"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "cpu"]
}

test_fail_cpu_32_vcpu if {
	r := _report(_td({"cpu": "32 vCPU", "memory": "65536"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "cpu"]
}

test_fail_memory_not_in_row if {
	r := _report(_td({"cpu": "256", "memory": "4096"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "memory"]
	contains(f.message, "512, 1024 or 2048 MiB")
}

test_fail_memory_unit_forms if {
	r := _report(_td({"cpu": "1 vCPU", "memory": "1 GB"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "memory"]
	contains(f.message, "2048 to 8192 MiB")
}

test_fail_memory_off_step_8_vcpu if {
	r := _report(_td({"cpu": "8192", "memory": "18432"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "memory"]
	contains(f.message, "steps of 4096")
}

test_fail_memory_above_16_vcpu_row if {
	r := _report(_td({"cpu": "16 vCPU", "memory": "128 GB"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "memory"]
}

test_fail_windows_small_cpu if {
	r := _report(_td(object.union(_windows, {"cpu": "512", "memory": "1024"})))
	count(r) == 1
	some f in r
	f.path == ["resource", "cpu"]
	contains(f.message, "Windows")
}

test_fail_windows_8_vcpu if {
	r := _report(_td(object.union(_windows, {"cpu": "8 vCPU", "memory": "16 GB"})))
	count(r) == 1
	some f in r
	f.path == ["resource", "cpu"]
}

test_fail_fargate_service if {
	td := json.remove(_td({"memory": "100"}), ["requiresCompatibilities"])
	r := rule.report with input as object.union(_in(td), {"related": {"services": [{"status": "resolved", "name": "app", "resource": {"serviceName": "app", "launchType": "FARGATE"}}]}})
	count(r) == 1
	some f in r
	contains(f.message, "Fargate service")
}

test_pass_every_row if {
	every cpu, memories in {
		"256": ["512", "1024", "2048"],
		"512": ["1024", "4096"],
		"1024": ["2048", "8192"],
		"2048": ["4096", "16384"],
		"4096": ["8192", "30720"],
		"8192": ["16384", "61440"],
		"16384": ["32768", "122880"],
	} {
		every m in memories {
			count(_report(_td({"cpu": cpu, "memory": m}))) == 0
		}
	}
}

test_pass_string_forms if {
	count(_report(_td({"cpu": ".25 vCPU", "memory": "0.5GB"}))) == 0
	count(_report(_td({"cpu": "1 vcpu", "memory": "2 gb"}))) == 0
	count(_report(_td({"cpu": "8 vCPU", "memory": "60 GB"}))) == 0
	count(_report(_td({"cpu": "16 vCPU", "memory": "120GB"}))) == 0
}

test_pass_windows_rows if {
	count(_report(_td(object.union(_windows, {"cpu": "1024", "memory": "2048"})))) == 0
	count(_report(_td(object.union(_windows, {"cpu": "4 vCPU", "memory": "30 GB"})))) == 0
}

test_pass_placeholders if {
	count(_report(_td({"cpu": "<PLACEHOLDER>", "memory": "<PLACEHOLDER>"}))) == 0
	count(_report(_td({"cpu": "${var.cpu}", "memory": "2048"}))) == 0
	count(_report(_td({"cpu": "1024", "memory": "{{ memory }}"}))) == 0
	count(_report(_td({"cpu": {"Ref": "Cpu"}, "memory": {"Ref": "Memory"}}))) == 0
	count(_report(_td({"cpu": "", "memory": ""}))) == 0
}

test_pass_placeholder_os_family if {
	count(_report(_td({"runtimePlatform": {"operatingSystemFamily": {"Ref": "Os"}}, "cpu": "512", "memory": "1024"}))) == 0
}

test_pass_ec2_only if {
	count(_report(_td({"requiresCompatibilities": ["EC2"], "cpu": "128", "memory": "100"}))) == 0
	count(_report(json.remove(_td({}), ["requiresCompatibilities", "cpu", "memory"]))) == 0
}
