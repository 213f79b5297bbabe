# METADATA
# title: Host path or Docker volume on Fargate
# description: |
#   Fargate tasks cannot see the host: a bind mount may not set
#   host.sourcePath and Docker volumes (dockerVolumeConfiguration) are not
#   supported, so ECS rejects such a task definition for Fargate. Use an empty
#   host ({}) for task-scoped storage, or EFS, EBS or S3 Files for persistent
#   storage.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html
#     description: Storage options for Amazon ECS tasks on Fargate
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html
#     description: Use bind mounts with Amazon ECS
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HostVolumeProperties.html
#     description: HostVolumeProperties (Amazon ECS API reference)
# custom:
#   severity: high
#   remediation: Remove host.sourcePath (an empty host gives task-scoped storage) and replace Docker volumes with an empty host volume, or use an EFS, EBS or S3 Files volume for data that must persist.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["fargate-host-volume-source-path"]

import data.ecslint.lib.launch
import data.ecslint.lib.volumes

report contains {
	"message": sprintf("volume %s sets host.sourcePath, which Fargate does not support (the task %s)", [volumes.display_name(v, i), launch.fargate_reason]),
	"path": ["resource", "volumes", i, "host", "sourcePath"],
} if {
	# The volume test first: most task definitions have no such volume, and
	# then the launch types are never needed.
	some i, v in input.resource.volumes
	volumes.has_source_path(v)
	launch.runs_on_fargate
}

report contains {
	"message": sprintf("volume %s is a Docker volume (dockerVolumeConfiguration), which Fargate does not support (the task %s)", [volumes.display_name(v, i), launch.fargate_reason]),
	"path": ["resource", "volumes", i, "dockerVolumeConfiguration"],
} if {
	some i, v in input.resource.volumes
	volumes.is_docker_volume(v)
	launch.runs_on_fargate
}
