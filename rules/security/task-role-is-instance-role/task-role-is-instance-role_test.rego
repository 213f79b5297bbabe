package ecslint.rules.security["task-role-is-instance-role_test"]

import data.ecslint.rules.security["task-role-is-instance-role"] as rule

_instance := "arn:aws:iam::123456789012:role/ecsInstanceRole"

_td(role) := {"family": "app", "taskRoleArn": role, "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]}

_input(td, roles) := {"kind": "TaskDefinition", "name": "app:1", "resource": td, "related": {"services": [], "instanceRoles": roles}}

test_fail_same_arn if {
	r := rule.report with input as _input(_td(_instance), [_instance])
	count(r) == 1
	some f in r
	f.path == ["resource", "taskRoleArn"]
}

test_fail_plain_name_matches_arn if {
	r := rule.report with input as _input(_td("ecsInstanceRole"), [_instance])
	count(r) == 1
}

test_fail_role_path_and_case_differ if {
	r := rule.report with input as _input(_td("arn:aws:iam::123456789012:role/ecs/ECSINSTANCEROLE"), [_instance])
	count(r) == 1
}

test_fail_one_of_several_instance_roles if {
	roles := ["arn:aws:iam::123456789012:role/other", _instance]
	r := rule.report with input as _input(_td(_instance), roles)
	count(r) == 1
}

test_fail_china_partition if {
	role := "arn:aws-cn:iam::123456789012:role/ecsInstanceRole"
	r := rule.report with input as _input(_td(role), [role])
	count(r) == 1
}

test_pass_different_role if {
	r := rule.report with input as _input(_td("arn:aws:iam::123456789012:role/app-task"), [_instance])
	count(r) == 0
}

test_pass_same_name_other_account if {
	r := rule.report with input as _input(_td("arn:aws:iam::210987654321:role/ecsInstanceRole"), [_instance])
	count(r) == 0
}

test_pass_same_name_other_partition if {
	r := rule.report with input as _input(_td("arn:aws-us-gov:iam::123456789012:role/ecsInstanceRole"), [_instance])
	count(r) == 0
}

test_pass_instance_roles_unknown if {
	r := rule.report with input as _input(_td(_instance), [])
	count(r) == 0
}

test_pass_related_absent if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": _td(_instance)}
	count(r) == 0
}

test_pass_no_task_role if {
	td := {"family": "app", "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]}
	r := rule.report with input as _input(td, [_instance])
	count(r) == 0
}

test_pass_unresolved_task_role if {
	r := rule.report with input as _input(_td({"Fn::GetAtt": ["TaskRole", "Arn"]}), [_instance])
	count(r) == 0
}

# A fully templated task role is unknown; a partly templated one compares
# only where its account is written the same way; literal roles compare.
test_templated_roles if {
	count(rule.report) == 0 with input as _input(_td("${TASK_ROLE_ARN}"), [_instance])
	count(rule.report) == 0 with input as _input(_td("arn:aws:iam::${ACCOUNT}:role/ecsInstanceRole"), [_instance])
	count(rule.report) == 1 with input as _input(_td("arn:aws:iam::${ACCOUNT}:role/ecsInstanceRole"), ["arn:aws:iam::${ACCOUNT}:role/ecsInstanceRole"])
	count(rule.report) == 1 with input as _input(_td("ecsInstanceRole"), [_instance])
}
