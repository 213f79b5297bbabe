# METADATA
# title: Service launch type the task definition is not compatible with
# description: |
#   ECS validates a task definition for launch types at registration and lists
#   them in compatibilities; a service can only run it on one of those. EC2
#   and EXTERNAL are validated for every definition, but Fargate only when
#   requiresCompatibilities asks for it, so a Fargate service whose task
#   definition does not list FARGATE fails with "Task definition does not
#   support launch_type FARGATE".
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html#ECS-Type-TaskDefinition-compatibilities
#     description: TaskDefinition compatibilities and requiresCompatibilities (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
#     description: Amazon ECS task definition differences for Fargate
# custom:
#   severity: critical
#   remediation: Add the service's launch type to the task definition's requiresCompatibilities (FARGATE for a Fargate service) and register a new revision, or run the service on a launch type the definition supports.
#   resources: [Service]
#   related: [taskDefinition]
package ecslint.rules.correctness["service-task-compatibility"]

import data.ecslint.lib.launch
import data.ecslint.lib.values

# With describe output: compatibilities says what ECS validated.
report contains {
	"message": sprintf("the service runs on %s, but task definition %s is only compatible with %s", [lt, _td_name, concat(", ", sort(_compatibilities))]),
	"path": _path,
} if {
	_task
	count(_compatibilities) > 0
	some lt in _explicit_launch_types
	not lt in _compatibilities
}

# A capacity provider that is not Fargate is an Auto Scaling group (EC2) or
# ECS Managed Instances; either will do.
report contains {
	"message": sprintf("the service's capacity providers run tasks on EC2 or ECS Managed Instances, but task definition %s is only compatible with %s", [_td_name, concat(", ", sort(_compatibilities))]),
	"path": ["resource", "capacityProviderStrategy"],
} if {
	_task
	count(_compatibilities) > 0
	not _has_launch_type
	"EC2" in launch.service_launch_types(input.resource)
	not "EC2" in _compatibilities
	not "MANAGED_INSTANCES" in _compatibilities
}

# Without compatibilities: only Fargate needs to be requested.
report contains {
	"message": sprintf("the service runs on Fargate, but task definition %s does not list FARGATE in requiresCompatibilities, so ECS did not validate it for Fargate", [_td_name]),
	"path": _path,
} if {
	_task
	count(_compatibilities) == 0
	launch.service_on_fargate(input.resource)
	_requires_known
	not "FARGATE" in _requires
}

_task := launch.task

_compatibilities := {upper(c) | some c in _task.compatibilities; is_string(c)}

_requires := {upper(c) | some c in _task.requiresCompatibilities; is_string(c)}

# requiresCompatibilities omitted, null or a list of concrete values (not a
# template placeholder that may well say FARGATE).
_requires_known if object.get(_task, "requiresCompatibilities", null) == null

_requires_known if {
	is_array(_task.requiresCompatibilities)
	every c in _task.requiresCompatibilities {
		not values.unresolved(c)
	}
}

_has_launch_type if {
	is_string(input.resource.launchType)
	trim_space(input.resource.launchType) != ""
}

_explicit_launch_types := {upper(input.resource.launchType)} if {
	_has_launch_type
	not values.unresolved(input.resource.launchType)
}

_explicit_launch_types := {"FARGATE"} if {
	not _has_launch_type
	launch.service_on_fargate(input.resource)
}

_path := ["resource", "launchType"] if _has_launch_type

_path := ["resource", "capacityProviderStrategy"] if not _has_launch_type

_td_name := input.related.taskDefinition.name if is_string(input.related.taskDefinition.name)

_td_name := "(resolved)" if not is_string(object.get(input, ["related", "taskDefinition", "name"], null))
