package ecslint.rules.correctness["grace-period-without-lb_test"]

import data.ecslint.rules.correctness["grace-period-without-lb"] as rule

td_plain := {"family": "worker", "containerDefinitions": [{"name": "worker", "image": "busybox:1.36"}]}

td_hc := {"family": "worker", "containerDefinitions": [
	{"name": "worker", "image": "busybox:1.36"},
	{"name": "api", "image": "busybox:1.36", "healthCheck": {"command": ["CMD-SHELL", "true"]}},
]}

resolved(td) := {"taskDefinition": {"status": "resolved", "name": "worker:3", "resource": td}}

unresolved := {"taskDefinition": {"status": "unresolved", "name": "worker:3"}}

svc_input(svc, rel) := {
	"kind": "Service",
	"resource": object.union({"serviceName": "worker", "taskDefinition": "worker:3"}, svc),
	"related": rel,
}

test_fail_no_lb_no_health_check if {
	r := rule.report with input as svc_input({"healthCheckGracePeriodSeconds": 60}, resolved(td_plain))
	count(r) == 1
	some f in r
	f.path == ["resource", "healthCheckGracePeriodSeconds"]
	contains(f.message, "worker:3 has no container health check")
}

test_fail_task_unresolved if {
	r := rule.report with input as svc_input({"healthCheckGracePeriodSeconds": 30, "loadBalancers": []}, unresolved)
	count(r) == 1
	some f in r
	f.path == ["resource", "healthCheckGracePeriodSeconds"]
	contains(f.message, "unless the task definition")
}

test_pass_zero if {
	# describe-services reports 0 for every service.
	r := rule.report with input as svc_input({"healthCheckGracePeriodSeconds": 0, "loadBalancers": []}, unresolved)
	count(r) == 0
}

test_pass_absent if {
	r := rule.report with input as svc_input({}, resolved(td_plain))
	count(r) == 0
}

test_pass_load_balancer if {
	r := rule.report with input as svc_input(
		{
			"healthCheckGracePeriodSeconds": 120,
			"loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/w/1", "containerName": "worker", "containerPort": 80}],
		},
		resolved(td_plain),
	)
	count(r) == 0
}

test_pass_vpc_lattice if {
	r := rule.report with input as svc_input(
		{
			"healthCheckGracePeriodSeconds": 120,
			"vpcLatticeConfigurations": [{"roleArn": "arn:aws:iam::123456789012:role/lattice", "targetGroupArn": "arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-1", "portName": "http"}],
		},
		unresolved,
	)
	count(r) == 0
}

test_pass_vpc_lattice_in_primary_deployment if {
	r := rule.report with input as svc_input(
		{
			"healthCheckGracePeriodSeconds": 120,
			"deployments": [{"status": "PRIMARY", "vpcLatticeConfigurations": [{"portName": "http"}]}],
		},
		unresolved,
	)
	count(r) == 0
}

test_pass_container_health_check if {
	r := rule.report with input as svc_input({"healthCheckGracePeriodSeconds": 60}, resolved(td_hc))
	count(r) == 0
}

test_pass_placeholder if {
	r := rule.report with input as svc_input({"healthCheckGracePeriodSeconds": "${GRACE}"}, unresolved)
	count(r) == 0
}

test_pass_external_controller if {
	r := rule.report with input as svc_input({"healthCheckGracePeriodSeconds": 60, "deploymentController": {"type": "EXTERNAL"}}, unresolved)
	count(r) == 0
}

# A controller a placeholder gives may be EXTERNAL.
test_pass_controller_unknown if {
	r := rule.report with input as svc_input({"healthCheckGracePeriodSeconds": 60, "deploymentController": {"type": "${CONTROLLER}"}}, resolved(td_plain))
	count(r) == 0
	r2 := rule.report with input as svc_input({"healthCheckGracePeriodSeconds": 60, "deploymentController": "${CONTROLLER}"}, resolved(td_plain))
	count(r2) == 0
}

# An update-service input (input.partial) changes only what it names: it
# says nothing about the load balancers it leaves out.
test_pass_partial_update if {
	r := rule.report with input as object.union(svc_input({"healthCheckGracePeriodSeconds": 60}, resolved(td_plain)), {"partial": true})
	count(r) == 0
}

test_fail_not_partial if {
	r := rule.report with input as object.union(svc_input({"healthCheckGracePeriodSeconds": 60}, resolved(td_plain)), {"partial": false})
	count(r) == 1
}
