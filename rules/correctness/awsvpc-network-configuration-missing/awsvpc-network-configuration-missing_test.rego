package ecslint.rules.correctness["awsvpc-network-configuration-missing_test"]

import data.ecslint.rules.correctness["awsvpc-network-configuration-missing"] as rule

_containers := [{"name": "app", "image": "nginx:1.27", "memory": 256}]

_td(extra) := object.union({"family": "app", "containerDefinitions": _containers}, extra)

_awsvpc := {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"], "securityGroups": ["sg-0123456789abcdef0"]}}

_input(svc, td) := {
	"kind": "Service",
	"name": "app",
	"resource": object.union({"serviceName": "app", "taskDefinition": "app:1"}, svc),
	"related": {"taskDefinition": {"status": "resolved", "name": "app:1", "resource": td}},
}

test_fail_awsvpc_without_configuration if {
	r := rule.report with input as _input({"launchType": "FARGATE"}, _td({"networkMode": "awsvpc"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "networkConfiguration", "awsvpcConfiguration"]
	contains(f.message, "app:1")
}

# An update-service input keeps the network configuration it leaves out.
test_pass_partial_update if {
	r := rule.report with input as object.union(_input({"launchType": "FARGATE"}, _td({"networkMode": "awsvpc"})), {"partial": true})
	count(r) == 0
}

test_fail_partial_update_with_configuration_for_bridge if {
	svc := {"networkConfiguration": _awsvpc, "deploymentController": {"type": "ECS"}}
	r := rule.report with input as object.union(_input(svc, _td({"networkMode": "bridge"})), {"partial": true})
	count(r) == 1
}

# The update leaves the deployment controller out: EXTERNAL (network
# configuration on task sets) cannot be ruled out.
test_pass_partial_update_controller_unknown if {
	r := rule.report with input as object.union(_input({"networkConfiguration": _awsvpc}, _td({"networkMode": "bridge"})), {"partial": true})
	count(r) == 0
}

test_fail_awsvpc_empty_network_configuration if {
	r := rule.report with input as _input({"networkConfiguration": {}}, _td({"networkMode": "awsvpc"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "networkConfiguration", "awsvpcConfiguration"]
}

test_fail_bridge_with_configuration if {
	r := rule.report with input as _input({"launchType": "EC2", "networkConfiguration": _awsvpc}, _td({"networkMode": "bridge"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "networkConfiguration", "awsvpcConfiguration"]
	contains(f.message, "bridge")
}

# networkMode omitted is bridge on Linux.
test_fail_default_bridge_with_configuration if {
	r := rule.report with input as _input({"networkConfiguration": _awsvpc}, _td({}))
	count(r) == 1
}

test_fail_describe_primary_deployment if {
	svc := {"launchType": "EC2", "deployments": [{"status": "PRIMARY", "networkConfiguration": _awsvpc}]}
	r := rule.report with input as _input(svc, _td({"networkMode": "host"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "deployments", 0, "networkConfiguration", "awsvpcConfiguration"]
}

test_pass_awsvpc_with_configuration if {
	r := rule.report with input as _input({"networkConfiguration": _awsvpc}, _td({"networkMode": "awsvpc"}))
	count(r) == 0
}

test_pass_awsvpc_configuration_in_primary_deployment if {
	svc := {"deployments": [{"status": "PRIMARY", "networkConfiguration": _awsvpc}]}
	r := rule.report with input as _input(svc, _td({"networkMode": "awsvpc"}))
	count(r) == 0
}

test_pass_bridge_without_configuration if {
	r := rule.report with input as _input({"launchType": "EC2"}, _td({"networkMode": "bridge"}))
	count(r) == 0
}

test_pass_external_controller if {
	r := rule.report with input as _input({"deploymentController": {"type": "EXTERNAL"}}, _td({"networkMode": "awsvpc"}))
	count(r) == 0
}

test_pass_placeholder_network_mode if {
	r := rule.report with input as _input({"networkConfiguration": _awsvpc}, _td({"networkMode": "${NETWORK_MODE}"}))
	count(r) == 0
}

test_pass_unresolved if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": {"serviceName": "app"},
		"related": {"taskDefinition": {"status": "unresolved", "name": "app"}},
	}
	count(r) == 0
}
