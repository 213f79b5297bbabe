# METADATA
# title: Task role and execution role are the same role
# description: |
#   The task role is used by the application, the execution role by the ECS or
#   Fargate agent to pull images, write logs and read the task's secrets. When both
#   name the same role, the application can read every secret and image the
#   execution role can reach, and the agent holds the application's permissions.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
#     description: Amazon ECS task execution IAM role
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
#     description: Amazon ECS task IAM role
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-iam-roles.html
#     description: Amazon ECS best practices for IAM roles
# custom:
#   severity: medium
#   remediation: Use separate roles for taskRoleArn (what the application calls) and executionRoleArn (image pulls, logs and secrets).
#   resources: [TaskDefinition]
package ecslint.rules.security["task-role-is-execution-role"]

import data.ecslint.lib.arn

report contains {
	"message": "taskRoleArn and executionRoleArn name the same role: the application gets the execution role's access to images, logs and secrets",
	"path": ["resource", "taskRoleArn"],
} if {
	arn.same_role(input.resource.taskRoleArn, input.resource.executionRoleArn)
}
