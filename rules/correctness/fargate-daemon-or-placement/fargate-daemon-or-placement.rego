# METADATA
# title: Fargate service with the DAEMON strategy or placement settings
# description: |
#   Fargate places each task on its own managed capacity, so there are no
#   container instances to run a daemon on or to place tasks across: ECS
#   rejects a Fargate service with schedulingStrategy DAEMON, with
#   placementConstraints or with placementStrategy. Fargate spreads a service's
#   tasks across Availability Zones by itself.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html#ECS-CreateService-request-schedulingStrategy
#     description: CreateService schedulingStrategy, placementConstraints and placementStrategy (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html
#     description: How Amazon ECS places tasks on container instances
# custom:
#   severity: critical
#   remediation: Use schedulingStrategy REPLICA and remove placementConstraints and placementStrategy from a Fargate service, or run it on EC2 capacity.
#   resources: [Service]
package ecslint.rules.correctness["fargate-daemon-or-placement"]

import data.ecslint.lib.deployments
import data.ecslint.lib.launch
import data.ecslint.lib.values

report contains {
	"message": "the service runs on Fargate with schedulingStrategy DAEMON: Fargate has no container instances to run a daemon task on",
	"path": ["resource", "schedulingStrategy"],
} if {
	_fargate_service
	deployments.is_daemon(input.resource)
}

report contains {
	"message": sprintf("the service runs on Fargate with %s: Fargate does not support task placement", [field]),
	"path": ["resource", field],
} if {
	_fargate_service
	some field in ["placementConstraints", "placementStrategy"]
	is_array(input.resource[field])
	count(input.resource[field]) > 0
}

_fargate_service if {
	not values.skeleton
	launch.service_on_fargate(input.resource)
}
