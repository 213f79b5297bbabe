# METADATA
# title: Image pulled anonymously from Docker Hub
# description: |
#   Docker Hub throttles anonymous pulls per source IP address, and every
#   task behind one NAT gateway shares that limit, so scale-outs and
#   replacements can fail to pull. The pulls are also outside IAM control
#   and CloudTrail. ECR, ECR Public or an ECR pull through cache avoid both.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html
#     description: Sync an upstream registry with an Amazon ECR private registry (pull through cache)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/private-auth.html
#     description: Using non-AWS container images in Amazon ECS (repositoryCredentials)
#   - ref: https://docs.docker.com/docker-hub/usage/
#     description: Docker Hub usage and pull limits
# custom:
#   severity: low
#   remediation: Pull the image from Amazon ECR, ECR Public (public.ecr.aws/docker/library/ for official images) or an ECR pull through cache rule for Docker Hub, or authenticate the pull with repositoryCredentials.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.reliability["image-from-docker-hub"]

import data.ecslint.lib.containers
import data.ecslint.lib.images
import data.ecslint.lib.values

report contains {
	"message": sprintf("container %s pulls image %q from Docker Hub without credentials", [containers.display_name(c, i), c.image]),
	"path": ["resource", "containerDefinitions", i, "image"],
} if {
	some i, c in input.resource.containerDefinitions

	# Judged on its literal parts (see images.parse): an unknown registry is
	# never Docker Hub.
	images.parse(c.image).registry in images.docker_hub_registries
	not _authenticated(c)
}

# A pull with repositoryCredentials is authenticated: higher or no rate
# limits, and the author chose Docker Hub deliberately. A placeholder
# parameter counts; a blank one is not set.
_authenticated(c) if values.is_set(c.repositoryCredentials.credentialsParameter)
