package secrets

import (
	"strings"
	"testing"
)

// Credential-shaped values are assembled, so the source holds none that a
// secret scanner would flag.
var (
	githubPAT    = "github" + "_pat_" + "11ABCDEFG0123456789_abcdefghijklmnop"
	slackToken   = "xo" + "xb-" + "1234567890-abcdefghijkl"
	slackHook    = "https://hooks.slack.com/" + "services/T0001/B0001/abcdefghij123"
	stripeKey    = "sk" + "_live_" + "abcdefghijklmnop1234"
	gitlabToken  = "gl" + "pat-" + "abcdefghij0123456789"
	googleKey    = "AI" + "za" + "SyA-abcdefghijklmnopqrstuvwxyz01234"
	rsaKey       = "-----BEGIN RSA " + "PRIVATE KEY-----\nMIIE\n-----END RSA " + "PRIVATE KEY-----"
	opensshKey   = "-----BEGIN OPENSSH " + "PRIVATE KEY-----"
	honeycombKey = "hcaik_01" + "abcdefghij0123456789"
)

func TestNameTier(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"DB_PASSWORD": "strong", "dbPassword": "strong", "db.password2": "strong", "RABBITMQ_DEFAULT_PASS": "strong",
		"MYSQL_PWD": "strong", "JWT_SECRET_KEY": "strong", "SECRET_KEY_BASE": "strong", "apiKey": "strong",
		"splunk-token": "strong", "http_passwd": "strong", "AWS_ACCESS_KEY_ID": "strong", "ECS_ENGINE_AUTH_DATA": "strong",
		"Cloud_Auth": "weak", "GOOGLE_CREDENTIALS": "weak", "NEW_RELIC_LICENSE_KEY": "weak", "MINIO_ACCESS_KEY": "weak",
		"S3_KEY": "key",
		// Files, references and identifiers, not credentials.
		"PASSWORD_FILE": "", "SECRET_NAME": "", "SECRET_ARN": "", "SECRET_ID": "", "TOKEN_URL": "", "DB_PASSWORD_PATH": "",
		"KMS_KEY_ID": "", "JWT_KEY_ID": "", "TOKEN_TYPE": "", "PASSWORD_MIN_LENGTH": "", "POSTGRES_HOST_AUTH_METHOD": "",
		"AUTH_ENABLED": "", "BYPASS": "", "PWD": "", "PASSWORDLESS": "", "X_API_KEY_HEADER": "", "AWS_REGION": "",
	} {
		if got := NameTier(name); got != want {
			t.Errorf("NameTier(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestECS8Names(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{
		"AWS_ACCESS_KEY_ID": true, "AWS_SECRET_ACCESS_KEY": true, "ECS_ENGINE_AUTH_DATA": true,
		"aws_secret_access_key": true, "AWS_SESSION_TOKEN": false,
	} {
		if IsECS8Name(name) != want {
			t.Errorf("IsECS8Name(%q) = %v", name, !want)
		}
	}
}

func TestIsCandidate(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"hunter2", "password", "changeme", "12345678", "s3cr3t-Passw0rd", awsSecret, "Pa$sw0rd", "x!$y-z"} {
		if !IsCandidate(v) {
			t.Errorf("IsCandidate(%q) = false, want true", v)
		}
	}
	for _, v := range []string{
		"", "  ", "${DB_PASSWORD}", "{{ .Env.X }}", "$$$TOKEN$$$", "$(cat /run/x)", "#{Secret}", "<password>",
		"$DB_PASSWORD", "%DB_PASSWORD%", "%s", "__DB_PASSWORD__", "@@DB_PASSWORD@@", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
		"true", "False", "yes", "off", "none", "0", "8080", "3600", "/run/secrets/db", "./x", "~/x", `C:\secrets\db.txt`,
		"file:///etc/x", "https://auth.example.com/token", "redis://cache:6379", "********", "\uE000",
	} {
		if IsCandidate(v) {
			t.Errorf("IsCandidate(%q) = true, want false", v)
		}
	}
}

func TestHighEntropy(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"a8F3kL0qZ9xW2mN7", "0123456789abcdef0123456789abcdef", "9f3e2d1c-4b5a-6978-8a9b-0c1d2e3f4a5b"} {
		if !HighEntropy(v) {
			t.Errorf("HighEntropy(%q) = false", v)
		}
	}
	for _, v := range []string{
		"short1A", "averyveryverylongword", "my-auth-provider-name", "2023-11-01T00:00:00Z",
		"dev-abc123.us.auth0.com", "aaaaaaaa11111111", "a8F3kL0q Z9xW2mN7", "11111111-2222-3333-4444-555555555555",
	} {
		if HighEntropy(v) {
			t.Errorf("HighEntropy(%q) = true", v)
		}
	}
}

func TestFormatKind(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"AKIAIOSFODNN7EXAMPLE", "an AWS access key ID"},
		{"ASIAIOSFODNN7EXAMPLE", "an AWS access key ID"},
		{"key=AKIAIOSFODNN7EXAMPLE;", "an AWS access key ID"},
		{rsaKey, "a private key"},
		{opensshKey, "a private key"},
		{"postgres://app:s3cret@db:5432/orders", "a URL with an embedded password"},
		{"redis://:s3cret@cache:6379", "a URL with an embedded password"},
		{"https://api.example.com/v1?api_key=k3y123", "a URL with a credential in its query string"},
		{githubToken, "a GitHub token"},
		{githubPAT, "a GitHub token"},
		{slackToken, "a Slack token"},
		{slackHook, "a Slack webhook URL"},
		{stripeKey, "a Stripe live key"},
		{gitlabToken, "a GitLab token"},
		{googleKey, "a Google API key"},
		{"{{resolve:secretsmanager:db:SecretString:password}}", "a CloudFormation dynamic reference that resolves a Secrets Manager secret into the plain text"},
		{"Authorization: Bearer abcdef0123456789XYZ", "a bearer token"},
		{"Authorization: Basic dXNlcjpwYXNzd29yZA==", "HTTP basic credentials"},
		// Not credentials.
		{"AKIAIOSFODNN7EXAMPL", ""}, {"xAKIAIOSFODNN7EXAMPLE", ""}, {"ASIA_PACIFIC_REGION_1", ""},
		{"postgres://app@db:5432/orders", ""}, {"postgres://app:${DB_PASSWORD}@db/x", ""}, {"postgres://app:$DB_PASSWORD@db/x", ""},
		{"postgres://app:{{ .Env.PW }}@db/x", ""}, {"http://user@host:8080/x", ""}, {"git@github.com:org/repo.git", ""},
		{"https://x/login?token=${TOKEN}", ""}, {"https://x/?page=2&size=10", ""}, {"-----BEGIN CERTIFICATE-----", ""},
		{"ghp_short", ""}, {"Bearer authentication is required here", ""}, {"basic authentication enabled", ""},
		{"us-east-1", ""}, {"", ""},
	} {
		if got := FormatKind(tc.in); got != tc.want {
			t.Errorf("FormatKind(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEnvKindECS8(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		value any
		want  string // prefix
	}{
		{"AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "is an AWS credential variable"},
		{"AWS_SECRET_ACCESS_KEY", "${AWS_SECRET_ACCESS_KEY}", "is an AWS credential variable"},
		{"AWS_SECRET_ACCESS_KEY", map[string]any{"Fn::GetAtt": []any{"Key", "SecretAccessKey"}}, "is an AWS credential variable"},
		{"ECS_ENGINE_AUTH_DATA", "x", "is private registry authentication"},
		{"AWS_ACCESS_KEY_ID", "", ""},
		{"AWS_ACCESS_KEY_ID", nil, ""},
		{"AWS_SECRET_ACCESS_KEY", "arn:aws:secretsmanager:us-east-1:123456789012:secret:k-AbCdEf", ""},
	} {
		got := EnvKind(tc.name, tc.value)
		if tc.want == "" && got != "" || !strings.HasPrefix(got, tc.want) {
			t.Errorf("EnvKind(%q, %v) = %q, want %q...", tc.name, tc.value, got, tc.want)
		}
	}
}

// The common variable is settled before any detection runs: a name ending
// in no credential word with a short value or one without any format's
// fixed part. Only what the screen lets through is judged.
func TestEnvKindScreen(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, value any
		want        string
	}{
		{"LOG_LEVEL", "info", ""},
		{"QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/orders", ""},
		{"SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", ""},
		{"DB_PASSWORD", "x", "holds a plain-text password"},
		{"X", "AKIAIOSFODNN7EXAMPLE", "holds an AWS access key ID"},
		{"X", "postgres://app:hunter2@db:5432/x", "holds a URL with an embedded password"},
		{"X", githubToken, "holds a GitHub token"},
		{nil, "AKIAIOSFODNN7EXAMPLE", "holds an AWS access key ID"},
		{"X", map[string]any{"Ref": "Value"}, ""},
		// A token inside a longer value under a plain name is left alone:
		// the screen looks for token prefixes at the start only.
		{"GREETING", "hello " + githubToken, ""},
		{"DB_PASSWORD2", "hunter2", "holds a plain-text password"},
		{"DB_PASSWORD_FILE", "/run/secrets/db", ""},
		{"DB_PASSWORD", "Pa$sw0rd", "holds a plain-text password"},
		{"DB_PASSWORD", "<your-password>", ""},
		{"DB_PASSWORD", "@@DB_PASSWORD@@", ""},
	} {
		if got := EnvKind(tc.name, tc.value); got != tc.want {
			t.Errorf("EnvKind(%v, %v) = %q, want %q", tc.name, tc.value, got, tc.want)
		}
	}
}

// A deploy tool's template function that writes a secret store's value
// into the task definition: ecspresso's {{ ssm }} decrypts SecureString
// parameters. secretsmanager_arn writes an ARN, which is fine.
func TestTemplateFunctions(t *testing.T) {
	t.Parallel()
	const rendered = "is rendered from SSM Parameter Store by the template function {{ ssm }}"
	for _, tc := range []struct {
		name, value string
		found       bool
	}{
		{"DB_PASSWORD", `{{ ssm "/prod/db/password" }}`, true},
		{"DB_PASSWORD", "{{ ssm `/prod/db/password` }}", true},
		{"API_KEY", `{{ssm "/prod/app/key"}}`, true},
		{"APP_CONFIG", `{{ ssm "/prod/db/master_password" }}`, true},
		{"DATABASE_URL", `postgres://app:{{ ssm "/prod/db/password" }}@db/x`, true},
		// Configuration, not a credential.
		{"DB_HOST", `{{ ssm "/prod/db/host" }}`, false},
		{"DB_PASSWORD", `{{ must_env "DB_PASSWORD" }}`, false},
		{"DB_PASSWORD_ARN", `{{ secretsmanager_arn "prod/db" }}`, false},
		{"DB_PASSWORD", `{{ secretsmanager_arn "prod/db" }}`, false},
		{"DB_PASSWORD", `{{ tfstate "aws_ssm_parameter.db.arn" }}`, false},
	} {
		got := EnvKind(tc.name, tc.value)
		if found := strings.HasPrefix(got, rendered); found != tc.found {
			t.Errorf("EnvKind(%q, %q) = %q, want found %v", tc.name, tc.value, got, tc.found)
		}
		if strings.Contains(got, "/prod/") {
			t.Errorf("EnvKind(%q, %q) = %q names the parameter", tc.name, tc.value, got)
		}
	}
	if got := EntryKind("apikey", `{{ ssm "/dd/api_key" }}`); !strings.HasPrefix(got, rendered) {
		t.Errorf("EntryKind on a log option = %q", got)
	}
}

func TestPairKind(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, value any
		want        string
	}{
		{"DB_PASSWORD", "password", "holds a plain-text password"},
		{"MYSQL_ROOT_PASSWORD", "changeme", "holds a plain-text password"},
		{"JWT_SECRET", "dev", "holds a plain-text secret"},
		{"apikey", "0123456789abcdef", "holds a plain-text API key"},
		{"GITHUB_TOKEN", "abc", "holds a plain-text token"},
		{"TLS_PRIVATE_KEY", "abc", "holds a plain-text private key"},
		{"S3_KEY", awsSecret, "holds an AWS secret access key"},
		{"Cloud_Auth", "aB3dE5gH7jK9mN1pQ3sT", "holds a high-entropy value under a credential name"},
		{"ANY", githubToken, "holds a GitHub token"},
		{"Cloud_Auth", "elastic", ""}, {"AWS_Auth", "On", ""}, {"S3_KEY", "uploads/2023/11/file-0001.json", ""},
		{"MYSQL_ALLOW_EMPTY_PASSWORD", "yes", ""}, {"PASSWORD_FILE", "hunter2", ""}, {"DB_PASSWORD", "${DB_PASSWORD}", ""},
		{"http_user", "user_id", ""}, {nil, "hunter2", ""}, {"DB_PASSWORD", 1234, ""},
	} {
		if got := PairKind(tc.name, tc.value); got != tc.want {
			t.Errorf("PairKind(%v, %v) = %q, want %q", tc.name, tc.value, got, tc.want)
		}
	}
}

func TestTextKind(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"export DB_PASSWORD=hunter2; ./run", `sets "DB_PASSWORD" to a plain-text password`},
		{"--api-key=abc123", `sets "api-key" to a plain-text API key`},
		{"mysql --password 'hunter2' -h db", `sets "password" to a plain-text password`},
		{`{"password": "hunter2"}`, `sets "password" to a plain-text password`},
		{"curl -H 'Authorization: Bearer abcdef0123456789XYZ' http://x", "holds a bearer token"},
		{"aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE", "holds an AWS access key ID"},
		{"curl -fsu elastic:changeme http://localhost:9200 || exit 1", "passes a user:password to curl"},
		{"curl -f -u 'admin:s3cret' http://localhost/health", "passes a user:password to curl"},
		{"redis-server --requirepass hunter2", `sets "requirepass" to a plain-text password`},
		{"java -Djavax.net.ssl.keyStorePassword=hunter2 -jar app.jar", `sets "javax.net.ssl.keyStorePassword" to a plain-text password`},
		// Not credentials.
		{"echo $SECRET_NAME | grep secretValue", ""}, {"--token=$TOKEN", ""}, {"DB_PASSWORD=${DB_PASSWORD} ./run", ""},
		{"--password-stdin", ""}, {"docker login --username AWS --password-stdin", ""}, {"PASSWORD_FILE=/run/secrets/db ./run", ""},
		{"--model_base_path=s3://bucket/models/", ""}, {"curl -f http://127.0.0.1:2020/api/v1/health || exit 1", ""},
		{"MYSQL_ALLOW_EMPTY_PASSWORD=yes", ""}, {"sleep 5", ""},
		{`curl -f -u "admin:$ADMIN_PASSWORD" http://localhost/health`, ""}, {"docker run -u 1000:1000 image", ""},
		{"java -Djavax.net.ssl.trustStorePassword=changeit -jar app.jar", ""}, {"curl -fsSLu http://localhost:8080/health", ""},
	} {
		if got := TextKind(tc.in); got != tc.want {
			t.Errorf("TextKind(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Log routers send to HTTP endpoints with the API key in a header: a
// header list or a Header option carrying one is a credential in plain
// text, as an apikey option is.
func TestCredentialHeaders(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ key, value, want string }{
		{"Header", "X-Honeycomb-Team " + honeycombKey, `carries a credential in the HTTP header "X-Honeycomb-Team"`},
		{"header", "x-honeycomb-team: " + honeycombKey, `carries a credential in the HTTP header "x-honeycomb-team"`},
		{"headers", "x-honeycomb-dataset=app,x-honeycomb-team=" + honeycombKey, `carries a credential in the HTTP header "x-honeycomb-team"`},
		{"Header", "DD-API-KEY 0123456789abcdef0123456789abcdef", `carries a credential in the HTTP header "DD-API-KEY"`},
		{"Header", "X-License-Key eu01xx0123456789abcdef0123456789abcdNRAL", `carries a credential in the HTTP header "X-License-Key"`},
		{"Header", "Authorization Bearer abc123", `carries a credential in the HTTP header "Authorization"`},
		{"header", "Authorization: Bearer abcdef0123456789XYZ", "holds a bearer token"},
		{"Header", "X-Api-Key: k3y", `carries a credential in the HTTP header "X-Api-Key"`},
		// Filled in later, or no credential.
		{"Header", "X-Honeycomb-Team ${HONEYCOMB_KEY}", ""},
		{"Header", "DD-API-KEY {{ must_env `DD_API_KEY` }}", ""},
		{"Header", "Authorization Bearer $TOKEN", ""},
		{"Header", "Authorization: Bearer", ""},
		{"Header", "X-Honeycomb-Dataset app", ""},
		{"Header", "Content-Type application/json", ""},
		{"Format", `{"team": "x"}`, ""},
	} {
		if got := EntryKind(tc.key, tc.value); got != tc.want {
			t.Errorf("EntryKind(%q, %q) = %q, want %q", tc.key, tc.value, got, tc.want)
		}
	}
	if got := TextKind("curl -H 'X-Honeycomb-Team: " + honeycombKey + "' https://api.honeycomb.io/1/events/x"); got == "" {
		t.Error("a credential header in a command is not found")
	}
}

func TestFlagValueKind(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ flag, value, want string }{
		{"--password", "hunter2", `is a plain-text password passed to "--password"`},
		{"-token", "abc", `is a plain-text token passed to "-token"`},
		{"--password", "$DB_PASSWORD", ""}, {"--password", "$1", ""}, {"--password-file", "/run/secrets/db", ""},
		{"password", "hunter2", ""}, {"--port", "8080", ""},
	} {
		if got := FlagValueKind(tc.flag, tc.value); got != tc.want {
			t.Errorf("FlagValueKind(%q, %q) = %q, want %q", tc.flag, tc.value, got, tc.want)
		}
	}
}

func TestDisplayName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"DB_PASSWORD", `"DB_PASSWORD"`}, {"DB_PASSWORD=hunter2", ""}, {githubToken, ""},
	} {
		if got := DisplayName(tc.in); got != tc.want {
			t.Errorf("DisplayName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPlainScreens(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"--port", true}, {"wget -qO- http://127.0.0.1:2020/api/v1/health || exit 1", true},
		{"--password", false}, {"curl https://u:p4ss@example.com/", false}, {"curl --user admin:s3cret http://localhost/", false},
		{"X-Honeycomb-Team x", false},
	} {
		if got := PlainText(tc.s); got != tc.want {
			t.Errorf("PlainText(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
	for _, tc := range []struct {
		k, v string
		want bool
	}{
		{"com.example.team", "orders", true}, {"apikey", "x", false}, {"url", "https://u:p4ss@example.com/", false},
	} {
		if got := PlainPair(tc.k, tc.v); got != tc.want {
			t.Errorf("PlainPair(%q, %q) = %v, want %v", tc.k, tc.v, got, tc.want)
		}
	}
}
