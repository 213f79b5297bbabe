package ecslint.rules.reliability["deployment-blocks-rollout_test"]

import data.ecslint.rules.reliability["deployment-blocks-rollout"] as rule

_input(svc) := {
	"kind": "Service",
	"name": "web",
	"resource": object.union({"serviceName": "web", "taskDefinition": "web:1"}, svc),
	"related": {"taskDefinition": {"status": "unresolved", "name": "web:1"}},
}

_svc(d, max, min) := {"desiredCount": d, "deploymentConfiguration": {"maximumPercent": max, "minimumHealthyPercent": min}}

test_fail_100_100 if {
	r := rule.report with input as _input(_svc(2, 100, 100))
	count(r) == 1
	some f in r
	f.path == ["resource", "deploymentConfiguration", "maximumPercent"]
}

test_fail_single_task_100_100 if {
	r := rule.report with input as _input(_svc(1, 100, 100))
	count(r) == 1
}

# floor(3 * 1.2) = 3: no extra task; ceil(3 * 1.0) = 3: none may stop.
test_fail_three_tasks_120_100 if {
	r := rule.report with input as _input(_svc(3, 120, 100))
	count(r) == 1
}

# minimumHealthyPercent omitted is 100 for REPLICA.
test_fail_max_100_min_default if {
	r := rule.report with input as _input({"desiredCount": 4, "deploymentConfiguration": {"maximumPercent": 100}})
	count(r) == 1
}

test_fail_min_zero_single_task if {
	r := rule.report with input as _input(_svc(1, 200, 0))
	count(r) == 1
	some f in r
	f.path == ["resource", "deploymentConfiguration", "minimumHealthyPercent"]
	contains(f.message, "only task")
}

test_fail_min_zero_single_task_max_default if {
	r := rule.report with input as _input({"desiredCount": 1, "deploymentConfiguration": {"minimumHealthyPercent": 0}})
	count(r) == 1
}

test_pass_defaults if {
	r := rule.report with input as _input({"desiredCount": 1})
	count(r) == 0
}

test_pass_200_100 if {
	r := rule.report with input as _input(_svc(2, 200, 100))
	count(r) == 0
}

# floor(4 * 1.25) = 5 > 4: one extra task can start.
test_pass_four_tasks_125_100 if {
	r := rule.report with input as _input(_svc(4, 125, 100))
	count(r) == 0
}

# ceil(2 * 0.5) = 1 < 2: one task can stop.
test_pass_100_50 if {
	r := rule.report with input as _input(_svc(2, 100, 50))
	count(r) == 0
}

test_pass_min_zero_two_tasks if {
	r := rule.report with input as _input(_svc(2, 200, 0))
	count(r) == 0
}

test_pass_zero_desired if {
	r := rule.report with input as _input(_svc(0, 100, 100))
	count(r) == 0
}

test_pass_desired_count_absent if {
	r := rule.report with input as _input({"deploymentConfiguration": {"maximumPercent": 100, "minimumHealthyPercent": 100}})
	count(r) == 0
}

test_pass_daemon if {
	r := rule.report with input as _input(object.union(_svc(1, 100, 100), {"schedulingStrategy": "DAEMON"}))
	count(r) == 0
}

test_pass_code_deploy if {
	r := rule.report with input as _input(object.union(_svc(1, 100, 100), {"deploymentController": {"type": "CODE_DEPLOY"}}))
	count(r) == 0
}

test_pass_external if {
	r := rule.report with input as _input(object.union(_svc(1, 100, 0), {"deploymentController": {"type": "EXTERNAL"}}))
	count(r) == 0
}

test_pass_placeholders if {
	r := rule.report with input as _input({"desiredCount": "${COUNT}", "deploymentConfiguration": {"maximumPercent": "${MAX}", "minimumHealthyPercent": 100}})
	count(r) == 0
	r2 := rule.report with input as _input({"desiredCount": 2, "deploymentConfiguration": {"maximumPercent": "${MAX}", "minimumHealthyPercent": 100}})
	count(r2) == 0
}

test_pass_cli_skeleton if {
	r := rule.report with input as _input(object.union(_svc(1, 0, 0), {"serviceName": ""}))
	count(r) == 0
}

# An update-service input (input.partial): no default applies to what it
# leaves out (scheduling strategy, controller, deployment strategy,
# percentages); what it sets is judged once the rest is known.
test_pass_partial_update_defaults_unknown if {
	r := rule.report with input as {"kind": "Service", "name": "web", "partial": true, "resource": object.union({"cluster": "prod", "service": "web", "forceNewDeployment": true}, {"desiredCount": 1, "deploymentConfiguration": {"minimumHealthyPercent": 100}}), "related": {"taskDefinition": {"status": "unresolved", "name": "web"}}}
	count(r) == 0
	r2 := rule.report with input as {"kind": "Service", "name": "web", "partial": true, "resource": object.union({"cluster": "prod", "service": "web", "forceNewDeployment": true}, _svc(2, 100, 100)), "related": {"taskDefinition": {"status": "unresolved", "name": "web"}}}
	count(r2) == 0
}

test_fail_partial_update_explicit if {
	svc := {
		"desiredCount": 2, "schedulingStrategy": "REPLICA", "deploymentController": {"type": "ECS"},
		"deploymentConfiguration": {"strategy": "ROLLING", "maximumPercent": 100, "minimumHealthyPercent": 100},
	}
	r := rule.report with input as {"kind": "Service", "name": "web", "partial": true, "resource": object.union({"cluster": "prod", "service": "web", "forceNewDeployment": true}, svc), "related": {"taskDefinition": {"status": "unresolved", "name": "web"}}}
	count(r) == 1
}
