# METADATA
# title: Image from a registry outside the allow list
# description: |
#   Images from registries the organisation has not approved bypass its
#   scanning, signing and provenance controls and run with the task's
#   credentials. Active only when allowed_registries is configured.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-tasks-containers.html
#     description: Amazon ECS task and container security best practices
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html
#     description: Sync an upstream registry with an Amazon ECR private registry (pull through cache)
# custom:
#   severity: high
#   remediation: Push the image to an allowed registry (or mirror it through an ECR pull through cache) and reference it there, or add the registry to allowed_registries.
#   resources: [TaskDefinition]
package ecslint.rules.security["image-registry-not-allowed"]

import data.ecslint.lib.images

report contains {
	"message": sprintf("container %q uses image %q from registry %q, which is not in allowed_registries", [_name(c, i), c.image, p.registry]),
	"path": ["resource", "containerDefinitions", i, "image"],
} if {
	input.kind == "TaskDefinition"
	allowed := _allowed
	some i, c in input.resource.containerDefinitions

	# parse is undefined for template placeholders (is_unresolved): "$", "{"
	# and "<" are not image reference characters, so no separate test.
	p := images.parse(c.image)
	not _is_allowed(p.registry, allowed)
}

_allowed := data.ecslint.config.allowed_registries if {
	is_array(data.ecslint.config.allowed_registries)
	count(data.ecslint.config.allowed_registries) > 0
}

_is_allowed(registry, allowed) if {
	some pattern in allowed
	images.registry_host_matches(registry, pattern)
}

# The container's name, or its index when the name is missing.
_name(c, _) := c.name if _named(c)

_name(c, i) := sprintf("#%d", [i]) if not _named(c)

_named(c) if is_string(c.name)
