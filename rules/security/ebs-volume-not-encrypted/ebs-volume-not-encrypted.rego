# METADATA
# title: ECS-managed EBS volume not encrypted
# description: |
#   A service can attach an Amazon EBS volume to each task. Unless the volume
#   is encrypted, its data and snapshots are stored in the clear. ECS encrypts
#   it when encrypted is true, when the cluster's managedStorageConfiguration
#   sets a KMS key, or when EBS encryption by default is on for the account and
#   Region; only the first is visible in the service.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-kms-encryption.html
#     description: Encrypt data stored in Amazon EBS volumes attached to Amazon ECS tasks
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceManagedEBSVolumeConfiguration.html
#     description: ServiceManagedEBSVolumeConfiguration (Amazon ECS API reference)
# custom:
#   severity: medium
#   remediation: Set encrypted to true on the managedEBSVolume, with kmsKeyId for a customer managed key.
#   resources: [Service]
package ecslint.rules.security["ebs-volume-not-encrypted"]

import data.ecslint.lib.services

report contains {
	"message": sprintf("EBS volume %q is %s; it is encrypted anyway only if the cluster's managedStorageConfiguration sets a kmsKeyId or EBS encryption by default is on for the account and Region%s", [object.get(vc, "name", ""), _state(ebs), _snapshot_note(ebs)]),
	"path": array.concat(["resource"], array.concat(p, _tail(i, ebs))),
} if {
	some [p, vcs] in services.setting(input.resource, "volumeConfigurations")
	some i, vc in vcs
	ebs := vc.managedEBSVolume
	is_object(ebs)
	not _encrypted_or_unknown(ebs)
}

# encrypted: true, or a value that is not a boolean (a template placeholder).
_encrypted_or_unknown(ebs) if ebs.encrypted == true

_encrypted_or_unknown(ebs) if {
	ebs.encrypted != null
	not is_boolean(ebs.encrypted)
}

_tail(i, _) := [i, "managedEBSVolume", "encrypted"]

_state(ebs) := "not encrypted (encrypted: false)" if ebs.encrypted == false

_state(ebs) := "not set to be encrypted (encrypted is absent)" if object.get(ebs, "encrypted", null) == null

_snapshot_note(ebs) := ", or the snapshot it is created from is encrypted" if _has_snapshot(ebs)

_snapshot_note(ebs) := "" if not _has_snapshot(ebs)

_has_snapshot(ebs) if {
	is_string(ebs.snapshotId)
	ebs.snapshotId != ""
}
