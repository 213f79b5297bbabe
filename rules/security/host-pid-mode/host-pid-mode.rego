# METADATA
# title: Task shares the host's process namespace
# description: |
#   With pidMode host the containers see every process on the instance, can
#   signal them and, with enough privileges, inspect their memory and
#   environment. pidMode is a task-level field; it applies to every container.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_definition_pidmode
#     description: Amazon ECS task definition parameters (pidMode)
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-3
#     description: Security Hub control ECS.3
# custom:
#   severity: high
#   remediation: Remove pidMode, or set it to task when the containers of the task must share one process namespace.
#   resources: [TaskDefinition]
#   frameworks:
#     securityhub: [ECS.3]
#     controltower: [CT.ECS.PR.10]
package ecslint.rules.security["host-pid-mode"]

report contains {
	"message": "the task uses pidMode host: its containers see and can signal every process on the instance",
	"path": ["resource", "pidMode"],
} if {
	is_string(input.resource.pidMode)
	lower(trim_space(input.resource.pidMode)) == "host"
}
