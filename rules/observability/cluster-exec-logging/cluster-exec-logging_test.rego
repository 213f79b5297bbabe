package ecslint.rules.observability["cluster-exec-logging_test"]

import data.ecslint.rules.observability["cluster-exec-logging"] as rule

cluster(cfg) := {"kind": "Cluster", "resource": object.union({"clusterName": "prod"}, cfg)}

service(cl, td) := {
	"kind": "Service",
	"resource": {"serviceName": "web", "enableExecuteCommand": true},
	"related": {
		"cluster": {"status": "resolved", "name": "Cluster", "resource": cl},
		"taskDefinition": {"status": "resolved", "name": "Task", "resource": td},
	},
}

_no_awslogs := {"containerDefinitions": [{"name": "web", "logConfiguration": {"logDriver": "awsfirelens"}}, {"name": "sidecar"}]}

_awslogs := {"containerDefinitions": [{"name": "web", "logConfiguration": {"logDriver": "awslogs"}}]}

test_fail_logging_none if {
	r := rule.report with input as cluster({"configuration": {"executeCommandConfiguration": {"logging": "NONE"}}})
	count(r) == 1
	some f in r
	f.path == ["resource", "configuration", "executeCommandConfiguration", "logging"]
}

test_fail_exec_default_logging_without_awslogs if {
	r := rule.report with input as service({"clusterName": "prod"}, _no_awslogs)
	count(r) == 1
	some f in r
	f.path == ["resource", "enableExecuteCommand"]
}

test_pass_exec_with_awslogs if {
	count(rule.report) == 0 with input as service({"clusterName": "prod"}, _awslogs)
}

test_pass_override_logging if {
	cl := {"configuration": {"executeCommandConfiguration": {"logging": "OVERRIDE", "logConfiguration": {"cloudWatchLogGroupName": "exec"}}}}
	count(rule.report) == 0 with input as service(cl, _no_awslogs)
	count(rule.report) == 0 with input as cluster(cl)
}

test_pass_unknown_cluster_or_driver if {
	count(rule.report) == 0 with input as service({"clusterName": "prod"}, {"containerDefinitions": [{"logConfiguration": {"logDriver": "${Driver}"}}]})
	count(rule.report) == 0 with input as {"kind": "Service", "resource": {"enableExecuteCommand": true}, "related": {"cluster": {"status": "unresolved", "name": "prod"}}}
	count(rule.report) == 0 with input as {"kind": "Service", "resource": {"enableExecuteCommand": true}, "related": {"cluster": {"status": "unresolved", "name": "prod"}, "taskDefinition": {"status": "resolved", "name": "Task", "resource": _no_awslogs}}}
	count(rule.report) == 0 with input as cluster({"configuration": {"executeCommandConfiguration": {"logging": "${Logging}"}}})
}

test_pass_exec_off if {
	i := service({"clusterName": "prod"}, _no_awslogs)
	count(rule.report) == 0 with input as object.union(i, {"resource": {"enableExecuteCommand": false}})
}

# A placeholder in place of the cluster's configuration or of a container's
# log configuration may set anything.
test_pass_configuration_unknown if {
	count(rule.report) == 0 with input as service({"clusterName": "prod", "configuration": "${CONFIGURATION}"}, _no_awslogs)
	count(rule.report) == 0 with input as service({"clusterName": "prod", "configuration": {"executeCommandConfiguration": {"Ref": "Exec"}}}, _no_awslogs)
	count(rule.report) == 0 with input as service({"clusterName": "prod"}, {"containerDefinitions": [{"name": "web", "logConfiguration": "${LOG_CONFIGURATION}"}]})
	count(rule.report) == 0 with input as service({"clusterName": "prod"}, {"containerDefinitions": ["${CONTAINER}"]})
	count(rule.report) == 0 with input as cluster({"configuration": "${CONFIGURATION}"})
}
