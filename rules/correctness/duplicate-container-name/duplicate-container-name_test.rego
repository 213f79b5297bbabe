package ecslint.rules.correctness["duplicate-container-name_test"]

import data.ecslint.rules.correctness["duplicate-container-name"] as rule

td(names) := {"kind": "TaskDefinition", "resource": {
	"family": "web",
	"containerDefinitions": [{"name": n, "image": "nginx:1.27"} | some n in names],
}}

test_fail_duplicate if {
	r := rule.report with input as td(["web", "log-router", "web"])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 2, "name"]
	contains(f.message, "\"web\"")
	contains(f.message, "like containerDefinitions[0]")
}

test_fail_three_times if {
	r := rule.report with input as td(["app", "app", "app"])
	count(r) == 2
	{f.path | some f in r} == {
		["resource", "containerDefinitions", 1, "name"],
		["resource", "containerDefinitions", 2, "name"],
	}
}

test_pass_unique if {
	r := rule.report with input as td(["web", "log-router", "envoy"])
	count(r) == 0
}

test_pass_case_differs if {
	# Only an exact repeat is known to be rejected.
	r := rule.report with input as td(["web", "Web"])
	count(r) == 0
}

test_pass_placeholders if {
	r := rule.report with input as td(["${name}", "${name}", "{{ .Name }}", "{{ .Name }}"])
	count(r) == 0
}

test_pass_missing_names if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"family": "web", "containerDefinitions": [{"image": "a"}, {"image": "b"}]}}
	count(r) == 0
}
