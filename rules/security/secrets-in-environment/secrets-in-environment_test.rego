package ecslint.rules.security["secrets-in-environment_test"]

import data.ecslint.rules.security["secrets-in-environment"] as rule

# Credential-shaped test values are assembled, so the source holds none
# that a secret scanner would flag.
_github_token := concat("", ["gh", "p_", "abcdefghijklmnopqrstuvwxyz0123456789"])

_rsa_key_body := concat("", ["-----BEGIN RSA ", "PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA ", "PRIVATE KEY-----"])

_input(env) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": {"family": "app", "containerDefinitions": [
		{"name": "web", "image": "nginx:1.27", "environment": [{"name": "LOG_LEVEL", "value": "info"}]},
		{"name": "app", "image": "app:1", "environment": env},
	]},
	"related": {"services": [], "instanceRoles": []},
}

_one(env) := f if {
	r := rule.report with input as _input(env)
	count(r) == 1
	some f in r
}

# No finding may print the value it found.
_silent(f, value) if not contains(f.message, value)

test_fail_literal_password if {
	f := _one([{"name": "PORT", "value": "8080"}, {"name": "DB_PASSWORD", "value": "s3cr3t-Passw0rd"}])
	f.path == ["resource", "containerDefinitions", 1, "environment", 1, "value"]
	contains(f.message, "\"app\"")
	contains(f.message, "\"DB_PASSWORD\"")
	contains(f.message, "plain-text password")
	_silent(f, "s3cr3t-Passw0rd")
}

# A dummy password is still the password the container runs with.
test_fail_dummy_password if {
	f := _one([{"name": "MYSQL_ROOT_PASSWORD", "value": "password"}])
	f.path == ["resource", "containerDefinitions", 1, "environment", 0, "value"]
}

test_fail_aws_access_key_id_ecs8 if {
	f := _one([{"name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7EXAMPLE"}])
	contains(f.message, "ECS.8")
	_silent(f, "AKIAIOSFODNN7EXAMPLE")
}

test_fail_aws_secret_access_key_placeholder if {
	f := _one([{"name": "AWS_SECRET_ACCESS_KEY", "value": "${AWS_SECRET_ACCESS_KEY}"}])
	contains(f.message, "ECS.8")
}

test_fail_ecs_engine_auth_data_intrinsic if {
	f := _one([{"name": "ECS_ENGINE_AUTH_DATA", "value": {"Ref": "AuthData"}}])
	f.path == ["resource", "containerDefinitions", 1, "environment", 0, "value"]
}

test_fail_access_key_value_under_any_name if {
	f := _one([{"name": "S3_UPLOADER", "value": "AKIAIOSFODNN7EXAMPLE"}])
	contains(f.message, "an AWS access key ID")
	_silent(f, "AKIAIOSFODNN7EXAMPLE")
}

test_fail_aws_secret_key_shape if {
	f := _one([{"name": "MINIO_KEY", "value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}])
	contains(f.message, "AWS secret access key")
	_silent(f, "wJalrXUtnFEMI")
}

test_fail_private_key if {
	v := _rsa_key_body
	f := _one([{"name": "TLS_CERT_BUNDLE", "value": v}])
	contains(f.message, "a private key")
	_silent(f, "MIIEowIBAAKCAQEA")
}

test_fail_url_with_password if {
	f := _one([{"name": "DATABASE_URL", "value": "postgres://app:hunter2@db.internal:5432/orders"}])
	contains(f.message, "URL with an embedded password")
	_silent(f, "hunter2")
}

test_fail_github_token if {
	f := _one([{"name": "CI_HELPER", "value": _github_token}])
	contains(f.message, "GitHub token")
	_silent(f, "ghp_")
}

test_fail_high_entropy_under_weak_name if {
	f := _one([{"name": "GOOGLE_CREDENTIALS", "value": "aB3dE5gH7jK9mN1pQ3sT"}])
	contains(f.message, "high-entropy")
	_silent(f, "aB3dE5gH7jK9mN1pQ3sT")
}

test_fail_one_finding_per_variable if {
	r := rule.report with input as _input([
		{"name": "DB_PASSWORD", "value": "postgres://app:hunter2@db/x"},
		{"name": "API_TOKEN", "value": "t0k3n-abcdef"},
	])
	count(r) == 2
}

test_fail_unsafe_name_shown_by_position if {
	f := _one([{"name": "DB_PASSWORD=hunter2", "value": "AKIAIOSFODNN7EXAMPLE"}])
	contains(f.message, "environment variable #0")
	_silent(f, "hunter2")
}

test_fail_value_without_name if {
	f := _one([{"value": "AKIAIOSFODNN7EXAMPLE"}])
	contains(f.message, "#0")
}

test_pass_not_secret_names if {
	r := rule.report with input as _input([
		{"name": "PASSWORD_FILE", "value": "/run/secrets/db_password"},
		{"name": "SECRET_NAME", "value": "prod/orders/db"},
		{"name": "SECRET_ARN", "value": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"},
		{"name": "TOKEN_URL", "value": "https://auth.example.com/oauth2/token"},
		{"name": "KMS_KEY_ID", "value": "1234abcd-12ab-34cd-56ef-1234567890ab"},
		{"name": "DB_PASSWORD_PATH", "value": "/prod/db/password"},
		{"name": "MYSQL_ALLOW_EMPTY_PASSWORD", "value": "yes"},
		{"name": "MYSQL_RANDOM_ROOT_PASSWORD", "value": "1"},
		{"name": "POSTGRES_HOST_AUTH_METHOD", "value": "trust"},
		{"name": "AUTH", "value": "none"},
		{"name": "CREDENTIALS", "value": "default"},
	])
	count(r) == 0
}

test_pass_not_secret_values if {
	r := rule.report with input as _input([
		{"name": "DB_PASSWORD", "value": "${DB_PASSWORD}"},
		{"name": "API_KEY", "value": "{{ .Env.API_KEY }}"},
		{"name": "SECRET_KEY", "value": "<your-secret-key>"},
		{"name": "AUTH_TOKEN", "value": "$$$AUTH_TOKEN$$$"},
		{"name": "DB_PASSWORD", "value": "arn:aws:ssm:us-east-1:123456789012:parameter/db/password"},
		{"name": "REDIS_PASSWORD", "value": ""},
		{"name": "SMTP_PASSWORD", "value": "false"},
		{"name": "PASSWORD", "value": "0"},
		{"name": "DATABASE_URL", "value": "postgres://app@db:5432/orders"},
		{"name": "DATABASE_URL", "value": "postgres://app:${DB_PASSWORD}@db:5432/orders"},
	])
	count(r) == 0
}

test_pass_ecs8_name_empty_or_reference if {
	r := rule.report with input as _input([
		{"name": "AWS_ACCESS_KEY_ID", "value": ""},
		{"name": "AWS_SECRET_ACCESS_KEY", "value": "arn:aws:secretsmanager:us-east-1:123456789012:secret:aws-AbCdEf"},
		{"name": "ECS_ENGINE_AUTH_DATA"},
	])
	count(r) == 0
}

test_pass_absent_environment if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"family": "app", "containerDefinitions": [{"name": "app", "image": "app:1"}]}}
	count(r) == 0
}

test_pass_malformed_environment if {
	r := rule.report with input as _input(["DB_PASSWORD=hunter2", null, {"name": 1, "value": 2}])
	count(r) == 0
}

test_pass_secrets_are_not_environment if {
	td := {"family": "app", "containerDefinitions": [{
		"name": "app", "image": "app:1",
		"secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"}],
	}]}
	r := rule.report with input as {"kind": "TaskDefinition", "resource": td}
	count(r) == 0
}

# A deploy tool that renders a secret store's value into the task
# definition (ecspresso's {{ ssm }}): reported, naming the mechanism and the
# fix, never the parameter. secretsmanager_arn writes an ARN: fine.
test_fail_ssm_template_function if {
	f := _one([{"name": "DB_PASSWORD", "value": "{{ ssm `/prod/db/password` }}"}])
	contains(f.message, "{{ ssm }}")
	contains(f.message, "valueFrom")
	_silent(f, "/prod/db/password")
}

test_pass_template_functions_that_are_fine if {
	r := rule.report with input as _input([
		{"name": "DB_HOST", "value": "{{ ssm `/prod/db/host` }}"},
		{"name": "DB_SECRET_ARN", "value": "{{ secretsmanager_arn `prod/db` }}"},
		{"name": "DB_PASSWORD", "value": "{{ must_env `DB_PASSWORD` }}"},
	])
	count(r) == 0
}

# Fully templated (unknown), partly templated (the literal parts decide),
# literal values.
test_templated_values if {
	every env in [
		[{"name": "DB_PASSWORD", "value": "${DB_PASSWORD}"}],
		[{"name": "DATABASE_URL", "value": "postgres://app:{{ .Env.PW }}@db/x"}],
		[{"name": "API_TOKEN", "value": "tok-${SUFFIX}"}],
	] {
		count(rule.report) == 0 with input as _input(env)
	}
	every env in [
		[{"name": "DATABASE_URL", "value": "postgres://${DB_USER}:hunter2@db/x"}],
		[{"name": "DB_PASSWORD", "value": "Pa$sw0rd"}],
		[{"name": "DB_PASSWORD", "value": "hunter2"}],
	] {
		count(rule.report) == 1 with input as _input(env)
	}
}

test_fail_container_definitions if {
	r := rule.report with input as {"kind": "ContainerDefinitions", "resource": {"containerDefinitions": [{"name": "app", "image": "x", "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]}]}}
	count(r) == 1
}
