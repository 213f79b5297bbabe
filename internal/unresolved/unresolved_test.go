package unresolved

import (
	"strings"
	"testing"
)

// h is Hole, short for the expected masks below.
const h = Hole

// TestSyntaxes runs every placeholder syntax deploy tools write into task
// definitions, and values that only look like one, through the predicate
// and the mask.
func TestSyntaxes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, mask string // mask == in: no placeholder
	}{
		// Go templates, Jinja, Handlebars, CloudFormation dynamic references.
		{"{{ .Env.TAG }}", h},
		{"{{ must_env `X` }}", h},
		{"{{x}}", h},
		{"{{{ x }}}", h},
		{"{{- .Values.image -}}", h},
		{"{% if prod %}", h},
		{`{{ ssm "/app/db/password" }}`, h},
		{"{{resolve:secretsmanager:db:SecretString:password}}", h},
		{"{{ECR_REGISTRY}}/{{APP}}:latest", h + "/" + h + ":latest"},
		{"{{ tfstate `aws_ecr_repository.all['app'].repository_url` }}:{{ must_env `TAG` }}", h + ":" + h},
		// Shell and envsubst.
		{"$VAR", h},
		{"${VAR}", h},
		{"${VAR:-default}", h},
		{"${VAR:-${OTHER}}", h},
		{"$IMAGE_TAG", h},
		{"app:$TAG", "app:" + h},
		{"123456789012.dkr.ecr.$REGION.amazonaws.com/app", "123456789012.dkr.ecr." + h + ".amazonaws.com/app"},
		{"arn:aws:iam::$ACCOUNT_ID:role/app", "arn:aws:iam::" + h + ":role/app"},
		{"postgres://app:$DB_PASSWORD@db/x", "postgres://app:" + h + "@db/x"},
		{"--port=$1", "--port=" + h},
		{"exec app --password $1", "exec app --password " + h}, // a shell positional parameter
		{"$(ecs_task_id)", h},
		{"/aws/ecs/containerinsights/$(ecs_cluster)/application", "/aws/ecs/containerinsights/" + h + "/application"},
		{"$(Build.BuildId)", h},
		// The canonical unknown value and partly known strings.
		{Unknown("var.image"), h},
		{Unknown("AWS::AccountId") + ".dkr.ecr." + Unknown("AWS::Region") + ".amazonaws.com/app:1.2", h + ".dkr.ecr." + h + ".amazonaws.com/app:1.2"},
		{"arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:db", "arn:aws:secretsmanager:" + h + ":" + h + ":secret:db"},
		// Documentation and replace-token styles.
		{"<PLACEHOLDER>", h},
		{"<your-account-id>", h},
		{"arn:aws:iam::<aws_account_id>:role/app", "arn:aws:iam::" + h + ":role/app"},
		{"<task role ARN>", h},
		{"#{Octopus.Action.Package.Version}", h},
		{"#{TOKEN}#", h},
		{"__TOKEN__", h},
		{"__Build.BuildId__", h},
		{"app:__BUILD_NUMBER__", "app:" + h},
		{"%VAR%", h},
		{"%USERPROFILE%\\app", h + "\\app"},
		{"@@VAR@@", h},
		{"$$$TEST_REGION$$$", h},
		{"$$$$IMAGE$$$$", h},
		{"credentialspec:arn:aws:s3:::$$$TEST_S3_BUCKET$$$/gmsa.json", "credentialspec:arn:aws:s3:::" + h + "/gmsa.json"},
		{"%{ if x }a%{ endif }", h + "a" + h},
		{"<%= ENV['TAG'] %>", h},
		{"%s", h},
		{"%-10d", h},
		{h, h},
		{"a" + h + "b", "a" + h + "b"},
		// Look-alikes: literal values.
		{"", ""},
		{"  ", "  "},
		{"nginx:1.27", "nginx:1.27"},
		{"Pa$sw0rd", "Pa$sw0rd"},
		{"P@$$w0rd", "P@$$w0rd"},
		{"pa$$word", "pa$$word"},
		{"hunter2$", "hunter2$"},
		{"x!$Abc9", "x!$Abc9"},
		{"S3cr3t$Pass", "S3cr3t$Pass"},
		{`{"log": "{}", "a": {"b": {}}}`, `{"log": "{}", "a": {"b": {}}}`},
		{"{}", "{}"},
		{`{"a":{"b":1}}`, `{"a":{"b":1}}`},
		{"{{ unclosed", "{{ unclosed"},
		{"${unclosed", "${unclosed"},
		{"${}", "${}"},
		{"100%", "100%"},
		{"50%-75%", "50%-75%"},
		{"p%ss%word", "p%ss%word"},
		{"a%20b", "a%20b"},
		{"user@example.com", "user@example.com"},
		{"__init__.py", "__init__.py"},
		{"MY__VAR__X", "MY__VAR__X"},
		{"snake_case_name", "snake_case_name"},
		{"^(?<time>[^ ]*) (?P<level>\\w+)", "^(?<time>[^ ]*) (?P<level>\\w+)"},
		{"a < b > c", "a < b > c"},
		{"P<ss>word", "P<ss>word"},
		{"cat <<EOF", "cat <<EOF"},
		{"echo '<html> <head> <title>x</title></head></html>'", "echo '<html> <head> <title>x</title></head></html>'"},
		{"#1", "#1"},
		{"#!/bin/sh", "#!/bin/sh"},
		{"{%", "{%"},
	} {
		got := Mask(tc.in)
		if got != tc.mask {
			t.Errorf("Mask(%q) = %q, want %q", tc.in, got, tc.mask)
		}
		if want := tc.mask != tc.in || strings.Contains(tc.in, Hole); Contains(tc.in) != want {
			t.Errorf("Contains(%q) = %v, want %v", tc.in, !want, want)
		}
	}
}

func TestUnknownIsUnresolved(t *testing.T) {
	t.Parallel()
	for _, desc := range []string{"var.image", "Fn::GetAtt TaskRole.Arn", "AWS::AccountId", "", "a{b}c", "Fn::Sub ${X}"} {
		u := Unknown(desc)
		if Mask(u) != Hole {
			t.Errorf("Mask(Unknown(%q)) = %q, want one hole", desc, Mask(u))
		}
	}
	if got := Unknown(" var.image "); got != "${var.image}" {
		t.Errorf("Unknown = %q", got)
	}
}

// A mask read again finds its holes and nothing else for ordinary values
// (nested brackets of different kinds may pair up around a hole).
func TestMaskIsIdempotent(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"{{a}}/b:${c}", "<x>", "plain", "$0%A% 000", "%A%%B%", "${A}__B__"} {
		m := Mask(s)
		if Mask(m) != m {
			t.Errorf("Mask(Mask(%q)) = %q, want %q", s, Mask(m), m)
		}
	}
}

func TestIntrinsicKey(t *testing.T) {
	t.Parallel()
	for k, want := range map[string]bool{"Ref": true, "Fn::GetAtt": true, "Fn::Sub": true, "Reference": false, "name": false} {
		if IntrinsicKey(k) != want {
			t.Errorf("IntrinsicKey(%q) = %v", k, !want)
		}
	}
}

func FuzzMask(f *testing.F) {
	for _, s := range []string{"{{a}}", "${a:-${b}}", "$$$A$$$", "<a>", "__A__", "%A%", "@@A@@", "#{a}#", "$(a)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := Mask(s)
		if Contains(s) != (m != s || strings.Contains(s, Hole)) {
			t.Fatalf("Contains(%q) disagrees with Mask = %q", s, m)
		}
		if !Contains(s) && strings.Contains(m, Hole) {
			t.Fatalf("hole without placeholder in %q", s)
		}
	})
}

// benchValues are the strings of a typical task definition: most hold no
// placeholder at all.
var benchValues = []string{
	"web", "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2", "arn:aws:iam::123456789012:role/web-task",
	"LOG_LEVEL", "info", "DATABASE_HOST", "db.internal", "/ecs/web", "us-east-1", "awslogs", "ecs",
	"{{ must_env `IMAGE` }}", "${AWS_REGION}", "/var/lib/app_data", "CMD-SHELL", "curl -f http://localhost/ || exit 1",
}

func BenchmarkContains(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchValues {
			Contains(s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(benchValues)), "ns/value")
}

func BenchmarkMask(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchValues {
			Mask(s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(benchValues)), "ns/value")
}

// BenchmarkUnclosed is the worst case the span bound exists for: a long
// value of unclosed openers.
func BenchmarkUnclosed(b *testing.B) {
	s := strings.Repeat("${{{$(#{", 1<<14)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Mask(s)
	}
}
