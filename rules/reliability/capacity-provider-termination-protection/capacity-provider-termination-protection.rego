# METADATA
# title: Capacity provider without managed termination protection
# description: |
#   Without managed termination protection, managed scaling of an Auto
#   Scaling group capacity provider may terminate container instances that
#   still run tasks when it scales in, stopping them abruptly (Security Hub
#   ECS.19). It needs managed scaling and instance scale-in protection on
#   the group.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-termination-protection.html
#     description: Control the instances Amazon ECS terminates
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-19
#     description: Security Hub ECS.19
# custom:
#   severity: medium
#   remediation: Set managedTerminationProtection to ENABLED on the Auto Scaling group provider, with managed scaling on and NewInstancesProtectedFromScaleIn on the group.
#   resources: [CapacityProvider]
#   frameworks:
#     securityhub: [ECS.19]
package ecslint.rules.reliability["capacity-provider-termination-protection"]

report contains {
	"message": sprintf("the Auto Scaling group capacity provider %s: scaling in may terminate instances that still run tasks", [_state(p)]),
	"path": ["resource", "autoScalingGroupProvider", "managedTerminationProtection"],
} if {
	p := input.resource.autoScalingGroupProvider
	is_object(p)
	_off(p)
}

# Absent means DISABLED, the API's default.
_off(p) if not "managedTerminationProtection" in object.keys(p)

_off(p) if {
	is_string(p.managedTerminationProtection)
	upper(p.managedTerminationProtection) == "DISABLED"
}

_state(p) := "does not set managedTerminationProtection (the default is DISABLED)" if not "managedTerminationProtection" in object.keys(p)

_state(p) := "sets managedTerminationProtection to DISABLED" if "managedTerminationProtection" in object.keys(p)
