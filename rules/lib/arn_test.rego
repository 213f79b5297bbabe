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

# _role_name, _role_scope: what same_role compares

test_role_name if {
	arn._role_name("arn:aws:iam::123456789012:role/app") == "app"
	arn._role_name("arn:aws:iam::123456789012:role/teams/web/app") == "app"
	arn._role_name("arn:aws:iam::${AWS::AccountId}:role/app") == "app"
	arn._role_name("arn:aws:iam::123456789012:role/${PATH}/app") == "app"
	arn._role_name("app") == "app"
	not arn._role_name("arn:aws:iam::123456789012:user/app")
	not arn._role_name("arn:aws:iam::123456789012:role/${ROLE}")
	not arn._role_name("${ROLE}")
}

test_role_scope if {
	arn._role_scope("arn:aws:iam::123456789012:role/app") == "arn:aws:iam::123456789012"
	arn._role_scope("arn:aws-cn:iam::${AWS::AccountId}:role/app") == "arn:aws-cn:iam::${AWS::AccountId}"
	arn._role_scope("app") == ""
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
	not arn.same_role("arn:aws:iam::123456789012:role/${ROLE}", "arn:aws:iam::123456789012:role/${ROLE}")
}

test_same_role_canonical_unknown_account if {
	arn.same_role("arn:aws:iam::${AWS::AccountId}:role/app", "arn:aws:iam::${AWS::AccountId}:role/app")
	not arn.same_role("arn:aws:iam::${AWS::AccountId}:role/app", "arn:aws:iam::${Other}:role/app")
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

# parse reads the literal parts; account_unknown

test_parse_with_placeholders if {
	arn.parse("arn:aws:iam::${AWS::AccountId}:role/app") == {"partition": "aws", "service": "iam", "region": "", "account": "\ue000", "resource": "role/app"}
	arn.parse("arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}").service == "secretsmanager"
	arn.parse("arn:aws:iam::{{must_env `AWS_ACCOUNT_ID`}}:role/ecsTaskRole").resource == "role/ecsTaskRole"
	arn.parse("${ROLE_ARN}") == false
	arn.parse("arn:aws:iam::${REST}") == false
}

test_account_unknown if {
	every a in ["\ue000", "1234\ue000", "XXXXXXXXXXXX", "xxxxx", "aws_account_id", "ACCOUNT_ID", "YourAccountId", "12345678901a"] {
		arn.account_unknown(a)
	}
	every a in ["123456789012", "11111111111", ""] {
		not arn.account_unknown(a)
	}
}

# Screened forms: is_role_arn and is_role_name test
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

_b_name(s) if {
	arn.is_role_name(s)
} else := false

test_role_screens_same_as_regex if {
	every s in _screen_cases {
		_b_role_arn(s) == regex.match(`^arn:aws(-[a-z0-9]+)*:iam::[0-9]{12}:role/([\x21-\x7e]+/)*[\w+=,.@-]{1,64}$`, s)
		_b_name(s) == regex.match(`^[\w+=,.@-]{1,64}$`, s)
	}
}

test_role_screens_non_strings if {
	not arn.is_role_arn(42)
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

# --- secret references ---------------------------------------------------------

test_secret_reference_valid if {
	every s in [
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:db",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:password::",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password:AWSPREVIOUS:",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf::AWSCURRENT:",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:::9f1e8d2c-1234-4b5a-8c7d-0123456789ab",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password",
		"arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf",
		"arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db-AbCdEf",
		"arn:aws-iso-b:ssm:us-isob-east-1:123456789012:parameter/app/db",
		"arn:aws:ssm:us-east-1:123456789012:parameter/db_password",
		"arn:aws:ssm:us-east-1:123456789012:parameter/app/db:3",
		"/app/prod/db_password",
		"app.prod.db-password",
		"db_password",
		"/aws/reference/secretsmanager/prod/db",
		"arn:aws:secretsmanager:region:aws_account_id:secret:username_value-u9bH6K",
	] {
		not arn.secret_reference_problem(s)
	}
}

# Fully templated values are unknown; partly templated ones are judged on
# their literal parts and are well formed here.
test_secret_reference_unresolved_is_not_judged if {
	every s in [
		"",
		"${aws_secretsmanager_secret.db.arn}:password::",
		"{{ssm-cwagent-config}}",
		"$$$SECRET_VALUE_FROM$$$",
		"arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}",
		"arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:db",
		"arn:aws:ssm:<region>:<account-id>:parameter/app",
		"arn:aws:ssm:ap-northeast-1:{{must_env `AWS_ACCOUNT_ID`}}:parameter/ecspresso-test/bar",
		"/app/${ENV}/db_password",
		{"Ref": "DbSecret"},
		null,
	] {
		not arn.secret_reference_problem(s)
	}
}

# What the literal parts prove is reported, placeholders or not.
test_secret_reference_partly_templated_problems if {
	contains(arn.secret_reference_problem("arn:aws:s3:::${BUCKET}/secrets.env"), "service \"s3\"")
	contains(arn.secret_reference_problem("arn:aws:secretsmanager:${REGION}:12345:secret:db"), "12 digits")
	contains(arn.secret_reference_problem("arn:aws:ssm:${REGION}:${ACCOUNT}:db_password"), "parameter")
	contains(arn.secret_reference_problem("arn:aws:secretsmanager:${REGION}:${ACCOUNT}:db-x"), "does not name a secret")
	not arn.secret_reference_problem("arn:aws:secretsmanager:${REGION}:${ACCOUNT}:${NAME}-x")
	contains(arn.secret_reference_problem("my secret ${X}"), "neither")
}

test_secret_reference_problems if {
	contains(arn.secret_reference_problem("arn:aws:s3:::my-bucket/secrets.env"), "service \"s3\"")
	contains(arn.secret_reference_problem("arn:aws:kms:us-east-1:123456789012:key/1234abcd"), "service \"kms\"")
	contains(arn.secret_reference_problem("arn:amazon:secretsmanager:us-east-1:123456789012:secret:db"), "partition")
	contains(arn.secret_reference_problem("arn:aws:secretsmanager:us-east-1:123456789012"), "well-formed")
	contains(arn.secret_reference_problem("arn:aws:secretsmanager::123456789012:secret:db"), "Region")
	contains(arn.secret_reference_problem("arn:aws:ssm:us-east-1:12345:parameter/db"), "12 digits")
	contains(arn.secret_reference_problem("arn:aws:ssm:us-east-1::parameter/db"), "12 digits")
	contains(arn.secret_reference_problem("arn:aws:secretsmanager:us-east-1:123456789012:db-AbCdEf"), "does not name a secret")
	contains(arn.secret_reference_problem("arn:aws:secretsmanager:us-east-1:123456789012:secret:"), "invalid secret name")
	contains(arn.secret_reference_problem("arn:aws:secretsmanager:us-east-1:123456789012:secret:db:k:AWSCURRENT:id:extra"), "more than")
	contains(arn.secret_reference_problem("arn:aws:secretsmanager:us-east-1:123456789012:secret:db:k:AWSCURRENT:9f1e8d2c"), "both")
	contains(arn.secret_reference_problem("arn:aws:ssm:us-east-1:123456789012:db_password"), "parameter")
	contains(arn.secret_reference_problem("arn:aws:ssm:us-east-1:123456789012:parameter/"), "parameter")
	contains(arn.secret_reference_problem("s3://bucket/secret"), "neither")
	contains(arn.secret_reference_problem("my secret"), "neither")
}

# _well_formed's startswith screen: other partitions still take the long
# expression, and "arn:aws..." strings it rejects still get their problem.
test_well_formed_screen if {
	not arn.secret_reference_problem("arn:aws-cn:ssm:cn-north-1:123456789012:parameter/db")
	not arn.secret_reference_problem("arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db-AbCdEf")
	contains(arn.secret_reference_problem("arn:awsx:ssm:us-east-1:123456789012:parameter/db"), "partition")
	contains(arn.secret_reference_problem("arn:aws:ssm:us-east-1:123456789012:db"), "parameter/name")
	not arn.secret_reference_problem("/prod/db/password")
}

# --- repositoryCredentials.credentialsParameter ------------------------------

test_may_be_secret if {
	every s in [
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:dockerhub-AbCdEf",
		"arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:team/dockerhub",
		"arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:x",
		"dockerhub",
		"team/registry_creds+1=@.-",
		"",
		"${REGISTRY_SECRET_ARN}",
		"$$$REPOSITORY_CREDENTIALS$$$",
		"arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:dockerhub",
		"arn:${AWS::Partition}:secretsmanager:us-east-1:123456789012:secret:${Name}",
		"team/${ENV}/dockerhub",
	] {
		arn.may_be_secret(s)
	}
	every s in [
		"arn:aws:ssm:us-east-1:123456789012:parameter/dockerhub",
		"arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/dockerhub",
		"arn:aws:secretsmanager:us-east-1:123456789012:dockerhub",
		"arn:aws:secretsmanager:${REGION}:12345:secret:dockerhub",
		"s3://bucket/creds.json",
		"my secret",
		"my secret ${X}",
		"abc$def",
		42,
	] {
		not arn.may_be_secret(s)
	}
}
