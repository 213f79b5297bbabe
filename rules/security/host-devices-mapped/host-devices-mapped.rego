# METADATA
# title: Container maps a host device
# description: |
#   linuxParameters.devices gives the container direct access to a device of
#   the instance, bypassing the container's isolation for it: a disk device
#   exposes every file on it, including other tasks' data, and /dev/mem the
#   host's memory. Accelerator devices (GPU, Inferentia, video transcoding)
#   are often needed; they are reported at low severity.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Device.html
#     description: Amazon ECS API reference, Device
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_linuxparameters
#     description: Amazon ECS task definition parameters (linuxParameters)
# custom:
#   severity: medium
#   severities:
#     - severity: high
#       when: the device gives raw access to the instance's disks or memory (/dev/mem, /dev/kmem, /dev/sd*, /dev/nvme*, /dev/mapper/*...)
#     - severity: low
#       when: the device is an accelerator a workload needs (GPU, Neuron, DRI render nodes)
#   remediation: Remove the device mapping, or map only the device the workload needs with the fewest permissions (read without write and mknod).
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.security["host-devices-mapped"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch
import data.ecslint.lib.values

report contains finding if {
	some i, c in input.resource.containerDefinitions
	some j, d in object.get(c, ["linuxParameters", "devices"], [])
	is_string(d.hostPath)
	values.is_set(d.hostPath)

	# The task's OS (the first rule to ask pays for it) only for the rare
	# container that maps a device.
	launch.input_linux
	base := {
		"message": sprintf("container %s maps host device %q with %s", [containers.display_name(c, i), d.hostPath, _permissions(d)]),
		"path": ["resource", "containerDefinitions", i, "linuxParameters", "devices", j],
	}
	finding := object.union(base, _severity(d.hostPath))
}

_permissions(d) := sprintf("permissions %s", [concat(", ", d.permissions)]) if _listed_permissions(d)

_permissions(d) := "read, write and mknod permissions (the default)" if not _listed_permissions(d)

_listed_permissions(d) if {
	is_array(d.permissions)
	count(d.permissions) > 0
	every p in d.permissions {
		is_string(p)
	}
}

_severity(path) := {"severity": "high"} if _disk_or_memory(path)

_severity(path) := {"severity": "low"} if _accelerator(path)

_severity(path) := {} if {
	not _disk_or_memory(path)
	not _accelerator(path)
}

# Raw access to the instance's disks or memory reads everything on them.
_disk_or_memory(path) if regex.match(`^/dev/(mem|kmem|port|root|(xvd|sd|vd|hd)[a-z]+[0-9]*|nvme[0-9]+(n[0-9]+(p[0-9]+)?)?|dm-[0-9]+|loop[0-9]+|mapper/.+|disk/.+)$`, path)

# Accelerators (GPU, Inferentia and Trainium, DRI render nodes of video
# transcoding instances) that a workload cannot run without.
_accelerator(path) if regex.match(`^/dev/(neuron[0-9]*|nvidia[a-z0-9-]*|dri/.+|accel/.+)$`, path)
