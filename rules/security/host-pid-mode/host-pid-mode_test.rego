package ecslint.rules.security["host-pid-mode_test"]

import data.ecslint.rules.security["host-pid-mode"] as rule

_c := {"name": "app", "image": "nginx:1.27", "memory": 256}

_input(extra) := {"kind": "TaskDefinition", "name": "app:1", "resource": object.union({"family": "app", "containerDefinitions": [_c]}, extra)}

test_fail_host if {
	r := rule.report with input as _input({"pidMode": "host"})
	count(r) == 1
	some f in r
	f.path == ["resource", "pidMode"]
}

test_fail_upper_case if {
	r := rule.report with input as _input({"pidMode": "HOST"})
	count(r) == 1
}

test_pass_task_or_absent if {
	every extra in [{}, {"pidMode": "task"}, {"pidMode": null}, {"pidMode": ""}, {"pidMode": "${PID_MODE}"}] {
		r := rule.report with input as _input(extra)
		count(r) == 0
	}
}

# pidMode is a task-level field; a container-level key (where Checkov's
# CKV_AWS_335 looks) is not an ECS field.
test_pass_container_level_key if {
	r := rule.report with input as _input({"containerDefinitions": [object.union(_c, {"pidMode": "host"})]})
	count(r) == 0
}
