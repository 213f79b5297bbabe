# METADATA
# title: Root directory set together with an access point
# description: |
#   An access point enforces its own root directory, so ECS requires the
#   volume's rootDirectory to be omitted or "/" when an access point is given
#   and rejects the task definition otherwise. The same holds for S3 Files
#   volumes with an accessPointArn.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSVolumeConfiguration.html
#     description: EFSVolumeConfiguration (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html
#     description: Use Amazon EFS volumes with Amazon ECS
#   - ref: https://docs.aws.amazon.com/efs/latest/ug/efs-access-points.html
#     description: Working with Amazon EFS access points
# custom:
#   severity: high
#   remediation: Remove rootDirectory (or set it to "/") and set the directory as the access point's root directory instead.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["efs-access-point-root-directory"]

import data.ecslint.lib.values
import data.ecslint.lib.volumes

report contains {
	"message": sprintf("EFS volume %s sets rootDirectory %q together with access point authorizationConfig.accessPointId; ECS requires rootDirectory to be omitted or \"/\" with an access point", [volumes.display_name(v, i), v.efsVolumeConfiguration.rootDirectory]),
	"path": ["resource", "volumes", i, "efsVolumeConfiguration", "rootDirectory"],
} if {
	some i, v in input.resource.volumes
	volumes.efs_access_point(v)
	_conflicting_root(v.efsVolumeConfiguration.rootDirectory)
}

report contains {
	"message": sprintf("S3 Files volume %s sets rootDirectory %q together with accessPointArn; ECS requires rootDirectory to be omitted or \"/\" with an access point", [volumes.display_name(v, i), v.s3filesVolumeConfiguration.rootDirectory]),
	"path": ["resource", "volumes", i, "s3filesVolumeConfiguration", "rootDirectory"],
} if {
	some i, v in input.resource.volumes
	volumes.s3files_access_point(v)
	_conflicting_root(v.s3filesVolumeConfiguration.rootDirectory)
}

# A root directory other than "/" ("//" and "/." are "/"); empty strings
# count as omitted. With a placeholder, the literal parts decide:
# "/data/${DIR}" is below /data, "/${DIR}" may be "/".
_conflicting_root(d) if {
	values.is_set(d)
	p := volumes.known_path(d)
	p.path != "/"
	p.path != ""
}
