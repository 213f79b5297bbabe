# METADATA
# title: Container memory reservation above its memory limit
# description: |
#   memoryReservation is the soft limit ECS reserves for a container and
#   memory the hard limit at which the container is killed. A reservation
#   above the hard limit cannot be honoured, and ECS rejects the task
#   definition.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory
#     description: Task definition parameters, container memory
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
#     description: ContainerDefinition (Amazon ECS API reference)
# custom:
#   severity: high
#   remediation: Lower memoryReservation below the container's memory, or raise memory above it.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.correctness["memory-reservation-exceeds-limit"]

import data.ecslint.lib.containers

report contains {
	"message": sprintf("container %s reserves %v MiB (memoryReservation), more than its hard limit of %v MiB (memory)", [containers.display_name(c, i), c.memoryReservation, c.memory]),
	"path": ["resource", "containerDefinitions", i, "memoryReservation"],
} if {
	some i, c in input.resource.containerDefinitions
	is_number(c.memory)
	is_number(c.memoryReservation)
	c.memoryReservation > c.memory
}
