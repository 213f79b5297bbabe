# METADATA
# title: Parameter that Fargate does not support
# description: |
#   Fargate runs each task on its own managed host and does not expose host
#   devices, Docker daemon options or host namespaces. ECS rejects a task
#   definition for Fargate when it uses one of these parameters: privileged
#   mode, devices, links, added capabilities other than SYS_PTRACE, Docker
#   security options, placement constraints, IPC or host PID namespaces, swap,
#   shared memory and tmpfs settings, DNS and hosts options, GPUs, inference
#   accelerators, FSx for Windows volumes, a FireLens configuration file in S3
#   and log drivers other than awslogs, splunk and awsfirelens.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
#     description: Amazon ECS task definition differences for Fargate
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html
#     description: Amazon ECS task definition parameters
# custom:
#   severity: high
#   remediation: Remove the parameter or use a value Fargate accepts (the awslogs, splunk or awsfirelens log driver, only SYS_PTRACE in capabilities.add, pidMode task, FireLens config-file-type file), or run the task on EC2 instances instead of Fargate.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["fargate-unsupported-parameter"]

import data.ecslint.lib.containers
import data.ecslint.lib.fargate
import data.ecslint.lib.launch
import data.ecslint.lib.values
import data.ecslint.lib.volumes

_unsupported := "which Fargate does not support"

# Container parameters rejected whatever their value.
report contains {
	"message": sprintf("container %s sets %s, %s (the task %s)", [containers.display_name(c, i), field, _unsupported, launch.fargate_reason]),
	"path": ["resource", "containerDefinitions", i, field],
} if {
	some i, c in _containers
	some field, v in object.filter(c, fargate.unsupported_container_parameters)
	fargate.uses(v, fargate.unsupported_container_parameters[field])
}

report contains {
	"message": sprintf("container %s sets linuxParameters.%s, %s (the task %s)", [containers.display_name(c, i), field, _unsupported, launch.fargate_reason]),
	"path": ["resource", "containerDefinitions", i, "linuxParameters", field],
} if {
	some i, c in _containers
	lp := c.linuxParameters
	is_object(lp)
	some field, v in object.filter(lp, fargate.unsupported_linux_parameters)
	fargate.uses(v, fargate.unsupported_linux_parameters[field])
}

# Task parameters rejected whatever their value.
report contains {
	"message": sprintf("the task definition sets %s, %s (the task %s)", [field, _unsupported, launch.fargate_reason]),
	"path": ["resource", field],
} if {
	_on_fargate
	some field, v in object.filter(input.resource, fargate.unsupported_task_parameters)
	fargate.uses(v, fargate.unsupported_task_parameters[field])
}

report contains {
	"message": sprintf("the task definition sets pidMode to host, %s: only pidMode task is allowed (the task %s)", [_unsupported, launch.fargate_reason]),
	"path": ["resource", "pidMode"],
} if {
	_on_fargate
	is_string(input.resource.pidMode)
	lower(input.resource.pidMode) == "host"
}

# One finding per container for its added capabilities.
report contains {
	"message": sprintf("container %s adds the %s %s to linuxParameters.capabilities.add; Fargate lets a container add only SYS_PTRACE (the task %s)", [containers.display_name(c, i), _plural(caps, "capability", "capabilities"), concat(", ", caps), launch.fargate_reason]),
	"path": ["resource", "containerDefinitions", i, "linuxParameters", "capabilities", "add"],
} if {
	some i, c in _containers
	added := c.linuxParameters.capabilities.add
	is_array(added)
	caps := [cap | some cap in added; _forbidden_capability(cap)]
	count(caps) > 0
}

report contains {
	"message": sprintf("container %s requests %s in resourceRequirements, %s (the task %s)", [containers.display_name(c, i), _devices[lower(r.type)], _unsupported, launch.fargate_reason]),
	"path": ["resource", "containerDefinitions", i, "resourceRequirements", j],
} if {
	some i, c in _containers
	some j, r in c.resourceRequirements
	is_string(r.type)
	_devices[lower(r.type)]
}

report contains {
	"message": sprintf("container %s uses the %s log driver; Fargate supports only awslogs, splunk and awsfirelens (the task %s)", [containers.display_name(c, i), driver, launch.fargate_reason]),
	"path": ["resource", "containerDefinitions", i, "logConfiguration", "logDriver"],
} if {
	some i, c in _containers
	driver := c.logConfiguration.logDriver
	is_string(driver)
	not lower(driver) in fargate.log_drivers
	_concrete(driver)
}

report contains {
	"message": sprintf("container %s loads its FireLens configuration from S3 (config-file-type s3); Fargate supports only config-file-type file (the task %s)", [containers.display_name(c, i), launch.fargate_reason]),
	"path": ["resource", "containerDefinitions", i, "firelensConfiguration", "options", "config-file-type"],
} if {
	some i, c in _containers
	t := c.firelensConfiguration.options["config-file-type"]
	is_string(t)
	lower(trim_space(t)) == "s3"
}

report contains {
	"message": sprintf("volume %s is an FSx for Windows File Server volume, %s (the task %s)", [volumes.display_name(v, i), _unsupported, launch.fargate_reason]),
	"path": ["resource", "volumes", i, "fsxWindowsFileServerVolumeConfiguration"],
} if {
	_on_fargate
	some i, v in input.resource.volumes
	is_object(v.fsxWindowsFileServerVolumeConfiguration)
}

_on_fargate if {
	launch.runs_on_fargate
}

_containers[i] := c if {
	_on_fargate
	some i, c in input.resource.containerDefinitions
	is_object(c)
}

_devices := {"gpu": "a GPU", "neurondevice": "Neuron devices"}

# A capability other than SYS_PTRACE (with or without the CAP_ prefix);
# placeholders and empty strings are not judged.
_forbidden_capability(cap) if {
	_concrete(cap)
	name := trim_prefix(upper(trim_space(cap)), "CAP_")
	not name in fargate.addable_capabilities
}

_concrete(s) if {
	is_string(s)
	values.known(s)
}

_plural(xs, one, _) := one if count(xs) == 1

_plural(xs, _, many) := many if count(xs) > 1
