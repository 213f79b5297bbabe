# METADATA
# title: Container runs as root or administrator
# description: |
#   A container that runs as root (Linux) or ContainerAdministrator (Windows)
#   turns any code execution bug into full control of the container, and any
#   container escape into root on the host. Without a user in the task
#   definition the image decides, which is root for most images.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security
#     description: Amazon ECS task definition parameters (user)
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-20
#     description: Security Hub controls ECS.20 (Linux) and ECS.21 (Windows)
# custom:
#   severity: medium
#   remediation: Set user on every container to a non-root user, for example "1000:1000" on Linux or "ContainerUser" on Windows.
#   resources: [TaskDefinition, ContainerDefinitions]
#   frameworks:
#     securityhub: [ECS.20, ECS.21]
#     controltower: [CT.ECS.PR.3]
package ecslint.rules.security["non-root-user"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch

report contains {
	"message": sprintf("container %s %s", [containers.display_name(c, i), _linux_who(c)]),
	"path": containers.path(i, ["user"]),
} if {
	launch.input_linux
	some i, c in input.resource.containerDefinitions
	containers.linux_root(c)
}

report contains {
	"message": sprintf("Windows container %s %s", [containers.display_name(c, i), _windows_who(c)]),
	"path": containers.path(i, ["user"]),
} if {
	launch.input_windows
	some i, c in input.resource.containerDefinitions
	containers.windows_admin(c)
}

_linux_who(c) := "sets no user, so it runs as the image's user: root unless the image sets USER" if not containers.has_user(c)

_linux_who(c) := sprintf("runs as root (user %q)", [c.user]) if {
	containers.has_user(c)
	is_string(c.user)
}

_linux_who(c) := "runs as root (user 0)" if is_number(c.user)

_windows_who(c) := "sets no user, so it runs as the image's user: ContainerAdministrator unless the image sets another" if not containers.has_user(c)

_windows_who(c) := "runs as ContainerAdministrator" if containers.has_user(c)
