# METADATA
# title: ECS Exec enabled on the service
# description: |
#   enableExecuteCommand lets anyone allowed to call ecs:ExecuteCommand open an
#   interactive shell in the service's running containers and run anything
#   the container can, with the task role's credentials. Keep it off for
#   production services, or restrict ecs:ExecuteCommand in IAM and log the
#   sessions in the cluster's execute command configuration.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
#     description: Monitor Amazon ECS containers with ECS Exec
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html#ECS-CreateService-request-enableExecuteCommand
#     description: CreateService enableExecuteCommand (Amazon ECS API reference)
# custom:
#   severity: low
#   remediation: Set enableExecuteCommand to false, or restrict ecs:ExecuteCommand to the people who need it and log the sessions.
#   resources: [Service]
package ecslint.rules.security["ecs-exec-enabled"]

import data.ecslint.lib.values

report contains {
	"message": "enableExecuteCommand is true: principals allowed ecs:ExecuteCommand can open a shell in the running containers with the task role's credentials",
	"path": ["resource", "enableExecuteCommand"],
} if {
	not values.skeleton
	input.resource.enableExecuteCommand == true
}
