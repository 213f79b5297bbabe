# METADATA
# title: Credential detection
# description: |
#   Which environment variables, Docker labels, log driver options and
#   free-text arguments (command, entryPoint, health check) of a container
#   hold a credential, each with a phrase naming the kind of credential,
#   never the value, so rules can put it in a message.
#
#   The detection runs in Go (internal/secrets, exposed as the
#   ecslint.secrets.* builtins, where its tests pin down what is found and
#   why): written in Rego it ran on every entry of every container through
#   chains of function calls and regular expressions, and was 40 % of the
#   evaluation of a task definition. Values that hold a placeholder are
#   judged by their literal parts only (internal/unresolved).
package ecslint.lib.secrets

# [[j, kind], ...] for the variables of an environment field that hold a
# credential. The ECS.8 names (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# ECS_ENGINE_AUTH_DATA) count whatever they hold except nothing, an empty
# string or an ARN; then the value's format under any name (a private key,
# a URL with a password, token formats, a CloudFormation secretsmanager
# dynamic reference), a deploy-time template function that renders a
# secret store's value ({{ ssm }}), then the name.
environment_kinds(env) := ecslint.secrets.environment_kinds(env)

# [[k, kind], ...] for the arguments of a command, entryPoint or health
# check command that hold a credential: a format, an assignment to a
# credential name, a credential HTTP header, or the value after a
# credential flag (--password hunter2).
argument_kinds(args) := ecslint.secrets.argument_kinds(args)

# [[key, kind], ...] for the Docker labels or log driver options that hold
# a credential: by name and value, a template function, the text of the
# value (including credential HTTP headers such as X-Honeycomb-Team or
# DD-API-KEY), or a key that is itself a credential.
entry_kinds(entries) := ecslint.secrets.entry_kinds(entries)

# A label, option or variable name safe to show in a message, quoted (a name
# that is itself a credential, or holds "=", is not).
display_name(n) := ecslint.secrets.display_name(n)
