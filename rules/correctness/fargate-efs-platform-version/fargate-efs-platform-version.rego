# METADATA
# title: EFS volumes on a Fargate platform version older than 1.4.0
# description: |
#   Fargate supports Amazon EFS volumes from Linux platform version 1.4.0. A
#   Fargate service pinned to an older platform version cannot start tasks
#   whose task definition mounts an EFS volume; older versions are also
#   retired.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html
#     description: Fargate Linux platform versions
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html
#     description: Amazon EFS volumes with Amazon ECS
# custom:
#   severity: high
#   remediation: Set platformVersion to LATEST or 1.4.0, or omit it.
#   resources: [Service]
#   related: [taskDefinition]
package ecslint.rules.correctness["fargate-efs-platform-version"]

import data.ecslint.lib.launch
import data.ecslint.lib.services

report contains {
	"message": sprintf("Fargate platform version %s does not support EFS volumes (%s of task definition %s); 1.4.0 or later is required", [svc.platformVersion, concat(", ", sort(_efs_volumes)), input.related.taskDefinition.name]),
	"path": ["resource", "platformVersion"],
} if {
	svc := input.resource
	launch.service_on_fargate(svc)
	services.version_before(svc.platformVersion, "1.4.0")

	# Windows platform versions are numbered apart (1.0.0 is current).
	launch.is_linux(launch.task)
	count(_efs_volumes) > 0
}

_efs_volumes contains sprintf("%q", [object.get(v, "name", "")]) if {
	some v in launch.task.volumes
	object.get(v, "efsVolumeConfiguration", null) != null
}
