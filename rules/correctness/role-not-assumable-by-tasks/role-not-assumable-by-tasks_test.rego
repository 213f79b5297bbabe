package ecslint.rules.correctness["role-not-assumable-by-tasks_test"]

import data.ecslint.rules.correctness["role-not-assumable-by-tasks"] as rule

trust(service) := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}

td(task_doc, exec_doc) := {
	"kind": "TaskDefinition",
	"resource": {"family": "web", "taskRoleArn": "${TaskRole.Arn}", "executionRoleArn": "${ExecutionRole.Arn}"},
	"related": {
		"taskRole": {"status": "resolved", "name": "TaskRole", "resource": {"AssumeRolePolicyDocument": task_doc}},
		"executionRole": {"status": "resolved", "name": "ExecutionRole", "resource": {"AssumeRolePolicyDocument": exec_doc}},
	},
}

test_fail_task_role_trusts_ec2 if {
	r := rule.report with input as td(trust("ec2.amazonaws.com"), trust("ecs-tasks.amazonaws.com"))
	count(r) == 1
	some f in r
	f.path == ["resource", "taskRoleArn"]
	contains(f.message, "TaskRole")
}

test_fail_execution_role_trusts_ecs_service if {
	r := rule.report with input as td(trust(["ecs-tasks.amazonaws.com"]), trust("ecs.amazonaws.com"))
	count(r) == 1
	some f in r
	f.path == ["resource", "executionRoleArn"]
	contains(f.message, "cannot start")
}

test_fail_deny_only if {
	doc := {"Statement": [{"Effect": "Deny", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
	r := rule.report with input as td(doc, trust("ecs-tasks.amazonaws.com"))
	count(r) == 1
}

test_pass_both_trusted if {
	count(rule.report) == 0 with input as td(trust(["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"]), {"Statement": {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}})
}

test_pass_unknown_principal if {
	count(rule.report) == 0 with input as td(trust("ecs-tasks.${AWS::URLSuffix}"), trust("ecs-tasks.amazonaws.com"))
	count(rule.report) == 0 with input as td(trust("${TasksPrincipal}"), trust("ecs-tasks.amazonaws.com"))
	count(rule.report) == 0 with input as td(trust("{{ .Principal }}"), trust("ecs-tasks.amazonaws.com"))
	count(rule.report) == 0 with input as td(trust({"Fn::Join": ["", ["ecs-tasks.", {"Ref": "AWS::URLSuffix"}]]}), trust("ecs-tasks.amazonaws.com"))
	count(rule.report) == 0 with input as td({"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}, "${MoreStatements}"]}, trust("ecs-tasks.amazonaws.com"))
	count(rule.report) == 0 with input as td({"Statement": "${Statements}"}, trust("ecs-tasks.amazonaws.com"))
}

test_pass_negated_or_wildcard if {
	count(rule.report) == 0 with input as td({"Statement": [{"Effect": "Allow", "NotPrincipal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}, trust("ecs-tasks.amazonaws.com"))
	count(rule.report) == 0 with input as td({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:*"}]}, trust("ecs-tasks.amazonaws.com"))
}

test_pass_role_not_known if {
	count(rule.report) == 0 with input as {"kind": "TaskDefinition", "resource": {"taskRoleArn": "arn:aws:iam::123456789012:role/app"}, "related": {"taskRole": {"status": "unresolved", "name": "arn:aws:iam::123456789012:role/app"}}}
}
