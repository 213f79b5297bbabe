package ecslint.rules.security["task-role-is-execution-role_test"]

import data.ecslint.rules.security["task-role-is-execution-role"] as rule

_base := {"family": "app", "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]}

_input(task, exec) := {"kind": "TaskDefinition", "name": "app:1", "resource": object.union(_base, {"taskRoleArn": task, "executionRoleArn": exec})}

test_fail_identical_arns if {
	r := rule.report with input as _input("arn:aws:iam::123456789012:role/app", "arn:aws:iam::123456789012:role/app")
	count(r) == 1
	some f in r
	f.path == ["resource", "taskRoleArn"]
}

test_fail_name_and_arn if {
	r := rule.report with input as _input("app", "arn:aws:iam::123456789012:role/app")
	count(r) == 1
}

test_fail_path_and_plain_arn if {
	r := rule.report with input as _input("arn:aws:iam::123456789012:role/teams/web/app", "arn:aws:iam::123456789012:role/app")
	count(r) == 1
}

test_fail_name_case_differs if {
	r := rule.report with input as _input("App", "arn:aws:iam::123456789012:role/app")
	count(r) == 1
}

test_fail_gov_cloud if {
	role := "arn:aws-us-gov:iam::123456789012:role/app"
	r := rule.report with input as _input(role, role)
	count(r) == 1
}

test_fail_same_role_placeholder_account if {
	role := "arn:aws:iam::aws_account_id:role/ecsTaskExecutionRole"
	r := rule.report with input as _input(role, role)
	count(r) == 1
}

# Identical generic placeholders say nothing about the roles filled in later.
test_pass_identical_placeholders if {
	r := rule.report with input as _input("<PLACEHOLDER>", "<PLACEHOLDER>")
	count(r) == 0
}

test_pass_different_roles if {
	r := rule.report with input as _input("arn:aws:iam::123456789012:role/app-task", "arn:aws:iam::123456789012:role/ecsTaskExecutionRole")
	count(r) == 0
}

test_pass_same_name_other_accounts if {
	r := rule.report with input as _input("arn:aws:iam::123456789012:role/app", "arn:aws:iam::210987654321:role/app")
	count(r) == 0
}

test_pass_different_template_references if {
	r := rule.report with input as _input("{{task-role-arn}}", "{{execution-role-arn}}")
	count(r) == 0
}

test_pass_only_execution_role if {
	td := object.union(_base, {"executionRoleArn": "arn:aws:iam::123456789012:role/app"})
	r := rule.report with input as {"kind": "TaskDefinition", "resource": td}
	count(r) == 0
}

test_pass_neither_role if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": _base}
	count(r) == 0
}

test_pass_both_empty if {
	r := rule.report with input as _input("", "")
	count(r) == 0
}

test_pass_both_null if {
	r := rule.report with input as _input(null, null)
	count(r) == 0
}

# Fully templated roles never compare; partly templated ones compare on
# their literal role names within the same account as written; literal.
test_templated_roles if {
	count(rule.report) == 0 with input as _input("{{ .Env.ROLE }}", "{{ .Env.ROLE }}")
	count(rule.report) == 0 with input as _input("arn:aws:iam::${ACCOUNT}:role/${ROLE}", "arn:aws:iam::${ACCOUNT}:role/${ROLE}")
	count(rule.report) == 1 with input as _input("arn:aws:iam::${AWS::AccountId}:role/app", "arn:aws:iam::${AWS::AccountId}:role/app")
	count(rule.report) == 0 with input as _input("arn:aws:iam::${AWS::AccountId}:role/task", "arn:aws:iam::${AWS::AccountId}:role/exec")
	count(rule.report) == 1 with input as _input("arn:aws:iam::123456789012:role/app", "app")
}
