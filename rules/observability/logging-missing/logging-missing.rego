# METADATA
# title: Container without a log configuration
# description: |
#   A container without logConfiguration leaves its output with the container
#   runtime's default log driver: on EC2 it stays on the instance until the
#   container is cleaned up, and on Fargate there is no place to read it.
#   Send every container's output somewhere durable (awslogs, FireLens, or
#   another driver).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
#     description: Send Amazon ECS logs to CloudWatch
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-9
#     description: "[ECS.9] ECS task definitions should have a logging configuration"
# custom:
#   severity: medium
#   remediation: Give every container a logConfiguration with a logDriver, for example awslogs with a log group, Region and stream prefix.
#   resources: [TaskDefinition, ContainerDefinitions]
#   frameworks:
#     securityhub: [ECS.9]
package ecslint.rules.observability["logging-missing"]

import data.ecslint.lib.containers
import data.ecslint.lib.values

report contains {
	"message": sprintf("container %s has no logConfiguration: its output is not sent to any log destination", [containers.display_name(c, i)]),
	"path": containers.path(i, ["logConfiguration"]),
} if {
	some i, c in _containers
	is_object(c)
	object.get(c, "logConfiguration", null) == null
}

report contains {
	"message": sprintf("the logConfiguration of container %s has no logDriver", [containers.display_name(c, i)]),
	"path": containers.path(i, ["logConfiguration", "logDriver"]),
} if {
	some i, c in _containers
	is_object(c.logConfiguration)

	# Absent, null or blank; a blank in an unfilled CLI skeleton is a field
	# to fill in.
	driver := object.get(c.logConfiguration, "logDriver", null)
	not values.is_set(driver)
	not values.unresolved(driver)
}

_containers := input.resource.containerDefinitions if {
	is_array(input.resource.containerDefinitions)
}
