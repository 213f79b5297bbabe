# METADATA
# title: Container root file system is writable
# description: |
#   A writable root file system lets an attacker who gets into the container
#   change its binaries and configuration and persist tools. With
#   readonlyRootFilesystem the container writes only to the volumes, bind mounts
#   or tmpfs mounts it declares. Windows containers do not support the setting.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security
#     description: Amazon ECS task definition parameters (readonlyRootFilesystem)
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-5
#     description: Security Hub control ECS.5
# custom:
#   severity: medium
#   remediation: Set readonlyRootFilesystem to true and give the paths the application writes to as volumes or tmpfs mounts.
#   resources: [TaskDefinition, ContainerDefinitions]
#   frameworks:
#     securityhub: [ECS.5]
#     controltower: [CT.ECS.PR.6]
package ecslint.rules.security["readonly-root-filesystem"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch
import data.ecslint.lib.values

report contains {
	"message": sprintf("container %s %s: its root file system is writable%s", [containers.display_name(c, i), _how(c), _exec_hint]),
	"path": containers.path(i, ["readonlyRootFilesystem"]),
} if {
	launch.input_linux
	some i, c in input.resource.containerDefinitions
	not values.is_true(object.get(c, "readonlyRootFilesystem", null))
	not values.unresolved(object.get(c, "readonlyRootFilesystem", null))
}

_how(c) := "does not set readonlyRootFilesystem" if object.get(c, "readonlyRootFilesystem", null) == null

_how(c) := "sets readonlyRootFilesystem to false" if object.get(c, "readonlyRootFilesystem", null) != null

# The SSM agent of ECS Exec writes into the container: say where before
# someone turns the setting on and breaks Exec sessions.
_exec_hint := "; a service runs it with ECS Exec, whose agent then needs writable volumes at /managed-agents, /var/lib/amazon/ssm and /var/log/amazon/ssm" if _uses_exec

_exec_hint := "" if not _uses_exec

_uses_exec if {
	some s in launch.services
	values.is_true(object.get(s, "enableExecuteCommand", null))
}
