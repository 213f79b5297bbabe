package ecslint.rules.observability["log-mode-blocking_test"]

import data.ecslint.rules.observability["log-mode-blocking"] as rule

_lc(options) := {"logDriver": "awslogs", "options": object.union({"awslogs-group": "/ecs/app", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app"}, options)}

_input(containers) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": {"family": "app", "containerDefinitions": containers},
	"related": {"services": [], "instanceRoles": []},
}

test_fail_blocking if {
	r := rule.report with input as _input([
		{"name": "app", "image": "x", "logConfiguration": _lc({"mode": "blocking"})},
		{"name": "sidecar", "image": "y", "logConfiguration": _lc({})},
	])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "logConfiguration", "options", "mode"]
	contains(f.message, "awslogs")
}

test_fail_blocking_upper_case if {
	r := rule.report with input as _input([{"name": "app", "image": "x", "logConfiguration": {"logDriver": "awsfirelens", "options": {"mode": "Blocking"}}}])
	count(r) == 1
}

test_pass_non_blocking if {
	r := rule.report with input as _input([{"name": "app", "image": "x", "logConfiguration": _lc({"mode": "non-blocking", "max-buffer-size": "25m"})}])
	count(r) == 0
}

test_pass_mode_omitted if {
	r := rule.report with input as _input([{"name": "app", "image": "x", "logConfiguration": _lc({})}])
	count(r) == 0
}

test_pass_no_log_configuration if {
	r := rule.report with input as _input([{"name": "app", "image": "x"}, "${CONTAINER}"])
	count(r) == 0
}

test_pass_placeholder if {
	r := rule.report with input as _input([{"name": "app", "image": "x", "logConfiguration": _lc({"mode": "${LOG_MODE}"})}])
	count(r) == 0
}

# Fully templated, partly templated and literal mode values.
test_templated_values if {
	every mode in ["${LOG_MODE}", "{{ .Mode }}", "block${ING}"] {
		count(rule.report) == 0 with input as _input([{"name": "app", "image": "x", "logConfiguration": _lc({"mode": mode})}])
	}
	count(rule.report) == 1 with input as _input([{"name": "app", "image": "x", "logConfiguration": _lc({"mode": "blocking"})}])
}

test_fail_container_definitions if {
	r := rule.report with input as {"kind": "ContainerDefinitions", "resource": {"containerDefinitions": [{"name": "app", "image": "x", "logConfiguration": _lc({"mode": "blocking"})}]}}
	count(r) == 1
}
