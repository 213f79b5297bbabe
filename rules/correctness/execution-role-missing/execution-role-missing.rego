# METADATA
# title: Task needs an execution role but has none
# description: |
#   The ECS or Fargate agent uses the task execution role to fetch secrets,
#   authenticate to private registries and download environment files, and on
#   Fargate and external instances also to pull private ECR images and send awslogs
#   output. Without executionRoleArn ECS rejects the registration (secrets, awslogs
#   on Fargate) or the task fails to start.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
#     description: Amazon ECS task execution IAM role
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html
#     description: Pass sensitive data to an Amazon ECS container
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/private-auth.html
#     description: Using non-AWS container images in Amazon ECS
# custom:
#   severity: high
#   remediation: Set executionRoleArn to a role with the AmazonECSTaskExecutionRolePolicy managed policy, plus read access to the task's secrets and environment files.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["execution-role-missing"]

import data.ecslint.lib.containers
import data.ecslint.lib.images
import data.ecslint.lib.launch
import data.ecslint.lib.values

# One finding per container, at the first field that needs the role; the
# message lists every need of that container.
report contains {
	"message": sprintf("container %s needs a task execution role for %s, but the task definition has no executionRoleArn", [containers.display_name(c, i), concat(", ", [n[2] | some n in needs])]),
	"path": array.concat(["resource", "containerDefinitions", i], needs[0][1]),
} if {
	not _has_execution_role
	some i, unsorted in _needs
	needs := sort(unsorted)
	c := input.resource.containerDefinitions[i]
}

# Set (ECS reads "" as no role); an unresolved reference counts as a role,
# and so does a blank in an unfilled CLI skeleton.
_has_execution_role if values.is_set(input.resource.executionRoleArn)

_has_execution_role if values.unresolved(input.resource.executionRoleArn)

# [order, path below the container, what needs the role]
# Entries whose reference is empty (the generate-cli-skeleton template) do
# not count.
_needs[i] contains [1, ["secrets"], "secrets"] if {
	some i, c in input.resource.containerDefinitions
	some secret in c.secrets
	_filled(secret.valueFrom)
}

_needs[i] contains [2, ["logConfiguration", "secretOptions"], "log configuration secretOptions"] if {
	some i, c in input.resource.containerDefinitions
	some secret in c.logConfiguration.secretOptions
	_filled(secret.valueFrom)
}

_needs[i] contains [3, ["repositoryCredentials"], "repositoryCredentials"] if {
	some i, c in input.resource.containerDefinitions
	_filled(c.repositoryCredentials.credentialsParameter)
}

_needs[i] contains [4, ["environmentFiles"], "environmentFiles"] if {
	some i, c in input.resource.containerDefinitions
	some file in c.environmentFiles
	_filled(file.value)
}

# Set: a non-empty string or an unresolved IaC reference.
_filled(v) if not v in {"", null}

# _agent_platforms first: without Fargate or external instances (most task
# definitions) the containers are not looked at.
_needs[i] contains [5, ["logConfiguration", "logDriver"], sprintf("the awslogs log driver on %s", [_agent_platforms])] if {
	_agent_platforms
	some i, c in input.resource.containerDefinitions
	c.logConfiguration.logDriver == "awslogs"
}

_needs[i] contains [6, ["image"], sprintf("a private Amazon ECR image on %s", [_agent_platforms])] if {
	_agent_platforms
	some i, c in input.resource.containerDefinitions
	_private_ecr(c.image)
}

# A registry whose account or Region is a placeholder
# (${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com) is still private ECR.
_private_ecr(image) if images.is_ecr_host(images.parse(image).registry)

# Where the agent has no instance role to fall back on: Fargate and external
# instances someone asked for (requiresCompatibilities or a service's launch
# type), never the EXTERNAL that ECS validates every definition for.
_agent_platforms := "Fargate" if {
	"FARGATE" in launch.requested_launch_types
	not "EXTERNAL" in launch.requested_launch_types
}

_agent_platforms := "external instances" if {
	"EXTERNAL" in launch.requested_launch_types
	not "FARGATE" in launch.requested_launch_types
}

_agent_platforms := "Fargate and external instances" if {
	"FARGATE" in launch.requested_launch_types
	"EXTERNAL" in launch.requested_launch_types
}
