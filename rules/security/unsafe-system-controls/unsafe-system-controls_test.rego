package ecslint.rules.security["unsafe-system-controls_test"]

import data.ecslint.rules.security["unsafe-system-controls"] as rule

_input(td) := {"kind": "TaskDefinition", "name": "app:1", "resource": object.union({"family": "app"}, td)}

_c(names) := {"name": "app", "image": "nginx:1.27", "memory": 256, "systemControls": [{"namespace": n, "value": "1"} | some n in names]}

test_fail_not_namespaced if {
	r := rule.report with input as _input({"networkMode": "awsvpc", "containerDefinitions": [_c(["net.core.somaxconn", "vm.max_map_count"])]})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "systemControls", 1, "namespace"]
	contains(f.message, `"vm.max_map_count"`)
	contains(f.message, "not namespaced")
}

test_fail_other_kernel_keys if {
	every ns in ["kernel.pid_max", "kernel.panic", "fs.file-max", "vm.swappiness", "kernel/randomize_va_space"] {
		r := rule.report with input as _input({"containerDefinitions": [_c([ns])]})
		count(r) == 1
	}
}

test_fail_net_with_host_network if {
	r := rule.report with input as _input({"networkMode": "host", "containerDefinitions": [_c(["net.ipv4.ip_forward", "kernel.shmmax"])]})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "systemControls", 0, "namespace"]
	contains(f.message, "host network mode")
}

test_fail_ipc_with_host_ipc if {
	r := rule.report with input as _input({"ipcMode": "host", "containerDefinitions": [_c(["kernel.shmmax", "fs.mqueue.msg_max", "kernel.sem", "net.core.somaxconn"])]})
	count(r) == 3
	every f in r {
		contains(f.message, "ipcMode host")
	}
}

test_pass_namespaced if {
	names := ["net.ipv4.tcp_keepalive_time", "net.core.somaxconn", "kernel.shmmax", "kernel.msgmnb", "kernel.sem", "fs.mqueue.queues_max"]
	every mode in [{}, {"networkMode": "bridge"}, {"networkMode": "awsvpc", "ipcMode": "task"}] {
		r := rule.report with input as _input(object.union(mode, {"containerDefinitions": [_c(names)]}))
		count(r) == 0
	}
}

test_pass_ipc_with_host_network if {
	r := rule.report with input as _input({"networkMode": "host", "containerDefinitions": [_c(["kernel.shmmax"])]})
	count(r) == 0
}

test_pass_skeleton_and_placeholders if {
	r := rule.report with input as _input({"containerDefinitions": [_c(["", "${SYSCTL}", "{{sysctl}}"])]})
	count(r) == 0
}

test_pass_absent if {
	r := rule.report with input as _input({"containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]})
	count(r) == 0
}

test_pass_windows if {
	r := rule.report with input as _input({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}, "containerDefinitions": [_c(["vm.max_map_count"])]})
	count(r) == 0
}
