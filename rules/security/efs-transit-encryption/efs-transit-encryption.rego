# METADATA
# title: EFS volume without encryption in transit
# description: |
#   Without transit encryption, file data between the task and the EFS mount
#   target crosses the network in clear text. transitEncryption defaults to
#   DISABLED, so every EFS volume must set it explicitly.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html
#     description: Use Amazon EFS volumes with Amazon ECS
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-18
#     description: "[ECS.18] ECS task definitions should use encryption in transit for EFS volumes"
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSVolumeConfiguration.html
#     description: EFSVolumeConfiguration (Amazon ECS API reference)
# custom:
#   severity: high
#   remediation: Set efsVolumeConfiguration.transitEncryption to ENABLED on every EFS volume.
#   resources: [TaskDefinition]
#   frameworks:
#     securityhub: [ECS.18]
package ecslint.rules.security["efs-transit-encryption"]

import data.ecslint.lib.values
import data.ecslint.lib.volumes

report contains {
	"message": sprintf("EFS volume %s %s, so file data crosses the network unencrypted", [volumes.display_name(v, i), _state(v)]),
	"path": _path(i, v),
} if {
	some i, v in input.resource.volumes
	volumes.is_efs(v)
	not volumes.efs_transit_encrypted(v)
	not volumes.efs_transit_unresolved(v)
}

_state(v) := sprintf("sets transitEncryption to %q", [v.efsVolumeConfiguration.transitEncryption]) if {
	values.is_set(v.efsVolumeConfiguration.transitEncryption)
}

_state(v) := "does not set transitEncryption (the default is DISABLED)" if {
	not values.is_set(object.get(v.efsVolumeConfiguration, "transitEncryption", null))
}

_path(i, _) := ["resource", "volumes", i, "efsVolumeConfiguration", "transitEncryption"]
