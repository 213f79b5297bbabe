# METADATA
# title: Root container in host network mode
# description: |
#   In host network mode the containers share the instance's network namespace:
#   they reach services on the host's loopback interface and the instance metadata
#   service with the instance profile credentials. A container there that runs as
#   root without being deliberately privileged should run as a non-root user. This
#   is the logic of AWS Config's ecs-task-definition-user-for-host-mode-check
#   (formerly Security Hub ECS.1, retired in March 2026).
# related_resources:
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-user-for-host-mode-check.html
#     description: AWS Config rule ecs-task-definition-user-for-host-mode-check
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html
#     description: Amazon ECS task definition parameters (networkMode, user)
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html
#     description: Security Hub controls for Amazon ECS
# custom:
#   severity: high
#   remediation: Set user to a non-root user (for example "1000:1000") on every container of a host network mode task, or move the task to awsvpc network mode.
#   resources: [TaskDefinition]
#   frameworks:
#     securityhub: [ECS.1]
#     controltower: [CT.ECS.PR.8]
package ecslint.rules.security["host-network-root-user"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch
import data.ecslint.lib.values

report contains {
	"message": sprintf("container %s runs in host network mode as %s without privileged: true; set a non-root user", [containers.display_name(c, i), _who(c)]),
	"path": containers.path(i, ["user"]),
} if {
	# network_mode is "host" only when networkMode says so (its defaults are
	# "bridge" and "default"): a cheap screen before the call.
	input.resource.networkMode == "host"
	launch.network_mode(input.resource) == "host"
	some i, c in input.resource.containerDefinitions
	not _privileged(c)
	not _non_root(c)
	not _unresolved_user(c)
}

_privileged(c) if c.privileged == true

# The user part of "user", "user:group", "uid" or "uid:gid" is neither root
# nor 0.
_non_root(c) if {
	is_string(c.user)
	name := split(c.user, ":")[0]
	name != ""
	not name in {"root", "0"}
}

# A placeholder, the blank of a CLI skeleton, or a non-string value:
# unknown.
_unresolved_user(c) if {
	c.user != null
	not is_string(c.user)
}

_unresolved_user(c) if values.unresolved(c.user)

_who(c) := "root (no user set)" if not _has_user(c)

_who(c) := "root" if _has_user(c)

_has_user(c) if {
	is_string(c.user)
	c.user != ""
}
