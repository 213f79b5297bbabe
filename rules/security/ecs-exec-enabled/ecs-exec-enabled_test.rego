package ecslint.rules.security["ecs-exec-enabled_test"]

import data.ecslint.rules.security["ecs-exec-enabled"] as rule

_input(svc) := {
	"kind": "Service",
	"name": "web",
	"resource": object.union({"serviceName": "web", "taskDefinition": "web:1"}, svc),
	"related": {"taskDefinition": {"status": "unresolved", "name": "web:1"}},
}

test_fail_enabled if {
	r := rule.report with input as _input({"enableExecuteCommand": true})
	count(r) == 1
	some f in r
	f.path == ["resource", "enableExecuteCommand"]
}

test_pass_disabled if {
	r := rule.report with input as _input({"enableExecuteCommand": false})
	count(r) == 0
}

test_pass_absent if {
	r := rule.report with input as _input({})
	count(r) == 0
}

test_pass_placeholder if {
	r := rule.report with input as _input({"enableExecuteCommand": "${ENABLE_EXEC}"})
	count(r) == 0
}

test_pass_cli_skeleton if {
	r := rule.report with input as _input({"serviceName": "", "enableExecuteCommand": true})
	count(r) == 0
}
