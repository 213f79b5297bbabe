# METADATA
# title: Privileged container
# description: |
#   A privileged container gets every Linux capability and access to all host
#   devices, so a compromise of the container is a compromise of the instance
#   and of every task on it. ECS ignores capabilities.add and drop for it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security
#     description: Amazon ECS task definition parameters (privileged)
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-4
#     description: Security Hub control ECS.4
# custom:
#   severity: high
#   remediation: Remove privileged (or set it to false) and add only the Linux capabilities and devices the container needs.
#   resources: [TaskDefinition, ContainerDefinitions]
#   frameworks:
#     securityhub: [ECS.4]
#     controltower: [CT.ECS.PR.11]
package ecslint.rules.security["privileged-container"]

import data.ecslint.lib.containers
import data.ecslint.lib.values

report contains {
	"message": sprintf("container %s runs privileged: it has every capability and all host devices", [containers.display_name(c, i)]),
	"path": ["resource", "containerDefinitions", i, "privileged"],
} if {
	some i, c in input.resource.containerDefinitions
	values.is_true(c.privileged)
}
