package secrets

import (
	"strings"
	"testing"
)

// Credential-shaped values are assembled, so the source holds none that a
// secret scanner would flag.
var (
	githubToken = "gh" + "p_" + "abcdefghijklmnopqrstuvwxyz0123456789"
	awsKeyID    = "AKIA" + "IOSFODNN7EXAMPLE"
	awsSecret   = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY"
)

// The Rego tests under rules/ pin the behaviour rules rely on; these cover
// the Go-only edges: the screen before detection and code-point lengths.
func TestEnvKind(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  any
		value any
		want  string
	}{
		{"LOG_LEVEL", "info", ""},
		{"DB_PASSWORD", "hunter2", "holds a plain-text password"},
		{"db.password2", "hunter2", "holds a plain-text password"},
		{"DB_PASSWORD_FILE", "/run/secrets/db", ""},
		{"API_TOKEN", "${TOKEN}", ""},
		{"GITHUB", githubToken, "holds a GitHub token"},
		{"GREETING", "hello " + githubToken, ""}, // the screen checks token prefixes only
		{"X", awsKeyID, "holds an AWS access key ID"},
		{nil, awsKeyID, "holds an AWS access key ID"},
		{"AWS_ACCESS_KEY_ID", "", ""},
		{"AWS_ACCESS_KEY_ID", map[string]any{"Ref": "Key"}, "is an AWS credential variable that Security Hub ECS.8 forbids in environment; give the task a task role instead of access keys"},
		{"AWS_ACCESS_KEY_ID", "arn:aws:ssm:us-east-1:123456789012:parameter/k", ""},
		// Only the exact ECS.8 names count; trimmed, this one ends in "_id".
		{"aws_access_key_id2", "x", ""},
		{"S3_KEY", awsSecret, "holds an AWS secret access key"},
		{"MINIO_ACCESS_KEY", "minioadmin", ""},
		{"MINIO_ACCESS_KEY", "q7Zx9Lm2Kp4Rt8Wv", "holds a high-entropy value under a credential name"},
		{"TRUSTSTORE_PASSWORD", "changeit", ""},
		{"DB_PASSWORD", 42, ""},
	} {
		if got := EnvKind(tc.name, tc.value); got != tc.want {
			t.Errorf("EnvKind(%v, %v) = %q, want %q", tc.name, tc.value, got, tc.want)
		}
	}
}

func TestLengthsCountCodePoints(t *testing.T) {
	t.Parallel()
	// 15 code points, 30 bytes: too short for any format.
	if k := FormatKind(strings.Repeat("é", 14) + "@"); k != "" {
		t.Errorf("FormatKind of 15 code points = %q, want none", k)
	}
	if !HighEntropy("ä1b2c3d4e5f6g7h8") || HighEntropy("ä1b2c3d4e5f6g7h") {
		t.Error("HighEntropy counts bytes instead of code points")
	}
}

func TestTextAndFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		got, want string
	}{
		{TextKind("--db-password=hunter2"), `sets "db-password" to a plain-text password`},
		{TextKind("curl -u admin:s3cret http://localhost/"), "passes a user:password to curl"},
		{TextKind("curl -u admin:$PASS http://localhost/"), ""},
		{TextKind("--port=8080"), ""},
		{FlagValueKind("--password", "hunter2"), `is a plain-text password passed to "--password"`},
		{FlagValueKind("--password=x", "hunter2"), ""},
		{FlagValueKind("--log-level", "debug"), ""},
		{DisplayName("DB_PASSWORD"), `"DB_PASSWORD"`},
		{DisplayName("A=B"), ""},
		{PairKind("splunk-token", "0123abcd"), "holds a plain-text token"},
		{PairKind(nil, "Authorization: Basic "+"YWRtaW46c2VjcmV0"), "holds HTTP basic credentials"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if !PlainText("--port") || PlainText("--password") || !PlainPair("com.example.team", "orders") || PlainPair("apikey", "x") {
		t.Error("the cheap screens disagree with the detection")
	}
}

func BenchmarkEnvKind(b *testing.B) {
	vars := [][2]string{
		{"LOG_LEVEL", "info"}, {"QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/orders"},
		{"DB_PASSWORD", "hunter2"}, {"FEATURE_FLAGS", "checkout,search,recommendations"},
	}
	for b.Loop() {
		for _, v := range vars {
			EnvKind(v[0], v[1])
		}
	}
}
