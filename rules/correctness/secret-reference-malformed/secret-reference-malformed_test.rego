package ecslint.rules.correctness["secret-reference-malformed_test"]

import data.ecslint.rules.correctness["secret-reference-malformed"] as rule

td(secrets, options) := {"kind": "TaskDefinition", "resource": {
	"family": "web",
	"executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
	"containerDefinitions": [
		{"name": "sidecar", "image": "envoy:1.30"},
		{
			"name": "web",
			"image": "nginx:1.27",
			"secrets": secrets,
			"logConfiguration": {"logDriver": "splunk", "options": {"splunk-url": "https://splunk.example.com:8088"}, "secretOptions": options},
		},
	],
}}

sm := "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf"

test_fail_s3_arn if {
	r := rule.report with input as td([{"name": "DB_PASSWORD", "valueFrom": "arn:aws:s3:::config-bucket/db.env"}], [])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "secrets", 0, "valueFrom"]
	contains(f.message, "\"web\"")
	contains(f.message, "\"DB_PASSWORD\"")
	contains(f.message, "\"s3\"")
	not contains(f.message, "config-bucket")
}

test_fail_secret_option if {
	r := rule.report with input as td([], [{"name": "splunk-token", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:splunk:token:AWSCURRENT:0b1c2d3e"}])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "logConfiguration", "secretOptions", 0, "valueFrom"]
	contains(f.message, "both version-stage and version-id")
}

test_fail_missing_value_from if {
	r := rule.report with input as td([{"name": "DB_PASSWORD"}], [])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "secrets", 0, "valueFrom"]
}

test_fail_not_a_name if {
	r := rule.report with input as td([{"name": "API_KEY", "valueFrom": "secretsmanager://prod/api-key"}], [])
	count(r) == 1
}

test_pass_every_partition_and_form if {
	r := rule.report with input as td(
		[
			{"name": "A", "valueFrom": sm},
			{"name": "B", "valueFrom": concat("", [sm, ":password::"])},
			{"name": "C", "valueFrom": "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf:username:AWSPREVIOUS:"},
			{"name": "D", "valueFrom": "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/prod/db"},
			{"name": "E", "valueFrom": "/prod/db/password"},
			{"name": "F", "valueFrom": "prod.db.password"},
			{"name": "G", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:partial"},
		],
		[{"name": "splunk-token", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/splunk-token"}],
	)
	count(r) == 0
}

test_pass_placeholders if {
	r := rule.report with input as td(
		[
			{"name": "A", "valueFrom": "${aws_secretsmanager_secret.db.arn}:password::"},
			{"name": "B", "valueFrom": "{{ssm-cwagent-config}}"},
			{"name": "C", "valueFrom": "$$$SECRET_VALUE_FROM$$$"},
			{"name": "D", "valueFrom": {"Ref": "DbSecret"}},
			{"name": "E", "valueFrom": ""},
			{"name": "F", "valueFrom": "arn:aws:secretsmanager:region:aws_account_id:secret:username_value-u9bH6K"},
		],
		[],
	)
	count(r) == 0
}

test_pass_no_secrets if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx"}]}}
	count(r) == 0
}

# _has_value_from: a present valueFrom counts whatever its value, as with
# object.keys; null is then left to secret_reference_problem (unresolved).
test_pass_null_value_from_is_present if {
	r := rule.report with input as td([{"name": "DB_PASSWORD", "valueFrom": null}, {"name": "X", "valueFrom": false}], [])
	count(r) == 0
}

# Fully templated references are unknown, partly templated ones are judged
# on their literal parts, literal ones as written.
test_templated_references if {
	every ref in [
		"{{ssm-cwagent-config}}", "$$$SECRET_VALUE_FROM$$$",
		"arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}",
		"arn:aws:ssm:ap-northeast-1:{{must_env `AWS_ACCOUNT_ID`}}:parameter/app/db",
	] {
		count(rule.report) == 0 with input as td([{"name": "S", "valueFrom": ref}], [])
	}
	every ref in ["arn:aws:s3:::${BUCKET}/secret.env", "arn:aws:secretsmanager:${REGION}:12345:secret:db", "arn:aws:s3:::bucket/secret.env"] {
		count(rule.report) == 1 with input as td([{"name": "S", "valueFrom": ref}], [])
	}
}

test_fail_container_definitions if {
	r := rule.report with input as {"kind": "ContainerDefinitions", "resource": {"containerDefinitions": [{"name": "web", "image": "x", "secrets": [{"name": "S", "valueFrom": "arn:aws:kms:us-east-1:123456789012:key/x"}]}]}}
	count(r) == 1
}
