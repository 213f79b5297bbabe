# METADATA
# title: Secret reference that is not a Secrets Manager secret or SSM parameter
# description: |
#   secrets[].valueFrom and logConfiguration.secretOptions[].valueFrom take a
#   Secrets Manager secret ARN (optionally followed by
#   :json-key:version-stage:version-id), an SSM Parameter Store parameter ARN,
#   or the name of a parameter in the task's Region. Any other value fails
#   registration or stops the task at startup when ECS cannot fetch it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
#     description: Pass Secrets Manager secrets through Amazon ECS environment variables
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html
#     description: Pass Systems Manager parameters through Amazon ECS environment variables
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Secret.html
#     description: Secret (Amazon ECS API reference)
# custom:
#   severity: high
#   remediation: Set valueFrom to the full ARN of the Secrets Manager secret (with an optional :json-key:version-stage:version-id suffix) or to the ARN or name of the SSM parameter.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.correctness["secret-reference-malformed"]

import data.ecslint.lib.arn
import data.ecslint.lib.containers

# [container index, path below the container, what it is, the entry]
_refs contains [i, ["secrets", k], "secret", s] if {
	some i, c in input.resource.containerDefinitions
	some k, s in c.secrets
}

_refs contains [i, ["logConfiguration", "secretOptions", k], "log secret option", s] if {
	some i, c in input.resource.containerDefinitions
	some k, s in c.logConfiguration.secretOptions
}

report contains {
	"message": sprintf("container %s: the valueFrom of %s %q %s", [_label(i), what, _entry_name(s), problem]),
	"path": containers.path(i, array.concat(rel, ["valueFrom"])),
} if {
	some [i, rel, what, s] in _refs

	# Judged on its literal parts: arn:${Partition}:secretsmanager:${Region}:...
	# is well formed.
	problem := arn.secret_reference_problem(s.valueFrom)
}

report contains {
	"message": sprintf("container %s: %s %q has no valueFrom", [_label(i), what, _entry_name(s)]),
	"path": containers.path(i, array.concat(rel, ["valueFrom"])),
} if {
	some [i, rel, what, s] in _refs
	is_object(s)
	not _has_value_from(s)
}

# valueFrom is present, whatever its value (null and false included): the
# same as "valueFrom" in object.keys(s) without building the key set.
_has_value_from(s) if {
	_ = s.valueFrom
}

_label(i) := containers.display_name(input.resource.containerDefinitions[i], i)

_entry_name(s) := s.name if is_string(s.name)

_entry_name(s) := "(unnamed)" if not is_string(object.get(s, "name", null))
