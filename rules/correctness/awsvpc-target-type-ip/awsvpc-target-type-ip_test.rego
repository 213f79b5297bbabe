package ecslint.rules.correctness["awsvpc-target-type-ip_test"]

import data.ecslint.rules.correctness["awsvpc-target-type-ip"] as rule

svc(service, td, tg) := {
	"kind": "Service",
	"resource": service,
	"related": {
		"taskDefinition": {"status": "resolved", "resource": td},
		"targetGroups": [{"status": "resolved", "name": "WebTargetGroup", "resource": tg, "path": ["loadBalancers", 0, "targetGroupArn"]}],
	},
}

_lb_service := {"loadBalancers": [{"targetGroupArn": "${WebTargetGroup}", "containerName": "web", "containerPort": 80}]}

test_fail_awsvpc_task_default_target_type if {
	r := rule.report with input as svc(_lb_service, {"networkMode": "awsvpc"}, {"Protocol": "HTTP", "Port": 80})
	count(r) == 1
	some f in r
	f.path == ["resource", "loadBalancers", 0, "targetGroupArn"]
	contains(f.message, "instance (the default)")
}

test_fail_fargate_explicit_instance if {
	r := rule.report with input as svc(object.union(_lb_service, {"launchType": "FARGATE"}), {}, {"TargetType": "instance"})
	count(r) == 1
}

# A Fargate service of an awsvpc task definition: one finding, with one
# reason.
test_fail_fargate_and_awsvpc_once if {
	r := rule.report with input as svc(object.union(_lb_service, {"launchType": "FARGATE"}), {"networkMode": "awsvpc"}, {})
	count(r) == 1
	some f in r
	contains(f.message, "(Fargate)")
}

test_fail_fargate_spot_strategy if {
	s := object.union(_lb_service, {"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]})
	r := rule.report with input as svc(s, {}, {})
	count(r) == 1
}

test_pass_ip_target_type if {
	r := rule.report with input as svc(object.union(_lb_service, {"launchType": "FARGATE"}), {"networkMode": "awsvpc"}, {"TargetType": "ip"})
	count(r) == 0
}

test_pass_bridge_instance_targets if {
	r := rule.report with input as svc(_lb_service, {"networkMode": "bridge"}, {"TargetType": "instance"})
	count(r) == 0
}

test_pass_unknown_target_type if {
	r := rule.report with input as svc(_lb_service, {"networkMode": "awsvpc"}, {"TargetType": "${TargetType}"})
	count(r) == 0
}

test_pass_target_group_not_known if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": object.union(_lb_service, {"launchType": "FARGATE"}),
		"related": {"targetGroups": [{"status": "unresolved", "name": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"}]},
	}
	count(r) == 0
}
