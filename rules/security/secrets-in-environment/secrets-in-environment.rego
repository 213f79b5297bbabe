# METADATA
# title: Credential in a container environment variable
# description: |
#   Environment values are stored in plain text in the task definition: anyone
#   allowed ecs:DescribeTaskDefinition can read them, and they show up in
#   docker inspect, crash dumps and logs. AWS keys, passwords, tokens and
#   private keys belong in Secrets Manager or SSM Parameter Store, passed with
#   secrets, and AWS credentials should come from a task role.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
#     description: Pass Secrets Manager secrets through Amazon ECS environment variables
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-secrets-management.html
#     description: Amazon ECS best practices for secrets management
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-8
#     description: Security Hub control ECS.8
# custom:
#   severity: critical
#   remediation: Move the value to Secrets Manager or SSM Parameter Store and pass it with secrets (valueFrom), or give the task a task role instead of AWS access keys.
#   resources: [TaskDefinition, ContainerDefinitions]
#   frameworks:
#     securityhub: [ECS.8]
#     controltower: [CT.ECS.PR.12]
package ecslint.rules.security["secrets-in-environment"]

import data.ecslint.lib.containers
import data.ecslint.lib.secrets

# The message names the container and the variable, never the value.
report contains {
	"message": sprintf("container %s: environment variable %s %s", [containers.display_name(c, i), _name(e, j), kind]),
	"path": _path(i, j, e),
} if {
	some i, c in input.resource.containerDefinitions

	# One call judges every variable of the container (see lib/secrets).
	some [j, kind] in secrets.environment_kinds(c.environment)
	e := c.environment[j]
}

# The variable's name, or its position when the name is absent or unsafe to
# show (a name holding "=" or a credential).
_name(e, _) := secrets.display_name(object.get(e, "name", null))

_name(e, j) := sprintf("#%d", [j]) if not secrets.display_name(object.get(e, "name", null))

_path(i, j, e) := ["resource", "containerDefinitions", i, "environment", j, "value"] if "value" in object.keys(e)

_path(i, j, e) := ["resource", "containerDefinitions", i, "environment", j] if not "value" in object.keys(e)
