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
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.security["secrets-in-command"]

import data.ecslint.lib.containers
import data.ecslint.lib.secrets

# The message names the container and the argument position, label or
# option, never the value.
report contains {
	"message": sprintf("container %s: %s %s", [containers.display_name(c, i), where, kind]),
	"path": array.concat(["resource", "containerDefinitions", i], tail),
} if {
	some i, c in input.resource.containerDefinitions
	some [where, tail, kind] in _findings(c)
}

_findings(c) := (({[sprintf("%s[%d]", [field, k]), [field, k], kind] |
	some field in ["command", "entryPoint"]
	some [k, kind] in secrets.argument_kinds(c[field])
} | {[sprintf("healthCheck.command[%d]", [k]), ["healthCheck", "command", k], kind] |
	some [k, kind] in secrets.argument_kinds(c.healthCheck.command)
}) | {[_where("docker label", key), ["dockerLabels", key], kind] |
	some [key, kind] in secrets.entry_kinds(c.dockerLabels)
}) | {[_where("logConfiguration option", key), ["logConfiguration", "options", key], kind] |
	some [key, kind] in secrets.entry_kinds(c.logConfiguration.options)
}

_where(what, key) := concat(" ", [what, secrets.display_name(key)])

_where(what, key) := what if not secrets.display_name(key)
