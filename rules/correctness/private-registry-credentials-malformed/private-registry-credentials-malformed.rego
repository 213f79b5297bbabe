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
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.correctness["private-registry-credentials-malformed"]

import data.ecslint.lib.arn
import data.ecslint.lib.containers

report contains {
	"message": sprintf("container %s: repositoryCredentials.credentialsParameter is not a Secrets Manager secret ARN or name", [containers.display_name(c, i)]),
	"path": containers.path(i, ["repositoryCredentials", "credentialsParameter"]),
} if {
	some i, c in input.resource.containerDefinitions
	p := c.repositoryCredentials.credentialsParameter

	# Judged on its literal parts: arn:aws:secretsmanager:${REGION}:...
	# may be a secret, arn:aws:ssm:${REGION}:... is not.
	not arn.may_be_secret(p)
}

report contains {
	"message": sprintf("container %s: repositoryCredentials has no credentialsParameter", [containers.display_name(c, i)]),
	"path": containers.path(i, ["repositoryCredentials", "credentialsParameter"]),
} if {
	some i, c in input.resource.containerDefinitions
	is_object(c.repositoryCredentials)
	not "credentialsParameter" in object.keys(c.repositoryCredentials)
}

# The containers are iterated in each report rule: a partial object rule
# holding them (_containers[i] := c) cost more to build than it saved.
