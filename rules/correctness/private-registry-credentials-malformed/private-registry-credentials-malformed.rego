# METADATA
# title: Private registry credentials not a Secrets Manager secret
# description: |
#   repositoryCredentials.credentialsParameter must name a Secrets Manager
#   secret, by ARN or (in the task's Region) by name. Anything else, such as
#   an SSM parameter ARN or an S3 URL, fails registration or leaves the task
#   unable to pull its image.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/private-auth.html
#     description: Using non-AWS container images in Amazon ECS
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RepositoryCredentials.html
#     description: RepositoryCredentials API reference
# custom:
#   severity: high
#   remediation: Store the registry username and password as a JSON secret in AWS Secrets Manager and set credentialsParameter to its ARN or name.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["private-registry-credentials-malformed"]

import data.ecslint.lib.images

report contains {
	"message": sprintf("container %q: repositoryCredentials.credentialsParameter is not a Secrets Manager secret ARN or name", [_name(c, i)]),
	"path": ["resource", "containerDefinitions", i, "repositoryCredentials", "credentialsParameter"],
} if {
	input.kind == "TaskDefinition"
	some i, c in input.resource.containerDefinitions
	p := c.repositoryCredentials.credentialsParameter
	not _placeholder(p)
	not images.is_secret_reference(p)
}

report contains {
	"message": sprintf("container %q: repositoryCredentials has no credentialsParameter", [_name(c, i)]),
	"path": ["resource", "containerDefinitions", i, "repositoryCredentials"],
} if {
	input.kind == "TaskDefinition"
	some i, c in input.resource.containerDefinitions
	is_object(c.repositoryCredentials)
	not "credentialsParameter" in object.keys(c.repositoryCredentials)
}

# The containers are iterated in each report rule: a partial object rule
# holding them (_containers[i] := c) cost more to build than it saved.

# Template placeholders, and the empty string of a CLI skeleton
# (--generate-cli-skeleton), are not yet a value. "$", "{", "}", "<" and ">"
# are valid in neither a secret name nor an ARN: a value using them is a
# template ($SECRET_ARN, <SECRET>), not a wrong reference.
_placeholder("")

_placeholder(p) if images.is_unresolved(p)

_placeholder(p) if regex.match(`[$<>{}]`, p)

# The container's name, or its index when the name is missing.
_name(c, _) := c.name if _named(c)

_name(c, i) := sprintf("#%d", [i]) if not _named(c)

_named(c) if is_string(c.name)
