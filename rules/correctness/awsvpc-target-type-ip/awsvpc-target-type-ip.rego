# METADATA
# title: awsvpc service behind an instance target group
# description: |
#   A task in awsvpc network mode (every Fargate task) has its own network
#   interface and is registered with its load balancer by IP address. A
#   target group of target type instance (the default) takes EC2 instance
#   ids only: ECS rejects the service, or the deployment never registers a
#   healthy target. Only decided where the target group is known (a
#   template or a live account).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb-considerations.html
#     description: Application Load Balancer considerations (awsvpc tasks need the ip target type)
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-type
#     description: Target type of a target group
# custom:
#   severity: high
#   remediation: Set the target group's TargetType to ip; this replaces the target group, whose target type cannot change.
#   resources: [Service]
#   related: [targetGroups, taskDefinition]
package ecslint.rules.correctness["awsvpc-target-type-ip"]

import data.ecslint.lib.launch

report contains {
	"message": sprintf("target group %s has target type %s, but the service's tasks use awsvpc networking (%s) and register by IP address: the target group needs TargetType ip", [tg.name, target_type, _awsvpc]),
	"path": array.concat(["resource"], tg.path),
} if {
	some tg in input.related.targetGroups
	tg.status == "resolved"
	target_type := _instance_target_type(tg.resource)
	is_array(tg.path)
}

# The target type when it is instance; absent is instance, the ELB API's
# default.
_instance_target_type(tg) := "instance (the default)" if not "TargetType" in object.keys(tg)

_instance_target_type(tg) := "instance" if tg.TargetType == "instance"

# Why the tasks use awsvpc, one reason per service, Fargate first (it
# implies awsvpc): the service runs on Fargate, or its task definition says
# so.
_awsvpc := "Fargate" if launch.service_on_fargate(input.resource)

_awsvpc := "network mode awsvpc" if {
	not launch.service_on_fargate(input.resource)
	launch.network_mode(launch.task) == "awsvpc"
}
