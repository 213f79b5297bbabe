# METADATA
# title: Runtime platform the capacity cannot run
# description: |
#   Windows containers run only on x86_64, only with at least 1 vCPU on
#   Fargate, not on Amazon ECS Managed Instances and not on Fargate Spot. A
#   task definition or service that combines a Windows runtimePlatform with
#   such capacity is rejected, or its tasks are never placed.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RuntimePlatform.html
#     description: RuntimePlatform (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
#     description: Amazon ECS task definition differences for Fargate
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html
#     description: Amazon ECS clusters for Fargate (Fargate Spot)
# custom:
#   severity: medium
#   remediation: Run Windows tasks on X86_64 with at least 1 vCPU, on FARGATE or EC2 capacity, or use a Linux operatingSystemFamily for ARM64, Managed Instances and Fargate Spot.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["runtime-platform-mismatch"]

import data.ecslint.lib.launch
import data.ecslint.lib.units

_td := input.resource if {
	launch.is_windows(input.resource)
}

_family := launch.os_family(_td)

_os_path := ["resource", "runtimePlatform", "operatingSystemFamily"]

report contains {
	"message": sprintf("runtimePlatform combines %s with cpuArchitecture ARM64: Windows containers run only on X86_64", [_family]),
	"path": ["resource", "runtimePlatform", "cpuArchitecture"],
} if {
	arch := _td.runtimePlatform.cpuArchitecture
	is_string(arch)
	upper(trim_space(arch)) == "ARM64"
}

report contains {
	"message": sprintf("%s task on Fargate with cpu %v units: Windows on Fargate needs at least 1024 (1 vCPU)", [_family, cpu]),
	"path": ["resource", "cpu"],
} if {
	launch.runs_on_fargate
	cpu := units.cpu_units(_td.cpu)
	cpu < 1024
}

report contains {
	"message": sprintf("%s task requires MANAGED_INSTANCES compatibility: Amazon ECS Managed Instances run only Linux tasks", [_family]),
	"path": ["resource", "requiresCompatibilities", j],
} if {
	some j, t in _td.requiresCompatibilities
	is_string(t)
	upper(t) == "MANAGED_INSTANCES"
}

report contains {
	"message": sprintf("%s task is run by service %q with launch type MANAGED_INSTANCES: Amazon ECS Managed Instances run only Linux tasks", [_family, _service_name(s)]),
	"path": _os_path,
} if {
	_td
	some s in launch.services
	"MANAGED_INSTANCES" in launch.service_launch_types(s)
}

report contains {
	"message": sprintf("%s task is run by service %q, whose capacity provider strategy places tasks on FARGATE_SPOT: Fargate Spot runs only Linux tasks", [_family, _service_name(s)]),
	"path": _os_path,
} if {
	_td
	some s in launch.services
	_places_on_spot(s)
}

# A FARGATE_SPOT item receives tasks when it has a base or a weight, or is
# the only provider (a single provider gets every task whatever its weight).
_places_on_spot(s) if {
	some p in s.capacityProviderStrategy
	_is_spot(p)
	_receives_tasks(p, s.capacityProviderStrategy)
}

_is_spot(p) if {
	is_string(p.capacityProvider)
	upper(p.capacityProvider) == "FARGATE_SPOT"
}

_receives_tasks(p, _) if _positive(p.weight)

_receives_tasks(p, _) if _positive(p.base)

_receives_tasks(_, strategy) if count(strategy) == 1

_positive(v) if {
	is_number(v)
	v > 0
}

_service_name(s) := s.serviceName if is_string(s.serviceName)

_service_name(s) := "(unnamed)" if not is_string(object.get(s, "serviceName", null))
