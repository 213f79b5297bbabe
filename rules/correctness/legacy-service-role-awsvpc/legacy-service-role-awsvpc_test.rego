package ecslint.rules.correctness["legacy-service-role-awsvpc_test"]

import data.ecslint.rules.correctness["legacy-service-role-awsvpc"] as rule

slr := "arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"

clb := {"loadBalancerName": "web-clb", "containerName": "web", "containerPort": 80}

tg(n) := {"targetGroupArn": sprintf("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web%d/0123456789abcdef", [n]), "containerName": "web", "containerPort": 80}

bridge_td := {"family": "web", "networkMode": "bridge", "containerDefinitions": [{"name": "web", "image": "nginx:1.27"}]}

awsvpc_td := object.union(bridge_td, {"networkMode": "awsvpc"})

resolved(td) := {"taskDefinition": {"status": "resolved", "name": "web:1", "resource": td}}

unresolved := {"taskDefinition": {"status": "unresolved", "name": "web:1"}}

svc_input(svc, rel) := {
	"kind": "Service",
	"resource": object.union({"serviceName": "web", "taskDefinition": "web:1"}, svc),
	"related": rel,
}

test_fail_awsvpc_task if {
	r := rule.report with input as svc_input({"launchType": "EC2", "role": "ecsServiceRole", "loadBalancers": [tg(1)]}, resolved(awsvpc_td))
	count(r) == 1
	some f in r
	f.path == ["resource", "role"]
	contains(f.message, "awsvpc")
}

test_fail_fargate_task_unresolved if {
	r := rule.report with input as svc_input({"launchType": "FARGATE", "role": "arn:aws:iam::123456789012:role/ecsServiceRole", "loadBalancers": [tg(1)]}, unresolved)
	count(r) == 1
	some f in r
	f.path == ["resource", "role"]
	contains(f.message, "runs on Fargate")
}

test_fail_no_load_balancer if {
	r := rule.report with input as svc_input({"launchType": "EC2", "role": "ecsServiceRole"}, resolved(bridge_td))
	count(r) == 1
	some f in r
	f.path == ["resource", "role"]
	contains(f.message, "has no load balancer")
}

test_fail_two_target_groups if {
	r := rule.report with input as svc_input({"role": "ecsServiceRole", "loadBalancers": [tg(1), tg(2)]}, resolved(bridge_td))
	count(r) == 1
	some f in r
	contains(f.message, "more than one target group")
}

test_fail_service_registries if {
	r := rule.report with input as svc_input({"role": "ecsServiceRole", "loadBalancers": [tg(1)], "serviceRegistries": [{"registryArn": "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-1", "containerName": "web", "containerPort": 80}]}, unresolved)
	count(r) == 1
}

test_fail_external_controller if {
	r := rule.report with input as svc_input({"role": "ecsServiceRole", "deploymentController": {"type": "EXTERNAL"}}, unresolved)
	count(r) == 1
	some f in r
	contains(f.message, "EXTERNAL")
	contains(f.message, "has no load balancer")
}

test_fail_describe_services_role_arn if {
	r := rule.report with input as svc_input({"roleArn": "arn:aws:iam::123456789012:role/ecsServiceRole", "loadBalancers": []}, unresolved)
	count(r) == 1
	some f in r
	f.path == ["resource", "roleArn"]
}

test_pass_classic_lb_bridge if {
	r := rule.report with input as svc_input({"launchType": "EC2", "role": "ecsServiceRole", "loadBalancers": [clb]}, resolved(bridge_td))
	count(r) == 0
}

test_pass_classic_lb_task_unresolved if {
	r := rule.report with input as svc_input({"role": "ecsServiceRole", "loadBalancers": [clb]}, unresolved)
	count(r) == 0
}

test_pass_service_linked_role_fargate if {
	r := rule.report with input as svc_input({"launchType": "FARGATE", "roleArn": slr, "loadBalancers": []}, resolved(awsvpc_td))
	count(r) == 0
}

test_pass_service_linked_role_placeholder_account if {
	r := rule.report with input as svc_input({"launchType": "FARGATE", "roleArn": "arn:aws:iam::aws_account_id:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"}, unresolved)
	count(r) == 0
}

test_pass_no_role if {
	r := rule.report with input as svc_input({"launchType": "FARGATE"}, resolved(awsvpc_td))
	count(r) == 0
}

test_pass_empty_role if {
	r := rule.report with input as svc_input({"role": "", "deploymentController": {"type": "EXTERNAL"}}, unresolved)
	count(r) == 0
}

test_pass_placeholder_role if {
	r := rule.report with input as svc_input({"role": "${ServiceRole}", "launchType": "FARGATE"}, unresolved)
	count(r) == 0
}

test_pass_bridge_task_no_network_mode if {
	td := json.remove(bridge_td, ["networkMode"])
	r := rule.report with input as svc_input({"role": "ecsServiceRole", "loadBalancers": [tg(1)]}, resolved(td))
	count(r) == 0
}

test_fail_fargate_capacity_provider if {
	r := rule.report with input as svc_input({"capacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1}], "role": "ecsServiceRole", "loadBalancers": [tg(1)]}, unresolved)
	count(r) == 1
	some f in r
	f.path == ["resource", "role"]
}

# An update-service input (input.partial) keeps the load balancers it
# leaves out: "has no load balancer" is not a reason there.
test_pass_partial_update if {
	r := rule.report with input as object.union(svc_input({"launchType": "EC2", "role": "ecsServiceRole"}, resolved(bridge_td)), {"partial": true})
	count(r) == 0
}

test_fail_partial_update_awsvpc if {
	r := rule.report with input as object.union(svc_input({"role": "ecsServiceRole"}, resolved(awsvpc_td)), {"partial": true})
	count(r) == 1
}
