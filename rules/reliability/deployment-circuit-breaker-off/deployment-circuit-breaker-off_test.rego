package ecslint.rules.reliability["deployment-circuit-breaker-off_test"]

import data.ecslint.rules.reliability["deployment-circuit-breaker-off"] as rule

_input(svc) := {
	"kind": "Service",
	"name": "web",
	"resource": object.union({"serviceName": "web", "taskDefinition": "web:1", "desiredCount": 2}, svc),
	"related": {"taskDefinition": {"status": "unresolved", "name": "web:1"}},
}

_cb(enable, rollback) := {"deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": enable, "rollback": rollback}}}

test_fail_absent if {
	r := rule.report with input as _input({})
	count(r) == 1
	some f in r
	f.path == ["resource", "deploymentConfiguration", "deploymentCircuitBreaker"]
}

test_fail_absent_with_deployment_configuration if {
	r := rule.report with input as _input({"deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100}})
	count(r) == 1
	some f in r
	f.path == ["resource", "deploymentConfiguration", "deploymentCircuitBreaker"]
}

test_fail_disabled if {
	r := rule.report with input as _input(_cb(false, false))
	count(r) == 1
	some f in r
	f.path == ["resource", "deploymentConfiguration", "deploymentCircuitBreaker", "enable"]
	contains(f.message, "no circuit breaker")
}

test_fail_enabled_without_rollback if {
	r := rule.report with input as _input(_cb(true, false))
	count(r) == 1
	some f in r
	f.path == ["resource", "deploymentConfiguration", "deploymentCircuitBreaker", "rollback"]
	contains(f.message, "without rollback")
}

test_fail_enabled_rollback_omitted if {
	r := rule.report with input as _input({"deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true}}})
	count(r) == 1
	some f in r
	f.path == ["resource", "deploymentConfiguration", "deploymentCircuitBreaker", "rollback"]
}

test_fail_explicit_ecs_rolling if {
	r := rule.report with input as _input({"deploymentController": {"type": "ECS"}, "deploymentConfiguration": {"strategy": "ROLLING"}})
	count(r) == 1
}

test_fail_target_group if {
	lb := {"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": "web", "containerPort": 80}
	r := rule.report with input as _input({"loadBalancers": [lb]})
	count(r) == 1
}

test_pass_enabled_with_rollback if {
	r := rule.report with input as _input(_cb(true, true))
	count(r) == 0
}

test_pass_code_deploy if {
	r := rule.report with input as _input({"deploymentController": {"type": "CODE_DEPLOY"}})
	count(r) == 0
}

test_pass_external_controller if {
	r := rule.report with input as _input({"deploymentController": {"type": "EXTERNAL"}})
	count(r) == 0
}

test_pass_blue_green_strategy if {
	r := rule.report with input as _input({"deploymentConfiguration": {"strategy": "BLUE_GREEN", "bakeTimeInMinutes": 10}})
	count(r) == 0
}

# The circuit breaker is not available behind a Classic Load Balancer.
test_pass_classic_lb if {
	r := rule.report with input as _input({"loadBalancers": [{"loadBalancerName": "web-clb", "containerName": "web", "containerPort": 80}]})
	count(r) == 0
}

test_pass_placeholders if {
	r := rule.report with input as _input({"deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": "${CB}", "rollback": "${CB}"}}})
	count(r) == 0
}

# A deployment configuration left to a template as a whole may set any
# strategy and circuit breaker.
test_pass_deployment_configuration_unknown if {
	count(rule.report) == 0 with input as _input({"deploymentConfiguration": "${DEPLOYMENT_CONFIGURATION}"})
	count(rule.report) == 0 with input as _input({"deploymentController": "${CONTROLLER}"})
}

test_pass_cli_skeleton if {
	r := rule.report with input as _input({"serviceName": "", "deploymentConfiguration": {"maximumPercent": 0, "minimumHealthyPercent": 0}})
	count(r) == 0
}

# An update-service input (input.partial) keeps the circuit breaker and the
# deployment controller it leaves out; what it sets is judged once the
# controller is known.
test_pass_partial_update_without_breaker if {
	r := rule.report with input as {"kind": "Service", "name": "web", "partial": true, "resource": object.union({"cluster": "prod", "service": "web", "forceNewDeployment": true}, {"desiredCount": 3}), "related": {"taskDefinition": {"status": "unresolved", "name": "web"}}}
	count(r) == 0
}

test_pass_partial_update_controller_unknown if {
	r := rule.report with input as {"kind": "Service", "name": "web", "partial": true, "resource": object.union({"cluster": "prod", "service": "web", "forceNewDeployment": true}, _cb(false, false)), "related": {"taskDefinition": {"status": "unresolved", "name": "web"}}}
	count(r) == 0
}

test_fail_partial_update_disables_breaker if {
	r := rule.report with input as {"kind": "Service", "name": "web", "partial": true, "resource": object.union({"cluster": "prod", "service": "web", "forceNewDeployment": true}, object.union(_cb(false, false), {"deploymentController": {"type": "ECS"}, "deploymentConfiguration": {"strategy": "ROLLING"}})), "related": {"taskDefinition": {"status": "unresolved", "name": "web"}}}
	count(r) == 1
	some f in r
	f.path == ["resource", "deploymentConfiguration", "deploymentCircuitBreaker", "enable"]
}

test_fail_not_partial if {
	r := rule.report with input as object.union(_input({}), {"partial": false})
	count(r) == 1
}
