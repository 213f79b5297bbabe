# METADATA
# title: Fargate service pinned to an outdated platform version
# description: |
#   A Fargate platform version is the kernel and container runtime the tasks
#   run on. A service pinned to an older version misses security patches and
#   features (Linux 1.4.0 added EFS, more ephemeral storage and ECS Exec), and
#   older versions are retired. The newest versions are 1.4.0 for Linux and
#   1.0.0 for Windows; LATEST or omitting the field always uses them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html
#     description: Fargate Linux platform versions
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-windows-fargate.html
#     description: Fargate Windows platform versions
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-10
#     description: "[ECS.10] ECS Fargate services should run on the latest Fargate platform version"
# custom:
#   severity: medium
#   remediation: Set platformVersion to LATEST or omit it.
#   resources: [Service]
#   frameworks:
#     securityhub: [ECS.10]
package ecslint.rules.security["fargate-platform-version-outdated"]

import data.ecslint.lib.launch
import data.ecslint.lib.services

# Only the requested version (top level) counts: describe-services reports
# the version LATEST resolved to inside deployments[].
report contains {
	"message": sprintf("the Fargate service is pinned to %s platform version %s; the newest is %s", [os, svc.platformVersion, newest]),
	"path": ["resource", "platformVersion"],
} if {
	svc := input.resource
	launch.service_on_fargate(svc)
	some os, newest in _newest
	services.version_before(svc.platformVersion, newest)
}

# The newest version for the service's operating system: from the task
# definition when it is known, else from describe-services platformFamily.
# With neither, a version older than Linux 1.4.0 is outdated unless it is
# 1.0.0, which is the current Windows version.
_newest := {"Linux": "1.4.0"} if _os == "LINUX"

_newest := {"Windows": "1.0.0"} if _os == "WINDOWS"

_newest := {"Linux": "1.4.0"} if {
	not _os
	is_string(input.resource.platformVersion)
	trim_space(input.resource.platformVersion) != "1.0.0"
}

_os := "WINDOWS" if launch.is_windows(launch.task)

_os := "LINUX" if launch.is_linux(launch.task)

_os := "WINDOWS" if {
	not launch.task
	is_string(input.resource.platformFamily)
	startswith(upper(input.resource.platformFamily), "WINDOWS")
}

_os := "LINUX" if {
	not launch.task
	is_string(input.resource.platformFamily)
	upper(input.resource.platformFamily) == "LINUX"
}
