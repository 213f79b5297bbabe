# METADATA
# title: EFS volume without IAM authorization
# description: |
#   Without IAM authorization, any client that can reach an EFS mount target
#   can mount the file system; with it, the task mounts with its task role and
#   the file system policy decides what each role may do. IAM authorization
#   and access points both require transit encryption: ECS rejects an EFS
#   volume that uses either without transitEncryption ENABLED.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html
#     description: Use Amazon EFS volumes with Amazon ECS
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSAuthorizationConfig.html
#     description: EFSAuthorizationConfig (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html
#     description: Using IAM to control access to Amazon EFS file systems
# custom:
#   severity: medium
#   severities:
#     - severity: high
#       when: IAM authorization or an access point is used without transit encryption, which ECS rejects at registration
#   remediation: Set authorizationConfig.iam to ENABLED and transitEncryption to ENABLED on every EFS volume, give the task a task role, and grant it access in the file system policy.
#   resources: [TaskDefinition]
package ecslint.rules.security["efs-iam-authorization"]

import data.ecslint.lib.values
import data.ecslint.lib.volumes

# IAM authorization or an access point without transit encryption: ECS
# rejects the registration, hence high.
report contains {
	"message": sprintf("EFS volume %s uses %s without transitEncryption ENABLED, which ECS rejects", [volumes.display_name(v, i), _needs_transit(v)]),
	"path": _transit_path(i, v),
	"severity": "high",
} if {
	some i, v in input.resource.volumes
	volumes.is_efs(v)
	not volumes.efs_transit_encrypted(v)
	not volumes.efs_transit_unresolved(v)
	_needs_transit(v)
}

report contains {
	"message": sprintf("EFS volume %s %s, so the task mounts the file system anonymously instead of with its task role", [volumes.display_name(v, i), _iam_state(v)]),
	"path": _iam_path(i, v),
} if {
	some i, v in input.resource.volumes
	volumes.is_efs(v)
	not volumes.efs_iam_enabled(v)
	not volumes.efs_iam_unresolved(v)
}

# One body with else: separate bodies with opposite conditions were all
# evaluated on every call.
_needs_transit(v) := "IAM authorization and an access point" if {
	volumes.efs_iam_enabled(v)
	volumes.efs_access_point(v)
} else := "IAM authorization" if {
	volumes.efs_iam_enabled(v)
} else := "an access point" if {
	volumes.efs_access_point(v)
}

_transit_path(i, _) := ["resource", "volumes", i, "efsVolumeConfiguration", "transitEncryption"]

_iam_state(v) := sprintf("sets authorizationConfig.iam to %q", [v.efsVolumeConfiguration.authorizationConfig.iam]) if {
	values.is_set(v.efsVolumeConfiguration.authorizationConfig.iam)
}

_iam_state(v) := "does not enable IAM authorization (authorizationConfig.iam defaults to DISABLED)" if {
	not values.is_set(object.get(v.efsVolumeConfiguration, ["authorizationConfig", "iam"], null))
}

_iam_path(i, _) := ["resource", "volumes", i, "efsVolumeConfiguration", "authorizationConfig", "iam"]
