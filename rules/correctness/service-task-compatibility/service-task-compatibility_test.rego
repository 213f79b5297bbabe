package ecslint.rules.correctness["service-task-compatibility_test"]

import data.ecslint.rules.correctness["service-task-compatibility"] as rule

_containers := [{"name": "app", "image": "nginx:1.27", "memory": 256}]

_td(extra) := object.union({"family": "app", "containerDefinitions": _containers}, extra)

_input(svc, td) := {
	"kind": "Service",
	"name": "app",
	"resource": object.union({"serviceName": "app", "taskDefinition": "app:1"}, svc),
	"related": {"taskDefinition": {"status": "resolved", "name": "app:1", "resource": td}},
}

# Without compatibilities (register-task-definition input)

test_fail_fargate_service_no_requires if {
	r := rule.report with input as _input({"launchType": "FARGATE"}, _td({"networkMode": "awsvpc"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "launchType"]
	contains(f.message, "app:1")
}

test_fail_fargate_service_ec2_requires if {
	r := rule.report with input as _input({"launchType": "FARGATE"}, _td({"requiresCompatibilities": ["EC2"]}))
	count(r) == 1
}

test_fail_fargate_spot_provider if {
	svc := {"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]}
	r := rule.report with input as _input(svc, _td({"requiresCompatibilities": ["EC2"]}))
	count(r) == 1
	some f in r
	f.path == ["resource", "capacityProviderStrategy"]
}

test_pass_fargate_service_fargate_requires if {
	r := rule.report with input as _input({"launchType": "FARGATE"}, _td({"requiresCompatibilities": ["EC2", "FARGATE"]}))
	count(r) == 0
}

# ECS validates every definition for EC2 and EXTERNAL.
test_pass_ec2_service_fargate_only_definition if {
	r := rule.report with input as _input({"launchType": "EC2"}, _td({"requiresCompatibilities": ["FARGATE"]}))
	count(r) == 0
}

test_pass_external_service_no_requires if {
	r := rule.report with input as _input({"launchType": "EXTERNAL"}, _td({}))
	count(r) == 0
}

test_pass_placeholder_requires if {
	r := rule.report with input as _input({"launchType": "FARGATE"}, _td({"requiresCompatibilities": ["${COMPATIBILITY}"]}))
	count(r) == 0
}

test_pass_intrinsic_requires if {
	r := rule.report with input as _input({"launchType": "FARGATE"}, _td({"requiresCompatibilities": {"Ref": "Compat"}}))
	count(r) == 0
}

test_pass_cluster_default_strategy if {
	r := rule.report with input as _input({}, _td({}))
	count(r) == 0
}

# With compatibilities (describe-task-definition output)

test_fail_compatibilities_lack_launch_type if {
	td := _td({"requiresCompatibilities": ["FARGATE"], "compatibilities": ["EC2", "FARGATE"]})
	r := rule.report with input as _input({"launchType": "EXTERNAL"}, td)
	count(r) == 1
	some f in r
	f.path == ["resource", "launchType"]
	contains(f.message, "EC2, FARGATE")
}

test_fail_compatibilities_lack_fargate if {
	td := _td({"compatibilities": ["EC2", "EXTERNAL"]})
	r := rule.report with input as _input({"capacityProviderStrategy": [{"capacityProvider": "FARGATE"}]}, td)
	count(r) == 1
}

test_fail_asg_provider_fargate_only if {
	td := _td({"compatibilities": ["FARGATE"]})
	r := rule.report with input as _input({"capacityProviderStrategy": [{"capacityProvider": "my-asg"}]}, td)
	count(r) == 1
	some f in r
	f.path == ["resource", "capacityProviderStrategy"]
}

test_pass_compatibilities_contain_launch_type if {
	td := _td({"compatibilities": ["EC2", "EXTERNAL", "FARGATE"]})
	r := rule.report with input as _input({"launchType": "FARGATE"}, td)
	count(r) == 0
}

test_pass_managed_instances_provider if {
	td := _td({"compatibilities": ["MANAGED_INSTANCES"]})
	r := rule.report with input as _input({"capacityProviderStrategy": [{"capacityProvider": "mi-provider"}]}, td)
	count(r) == 0
}

# Unknown task definition

test_pass_unresolved if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": {"serviceName": "app", "launchType": "FARGATE"},
		"related": {"taskDefinition": {"status": "unresolved", "name": "app"}},
	}
	count(r) == 0
}

test_pass_ambiguous if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": {"serviceName": "app", "launchType": "FARGATE"},
		"related": {"taskDefinition": {"status": "ambiguous", "name": "app"}},
	}
	count(r) == 0
}
