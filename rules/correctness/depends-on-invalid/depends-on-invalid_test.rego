package ecslint.rules.correctness["depends-on-invalid_test"]

import data.ecslint.rules.correctness["depends-on-invalid"] as rule

td(cds) := {"kind": "TaskDefinition", "resource": {"family": "web", "containerDefinitions": cds}}

hc := {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]}

test_fail_missing_container if {
	r := rule.report with input as td([
		{"name": "web", "image": "nginx", "dependsOn": [{"containerName": "envoy", "condition": "START"}, {"containerName": "init", "condition": "START"}]},
		{"name": "envoy", "image": "envoy", "essential": false},
	])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "dependsOn", 1, "containerName"]
	contains(f.message, "\"init\"")
}

test_fail_self if {
	r := rule.report with input as td([{"name": "web", "image": "nginx", "dependsOn": [{"containerName": "web", "condition": "START"}]}])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "dependsOn", 0, "containerName"]
	contains(f.message, "itself")
}

test_fail_two_cycle_one_finding if {
	r := rule.report with input as td([
		{"name": "web", "image": "nginx", "dependsOn": [{"containerName": "app", "condition": "START"}]},
		{"name": "app", "image": "app", "dependsOn": [{"containerName": "web", "condition": "START"}]},
	])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "dependsOn", 0, "containerName"]
	contains(f.message, "\"app\", \"web\"")
}

test_fail_long_cycle if {
	# a -> b -> c -> d -> a, plus e -> a outside the cycle.
	r := rule.report with input as td([
		{"name": "e", "image": "x", "dependsOn": [{"containerName": "a", "condition": "START"}]},
		{"name": "d", "image": "x", "dependsOn": [{"containerName": "a", "condition": "START"}]},
		{"name": "c", "image": "x", "dependsOn": [{"containerName": "d", "condition": "START"}]},
		{"name": "b", "image": "x", "dependsOn": [{"containerName": "c", "condition": "START"}]},
		{"name": "a", "image": "x", "dependsOn": [{"containerName": "b", "condition": "START"}]},
	])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 4, "dependsOn", 0, "containerName"]
	contains(f.message, "\"a\", \"b\", \"c\", \"d\" depend")
	not contains(f.message, "\"e\"")
}

test_fail_two_separate_cycles if {
	r := rule.report with input as td([
		{"name": "a", "image": "x", "dependsOn": [{"containerName": "b", "condition": "START"}]},
		{"name": "b", "image": "x", "dependsOn": [{"containerName": "a", "condition": "START"}]},
		{"name": "c", "image": "x", "dependsOn": [{"containerName": "d", "condition": "START"}]},
		{"name": "d", "image": "x", "dependsOn": [{"containerName": "c", "condition": "START"}]},
	])
	count(r) == 2
}

test_fail_healthy_without_health_check if {
	r := rule.report with input as td([
		{"name": "web", "image": "nginx", "dependsOn": [{"containerName": "envoy", "condition": "HEALTHY"}]},
		{"name": "envoy", "image": "envoy"},
	])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "dependsOn", 0, "condition"]
	contains(f.message, "healthCheck")
}

test_fail_complete_on_essential if {
	r := rule.report with input as td([
		{"name": "web", "image": "nginx", "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}, {"containerName": "init", "condition": "COMPLETE"}]},
		{"name": "migrate", "image": "app"},
		{"name": "init", "image": "app", "essential": true},
	])
	count(r) == 2
	{f.path | some f in r} == {
		["resource", "containerDefinitions", 0, "dependsOn", 0, "condition"],
		["resource", "containerDefinitions", 0, "dependsOn", 1, "condition"],
	}
}

test_pass_valid_dependencies if {
	r := rule.report with input as td([
		{"name": "web", "image": "nginx", "dependsOn": [
			{"containerName": "envoy", "condition": "HEALTHY"},
			{"containerName": "migrate", "condition": "SUCCESS"},
			{"containerName": "log-router", "condition": "START"},
		]},
		{"name": "envoy", "image": "envoy", "essential": true, "healthCheck": hc},
		{"name": "migrate", "image": "app", "essential": false},
		{"name": "log-router", "image": "fluent-bit", "essential": true, "dependsOn": [{"containerName": "migrate", "condition": "COMPLETE"}]},
	])
	count(r) == 0
}

test_pass_diamond_is_not_a_cycle if {
	r := rule.report with input as td([
		{"name": "a", "image": "x", "dependsOn": [{"containerName": "b", "condition": "START"}, {"containerName": "c", "condition": "START"}]},
		{"name": "b", "image": "x", "dependsOn": [{"containerName": "d", "condition": "START"}]},
		{"name": "c", "image": "x", "dependsOn": [{"containerName": "d", "condition": "START"}]},
		{"name": "d", "image": "x"},
	])
	count(r) == 0
}

test_pass_placeholders if {
	r := rule.report with input as td([
		{"name": "web", "image": "nginx", "dependsOn": [{"containerName": "${SIDECAR}", "condition": "START"}, {"containerName": "sidecar", "condition": "$$$COND$$$"}]},
		{"name": "{{ .Sidecar }}", "image": "envoy"},
	])
	count(r) == 0
}

test_pass_placeholder_essential if {
	r := rule.report with input as td([
		{"name": "web", "image": "nginx", "dependsOn": [{"containerName": "init", "condition": "SUCCESS"}]},
		{"name": "init", "image": "app", "essential": "${INIT_ESSENTIAL}"},
	])
	count(r) == 0
}

test_pass_no_depends_on if {
	r := rule.report with input as td([{"name": "web", "image": "nginx"}, {"image": "unnamed"}])
	count(r) == 0
}
