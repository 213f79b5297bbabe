package ecslint.lib.units_test

import data.ecslint.lib.units

test_cpu_integer_strings if {
	units.cpu_units("1024") == 1024
	units.cpu_units("256") == 256
	units.cpu_units(" 512 ") == 512
	units.cpu_units("0512") == 512
	units.cpu_units("0") == 0
}

test_cpu_vcpu_forms if {
	units.cpu_units("1 vCPU") == 1024
	units.cpu_units("1 vcpu") == 1024
	units.cpu_units("1vCPU") == 1024
	units.cpu_units("2 VCPU") == 2048
	units.cpu_units(".25 vCPU") == 256
	units.cpu_units("0.25 vcpu") == 256
	units.cpu_units("0.5 vCPU") == 512
	units.cpu_units("16 vCPU") == 16384
}

test_cpu_numbers if {
	units.cpu_units(256) == 256
	units.cpu_units(0) == 0
}

test_cpu_rejects_other_values if {
	not units.cpu_units("")
	not units.cpu_units("1 GB")
	not units.cpu_units("-1")
	not units.cpu_units("1.5")
	not units.cpu_units("${Cpu}")
	not units.cpu_units({"Ref": "Cpu"})
	not units.cpu_units(null)
}

test_memory_integer_strings if {
	units.memory_mib("512") == 512
	units.memory_mib("2048") == 2048
	units.memory_mib("0512") == 512
}

test_memory_gb_forms if {
	units.memory_mib("2 GB") == 2048
	units.memory_mib("2GB") == 2048
	units.memory_mib("2 gb") == 2048
	units.memory_mib("0.5 GB") == 512
	units.memory_mib(".5GB") == 512
	units.memory_mib("30 GB") == 30720
}

test_memory_mb_form if {
	units.memory_mib("512 MB") == 512
	units.memory_mib("512MB") == 512
}

test_memory_numbers if {
	units.memory_mib(512) == 512
	units.memory_mib(0.5) == 0.5
}

test_memory_rejects_other_values if {
	not units.memory_mib("")
	not units.memory_mib("1 vCPU")
	not units.memory_mib("2 TB")
	not units.memory_mib("${Memory}")
	not units.memory_mib({"Ref": "Memory"})
}

# The else chains stop at the first form that applies; the unit forms are
# screened by a case-insensitive substring test before their expression.
test_unit_screens_keep_case_and_spacing if {
	units.cpu_units("1 VcPu") == 1024
	units.memory_mib("1 Gb") == 1024
	units.memory_mib("64 mB") == 64
	not units.cpu_units("vcpu")
	not units.memory_mib("GB")
	not units.memory_mib("1 GB MB")
	not units.memory_mib(true)
	not units.cpu_units([1])
}
