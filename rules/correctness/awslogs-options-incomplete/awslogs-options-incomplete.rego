# METADATA
# title: awslogs log driver without its required options
# description: |
#   The awslogs driver needs awslogs-group and awslogs-region, and on Fargate
#   also awslogs-stream-prefix. ECS rejects the task definition without them,
#   so the containers' output never reaches CloudWatch Logs.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
#     description: Send Amazon ECS logs to CloudWatch
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html
#     description: LogConfiguration (Amazon ECS API reference)
# custom:
#   severity: high
#   remediation: Set awslogs-group and awslogs-region in the awslogs options, and awslogs-stream-prefix when the task runs on Fargate.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.correctness["awslogs-options-incomplete"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch
import data.ecslint.lib.values

# The LogConfiguration API text lists awslogs-region as required with no
# launch-type exception (only awslogs-stream-prefix is Fargate-only), and ECS
# answers a registration without it with "Log driver awslogs requires
# options: awslogs-region, awslogs-group" (cfn-lint E3046 checks the same).
# The rule does not count on Docker's fallback to the instance's Region.
# A bare container array has no launch type: only what every launch type
# requires is asked of it.
_required := ["awslogs-group", "awslogs-region", "awslogs-stream-prefix"] if launch.runs_on_fargate

_required := ["awslogs-group", "awslogs-region"] if not launch.runs_on_fargate

# One finding per container, listing what it lacks, at the first missing
# option.
report contains {
	"message": sprintf("container %s uses the awslogs log driver without %s%s", [containers.display_name(c, i), concat(", ", missing), _why(missing)]),
	"path": containers.path(i, ["logConfiguration", "options", missing[0]]),
} if {
	some i, c in input.resource.containerDefinitions
	containers.uses_awslogs(c)
	opts := object.get(c.logConfiguration, "options", {})

	# Options from an unresolved template (a string or an intrinsic) are not judged.
	_options_readable(opts)

	# Nearly every container sets all three: then nothing is missing on any
	# launch type, and _required never needs the launch types.
	not _complete(opts)
	missing := [o | some o in _required; not _set(object.get(opts, o, null))]
	count(missing) > 0
}

# Every option any launch type requires is set to a non-blank string, as
# nearly always (the same test as _set, narrower).
_complete(opts) if {
	_set_string(opts["awslogs-group"])
	_set_string(opts["awslogs-region"])
	_set_string(opts["awslogs-stream-prefix"])
}

_set_string(v) if {
	is_string(v)
	trim_space(v) != ""
}

_why(missing) := " (required on Fargate)" if missing == ["awslogs-stream-prefix"]

_why(missing) := "" if missing != ["awslogs-stream-prefix"]

_options_readable(opts) if is_object(opts)

_options_readable(null)

# Set: a non-blank value, a placeholder included; a blank is set only in
# an unfilled CLI skeleton, where it is a value to fill in.
_set(v) if values.is_set(v)

_set(v) if values.unresolved(v)
