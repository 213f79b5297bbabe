package ecslint.rules.observability["logging-missing_test"]

import data.ecslint.rules.observability["logging-missing"] as rule

_awslogs := {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/app", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app"}}

_input(containers) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": {"family": "app", "containerDefinitions": containers},
	"related": {"services": [], "instanceRoles": []},
}

test_fail_no_log_configuration if {
	r := rule.report with input as _input([
		{"name": "app", "image": "nginx:1.27", "logConfiguration": _awslogs},
		{"name": "sidecar", "image": "envoy:1.30"},
	])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "logConfiguration"]
	contains(f.message, "\"sidecar\"")
}

test_fail_every_container if {
	r := rule.report with input as _input([{"name": "a", "image": "x"}, {"name": "b", "image": "y"}])
	count(r) == 2
}

test_fail_null_log_configuration if {
	r := rule.report with input as _input([{"name": "app", "image": "x", "logConfiguration": null}])
	count(r) == 1
}

test_fail_no_log_driver if {
	r := rule.report with input as _input([{"name": "app", "image": "x", "logConfiguration": {"options": {"awslogs-group": "g"}}}])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "logConfiguration", "logDriver"]
}

test_fail_empty_log_driver if {
	r := rule.report with input as _input([{"name": "app", "image": "x", "logConfiguration": {"logDriver": ""}}])
	count(r) == 1
}

test_fail_container_definitions if {
	r := rule.report with input as {"kind": "ContainerDefinitions", "resource": {"containerDefinitions": [{"name": "app", "image": "x"}, {"image": "y", "logConfiguration": _awslogs}]}}
	count(r) == 1
	some f in r
	contains(f.message, "container \"app\"")
}

test_pass_every_container_logs if {
	r := rule.report with input as _input([
		{"name": "app", "image": "x", "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch"}}},
		{"name": "log_router", "image": "y", "firelensConfiguration": {"type": "fluentbit"}, "logConfiguration": _awslogs},
	])
	count(r) == 0
}

test_pass_placeholders if {
	r := rule.report with input as _input([
		{"name": "app", "image": "x", "logConfiguration": "${LOG_CONFIGURATION}"},
		{"name": "b", "image": "x", "logConfiguration": {"logDriver": "${LOG_DRIVER}"}},
		"${SIDECAR}",
	])
	count(r) == 0
}
