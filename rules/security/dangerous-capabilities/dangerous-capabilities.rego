# METADATA
# title: Container adds a dangerous Linux capability
# description: |
#   Some Linux capabilities let a container act on the host kernel or on other
#   workloads: load kernel modules, mount file systems, trace processes, bypass
#   file permission checks or reconfigure the network. Adding one removes much
#   of the isolation between the container and the instance. SYS_PTRACE, the
#   only capability Fargate accepts, is flagged only where tasks share an
#   instance.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KernelCapabilities.html
#     description: Amazon ECS API reference, KernelCapabilities
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-tasks-containers.html
#     description: Amazon ECS task and container security best practices
# custom:
#   severity: high
#   remediation: Remove the capability from linuxParameters.capabilities.add and give the container only the narrower capabilities it needs.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.security["dangerous-capabilities"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch

report contains {
	"message": sprintf("container %s adds %s", [containers.display_name(c, i), _what(cap)]),
	"path": ["resource", "containerDefinitions", i, "linuxParameters", "capabilities", "add", j],
} if {
	some i, c in input.resource.containerDefinitions

	# Most containers add nothing: skip them before the helper, and before
	# the task's OS, which the first rule to ask pays for.
	c.linuxParameters.capabilities.add
	some added in containers.added_capabilities(c)
	[j, cap] := added
	cap in containers.powerful_capabilities
	launch.input_linux
	_counts(cap)
}

# On Fargate each task has its own kernel, so tracing reaches only the task's
# own processes.
_counts(cap) if cap != "SYS_PTRACE"

_counts("SYS_PTRACE") if not launch.fargate_only

_what("ALL") := "ALL capabilities"

_what(cap) := sprintf("capability %s, which lets it %s", [cap, _why[cap]]) if cap != "ALL"

_why := {
	"SYS_ADMIN": "mount file systems and use most privileged kernel interfaces",
	"SYS_MODULE": "load modules into the instance's kernel",
	"SYS_RAWIO": "do raw I/O on host devices and memory",
	"SYS_PTRACE": "trace and read the memory of other processes on the instance",
	"SYS_BOOT": "reboot the instance",
	"SYS_TIME": "set the instance's clock",
	"NET_ADMIN": "reconfigure network interfaces, routes and firewall rules",
	"DAC_READ_SEARCH": "read any file regardless of permissions and open files by handle outside the container",
	"MAC_ADMIN": "change the mandatory access control (AppArmor, SELinux) configuration",
}
