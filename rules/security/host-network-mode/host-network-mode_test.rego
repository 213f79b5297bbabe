package ecslint.rules.security["host-network-mode_test"]

import data.ecslint.rules.security["host-network-mode"] as rule

_c := {"name": "app", "image": "nginx:1.27", "memory": 256}

_input(extra, services) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": object.union({"family": "app", "containerDefinitions": [_c]}, extra),
	"related": {"services": [{"status": "resolved", "name": "s", "resource": s} | some s in services], "instanceRoles": []},
}

test_fail_host_ec2_mentions_imds if {
	r := rule.report with input as _input({"networkMode": "host", "requiresCompatibilities": ["EC2"]}, [])
	count(r) == 1
	some f in r
	f.path == ["resource", "networkMode"]
	contains(f.message, "IMDS")
	contains(f.message, "instance profile credentials")
}

test_fail_host_nothing_declared_is_ec2 if {
	r := rule.report with input as _input({"networkMode": "host"}, [])
	count(r) == 1
	some f in r
	contains(f.message, "IMDS")
}

test_fail_host_external if {
	r := rule.report with input as _input({"networkMode": "host", "requiresCompatibilities": ["EXTERNAL"]}, [])
	count(r) == 1
	some f in r
	contains(f.message, "IMDS")
}

test_fail_host_managed_instances_without_imds_claim if {
	r := rule.report with input as _input({"networkMode": "host", "requiresCompatibilities": ["MANAGED_INSTANCES"]}, [])
	count(r) == 1
	some f in r
	not contains(f.message, "IMDS")
}

test_fail_host_fargate_definition_run_by_ec2_service if {
	r := rule.report with input as _input({"networkMode": "host", "requiresCompatibilities": ["FARGATE"]}, [{"serviceName": "s", "launchType": "EC2"}])
	count(r) == 1
	some f in r
	contains(f.message, "IMDS")
}

test_pass_other_modes if {
	every extra in [{}, {"networkMode": "bridge"}, {"networkMode": "awsvpc"}, {"networkMode": "none"}, {"networkMode": null}, {"networkMode": "$$$NETWORK_MODE$$$"}] {
		r := rule.report with input as _input(extra, [])
		count(r) == 0
	}
}

test_pass_windows_default if {
	r := rule.report with input as _input({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}}, [])
	count(r) == 0
}
