# METADATA
# title: Health check grace period with nothing to apply it to
# description: |
#   healthCheckGracePeriodSeconds tells the scheduler to ignore failing Elastic
#   Load Balancing, VPC Lattice and container health checks for a while after a
#   task starts. A service with none of them accepts the value but never uses
#   it, so the slow-start protection it seems to promise does not exist.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html#ECS-CreateService-request-healthCheckGracePeriodSeconds
#     description: CreateService healthCheckGracePeriodSeconds (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html
#     description: Amazon ECS service definition parameters
# custom:
#   severity: low
#   remediation: Remove healthCheckGracePeriodSeconds, or add the load balancer or container health check it is meant for (without a load balancer, prefer the container health check's startPeriod).
#   resources: [Service]
package ecslint.rules.correctness["grace-period-without-lb"]

import data.ecslint.lib.launch
import data.ecslint.lib.services

report contains {
	"message": sprintf("healthCheckGracePeriodSeconds is %v, but the service has no load balancer or VPC Lattice target group%s", [svc.healthCheckGracePeriodSeconds, _task_part]),
	"path": ["resource", "healthCheckGracePeriodSeconds"],
} if {
	svc := input.resource
	is_number(svc.healthCheckGracePeriodSeconds)
	svc.healthCheckGracePeriodSeconds > 0

	# An update-service input keeps the load balancers it leaves out.
	not services.partial
	not services.has_load_balancer(svc)

	# EXTERNAL services put their load balancers on task sets, not here.
	services.deployment_controller(svc) != "EXTERNAL"
	not _has_vpc_lattice(svc)
	not _task_has_health_check
}

_has_vpc_lattice(svc) if {
	some [_, cfgs] in services.setting(svc, "vpcLatticeConfigurations")
	count(cfgs) > 0
}

_task_has_health_check if {
	some c in launch.task.containerDefinitions
	object.get(c, "healthCheck", null) != null
}

_task_part := sprintf(" and task definition %s has no container health check: the value is unused", [input.related.taskDefinition.name]) if {
	launch.task
	is_string(input.related.taskDefinition.name)
}

_task_part := " and the task definition has no container health check: the value is unused" if {
	launch.task
	not is_string(object.get(input, ["related", "taskDefinition", "name"], null))
}

_task_part := ": the value is unused unless the task definition (not loaded) defines a container health check" if not launch.task
