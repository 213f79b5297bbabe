# METADATA
# title: Two containers share a name
# description: |
#   A container's name is the key that dependsOn, links, volumesFrom, load
#   balancers, Service Connect and the proxy configuration use to refer to it.
#   ECS rejects a task definition in which two containers have the same name.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
#     description: ContainerDefinition (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html
#     description: Amazon ECS task definition parameters
# custom:
#   severity: critical
#   remediation: Give every container of the task definition a unique name.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.correctness["duplicate-container-name"]

import data.ecslint.lib.containers

# One finding for each later container that reuses an earlier one's name.
report contains {
	"message": sprintf("containerDefinitions[%d] is named %q, like containerDefinitions[%d]: container names must be unique in a task definition", [j, c.name, i]),
	"path": ["resource", "containerDefinitions", j, "name"],
} if {
	_repeated_names
	some j, c in input.resource.containerDefinitions
	containers.is_concrete_name(c.name)
	i := _first[c.name]
	i < j
}

# Some string name occurs twice; nearly every task definition is spared
# the lookups below.
_repeated_names if count(_names) != count({n | some n in _names})

_names := [c.name | some c in input.resource.containerDefinitions; is_string(c.name)]

# The index of the first container with each name.
_first[name] := min({i |
	some i, c in input.resource.containerDefinitions
	c.name == name
}) if {
	some d in input.resource.containerDefinitions
	name := d.name
	is_string(name)
}
