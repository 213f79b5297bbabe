package ecslint.rules.security["capabilities-not-dropped_test"]

import data.ecslint.rules.security["capabilities-not-dropped"] as rule

_input(td) := {"kind": "TaskDefinition", "name": "app:1", "resource": object.union({"family": "app"}, td)}

_c(extra) := object.union({"name": "app", "image": "nginx:1.27", "memory": 256}, extra)

test_fail_no_linux_parameters if {
	r := rule.report with input as _input({"containerDefinitions": [_c({})]})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "linuxParameters", "capabilities", "drop"]
}

test_fail_linux_parameters_without_capabilities if {
	r := rule.report with input as _input({"containerDefinitions": [_c({"linuxParameters": {"initProcessEnabled": true}})]})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "linuxParameters", "capabilities", "drop"]
}

test_fail_add_only if {
	r := rule.report with input as _input({"containerDefinitions": [_c({"linuxParameters": {"capabilities": {"add": ["NET_BIND_SERVICE"]}}})]})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "linuxParameters", "capabilities", "drop"]
}

test_fail_partial_drop if {
	r := rule.report with input as _input({"containerDefinitions": [_c({"linuxParameters": {"capabilities": {"drop": ["SYS_ADMIN", "NET_ADMIN"]}}})]})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "linuxParameters", "capabilities", "drop"]
}

test_fail_add_all_is_not_drop_all if {
	r := rule.report with input as _input({"containerDefinitions": [_c({"linuxParameters": {"capabilities": {"add": ["ALL"]}}})]})
	count(r) == 1
}

test_pass_drop_all if {
	containers := [
		_c({"linuxParameters": {"capabilities": {"drop": ["ALL"]}}}),
		_c({"name": "b", "linuxParameters": {"capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["all"]}}}),
	]
	r := rule.report with input as _input({"containerDefinitions": containers})
	count(r) == 0
}

test_pass_privileged if {
	r := rule.report with input as _input({"containerDefinitions": [_c({"privileged": true})]})
	count(r) == 0
}

test_pass_placeholder if {
	containers := [
		_c({"linuxParameters": {"capabilities": {"drop": ["${DROP}"]}}}),
		_c({"name": "b", "linuxParameters": {"capabilities": {"drop": {"Ref": "Drop"}}}}),
	]
	r := rule.report with input as _input({"containerDefinitions": containers})
	count(r) == 0
}

test_pass_windows if {
	r := rule.report with input as _input({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}, "containerDefinitions": [_c({})]})
	count(r) == 0
}
