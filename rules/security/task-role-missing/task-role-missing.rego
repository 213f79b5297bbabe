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
#   severities:
#     - severity: info
#       when: the task runs only on Fargate, where containers without a task role get no AWS credentials at all
#   remediation: Set taskRoleArn to a role made for this task family that grants only the AWS calls the application makes.
#   resources: [TaskDefinition]
package ecslint.rules.security["task-role-missing"]

import data.ecslint.lib.launch
import data.ecslint.lib.values

report contains {
	"message": "the task definition has no taskRoleArn: on EC2 and external instances its containers fall back to the instance profile credentials through instance metadata",
	"path": _path,
} if {
	not _has_task_role
	not launch.fargate_only
}

report contains {
	"message": "the task definition has no taskRoleArn: on Fargate its containers get no AWS credentials; give the family its own role if the application calls AWS",
	"path": _path,
	"severity": "info",
} if {
	not _has_task_role
	launch.fargate_only
}

# Set (ECS reads "" as no role); an unresolved reference counts as a role,
# and so does a blank in an unfilled CLI skeleton.
_has_task_role if values.is_set(input.resource.taskRoleArn)

_has_task_role if values.unresolved(input.resource.taskRoleArn)

_path := ["resource", "taskRoleArn"]
