# METADATA
# title: Classic Load Balancer on a Fargate or awsvpc service
# description: |
#   Classic Load Balancers register instances, not task IP addresses, so ECS
#   supports them only for EC2 tasks in bridge or host network mode. A service
#   that runs on Fargate or uses the awsvpc network mode is rejected when it
#   names a Classic Load Balancer.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-types.html
#     description: Load balancer types for Amazon ECS services
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html
#     description: LoadBalancer (Amazon ECS API reference)
# custom:
#   severity: critical
#   remediation: Replace the Classic Load Balancer with an Application or Network Load Balancer target group of target type ip, set in targetGroupArn.
#   resources: [Service]
#   related: [taskDefinition]
package ecslint.rules.correctness["classic-lb-on-fargate"]

import data.ecslint.lib.launch
import data.ecslint.lib.services

report contains {
	"message": sprintf("load balancer %q is a Classic Load Balancer, which ECS does not support for a service that %s", [lb.loadBalancerName, reason]),
	"path": ["resource", "loadBalancers", i, "loadBalancerName"],
} if {
	some i, lb in input.resource.loadBalancers
	services.is_classic_lb(lb)
	reason := _reason
}

# One reason per service, Fargate first: it implies awsvpc.
_reason := "runs on Fargate" if launch.service_on_fargate(input.resource)

_reason := "runs an awsvpc task definition" if {
	not launch.service_on_fargate(input.resource)
	launch.network_mode(launch.task) == "awsvpc"
}
