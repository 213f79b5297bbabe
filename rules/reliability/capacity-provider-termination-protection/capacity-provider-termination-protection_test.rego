package ecslint.rules.reliability["capacity-provider-termination-protection_test"]

import data.ecslint.rules.reliability["capacity-provider-termination-protection"] as rule

cp(provider) := {"kind": "CapacityProvider", "resource": {"name": "asg", "autoScalingGroupProvider": provider}}

test_fail_disabled if {
	r := rule.report with input as cp({"autoScalingGroupArn": "asg", "managedTerminationProtection": "DISABLED"})
	count(r) == 1
	some f in r
	f.path == ["resource", "autoScalingGroupProvider", "managedTerminationProtection"]
}

test_fail_absent if {
	r := rule.report with input as cp({"autoScalingGroupArn": "asg", "managedScaling": {"status": "ENABLED"}})
	count(r) == 1
	some f in r
	contains(f.message, "default is DISABLED")
}

test_pass_enabled if {
	count(rule.report) == 0 with input as cp({"autoScalingGroupArn": "asg", "managedTerminationProtection": "ENABLED"})
}

test_pass_unknown if {
	count(rule.report) == 0 with input as cp({"managedTerminationProtection": "${Protection}"})
}

test_pass_managed_instances_provider if {
	count(rule.report) == 0 with input as {"kind": "CapacityProvider", "resource": {"name": "mi", "managedInstancesProvider": {}}}
}
