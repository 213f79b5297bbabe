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
#   resources: [TaskDefinition]
#   enabled: false
package ecslint.rules.reliability["image-not-digest-pinned"]

import data.ecslint.lib.images

report contains {
	"message": sprintf("container %q references image %q by tag rather than by an @sha256 digest", [_name(c, i), c.image]),
	"path": ["resource", "containerDefinitions", i, "image"],
} if {
	input.kind == "TaskDefinition"
	some i, c in input.resource.containerDefinitions

	# parse is undefined for template placeholders (is_unresolved): "$", "{"
	# and "<" are not image reference characters, so no separate test.
	p := images.parse(c.image)
	not images.is_sha256_digest(p.digest)
	not images.is_cdk_asset(c.image)
}

# The container's name, or its index when the name is missing.
_name(c, _) := c.name if _named(c)

_name(c, i) := sprintf("#%d", [i]) if not _named(c)

_named(c) if is_string(c.name)
