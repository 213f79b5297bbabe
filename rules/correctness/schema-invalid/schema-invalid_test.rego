package ecslint.rules.correctness["schema-invalid_test"]

import data.ecslint.rules.correctness["schema-invalid"] as rule

td := {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]}

test_fail_each_problem_at_its_path if {
	r := rule.report with input as {
		"kind": "TaskDefinition",
		"resource": td,
		"problems": [
			{"rule": "schema-invalid", "path": ["containerDefinitions", 0, "privileged"], "message": "containerDefinitions[0].privileged must be a boolean, not a string"},
			{"rule": "schema-invalid", "path": ["networkMode"], "message": "networkMode must be one of bridge, host, awsvpc, none"},
			{"rule": "duplicate-key", "path": ["family"], "message": "family is given more than once"},
		],
	}
	r == {
		{"message": "containerDefinitions[0].privileged must be a boolean, not a string", "path": ["resource", "containerDefinitions", 0, "privileged"]},
		{"message": "networkMode must be one of bridge, host, awsvpc, none", "path": ["resource", "networkMode"]},
	}
}

test_fail_missing_member_at_the_resource if {
	r := rule.report with input as {
		"kind": "TaskDefinition",
		"resource": {"containerDefinitions": []},
		"problems": [{"rule": "schema-invalid", "path": [], "message": "the task definition lacks family, which AWS requires"}],
	}
	count(r) == 1
	some f in r
	f.path == ["resource"]
}

test_pass_other_rules_problems if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": {"serviceName": "web"},
		"problems": [{"rule": "duplicate-key", "path": ["serviceName"], "message": "serviceName is given more than once"}],
	}
	count(r) == 0
}

test_pass_no_problems if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": td}
	count(r) == 0
}
