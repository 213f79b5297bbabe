# METADATA
# title: Service assigns public IP addresses to its tasks
# description: |
#   With assignPublicIp ENABLED every Fargate task's network interface gets a
#   public IP address, so the task is reachable from the internet as far as
#   its security groups allow. Run tasks in private subnets and reach them
#   through a load balancer; pull images through a NAT gateway or VPC
#   endpoints.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-2
#     description: "[ECS.2] ECS services should not have public IP addresses assigned to them automatically"
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html
#     description: AwsVpcConfiguration (Amazon ECS API reference)
# custom:
#   severity: high
#   severities:
#     - severity: low
#       when: the service runs only on EC2 or external instances, where assignPublicIp does nothing but fail Security Hub ECS.2
#   remediation: Set assignPublicIp to DISABLED and run the tasks in private subnets, behind a load balancer for inbound traffic and with a NAT gateway or VPC endpoints for outbound traffic.
#   resources: [Service]
#   frameworks:
#     securityhub: [ECS.2]
package ecslint.rules.security["service-public-ip"]

import data.ecslint.lib.launch
import data.ecslint.lib.services
import data.ecslint.lib.values

report contains {
	"message": "assignPublicIp is ENABLED: each task gets a public IP address and is reachable from the internet as far as its security groups allow",
	"path": path,
} if {
	some path in _enabled
	not _instances_only
}

# On EC2 and external instances a task's network interface gets no public IP
# address; the setting does nothing there, but Security Hub still fails it.
report contains {
	"message": "assignPublicIp is ENABLED, which does nothing for tasks on EC2 or external instances but fails Security Hub ECS.2",
	"path": path,
	"severity": "low",
} if {
	some path in _enabled
	_instances_only
}

_enabled contains array.concat(["resource"], array.concat(p, ["awsvpcConfiguration", "assignPublicIp"])) if {
	not values.skeleton
	some [p, nc] in services.setting(input.resource, "networkConfiguration")
	v := nc.awsvpcConfiguration.assignPublicIp
	is_string(v)
	upper(v) == "ENABLED"
}

_instances_only if {
	lts := launch.service_launch_types(input.resource)
	count(lts) > 0
	not "FARGATE" in lts
}
