package ecslint.rules.security["dangerous-capabilities_test"]

import data.ecslint.rules.security["dangerous-capabilities"] as rule

_input(td, services) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": object.union({"family": "app"}, td),
	"related": {"services": [{"status": "resolved", "name": "s", "resource": s} | some s in services], "instanceRoles": []},
}

_c(add) := {"name": "app", "image": "nginx:1.27", "memory": 256, "linuxParameters": {"capabilities": {"add": add}}}

_fargate := {"requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512"}

test_fail_sys_admin if {
	r := rule.report with input as _input({"containerDefinitions": [_c(["CHOWN", "SYS_ADMIN"])]}, [])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "linuxParameters", "capabilities", "add", 1]
	contains(f.message, "SYS_ADMIN")
}

test_fail_each_dangerous_capability if {
	every cap in ["ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE", "SYS_BOOT", "SYS_TIME", "NET_ADMIN", "DAC_READ_SEARCH", "MAC_ADMIN"] {
		r := rule.report with input as _input({"requiresCompatibilities": ["EC2"], "containerDefinitions": [_c([cap])]}, [])
		count(r) == 1
	}
}

test_fail_several_in_one_container if {
	r := rule.report with input as _input({"containerDefinitions": [_c(["NET_ADMIN", "SYS_TIME", "NET_BIND_SERVICE"])]}, [])
	count(r) == 2
}

test_fail_cap_prefix_and_case if {
	r := rule.report with input as _input({"containerDefinitions": [_c(["CAP_SYS_ADMIN", "sys_module"])]}, [])
	count(r) == 2
}

test_fail_sys_ptrace_on_ec2 if {
	r := rule.report with input as _input({"containerDefinitions": [_c(["SYS_PTRACE"])]}, [])
	count(r) == 1
}

test_fail_sys_ptrace_fargate_definition_run_on_ec2 if {
	r := rule.report with input as _input(object.union(_fargate, {"containerDefinitions": [_c(["SYS_PTRACE"])]}), [{"serviceName": "s", "launchType": "EC2"}])
	count(r) == 1
}

test_fail_other_caps_on_fargate if {
	r := rule.report with input as _input(object.union(_fargate, {"containerDefinitions": [_c(["SYS_ADMIN"])]}), [])
	count(r) == 1
}

test_pass_sys_ptrace_on_fargate if {
	r := rule.report with input as _input(object.union(_fargate, {"containerDefinitions": [_c(["SYS_PTRACE"])]}), [])
	count(r) == 0
}

test_pass_net_raw_and_harmless if {
	r := rule.report with input as _input({"containerDefinitions": [_c(["NET_RAW", "NET_BIND_SERVICE", "IPC_LOCK", "CHOWN"])]}, [])
	count(r) == 0
}

test_pass_dropped_not_added if {
	c := {"name": "app", "image": "nginx:1.27", "linuxParameters": {"capabilities": {"drop": ["SYS_ADMIN", "NET_ADMIN", "ALL"]}}}
	r := rule.report with input as _input({"containerDefinitions": [c]}, [])
	count(r) == 0
}

test_pass_absent_and_placeholders if {
	containers := [
		{"name": "a", "image": "nginx:1.27"},
		{"name": "b", "image": "nginx:1.27", "linuxParameters": {}},
		_c(["", "${CAP}", {"Ref": "Cap"}]),
	]
	r := rule.report with input as _input({"containerDefinitions": containers}, [])
	count(r) == 0
}

test_pass_windows if {
	td := {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "containerDefinitions": [_c(["SYS_ADMIN"])]}
	r := rule.report with input as _input(td, [])
	count(r) == 0
}
