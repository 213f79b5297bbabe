# METADATA
# title: Task definition without a task role
# description: |
#   Without taskRoleArn, an AWS SDK in a container on an EC2 or external instance
#   falls back to the instance profile credentials through instance metadata, so
#   the application runs with the instance role's permissions. Each family should
#   have its own least-privilege task role. On Fargate there is no such fallback
#   (the containers simply have no AWS credentials), so the finding is only info.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
#     description: Amazon ECS task IAM role
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-iam-roles.html
#     description: Amazon ECS best practices for IAM roles
# custom:
#   severity: high
#   remediation: Set taskRoleArn to a role made for this task family that grants only the AWS calls the application makes.
#   resources: [TaskDefinition]
package ecslint.rules.security["task-role-missing"]

import data.ecslint.lib.ecs

report contains {
	"message": "the task definition has no taskRoleArn: on EC2 and external instances its containers fall back to the instance profile credentials through instance metadata",
	"path": _path,
} if {
	input.kind == "TaskDefinition"
	not _has_task_role
	not ecs.fargate_only
}

report contains {
	"message": "the task definition has no taskRoleArn: on Fargate its containers get no AWS credentials; give the family its own role if the application calls AWS",
	"path": _path,
	"severity": "info",
} if {
	input.kind == "TaskDefinition"
	not _has_task_role
	ecs.fargate_only
}

# Present and not empty; an unresolved IaC reference counts as a role.
_has_task_role if {
	role := input.resource.taskRoleArn
	not role in {"", null}
}

_path := ["resource", "taskRoleArn"] if "taskRoleArn" in object.keys(input.resource)

_path := ["resource"] if not "taskRoleArn" in object.keys(input.resource)
