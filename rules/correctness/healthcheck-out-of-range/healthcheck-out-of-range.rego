# METADATA
# title: Container health check setting outside the range ECS accepts
# description: |
#   ECS accepts a health check interval of 5 to 300 seconds, a timeout of 2 to
#   60 seconds, 1 to 10 retries and a start period of 0 to 300 seconds. A
#   value outside these ranges fails registration of the task definition.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
#     description: HealthCheck (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/healthcheck.html
#     description: Determine Amazon ECS task health using container health checks
# custom:
#   severity: high
#   remediation: Keep interval within 5-300 seconds, timeout within 2-60 seconds, retries within 1-10 and startPeriod within 0-300 seconds.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.correctness["healthcheck-out-of-range"]

import data.ecslint.lib.containers
import data.ecslint.lib.values

# field: [min, max, unit]
_bounds := {
	"interval": [5, 300, " seconds"],
	"timeout": [2, 60, " seconds"],
	"retries": [1, 10, ""],
	"startPeriod": [0, 300, " seconds"],
}

report contains {
	"message": sprintf("container %s: healthCheck.%s is %v; ECS accepts %d to %d%s", [containers.display_name(c, i), field, v, b[0], b[1], b[2]]),
	"path": ["resource", "containerDefinitions", i, "healthCheck", field],
} if {
	some i, c in input.resource.containerDefinitions
	containers.has_health_check(c)
	some field, b in _bounds
	v := values.number(c.healthCheck[field])
	not _within(v, b)
	_filled_in(c.healthCheck)
}

_within(v, b) if {
	v >= b[0]
	v <= b[1]
}

# A health check with a command. The zeros of a CLI skeleton
# (--generate-cli-skeleton, command [""]) are a template, not settings.
_filled_in(hc) if {
	some s in hc.command
	is_string(s)
	trim_space(s) != ""
}

_filled_in(hc) if {
	hc.command
	not is_array(hc.command)
}
