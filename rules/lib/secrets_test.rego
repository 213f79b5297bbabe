package ecslint.lib.secrets_test

import data.ecslint.lib.secrets

# Credential-shaped test values are assembled, so the source holds none
# that a secret scanner would flag.
_github_token := concat("", ["gh", "p_", "abcdefghijklmnopqrstuvwxyz0123456789"])

_github_pat := concat("", ["github", "_pat_", "11ABCDEFG0123456789_abcdefghijklmnop"])

_slack_token := concat("", ["xo", "xb-", "1234567890-abcdefghijkl"])

_slack_webhook := concat("", ["https://hooks.slack.com/", "services/T0001/B0001/abcdefghij123"])

_stripe_key := concat("", ["sk", "_live_", "abcdefghijklmnop1234"])

_gitlab_token := concat("", ["gl", "pat-", "abcdefghij0123456789"])

_google_key := concat("", ["AI", "za", "SyA-abcdefghijklmnopqrstuvwxyz01234"])

_rsa_key := concat("", ["-----BEGIN RSA ", "PRIVATE KEY-----\nMIIE\n-----END RSA ", "PRIVATE KEY-----"])

_openssh_key := concat("", ["-----BEGIN OPENSSH ", "PRIVATE KEY-----"])

# --- Names --------------------------------------------------------------------

test_name_tiers if {
	secrets.name_tier("DB_PASSWORD") == "strong"
	secrets.name_tier("dbPassword") == "strong"
	secrets.name_tier("db.password2") == "strong"
	secrets.name_tier("RABBITMQ_DEFAULT_PASS") == "strong"
	secrets.name_tier("MYSQL_PWD") == "strong"
	secrets.name_tier("JWT_SECRET_KEY") == "strong"
	secrets.name_tier("SECRET_KEY_BASE") == "strong"
	secrets.name_tier("apiKey") == "strong"
	secrets.name_tier("splunk-token") == "strong"
	secrets.name_tier("http_passwd") == "strong"
	secrets.name_tier("AWS_ACCESS_KEY_ID") == "strong"
	secrets.name_tier("ECS_ENGINE_AUTH_DATA") == "strong"
	secrets.name_tier("Cloud_Auth") == "weak"
	secrets.name_tier("GOOGLE_CREDENTIALS") == "weak"
	secrets.name_tier("NEW_RELIC_LICENSE_KEY") == "weak"
	secrets.name_tier("MINIO_ACCESS_KEY") == "weak"
	secrets.name_tier("S3_KEY") == "key"
}

test_name_not_credential if {
	every n in [
		"PASSWORD_FILE", "SECRET_NAME", "SECRET_ARN", "SECRET_ID", "TOKEN_URL", "DB_PASSWORD_PATH",
		"KMS_KEY_ID", "JWT_KEY_ID", "TOKEN_TYPE", "PASSWORD_MIN_LENGTH", "POSTGRES_HOST_AUTH_METHOD",
		"AUTH_ENABLED", "BYPASS", "PWD", "PASSWORDLESS", "X_API_KEY_HEADER", "AWS_REGION",
	] {
		not secrets.name_tier(n)
	}
}

test_name_not_string if {
	not secrets.name_tier(null)
	not secrets.name_tier({"Ref": "Name"})
	not secrets.is_ecs8_name(null)
}

test_ecs8_names if {
	secrets.is_ecs8_name("AWS_ACCESS_KEY_ID")
	secrets.is_ecs8_name("AWS_SECRET_ACCESS_KEY")
	secrets.is_ecs8_name("ECS_ENGINE_AUTH_DATA")
	secrets.is_ecs8_name("aws_secret_access_key")
	not secrets.is_ecs8_name("AWS_SESSION_TOKEN")
}

# --- Values -------------------------------------------------------------------

test_candidate_literals if {
	every v in ["hunter2", "password", "changeme", "12345678", "s3cr3t-Passw0rd", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"] {
		secrets.is_candidate(v)
	}
}

test_not_candidate if {
	every v in [
		"", "  ", "${DB_PASSWORD}", "{{ .Env.X }}", "$$$TOKEN$$$", "$(cat /run/x)", "#{Secret}", "<password>",
		"$DB_PASSWORD", "%DB_PASSWORD%", "%s", "__DB_PASSWORD__", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
		"true", "False", "yes", "off", "none", "0", "8080", "3600", "/run/secrets/db", "./x", "~/x", "C:\\secrets\\db.txt",
		"file:///etc/x", "https://auth.example.com/token", "redis://cache:6379", "********",
	] {
		not secrets.is_candidate(v)
	}
	not secrets.is_candidate(null)
	not secrets.is_candidate(42)
	not secrets.is_candidate({"Ref": "DbPassword"})
}

test_high_entropy if {
	secrets.high_entropy("a8F3kL0qZ9xW2mN7")
	secrets.high_entropy("0123456789abcdef0123456789abcdef")
	secrets.high_entropy("9f3e2d1c-4b5a-6978-8a9b-0c1d2e3f4a5b")
}

test_not_high_entropy if {
	every v in [
		"short1A", "averyveryverylongword", "my-auth-provider-name", "2023-11-01T00:00:00Z",
		"dev-abc123.us.auth0.com", "aaaaaaaa11111111", "a8F3kL0q Z9xW2mN7", "11111111-2222-3333-4444-555555555555",
	] {
		not secrets.high_entropy(v)
	}
	not secrets.high_entropy(123)
}

# --- Formats ------------------------------------------------------------------

test_format_kinds if {
	secrets.format_kind("AKIAIOSFODNN7EXAMPLE") == "an AWS access key ID"
	secrets.format_kind("ASIAIOSFODNN7EXAMPLE") == "an AWS access key ID"
	secrets.format_kind("key=AKIAIOSFODNN7EXAMPLE;") == "an AWS access key ID"
	secrets.format_kind(_rsa_key) == "a private key"
	secrets.format_kind(_openssh_key) == "a private key"
	secrets.format_kind("postgres://app:s3cret@db:5432/orders") == "a URL with an embedded password"
	secrets.format_kind("redis://:s3cret@cache:6379") == "a URL with an embedded password"
	secrets.format_kind("https://api.example.com/v1?api_key=k3y123") == "a URL with a credential in its query string"
	secrets.format_kind(_github_token) == "a GitHub token"
	secrets.format_kind(_github_pat) == "a GitHub token"
	secrets.format_kind(_slack_token) == "a Slack token"
	secrets.format_kind(_slack_webhook) == "a Slack webhook URL"
	secrets.format_kind(_stripe_key) == "a Stripe live key"
	secrets.format_kind(_gitlab_token) == "a GitLab token"
	secrets.format_kind(_google_key) == "a Google API key"
	secrets.format_kind("{{resolve:secretsmanager:db:SecretString:password}}") == "a CloudFormation dynamic reference that resolves a Secrets Manager secret into the plain text"
	secrets.format_kind("Authorization: Bearer abcdef0123456789XYZ") == "a bearer token"
	secrets.format_kind("Authorization: Basic dXNlcjpwYXNzd29yZA==") == "HTTP basic credentials"
}

test_format_not_credential if {
	every v in [
		"AKIAIOSFODNN7EXAMPL", "xAKIAIOSFODNN7EXAMPLE", "ASIA_PACIFIC_REGION_1", "postgres://app@db:5432/orders",
		"postgres://app:${DB_PASSWORD}@db/x", "postgres://app:$DB_PASSWORD@db/x", "http://user@host:8080/x",
		"git@github.com:org/repo.git", "https://x/login?token=${TOKEN}", "https://x/?page=2&size=10",
		"-----BEGIN CERTIFICATE-----", "ghp_short", "Bearer authentication is required here",
		"basic authentication enabled", "us-east-1", "",
	] {
		not secrets.format_kind(v)
	}
	not secrets.format_kind(null)
	not secrets.format_kind(["AKIAIOSFODNN7EXAMPLE"])
}

# --- Pairs ----------------------------------------------------------------------

test_env_kind_ecs8_always if {
	startswith(secrets.env_kind("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"), "is an AWS credential variable")
	startswith(secrets.env_kind("AWS_SECRET_ACCESS_KEY", "${AWS_SECRET_ACCESS_KEY}"), "is an AWS credential variable")
	startswith(secrets.env_kind("AWS_SECRET_ACCESS_KEY", {"Fn::GetAtt": ["Key", "SecretAccessKey"]}), "is an AWS credential variable")
	startswith(secrets.env_kind("ECS_ENGINE_AUTH_DATA", "x"), "is private registry authentication")
}

test_env_kind_ecs8_empty_or_arn if {
	not secrets.env_kind("AWS_ACCESS_KEY_ID", "")
	not secrets.env_kind("AWS_ACCESS_KEY_ID", null)
	not secrets.env_kind("AWS_SECRET_ACCESS_KEY", "arn:aws:secretsmanager:us-east-1:123456789012:secret:k-AbCdEf")
}

test_pair_kinds if {
	secrets.pair_kind("DB_PASSWORD", "password") == "holds a plain-text password"
	secrets.pair_kind("MYSQL_ROOT_PASSWORD", "changeme") == "holds a plain-text password"
	secrets.pair_kind("JWT_SECRET", "dev") == "holds a plain-text secret"
	secrets.pair_kind("apikey", "0123456789abcdef") == "holds a plain-text API key"
	secrets.pair_kind("GITHUB_TOKEN", "abc") == "holds a plain-text token"
	secrets.pair_kind("TLS_PRIVATE_KEY", "abc") == "holds a plain-text private key"
	secrets.pair_kind("S3_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") == "holds an AWS secret access key"
	secrets.pair_kind("Cloud_Auth", "aB3dE5gH7jK9mN1pQ3sT") == "holds a high-entropy value under a credential name"
	secrets.pair_kind("ANY", _github_token) == "holds a GitHub token"
}

test_pair_not_credential if {
	not secrets.pair_kind("Cloud_Auth", "elastic")
	not secrets.pair_kind("AWS_Auth", "On")
	not secrets.pair_kind("S3_KEY", "uploads/2023/11/file-0001.json")
	not secrets.pair_kind("MYSQL_ALLOW_EMPTY_PASSWORD", "yes")
	not secrets.pair_kind("PASSWORD_FILE", "hunter2")
	not secrets.pair_kind("DB_PASSWORD", "${DB_PASSWORD}")
	not secrets.pair_kind("http_user", "user_id")
	not secrets.pair_kind(null, "hunter2")
	not secrets.pair_kind("DB_PASSWORD", 1234)
}

# --- Free text ------------------------------------------------------------------

test_text_kinds if {
	secrets.text_kind("export DB_PASSWORD=hunter2; ./run") == "sets \"DB_PASSWORD\" to a plain-text password"
	secrets.text_kind("--api-key=abc123") == "sets \"api-key\" to a plain-text API key"
	secrets.text_kind("mysql --password 'hunter2' -h db") == "sets \"password\" to a plain-text password"
	secrets.text_kind("{\"password\": \"hunter2\"}") == "sets \"password\" to a plain-text password"
	secrets.text_kind("curl -H 'Authorization: Bearer abcdef0123456789XYZ' http://x") == "holds a bearer token"
	secrets.text_kind("aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE") == "holds an AWS access key ID"
}

test_text_not_credential if {
	every s in [
		"echo $SECRET_NAME | grep secretValue", "--token=$TOKEN", "DB_PASSWORD=${DB_PASSWORD} ./run",
		"--password-stdin", "docker login --username AWS --password-stdin", "PASSWORD_FILE=/run/secrets/db ./run",
		"--model_base_path=s3://bucket/models/", "curl -f http://127.0.0.1:2020/api/v1/health || exit 1",
		"MYSQL_ALLOW_EMPTY_PASSWORD=yes", "sleep 5",
	] {
		not secrets.text_kind(s)
	}
	not secrets.text_kind(42)
}

test_flag_value_kind if {
	secrets.flag_value_kind("--password", "hunter2") == "is a plain-text password passed to \"--password\""
	secrets.flag_value_kind("-token", "abc") == "is a plain-text token passed to \"-token\""
	not secrets.flag_value_kind("--password", "$DB_PASSWORD")
	not secrets.flag_value_kind("--password-file", "/run/secrets/db")
	not secrets.flag_value_kind("password", "hunter2")
	not secrets.flag_value_kind("--port", "8080")
	not secrets.flag_value_kind("--password", null)
}

test_display_name if {
	secrets.display_name("DB_PASSWORD") == "\"DB_PASSWORD\""
	not secrets.display_name("DB_PASSWORD=hunter2")
	not secrets.display_name(_github_token)
	not secrets.display_name(null)
}

# The common variable is settled before any detection runs: a name ending
# in no credential word with a short value or one without any format's fixed
# part. Only what the screen lets through is judged.
test_env_kind_screen if {
	not secrets.env_kind("LOG_LEVEL", "info")
	not secrets.env_kind("QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/orders")
	not secrets.env_kind("SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf")
	secrets.env_kind("DB_PASSWORD", "x") == "holds a plain-text password"
	secrets.env_kind("X", "AKIAIOSFODNN7EXAMPLE") == "holds an AWS access key ID"
	secrets.env_kind("X", "postgres://app:hunter2@db:5432/x") == "holds a URL with an embedded password"
	secrets.env_kind("X", _github_token) == "holds a GitHub token"
	secrets.env_kind(null, "AKIAIOSFODNN7EXAMPLE") == "holds an AWS access key ID"
	not secrets.env_kind("X", {"Ref": "Value"})

	# A token inside a longer value under a plain name is left alone: the
	# screen looks for token prefixes at the start only.
	not secrets.env_kind("GREETING", concat(" ", ["hello", _github_token]))
	secrets.env_kind("DB_PASSWORD2", "hunter2") == "holds a plain-text password"
	not secrets.env_kind("DB_PASSWORD_FILE", "/run/secrets/db")
}

test_plain_text if {
	secrets.plain_text("--port")
	secrets.plain_text("wget -qO- http://127.0.0.1:2020/api/v1/health || exit 1")
	not secrets.plain_text("--password")
	not secrets.plain_text("curl https://u:p4ss@example.com/")
	not secrets.plain_text(1)
	secrets.plain_pair("com.example.team", "orders")
	not secrets.plain_pair("apikey", "x")
	not secrets.plain_pair("url", "https://u:p4ss@example.com/")
}

test_text_curl_user if {
	secrets.text_kind("curl -fsu elastic:changeme http://localhost:9200 || exit 1") == "passes a user:password to curl"
	secrets.text_kind("curl -f -u 'admin:s3cret' http://localhost/health") == "passes a user:password to curl"
	not secrets.text_kind("curl -f -u \"admin:$ADMIN_PASSWORD\" http://localhost/health")
	not secrets.text_kind("docker run -u 1000:1000 image")
	not secrets.plain_text("curl --user admin:s3cret http://localhost/")
}

test_redis_and_java_options if {
	secrets.text_kind("redis-server --requirepass hunter2") == "sets \"requirepass\" to a plain-text password"
	not secrets.text_kind("java -Djavax.net.ssl.trustStorePassword=changeit -jar app.jar")
	secrets.text_kind("java -Djavax.net.ssl.keyStorePassword=hunter2 -jar app.jar") == "sets \"javax.net.ssl.keyStorePassword\" to a plain-text password"
}

test_text_curl_url_is_not_user if {
	not secrets.text_kind("curl -fsSLu http://localhost:8080/health")
}
