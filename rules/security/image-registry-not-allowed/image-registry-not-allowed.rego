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
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.security["image-registry-not-allowed"]

import data.ecslint.lib.containers
import data.ecslint.lib.images
import data.ecslint.lib.values

report contains {
	"message": sprintf("container %s uses image %q from registry %q, which is not in allowed_registries", [containers.display_name(c, i), c.image, p.registry]),
	"path": ["resource", "containerDefinitions", i, "image"],
} if {
	allowed := _allowed
	some i, c in input.resource.containerDefinitions

	# Judged on its literal parts (see images.parse): a registry a
	# placeholder may hold, wholly or in part, is unknown.
	p := images.parse(c.image)
	not values.has_hole(p.registry)
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
