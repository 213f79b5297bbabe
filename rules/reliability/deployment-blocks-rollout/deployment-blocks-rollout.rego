# METADATA
# title: Deployment percentages that block or interrupt a rolling update
# description: |
#   A rolling update replaces tasks within two bounds: at most maximumPercent
#   of desiredCount tasks may run (rounded down) and at least
#   minimumHealthyPercent must stay healthy (rounded up). When the first
#   allows no extra task and the second allows no task to stop, the
#   deployment cannot make progress. With one task and minimumHealthyPercent 0,
#   ECS may stop that task before its replacement runs, so every deployment
#   risks downtime.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html
#     description: Deploy Amazon ECS services by replacing tasks (rolling update)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html
#     description: DeploymentConfiguration (Amazon ECS API reference)
# custom:
#   severity: medium
#   remediation: Let a rolling deployment start or stop at least one task, for example maximumPercent 200 with minimumHealthyPercent 100, and keep minimumHealthyPercent above 0 for a single-task service (or run two tasks).
#   resources: [Service]
package ecslint.rules.reliability["deployment-blocks-rollout"]

import data.ecslint.lib.deployments
import data.ecslint.lib.values

report contains {
	"message": sprintf("with desiredCount %v, maximumPercent %v allows no task beyond the %v running and minimumHealthyPercent %v allows none of them to stop: a rolling deployment cannot replace any task", [d, max, d, min]),
	"path": _path("maximumPercent"),
} if {
	_applies
	d := input.resource.desiredCount
	max := deployments.maximum_percent(input.resource)
	min := deployments.minimum_healthy_percent(input.resource)
	floor((d * max) / 100) <= d
	ceil((d * min) / 100) >= d
}

report contains {
	"message": "with desiredCount 1 and minimumHealthyPercent 0, ECS may stop the only task before its replacement is running: each deployment can interrupt the service",
	"path": _path("minimumHealthyPercent"),
} if {
	_applies
	input.resource.desiredCount == 1
	deployments.minimum_healthy_percent(input.resource) == 0
}

# An ECS rolling update of a REPLICA service with a known desiredCount of at
# least one (DAEMON services run one task per instance and have no
# desiredCount; CODE_DEPLOY and EXTERNAL deployments work differently).
_applies if {
	svc := input.resource
	not values.skeleton
	deployments.is_rolling(svc)
	deployments.is_replica(svc)
	is_number(svc.desiredCount)
	svc.desiredCount >= 1
}

# The percentage, set or left to its default.
_path(key) := ["resource", "deploymentConfiguration", key]
