# METADATA
# title: Mount point or volumesFrom names nothing declared
# description: |
#   A mount point's sourceVolume must be the name of a volume in volumes[],
#   and volumesFrom must name a container of the same task definition.
#   Otherwise the container cannot get the storage it expects: ECS rejects
#   the definition or the task fails to start.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_MountPoint.html
#     description: MountPoint (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_VolumeFrom.html
#     description: VolumeFrom (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_storage
#     description: Task definition parameters, storage and logging
# custom:
#   severity: high
#   remediation: Make every mountPoints sourceVolume match the name of a volume in volumes[], and every volumesFrom sourceContainer match a container name, or remove the reference.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.correctness["mount-point-unknown-volume"]

import data.ecslint.lib.containers
import data.ecslint.lib.values

report contains {
	"message": sprintf("container %s mounts volume %q, but the task definition declares no volume of that name%s", [containers.display_name(c, ci), mp.sourceVolume, _declared_hint]),
	"path": ["resource", "containerDefinitions", ci, "mountPoints", j, "sourceVolume"],
} if {
	# The rule also reads bare container arrays, which carry no volumes:
	# volume names are known only in a task definition.
	input.kind == "TaskDefinition"
	some ci, c in input.resource.containerDefinitions
	some j, mp in c.mountPoints
	not mp.sourceVolume in _volume_names
	containers.is_concrete_name(mp.sourceVolume)
	not _volume_names_unknown
}

report contains {
	"message": sprintf("container %s takes volumesFrom container %q, which is not in the task definition", [containers.display_name(c, ci), vf.sourceContainer]),
	"path": ["resource", "containerDefinitions", ci, "volumesFrom", j, "sourceContainer"],
} if {
	# Container names are known from the containers alone.
	some ci, c in input.resource.containerDefinitions
	some j, vf in c.volumesFrom
	not vf.sourceContainer in _container_names
	containers.is_concrete_name(vf.sourceContainer)
	not _container_names_unknown
}

_volume_names := {v.name | some v in input.resource.volumes}

_container_names := {c.name | some c in input.resource.containerDefinitions}

# A name filled in by a template could match anything: do not judge.
_volume_names_unknown if {
	some v in input.resource.volumes
	values.unresolved(object.get(v, "name", null))
}

_container_names_unknown if containers.has_placeholder_name(input.resource)

_declared_hint := sprintf(" (declared: %s)", [concat(", ", sort([sprintf("%q", [n]) | some n in _volume_names; is_string(n)]))]) if {
	count(_volume_names) > 0
}

_declared_hint := " (it declares no volumes)" if count(_volume_names) == 0
