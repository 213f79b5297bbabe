# METADATA
# title: Host port differs from the container port in awsvpc or host network mode
# description: |
#   In awsvpc and host network modes a container's ports are bound directly on
#   the task's network interface or the instance, with no port translation.
#   ECS rejects a hostPort (0 included) that differs from the containerPort.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html
#     description: PortMapping (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html
#     description: Amazon ECS task networking options
# custom:
#   severity: high
#   remediation: Remove hostPort or set it to the same value as containerPort.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["awsvpc-host-port-mismatch"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch
import data.ecslint.lib.values

report contains {
	"message": sprintf("container %s maps containerPort %v to hostPort %v: in %s network mode hostPort must be omitted or equal to containerPort", [containers.display_name(c, i), cp, hp, mode]),
	"path": ["resource", "containerDefinitions", i, "portMappings", j, "hostPort"],
} if {
	mode := launch.network_mode(input.resource)
	mode in {"awsvpc", "host"}
	some i, c in input.resource.containerDefinitions
	some j, pm in c.portMappings
	hp := values.number(pm.hostPort)
	cp := values.number(pm.containerPort)
	hp != cp
}
