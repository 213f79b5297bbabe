package ecslint.lib.ecs_test

import data.ecslint.lib.ecs

_td := {"family": "app", "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]}

_with(extra) := object.union(_td, extra)

_td_input(td, services) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": td,
	"related": {"services": [{"status": "resolved", "name": "s", "resource": s} | some s in services], "instanceRoles": []},
}

_svc_input(svc, td) := {"kind": "Service", "name": "s", "resource": svc, "related": {"taskDefinition": {"status": "resolved", "name": "app:1", "resource": td}}}

_ec2_svc := {"serviceName": "a", "launchType": "EC2"}

_fargate_svc := {"serviceName": "b", "launchType": "FARGATE"}

# task, services

test_task_of_task_definition if {
	ecs.task == _td with input as _td_input(_td, [])
}

test_task_of_service if {
	ecs.task == _td with input as _svc_input(_ec2_svc, _td)
}

test_task_of_service_unresolved if {
	not ecs.task with input as {"kind": "Service", "resource": _ec2_svc, "related": {"taskDefinition": {"status": "unresolved"}}}
}

test_services_of_task_definition if {
	ecs.services == {_ec2_svc, _fargate_svc} with input as _td_input(_td, [_ec2_svc, _fargate_svc])
	count(ecs.services) == 0 with input as _td_input(_td, [])
	count(ecs.services) == 0 with input as {"kind": "TaskDefinition", "resource": _td}
}

test_services_of_service if {
	ecs.services == {_ec2_svc} with input as _svc_input(_ec2_svc, _td)
}

# essential

test_essential if {
	ecs.essential({"name": "a"})
	ecs.essential({"name": "a", "essential": true})
	not ecs.essential({"name": "a", "essential": false})
}

# network_mode, os_family, is_windows, is_linux

test_network_mode_explicit if {
	ecs.network_mode(_with({"networkMode": "awsvpc"})) == "awsvpc"
	ecs.network_mode(_with({"networkMode": "host"})) == "host"
}

test_network_mode_default_linux if {
	ecs.network_mode(_td) == "bridge"
	ecs.network_mode(_with({"networkMode": null})) == "bridge"
	ecs.network_mode(_with({"runtimePlatform": {"operatingSystemFamily": "LINUX"}})) == "bridge"
}

test_network_mode_default_windows if {
	ecs.network_mode(_with({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}})) == "default"
}

test_os_family if {
	ecs.os_family(_td) == "LINUX"
	ecs.os_family(_with({"runtimePlatform": {"cpuArchitecture": "ARM64"}})) == "LINUX"
	ecs.os_family(_with({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}})) == "WINDOWS_SERVER_2019_FULL"
}

test_is_windows if {
	ecs.is_windows(_with({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}}))
	ecs.is_windows(_with({"runtimePlatform": {"operatingSystemFamily": "windows_server_2025_full"}}))
	not ecs.is_windows(_td)
	ecs.is_linux(_td)
	not ecs.is_linux(_with({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_FULL"}}))
}

# declared_launch_types

test_declared_requires if {
	ecs.declared_launch_types(_with({"requiresCompatibilities": ["FARGATE"]})) == {"FARGATE"}
	ecs.declared_launch_types(_with({"requiresCompatibilities": ["ec2", "FARGATE"]})) == {"EC2", "FARGATE"}
}

test_declared_requires_wins_over_compatibilities if {
	td := _with({"requiresCompatibilities": ["FARGATE"], "compatibilities": ["EC2", "FARGATE"]})
	ecs.declared_launch_types(td) == {"FARGATE"}
}

test_declared_compatibilities if {
	ecs.declared_launch_types(_with({"compatibilities": ["EC2", "EXTERNAL"]})) == {"EC2", "EXTERNAL"}
	ecs.declared_launch_types(_with({"requiresCompatibilities": [], "compatibilities": ["EC2"]})) == {"EC2"}
}

test_declared_default if {
	ecs.declared_launch_types(_td) == {"EC2", "EXTERNAL"}
	ecs.declared_launch_types(_with({"requiresCompatibilities": [], "compatibilities": []})) == {"EC2", "EXTERNAL"}
	ecs.declared_launch_types(_with({"requiresCompatibilities": null})) == {"EC2", "EXTERNAL"}
}

# service_launch_types, service_on_fargate

test_service_launch_type if {
	ecs.service_launch_types(_ec2_svc) == {"EC2"}
	ecs.service_launch_types({"launchType": "fargate"}) == {"FARGATE"}
	ecs.service_launch_types({"launchType": "EXTERNAL"}) == {"EXTERNAL"}
}

test_service_capacity_providers if {
	ecs.service_launch_types({"capacityProviderStrategy": [{"capacityProvider": "FARGATE"}, {"capacityProvider": "FARGATE_SPOT"}]}) == {"FARGATE"}
	ecs.service_launch_types({"capacityProviderStrategy": [{"capacityProvider": "my-asg-provider"}]}) == {"EC2"}
	ecs.service_launch_types({"capacityProviderStrategy": [{"capacityProvider": "FARGATE"}, {"capacityProvider": "asg"}]}) == {"FARGATE", "EC2"}
}

test_service_empty_launch_type_uses_strategy if {
	ecs.service_launch_types({"launchType": "", "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT"}]}) == {"FARGATE"}
}

test_service_launch_types_unknown if {
	not ecs.service_launch_types({"serviceName": "s"})
	not ecs.service_launch_types({"launchType": ""})
	not ecs.service_launch_types({"capacityProviderStrategy": []})
	not ecs.service_launch_types({"capacityProviderStrategy": [{"capacityProvider": "${CapacityProvider}"}]})
	not ecs.service_launch_types({"capacityProviderStrategy": [{"capacityProvider": {"Ref": "Provider"}}]})
}

test_service_on_fargate if {
	ecs.service_on_fargate(_fargate_svc)
	ecs.service_on_fargate({"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT"}]})
	not ecs.service_on_fargate(_ec2_svc)
	not ecs.service_on_fargate({"serviceName": "s"})
}

# launch_types

test_launch_types_declared_without_services if {
	ecs.launch_types == {"FARGATE"} with input as _td_input(_with({"requiresCompatibilities": ["FARGATE"]}), [])
	ecs.launch_types == {"EC2", "EXTERNAL"} with input as _td_input(_td, [])
	ecs.launch_types == {"EC2", "EXTERNAL"} with input as {"kind": "TaskDefinition", "resource": _td}
}

test_launch_types_from_related_services if {
	td := _with({"requiresCompatibilities": ["FARGATE"]})
	ecs.launch_types == {"EC2"} with input as _td_input(td, [_ec2_svc])
	ecs.launch_types == {"EC2", "FARGATE"} with input as _td_input(_td, [_ec2_svc, _fargate_svc])
}

test_launch_types_unknown_service_falls_back if {
	td := _with({"requiresCompatibilities": ["FARGATE"]})
	ecs.launch_types == {"FARGATE"} with input as _td_input(td, [_ec2_svc, {"serviceName": "default-strategy"}])
}

test_launch_types_of_service if {
	ecs.launch_types == {"FARGATE"} with input as _svc_input(_fargate_svc, _td)
	not ecs.launch_types with input as _svc_input({"serviceName": "s"}, _td)
}

# requested_launch_types

test_requested_launch_types if {
	ecs.requested_launch_types == {"EXTERNAL"} with input as _td_input(_with({"requiresCompatibilities": ["external"]}), [])
	ecs.requested_launch_types == {"FARGATE", "EC2"} with input as _td_input(_with({"requiresCompatibilities": ["FARGATE"]}), [_ec2_svc])
	ecs.requested_launch_types == {"FARGATE"} with input as _svc_input(_fargate_svc, _td)
}

test_requested_launch_types_never_defaults if {
	ecs.requested_launch_types == set() with input as _td_input(_td, [])
	ecs.requested_launch_types == set() with input as _td_input(_with({"compatibilities": ["EC2", "EXTERNAL"]}), [])
	ecs.requested_launch_types == set() with input as {"kind": "Service", "resource": {"serviceName": "s"}, "related": {"taskDefinition": {"status": "unresolved"}}}
}

# runs_on_fargate, runs_on_instances, fargate_only

test_fargate_only_declared if {
	ecs.fargate_only with input as _td_input(_with({"requiresCompatibilities": ["FARGATE"]}), [])
	ecs.runs_on_fargate with input as _td_input(_with({"requiresCompatibilities": ["FARGATE"]}), [])
	not ecs.runs_on_instances with input as _td_input(_with({"requiresCompatibilities": ["FARGATE"]}), [])
}

test_not_fargate_only_mixed if {
	not ecs.fargate_only with input as _td_input(_with({"requiresCompatibilities": ["FARGATE", "EC2"]}), [])
	ecs.runs_on_instances with input as _td_input(_with({"requiresCompatibilities": ["FARGATE", "EC2"]}), [])
	not ecs.fargate_only with input as _td_input(_with({"requiresCompatibilities": ["FARGATE", "MANAGED_INSTANCES"]}), [])
}

test_not_fargate_only_default if {
	not ecs.fargate_only with input as _td_input(_td, [])
	ecs.runs_on_instances with input as _td_input(_td, [])
	not ecs.runs_on_fargate with input as _td_input(_td, [])
}

test_external_runs_on_instances if {
	ecs.runs_on_instances with input as _td_input(_with({"requiresCompatibilities": ["EXTERNAL"]}), [])
}

test_fargate_only_through_services if {
	ecs.fargate_only with input as _td_input(_td, [_fargate_svc])
	not ecs.fargate_only with input as _td_input(_with({"requiresCompatibilities": ["FARGATE"]}), [_ec2_svc])
	ecs.fargate_only with input as _svc_input({"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT"}]}, _td)
}

test_not_fargate_only_unknown if {
	not ecs.fargate_only with input as _svc_input({"serviceName": "s"}, _td)
	not ecs.runs_on_instances with input as _svc_input({"serviceName": "s"}, _td)
}
