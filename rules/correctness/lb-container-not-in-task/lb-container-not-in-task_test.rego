package ecslint.rules.correctness["lb-container-not-in-task_test"]

import data.ecslint.rules.correctness["lb-container-not-in-task"] as rule

tg := "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"

td := {
	"family": "web",
	"networkMode": "awsvpc",
	"containerDefinitions": [
		{"name": "web", "image": "nginx:1.27", "portMappings": [{"containerPort": 80}, {"containerPortRange": "9000-9010"}]},
		{"name": "sidecar", "image": "envoy:1.30"},
	],
}

svc_input(svc, t) := {
	"kind": "Service",
	"resource": object.union({"serviceName": "web", "taskDefinition": "web:1"}, svc),
	"related": {"taskDefinition": {"status": "resolved", "name": "web:1", "resource": t}},
}

test_fail_unknown_container if {
	r := rule.report with input as svc_input({"loadBalancers": [{"targetGroupArn": tg, "containerName": "app", "containerPort": 80}]}, td)
	count(r) == 1
	some f in r
	f.path == ["resource", "loadBalancers", 0, "containerName"]
	contains(f.message, "\"app\"")
}

test_fail_unmapped_port if {
	r := rule.report with input as svc_input(
		{"loadBalancers": [
			{"targetGroupArn": tg, "containerName": "web", "containerPort": 80},
			{"targetGroupArn": tg, "containerName": "web", "containerPort": 8080},
		]},
		td,
	)
	count(r) == 1
	some f in r
	f.path == ["resource", "loadBalancers", 1, "containerPort"]
}

test_fail_container_without_port_mappings if {
	r := rule.report with input as svc_input({"loadBalancers": [{"loadBalancerName": "clb", "containerName": "sidecar", "containerPort": 80}]}, td)
	count(r) == 1
	some f in r
	f.path == ["resource", "loadBalancers", 0, "containerPort"]
}

test_fail_service_registry if {
	r := rule.report with input as svc_input(
		{"serviceRegistries": [{
			"registryArn": "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-abc",
			"containerName": "web",
			"containerPort": 443,
		}]},
		td,
	)
	count(r) == 1
	some f in r
	f.path == ["resource", "serviceRegistries", 0, "containerPort"]
	contains(f.message, "service registry")
}

test_pass_matching_port if {
	r := rule.report with input as svc_input({"loadBalancers": [{"targetGroupArn": tg, "containerName": "web", "containerPort": 80}]}, td)
	count(r) == 0
}

test_pass_port_in_range if {
	r := rule.report with input as svc_input({"loadBalancers": [{"targetGroupArn": tg, "containerName": "web", "containerPort": 9005}]}, td)
	count(r) == 0
}

test_pass_registry_with_port_only if {
	r := rule.report with input as svc_input({"serviceRegistries": [{"registryArn": "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-abc", "port": 8080}]}, td)
	count(r) == 0
}

test_pass_task_unresolved if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": {"loadBalancers": [{"targetGroupArn": tg, "containerName": "app", "containerPort": 80}]},
		"related": {"taskDefinition": {"status": "unresolved", "name": "web"}},
	}
	count(r) == 0
}

test_pass_task_ambiguous if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": {"loadBalancers": [{"targetGroupArn": tg, "containerName": "app", "containerPort": 80}]},
		"related": {"taskDefinition": {"status": "ambiguous", "name": "web"}},
	}
	count(r) == 0
}

test_pass_placeholders if {
	t := {"family": "web", "containerDefinitions": [
		{"name": "web", "portMappings": [{"containerPort": "${PORT}"}]},
	]}
	r := rule.report with input as svc_input(
		{"loadBalancers": [
			{"targetGroupArn": tg, "containerName": "web", "containerPort": 80},
			{"targetGroupArn": tg, "containerName": "{{ container }}", "containerPort": 80},
			{"targetGroupArn": tg, "containerName": "web", "containerPort": "${PORT}"},
		]},
		t,
	)
	count(r) == 0
}

test_pass_placeholder_container_name if {
	t := {"family": "web", "containerDefinitions": [{"name": "${APP}", "portMappings": [{"containerPort": 80}]}]}
	r := rule.report with input as svc_input({"loadBalancers": [{"targetGroupArn": tg, "containerName": "app", "containerPort": 8080}]}, t)
	count(r) == 0
}

test_pass_empty_skeleton if {
	r := rule.report with input as svc_input({"loadBalancers": [{"targetGroupArn": "", "loadBalancerName": "", "containerName": "", "containerPort": 0}]}, td)
	count(r) == 0
}

test_pass_duplicate_container_names if {
	t := {"family": "web", "containerDefinitions": [
		{"name": "web", "portMappings": [{"containerPort": 80}]},
		{"name": "web", "portMappings": [{"containerPort": 81}]},
	]}
	r := rule.report with input as svc_input({"loadBalancers": [{"targetGroupArn": tg, "containerName": "web", "containerPort": 81}]}, t)
	count(r) == 0
}
