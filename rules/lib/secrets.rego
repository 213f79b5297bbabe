# METADATA
# title: Credential detection
# description: |
#   Whether an environment variable, a Docker label, a log driver option or a
#   free-text argument (command, entryPoint, health check) holds a
#   credential. The *_kind functions return a phrase naming the kind of
#   credential, never the value, so rules can put it in a message.
#
#   The detection runs in Go (internal/secrets, exposed as the
#   ecslint.secrets.* builtins): written in Rego it ran on every environment
#   variable, label, option and argument of every container, through chains
#   of function calls and regular expressions, and was 40 % of the
#   evaluation of a task definition. What it finds, and why, is documented
#   there; the tests below pin it down.
package ecslint.lib.secrets

# --- Names --------------------------------------------------------------------

# The names Security Hub ECS.8 (AWS Config ecs-no-environment-secrets)
# forbids in environment, compared without letter case.
is_ecs8_name(name) if {
	is_string(name)
	lower(name) in {"aws_access_key_id", "aws_secret_access_key", "ecs_engine_auth_data"}
}

# "strong" (the value is the credential: DB_PASSWORD, API_TOKEN), "weak"
# (often a credential, also configuration: AUTH, ACCESS_KEY; only a
# high-entropy value counts) or "key" (any other name ending in "key",
# judged only by the AWS secret access key format); undefined for other
# names. Judged by how the name ends, in lower case, after trailing digits
# and separators: PASSWORD_FILE, SECRET_NAME, TOKEN_URL and *_KEY_ID name a
# file, a reference or an identifier, not the credential.
name_tier(name) := ecslint.secrets.name_tier(name)

# --- Values -------------------------------------------------------------------

# A value worth judging as a credential: a non-empty string that is not a
# template placeholder, an ARN, a boolean, a small number, a file path, a URL
# or a masked value.
is_candidate(v) if ecslint.secrets.is_candidate(v)

# A value a template engine, a shell or an orchestrator fills in later: ${X},
# {{x}}, $$$X$$$, $(cmd), #{x}, <NAME>, $NAME, %NAME%, %s, __NAME__.
is_placeholder(s) if ecslint.secrets.is_placeholder(s)

# Random-looking: 16 to 1024 characters without whitespace, letters and
# digits mixed, at least 10 distinct characters, not a hostname.
high_entropy(s) if ecslint.secrets.high_entropy(s)

# The kind of credential s contains, found by its format anywhere in the
# string: private key blocks, URLs with a password, AWS access key IDs,
# well-known token formats, CloudFormation secretsmanager dynamic references
# and HTTP Authorization credentials. Undefined when none.
format_kind(s) := ecslint.secrets.format_kind(s)

# --- Whole fields -------------------------------------------------------------

# [[j, kind], ...] for the variables of an environment field that hold a
# credential (env_kind of each name and value; an absent one is null).
environment_kinds(env) := ecslint.secrets.environment_kinds(env)

# [[k, kind], ...] for the arguments of a command, entryPoint or health
# check command that hold a credential: text_kind of the argument, or
# flag_value_kind when the argument before it is a flag (--password hunter2).
argument_kinds(args) := ecslint.secrets.argument_kinds(args)

# [[key, kind], ...] for the Docker labels or log driver options that hold a
# credential: pair_kind of the entry, else text_kind of the value, else a
# key that is itself a credential ("has a key that holds ...").
entry_kinds(entries) := ecslint.secrets.entry_kinds(entries)

# --- Environment variables ----------------------------------------------------

# The kind of credential an environment variable holds, as a phrase
# completing "environment variable X ...", or undefined. The ECS.8 names
# count whatever they hold except nothing, an empty string or an ARN: a
# template placeholder or a CloudFormation intrinsic still ends up as plain
# text in the registered task definition. Then the value's format under any
# name, then the name. The common variable (a name ending in no credential
# word, a value short or without any format's fixed part) is settled first.
env_kind(name, value) := ecslint.secrets.env_kind(name, value)

# --- Labels and log options ---------------------------------------------------

# plain_pair holds for a label or log option that pair_kind, text_kind on
# its value and format_kind on its key find nothing in, settled cheaply: a
# name that is not a credential name, and a key and value that mention no
# credential word and are short or hold no fixed part of a format.
plain_pair(name, value) if ecslint.secrets.plain_pair(name, value)

# The kind of credential a name/value pair holds (a Docker label, a log
# driver option), as a phrase completing "label X ...": by the value's
# format under any name, then by the name.
pair_kind(name, value) := ecslint.secrets.pair_kind(name, value)

# --- Free text ----------------------------------------------------------------

# plain_text holds for a free-text string text_kind finds nothing in,
# settled cheaply: it mentions no credential word, and is shorter than any
# format or holds none of their fixed parts.
plain_text(s) if ecslint.secrets.plain_text(s)

# The kind of credential a free-text argument holds (a command or entryPoint
# argument, a health check command, a label or option value): a format
# anywhere in it, or an assignment (NAME=value, --name=value, "name":
# "value", --name value) to a credential name. A phrase completing
# "command[2] ...": "holds a GitHub token", "sets \"DB_PASSWORD\" to a
# plain-text password".
text_kind(s) := ecslint.secrets.text_kind(s)

# The kind of credential the value after a flag holds: --password hunter2 as
# two arguments. flag must be a whole argument starting with "-".
flag_value_kind(flag, value) := ecslint.secrets.flag_value_kind(flag, value)

# A label, option or variable name safe to show in a message, quoted (a name
# that is itself a credential, or holds "=", is not).
display_name(n) := ecslint.secrets.display_name(n)
