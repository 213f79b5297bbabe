# METADATA
# title: Load balancer or service registry names a container port the task does not have
# description: |
#   A loadBalancers or serviceRegistries entry routes traffic to a container
#   name and container port of the task definition. When the task definition
#   has no such container, or no port mapping for that port in it, ECS rejects
#   the service or cannot register the tasks.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html
#     description: LoadBalancer (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceRegistry.html
#     description: ServiceRegistry (Amazon ECS API reference)
# custom:
#   severity: high
#   remediation: Point containerName and containerPort at a container of the task definition and a containerPort in its portMappings.
#   resources: [Service]
#   related: [taskDefinition]
package ecslint.rules.correctness["lb-container-not-in-task"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch

_entries := {"loadBalancers": "load balancer", "serviceRegistries": "service registry"}

report contains {
	"message": sprintf("%s entry %d names container %q, which task definition %s does not define", [what, i, e.containerName, _td_name]),
	"path": ["resource", field, i, "containerName"],
} if {
	is_array(launch.task.containerDefinitions)
	some field, what in _entries
	some i, e in input.resource[field]
	containers.is_concrete_name(e.containerName)
	not _may_have_container(e.containerName)
}

report contains {
	"message": sprintf("%s entry %d routes to port %d of container %q, which has no port mapping for that containerPort", [what, i, e.containerPort, e.containerName]),
	"path": ["resource", field, i, "containerPort"],
} if {
	is_array(launch.task.containerDefinitions)
	some field, what in _entries
	some i, e in input.resource[field]
	containers.is_concrete_name(e.containerName)
	is_number(e.containerPort)
	_has_container(e.containerName)
	not _may_map_port(e.containerName, e.containerPort)
}

_td_name := input.related.taskDefinition.name if is_string(input.related.taskDefinition.name)

_td_name := "(resolved)" if not is_string(object.get(input, ["related", "taskDefinition", "name"], null))

_has_container(name) if {
	some c in launch.task.containerDefinitions
	c.name == name
}

# A container whose name is a template placeholder might be the one named:
# the rule does not judge such a task definition.
_placeholder_container if containers.has_placeholder_name(launch.task)

_may_have_container(name) if _has_container(name)

_may_have_container(_) if _placeholder_container

_may_map_port(name, port) if {
	some c in launch.task.containerDefinitions
	c.name == name
	_maps_port(c, port)
}

_may_map_port(_, _) if _placeholder_container

# _maps_port holds when a port mapping of the container serves the port
# (containerPort, or a containerPortRange that covers it), or when a mapping
# cannot be read (a placeholder), so that unknown values stay silent.
_maps_port(c, port) if {
	some pm in c.portMappings
	pm.containerPort == port
}

_maps_port(c, _) if {
	some pm in c.portMappings
	object.get(pm, "containerPort", null) != null
	not is_number(pm.containerPort)
}

_maps_port(c, port) if {
	some pm in c.portMappings
	[lo, hi] := _range(pm.containerPortRange)
	lo <= port
	port <= hi
}

_maps_port(c, _) if {
	some pm in c.portMappings
	is_string(pm.containerPortRange)
	not _range(pm.containerPortRange)
}

_range(s) := [to_number(m[1]), to_number(m[2])] if {
	ms := regex.find_all_string_submatch_n(`^\s*([0-9]+)\s*-\s*([0-9]+)\s*$`, s, 1)
	count(ms) == 1
	m := ms[0]
}
