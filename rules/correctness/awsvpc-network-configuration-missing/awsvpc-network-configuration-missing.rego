# METADATA
# title: Service network configuration does not match the task's network mode
# description: |
#   A task in awsvpc network mode gets its own network interface, so the
#   service must say which subnets and security groups to use in
#   networkConfiguration.awsvpcConfiguration; ECS rejects the service without
#   it. For any other network mode ECS rejects a network configuration.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html#ECS-CreateService-request-networkConfiguration
#     description: CreateService networkConfiguration (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html
#     description: Amazon ECS task networking options for the awsvpc network mode
# custom:
#   severity: critical
#   remediation: Give a service of an awsvpc task definition a networkConfiguration.awsvpcConfiguration with its subnets and security groups, and remove networkConfiguration from a service whose task definition uses another network mode.
#   resources: [Service]
#   related: [taskDefinition]
package ecslint.rules.correctness["awsvpc-network-configuration-missing"]

import data.ecslint.lib.launch
import data.ecslint.lib.services

report contains {
	"message": sprintf("task definition %s uses the awsvpc network mode, but the service has no networkConfiguration.awsvpcConfiguration (subnets and security groups)", [_td_name]),
	"path": ["resource", "networkConfiguration", "awsvpcConfiguration"],
} if {
	_applies

	# An update-service input keeps the network configuration it leaves out.
	not services.partial
	_mode == "awsvpc"
	count(_awsvpc_configurations) == 0
}

report contains {
	"message": sprintf("the service sets networkConfiguration, but task definition %s uses the %s network mode: ECS accepts a network configuration only for awsvpc", [_td_name, _mode]),
	"path": array.concat(["resource"], p),
} if {
	_applies
	_mode != "awsvpc"
	some p in _awsvpc_configurations
}

# EXTERNAL deployment controllers put the network configuration on task
# sets, not on the service.
_applies if {
	launch.task
	services.deployment_controller(input.resource) != "EXTERNAL"
}

# The network mode, only when it is one ECS knows: a template placeholder is
# not judged.
_mode := m if {
	m := launch.network_mode(launch.task)
	m in {"awsvpc", "bridge", "host", "none", "default"}
}

# Paths (relative to the service) of the awsvpcConfiguration: top level, or
# the PRIMARY deployment of describe-services output.
_awsvpc_configurations contains array.concat(p, ["awsvpcConfiguration"]) if {
	some [p, nc] in services.setting(input.resource, "networkConfiguration")
	object.get(nc, "awsvpcConfiguration", null) != null
}

_td_name := input.related.taskDefinition.name if is_string(input.related.taskDefinition.name)

_td_name := "(resolved)" if not is_string(object.get(input, ["related", "taskDefinition", "name"], null))
