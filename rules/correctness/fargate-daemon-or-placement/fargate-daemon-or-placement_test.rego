package ecslint.rules.correctness["fargate-daemon-or-placement_test"]

import data.ecslint.rules.correctness["fargate-daemon-or-placement"] as rule

_input(svc) := {
	"kind": "Service",
	"name": "agent",
	"resource": object.union({"serviceName": "agent", "taskDefinition": "agent:1"}, svc),
	"related": {"taskDefinition": {"status": "unresolved", "name": "agent:1"}},
}

test_fail_daemon if {
	r := rule.report with input as _input({"launchType": "FARGATE", "schedulingStrategy": "DAEMON"})
	count(r) == 1
	some f in r
	f.path == ["resource", "schedulingStrategy"]
}

test_fail_placement_strategy if {
	r := rule.report with input as _input({"launchType": "FARGATE", "placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}]})
	count(r) == 1
	some f in r
	f.path == ["resource", "placementStrategy"]
}

test_fail_placement_constraints_fargate_spot if {
	svc := {
		"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}],
		"placementConstraints": [{"type": "distinctInstance"}],
	}
	r := rule.report with input as _input(svc)
	count(r) == 1
	some f in r
	f.path == ["resource", "placementConstraints"]
}

test_fail_all_three if {
	svc := {
		"launchType": "FARGATE",
		"schedulingStrategy": "DAEMON",
		"placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"}],
		"placementStrategy": [{"type": "binpack", "field": "memory"}],
	}
	r := rule.report with input as _input(svc)
	count(r) == 3
}

test_pass_fargate_replica if {
	r := rule.report with input as _input({"launchType": "FARGATE", "schedulingStrategy": "REPLICA", "placementConstraints": [], "placementStrategy": []})
	count(r) == 0
}

test_pass_ec2_daemon_with_placement if {
	svc := {"launchType": "EC2", "schedulingStrategy": "DAEMON", "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.os-type == linux"}]}
	r := rule.report with input as _input(svc)
	count(r) == 0
}

test_pass_asg_provider_placement if {
	svc := {"capacityProviderStrategy": [{"capacityProvider": "my-asg"}], "placementStrategy": [{"type": "spread", "field": "instanceId"}]}
	r := rule.report with input as _input(svc)
	count(r) == 0
}

# The launch type comes from the cluster's default strategy: unknown.
test_pass_unknown_launch_type if {
	r := rule.report with input as _input({"schedulingStrategy": "DAEMON"})
	count(r) == 0
}

test_pass_cli_skeleton if {
	svc := {
		"serviceName": "",
		"launchType": "FARGATE",
		"placementConstraints": [{"type": "distinctInstance", "expression": ""}],
		"placementStrategy": [{"type": "spread", "field": ""}],
	}
	r := rule.report with input as _input(svc)
	count(r) == 0
}

test_pass_placeholders if {
	r := rule.report with input as _input({"launchType": "FARGATE", "placementStrategy": "${PLACEMENT}", "placementConstraints": {"Fn::If": ["C", [], []]}})
	count(r) == 0
}
