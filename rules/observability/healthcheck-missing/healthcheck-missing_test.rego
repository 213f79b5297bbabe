package ecslint.rules.observability["healthcheck-missing_test"]

import data.ecslint.rules.observability["healthcheck-missing"] as rule

_hc := {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], "interval": 30, "retries": 3}

_svc := {"serviceName": "web", "taskDefinition": "web:1", "desiredCount": 2, "launchType": "FARGATE"}

_input(containers, svcs) := {
	"kind": "TaskDefinition",
	"name": "web:1",
	"resource": {"family": "web", "containerDefinitions": containers},
	"related": {
		"services": [{"status": "resolved", "name": s.serviceName, "resource": s} | some s in svcs],
		"instanceRoles": [],
	},
}

test_fail_essential_without_health_check if {
	r := rule.report with input as _input(
		[
			{"name": "web", "image": "x", "essential": true},
			{"name": "init", "image": "y", "essential": false},
		],
		[_svc],
	)
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "healthCheck"]
	contains(f.message, "service web")
}

# essential is true when omitted.
test_fail_essential_omitted if {
	r := rule.report with input as _input([{"name": "web", "image": "x"}, {"name": "proxy", "image": "y", "healthCheck": _hc}], [_svc])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "healthCheck"]
}

test_fail_two_services if {
	other := object.union(_svc, {"serviceName": "web-canary", "desiredCount": 1})
	r := rule.report with input as _input([{"name": "web", "image": "x"}], [_svc, other])
	count(r) == 1
	some f in r
	contains(f.message, "services web, web-canary")
}

test_fail_daemon_service if {
	daemon := {"serviceName": "agent", "launchType": "EC2", "schedulingStrategy": "DAEMON"}
	r := rule.report with input as _input([{"name": "agent", "image": "x"}], [daemon])
	count(r) == 1
}

test_fail_target_group_service if {
	svc := object.union(_svc, {"loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": "web", "containerPort": 8080}]})
	r := rule.report with input as _input([{"name": "web", "image": "x"}], [svc])
	count(r) == 1
}

test_pass_health_check if {
	r := rule.report with input as _input([{"name": "web", "image": "x", "healthCheck": _hc}], [_svc])
	count(r) == 0
}

test_pass_non_essential_only if {
	r := rule.report with input as _input(
		[
			{"name": "web", "image": "x", "healthCheck": _hc},
			{"name": "xray", "image": "y", "essential": false},
		],
		[_svc],
	)
	count(r) == 0
}

# Without a service the definition may be a batch or one-off task.
test_pass_no_service if {
	r := rule.report with input as _input([{"name": "job", "image": "x"}], [])
	count(r) == 0
}

test_pass_no_related_key if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"family": "job", "containerDefinitions": [{"name": "job", "image": "x"}]}}
	count(r) == 0
}

test_pass_classic_lb if {
	svc := object.union(_svc, {"launchType": "EC2", "loadBalancers": [{"loadBalancerName": "web-clb", "containerName": "web", "containerPort": 80}]})
	r := rule.report with input as _input([{"name": "web", "image": "x"}], [svc])
	count(r) == 0
}

test_pass_placeholder_container if {
	r := rule.report with input as _input(["${CONTAINER}"], [_svc])
	count(r) == 0
}
