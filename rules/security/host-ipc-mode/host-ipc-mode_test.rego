package ecslint.rules.security["host-ipc-mode_test"]

import data.ecslint.rules.security["host-ipc-mode"] as rule

_c := {"name": "app", "image": "nginx:1.27", "memory": 256}

_input(extra) := {"kind": "TaskDefinition", "name": "app:1", "resource": object.union({"family": "app", "containerDefinitions": [_c]}, extra)}

test_fail_host if {
	r := rule.report with input as _input({"ipcMode": "host"})
	count(r) == 1
	some f in r
	f.path == ["resource", "ipcMode"]
}

test_fail_upper_case if {
	r := rule.report with input as _input({"ipcMode": "Host"})
	count(r) == 1
}

test_pass_other_modes if {
	every extra in [{}, {"ipcMode": "task"}, {"ipcMode": "none"}, {"ipcMode": null}, {"ipcMode": ""}, {"ipcMode": "{{ipc}}"}] {
		r := rule.report with input as _input(extra)
		count(r) == 0
	}
}

test_pass_container_level_key if {
	r := rule.report with input as _input({"containerDefinitions": [object.union(_c, {"ipcMode": "host"})]})
	count(r) == 0
}
