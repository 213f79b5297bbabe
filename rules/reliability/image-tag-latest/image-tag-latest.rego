# METADATA
# title: Image without a version tag or with the latest tag
# description: |
#   An image with no tag resolves to "latest", a moving pointer: the next
#   deployment or standalone task pulls whatever was pushed last, not the
#   build that was tested, and the task definition does not record which
#   version runs.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/application.html
#     description: Best practices for Amazon ECS container images (use latest only for testing)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_image
#     description: Container definition image parameter
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
#     description: Preventing image tags from being overwritten in Amazon ECR
# custom:
#   severity: medium
#   remediation: Reference each image by a version tag (for example a release number or commit hash) or an @sha256 digest, and make the repository's tags immutable.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.reliability["image-tag-latest"]

import data.ecslint.lib.containers
import data.ecslint.lib.images

report contains {
	"message": sprintf("container %s uses image %q without a tag or digest, which pulls \"latest\"", [containers.display_name(c, i), c.image]),
	"path": ["resource", "containerDefinitions", i, "image"],
} if {
	some i, c in input.resource.containerDefinitions

	# Judged on its literal parts (see images.parse): a tag or digest a
	# placeholder may hold is unknown.
	p := images.parse(c.image)
	p.tag == ""
	p.digest == ""
}

report contains {
	"message": sprintf("container %s uses image %q with the \"latest\" tag", [containers.display_name(c, i), c.image]),
	"path": ["resource", "containerDefinitions", i, "image"],
} if {
	some i, c in input.resource.containerDefinitions
	p := images.parse(c.image) # cached from the first report rule
	p.tag == "latest"
	p.digest == ""
}
