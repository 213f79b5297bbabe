# METADATA
# title: Fargate task without the awsvpc network mode
# description: |
#   Every Fargate task gets its own elastic network interface, so Fargate
#   supports only the awsvpc network mode. A task definition that can run on
#   Fargate and sets another mode, or omits networkMode (bridge by default),
#   is rejected for Fargate.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html
#     description: Amazon ECS task networking options for Fargate
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#network_mode
#     description: Task definition parameters, network mode
# custom:
#   severity: critical
#   remediation: Set networkMode to awsvpc and give the service or run-task call a networkConfiguration with subnets and security groups.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["fargate-network-mode"]

import data.ecslint.lib.launch
import data.ecslint.lib.values

report contains {
	"message": sprintf("networkMode is %q; Fargate supports only awsvpc (the task %s)", [input.resource.networkMode, launch.fargate_reason]),
	"path": ["resource", "networkMode"],
} if {
	# The mode first: nearly every Fargate task says awsvpc, and then the
	# launch types (the dearest fact here) are never worked out.
	mode := input.resource.networkMode
	is_string(mode)
	lower(mode) != "awsvpc"
	values.known(mode)
	_on_fargate
}

report contains {
	"message": sprintf("the task definition has no networkMode, so it defaults to %s; Fargate supports only awsvpc (the task %s)", [_default_mode, launch.fargate_reason]),
	"path": ["resource", "networkMode"],
} if {
	object.get(input.resource, "networkMode", null) == null
	_on_fargate
}

# launch.network_mode reads the OS family, which may be an unresolved reference.
_default_mode := _mode_text[launch.network_mode(input.resource)] if is_string(launch.os_family(input.resource))

_mode_text := {"bridge": "bridge", "default": "the Windows Docker default (NAT)"}

_default_mode := "bridge on Linux" if not is_string(launch.os_family(input.resource))

_on_fargate if {
	launch.runs_on_fargate
}
