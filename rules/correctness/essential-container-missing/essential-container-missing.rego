# METADATA
# title: No essential container
# description: |
#   A task stops when one of its essential containers stops, and a task
#   definition needs at least one essential container (essential defaults to
#   true). When every container sets essential to false, ECS rejects the
#   registration.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_environment
#     description: Task definition parameters, essential
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
#     description: ContainerDefinition (Amazon ECS API reference)
# custom:
#   severity: critical
#   remediation: Set essential to true (or remove essential false) on the container whose exit should stop the task, usually the application container.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.correctness["essential-container-missing"]

import data.ecslint.lib.containers

report contains {
	"message": sprintf("none of the %d containers is essential: every one sets essential to false, but a task definition needs at least one essential container", [count(defs)]),
	"path": ["resource", "containerDefinitions"],
} if {
	defs := input.resource.containerDefinitions
	is_array(defs)
	count(defs) > 0
	not _any_essential
}

# essential is true when omitted; a placeholder or a container that cannot
# be read counts as essential.
_any_essential if {
	some c in input.resource.containerDefinitions
	is_object(c)
	containers.essential(c)
}

_any_essential if {
	some c in input.resource.containerDefinitions
	not is_object(c)
}
