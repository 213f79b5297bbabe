# METADATA
# title: Task shares the host's IPC namespace
# description: |
#   With ipcMode host the containers share System V shared memory, semaphores
#   and POSIX message queues with the instance and every other process on it,
#   so they can read or corrupt other workloads' shared memory. AWS warns that
#   host IPC mode carries a heightened risk of exposing the host.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_definition_ipcmode
#     description: Amazon ECS task definition parameters (ipcMode)
# custom:
#   severity: high
#   remediation: Remove ipcMode, or set it to task when the containers of the task must share IPC resources.
#   resources: [TaskDefinition]
package ecslint.rules.security["host-ipc-mode"]

report contains {
	"message": "the task uses ipcMode host: its containers share shared memory, semaphores and message queues with the instance",
	"path": ["resource", "ipcMode"],
} if {
	is_string(input.resource.ipcMode)
	lower(trim_space(input.resource.ipcMode)) == "host"
}
