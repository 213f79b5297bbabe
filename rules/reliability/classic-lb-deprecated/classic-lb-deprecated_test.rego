package ecslint.rules.reliability["classic-lb-deprecated_test"]

import data.ecslint.rules.reliability["classic-lb-deprecated"] as rule

clb := {"loadBalancerName": "my-clb", "containerName": "web", "containerPort": 80}

alb := {
	"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef",
	"containerName": "web",
	"containerPort": 80,
}

svc_input(lbs) := {
	"kind": "Service",
	"resource": {"serviceName": "web", "taskDefinition": "web:1", "loadBalancers": lbs},
	"related": {"taskDefinition": {"status": "unresolved", "name": "web:1"}},
}

test_fail_classic_lb if {
	r := rule.report with input as svc_input([clb])
	count(r) == 1
	some f in r
	f.path == ["resource", "loadBalancers", 0, "loadBalancerName"]
	contains(f.message, "my-clb")
}

test_fail_classic_lb_placeholder_name if {
	# The field marks a Classic Load Balancer whatever its value resolves to.
	r := rule.report with input as svc_input([alb, object.union(clb, {"loadBalancerName": "${ElbName}"})])
	count(r) == 1
	some f in r
	f.path == ["resource", "loadBalancers", 1, "loadBalancerName"]
}

test_pass_target_group if {
	r := rule.report with input as svc_input([alb])
	count(r) == 0
}

test_pass_empty_skeleton if {
	r := rule.report with input as svc_input([{"targetGroupArn": "", "loadBalancerName": "", "containerName": "", "containerPort": 0}])
	count(r) == 0
}

test_pass_no_load_balancers if {
	r := rule.report with input as {"kind": "Service", "resource": {"serviceName": "web"}, "related": {"taskDefinition": {"status": "unresolved"}}}
	count(r) == 0
}
