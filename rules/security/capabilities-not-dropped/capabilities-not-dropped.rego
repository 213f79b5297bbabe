# METADATA
# title: Container keeps Docker's default capabilities
# description: |
#   Docker gives every container a default set of Linux capabilities (CHOWN,
#   DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW, MKNOD and others) that most
#   applications never use. Dropping ALL and adding back only what is needed
#   limits what an attacker can do inside the container. Opt-in: most task
#   definitions do not do this yet.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-tasks-containers.html
#     description: Amazon ECS task and container security best practices
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KernelCapabilities.html
#     description: Amazon ECS API reference, KernelCapabilities
# custom:
#   severity: info
#   remediation: Set linuxParameters.capabilities.drop to ["ALL"] and list in capabilities.add only the capabilities the container needs.
#   resources: [TaskDefinition, ContainerDefinitions]
#   enabled: false
package ecslint.rules.security["capabilities-not-dropped"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch
import data.ecslint.lib.values

report contains {
	"message": sprintf("container %s does not drop ALL capabilities, so it keeps Docker's default set", [containers.display_name(c, i)]),
	"path": containers.path(i, ["linuxParameters", "capabilities", "drop"]),
} if {
	launch.input_linux
	some i, c in input.resource.containerDefinitions
	not containers.drops_all(c)
	not containers.drops_unresolved(c)

	# A privileged container has every capability; ECS ignores drop for it
	# (privileged-container reports it).
	not values.is_true(object.get(c, "privileged", null))
}
