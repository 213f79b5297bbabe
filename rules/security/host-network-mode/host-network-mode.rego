# METADATA
# title: Task uses host network mode
# description: |
#   In host network mode the containers share the instance's network namespace:
#   no per-task security group, access to services listening on the host's
#   loopback interface, and on EC2 and external instances the instance metadata
#   service (IMDS) with the instance profile credentials, which no ECS agent
#   setting can block in this mode.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html
#     description: Amazon ECS task networking options
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
#     description: Amazon ECS task IAM role (considerations for tasks on EC2 instances)
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-17
#     description: Security Hub control ECS.17
# custom:
#   severity: medium
#   remediation: Use awsvpc network mode with a security group for the task, or bridge mode with IMDS blocked for containers.
#   resources: [TaskDefinition]
#   frameworks:
#     securityhub: [ECS.17]
#     controltower: [CT.ECS.PR.4]
package ecslint.rules.security["host-network-mode"]

import data.ecslint.lib.launch

report contains {
	"message": _message,
	"path": ["resource", "networkMode"],
} if {
	lower(launch.network_mode(input.resource)) == "host"
}

_message := "the task uses host network mode: its containers share the instance's network, reach services on its loopback interface and the instance metadata service (IMDS), and so the instance profile credentials" if launch.runs_on_instances

_message := "the task uses host network mode: its containers share the host's network and have no security group of their own" if not launch.runs_on_instances
