package ecslint.rules.correctness["launch-type-and-capacity-provider_test"]

import data.ecslint.rules.correctness["launch-type-and-capacity-provider"] as rule

_input(svc) := {
	"kind": "Service",
	"name": "web",
	"resource": object.union({"serviceName": "web", "taskDefinition": "web:1"}, svc),
	"related": {"taskDefinition": {"status": "unresolved", "name": "web:1"}},
}

test_fail_both if {
	r := rule.report with input as _input({"launchType": "FARGATE", "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]})
	count(r) == 1
	some f in r
	f.path == ["resource", "launchType"]
	contains(f.message, "FARGATE_SPOT")
}

test_fail_ec2_with_asg_provider if {
	r := rule.report with input as _input({"launchType": "EC2", "capacityProviderStrategy": [{"capacityProvider": "my-asg-cp", "base": 1}]})
	count(r) == 1
}

test_fail_provider_reference if {
	r := rule.report with input as _input({"launchType": "EC2", "capacityProviderStrategy": [{"capacityProvider": {"Ref": "CapacityProvider"}}]})
	count(r) == 1
}

test_pass_launch_type_only if {
	r := rule.report with input as _input({"launchType": "FARGATE"})
	count(r) == 0
}

test_pass_strategy_only if {
	r := rule.report with input as _input({"capacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1}, {"capacityProvider": "FARGATE_SPOT", "weight": 3}]})
	count(r) == 0
}

test_pass_empty_strategy if {
	r := rule.report with input as _input({"launchType": "EC2", "capacityProviderStrategy": []})
	count(r) == 0
}

test_pass_empty_launch_type if {
	r := rule.report with input as _input({"launchType": "", "capacityProviderStrategy": [{"capacityProvider": "FARGATE"}]})
	count(r) == 0
}

# generate-cli-skeleton output: launchType FARGATE with a blank strategy entry.
test_pass_cli_skeleton if {
	r := rule.report with input as _input({"serviceName": "", "launchType": "FARGATE", "capacityProviderStrategy": [{"capacityProvider": "", "weight": 0, "base": 0}]})
	count(r) == 0
}

test_pass_neither if {
	r := rule.report with input as _input({})
	count(r) == 0
}

# Terraform's launch_type = var.launch_type without a value: it may be null
# when deployed, so only the strategy is known to be set.
test_pass_unknown_launch_type if {
	r := rule.report with input as _input({"launchType": "${var.launch_type}", "capacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1}]})
	count(r) == 0
}

test_pass_templated_launch_type if {
	r := rule.report with input as _input({"launchType": "{{ .LaunchType }}", "capacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1}]})
	count(r) == 0
}
