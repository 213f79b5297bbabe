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

report contains {
	"message": sprintf("target group %s has target type %s, but the service's tasks use awsvpc networking (%s) and register by IP address: the target group needs TargetType ip", [tg.name, _target_type(tg.resource), why]),
	"path": array.concat(["resource"], tg.path),
} if {
	some why in _awsvpc
	some tg in input.related.targetGroups
	tg.status == "resolved"
	_instance_targets(tg.resource)
	is_array(tg.path)
}

# An absent TargetType is instance, the ELB API's default.
_instance_targets(tg) if not "TargetType" in object.keys(tg)

_instance_targets(tg) if tg.TargetType == "instance"

_target_type(tg) := "instance (the default)" if not "TargetType" in object.keys(tg)

_target_type(tg) := "instance" if tg.TargetType == "instance"

# Why the tasks use awsvpc: the task definition says so, or the service
# runs on Fargate, which takes nothing else.
_awsvpc contains "network mode awsvpc" if {
	input.related.taskDefinition.status == "resolved"
	input.related.taskDefinition.resource.networkMode == "awsvpc"
}

_awsvpc contains "Fargate" if input.resource.launchType == "FARGATE"

_awsvpc contains "Fargate" if {
	some s in input.resource.capacityProviderStrategy
	s.capacityProvider in {"FARGATE", "FARGATE_SPOT"}
}
