package ecslint.rules.security["host-devices-mapped_test"]

import data.ecslint.rules.security["host-devices-mapped"] as rule

_input(td) := {"kind": "TaskDefinition", "name": "app:1", "resource": object.union({"family": "app"}, td)}

_c(devices) := {"name": "app", "image": "ubuntu:24.04", "memory": 256, "linuxParameters": {"devices": devices}}

test_fail_device if {
	r := rule.report with input as _input({"containerDefinitions": [_c([{"hostPath": "/dev/fuse", "containerPath": "/dev/fuse"}])]})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "linuxParameters", "devices", 0]
	contains(f.message, `"/dev/fuse"`)
	contains(f.message, "(the default)")
	not f.severity
}

test_fail_each_device if {
	devices := [{"hostPath": "/dev/ttyUSB0", "permissions": ["read", "write"]}, {"hostPath": "/dev/snd"}]
	r := rule.report with input as _input({"containerDefinitions": [_c(devices)]})
	count(r) == 2
	{f.path | some f in r} == {
		["resource", "containerDefinitions", 0, "linuxParameters", "devices", 0],
		["resource", "containerDefinitions", 0, "linuxParameters", "devices", 1],
	}
	some f in r
	contains(f.message, "permissions read, write")
}

test_fail_disk_is_high if {
	every path in ["/dev/xvda", "/dev/nvme0n1", "/dev/sda1", "/dev/mem"] {
		r := rule.report with input as _input({"containerDefinitions": [_c([{"hostPath": path, "permissions": ["read"]}])]})
		count(r) == 1
		some f in r
		f.severity == "high"
	}
}

test_fail_accelerator_is_low if {
	every path in ["/dev/neuron0", "/dev/dri/renderD128", "/dev/nvidia0", "/dev/nvidiactl"] {
		r := rule.report with input as _input({"containerDefinitions": [_c([{"hostPath": path}])]})
		count(r) == 1
		some f in r
		f.severity == "low"
	}
}

test_pass_no_devices if {
	containers := [
		{"name": "a", "image": "nginx:1.27"},
		{"name": "b", "image": "nginx:1.27", "linuxParameters": {"initProcessEnabled": true}},
		_c([]),
	]
	r := rule.report with input as _input({"containerDefinitions": containers})
	count(r) == 0
}

# generate-cli-skeleton output: an empty hostPath is no device.
test_pass_skeleton if {
	r := rule.report with input as _input({"containerDefinitions": [_c([{"hostPath": "", "containerPath": "", "permissions": ["mknod"]}])]})
	count(r) == 0
}

test_pass_windows if {
	r := rule.report with input as _input({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}, "containerDefinitions": [_c([{"hostPath": "/dev/fuse"}])]})
	count(r) == 0
}
