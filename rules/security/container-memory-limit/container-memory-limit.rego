# METADATA
# title: Container without a hard memory limit on EC2
# description: |
#   On an EC2 or external instance a container without a hard memory limit can
#   use all of the instance's memory and starve every other task on it until
#   the kernel's out-of-memory killer steps in. On Linux a task-level memory
#   value caps all of the task's containers; Windows ignores it, so Windows
#   containers need their own memory value. Fargate sizes every task itself.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory
#     description: Amazon ECS task definition parameters (memory)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html
#     description: Amazon ECS container instance memory management
# custom:
#   severity: low
#   remediation: Set memory (the hard limit in MiB) on the container, or on Linux set the task-level memory.
#   resources: [TaskDefinition]
#   frameworks:
#     controltower: [CT.ECS.PR.7]
package ecslint.rules.security["container-memory-limit"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch

report contains {
	"message": sprintf("container %s has no hard memory limit and the task sets no memory: on an instance it can use all of the instance's memory", [containers.display_name(c, i)]),
	"path": containers.path(i, ["memory"]),
} if {
	not containers.has_task_memory(input.resource)

	# Containers first: when each has a limit, the launch types and the OS
	# (facts the first rule to ask pays for) are not needed.
	some i, c in input.resource.containerDefinitions
	not containers.has_memory_limit(c)
	not launch.fargate_only
	launch.input_linux
}

report contains {
	"message": sprintf("Windows container %s has no hard memory limit; Windows ignores the task-level memory, so on an instance it can use all of the instance's memory", [containers.display_name(c, i)]),
	"path": containers.path(i, ["memory"]),
} if {
	some i, c in input.resource.containerDefinitions
	not containers.has_memory_limit(c)
	not launch.fargate_only
	launch.input_windows
}
