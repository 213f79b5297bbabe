# METADATA
# title: S3 Files volume on EC2 or without a task role
# description: |
#   Amazon S3 Files volumes (s3filesVolumeConfiguration) work only on Fargate
#   and ECS Managed Instances; on the EC2 launch type and on external
#   instances the task fails at launch. The task mounts the file system with
#   its task role, so a task definition without taskRoleArn cannot mount it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/s3files-volumes.html
#     description: Use Amazon S3 Files volumes with Amazon ECS
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specify-s3files-config.html
#     description: Specify an Amazon S3 Files file system in an Amazon ECS task definition
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_S3FilesVolumeConfiguration.html
#     description: S3FilesVolumeConfiguration (Amazon ECS API reference)
# custom:
#   severity: high
#   remediation: Run tasks with S3 Files volumes only on Fargate or ECS Managed Instances (requiresCompatibilities FARGATE or MANAGED_INSTANCES), and set a taskRoleArn whose role allows s3files:ClientMount.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["s3files-volume-unsupported"]

import data.ecslint.lib.launch
import data.ecslint.lib.values
import data.ecslint.lib.volumes

report contains {
	"message": sprintf("S3 Files volume %s is not supported on %s, where the task fails at launch (%s)", [volumes.display_name(v, i), types, _launch_reason(types)]),
	"path": ["resource", "volumes", i, "s3filesVolumeConfiguration"],
} if {
	# S3 Files volumes are rare: find one (is_s3files needs an object
	# s3filesVolumeConfiguration) before asking for the launch types.
	some i, v in input.resource.volumes
	is_object(v.s3filesVolumeConfiguration)
	volumes.is_s3files(v)
	launch.runs_on_instances
	types := concat(" and ", sort([t | some t in launch.launch_types; t in {"EC2", "EXTERNAL"}]))
}

report contains {
	"message": sprintf("S3 Files volume %s needs a task role to mount the file system, and the task definition sets no taskRoleArn", [volumes.display_name(v, i)]),
	"path": ["resource", "volumes", i, "s3filesVolumeConfiguration"],
} if {
	some i, v in input.resource.volumes
	is_object(v.s3filesVolumeConfiguration)
	volumes.is_s3files(v)
	not values.is_set(object.get(input.resource, "taskRoleArn", null))
	not values.unresolved(object.get(input.resource, "taskRoleArn", null))
}

# Why the task can run on instances, in the words of the input.
_launch_reason(_) := "services using this task definition run there" if _from_services

_launch_reason(types) := sprintf("requiresCompatibilities includes %s", [types]) if {
	not _from_services
	_lists("requiresCompatibilities")
}

_launch_reason(types) := sprintf("compatibilities includes %s", [types]) if {
	not _from_services
	not _lists("requiresCompatibilities")
	_lists("compatibilities")
}

_launch_reason(_) := "requiresCompatibilities is absent, so ECS accepts the task definition for EC2 and EXTERNAL" if {
	not _from_services
	not _lists("requiresCompatibilities")
	not _lists("compatibilities")
}

# The launch types come from the related services, not the declaration.
_from_services if {
	count(launch.services) > 0
	launch.launch_types != launch.declared_launch_types(input.resource)
}

_lists(field) if count(input.resource[field]) > 0
