# METADATA
# title: ECS Exec sessions not logged
# description: |
#   ECS Exec runs commands inside running containers. With the cluster's
#   execute command logging set to NONE nothing records what was run. With
#   DEFAULT (also what an unset configuration means) the output goes only
#   where the task's awslogs log configuration sends it: a service that
#   enables ECS Exec on such a cluster with no awslogs container records
#   nothing either.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging
#     description: Logging and auditing using ECS Exec
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandConfiguration.html
#     description: ExecuteCommandConfiguration (logging NONE, DEFAULT, OVERRIDE)
# custom:
#   severity: medium
#   remediation: Set the cluster's executeCommandConfiguration logging to OVERRIDE with a CloudWatch Logs group or S3 bucket, or give the task an awslogs log configuration.
#   resources: [Cluster, Service]
#   related: [cluster, taskDefinition]
package ecslint.rules.observability["cluster-exec-logging"]

import data.ecslint.lib.values

report contains {
	"message": "the cluster's ECS Exec logging is NONE: commands run in its containers are not recorded",
	"path": ["resource", "configuration", "executeCommandConfiguration", "logging"],
} if {
	input.kind == "Cluster"
	_logging(input.resource) == "NONE"
}

report contains {
	"message": sprintf("ECS Exec is enabled, but cluster %s logs sessions the DEFAULT way, through the task's awslogs configuration, and no container of the task definition uses awslogs: sessions are not recorded", [input.related.cluster.name]),
	"path": ["resource", "enableExecuteCommand"],
} if {
	input.kind == "Service"
	input.resource.enableExecuteCommand == true
	input.related.cluster.status == "resolved"
	_logging(input.related.cluster.resource) == "DEFAULT"
	input.related.taskDefinition.status == "resolved"
	td := input.related.taskDefinition.resource
	is_array(td.containerDefinitions)
	not _awslogs(td)
}

# Logging as the cluster has it: an absent setting is DEFAULT, unless a
# placeholder stands for the configuration that would hold it.
_logging(cluster) := upper(l) if {
	l := cluster.configuration.executeCommandConfiguration.logging
	is_string(l)
}

_logging(cluster) := "DEFAULT" if {
	not _has_logging(cluster)
	not _configuration_unresolved(cluster)
}

_has_logging(cluster) if cluster.configuration.executeCommandConfiguration.logging

_configuration_unresolved(cluster) if {
	some fields in [["configuration"], ["configuration", "executeCommandConfiguration"]]
	values.unresolved(object.get(cluster, fields, null))
}

# A container that logs with awslogs, or whose driver is unknown.
_awslogs(td) if {
	some c in td.containerDefinitions
	d := c.logConfiguration.logDriver
	not d in {"json-file", "syslog", "journald", "gelf", "fluentd", "splunk", "awsfirelens", "none", "logentries", "sumologic"}
}

_awslogs(td) if {
	some c in td.containerDefinitions
	values.unresolved(c)
}

_awslogs(td) if {
	some c in td.containerDefinitions
	values.unresolved(c.logConfiguration)
}
