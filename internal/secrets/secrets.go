// Package secrets finds credentials written as plain text in container
// settings: environment variables, Docker labels, log driver options and
// free-text arguments (command, entryPoint, health check).
//
// It is the engine of the Rego library data.ecslint.lib.secrets, which
// exposes these functions to rules as builtins (see internal/engine). The
// checks ran in Rego before and were the most expensive thing the rule pack
// did: about 1.3 ms of a 3.3 ms evaluation per task definition, because
// every environment variable went through chains of function calls and
// regular expressions. Every function returns a phrase naming the kind of
// credential, never the value, so rules can put it in a message.
//
// Lengths are counted in Unicode code points, as Rego's count does.
package secrets

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ecslint/ecslint/internal/unresolved"
)

// Names are judged by how they end, in lower case, after trailing digits
// and separators are removed: DB_PASSWORD, dbPassword and db.password2 end
// with "password"; PASSWORD_FILE, SECRET_NAME, SECRET_ARN, TOKEN_URL,
// *_PATH and *_KEY_ID end with something else, so they name a file, a
// reference or an identifier, not the credential itself. Key IDs are
// identifiers, never credentials by name; an AWS access key ID is found by
// its format under any name.
const nameTrim = "0123456789_-. "

// strongSuffixes end names whose value is the credential itself: any
// literal value counts, including dummy ones ("password", "changeme"),
// because ECS starts the container with exactly that value.
var strongSuffixes = []string{
	"password", "passwd", "passphrase", "_pass", "-pass", ".pass", "_pwd", "-pwd", ".pwd",
	"secret", "secrets", "secret_key", "secretkey", "secret-key", "secret.key",
	"secret_key_base", "secretkeybase", "secret_access_key", "secretaccesskey", "secret-access-key",
	"private_key", "privatekey", "private-key", "private.key",
	"api_key", "apikey", "api-key", "api.key", "token", "tokens",
	"requirepass", "masterauth",
}

// weakSuffixes end names that often hold a credential but also hold
// configuration (AUTH=none, CREDENTIALS=default, MINIO_ACCESS_KEY=minioadmin):
// only a high-entropy value counts.
var weakSuffixes = []string{
	"auth", "credential", "credentials", "creds",
	"access_key", "accesskey", "access-key", "license_key", "licensekey", "license-key",
	"master_key", "masterkey", "signing_key", "signingkey", "encryption_key", "encryptionkey",
	"auth_key", "authkey", "session_key", "sessionkey",
}

// ecs8Names are the names Security Hub ECS.8 (AWS Config
// ecs-no-environment-secrets) forbids in environment, in lower case.
var ecs8Names = map[string]bool{"aws_access_key_id": true, "aws_secret_access_key": true, "ecs_engine_auth_data": true}

// IsECS8Name reports whether name is one of the ECS.8 names, without
// letter case.
func IsECS8Name(name string) bool { return ecs8Names[strings.ToLower(name)] }

func hasAnySuffix(s string, suffixes []string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, x := range prefixes {
		if strings.HasPrefix(s, x) {
			return true
		}
	}
	return false
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// lazyRegexp compiles an expression on first use: most runs (a service
// file, a task definition without suspicious values, ecslint version) need
// few of them, and compiling them all cost every process 0.5 ms.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// NameTier is "strong", "weak" or "key" (any other name ending in "key",
// judged only by the AWS secret access key format); "" for other names.
func NameTier(name string) string { return tier(strings.TrimRight(strings.ToLower(name), nameTrim)) }

func tier(n string) string {
	switch {
	case hasAnySuffix(n, strongSuffixes), ecs8Names[n]:
		return "strong"
	case hasAnySuffix(n, weakSuffixes):
		return "weak"
	case strings.HasSuffix(n, "key"):
		return "key"
	}
	return ""
}

// plainName holds for a lower-case name that is not an ECS.8 name and ends
// (after trailing digits and separators) in no credential word.
func plainName(l string) bool {
	if ecs8Names[l] {
		return false
	}
	n := strings.TrimRight(l, nameTrim)
	return !hasAnySuffix(n, strongSuffixes) && !hasAnySuffix(n, weakSuffixes) && !strings.HasSuffix(n, "key")
}

// noun is the word for the credential a strong name holds, for messages.
func noun(n string) string {
	switch {
	case strings.Contains(n, "private"):
		return "private key"
	case hasAnySuffix(n, []string{"api_key", "apikey", "api-key", "api.key"}):
		return "API key"
	case hasAnySuffix(n, []string{"token", "tokens"}):
		return "token"
	case strings.Contains(n, "secret"):
		return "secret"
	}
	return "password"
}

// --- Values that are not credentials ------------------------------------------

// IsCandidate reports whether v is worth judging as a credential: not
// empty, holding no placeholder (package unresolved), and not an ARN, a
// boolean, a small number, a file path, a URL (URLs that carry a password
// are found by FormatKind first) or a masked value.
func IsCandidate(v string) bool {
	s := strings.TrimSpace(v)
	return s != "" && !notSecret(s)
}

var notSecretWords = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "y": true, "n": true,
	"enabled": true, "disabled": true, "enable": true, "disable": true, "none": true, "null": true, "nil": true,
}

func notSecret(s string) bool {
	switch {
	case unresolved.Contains(s), strings.HasPrefix(s, "arn:"), notSecretWords[strings.ToLower(s)],
		strings.Contains(s, "://"), isPath(s), strings.Trim(s, "*") == "":
		return true
	}
	// Ports, counts, durations: at most 5 digits.
	return runes(s) <= 5 && strings.Trim(s, "0123456789") == ""
}

// isPath: an absolute, relative or home path, a file: URI or a Windows
// drive path (C:\x, C:/x). A 40-character value is left to the AWS secret
// key check, because base64 secrets may start with "/".
func isPath(s string) bool {
	if hasAnyPrefix(s, []string{"/", "./", "../", "~/", "file:"}) && !awsSecretShape(s) {
		return true
	}
	if runes(s) > 3 {
		r := []rune(s)
		if second := string(r[1:3]); second == ":\\" || second == ":/" {
			return true
		}
	}
	return false
}

// --- Entropy ------------------------------------------------------------------

// HighEntropy approximates a random value without computing a Shannon
// entropy (which the Rego version could not afford): 16 to 1024
// characters, no whitespace, letters and digits mixed, and at least 10
// distinct characters. A random 16-character base62 string has about 14
// distinct characters and almost always a digit; words, identifiers,
// versions, dates and placeholder UUIDs (11111111-2222-...) fail one of
// the tests, and hostnames (lower case, digits, dots and dashes with a dot)
// are excluded explicitly. Callers use it only under credential-like names.
func HighEntropy(s string) bool {
	n := runes(s)
	if n < 16 || n > 1024 || strings.ContainsAny(s, " \t\n") {
		return false
	}
	chars := map[rune]bool{}
	digit, other, hostname := false, false, true
	for _, r := range s {
		chars[r] = true
		switch {
		case '0' <= r && r <= '9':
			digit = true
		case strings.ContainsRune("-_./+=:~@!#$%^&*", r):
		default:
			other = true
		}
		if isHostnameChar := 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '.' || r == '-'; !isHostnameChar {
			hostname = false
		}
	}
	if len(chars) < 10 || !digit || !other {
		return false
	}
	isHostname := hostname && chars['.']
	return !isHostname
}

var awsSecretChars = lazyRegexp(`^[A-Za-z0-9/+]{40}$`)

// awsSecretShape: an AWS secret access key, 40 characters of base64
// (A-Z a-z 0-9 / +) with upper case, lower case and digits.
func awsSecretShape(s string) bool {
	return len(s) == 40 && awsSecretChars().MatchString(s) &&
		strings.ContainsAny(s, "0123456789") &&
		strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") &&
		strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz")
}

// --- Formats that are credentials under any name ------------------------------

var (
	// Every format is at least 16 characters long (the shortest is a URL
	// with a password, mysql://u:p@db/x), and holds one of these parts.
	formatPart        = lazyRegexp(`@|PRIVATE KEY|AKIA|ASIA|\?|\{\{resolve:secretsmanager:|(?i:bearer|basic)|gh[pousr]_|github_pat_|glpat-|xox[bpars]-|hooks\.slack\.com|[sr]k_live_|npm_|AIza|SG\.|sk-proj-|sk-ant-|hvs\.|pypi-AgE|shpat_|dop_v1_`)
	accessKeyID       = lazyRegexp(`(^|[^A-Za-z0-9])(AKIA|ASIA)[A-Z0-9]{16}([^A-Za-z0-9]|$)`)
	urlPassword       = lazyRegexp(`[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@'"]*:([^/\s@'"]+)@`)
	queryCredential   = lazyRegexp(`[?&]([A-Za-z0-9_.-]+)=([^&\s#'"]+)`)
	bearerToken       = lazyRegexp(`(?i)\bbearer\s+([A-Za-z0-9._~+/=-]{16,})`)
	basicCredentials  = lazyRegexp(`(?i)\bbasic\s+([A-Za-z0-9+/]{8,}={0,2})`)
	curlUserPassword  = lazyRegexp(`(?:^|\s)(?:-[A-Za-z]*u|--user)\s*['"]?[^\s:'"-][^\s:'"]*:([^\s'"/][^\s'"]*)`)
	assignment        = lazyRegexp(`(?:-D)?([A-Za-z_][A-Za-z0-9_.-]*)=("[^"]*"|'[^']*'|[^\s;&|'"]+)|"([A-Za-z_][A-Za-z0-9_.-]*)"\s*:\s*("[^"]*")|(?:^|\s)--?([A-Za-z][A-Za-z0-9_.-]*)\s+("[^"]+"|'[^']+'|[^\s;&|'"-][^\s;&|'"]*)`)
	tokenPrefixesList = []string{
		"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox",
		"https://hooks.slack.com/services/", "sk_live_", "rk_live_", "npm_", "AIza", "SG.",
		"sk-proj-", "sk-ant-", "hvs.", "pypi-AgE", "shpat_", "dop_v1_",
	}
)

// tokens are well-known token formats, each with a fixed part checked with
// strings.Contains before its expression runs, in the order reported when a
// string holds two.
var tokens = []struct {
	part, kind string
	re         func() *regexp.Regexp
}{
	{"ghp_", "a GitHub token", lazyRegexp(`(^|[^A-Za-z0-9_])ghp_[A-Za-z0-9]{36}`)},
	{"gho_", "a GitHub token", lazyRegexp(`(^|[^A-Za-z0-9_])gho_[A-Za-z0-9]{36}`)},
	{"ghu_", "a GitHub token", lazyRegexp(`(^|[^A-Za-z0-9_])ghu_[A-Za-z0-9]{36}`)},
	{"ghs_", "a GitHub token", lazyRegexp(`(^|[^A-Za-z0-9_])ghs_[A-Za-z0-9]{36}`)},
	{"ghr_", "a GitHub token", lazyRegexp(`(^|[^A-Za-z0-9_])ghr_[A-Za-z0-9]{36}`)},
	{"github_pat_", "a GitHub token", lazyRegexp(`(^|[^A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,}`)},
	{"glpat-", "a GitLab token", lazyRegexp(`(^|[^A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20,}`)},
	{"xox", "a Slack token", lazyRegexp(`(^|[^A-Za-z0-9_])xox[bpars]-[A-Za-z0-9]+-[A-Za-z0-9-]{8,}`)},
	{"hooks.slack.com/services/", "a Slack webhook URL", lazyRegexp(`hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]{8,}`)},
	{"k_live_", "a Stripe live key", lazyRegexp(`(^|[^A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{16,}`)},
	{"npm_", "an npm token", lazyRegexp(`(^|[^A-Za-z0-9_])npm_[A-Za-z0-9]{36}`)},
	{"AIza", "a Google API key", lazyRegexp(`(^|[^A-Za-z0-9_])AIza[0-9A-Za-z_-]{35}`)},
	{"SG.", "a SendGrid API key", lazyRegexp(`(^|[^A-Za-z0-9_])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`)},
	{"sk-proj-", "an OpenAI API key", lazyRegexp(`(^|[^A-Za-z0-9_])sk-proj-[A-Za-z0-9_-]{20,}`)},
	{"sk-ant-", "an Anthropic API key", lazyRegexp(`(^|[^A-Za-z0-9_])sk-ant-[A-Za-z0-9_-]{20,}`)},
	{"hvs.", "a HashiCorp Vault token", lazyRegexp(`(^|[^A-Za-z0-9_])hvs\.[A-Za-z0-9_-]{24,}`)},
	{"pypi-AgE", "a PyPI token", lazyRegexp(`(^|[^A-Za-z0-9_])pypi-AgE[A-Za-z0-9_-]{50,}`)},
	{"shpat_", "a Shopify token", lazyRegexp(`(^|[^A-Za-z0-9_])shpat_[a-fA-F0-9]{32}`)},
	{"dop_v1_", "a DigitalOcean token", lazyRegexp(`(^|[^A-Za-z0-9_])dop_v1_[a-f0-9]{64}`)},
}

// FormatKind is the kind of credential s contains, found by its format
// anywhere in the string: private key blocks, URLs with a password, AWS
// access key IDs, well-known token formats, CloudFormation secretsmanager
// dynamic references and HTTP Authorization credentials; "" when none.
func FormatKind(s string) string {
	if runes(s) < 16 || !formatPart().MatchString(s) {
		return ""
	}
	return format(s)
}

// valueFormatKind is FormatKind without its screening expression, for
// values already screened by noFormatPart.
func valueFormatKind(s string) string {
	if runes(s) < 16 {
		return ""
	}
	return format(s)
}

func format(s string) string {
	switch {
	case strings.Contains(s, "PRIVATE KEY") && strings.Contains(s, "-----BEGIN"):
		return "a private key"
	case strings.Contains(s, "@") && urlWithPassword(s):
		return "a URL with an embedded password"
	case accessKeyID().MatchString(s):
		return "an AWS access key ID"
	}
	if k := tokenKind(s); k != "" {
		return k
	}
	switch {
	case strings.Contains(s, "?") && urlWithQueryCredential(s):
		return "a URL with a credential in its query string"
	case strings.Contains(s, "{{resolve:secretsmanager:"):
		return "a CloudFormation dynamic reference that resolves a Secrets Manager secret into the plain text"
	}
	return authorizationKind(strings.ToLower(s), s)
}

// urlWithPassword: scheme://user:password@host with a literal password.
func urlWithPassword(s string) bool {
	for _, m := range urlPassword().FindAllStringSubmatch(s, -1) {
		if literalPart(m[1]) {
			return true
		}
	}
	return false
}

// urlWithQueryCredential: ?password=x, &api_key=x, ... under a strong name.
func urlWithQueryCredential(s string) bool {
	for _, m := range queryCredential().FindAllStringSubmatch(s, -1) {
		if NameTier(m[1]) == "strong" && literalPart(m[2]) {
			return true
		}
	}
	return false
}

// literalPart: part of a larger string (a URL password, a query value, an
// assignment) that holds no placeholder and is neither blank nor masked.
func literalPart(p string) bool {
	return !unresolved.Contains(p) && strings.Trim(p, "* ") != ""
}

func tokenKind(s string) string {
	for _, t := range tokens {
		if strings.Contains(s, t.part) && t.re().MatchString(s) {
			return t.kind
		}
	}
	return ""
}

// authorizationKind: Authorization: Bearer <token> with a high-entropy
// token; Basic <base64 of user:password>. l is s in lower case.
func authorizationKind(l, s string) string {
	if strings.Contains(l, "bearer") {
		for _, m := range bearerToken().FindAllStringSubmatch(s, -1) {
			if HighEntropy(m[1]) {
				return "a bearer token"
			}
		}
	}
	if strings.Contains(l, "basic") {
		for _, m := range basicCredentials().FindAllStringSubmatch(s, -1) {
			if dec, err := base64.StdEncoding.DecodeString(m[1]); err == nil && strings.Contains(string(dec), ":") {
				return "HTTP basic credentials"
			}
		}
	}
	return ""
}

// noFormatPart: a value with none of the fixed parts of any format, where
// a token would be the whole value.
func noFormatPart(v string) bool {
	for _, p := range []string{"@", "PRIVATE KEY", "AKIA", "ASIA", "?", "{{resolve:secretsmanager:"} {
		if strings.Contains(v, p) {
			return false
		}
	}
	if hasAnyPrefix(v, tokenPrefixesList) {
		return false
	}
	lv := strings.ToLower(v)
	return !strings.Contains(lv, "bearer") && !strings.Contains(lv, "basic")
}

// --- Environment variables ----------------------------------------------------

// EnvKind is the kind of credential an environment variable holds, as a
// phrase completing "environment variable X ...", or "". The ECS.8 names
// count whatever they hold except nothing, an empty string or an ARN: a
// template placeholder or a CloudFormation intrinsic still ends up as plain
// text in the registered task definition. Then the value's format under any
// name, then the name. name and value are the JSON values of the entry (a
// string, or anything else when the document holds something else).
func EnvKind(name, value any) string {
	n, nameOK := name.(string)
	v, valueOK := value.(string)
	if !nameOK {
		if valueOK {
			if k := valueFormatKind(v); k != "" {
				return "holds " + k
			}
		}
		return ""
	}
	l := strings.ToLower(n)
	// The common variable: a name ending in no credential word and a value
	// short or without any format's fixed part.
	if valueOK && plainName(l) && (runes(v) < 16 || noFormatPart(v)) && !strings.Contains(v, "{{") {
		return ""
	}
	switch {
	case l == "ecs_engine_auth_data" && ecs8Value(value):
		return "is private registry authentication that Security Hub ECS.8 forbids in environment; use repositoryCredentials"
	case (l == "aws_access_key_id" || l == "aws_secret_access_key") && ecs8Value(value):
		return "is an AWS credential variable that Security Hub ECS.8 forbids in environment; give the task a task role instead of access keys"
	}
	if !valueOK {
		return ""
	}
	if k := valueFormatKind(v); k != "" {
		return "holds " + k
	}
	if k := templateKind(l, v); k != "" {
		return k
	}
	return nameKind(l, v)
}

// ssmCall is ecspresso's {{ ssm "/name" }} template function (the name in
// double quotes or backquotes), which reads the parameter with decryption
// when the task definition is rendered.
var ssmCall = lazyRegexp("\\{\\{-?\\s*ssm\\s+(?:\"([^\"]*)\"|`([^`]*)`)")

// templateKind: a deploy tool's template function that resolves a secret
// store when the task definition is rendered and writes the value into
// it, where anyone allowed ecs:DescribeTaskDefinition reads it (ecspresso's
// ssm; its secretsmanager_arn returns an ARN, which belongs in secrets).
// The parameter may hold configuration, so it counts under a credential
// name (l, in lower case) or when the parameter's own name is one. A
// phrase completing "environment variable X ...", or "".
func templateKind(l, v string) string {
	if !strings.Contains(v, "ssm") {
		return ""
	}
	for _, m := range ssmCall().FindAllStringSubmatch(v, -1) {
		param := m[1] + m[2]
		if tier(strings.TrimRight(l, nameTrim)) != "" || NameTier(param[strings.LastIndex(param, "/")+1:]) != "" {
			return "is rendered from SSM Parameter Store by the template function {{ ssm }} when the task definition is deployed, " +
				"which writes the value (decrypted, for a SecureString) into the task definition as plain text; pass it with secrets (valueFrom)"
		}
	}
	return ""
}

func ecs8Value(v any) bool {
	if s, ok := v.(string); ok {
		t := strings.TrimSpace(s)
		return t != "" && !strings.HasPrefix(t, "arn:")
	}
	return v != nil
}

// --- Labels and log options ---------------------------------------------------

// PairKind is the kind of credential a name/value pair holds (a Docker
// label, a log driver option), as a phrase completing "label X ...": by the
// value's format under any name, then by the name; "" when none.
func PairKind(name, value any) string {
	v, ok := value.(string)
	if !ok {
		return ""
	}
	if k := FormatKind(v); k != "" {
		return "holds " + k
	}
	if n, ok := name.(string); ok {
		return nameKind(strings.ToLower(n), v)
	}
	return ""
}

// PlainPair holds for a label or log option that PairKind, TextKind on its
// value and FormatKind on its key find nothing in, settled cheaply: a name
// that is not a credential name, and a key and value that mention no
// credential word and are short or hold no fixed part of a format.
func PlainPair(name, value string) bool {
	return plainName(strings.ToLower(name)) && plainEntryText(name) && plainEntryText(value)
}

func plainEntryText(s string) bool {
	return noCredentialWord(strings.ToLower(s)) && (runes(s) < 16 || noFormatPart(s))
}

// nameKind judges a value by the name it is set under (l, in lower case). A
// Java trust store holds public CA certificates; its password (the
// well-known "changeit") protects nothing secret.
func nameKind(l, v string) string {
	if plainName(l) || strings.Contains(l, "truststore") {
		return ""
	}
	n := strings.TrimRight(l, nameTrim)
	t := tier(n)
	if t == "" {
		return ""
	}
	v = strings.TrimSpace(v)
	switch {
	case awsSecretShape(v):
		return "holds an AWS secret access key"
	case t == "strong" && IsCandidate(v):
		return "holds a plain-text " + noun(n)
	case t == "weak" && IsCandidate(v) && HighEntropy(v):
		return "holds a high-entropy value under a credential name"
	}
	return ""
}

// --- Free text ----------------------------------------------------------------

// noCredentialWord: every credential word of the suffix lists and every
// credential header contains one of these; curl may take a user:password.
func noCredentialWord(l string) bool {
	for _, w := range []string{"curl", "pass", "pwd", "secret", "token", "key", "auth", "cred", "honeycomb"} {
		if strings.Contains(l, w) {
			return false
		}
	}
	return true
}

// PlainText holds for a free-text string TextKind finds nothing in,
// settled cheaply: it mentions no credential word, and is shorter than any
// format or holds none of their fixed parts.
func PlainText(s string) bool {
	return noCredentialWord(strings.ToLower(s)) && (runes(s) < 16 || !formatPart().MatchString(s))
}

// TextKind is the kind of credential a free-text argument holds (a command
// or entryPoint argument, a health check command, a label or option value):
// a format anywhere in it, or an assignment (NAME=value, --name=value,
// "name": "value", --name value) to a credential name. A phrase completing
// "command[2] ...": "holds a GitHub token", "sets \"DB_PASSWORD\" to a
// plain-text password"; "" when none.
func TextKind(s string) string {
	if k := FormatKind(s); k != "" {
		return "holds " + k
	}
	// What follows reads names and values out of the text: on the mask, so
	// that a placeholder with spaces ($(cat /run/secret), {{ env "X" }}) is
	// one unknown value.
	s = unresolved.Mask(s)
	if strings.Contains(s, "curl") {
		for _, m := range curlUserPassword().FindAllStringSubmatch(s, -1) {
			if literalPart(m[1]) {
				return "passes a user:password to curl"
			}
		}
	}
	if noCredentialWord(strings.ToLower(s)) {
		return ""
	}
	if k := headerKind(s); k != "" {
		return k
	}
	for _, m := range assignment().FindAllStringSubmatch(s, -1) {
		name := firstNonEmpty(m[1], m[3], m[5])
		value := unquote(firstNonEmpty(m[2], m[4], m[6]))
		if !literalPart(value) {
			continue
		}
		if pk := nameKind(strings.ToLower(name), value); pk != "" {
			return fmt.Sprintf("sets %s to %s", safeName(name), strings.TrimPrefix(pk, "holds "))
		}
	}
	return ""
}

// credentialHeader is an HTTP header that carries a credential, as a log
// router's options (Fluent Bit's Header "X-Honeycomb-Team KEY", an
// OpenTelemetry header list "dd-api-key=KEY,x-other=v") or a command
// write it: the header, a ":", "=" or space, its value, and for
// Authorization the credential after the scheme.
var credentialHeader = lazyRegexp(`(?i)(?:^|[\s,;{"'])(authorization|proxy-authorization|x-honeycomb-team|dd-api-key|x-license-key|x-insert-key|x-api-key|api-key|x-auth-token|x-sf-token)\s*[:=\s]\s*([^\s,;"']+)(?:[ \t]+([^\s,;"']+))?`)

var authSchemes = map[string]bool{"bearer": true, "basic": true, "token": true, "digest": true, "apikey": true}

// headerKind: a credential header with a literal value ("Authorization:
// Bearer ${TOKEN}" is filled in later) in s, a mask. A phrase completing
// "logConfiguration option X ...", or "".
func headerKind(s string) string {
	for _, m := range credentialHeader().FindAllStringSubmatch(s, -1) {
		header, credential := m[1], m[2]
		if strings.HasSuffix(strings.ToLower(header), "authorization") {
			switch {
			case m[3] != "":
				credential = m[3] // after the scheme (Bearer, Basic, Token...)
			case authSchemes[strings.ToLower(credential)]:
				continue // a scheme without its credential
			}
		}
		if literalPart(credential) && IsCandidate(credential) {
			return fmt.Sprintf("carries a credential in the HTTP header %s", safeName(header))
		}
	}
	return ""
}

func firstNonEmpty(a, b, c string) string {
	switch {
	case a != "":
		return a
	case b != "":
		return b
	}
	return c
}

func unquote(v string) string {
	if runes(v) >= 2 && (strings.HasPrefix(v, `"`) || strings.HasPrefix(v, "'")) {
		r := []rune(v)
		return string(r[1 : len(r)-1])
	}
	return v
}

// safeName is a name taken from free text, quoted, when it is safe to show:
// at most 64 characters and not itself a credential.
func safeName(n string) string {
	if runes(n) <= 64 && FormatKind(n) == "" {
		return fmt.Sprintf("%q", n)
	}
	return "an argument"
}

// FlagValueKind is the kind of credential the value after a flag holds:
// --password hunter2 as two arguments. flag must be a whole argument
// starting with "-". "" when none.
func FlagValueKind(flag, value string) string {
	if !strings.HasPrefix(flag, "-") || strings.Contains(flag, "=") || strings.Contains(flag, " ") {
		return ""
	}
	l := strings.ToLower(strings.TrimLeft(flag, "-"))
	if plainName(l) {
		return ""
	}
	v := strings.TrimSpace(value)
	if !literalPart(v) {
		return ""
	}
	pk := nameKind(l, v)
	if pk == "" {
		return ""
	}
	return fmt.Sprintf("is %s passed to %s", strings.TrimPrefix(pk, "holds "), safeName(flag))
}

// DisplayName is a label, option or variable name quoted for a message, or
// "" when it is unsafe to show (a name that is itself a credential, or
// holds "=").
func DisplayName(n string) string {
	if runes(n) > 128 || strings.Contains(n, "=") || FormatKind(n) != "" {
		return ""
	}
	return fmt.Sprintf("%q", n)
}

// --- Whole fields -------------------------------------------------------------

// ArgumentKind is the kind of credential args[k] holds, as a phrase
// completing "command[k] ...": a credential in the argument itself, or
// the value after a credential flag (--password hunter2 as two
// arguments). args holds the JSON values of a command, entryPoint or
// health check command. "" when none.
func ArgumentKind(args []any, k int) string {
	if s, ok := args[k].(string); ok && !PlainText(s) {
		if kind := TextKind(s); kind != "" {
			return kind
		}
	}
	if k == 0 {
		return ""
	}
	flag, ok1 := args[k-1].(string)
	value, ok2 := args[k].(string)
	if !ok1 || !ok2 || !strings.HasPrefix(flag, "-") {
		return ""
	}
	return FlagValueKind(flag, value)
}

// EntryKind is the kind of credential a Docker label or log driver option
// holds, as a phrase completing "label X ...": the pair, an assignment or
// a format inside the value, or a key that is itself a credential. "" when
// none.
func EntryKind(key string, value any) string {
	v, isString := value.(string)
	if isString && PlainPair(key, v) {
		return ""
	}
	if isString {
		if k := templateKind(strings.ToLower(key), v); k != "" {
			return k
		}
	}
	if k := PairKind(key, value); k != "" {
		return k
	}
	if isString {
		if k := TextKind(v); k != "" {
			return k
		}
	}
	if k := PairKind(nil, key); k != "" {
		return "has a key that " + k
	}
	return ""
}
