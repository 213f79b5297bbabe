package ecslint.rules.correctness["runtime-platform-mismatch_test"]

import data.ecslint.rules.correctness["runtime-platform-mismatch"] as rule

windows(extra) := object.union(
	{
		"family": "iis",
		"networkMode": "awsvpc",
		"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
		"cpu": "1024",
		"memory": "2048",
		"containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"}],
	},
	extra,
)

linux(extra) := object.union(windows(extra), {"runtimePlatform": {"operatingSystemFamily": "LINUX", "cpuArchitecture": "ARM64"}, "cpu": "256", "memory": "512"})

td_input(td, services) := {
	"kind": "TaskDefinition",
	"resource": td,
	"related": {"services": [{"status": "resolved", "name": s.serviceName, "resource": s} | some s in services], "instanceRoles": []},
}

spot := {"serviceName": "iis", "capacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1}, {"capacityProvider": "FARGATE_SPOT", "weight": 3}]}

test_fail_windows_arm64 if {
	r := rule.report with input as td_input(windows({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL", "cpuArchitecture": "ARM64"}}), [])
	count(r) == 1
	some f in r
	f.path == ["resource", "runtimePlatform", "cpuArchitecture"]
	contains(f.message, "WINDOWS_SERVER_2019_FULL")
}

test_fail_windows_fargate_small_cpu if {
	r := rule.report with input as td_input(windows({"requiresCompatibilities": ["FARGATE"], "cpu": "512", "memory": "1024"}), [])
	count(r) == 1
	some f in r
	f.path == ["resource", "cpu"]
	contains(f.message, "512")
}

test_fail_windows_fargate_small_cpu_vcpu_form if {
	r := rule.report with input as td_input(windows({"requiresCompatibilities": ["FARGATE"], "cpu": ".5 vCPU"}), [])
	count(r) == 1
}

test_fail_windows_managed_instances if {
	r := rule.report with input as td_input(windows({"requiresCompatibilities": ["EC2", "MANAGED_INSTANCES"]}), [])
	count(r) == 1
	some f in r
	f.path == ["resource", "requiresCompatibilities", 1]
}

test_fail_windows_service_managed_instances if {
	r := rule.report with input as td_input(windows({}), [{"serviceName": "iis", "launchType": "MANAGED_INSTANCES"}])
	count(r) == 1
	some f in r
	f.path == ["resource", "runtimePlatform", "operatingSystemFamily"]
	contains(f.message, "\"iis\"")
}

test_fail_windows_fargate_spot if {
	r := rule.report with input as td_input(windows({"requiresCompatibilities": ["FARGATE"]}), [spot])
	count(r) == 1
	some f in r
	f.path == ["resource", "runtimePlatform", "operatingSystemFamily"]
	contains(f.message, "FARGATE_SPOT")
}

test_fail_windows_spot_only_provider if {
	r := rule.report with input as td_input(windows({}), [{"serviceName": "iis", "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT"}]}])
	count(r) == 1
}

test_pass_windows_fargate if {
	r := rule.report with input as td_input(windows({"requiresCompatibilities": ["FARGATE"]}), [{"serviceName": "iis", "launchType": "FARGATE"}])
	count(r) == 0
}

test_pass_spot_without_weight_beside_fargate if {
	svc := {"serviceName": "iis", "capacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1}, {"capacityProvider": "FARGATE_SPOT", "weight": 0}]}
	r := rule.report with input as td_input(windows({"requiresCompatibilities": ["FARGATE"]}), [svc])
	count(r) == 0
}

test_pass_windows_ec2_small_cpu if {
	r := rule.report with input as td_input(windows({"requiresCompatibilities": ["EC2"], "cpu": "512"}), [])
	count(r) == 0
}

test_pass_linux_everything if {
	r := rule.report with input as td_input(linux({"requiresCompatibilities": ["FARGATE", "MANAGED_INSTANCES"]}), [spot])
	count(r) == 0
}

test_pass_no_runtime_platform if {
	r := rule.report with input as td_input({"family": "app", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "containerDefinitions": []}, [spot])
	count(r) == 0
}

test_pass_placeholder_cpu if {
	r := rule.report with input as td_input(windows({"requiresCompatibilities": ["FARGATE"], "cpu": "${cpu}"}), [])
	count(r) == 0
}
