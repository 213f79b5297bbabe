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
#   resources: [TaskDefinition]
#   frameworks:
#     securityhub: [ECS.9]
package ecslint.rules.observability["logging-missing"]

report contains {
	"message": sprintf("container %q has no logConfiguration: its output is not sent to any log destination", [_name(c)]),
	"path": ["resource", "containerDefinitions", i],
} if {
	some i, c in _containers
	is_object(c)
	object.get(c, "logConfiguration", null) == null
}

report contains {
	"message": sprintf("the logConfiguration of container %q has no logDriver", [_name(c)]),
	"path": ["resource", "containerDefinitions", i, "logConfiguration"],
} if {
	some i, c in _containers
	is_object(c.logConfiguration)
	_blank(object.get(c.logConfiguration, "logDriver", null))
}

_containers := input.resource.containerDefinitions if {
	input.kind == "TaskDefinition"
	is_array(input.resource.containerDefinitions)
}

_blank(null)

_blank(s) if {
	is_string(s)
	trim_space(s) == ""
}

_name(c) := c.name if is_string(c.name)

_name(c) := "(unnamed)" if not is_string(object.get(c, "name", null))
