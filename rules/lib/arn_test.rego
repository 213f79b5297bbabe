package ecslint.lib.arn_test

import data.ecslint.lib.arn

# parse

test_parse_role_arn if {
	arn.parse("arn:aws:iam::123456789012:role/app") == {"partition": "aws", "service": "iam", "region": "", "account": "123456789012", "resource": "role/app"}
}

test_parse_keeps_colons_in_resource if {
	arn.parse("arn:aws:ecs:us-east-1:123456789012:task-definition/web:7").resource == "task-definition/web:7"
	arn.parse("arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf:password::").resource == "secret:db-AbCdEf:password::"
}

test_parse_partitions if {
	arn.parse("arn:aws-cn:iam::123456789012:role/app").partition == "aws-cn"
	arn.parse("arn:aws-us-gov:iam::123456789012:role/app").partition == "aws-us-gov"
}

test_parse_not_an_arn if {
	arn.parse("ecsTaskRole") == false
	arn.parse("arn:aws:iam::role/app") == false
	arn.parse("") == false
	arn.parse(42) == false
	arn.parse({"Fn::GetAtt": ["Role", "Arn"]}) == false
}

# is_partition, is_account_id

test_is_partition if {
	every p in ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-eusc"] {
		arn.is_partition(p)
	}
	not arn.is_partition("amazon")
	not arn.is_partition("AWS")
	not arn.is_partition("aws-")
}

test_is_account_id if {
	arn.is_account_id("123456789012")
	arn.is_account_id("012345678910")
	not arn.is_account_id("11111111111")
	not arn.is_account_id("1234567890123")
	not arn.is_account_id("XXXXXXXXXXXX")
	not arn.is_account_id("")
}

# is_role_arn

test_is_role_arn_partitions if {
	arn.is_role_arn("arn:aws:iam::123456789012:role/app")
	arn.is_role_arn("arn:aws-cn:iam::123456789012:role/app")
	arn.is_role_arn("arn:aws-us-gov:iam::123456789012:role/app")
	arn.is_role_arn("arn:aws-iso-b:iam::123456789012:role/app")
}

test_is_role_arn_paths if {
	arn.is_role_arn("arn:aws:iam::123456789012:role/teams/web/app")
	arn.is_role_arn("arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS")
	arn.is_role_arn("arn:aws:iam::123456789012:role/a+b=c,d.e@f_g-h")
}

test_is_role_arn_rejects if {
	not arn.is_role_arn("arn:aws:iam::123456789012:instance-profile/ecsInstanceRole")
	not arn.is_role_arn("arn:aws:iam::123456789012:user/deploy")
	not arn.is_role_arn("arn:aws:iam::11111111111:role/app")
	not arn.is_role_arn("arn:aws:iam::XXXXXXXXXXXX:role/app")
	not arn.is_role_arn("arn:aws:iam:us-east-1:123456789012:role/app")
	not arn.is_role_arn("arn:aws:sts::123456789012:assumed-role/app/s")
	not arn.is_role_arn("arn:amazon:iam::123456789012:role/app")
	not arn.is_role_arn("arn:aws:iam::123456789012:role/app:1")
	not arn.is_role_arn("arn:aws:iam::123456789012:role/")
	not arn.is_role_arn("arn:aws:iam::123456789012:role/app name")
	not arn.is_role_arn("app")
	not arn.is_role_arn(42)
}

# is_role_name

test_is_role_name if {
	every n in ["app", "ecsTaskExecutionRole", "ECS-task-full-access", "a+b=c,d.e@f_g", concat("", [x | some _ in numbers.range(1, 64); x := "a"])] {
		arn.is_role_name(n)
	}
	not arn.is_role_name("")
	not arn.is_role_name("my role")
	not arn.is_role_name("/path/app")
	not arn.is_role_name("arn:aws:iam::123456789012:role/app")
	not arn.is_role_name(concat("", [x | some _ in numbers.range(1, 65); x := "a"]))
	not arn.is_role_name(42)
}

# role_name, role_account, role_partition

test_role_name if {
	arn.role_name("arn:aws:iam::123456789012:role/app") == "app"
	arn.role_name("arn:aws:iam::123456789012:role/teams/web/app") == "app"
	arn.role_name("app") == "app"
	not arn.role_name("arn:aws:iam::123456789012:user/app")
	not arn.role_name("${ROLE}")
}

test_role_account if {
	arn.role_account("arn:aws:iam::123456789012:role/app") == "123456789012"
	arn.role_account("app") == ""
	arn.role_account("arn:aws:iam::XXXXXXXXXXXX:role/app") == "XXXXXXXXXXXX"
	not arn.role_account("arn:aws:iam::123456789012:user/app")
}

test_role_partition if {
	arn.role_partition("arn:aws-cn:iam::123456789012:role/app") == "aws-cn"
	arn.role_partition("arn:aws-us-gov:iam::123456789012:role/app") == "aws-us-gov"
	arn.role_partition("app") == ""
}

# same_role

test_same_role_identical if {
	arn.same_role("arn:aws:iam::123456789012:role/app", "arn:aws:iam::123456789012:role/app")
	arn.same_role("app", "app")
}

test_same_role_paths_do_not_matter if {
	arn.same_role("arn:aws:iam::123456789012:role/teams/app", "arn:aws:iam::123456789012:role/app")
	arn.same_role("arn:aws:iam::123456789012:role/a/b/app", "arn:aws:iam::123456789012:role/c/app")
}

test_same_role_plain_name_and_arn if {
	arn.same_role("app", "arn:aws:iam::123456789012:role/app")
	arn.same_role("arn:aws-cn:iam::123456789012:role/x/app", "app")
}

test_same_role_name_case_insensitive if {
	arn.same_role("App", "arn:aws:iam::123456789012:role/APP")
}

test_same_role_partitions if {
	arn.same_role("arn:aws-us-gov:iam::123456789012:role/app", "arn:aws-us-gov:iam::123456789012:role/app")
	not arn.same_role("arn:aws-cn:iam::123456789012:role/app", "arn:aws:iam::123456789012:role/app")
}

test_same_role_placeholder_account if {
	arn.same_role("arn:aws:iam::XXXXXXXXXXXX:role/app", "arn:aws:iam::XXXXXXXXXXXX:role/app")
	arn.same_role("arn:aws:iam::aws_account_id:role/app", "app")
	arn.same_role("arn:aws:iam::{{must_env `AWS_ACCOUNT_ID`}}:role/app", "arn:aws:iam::{{must_env `AWS_ACCOUNT_ID`}}:role/app")
	not arn.same_role("arn:aws:iam::XXXXXXXXXXXX:role/app", "arn:aws:iam::XXXXXXXXXXXX:role/other")
	not arn.same_role("arn:aws:iam::XXXXXXXXXXXX:role/app", "arn:aws:iam::123456789012:role/app")
}

test_not_same_role_identical_placeholders if {
	not arn.same_role("<PLACEHOLDER>", "<PLACEHOLDER>")
	not arn.same_role("${TASK_ROLE}", "${TASK_ROLE}")
	not arn.same_role({"Ref": "Role"}, {"Ref": "Role"})
}

test_not_same_role if {
	not arn.same_role("arn:aws:iam::123456789012:role/app", "arn:aws:iam::123456789012:role/app2")
	not arn.same_role("arn:aws:iam::123456789012:role/app", "arn:aws:iam::210987654321:role/app")
	not arn.same_role("app", "other")
	not arn.same_role("{{task-role-arn}}", "{{execution-role-arn}}")
	not arn.same_role("", "")
	not arn.same_role(null, null)
	not arn.same_role("arn:aws:iam::123456789012:instance-profile/app", "arn:aws:iam::123456789012:role/app")
}

# is_unresolved

test_is_unresolved if {
	every s in [
		{"Fn::GetAtt": ["Role", "Arn"]},
		["a"],
		42,
		null,
		"${TaskRole}",
		"arn:aws:iam::${AWS::AccountId}:role/app",
		"{{task-role-arn}}",
		"$$$TASK_ROLE$$$",
		"<PLACEHOLDER>",
		"arn:aws:iam::<account-id>:role/app",
		"arn:aws:iam::XXXXXXXXXXXX:role/app",
		"arn:aws:iam::xxxxx:role/app",
		"arn:aws:iam::aws_account_id:role/app",
		"arn:aws:iam::ACCOUNT_ID:role/app",
		"arn:aws:iam::YourAccountId:role/app",
	] {
		arn.is_unresolved(s)
	}
}

test_is_resolved if {
	every s in [
		"arn:aws:iam::123456789012:role/app",
		"arn:aws:iam::11111111111:role/app",
		"arn:aws:iam::123456789012:user/app",
		"app",
		"",
		"arn:aws:iam::12345678901a:role/app",
	] {
		not arn.is_unresolved(s)
	}
}

# Screened forms: is_role_arn, _role_arn_shape and is_role_name test
# substrings before their regex; they must decide every value exactly as the
# bare regex does, at the screen's boundaries above all.

_screen_cases := [
	"arn:aws:iam::123456789012:role/app",
	"arn:aws-cn:iam::123456789012:role/teams/web/app",
	"arn:aws:iam::XXXXXXXXXXXX:role/app",
	"arn:aws:iam::<account-id>:role/app",
	"arn:aws:iam::123456789012:user/app",
	"arn:aws:iam::123456789012:instance-profile/app",
	"arn:aws:iam:us-east-1:123456789012:role/app",
	"arn:aws:sts::123456789012:assumed-role/app/session",
	"arn:aws:iam::123456789012:role/",
	"arn:aws:iam::123456789012:role/a:b",
	"arn:aws:iam::123456789012:role/x:role/app",
	"arn:aws:iam:::role/app",
	"arn:awsx:iam::123456789012:role/app",
	"arn:aws-:iam::123456789012:role/app",
	"arn:partition:iam::123456789012:role/app",
	"ARN:aws:iam::123456789012:role/app",
	"xarn:aws:iam::123456789012:role/app",
	"app", "my-role+=,.@_", "a:b", ":", "role/app", "/path/app", "", "arn:aws",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
]

_b_role_arn(s) if {
	arn.is_role_arn(s)
} else := false

_b_shape(s) if {
	arn._role_arn_shape(s)
} else := false

_b_name(s) if {
	arn.is_role_name(s)
} else := false

test_role_screens_same_as_regex if {
	every s in _screen_cases {
		_b_role_arn(s) == regex.match(`^arn:aws(-[a-z0-9]+)*:iam::[0-9]{12}:role/([\x21-\x7e]+/)*[\w+=,.@-]{1,64}$`, s)
		_b_shape(s) == regex.match(`^arn:aws(-[a-z0-9]+)*:iam::[^:]*:role/([\x21-\x7e]+/)*[\w+=,.@-]{1,64}$`, s)
		_b_name(s) == regex.match(`^[\w+=,.@-]{1,64}$`, s)
	}
}

test_role_screens_non_strings if {
	not arn.is_role_arn(42)
	not arn._role_arn_shape(null)
	not arn.is_role_name({"Ref": "Role"})
}

# _same_last_segment screens _same_role in same_role: whenever the roles are the same,
# the screen holds, so the screen never changes a finding.
_role_pairs := [
	["arn:aws:iam::123456789012:role/app", "arn:aws:iam::123456789012:role/app"],
	["arn:aws:iam::123456789012:role/App", "app"],
	["arn:aws:iam::123456789012:role/team/app", "arn:aws:iam::123456789012:role/app"],
	["arn:aws:iam::123456789012:role/app", "arn:aws:iam::210987654321:role/app"],
	["arn:aws-cn:iam::123456789012:role/app", "arn:aws:iam::123456789012:role/app"],
	["arn:aws:iam::${AWS::AccountId}:role/app", "arn:aws:iam::123456789012:role/app"],
	["app", "APP"],
	["app", "other"],
	["arn:aws:iam::123456789012:role/app", "arn:aws:iam::123456789012:role/other"],
	["arn:aws:iam::123456789012:instance-profile/app", "app"],
	["<ROLE>", "<ROLE>"],
	["", ""],
	["app", 5],
	[null, "app"],
]

test_same_last_segment_screen_is_implied_by_same_role if {
	every pair in _role_pairs {
		_implies(pair[0], pair[1])
	}
	arn._same_last_segment("arn:aws:iam::123456789012:role/team/App", "app")
	not arn._same_last_segment("arn:aws:iam::123456789012:role/app", "arn:aws:iam::123456789012:role/api")
}

_implies(a, b) if not arn._same_role(a, b)

_implies(a, b) if arn._same_last_segment(a, b)
