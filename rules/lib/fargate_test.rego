package ecslint.lib.fargate_test

import data.ecslint.lib.fargate

test_table_rows if {
	object.keys(fargate.cpu_memory) == {256, 512, 1024, 2048, 4096, 8192, 16384}
	count(fargate.cpu_memory[256]) == 3
	count(fargate.cpu_memory[512]) == 4
	count(fargate.cpu_memory[1024]) == 7
	count(fargate.cpu_memory[2048]) == 13
	count(fargate.cpu_memory[4096]) == 23
	count(fargate.cpu_memory[8192]) == 12
	count(fargate.cpu_memory[16384]) == 12
}

# The written-out rows match the ranges and steps of the AWS table.
test_table_steps if {
	fargate.cpu_memory[2048] == {m | some m in numbers.range_step(4096, 16384, 1024)}
	fargate.cpu_memory[4096] == {m | some m in numbers.range_step(8192, 30720, 1024)}
	fargate.cpu_memory[8192] == {m | some m in numbers.range_step(16384, 61440, 4096)}
	fargate.cpu_memory[16384] == {m | some m in numbers.range_step(32768, 122880, 8192)}
}

test_valid_size if {
	fargate.valid_size(256, 512)
	fargate.valid_size(256, 2048)
	fargate.valid_size(1024, 8192)
	fargate.valid_size(4096, 30720)
	fargate.valid_size(8192, 16384)
	fargate.valid_size(8192, 61440)
	fargate.valid_size(16384, 122880)
}

test_invalid_size if {
	not fargate.valid_size(256, 4096)
	not fargate.valid_size(512, 512)
	not fargate.valid_size(1024, 1024)
	not fargate.valid_size(4096, 32768)
	not fargate.valid_size(8192, 17408)
	not fargate.valid_size(16384, 36864)
	not fargate.valid_size(16384, 131072)
	not fargate.valid_size(32768, 65536)
	not fargate.valid_size(128, 512)
}

test_valid_size_from_unit_strings if {
	fargate.valid_size(fargate.task_cpu({"cpu": "1 vCPU"}), fargate.task_memory({"memory": "2 GB"}))
	fargate.valid_size(fargate.task_cpu({"cpu": ".25 vcpu"}), fargate.task_memory({"memory": "0.5GB"}))
	fargate.valid_size(fargate.task_cpu({"cpu": "16 vCPU"}), fargate.task_memory({"memory": "120 GB"}))
	fargate.valid_size(fargate.task_cpu({"cpu": "4096"}), fargate.task_memory({"memory": "30720"}))
}

test_task_values_undefined if {
	not fargate.task_cpu({})
	not fargate.task_cpu({"cpu": "${Cpu}"})
	not fargate.task_memory({"memory": {"Ref": "Memory"}})
	not fargate.task_memory({"memory": null})
}

test_valid_cpu if {
	fargate.valid_cpu(256, false)
	fargate.valid_cpu(16384, false)
	fargate.valid_cpu(1024, true)
	fargate.valid_cpu(4096, true)
	not fargate.valid_cpu(256, true)
	not fargate.valid_cpu(512, true)
	not fargate.valid_cpu(8192, true)
	not fargate.valid_cpu(16384, true)
	not fargate.valid_cpu(3072, false)
}

test_uses if {
	fargate.uses(true, "true")
	not fargate.uses(false, "true")
	not fargate.uses("true", "true")
	fargate.uses(["web"], "items")
	not fargate.uses([], "items")
	not fargate.uses(null, "items")
	fargate.uses(0, "value")
	fargate.uses("host", "value")
	not fargate.uses(null, "value")
	not fargate.uses("", "value")
}

test_parameter_lists if {
	fargate.unsupported_container_parameters.privileged == "true"
	fargate.unsupported_linux_parameters.tmpfs == "items"
	fargate.unsupported_task_parameters.placementConstraints == "items"
	"awslogs" in fargate.log_drivers
	not "json-file" in fargate.log_drivers
}
