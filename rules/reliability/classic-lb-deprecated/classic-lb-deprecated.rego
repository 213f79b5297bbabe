# METADATA
# title: Service behind a Classic Load Balancer
# description: |
#   Classic Load Balancers are the previous generation: one per service, no
#   path-based routing, no dynamic host-port mapping, no Fargate or awsvpc
#   tasks, no container health checks and no rollout state for the deployment
#   circuit breaker. Application and Network Load Balancers have none of these
#   limits.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-types.html
#     description: Load balancer types for Amazon ECS services
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/migrate-classic-load-balancer.html
#     description: Migrate your Classic Load Balancer
# custom:
#   severity: low
#   remediation: Move the service to an Application Load Balancer (HTTP and HTTPS) or a Network Load Balancer (TCP, UDP, TLS, PrivateLink) and reference its target group in targetGroupArn.
#   resources: [Service]
package ecslint.rules.reliability["classic-lb-deprecated"]

import data.ecslint.lib.services

report contains {
	"message": sprintf("load balancer %q is a Classic Load Balancer (previous generation); use an Application or Network Load Balancer target group", [lb.loadBalancerName]),
	"path": ["resource", "loadBalancers", i, "loadBalancerName"],
} if {
	some i, lb in input.resource.loadBalancers
	services.is_classic_lb(lb)
}
