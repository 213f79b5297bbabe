# METADATA
# title: Credential in a command, label or log option
# description: |
#   command, entryPoint, healthCheck.command, dockerLabels and
#   logConfiguration.options are stored in plain text in the task definition:
#   anyone allowed ecs:DescribeTaskDefinition can read them, and labels and
#   arguments also show in docker inspect and ps. A password on a command
#   line or an API key in a FireLens or Splunk option leaks just like one in
#   environment.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
#     description: Pass Secrets Manager secrets through Amazon ECS environment variables
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-logconfig.html
#     description: Pass sensitive data to an Amazon ECS log configuration (secretOptions)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-secrets-management.html
#     description: Amazon ECS best practices for secrets management
# custom:
#   severity: high
#   remediation: Move the credential to Secrets Manager or SSM Parameter Store, pass it to the container with secrets (and read the variable in the command) or to the log driver with logConfiguration.secretOptions.
#   resources: [task]
package ecslint.rules.security["secrets-in-command"]

import data.ecslint.lib.containers
import data.ecslint.lib.secrets

# The message names the container and the argument position, label or
# option, never the value.
report contains {
	"message": sprintf("container %q: %s %s", [containers.label(c, i), where, kind]),
	"path": array.concat(["resource", "containerDefinitions", i], tail),
} if {
	input.kind == "TaskDefinition"
	some i, c in input.resource.containerDefinitions
	some [where, tail, kind] in _findings(c)
}

_findings(c) := (({[sprintf("%s[%d]", [field, k]), [field, k], kind] |
	some field in ["command", "entryPoint"]
	args := c[field]
	is_array(args)
	some k, _ in args
	kind := _arg_kind(args, k)
} | {[sprintf("healthCheck.command[%d]", [k]), ["healthCheck", "command", k], kind] |
	args := c.healthCheck.command
	is_array(args)
	some k, _ in args
	kind := _arg_kind(args, k)
}) | {[_where("docker label", key), ["dockerLabels", key], kind] |
	is_object(c.dockerLabels)
	some key, value in c.dockerLabels
	kind := _entry_kind(key, value)
}) | {[_where("logConfiguration option", key), ["logConfiguration", "options", key], kind] |
	is_object(c.logConfiguration.options)
	some key, value in c.logConfiguration.options
	kind := _entry_kind(key, value)
}

# An argument holding a credential, or the value after a credential flag
# (--password hunter2 as two arguments). plain_text settles most arguments
# cheaply before the detection runs.
_arg_kind(args, k) := kind if {
	not secrets.plain_text(args[k])
	kind := secrets.text_kind(args[k])
} else := kind if {
	_is_flag(args[k - 1])
	kind := secrets.flag_value_kind(args[k - 1], args[k])
}

_is_flag(a) if {
	is_string(a)
	startswith(a, "-")
}

# A label or option: the pair, an assignment or format inside the value, or
# a key that is itself a credential.
_entry_kind(key, value) := kind if {
	not secrets.plain_pair(key, value)
	kind := _entry_credential(key, value)
}

_entry_credential(key, value) := kind if {
	kind := secrets.pair_kind(key, value)
} else := kind if {
	kind := secrets.text_kind(value)
} else := concat(" ", ["has a key that", kind]) if {
	kind := secrets.pair_kind(null, key)
}

_where(what, key) := concat(" ", [what, secrets.display_name(key)])

_where(what, key) := what if not secrets.display_name(key)
