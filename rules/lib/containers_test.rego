package ecslint.lib.containers_test

import data.ecslint.lib.containers

# label, names

test_label if {
	containers.label({"name": "web"}, 0) == "web"
	containers.label({"image": "nginx"}, 2) == "#2"
	containers.label({"name": {"Ref": "Name"}}, 1) == "#1"
	containers.label({"name": ""}, 3) == "#3"
}

test_is_concrete_name if {
	containers.is_concrete_name("web")
	not containers.is_concrete_name("")
	not containers.is_concrete_name("  ")
	not containers.is_concrete_name("${name}")
	not containers.is_concrete_name("{{ .Name }}")
	not containers.is_concrete_name("$$$NAME$$$")
	not containers.is_concrete_name(42)
	not containers.is_concrete_name(null)
}

test_has_placeholder_name if {
	containers.has_placeholder_name({"containerDefinitions": [{"name": "web"}, {"name": "${sidecar}"}]})
	containers.has_placeholder_name({"containerDefinitions": [{"image": "nginx"}]})
	not containers.has_placeholder_name({"containerDefinitions": [{"name": "web"}, {"name": "log"}]})
}

test_has_health_check if {
	containers.has_health_check({"healthCheck": {"command": ["CMD", "true"]}})
	not containers.has_health_check({"name": "web"})
	not containers.has_health_check({"healthCheck": null})
}

test_number if {
	containers.number(80) == 80
	containers.number("80") == 80
	containers.number(" 8080 ") == 8080
	not containers.number("${PORT}")
	not containers.number(null)
	not containers.number({"Ref": "Port"})
}

test_uses_awslogs if {
	containers.uses_awslogs({"logConfiguration": {"logDriver": "awslogs"}})
	not containers.uses_awslogs({"logConfiguration": {"logDriver": "awsfirelens"}})
	not containers.uses_awslogs({"name": "web"})
}

# secret references

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
		containers.is_secret_reference(s)
		not containers.secret_reference_problem(s)
	}
}

test_secret_reference_unresolved_is_not_judged if {
	every s in [
		"",
		"${aws_secretsmanager_secret.db.arn}:password::",
		"{{ssm-cwagent-config}}",
		"$$$SECRET_VALUE_FROM$$$",
		"arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}",
		"arn:aws:ssm:<region>:<account-id>:parameter/app",
		{"Ref": "DbSecret"},
		null,
	] {
		not containers.secret_reference_problem(s)
		not containers.is_secret_reference(s)
	}
}

test_secret_reference_problems if {
	contains(containers.secret_reference_problem("arn:aws:s3:::my-bucket/secrets.env"), "service \"s3\"")
	contains(containers.secret_reference_problem("arn:aws:kms:us-east-1:123456789012:key/1234abcd"), "service \"kms\"")
	contains(containers.secret_reference_problem("arn:amazon:secretsmanager:us-east-1:123456789012:secret:db"), "partition")
	contains(containers.secret_reference_problem("arn:aws:secretsmanager:us-east-1:123456789012"), "well-formed")
	contains(containers.secret_reference_problem("arn:aws:secretsmanager::123456789012:secret:db"), "Region")
	contains(containers.secret_reference_problem("arn:aws:ssm:us-east-1:12345:parameter/db"), "12 digits")
	contains(containers.secret_reference_problem("arn:aws:ssm:us-east-1::parameter/db"), "12 digits")
	contains(containers.secret_reference_problem("arn:aws:secretsmanager:us-east-1:123456789012:db-AbCdEf"), "does not name a secret")
	contains(containers.secret_reference_problem("arn:aws:secretsmanager:us-east-1:123456789012:secret:"), "invalid secret name")
	contains(containers.secret_reference_problem("arn:aws:secretsmanager:us-east-1:123456789012:secret:db:k:AWSCURRENT:id:extra"), "more than")
	contains(containers.secret_reference_problem("arn:aws:secretsmanager:us-east-1:123456789012:secret:db:k:AWSCURRENT:9f1e8d2c"), "both")
	contains(containers.secret_reference_problem("arn:aws:ssm:us-east-1:123456789012:db_password"), "parameter")
	contains(containers.secret_reference_problem("arn:aws:ssm:us-east-1:123456789012:parameter/"), "parameter")
	contains(containers.secret_reference_problem("s3://bucket/secret"), "neither")
	contains(containers.secret_reference_problem("my secret"), "neither")
	not containers.is_secret_reference("s3://bucket/secret")
}

test_secrets_manager_arn if {
	containers.secrets_manager_arn("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::") == {
		"partition": "aws",
		"region": "us-east-1",
		"account": "123456789012",
		"name": "db-AbCdEf",
		"json_key": "password",
		"version_stage": "",
		"version_id": "",
	}
	containers.secrets_manager_arn("arn:aws:secretsmanager:us-east-1:123456789012:secret:db").json_key == ""
	not containers.secrets_manager_arn("arn:aws:ssm:us-east-1:123456789012:parameter/db")
	not containers.secrets_manager_arn("db")
}

# _well_formed's startswith screen: other partitions still take the long
# expression, and "arn:aws..." strings it rejects still get their problem.
test_well_formed_screen if {
	not containers.secret_reference_problem("arn:aws-cn:ssm:cn-north-1:123456789012:parameter/db")
	not containers.secret_reference_problem("arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db-AbCdEf")
	contains(containers.secret_reference_problem("arn:awsx:ssm:us-east-1:123456789012:parameter/db"), "partition")
	contains(containers.secret_reference_problem("arn:aws:ssm:us-east-1:123456789012:db"), "parameter/name")
	not containers.secret_reference_problem("/prod/db/password")
}
