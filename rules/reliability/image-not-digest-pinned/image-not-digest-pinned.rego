# METADATA
# title: Image not pinned by digest
# description: |
#   A tag can be moved to another image at any time unless the repository
#   makes tags immutable; an @sha256 digest names exactly one image. ECS
#   resolves tags to digests only within one service deployment, so new
#   deployments and standalone tasks follow a moved tag. Opt-in:
#   version tags in immutable ECR repositories are a sound alternative.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_image
#     description: Container definition image parameter (repository-url/image@digest)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html#deployment-container-image-stability
#     description: Container image resolution (tags resolved to digests per deployment)
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
#     description: Preventing image tags from being overwritten in Amazon ECR
# custom:
#   severity: info
#   remediation: Reference the image as repository@sha256:<digest>, resolved by your build pipeline.
#   resources: [TaskDefinition, ContainerDefinitions]
#   enabled: false
package ecslint.rules.reliability["image-not-digest-pinned"]

import data.ecslint.lib.containers
import data.ecslint.lib.images
import data.ecslint.lib.values

report contains {
	"message": sprintf("container %s references image %q by tag rather than by an @sha256 digest", [containers.display_name(c, i), c.image]),
	"path": ["resource", "containerDefinitions", i, "image"],
} if {
	some i, c in input.resource.containerDefinitions

	# Judged on its literal parts (see images.parse): a tag or digest a
	# placeholder may hold is unknown.
	p := images.parse(c.image)
	not images.is_sha256_digest(p.digest)
	not values.has_hole(p.digest)
	not images.is_cdk_asset(c.image)
}
