package ecslint.rules.correctness["healthcheck-out-of-range_test"]

import data.ecslint.rules.correctness["healthcheck-out-of-range"] as rule

td(hc) := {"kind": "TaskDefinition", "resource": {"family": "web", "containerDefinitions": [
	{"name": "sidecar", "image": "envoy:1.30"},
	{"name": "web", "image": "nginx:1.27", "healthCheck": object.union({"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]}, hc)},
]}}

test_fail_interval_too_short if {
	r := rule.report with input as td({"interval": 3})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "healthCheck", "interval"]
	contains(f.message, "\"web\"")
	contains(f.message, "5 to 300")
}

test_fail_every_field if {
	r := rule.report with input as td({"interval": 301, "timeout": 61, "retries": 0, "startPeriod": 600})
	count(r) == 4
	{f.path[4] | some f in r} == {"interval", "timeout", "retries", "startPeriod"}
}

test_fail_lower_bounds if {
	r := rule.report with input as td({"timeout": 1, "retries": 11, "startPeriod": -1})
	count(r) == 3
}

test_fail_string_number if {
	r := rule.report with input as td({"timeout": "90"})
	count(r) == 1
}

test_pass_bounds_inclusive if {
	r := rule.report with input as td({"interval": 5, "timeout": 2, "retries": 1, "startPeriod": 0})
	count(r) == 0
	r2 := rule.report with input as td({"interval": 300, "timeout": 60, "retries": 10, "startPeriod": 300})
	count(r2) == 0
}

test_pass_defaults if {
	r := rule.report with input as td({})
	count(r) == 0
}

test_pass_placeholders if {
	r := rule.report with input as td({"interval": "$$$$INTERVAL$$$$", "timeout": {"Ref": "Timeout"}, "retries": null})
	count(r) == 0
}

test_pass_no_health_check if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "healthCheck": null}]}}
	count(r) == 0
}

test_pass_cli_skeleton if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"family": "", "containerDefinitions": [{"name": "", "image": "", "healthCheck": {"command": [""], "interval": 0, "timeout": 0, "retries": 0, "startPeriod": 0}}]}}
	count(r) == 0
}

test_fail_command_placeholder if {
	r := rule.report with input as td({"command": "${HEALTH_COMMAND}", "interval": 1})
	count(r) == 1
}
