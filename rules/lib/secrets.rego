# METADATA
# title: Credential detection
# description: |
#   Whether an environment variable, a Docker label, a log driver option or a
#   free-text argument (command, entryPoint, health check) holds a
#   credential. The *_kind functions return a phrase naming the kind of
#   credential, never the value, so rules can put it in a message.
#
#   Cost: env_kind would run on every environment variable of every
#   container, so rules first call plain_env (plain_text, plain_pair for
#   free text and labels), one rule body of cheap builtins that settles the
#   common case; regular expressions run only on the few values that pass it.
#   Measured with opa bench on OPA 1.22: a user function call costs about
#   0.8 µs, an else branch 0.4 µs, contains or startswith 0.1 µs, a
#   strings.any_suffix_match over 50 literals 0.7 µs, a regex.match over an
#   alternation of twenty literals 3-5 µs, and reading a rule that holds a
#   constant list about 1.3 µs more per use than the list written out. So the
#   hot paths are single bodies of negated builtins over literal lists.
package ecslint.lib.secrets

# --- Names --------------------------------------------------------------------

# A name is judged by how it ends, in lower case, after trailing digits and
# separators are removed: DB_PASSWORD, dbPassword and db.password2 end with
# "password"; PASSWORD_FILE, SECRET_NAME, SECRET_ARN, TOKEN_URL, *_PATH and
# *_KEY_ID end with something else, so they name a file, a reference or an
# identifier, not the credential itself. Key IDs (KMS, JWT, the access key
# IDs of other services) are identifiers, never credentials by name; an AWS
# access key ID is found by its format under any name.
_norm(name) := trim_right(lower(name), "0123456789_-. ")

# Names whose value is the credential itself: any literal value counts,
# including dummy ones ("password", "changeme"), because ECS starts the
# container with exactly that value.
_strong_suffixes := [
	"password", "passwd", "passphrase", "_pass", "-pass", ".pass", "_pwd", "-pwd", ".pwd",
	"secret", "secrets", "secret_key", "secretkey", "secret-key", "secret.key",
	"secret_key_base", "secretkeybase", "secret_access_key", "secretaccesskey", "secret-access-key",
	"private_key", "privatekey", "private-key", "private.key",
	"api_key", "apikey", "api-key", "api.key", "token", "tokens",
	"requirepass", "masterauth",
]

# Names that often hold a credential but also hold configuration (AUTH=none,
# CREDENTIALS=default, MINIO_ACCESS_KEY=minioadmin): only a high-entropy
# value counts.
_weak_suffixes := [
	"auth", "credential", "credentials", "creds",
	"access_key", "accesskey", "access-key", "license_key", "licensekey", "license-key",
	"master_key", "masterkey", "signing_key", "signingkey", "encryption_key", "encryptionkey",
	"auth_key", "authkey", "session_key", "sessionkey",
]

# The names Security Hub ECS.8 (AWS Config ecs-no-environment-secrets)
# forbids in environment, compared without letter case.
is_ecs8_name(name) if {
	is_string(name)
	lower(name) in {"aws_access_key_id", "aws_secret_access_key", "ecs_engine_auth_data"}
}

# "strong", "weak" or "key" (any other name ending in "key", judged only by
# the AWS secret access key format); undefined for other names.
name_tier(name) := _tier(_norm(name)) if is_string(name)

_tier(n) := "strong" if {
	strings.any_suffix_match(n, _strong_suffixes)
} else := "strong" if {
	n in {"aws_access_key_id", "aws_secret_access_key", "ecs_engine_auth_data"}
} else := "weak" if {
	strings.any_suffix_match(n, _weak_suffixes)
} else := "key" if endswith(n, "key")

# A lower-case name that is not an ECS.8 name and ends in no credential word
# (_strong_suffixes, _weak_suffixes and "key", written out: this is the hot
# path; a test keeps the lists in step).
_plain_name(l) if {
	not l in {"aws_access_key_id", "aws_secret_access_key", "ecs_engine_auth_data"}
	not strings.any_suffix_match(trim_right(l, "0123456789_-. "), [
		"password", "passwd", "passphrase", "_pass", "-pass", ".pass", "_pwd", "-pwd", ".pwd",
		"secret", "secrets", "secret_key", "secretkey", "secret-key", "secret.key",
		"secret_key_base", "secretkeybase", "secret_access_key", "secretaccesskey", "secret-access-key",
		"private_key", "privatekey", "private-key", "private.key",
		"api_key", "apikey", "api-key", "api.key", "token", "tokens",
		"requirepass", "masterauth", "auth", "credential", "credentials", "creds",
		"access_key", "accesskey", "access-key", "license_key", "licensekey", "license-key",
		"master_key", "masterkey", "signing_key", "signingkey", "encryption_key", "encryptionkey",
		"auth_key", "authkey", "session_key", "sessionkey", "key",
	])
}

# The word for the credential a strong name holds, for messages.
_noun(n) := "private key" if {
	contains(n, "private")
} else := "API key" if {
	strings.any_suffix_match(n, ["api_key", "apikey", "api-key", "api.key"])
} else := "token" if {
	strings.any_suffix_match(n, ["token", "tokens"])
} else := "secret" if {
	contains(n, "secret")
} else := "password"

# --- Values that are not credentials ------------------------------------------

# A value worth judging as a credential: a non-empty string that is not a
# template placeholder, an ARN, a boolean, a small number, a file path, a URL
# (URLs that carry a password are found by format_kind first) or a masked
# value.
is_candidate(v) if {
	is_string(v)
	s := trim_space(v)
	s != ""
	not _not_secret(s)
}

_not_secret(s) if is_placeholder(s)

_not_secret(s) if startswith(s, "arn:")

_not_secret(s) if lower(s) in {
	"true", "false", "yes", "no", "on", "off", "y", "n",
	"enabled", "disabled", "enable", "disable", "none", "null", "nil",
}

_not_secret(s) if contains(s, "://")

# Ports, counts, durations: at most 5 digits.
_not_secret(s) if {
	count(s) <= 5
	trim(s, "0123456789") == ""
}

_not_secret(s) if _path(s)

# Masked in an export (********).
_not_secret(s) if trim(s, "*") == ""

# An absolute, relative or home path, a file: URI or a Windows drive path
# (C:\x, C:/x). A 40-character value is left to the AWS secret key check,
# because base64 secrets may start with "/".
_path(s) if {
	strings.any_prefix_match(s, ["/", "./", "../", "~/", "file:"])
	not _aws_secret_shape(s)
}

_path(s) if {
	count(s) > 3
	substring(s, 1, 2) in {":\\", ":/"}
}

# A value a template engine, a shell or an orchestrator fills in later: ${X},
# {{x}}, $$$X$$$, $(cmd), #{x}, <NAME>, $NAME, %NAME%, %s, __NAME__.
is_placeholder(s) if {
	is_string(s)
	_placeholder(s)
}

_placeholder(s) if contains(s, "${")

_placeholder(s) if contains(s, "{{")

_placeholder(s) if contains(s, "$$$")

_placeholder(s) if contains(s, "$(")

_placeholder(s) if contains(s, "#{")

_placeholder(s) if {
	startswith(s, "<")
	endswith(s, ">")
}

_placeholder(s) if {
	startswith(s, "$")
	regex.match(`^\$[A-Za-z_][A-Za-z0-9_]*$`, s)
}

_placeholder(s) if {
	startswith(s, "%")
	endswith(s, "%")
	count(s) > 2
}

# A printf verb filled in by the program that renders the definition (%s).
_placeholder(s) if {
	startswith(s, "%")
	regex.match(`^%[-+ #0-9.]*[sdvqxf]$`, s)
}

_placeholder(s) if {
	startswith(s, "__")
	endswith(s, "__")
	count(s) > 4
}

# --- Entropy ------------------------------------------------------------------

# Rego has no entropy builtin, and a Shannon entropy would need a frequency
# map and logarithms for every value. The approximation: at least 16
# characters, no whitespace, letters and digits mixed, and at least 10
# distinct characters (split into characters, collected in a set). A random
# 16-character base62 string has about 14 distinct characters and almost
# always a digit; words, identifiers, versions, dates and placeholder UUIDs
# (11111111-2222-...) fail one of the tests, and hostnames (lower case,
# digits, dots and dashes with a dot) are excluded explicitly. Hex tokens of
# 32 characters or more pass; 16-character hex strings pass about half the
# time, an accepted miss. Callers run it only under credential-like names.
high_entropy(s) if {
	is_string(s)
	count(s) >= 16
	count(s) <= 1024
	not contains(s, " ")
	not contains(s, "\t")
	not contains(s, "\n")
	chars := {c | some c in split(s, "")}
	count(chars) >= 10
	count(chars & {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}) > 0
	count(chars - {
		"0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
		"-", "_", ".", "/", "+", "=", ":", "~", "@", "!", "#", "$", "%", "^", "&", "*",
	}) > 0
	not _hostname(chars)
}

# Only lower-case letters, digits, dots and dashes, with a dot.
_hostname(chars) if {
	"." in chars
	count(chars - {
		"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
		"n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
		"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "-",
	}) == 0
}

# An AWS secret access key: 40 characters of base64 (A-Z a-z 0-9 / +) with
# upper case, lower case and digits.
_aws_secret_shape(s) if {
	count(s) == 40
	regex.match(`^[A-Za-z0-9/+]{40}$`, s)
	regex.match(`[0-9]`, s)
	regex.match(`[A-Z]`, s)
	regex.match(`[a-z]`, s)
}

# --- Formats that are credentials under any name ------------------------------

# The kind of credential s contains, found by its format anywhere in the
# string: private key blocks, URLs with a password, AWS access key IDs,
# well-known token formats, CloudFormation secretsmanager dynamic references
# and HTTP Authorization credentials. Undefined when none. Every format is at
# least 16 characters long (the shortest is a URL with a password,
# mysql://u:p@db/x), so shorter strings are never scanned; longer ones pass
# one expression alternating the formats' fixed parts before the checks of
# each format run.
format_kind(s) := k if {
	is_string(s)
	count(s) >= 16
	_has_format_part(s)
	k := _format(s)
}

_has_format_part(s) if regex.match(`@|PRIVATE KEY|AKIA|ASIA|\?|\{\{resolve:secretsmanager:|(?i:bearer|basic)|gh[pousr]_|github_pat_|glpat-|xox[bpars]-|hooks\.slack\.com|[sr]k_live_|npm_|AIza|SG\.|sk-proj-|sk-ant-|hvs\.|pypi-AgE|shpat_|dop_v1_`, s)

# format_kind without its gate, for environment values: callers check
# plain_env first, which tests the same fixed parts more cheaply.
value_format_kind(s) := k if {
	is_string(s)
	count(s) >= 16
	k := _format(s)
}

_format(s) := "a private key" if {
	contains(s, "PRIVATE KEY")
	contains(s, "-----BEGIN")
} else := "a URL with an embedded password" if {
	contains(s, "@")
	_url_with_password(s)
} else := "an AWS access key ID" if {
	regex.match(`(^|[^A-Za-z0-9])(AKIA|ASIA)[A-Z0-9]{16}([^A-Za-z0-9]|$)`, s)
} else := k if {
	k := _token_kind(s)
} else := "a URL with a credential in its query string" if {
	contains(s, "?")
	_url_with_query_credential(s)
} else := "a CloudFormation dynamic reference that resolves a Secrets Manager secret into the plain text" if {
	contains(s, "{{resolve:secretsmanager:")
} else := k if {
	k := _authorization_kind(lower(s), s)
}

# scheme://user:password@host with a literal password.
_url_with_password(s) if {
	some m in regex.find_all_string_submatch_n(`[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@'"]*:([^/\s@'"]+)@`, s, -1)
	_literal_part(m[1])
}

# ?password=x, &api_key=x, ... under a strong name.
_url_with_query_credential(s) if {
	some m in regex.find_all_string_submatch_n(`[?&]([A-Za-z0-9_.-]+)=([^&\s#'"]+)`, s, -1)
	name_tier(m[1]) == "strong"
	_literal_part(m[2])
}

# Part of a larger string (a URL password, a query value, an assignment):
# not a placeholder or a shell variable, not masked.
_literal_part(p) if {
	not is_placeholder(p)
	not startswith(p, "$")
	trim(p, "*") != ""
}

# Well-known token formats, each with a fixed prefix checked with contains
# before its expression runs. Kinds are listed in a fixed order so a string
# holding two formats reports the first.
_token_kind(s) := ks[0] if {
	ks := [p[1] |
		some p in [
			["ghp_", "a GitHub token", `(^|[^A-Za-z0-9_])ghp_[A-Za-z0-9]{36}`],
			["gho_", "a GitHub token", `(^|[^A-Za-z0-9_])gho_[A-Za-z0-9]{36}`],
			["ghu_", "a GitHub token", `(^|[^A-Za-z0-9_])ghu_[A-Za-z0-9]{36}`],
			["ghs_", "a GitHub token", `(^|[^A-Za-z0-9_])ghs_[A-Za-z0-9]{36}`],
			["ghr_", "a GitHub token", `(^|[^A-Za-z0-9_])ghr_[A-Za-z0-9]{36}`],
			["github_pat_", "a GitHub token", `(^|[^A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,}`],
			["glpat-", "a GitLab token", `(^|[^A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20,}`],
			["xox", "a Slack token", `(^|[^A-Za-z0-9_])xox[bpars]-[A-Za-z0-9]+-[A-Za-z0-9-]{8,}`],
			["hooks.slack.com/services/", "a Slack webhook URL", `hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]{8,}`],
			["k_live_", "a Stripe live key", `(^|[^A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{16,}`],
			["npm_", "an npm token", `(^|[^A-Za-z0-9_])npm_[A-Za-z0-9]{36}`],
			["AIza", "a Google API key", `(^|[^A-Za-z0-9_])AIza[0-9A-Za-z_-]{35}`],
			["SG.", "a SendGrid API key", `(^|[^A-Za-z0-9_])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`],
			["sk-proj-", "an OpenAI API key", `(^|[^A-Za-z0-9_])sk-proj-[A-Za-z0-9_-]{20,}`],
			["sk-ant-", "an Anthropic API key", `(^|[^A-Za-z0-9_])sk-ant-[A-Za-z0-9_-]{20,}`],
			["hvs.", "a HashiCorp Vault token", `(^|[^A-Za-z0-9_])hvs\.[A-Za-z0-9_-]{24,}`],
			["pypi-AgE", "a PyPI token", `(^|[^A-Za-z0-9_])pypi-AgE[A-Za-z0-9_-]{50,}`],
			["shpat_", "a Shopify token", `(^|[^A-Za-z0-9_])shpat_[a-fA-F0-9]{32}`],
			["dop_v1_", "a DigitalOcean token", `(^|[^A-Za-z0-9_])dop_v1_[a-f0-9]{64}`],
		]
		contains(s, p[0])
		regex.match(p[2], s)
	]
	count(ks) > 0
}

# Authorization: Bearer <token> with a high-entropy token; Basic <base64 of
# user:password>. l is s in lower case.
_authorization_kind(l, s) := "a bearer token" if {
	contains(l, "bearer")
	some m in regex.find_all_string_submatch_n(`(?i)\bbearer\s+([A-Za-z0-9._~+/=-]{16,})`, s, -1)
	high_entropy(m[1])
} else := "HTTP basic credentials" if {
	contains(l, "basic")
	some m in regex.find_all_string_submatch_n(`(?i)\bbasic\s+([A-Za-z0-9+/]{8,}={0,2})`, s, -1)
	base64.is_valid(m[1])
	contains(base64.decode(m[1]), ":")
}

# --- Environment variables ----------------------------------------------------

# plain_env holds for the common environment variable, which env_kind would
# find nothing in: a string value under a name that is not an ECS.8 name and
# ends in no credential word, and that is shorter than any format or holds
# none of their fixed parts. A short value (the first body) skips the value
# checks.
plain_env(name, value) if {
	is_string(value)
	count(value) < 16
	is_string(name)
	_plain_name(lower(name))
}

plain_env(name, value) if {
	is_string(value)
	count(value) >= 16
	is_string(name)
	_plain_name(lower(name))
	_no_format_part(value)
}

# A value of 16 characters or more with none of the fixed parts of any
# format, where a token would be the whole value (its prefix is checked with
# one strings.any_prefix_match rather than a contains per prefix).
_no_format_part(v) if {
	not contains(v, "@")
	not contains(v, "PRIVATE KEY")
	not contains(v, "AKIA")
	not contains(v, "ASIA")
	not contains(v, "?")
	not contains(v, "{{resolve:secretsmanager:")
	not strings.any_prefix_match(v, [
		"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox",
		"https://hooks.slack.com/services/", "sk_live_", "rk_live_", "npm_", "AIza", "SG.",
		"sk-proj-", "sk-ant-", "hvs.", "pypi-AgE", "shpat_", "dop_v1_",
	])
	lv := lower(v)
	not contains(lv, "bearer")
	not contains(lv, "basic")
}

# The kind of credential an environment variable holds, as a phrase
# completing "environment variable X ...", or undefined. The ECS.8 names
# count whatever they hold except nothing, an empty string or an ARN: a
# template placeholder or a CloudFormation intrinsic still ends up as plain
# text in the registered task definition. Then the value's format under any
# name, then the name.
env_kind(name, value) := k if {
	is_string(name)
	k := _env_kind(lower(name), value)
} else := concat(" ", ["holds", k]) if {
	not is_string(name)
	k := value_format_kind(value)
}

_env_kind(l, v) := "is private registry authentication that Security Hub ECS.8 forbids in environment; use repositoryCredentials" if {
	l == "ecs_engine_auth_data"
	_ecs8_value(v)
} else := "is an AWS credential variable that Security Hub ECS.8 forbids in environment; give the task a task role instead of access keys" if {
	l in {"aws_access_key_id", "aws_secret_access_key"}
	_ecs8_value(v)
} else := concat(" ", ["holds", k]) if {
	k := value_format_kind(v)
} else := k if {
	k := _name_kind(l, v)
}

_ecs8_value(v) if {
	is_string(v)
	trim_space(v) != ""
	not startswith(trim_space(v), "arn:")
} else if {
	not is_string(v)
	v != null
}

# --- Labels and log options ---------------------------------------------------

# plain_pair holds for a label or log option that pair_kind, text_kind on
# its value and format_kind on its key find nothing in: a name that is not a
# credential name, and a key and value that mention no credential word and
# are short or hold no fixed part of a format (as whole values, like
# environment values).
plain_pair(name, value) if {
	is_string(name)
	is_string(value)
	_plain_name(lower(name))
	_plain_entry_text(name)
	_plain_entry_text(value)
}

_plain_entry_text(s) if {
	count(s) < 16
	_no_credential_word(lower(s))
} else if {
	_no_credential_word(lower(s))
	_no_format_part(s)
}

# The kind of credential a name/value pair holds (a Docker label, a log
# driver option), as a phrase completing "label X ...": by the value's
# format under any name, then by the name.
pair_kind(name, value) := concat(" ", ["holds", k]) if {
	k := format_kind(value)
} else := k if {
	is_string(name)
	k := _name_kind(lower(name), value)
}

# By the name (l, in lower case). A Java trust store holds public CA
# certificates; its password (the well-known "changeit") protects nothing
# secret.
_name_kind(l, v) := k if {
	is_string(v)
	not _plain_name(l)
	not contains(l, "truststore")
	n := trim_right(l, "0123456789_-. ")
	k := _named_kind(n, trim_space(v))
}

_named_kind(n, v) := k if {
	k := _kind_for_tier(_tier(n), n, v)
}

_kind_for_tier(tier, n, v) := "holds an AWS secret access key" if {
	_aws_secret_shape(v)
} else := sprintf("holds a plain-text %s", [_noun(n)]) if {
	tier == "strong"
	is_candidate(v)
} else := "holds a high-entropy value under a credential name" if {
	tier == "weak"
	is_candidate(v)
	high_entropy(v)
}

# --- Free text ----------------------------------------------------------------

# plain_text holds for a free-text string text_kind finds nothing in: it
# mentions no credential word, and is shorter than any format or holds none
# of their fixed parts.
plain_text(s) if {
	is_string(s)
	count(s) < 16
	_no_credential_word(lower(s))
}

plain_text(s) if {
	is_string(s)
	count(s) >= 16
	_no_credential_word(lower(s))
	not _has_format_part(s)
}

# Every credential word of _strong_suffixes and _weak_suffixes contains one
# of these; curl may take a user:password.
_no_credential_word(l) if {
	not contains(l, "curl")
	not contains(l, "pass")
	not contains(l, "pwd")
	not contains(l, "secret")
	not contains(l, "token")
	not contains(l, "key")
	not contains(l, "auth")
	not contains(l, "cred")
}

# The kind of credential a free-text argument holds (a command or entryPoint
# argument, a health check command, a label or option value): a format
# anywhere in it, or an assignment (NAME=value, --name=value, "name":
# "value", --name value) to a credential name. A phrase completing
# "command[2] ...": "holds a GitHub token", "sets \"DB_PASSWORD\" to a
# plain-text password".
text_kind(s) := concat(" ", ["holds", k]) if {
	k := format_kind(s)
} else := "passes a user:password to curl" if {
	is_string(s)
	contains(s, "curl")
	some m in regex.find_all_string_submatch_n(`(?:^|\s)(?:-[A-Za-z]*u|--user)\s*['"]?[^\s:'"-][^\s:'"]*:([^\s'"/][^\s'"]*)`, s, -1)
	_literal_part(m[1])
} else := k if {
	is_string(s)
	not _no_credential_word(lower(s))
	ks := _assignment_kinds(s)
	count(ks) > 0
	k := ks[0]
}

_assignment_kinds(s) := [k |
	# NAME=value, --name=value or -Dname=value; "name": "value"; --name value.
	some m in regex.find_all_string_submatch_n(
		`(?:-D)?([A-Za-z_][A-Za-z0-9_.-]*)=("[^"]*"|'[^']*'|[^\s;&|'"]+)|"([A-Za-z_][A-Za-z0-9_.-]*)"\s*:\s*("[^"]*")|(?:^|\s)--?([A-Za-z][A-Za-z0-9_.-]*)\s+("[^"]+"|'[^']+'|[^\s;&|'"-][^\s;&|'"]*)`,
		s, -1,
	)
	name := _first_nonempty(m[1], m[3], m[5])
	value := _unquote(_first_nonempty(m[2], m[4], m[6]))
	_literal_part(value)
	pk := _name_kind(lower(name), value)
	k := sprintf("sets %s to %s", [_safe_name(name), trim_prefix(pk, "holds ")])
]

_first_nonempty(a, _, _) := a if a != ""

_first_nonempty(a, b, _) := b if {
	a == ""
	b != ""
}

_first_nonempty(a, b, c) := c if {
	a == ""
	b == ""
}

_unquote(v) := substring(v, 1, count(v) - 2) if {
	count(v) >= 2
	strings.any_prefix_match(v, ["\"", "'"])
} else := v

# A name taken from free text, safe to show: at most 64 characters and not
# itself a credential.
_safe_name(n) := sprintf("%q", [n]) if {
	count(n) <= 64
	not format_kind(n)
} else := "an argument"

# The kind of credential the value after a flag holds: --password hunter2 as
# two arguments. flag must be a whole argument starting with "-".
flag_value_kind(flag, value) := k if {
	is_string(flag)
	is_string(value)
	startswith(flag, "-")
	not contains(flag, "=")
	not contains(flag, " ")
	l := lower(trim_left(flag, "-"))
	not _plain_name(l)
	v := trim_space(value)
	_literal_part(v)
	pk := _name_kind(l, v)
	k := sprintf("is %s passed to %s", [trim_prefix(pk, "holds "), _safe_name(flag)])
}

# A label, option or variable name safe to show in a message (a name that
# is itself a credential, or holds "=", is not).
display_name(n) := sprintf("%q", [n]) if {
	is_string(n)
	count(n) <= 128
	not contains(n, "=")
	not format_kind(n)
}
