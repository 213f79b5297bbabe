package ecslint.lib.launch_test

import data.ecslint.lib.launch

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
	launch.task == _td with input as _td_input(_td, [])
}

test_task_of_service if {
	launch.task == _td with input as _svc_input(_ec2_svc, _td)
}

test_task_of_service_unresolved if {
	not launch.task with input as {"kind": "Service", "resource": _ec2_svc, "related": {"taskDefinition": {"status": "unresolved"}}}
}

test_services_of_task_definition if {
	launch.services == {_ec2_svc, _fargate_svc} with input as _td_input(_td, [_ec2_svc, _fargate_svc])
	count(launch.services) == 0 with input as _td_input(_td, [])
	count(launch.services) == 0 with input as {"kind": "TaskDefinition", "resource": _td}
}

test_services_of_service if {
	launch.services == {_ec2_svc} with input as _svc_input(_ec2_svc, _td)
}

# network_mode, os_family, is_windows, is_linux

test_network_mode_explicit if {
	launch.network_mode(_with({"networkMode": "awsvpc"})) == "awsvpc"
	launch.network_mode(_with({"networkMode": "host"})) == "host"
}

test_network_mode_default_linux if {
	launch.network_mode(_td) == "bridge"
	launch.network_mode(_with({"networkMode": null})) == "bridge"
	launch.network_mode(_with({"runtimePlatform": {"operatingSystemFamily": "LINUX"}})) == "bridge"
}

test_network_mode_default_windows if {
	launch.network_mode(_with({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}})) == "default"
}

test_os_family if {
	launch.os_family(_td) == "LINUX"
	launch.os_family(_with({"runtimePlatform": {"cpuArchitecture": "ARM64"}})) == "LINUX"
	launch.os_family(_with({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_FULL"}})) == "WINDOWS_SERVER_2019_FULL"
}

test_is_windows if {
	launch.is_windows(_with({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}}))
	launch.is_windows(_with({"runtimePlatform": {"operatingSystemFamily": "windows_server_2025_full"}}))
	not launch.is_windows(_td)
	launch.is_linux(_td)
	not launch.is_linux(_with({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_FULL"}}))
}

# declared_launch_types

test_declared_requires if {
	launch.declared_launch_types(_with({"requiresCompatibilities": ["FARGATE"]})) == {"FARGATE"}
	launch.declared_launch_types(_with({"requiresCompatibilities": ["ec2", "FARGATE"]})) == {"EC2", "FARGATE"}
}

test_declared_requires_wins_over_compatibilities if {
	td := _with({"requiresCompatibilities": ["FARGATE"], "compatibilities": ["EC2", "FARGATE"]})
	launch.declared_launch_types(td) == {"FARGATE"}
}

test_declared_compatibilities if {
	launch.declared_launch_types(_with({"compatibilities": ["EC2", "EXTERNAL"]})) == {"EC2", "EXTERNAL"}
	launch.declared_launch_types(_with({"requiresCompatibilities": [], "compatibilities": ["EC2"]})) == {"EC2"}
}

test_declared_default if {
	launch.declared_launch_types(_td) == {"EC2", "EXTERNAL"}
	launch.declared_launch_types(_with({"requiresCompatibilities": [], "compatibilities": []})) == {"EC2", "EXTERNAL"}
	launch.declared_launch_types(_with({"requiresCompatibilities": null})) == {"EC2", "EXTERNAL"}
}

# service_launch_types, service_on_fargate

test_service_launch_type if {
	launch.service_launch_types(_ec2_svc) == {"EC2"}
	launch.service_launch_types({"launchType": "fargate"}) == {"FARGATE"}
	launch.service_launch_types({"launchType": "EXTERNAL"}) == {"EXTERNAL"}
}

test_service_capacity_providers if {
	launch.service_launch_types({"capacityProviderStrategy": [{"capacityProvider": "FARGATE"}, {"capacityProvider": "FARGATE_SPOT"}]}) == {"FARGATE"}
	launch.service_launch_types({"capacityProviderStrategy": [{"capacityProvider": "my-asg-provider"}]}) == {"EC2"}
	launch.service_launch_types({"capacityProviderStrategy": [{"capacityProvider": "FARGATE"}, {"capacityProvider": "asg"}]}) == {"FARGATE", "EC2"}
}

test_service_empty_launch_type_uses_strategy if {
	launch.service_launch_types({"launchType": "", "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT"}]}) == {"FARGATE"}
}

test_service_launch_types_unknown if {
	not launch.service_launch_types({"serviceName": "s"})
	not launch.service_launch_types({"launchType": ""})
	not launch.service_launch_types({"capacityProviderStrategy": []})
	not launch.service_launch_types({"capacityProviderStrategy": [{"capacityProvider": "${CapacityProvider}"}]})
	not launch.service_launch_types({"capacityProviderStrategy": [{"capacityProvider": {"Ref": "Provider"}}]})
}

test_service_on_fargate if {
	launch.service_on_fargate(_fargate_svc)
	launch.service_on_fargate({"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT"}]})
	not launch.service_on_fargate(_ec2_svc)
	not launch.service_on_fargate({"serviceName": "s"})
}

# launch_types

test_launch_types_declared_without_services if {
	launch.launch_types == {"FARGATE"} with input as _td_input(_with({"requiresCompatibilities": ["FARGATE"]}), [])
	launch.launch_types == {"EC2", "EXTERNAL"} with input as _td_input(_td, [])
	launch.launch_types == {"EC2", "EXTERNAL"} with input as {"kind": "TaskDefinition", "resource": _td}
}

test_launch_types_from_related_services if {
	td := _with({"requiresCompatibilities": ["FARGATE"]})
	launch.launch_types == {"EC2"} with input as _td_input(td, [_ec2_svc])
	launch.launch_types == {"EC2", "FARGATE"} with input as _td_input(_td, [_ec2_svc, _fargate_svc])
}

test_launch_types_unknown_service_falls_back if {
	td := _with({"requiresCompatibilities": ["FARGATE"]})
	launch.launch_types == {"FARGATE"} with input as _td_input(td, [_ec2_svc, {"serviceName": "default-strategy"}])
}

test_launch_types_of_service if {
	launch.launch_types == {"FARGATE"} with input as _svc_input(_fargate_svc, _td)
	not launch.launch_types with input as _svc_input({"serviceName": "s"}, _td)
}

# requested_launch_types

test_requested_launch_types if {
	launch.requested_launch_types == {"EXTERNAL"} with input as _td_input(_with({"requiresCompatibilities": ["external"]}), [])
	launch.requested_launch_types == {"FARGATE", "EC2"} with input as _td_input(_with({"requiresCompatibilities": ["FARGATE"]}), [_ec2_svc])
	launch.requested_launch_types == {"FARGATE"} with input as _svc_input(_fargate_svc, _td)
}

test_requested_launch_types_never_defaults if {
	launch.requested_launch_types == set() with input as _td_input(_td, [])
	launch.requested_launch_types == set() with input as _td_input(_with({"compatibilities": ["EC2", "EXTERNAL"]}), [])
	launch.requested_launch_types == set() with input as {"kind": "Service", "resource": {"serviceName": "s"}, "related": {"taskDefinition": {"status": "unresolved"}}}
}

# runs_on_fargate, runs_on_instances, fargate_only

test_fargate_only_declared if {
	launch.fargate_only with input as _td_input(_with({"requiresCompatibilities": ["FARGATE"]}), [])
	launch.runs_on_fargate with input as _td_input(_with({"requiresCompatibilities": ["FARGATE"]}), [])
	not launch.runs_on_instances with input as _td_input(_with({"requiresCompatibilities": ["FARGATE"]}), [])
}

test_not_fargate_only_mixed if {
	not launch.fargate_only with input as _td_input(_with({"requiresCompatibilities": ["FARGATE", "EC2"]}), [])
	launch.runs_on_instances with input as _td_input(_with({"requiresCompatibilities": ["FARGATE", "EC2"]}), [])
	not launch.fargate_only with input as _td_input(_with({"requiresCompatibilities": ["FARGATE", "MANAGED_INSTANCES"]}), [])
}

test_not_fargate_only_default if {
	not launch.fargate_only with input as _td_input(_td, [])
	launch.runs_on_instances with input as _td_input(_td, [])
	not launch.runs_on_fargate with input as _td_input(_td, [])
}

test_external_runs_on_instances if {
	launch.runs_on_instances with input as _td_input(_with({"requiresCompatibilities": ["EXTERNAL"]}), [])
}

test_fargate_only_through_services if {
	launch.fargate_only with input as _td_input(_td, [_fargate_svc])
	not launch.fargate_only with input as _td_input(_with({"requiresCompatibilities": ["FARGATE"]}), [_ec2_svc])
	launch.fargate_only with input as _svc_input({"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT"}]}, _td)
}

test_fargate_reason if {
	launch.fargate_reason == "can run on Fargate" with input as _td_input(_with({"requiresCompatibilities": ["FARGATE"]}), [])
	launch.fargate_reason == "is run by a Fargate service" with input as _td_input(_td, [_fargate_svc])
}

test_not_fargate_only_unknown if {
	not launch.fargate_only with input as _svc_input({"serviceName": "s"}, _td)
	not launch.runs_on_instances with input as _svc_input({"serviceName": "s"}, _td)
}

# operating system inferred when undeclared

_c(extra) := object.union({"name": "app", "image": "nginx:1.27"}, extra)

_td_with(extra, containers) := object.union({"family": "app", "containerDefinitions": containers}, extra)

test_windows_declared if {
	launch._windows(_td_with({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}}, [_c({})]))
	not launch._windows(_td_with({"runtimePlatform": {"operatingSystemFamily": "LINUX"}}, [_c({"image": "mcr.microsoft.com/windows/servercore/iis"})]))
	not launch._windows(_td_with({}, [_c({})]))
}

test_windows_inferred_from_image if {
	every image in [
		"mcr.microsoft.com/windows/servercore/iis",
		"mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019",
		"microsoft/iis",
		"public.ecr.aws/aws-observability/aws-for-fluent-bit:windowsservercore-latest",
		"amazon-ecs-ftest-windows-base:make",
		"mcr.microsoft.com/dotnet/framework/aspnet:4.8",
		"mcr.microsoft.com/windows/nanoserver:ltsc2022",
	] {
		launch._windows(_td_with({}, [_c({"image": image})]))
	}
}

test_windows_inferred_from_shell if {
	launch._windows(_td_with({}, [_c({"entryPoint": ["powershell", "-Command"]})]))
	launch._windows(_td_with({}, [_c({"command": ["cmd.exe", "/c", "dir"]})]))
}

test_linux_images_not_windows if {
	every image in [
		"nginx:1.27",
		"public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
		"mcr.microsoft.com/dotnet/aspnet:8.0",
		"mcr.microsoft.com/powershell:latest",
		"example/windowsless:1",
		"<PLACEHOLDER>",
	] {
		not launch._windows(_td_with({}, [_c({"image": image})]))
	}
	not launch._windows(_td_with({}, [_c({"image": {"Ref": "Image"}, "entryPoint": ["sh", "-c"]})]))
}

# A bare container array has no runtimePlatform: its images decide.
test_input_os_of_container_definitions if {
	launch.input_windows with input as {"kind": "ContainerDefinitions", "resource": {"containerDefinitions": [_c({"image": "mcr.microsoft.com/windows/servercore/iis"})]}}
	launch.input_linux with input as {"kind": "ContainerDefinitions", "resource": {"containerDefinitions": [_c({})]}}
}
