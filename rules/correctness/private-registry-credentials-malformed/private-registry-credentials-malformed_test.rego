package ecslint.rules.correctness["private-registry-credentials-malformed_test"]

import data.ecslint.rules.correctness["private-registry-credentials-malformed"] as rule

td(creds) := {
	"kind": "TaskDefinition",
	"resource": {
		"family": "web",
		"containerDefinitions": [
			{"name": "sidecar", "image": "public.ecr.aws/nginx/nginx:1"},
			{"name": "app", "image": "registry.example.com/app:1", "repositoryCredentials": creds},
		],
	},
}

test_fail_ssm_parameter_arn if {
	r := rule.report with input as td({"credentialsParameter": "arn:aws:ssm:us-east-1:123456789012:parameter/registry"})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "repositoryCredentials", "credentialsParameter"]
	contains(f.message, "\"app\"")
	not contains(f.message, "parameter/registry")
}

test_fail_s3_url if {
	r := rule.report with input as td({"credentialsParameter": "s3://bucket/creds.json"})
	count(r) == 1
}

test_fail_secret_arn_without_secret_prefix if {
	r := rule.report with input as td({"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:registry"})
	count(r) == 1
}

test_fail_missing_parameter if {
	r := rule.report with input as td({})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "repositoryCredentials", "credentialsParameter"]
}

test_pass_secret_arn if {
	r := rule.report with input as td({"credentialsParameter": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry-AbCdEf"})
	count(r) == 0
}

test_pass_other_partitions if {
	r := rule.report with input as td({"credentialsParameter": "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:team/registry"})
	count(r) == 0
}

test_pass_secret_name if {
	r := rule.report with input as td({"credentialsParameter": "team/registry_creds"})
	count(r) == 0
}

test_pass_placeholders if {
	every p in ["$$$REPOSITORY_CREDENTIALS$$$", "${SecretArn}", "{{ .Secret }}", "<SECRET_ARN>", "$SECRET_ARN", "", {"Ref": "Secret"}] {
		count(rule.report) == 0 with input as td({"credentialsParameter": p})
	}
}

test_pass_no_repository_credentials if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"containerDefinitions": [{"name": "a", "image": "nginx"}]}}
	count(r) == 0
}

# Fully templated: unknown; partly templated: judged on the literal parts;
# literal.
test_templated_parameters if {
	every p in ["{{ .Env.CREDS }}", "arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:registry", "team/${ENV}/registry"] {
		count(rule.report) == 0 with input as td({"credentialsParameter": p})
	}
	every p in ["arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/registry", "arn:aws:secretsmanager:${REGION}:12345:secret:registry", "my registry ${X}"] {
		count(rule.report) == 1 with input as td({"credentialsParameter": p})
	}
}
