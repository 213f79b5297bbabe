# METADATA
# title: Custom service role where ECS requires the service-linked role
# description: |
#   The service role parameter is a leftover from before the ECS service-linked
#   role. ECS accepts it only for a service with a load balancer whose task
#   definition does not use awsvpc; a service on Fargate or awsvpc, with service
#   discovery, several target groups or the EXTERNAL deployment controller must
#   use the service-linked role, and ECS rejects a role there ("You cannot
#   specify an IAM role for services that require a service linked role").
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html#ECS-CreateService-request-role
#     description: CreateService role (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles.html
#     description: Using the service-linked role for Amazon ECS
# custom:
#   severity: high
#   remediation: Remove the service role so that ECS uses its service-linked role AWSServiceRoleForECS.
#   resources: [Service]
#   related: [taskDefinition]
package ecslint.rules.correctness["legacy-service-role-awsvpc"]

import data.ecslint.lib.launch
import data.ecslint.lib.services

report contains {
	"message": sprintf("service role %q is set, but ECS requires the service-linked role for a service that %s: omit the role", [role, concat(", ", sort(_reasons))]),
	"path": ["resource", field],
} if {
	[field, role] := services.custom_role(input.resource)
	count(_reasons) > 0
}

_reasons contains "runs on Fargate" if launch.service_on_fargate(input.resource)

_reasons contains "runs an awsvpc task definition" if launch.network_mode(launch.task) == "awsvpc"

_reasons contains "uses service discovery (serviceRegistries)" if count(input.resource.serviceRegistries) > 0

_reasons contains "has more than one target group" if count(input.resource.loadBalancers) > 1

_reasons contains "uses the EXTERNAL deployment controller" if services.deployment_controller(input.resource) == "EXTERNAL"

_reasons contains "has no load balancer" if {
	not services.partial
	not services.has_load_balancer(input.resource)
}
