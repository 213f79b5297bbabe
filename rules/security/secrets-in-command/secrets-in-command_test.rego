package ecslint.rules.security["secrets-in-command_test"]

import data.ecslint.rules.security["secrets-in-command"] as rule

# Credential-shaped test values are assembled, so the source holds none
# that a secret scanner would flag.
_github_token := concat("", ["gh", "p_", "abcdefghijklmnopqrstuvwxyz0123456789"])

_gitlab_token := concat("", ["gl", "pat-", "abcdefghij0123456789"])

_input(c) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": {"family": "app", "containerDefinitions": [
		{"name": "web", "image": "nginx:1.27", "command": ["nginx", "-g", "daemon off;"]},
		object.union({"name": "app", "image": "app:1"}, c),
	]},
	"related": {"services": [], "instanceRoles": []},
}

_one(c) := f if {
	r := rule.report with input as _input(c)
	count(r) == 1
	some f in r
}

# No finding may print the value it found.
_silent(f, value) if not contains(f.message, value)

test_fail_command_assignment if {
	f := _one({"command": ["sh", "-c", "export DB_PASSWORD=hunter2 && ./run"]})
	f.path == ["resource", "containerDefinitions", 1, "command", 2]
	contains(f.message, "command[2]")
	contains(f.message, "\"DB_PASSWORD\"")
	_silent(f, "hunter2")
}

test_fail_command_flag_and_value if {
	f := _one({"command": ["./server", "--api-key", "abc123def456"]})
	f.path == ["resource", "containerDefinitions", 1, "command", 2]
	contains(f.message, "\"--api-key\"")
	_silent(f, "abc123def456")
}

test_fail_entrypoint_url_with_password if {
	f := _one({"entryPoint": ["/bin/migrate", "-database", "postgres://app:hunter2@db:5432/orders"]})
	f.path == ["resource", "containerDefinitions", 1, "entryPoint", 2]
	contains(f.message, "URL with an embedded password")
	_silent(f, "hunter2")
}

test_fail_health_check_bearer if {
	f := _one({"healthCheck": {"command": ["CMD-SHELL", "curl -fs -H 'Authorization: Bearer abcdef0123456789XYZ' http://localhost/health || exit 1"]}})
	f.path == ["resource", "containerDefinitions", 1, "healthCheck", "command", 1]
	contains(f.message, "healthCheck.command[1]")
	_silent(f, "abcdef0123456789XYZ")
}

test_fail_command_access_key if {
	f := _one({"command": ["aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE"]})
	contains(f.message, "an AWS access key ID")
	_silent(f, "AKIAIOSFODNN7EXAMPLE")
}

test_fail_docker_label_value if {
	f := _one({"dockerLabels": {"com.example.team": "orders", "com.example.deploy-token": _gitlab_token}})
	f.path == ["resource", "containerDefinitions", 1, "dockerLabels", "com.example.deploy-token"]
	contains(f.message, "docker label \"com.example.deploy-token\"")
	_silent(f, "glpat-")
}

test_fail_docker_label_named_password if {
	f := _one({"dockerLabels": {"db.password": "changeme"}})
	f.path == ["resource", "containerDefinitions", 1, "dockerLabels", "db.password"]
	_silent(f, "changeme")
}

test_fail_docker_label_key_is_credential if {
	f := _one({"dockerLabels": {_github_token: "ci"}})
	contains(f.message, "has a key that holds a GitHub token")
	_silent(f, "ghp_")
}

test_fail_docker_label_value_with_assignment if {
	f := _one({"dockerLabels": {"com.example.args": "--db-user app --db-password hunter2"}})
	_silent(f, "hunter2")
}

test_fail_datadog_apikey_option if {
	opts := {"Name": "datadog", "Host": "http-intake.logs.datadoghq.com", "apikey": "0123456789abcdef0123456789abcdef", "dd_service": "web"}
	f := _one({"logConfiguration": {"logDriver": "awsfirelens", "options": opts}})
	f.path == ["resource", "containerDefinitions", 1, "logConfiguration", "options", "apikey"]
	contains(f.message, "logConfiguration option \"apikey\"")
	_silent(f, "0123456789abcdef")
}

test_fail_splunk_token_option if {
	opts := {"splunk-url": "https://splunk.example.com:8088", "splunk-token": "9f3e2d1c-4b5a-6978-8a9b-0c1d2e3f4a5b"}
	f := _one({"logConfiguration": {"logDriver": "splunk", "options": opts}})
	f.path == ["resource", "containerDefinitions", 1, "logConfiguration", "options", "splunk-token"]
	_silent(f, "9f3e2d1c")
}

test_fail_fluent_bit_http_passwd if {
	opts := {"Name": "loki", "http_user": "123456", "http_passwd": "glc_abcdef"}
	f := _one({"logConfiguration": {"logDriver": "awsfirelens", "options": opts}})
	f.path == ["resource", "containerDefinitions", 1, "logConfiguration", "options", "http_passwd"]
}

test_fail_several_locations if {
	r := rule.report with input as _input({
		"command": ["--password=hunter2"],
		"entryPoint": ["sh", "-c", "curl https://u:p4ss@x/"],
		"dockerLabels": {"api_key": "k3y-abc"},
		"logConfiguration": {"logDriver": "splunk", "options": {"splunk-token": "t0ken-abc"}},
	})
	count(r) == 4
}

test_pass_corpus_like_commands if {
	r := rule.report with input as _input({
		"command": ["sh", "-c", "if echo $SECRET_NAME | grep \"secretValue\"; then exit 42; else exit 1; fi"],
		"entryPoint": ["--model_base_path=s3://your-bucket-of-models/resnet50_neuron/", "--rest_api_port=9000"],
		"healthCheck": {"command": ["CMD-SHELL", "curl -f http://127.0.0.1:2020/api/v1/health || exit 1"]},
	})
	count(r) == 0
}

test_pass_references_and_placeholders if {
	r := rule.report with input as _input({
		"command": ["sh", "-c", "DB_PASSWORD=$(cat /run/secrets/db) ./run --token=$API_TOKEN --password-file /run/secrets/pw"],
		"entryPoint": ["./server", "--api-key", "${API_KEY}", "--password", "$DB_PASSWORD"],
		"dockerLabels": {"com.example.secret-arn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf", "token_url": "https://x/token"},
	})
	count(r) == 0
}

test_pass_firelens_secret_options if {
	r := rule.report with input as _input({"logConfiguration": {
		"logDriver": "awsfirelens",
		"options": {"Name": "datadog", "Host": "http-intake.logs.datadoghq.com", "TLS": "on", "AWS_Auth": "On", "http_user": "user_id"},
		"secretOptions": [{"name": "apikey", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dd-AbCdEf"}],
	}})
	count(r) == 0
}

test_pass_absent_fields if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"family": "app", "containerDefinitions": [{"name": "app", "image": "app:1"}]}}
	count(r) == 0
}

test_pass_malformed_fields if {
	r := rule.report with input as _input({
		"command": "export DB_PASSWORD=hunter2",
		"entryPoint": [null, 1, {"a": "b"}],
		"healthCheck": {"command": "CMD-SHELL"},
		"dockerLabels": ["db.password=changeme"],
		"logConfiguration": {"logDriver": "splunk", "options": "splunk-token=abc"},
	})
	count(r) == 0
}

test_pass_environment_is_not_checked_here if {
	r := rule.report with input as _input({"environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]})
	count(r) == 0
}

# Log routers send to HTTP endpoints with an API key in a header: a
# FireLens option carrying one is a credential in plain text.
test_fail_credential_header_in_log_option if {
	key := concat("", ["hcaik_01", "abcdefghij0123456789"])
	f := _one({"logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "http", "Host": "api.honeycomb.io", "Header": concat(" ", ["X-Honeycomb-Team", key])}}})
	f.path == ["resource", "containerDefinitions", 1, "logConfiguration", "options", "Header"]
	contains(f.message, "X-Honeycomb-Team")
	_silent(f, key)
}

test_fail_header_lists if {
	every header in [
		"DD-API-KEY 0123456789abcdef0123456789abcdef",
		"x-license-key=eu01xx0123456789abcdef0123456789abcdNRAL",
		"Authorization: Bearer abc123",
		"x-honeycomb-dataset=web,x-honeycomb-team=hcaik0123456789",
	] {
		f := _one({"logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "opentelemetry", "header": header}}})
		contains(f.message, "HTTP header")
	}
}

# Fully templated (unknown), partly templated (the literal parts decide),
# literal values in options and commands.
test_templated_values if {
	every c in [
		{"logConfiguration": {"logDriver": "awsfirelens", "options": {"Header": "X-Honeycomb-Team ${HONEYCOMB_KEY}"}}},
		{"logConfiguration": {"logDriver": "awsfirelens", "options": {"Header": "DD-API-KEY {{ must_env `DD_API_KEY` }}"}}},
		{"logConfiguration": {"logDriver": "awsfirelens", "options": {"apikey": "{{ .Env.DD_API_KEY }}"}}},
		{"command": ["sh", "-c", "DB_PASSWORD=$(cat /run/secrets/db) ./run"]},
		{"command": ["./run", "--password", "$1"]},
	] {
		count(rule.report) == 0 with input as _input(c)
	}
	every c in [
		{"logConfiguration": {"logDriver": "awsfirelens", "options": {"apikey": "0123456789abcdef"}}},
		{"logConfiguration": {"logDriver": "awsfirelens", "options": {"apikey": "{{ ssm `/dd/api_key` }}"}}},
		{"command": ["sh", "-c", "DB_PASSWORD=hunter2 ./run --host ${DB_HOST}"]},
	] {
		count(rule.report) == 1 with input as _input(c)
	}
}
