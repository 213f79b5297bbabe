# METADATA
# title: Log configuration in blocking mode
# description: |
#   In blocking mode a container's writes to stdout and stderr wait until the
#   log driver has taken them, so a slow or unreachable log destination (a
#   CloudWatch Logs throttle, a stuck FireLens router) stalls or stops the
#   application. Non-blocking mode buffers the output instead (and drops it
#   when the buffer is full); it is the default since June 2025.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html
#     description: LogConfiguration mode and max-buffer-size (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
#     description: Send Amazon ECS logs to CloudWatch
# custom:
#   severity: low
#   remediation: Remove the mode option or set it to non-blocking, with a max-buffer-size large enough for bursts.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.observability["log-mode-blocking"]

import data.ecslint.lib.containers

report contains {
	"message": sprintf("the log configuration of container %s sets mode blocking: the application stalls whenever its %s destination cannot keep up", [containers.display_name(c, i), _driver(c.logConfiguration)]),
	"path": ["resource", "containerDefinitions", i, "logConfiguration", "options", "mode"],
} if {
	some i, c in input.resource.containerDefinitions
	mode := c.logConfiguration.options.mode
	is_string(mode)
	lower(trim_space(mode)) == "blocking"
}

_driver(lc) := lc.logDriver if is_string(lc.logDriver)

_driver(lc) := "log" if not is_string(object.get(lc, "logDriver", null))
