# METADATA
# title: Fargate ephemeral storage size out of range
# description: |
#   ephemeralStorage.sizeInGiB raises the ephemeral storage of a Fargate task
#   above its default of 20 GiB and accepts only 21 to 200 GiB. ECS rejects
#   any other size, including an explicit 20.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html
#     description: Fargate task ephemeral storage for Amazon ECS
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html
#     description: EphemeralStorage (Amazon ECS API reference)
# custom:
#   severity: high
#   remediation: Set ephemeralStorage.sizeInGiB between 21 and 200, or remove ephemeralStorage to keep the default 20 GiB.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["fargate-ephemeral-storage-range"]

import data.ecslint.lib.launch

report contains {
	"message": sprintf("ephemeralStorage.sizeInGiB is %v; Fargate accepts 21 to 200 GiB (omit ephemeralStorage for the default 20 GiB) (the task %s)", [size, launch.fargate_reason]),
	"path": ["resource", "ephemeralStorage", "sizeInGiB"],
} if {
	launch.runs_on_fargate
	size := input.resource.ephemeralStorage.sizeInGiB
	is_number(size)
	not _in_range(size)
}

_in_range(size) if {
	size >= 21
	size <= 200
}
