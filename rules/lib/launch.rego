# METADATA
# title: Where a task runs
# description: |
#   The task definition a rule reasons about and the services that run it,
#   the launch types it can run on (declared, validated, or those of its
#   services), its network mode and its operating system (declared, or
#   inferred from Windows images when undeclared), with the defaults ECS
#   applies when a field is absent. Rules never re-derive these.
package ecslint.lib.launch

import data.ecslint.lib.values

# The task definition a rule reasons about: the resource itself, or for a
# service the resolved task definition (undefined when unresolved).
task := input.resource if input.kind == "TaskDefinition"

task := input.related.taskDefinition.resource if {
	input.kind == "Service"
	input.related.taskDefinition.status == "resolved"
}

# The services that run this input: the related services of a task
# definition, or the service itself.
services contains s if {
	input.kind == "TaskDefinition"
	some rel in object.get(input, ["related", "services"], [])
	s := rel.resource
}

services contains input.resource if input.kind == "Service"

# networkMode defaults to bridge (Linux on EC2); Windows on EC2 uses the
# Docker default ("default"); Fargate requires an explicit awsvpc.
# (Negations take td, never td.networkMode: `not f(x)` with x undefined is
# undefined, not true.)
network_mode(td) := td.networkMode if {
	_has_network_mode(td)
} else := "default" if {
	is_windows(td)
} else := "bridge"

_has_network_mode(td) if is_string(td.networkMode)

os_family(td) := object.get(td, ["runtimePlatform", "operatingSystemFamily"], "LINUX")

# false rather than undefined for Linux: OPA caches a function's result for
# the evaluation only when it is defined, and rules ask this of the same
# task definition over and over.
is_windows(td) if {
	family := os_family(td)
	is_string(family)
	startswith(upper(family), "WINDOWS")
} else := false

is_linux(td) if not is_windows(td)

# A Windows task: declared in runtimePlatform, or, when no OS family is
# declared (EC2 Windows samples rarely declare one), a container runs a
# Windows image or Windows PowerShell / cmd. ECS would run these only on
# Windows instances, where the Linux-only settings do not apply. A bare
# container array (ContainerDefinitions) declares nothing: its images
# decide.
_windows(td) if is_windows(td)

_windows(td) if {
	not _declares_os(td)
	some c in td.containerDefinitions
	_windows_container(c)
}

# _windows and its negation for the input, as rules: OPA caches a rule for
# the whole evaluation, an undefined result included, but not an undefined
# function result, so every rule asking about a Linux task would scan its
# containers again.
input_windows if _windows(input.resource)

input_linux if not input_windows

_declares_os(td) if values.is_set(td.runtimePlatform.operatingSystemFamily)

_windows_container(c) if {
	is_string(c.image)
	regex.match(`(?i)(^|[/:_.-])(windows|windowsservercore|servercore|nanoserver|ltsc20[0-9]{2})([/:_.-]|$)|^(microsoft/iis|mcr\.microsoft\.com/dotnet/framework/)`, c.image)
}

_windows_container(c) if {
	some field in ["entryPoint", "command"]
	is_string(c[field][0])
	lower(trim_space(c[field][0])) in {"powershell", "powershell.exe", "cmd", "cmd.exe"}
}

# Launch types the task definition declares it can run on: what the author
# asked for (requiresCompatibilities), else what ECS validated it for
# (compatibilities in describe output), else EC2 and EXTERNAL, which ECS
# validates every definition against.
declared_launch_types(td) := {upper(t) | some t in td.requiresCompatibilities; is_string(t)} if {
	is_array(td.requiresCompatibilities)
	count(td.requiresCompatibilities) > 0
} else := {upper(t) | some t in td.compatibilities; is_string(t)} if {
	is_array(td.compatibilities)
	count(td.compatibilities) > 0
} else := {"EC2", "EXTERNAL"}

_fargate_providers := {"FARGATE", "FARGATE_SPOT"}

# The launch types a service runs its tasks with. A capacity provider
# strategy made only of Fargate providers is Fargate; any other provider is
# an Auto Scaling group or managed instances, i.e. EC2-like. Undefined when
# the service relies on the cluster's default strategy (unknown here).
service_launch_types(svc) := {upper(svc.launchType)} if _has_launch_type(svc)

service_launch_types(svc) := lts if {
	not _has_launch_type(svc)
	is_array(svc.capacityProviderStrategy)
	count(svc.capacityProviderStrategy) > 0
	lts := {t |
		some p in svc.capacityProviderStrategy
		t := _provider_launch_type(p.capacityProvider)
	}

	# Providers that are all unresolved references leave it unknown.
	count(lts) > 0
}

_provider_launch_type(name) := "FARGATE" if {
	is_string(name)
	upper(name) in _fargate_providers
}

_provider_launch_type(name) := "EC2" if {
	is_string(name)
	not values.unresolved(name)
	not upper(name) in _fargate_providers
}

# A launch type given as "" (CLI skeletons) is not set.
_has_launch_type(svc) if {
	is_string(svc.launchType)
	svc.launchType != ""
}

# Launch types this input will run on: for a task definition with related
# services whose launch types are known, what those services use; otherwise
# what the definition declares. For a service, its own launch type.
launch_types := union({lt | some s in services; lt := service_launch_types(s)}) if {
	input.kind == "TaskDefinition"
	_services_known
}

launch_types := declared_launch_types(input.resource) if {
	input.kind == "TaskDefinition"
	not _services_known
}

launch_types := service_launch_types(input.resource) if input.kind == "Service"

_services_known if {
	count(services) > 0
	every s in services {
		service_launch_types(s)
	}
}

# The launch types someone chose for this input: the task definition's
# requiresCompatibilities and the launch types of the services that run it.
# Unlike launch_types it never falls back to what ECS validated the
# definition for (compatibilities lists EC2 and EXTERNAL for nearly every
# definition), so EXTERNAL here means that a person asked for it.
requested_launch_types := {upper(t) | some t in task.requiresCompatibilities; is_string(t)} | {t |
	some s in services
	some t in service_launch_types(s)
}

runs_on_fargate if "FARGATE" in launch_types

# Why a task definition runs on Fargate, completing "the task ..." in a
# message: it declares FARGATE, or a service runs it there.
fargate_reason := "can run on Fargate" if "FARGATE" in declared_launch_types(input.resource)

fargate_reason := "is run by a Fargate service" if not "FARGATE" in declared_launch_types(input.resource)

# EC2 and EXTERNAL both run tasks on instances the customer owns, with an
# agent, an instance role and IMDS.
runs_on_instances if "EC2" in launch_types

runs_on_instances if "EXTERNAL" in launch_types

fargate_only if {
	runs_on_fargate
	not runs_on_instances
	not "MANAGED_INSTANCES" in launch_types
}

# Whether a service runs on Fargate (launch type or Fargate providers).
service_on_fargate(svc) if "FARGATE" in service_launch_types(svc)
