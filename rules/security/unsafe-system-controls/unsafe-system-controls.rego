# METADATA
# title: System control ECS does not support
# description: |
#   ECS sets only sysctls that are namespaced for the container: network
#   sysctls (net.*) and the IPC list (kernel.msg*, kernel.sem, kernel.shm*,
#   fs.mqueue.*). Any other sysctl (vm.*, other kernel.* keys) would change the
#   whole instance's kernel, and a namespaced one is shared with the instance
#   when the task uses the host's network or IPC namespace. The container
#   runtime refuses these settings, so the task does not start.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_SystemControl.html
#     description: Amazon ECS API reference, SystemControl
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_systemcontrols
#     description: Amazon ECS task definition parameters (systemControls)
# custom:
#   severity: medium
#   remediation: Remove the system control, or set it on the instance (user data or a launch template) when the whole instance needs it.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.security["unsafe-system-controls"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch
import data.ecslint.lib.values

report contains {
	"message": sprintf("container %s sets %s", [containers.display_name(c, i), _why(ns, kind)]),
	"path": ["resource", "containerDefinitions", i, "systemControls", j, "namespace"],
} if {
	some i, c in input.resource.containerDefinitions
	some j, sc in object.get(c, "systemControls", [])
	ns := sc.namespace
	values.known(ns)
	kind := containers.sysctl_namespace(ns)
	_unsupported(kind)

	# The task's OS (the first rule to ask pays for it) only for the rare
	# sysctl that would be reported.
	launch.input_linux
}

_unsupported("other")

_unsupported("net") if lower(launch.network_mode(input.resource)) == "host"

_unsupported("ipc") if {
	is_string(input.resource.ipcMode)
	lower(trim_space(input.resource.ipcMode)) == "host"
}

_why(ns, "other") := sprintf("sysctl %q, which is not namespaced: ECS supports only network (net.*) and IPC sysctls; it would change the instance's kernel", [ns])

_why(ns, "net") := sprintf("network sysctl %q in host network mode, where the container shares the instance's network namespace and ECS does not support it", [ns])

_why(ns, "ipc") := sprintf("IPC sysctl %q with ipcMode host, where the container shares the instance's IPC namespace and ECS does not support it", [ns])
