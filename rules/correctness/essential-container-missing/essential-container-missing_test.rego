package ecslint.rules.correctness["essential-container-missing_test"]

import data.ecslint.rules.correctness["essential-container-missing"] as rule

_in(containers) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": {"family": "app", "containerDefinitions": containers},
	"related": {"services": [], "instanceRoles": []},
}

_report(containers) := r if {
	r := rule.report with input as _in(containers)
}

test_fail_all_non_essential if {
	r := _report([
		{"name": "app", "image": "app:1", "essential": false},
		{"name": "log", "image": "fluent-bit:1", "essential": false},
	])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions"]
	contains(f.message, "2 containers")
}

test_fail_single if {
	count(_report([{"name": "job", "image": "job:1", "essential": false}])) == 1
}

test_pass_omitted_means_essential if {
	count(_report([{"name": "app", "image": "app:1"}, {"name": "log", "essential": false}])) == 0
}

test_pass_one_essential if {
	count(_report([{"name": "app", "essential": false}, {"name": "log", "essential": true}])) == 0
}

test_pass_placeholder if {
	count(_report([{"name": "app", "essential": "${ESSENTIAL}"}])) == 0
	count(_report([{"name": "app", "essential": {"Ref": "Essential"}}])) == 0
	count(_report([{"name": "app", "essential": null}])) == 0
}

test_pass_no_containers if {
	count(_report([])) == 0
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"family": "app"}}
	count(r) == 0
}
