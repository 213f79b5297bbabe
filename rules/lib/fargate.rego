# METADATA
# title: What Fargate accepts
# description: |
#   The task sizes Fargate offers (the cpu/memory pairs, with the rows open
#   to Windows), the log drivers and capabilities it allows, and the task
#   definition parameters it rejects.
package ecslint.lib.fargate

import data.ecslint.lib.units

# Valid task memory (MiB) for each task cpu (CPU units), from the Fargate
# task-size table: 0.25 to 16 vCPU. Written out, not computed, because every
# task definition is checked against it. 8 and 16 vCPU need platform 1.4.0.
cpu_memory := {
	256: {512, 1024, 2048},
	512: {1024, 2048, 3072, 4096},
	1024: {2048, 3072, 4096, 5120, 6144, 7168, 8192},
	2048: {
		4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336,
		15360, 16384,
	},
	4096: {
		8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408,
		18432, 19456, 20480, 21504, 22528, 23552, 24576, 25600, 26624, 27648,
		28672, 29696, 30720,
	},
	8192: {
		16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248,
		57344, 61440,
	},
	16384: {
		32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496,
		114688, 122880,
	},
}

# Windows containers on Fargate need at least 1 vCPU and stop at 4 vCPU.
_windows_cpu := {1024, 2048, 4096}

# valid_cpu(units, windows) holds for a task cpu Fargate offers to the OS.
valid_cpu(cpu, false) if cpu_memory[cpu]

valid_cpu(cpu, true) if cpu in _windows_cpu

# valid_size(cpu, memory) holds for a cpu/memory pair of the table (in CPU
# units and MiB, as units.cpu_units and units.memory_mib give them).
valid_size(cpu, memory) if memory in cpu_memory[cpu]

# Task cpu and memory as ECS normalises them ("1 vCPU" -> 1024,
# "2 GB" -> 2048). Undefined for absent, placeholder or malformed values.
task_cpu(td) := units.cpu_units(td.cpu)

task_memory(td) := units.memory_mib(td.memory)

# The log drivers Fargate supports.
log_drivers := {"awslogs", "splunk", "awsfirelens"}

# The only capability Fargate lets a container add (platform 1.4.0).
addable_capabilities := {"SYS_PTRACE"}

# Parameters Fargate rejects, by field of a container definition, of its
# linuxParameters, or of the task definition, with what counts as using
# them: "true" (the boolean true; false is accepted), "items" (a non-empty
# list), "value" (any value but null or an empty string). Parameters
# rejected only for some values (pidMode host, capabilities.add, GPU
# resourceRequirements, FSx volumes, FireLens config-file-type s3, log
# drivers) are judged by the rule. Keyed by field so that a rule looks up
# only the fields a definition sets (object.filter) instead of probing
# every parameter of every container.
unsupported_container_parameters := {
	"privileged": "true",
	"disableNetworking": "true",
	"links": "items",
	"dnsServers": "items",
	"dnsSearchDomains": "items",
	"extraHosts": "items",
	"dockerSecurityOptions": "items",
}

unsupported_linux_parameters := {
	"devices": "items",
	"tmpfs": "items",
	"sharedMemorySize": "value",
	"maxSwap": "value",
	"swappiness": "value",
}

unsupported_task_parameters := {
	"placementConstraints": "items",
	"ipcMode": "value",
	"inferenceAccelerators": "items",
}

# uses(x, use) holds when value x uses a parameter in the sense of an
# unsupported_*_parameters entry.
uses(true, "true")

uses(x, "items") if {
	is_array(x)
	count(x) > 0
}

uses(x, "value") if {
	x != null
	x != ""
}
