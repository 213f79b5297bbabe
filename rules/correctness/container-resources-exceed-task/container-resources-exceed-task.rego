# METADATA
# title: Containers need more CPU or memory than the task has
# description: |
#   Task-level cpu and memory are the budget the containers share. When the
#   containers' cpu values, or their memory reservations, add up to more than
#   the task-level value, the task can never be placed as written and ECS
#   rejects the definition. Linux only: Windows containers ignore task-level
#   values.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size
#     description: Task definition parameters, task size
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
#     description: ContainerDefinition (Amazon ECS API reference)
# custom:
#   severity: high
#   remediation: Raise the task-level cpu or memory, or lower the containers' cpu, memoryReservation or memory so that they fit in it.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["container-resources-exceed-task"]

import data.ecslint.lib.launch
import data.ecslint.lib.units

report contains {
	"message": sprintf("the containers' cpu adds up to %v CPU units, more than the task cpu of %v units", [total, task_cpu]),
	"path": ["resource", "cpu"],
} if {
	_linux_task
	task_cpu := units.cpu_units(input.resource.cpu)
	total := sum([c.cpu | some c in input.resource.containerDefinitions; is_number(c.cpu)])
	total > task_cpu
}

report contains {
	"message": sprintf("the containers reserve %v MiB in total (memoryReservation, else memory), more than the task memory of %v MiB", [total, task_memory]),
	"path": ["resource", "memory"],
} if {
	_linux_task
	task_memory := units.memory_mib(input.resource.memory)
	total := sum([m | some c in input.resource.containerDefinitions; m := _reservation(c)])
	total > task_memory
}

_linux_task if {
	family := launch.os_family(input.resource)
	is_string(family)
	upper(family) == "LINUX"
}

# What a container reserves: memoryReservation, else memory. A placeholder
# reservation is unknown, so it adds nothing (the sum stays a lower bound).
_reservation(c) := c.memoryReservation if is_number(c.memoryReservation)

_reservation(c) := c.memory if {
	object.get(c, "memoryReservation", null) == null
	is_number(c.memory)
}
