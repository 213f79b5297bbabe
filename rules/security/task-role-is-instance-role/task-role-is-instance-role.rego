# METADATA
# title: Task role is the container instance role
# description: |
#   The task role is the same IAM role as the EC2 container instances' instance
#   profile role. The application in the task then holds the ECS agent's
#   permissions (registering instances, polling for work, pulling every ECR image)
#   and whatever else the instance role grants, on every instance of the cluster.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
#     description: Amazon ECS task IAM role
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/instance_IAM_role.html
#     description: Amazon ECS container instance IAM role
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-iam-roles.html
#     description: Amazon ECS best practices for IAM roles
# custom:
#   severity: critical
#   remediation: Give the task family its own task role that trusts ecs-tasks.amazonaws.com and grants only what the application calls.
#   resources: [TaskDefinition]
#   related: [instanceRoles, taskRole]
package ecslint.rules.security["task-role-is-instance-role"]

import data.ecslint.lib.arn

# Silent when the instance roles are unknown (an empty list).
report contains {
	"message": "taskRoleArn names the EC2 container instance role: the application gets the permissions of the ECS agent and of the instance",
	"path": ["resource", "taskRoleArn"],
} if {
	role := input.resource.taskRoleArn
	some instance_role in object.get(input, ["related", "instanceRoles"], [])
	arn.same_role(role, instance_role)
}

# The task role resource is one the instances run with, as a template or
# the account shows it (the role in the instance profile of the cluster's
# launch template, or one EC2 may assume inside an instance profile). The
# same message as above: one finding when both bodies hold.
report contains {
	"message": "taskRoleArn names the EC2 container instance role: the application gets the permissions of the ECS agent and of the instance",
	"path": ["resource", "taskRoleArn"],
} if {
	input.related.taskRole.status == "resolved"
	input.related.taskRole.id in object.get(input, ["related", "instanceRoles"], [])
}
