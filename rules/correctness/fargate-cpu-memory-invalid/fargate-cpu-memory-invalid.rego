# METADATA
# title: Fargate task size missing or not a valid cpu/memory pair
# description: |
#   Fargate sizes a task from its task-level cpu and memory, which are
#   required and must form one of the offered pairs (0.25 to 16 vCPU, each
#   with its own memory range); Windows tasks get only the 1, 2 and 4 vCPU
#   sizes. ECS rejects any other value for Fargate.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
#     description: Task CPU and memory on AWS Fargate
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
#     description: RegisterTaskDefinition (Amazon ECS API reference)
# custom:
#   severity: critical
#   remediation: Set task-level cpu and memory to one of the Fargate task sizes, for example cpu "1024" with memory "2048" to "8192".
#   resources: [TaskDefinition]
package ecslint.rules.correctness["fargate-cpu-memory-invalid"]

import data.ecslint.lib.fargate
import data.ecslint.lib.launch

# Missing cpu or memory: one finding naming what is missing.
report contains {
	"message": sprintf("the task definition has no task-level %s: Fargate requires both cpu and memory (the task %s)", [concat(" and ", missing), launch.fargate_reason]),
	"path": ["resource", missing[0]],
} if {
	_on_fargate
	not _sized
	missing := [f | some f in ["cpu", "memory"]; not _present(f)]
	count(missing) > 0
}

# Both are present, as nearly always: no list to build.
_sized if {
	_present("cpu")
	_present("memory")
}

report contains {
	"message": sprintf("cpu %s is not a Fargate task size: use 256, 512, 1024, 2048, 4096, 8192 or 16384 CPU units (.25 to 16 vCPU) (the task %s)", [_show(input.resource.cpu), launch.fargate_reason]),
	"path": ["resource", "cpu"],
} if {
	_on_fargate
	_cpu_invalid
}

report contains {
	"message": sprintf("cpu %s is not a Fargate size for Windows: Windows tasks on Fargate take 1024, 2048 or 4096 CPU units (1, 2 or 4 vCPU) (the task %s)", [_show(input.resource.cpu), launch.fargate_reason]),
	"path": ["resource", "cpu"],
} if {
	_on_fargate
	cpu := fargate.task_cpu(input.resource)
	fargate.valid_cpu(cpu, false)
	_not_for_windows(cpu)
}

report contains {
	"message": sprintf("memory %s does not pair with cpu %s on Fargate: with this cpu, memory must be %s (the task %s)", [_show(input.resource.memory), _show(input.resource.cpu), _memory_choices[cpu], launch.fargate_reason]),
	"path": ["resource", "memory"],
} if {
	_on_fargate
	cpu := fargate.task_cpu(input.resource)
	fargate.valid_cpu(cpu, false)
	not _not_for_windows(cpu)
	_memory_invalid(cpu)
}

_on_fargate if {
	launch.runs_on_fargate
}

# Present means set to anything but null; "" and placeholders are present
# (an unfilled skeleton or a template value, not judged below).
_present(f) if input.resource[f] != null

# A cpu that ECS reads as a number of units outside the table, or a
# malformed literal such as "1.5" or "2 cores". Placeholders and IaC
# intrinsics are never judged.
_cpu_invalid if {
	cpu := fargate.task_cpu(input.resource)
	not fargate.cpu_memory[cpu]
}

_cpu_invalid if {
	not fargate.task_cpu(input.resource)
	_malformed(input.resource.cpu)
}

_memory_invalid(cpu) if {
	memory := fargate.task_memory(input.resource)
	not fargate.valid_size(cpu, memory)
}

_memory_invalid(_) if {
	not fargate.task_memory(input.resource)
	_malformed(input.resource.memory)
}

# A literal that looks like a size (digits, a dot, a unit word) but that
# ECS cannot read; anything else that does not parse is a template value.
_malformed(v) if {
	is_string(v)
	regex.match(`^\s*[0-9.]+\s*[A-Za-z]*\s*$`, v)
}

_malformed(v) if {
	is_number(v)
	v < 0
}

_not_for_windows(cpu) if {
	_windows
	not fargate.valid_cpu(cpu, true)
}

# Only an explicit Windows family: a placeholder family is not judged.
_windows if {
	family := launch.os_family(input.resource)
	is_string(family)
	startswith(upper(family), "WINDOWS")
}

_memory_choices := {
	256: "512, 1024 or 2048 MiB",
	512: "1024 to 4096 MiB in steps of 1024",
	1024: "2048 to 8192 MiB in steps of 1024",
	2048: "4096 to 16384 MiB in steps of 1024",
	4096: "8192 to 30720 MiB in steps of 1024",
	8192: "16384 to 61440 MiB in steps of 4096",
	16384: "32768 to 122880 MiB in steps of 8192",
}

_show(v) := sprintf("%q", [v]) if is_string(v)

_show(v) := sprintf("%v", [v]) if not is_string(v)
