package ecslint.rules.security["service-public-ip_test"]

import data.ecslint.rules.security["service-public-ip"] as rule

_nc(v) := {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"], "securityGroups": ["sg-0123456789abcdef0"], "assignPublicIp": v}}

_input(svc) := {
	"kind": "Service",
	"name": "web",
	"resource": object.union({"serviceName": "web", "taskDefinition": "web:1"}, svc),
	"related": {"taskDefinition": {"status": "unresolved", "name": "web:1"}},
}

test_fail_fargate_enabled if {
	r := rule.report with input as _input({"launchType": "FARGATE", "networkConfiguration": _nc("ENABLED")})
	count(r) == 1
	some f in r
	f.path == ["resource", "networkConfiguration", "awsvpcConfiguration", "assignPublicIp"]
	not f.severity
}

test_fail_unknown_launch_type if {
	r := rule.report with input as _input({"networkConfiguration": _nc("ENABLED")})
	count(r) == 1
	some f in r
	not f.severity
}

test_fail_fargate_spot_provider if {
	r := rule.report with input as _input({"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT"}], "networkConfiguration": _nc("ENABLED")})
	count(r) == 1
	some f in r
	not f.severity
}

test_fail_low_on_ec2 if {
	r := rule.report with input as _input({"launchType": "EC2", "networkConfiguration": _nc("ENABLED")})
	count(r) == 1
	some f in r
	f.severity == "low"
}

test_fail_primary_deployment if {
	svc := {"launchType": "FARGATE", "deployments": [
		{"status": "ACTIVE", "networkConfiguration": _nc("DISABLED")},
		{"status": "PRIMARY", "networkConfiguration": _nc("ENABLED")},
	]}
	r := rule.report with input as _input(svc)
	count(r) == 1
	some f in r
	f.path == ["resource", "deployments", 1, "networkConfiguration", "awsvpcConfiguration", "assignPublicIp"]
}

test_pass_disabled if {
	r := rule.report with input as _input({"launchType": "FARGATE", "networkConfiguration": _nc("DISABLED")})
	count(r) == 0
}

test_pass_absent if {
	r := rule.report with input as _input({"launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}}})
	count(r) == 0
}

test_pass_no_network_configuration if {
	r := rule.report with input as _input({"launchType": "EC2"})
	count(r) == 0
}

test_pass_placeholder if {
	r := rule.report with input as _input({"networkConfiguration": _nc("${ASSIGN_PUBLIC_IP}")})
	count(r) == 0
}

test_pass_cli_skeleton if {
	r := rule.report with input as _input({"serviceName": "", "launchType": "FARGATE", "networkConfiguration": _nc("ENABLED")})
	count(r) == 0
}
