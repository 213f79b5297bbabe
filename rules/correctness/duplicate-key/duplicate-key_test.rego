package ecslint.rules.correctness["duplicate-key_test"]

import data.ecslint.rules.correctness["duplicate-key"] as rule

test_fail_at_the_key_that_counts if {
	r := rule.report with input as {
		"kind": "TaskDefinition",
		"resource": {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx", "privileged": false}]},
		"problems": [
			{"rule": "duplicate-key", "path": ["containerDefinitions", 0, "privileged"], "message": "containerDefinitions[0].privileged is given more than once in the same object"},
			{"rule": "schema-invalid", "path": ["family"], "message": "family must be a string"},
		],
	}
	r == {{
		"message": "containerDefinitions[0].privileged is given more than once in the same object",
		"path": ["resource", "containerDefinitions", 0, "privileged"],
	}}
}

test_fail_in_a_service if {
	r := rule.report with input as {
		"kind": "Service",
		"resource": {"serviceName": "web", "desiredCount": 2},
		"problems": [{"rule": "duplicate-key", "path": ["desiredCount"], "message": "desiredCount is given more than once"}],
	}
	count(r) == 1
}

test_pass_other_rules_problems if {
	r := rule.report with input as {
		"kind": "TaskDefinition",
		"resource": {"family": "web", "containerDefinitions": []},
		"problems": [{"rule": "schema-invalid", "path": ["containerDefinitions"], "message": "containerDefinitions is empty"}],
	}
	count(r) == 0
}

test_pass_no_problems if {
	r := rule.report with input as {"kind": "Service", "resource": {"serviceName": "web"}}
	count(r) == 0
}
