package ecslint.rules.correctness["role-arn-malformed_test"]

import data.ecslint.rules.correctness["role-arn-malformed"] as rule

_input(roles) := {"kind": "TaskDefinition", "name": "app:1", "resource": object.union({"family": "app", "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]}, roles)}

_fires(value) := r if {
	r := rule.report with input as _input({"taskRoleArn": value})
}

_one(value, text) if {
	r := _fires(value)
	count(r) == 1
	some f in r
	f.path == ["resource", "taskRoleArn"]
	contains(f.message, text)
}

test_fail_instance_profile if _one("arn:aws:iam::123456789012:instance-profile/ecsInstanceRole", "instance profile")

test_fail_user_arn if _one("arn:aws:iam::123456789012:user/deploy", "IAM user")

test_fail_short_account if _one("arn:aws:iam::11111111111:role/ecsTaskExecutionRole", "12 digits")

test_fail_other_service if _one("arn:aws:sts::123456789012:assumed-role/app/session", "\"sts\" service")

test_fail_region_set if _one("arn:aws:iam:us-east-1:123456789012:role/app", "no region")

test_fail_bad_partition if _one("arn:amazon:iam::123456789012:role/app", "partition")

test_fail_too_few_parts if _one("arn:aws:iam::role/app", "six")

test_fail_name_with_space if _one("my task role", "role name")

test_fail_name_too_long if _one(concat("", [x | some _ in numbers.range(1, 65); x := "a"]), "role name")

test_fail_colon_in_role_name if _one("arn:aws:iam::123456789012:role/app:1", "resource")

test_fail_execution_role_field if {
	r := rule.report with input as _input({"executionRoleArn": "arn:aws:iam::123456789012:policy/ecsExec"})
	count(r) == 1
	some f in r
	f.path == ["resource", "executionRoleArn"]
}

test_fail_both_fields if {
	r := rule.report with input as _input({"taskRoleArn": "a b", "executionRoleArn": "c d"})
	count(r) == 2
}

test_pass_role_arns_every_partition if {
	every value in [
		"arn:aws:iam::123456789012:role/app",
		"arn:aws-cn:iam::123456789012:role/app",
		"arn:aws-us-gov:iam::123456789012:role/app",
		"arn:aws-iso-b:iam::123456789012:role/app",
		"arn:aws:iam::123456789012:role/teams/web/app+v2=x,y.z@w_q-1",
		"arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
	] {
		count(_fires(value)) == 0
	}
}

test_pass_plain_names if {
	every value in ["ecsTaskExecutionRole", "task-iam-role", "ECS-task-full-access", "a+b=c,d.e@f_g"] {
		count(_fires(value)) == 0
	}
}

test_pass_unresolved_references if {
	every value in [
		"${YOUR_EXECUTION_ROLE}",
		"{{task-role-arn}}",
		"$$$TASK_ROLE$$$",
		"<PLACEHOLDER>",
		"arn:aws:iam::<account-id>:role/app",
		"arn:aws:iam::{{must_env `AWS_ACCOUNT_ID`}}:role/ecsTaskRole",
		"arn:aws:iam::XXXXXXXXXXXX:role/ecs_task_iam_role",
		"arn:aws:iam::xxxxxxxxxx:role/ecs_task_iam_role",
		"arn:aws:iam::aws_account_id:role/ecsTaskExecutionRole",
		"arn:aws:iam::ACCOUNT_ID:role/app",
		{"Fn::GetAtt": ["TaskRole", "Arn"]},
		{"Ref": "TaskRoleArn"},
		42,
	] {
		count(_fires(value)) == 0
	}
}

test_pass_path_qualified_name if {
	count(_fires("/teams/web/app")) == 0
}

test_pass_empty_and_absent if {
	count(_fires("")) == 0
	count(_fires(null)) == 0
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"family": "app"}}
	count(r) == 0
}

# What the literal parts of a partly templated role prove is reported.
test_fail_partly_templated if {
	_one("arn:aws:iam::${ACCOUNT_ID}:user/deploy", "IAM user")
	_one("arn:aws:iam::{{ .Account }}:instance-profile/ecsInstanceRole", "instance profile")
	_one("arn:aws:sts::${ACCOUNT_ID}:assumed-role/app/s", "\"sts\" service")
	_one("arn:aws:iam::12345:role/${ROLE}", "12 digits")
	_one("arn:aws:iam:us-east-1:${ACCOUNT_ID}:role/app", "no region")
	_one("arn:${AWS::Partition}:iam::123456789012:role/app name", "resource")
}

test_pass_templated if {
	every value in [
		"$ROLE_ARN", "{{ .Env.TASK_ROLE }}", "${aws_iam_role.task.arn}", "<task-role-arn>",
		"arn:aws:iam::${ACCOUNT_ID}:role/app", "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${RoleName}",
		"arn:aws:iam::${ACCOUNT_ID}:role/teams/${TEAM}/app", "app-${ENV}", "${ARN_PREFIX}:role/app",
	] {
		count(_fires(value)) == 0
	}
}
