package ecslint.rules.correctness["classic-lb-on-fargate_test"]

import data.ecslint.rules.correctness["classic-lb-on-fargate"] as rule

clb := {"loadBalancerName": "my-clb", "containerName": "web", "containerPort": 80}

alb := {
	"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef",
	"containerName": "web",
	"containerPort": 80,
}

unresolved := {"taskDefinition": {"status": "unresolved", "name": "web:1"}}

resolved(td) := {"taskDefinition": {"status": "resolved", "name": "web:1", "resource": td}}

awsvpc_td := {"family": "web", "networkMode": "awsvpc", "containerDefinitions": [{"name": "web", "image": "nginx:1.27"}]}

bridge_td := {"family": "web", "networkMode": "bridge", "containerDefinitions": [{"name": "web", "image": "nginx:1.27"}]}

svc(extra) := object.union({"serviceName": "web", "taskDefinition": "web:1"}, extra)

test_fail_fargate_launch_type if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": svc({"launchType": "FARGATE", "loadBalancers": [alb, clb]}),
		"related": unresolved,
	}
	count(r) == 1
	some f in r
	f.path == ["resource", "loadBalancers", 1, "loadBalancerName"]
	contains(f.message, "runs on Fargate")
}

test_fail_awsvpc_task_on_ec2 if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": svc({"launchType": "EC2", "loadBalancers": [clb]}),
		"related": resolved(awsvpc_td),
	}
	count(r) == 1
	some f in r
	f.path == ["resource", "loadBalancers", 0, "loadBalancerName"]
	contains(f.message, "awsvpc")
}

test_fail_describe_services_shape if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": {
			"serviceName": "web",
			"launchType": "FARGATE",
			"roleArn": "arn:aws:iam::123456789012:role/ecsServiceRole",
			"loadBalancers": [clb],
		},
		"related": unresolved,
	}
	count(r) == 1
}

test_pass_clb_on_ec2_bridge if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": svc({"launchType": "EC2", "role": "ecsServiceRole", "loadBalancers": [clb]}),
		"related": resolved(bridge_td),
	}
	count(r) == 0
}

test_pass_clb_no_network_mode if {
	td := json.remove(bridge_td, ["networkMode"])
	r := rule.report with input as {
		"kind": "Service",
		"resource": svc({"loadBalancers": [clb]}),
		"related": resolved(td),
	}
	count(r) == 0
}

test_pass_clb_launch_type_and_task_unknown if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": svc({"loadBalancers": [clb]}),
		"related": unresolved,
	}
	count(r) == 0
}

test_pass_target_group_on_fargate if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": svc({"launchType": "FARGATE", "loadBalancers": [alb]}),
		"related": resolved(awsvpc_td),
	}
	count(r) == 0
}

test_pass_empty_skeleton if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": svc({"launchType": "FARGATE", "loadBalancers": [{"targetGroupArn": "", "loadBalancerName": "", "containerName": "", "containerPort": 0}]}),
		"related": unresolved,
	}
	count(r) == 0
}

test_pass_no_load_balancers if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": svc({"launchType": "FARGATE"}),
		"related": unresolved,
	}
	count(r) == 0
}

test_fail_fargate_spot_capacity_provider if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": svc({"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}], "loadBalancers": [clb]}),
		"related": unresolved,
	}
	count(r) == 1
	some f in r
	f.path == ["resource", "loadBalancers", 0, "loadBalancerName"]
}

test_pass_asg_capacity_provider_bridge if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": svc({"capacityProviderStrategy": [{"capacityProvider": "my-asg-cp", "weight": 1}], "loadBalancers": [clb]}),
		"related": resolved(bridge_td),
	}
	count(r) == 0
}
