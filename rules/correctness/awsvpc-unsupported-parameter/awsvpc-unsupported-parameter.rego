# METADATA
# title: Container uses a parameter that awsvpc network mode does not support
# description: |
#   With awsvpc network mode every container of the task shares the task's
#   elastic network interface, so Docker links, a container hostname and
#   extra /etc/hosts entries do not apply. ECS rejects links, hostname and
#   extraHosts in an awsvpc task definition, which includes every Fargate task.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
#     description: ContainerDefinition (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html
#     description: Amazon ECS task networking for the awsvpc network mode
# custom:
#   severity: high
#   remediation: Remove links, hostname and extraHosts; containers of an awsvpc task reach each other on localhost.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["awsvpc-unsupported-parameter"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch

report contains {
	"message": sprintf("container %s sets %s, which the awsvpc network mode does not support", [containers.display_name(c, i), field]),
	"path": ["resource", "containerDefinitions", i, field],
} if {
	launch.network_mode(input.resource) == "awsvpc"
	some i, c in input.resource.containerDefinitions
	some field, v in object.filter(c, {"links", "hostname", "extraHosts"})
	_set(v)
}

# A non-empty list or string; null, [] and "" (CLI skeletons) are unset.
_set(v) if {
	is_array(v)
	count(v) > 0
}

_set(v) if {
	is_string(v)
	trim_space(v) != ""
}
