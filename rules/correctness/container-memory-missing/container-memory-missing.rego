# METADATA
# title: Container without memory on EC2 or external instances
# description: |
#   On EC2 and external instances, a task definition without task-level
#   memory must give every container a memory hard limit or a memory
#   reservation: ECS uses them to place the task and rejects the registration
#   otherwise.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory
#     description: Task definition parameters, container memory
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
#     description: ContainerDefinition (Amazon ECS API reference)
# custom:
#   severity: high
#   remediation: Set memoryReservation (or memory) on the container, or set task-level memory.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["container-memory-missing"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch

report contains {
	"message": sprintf("container %s sets neither memory nor memoryReservation and the task definition has no task-level memory; ECS requires one of them on EC2 and external instances", [containers.display_name(c, i)]),
	"path": containers.path(i, ["memory"]),
} if {
	launch.runs_on_instances
	not _task_memory
	some i, c in input.resource.containerDefinitions
	is_object(c)
	not _container_memory(c)
}

# Any task memory counts, placeholders and an unfilled "" included.
_task_memory if input.resource.memory != null

# A non-zero memory or memoryReservation; a placeholder counts.
_container_memory(c) if {
	some f in ["memory", "memoryReservation"]
	v := c[f]
	v != null
	v != 0
}
