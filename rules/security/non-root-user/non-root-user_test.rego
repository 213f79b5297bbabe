package ecslint.rules.security["non-root-user_test"]

import data.ecslint.rules.security["non-root-user"] as rule

_input(td) := {"kind": "TaskDefinition", "name": "app:1", "resource": object.union({"family": "app"}, td)}

_c(extra) := object.union({"name": "app", "image": "nginx:1.27", "memory": 256}, extra)

_windows := {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}}

test_fail_linux_no_user if {
	r := rule.report with input as _input({"containerDefinitions": [_c({})]})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "user"]
	contains(f.message, "sets no user")
}

test_fail_linux_root_forms if {
	every user in ["root", "0", "root:root", "0:0", "root:1000"] {
		r := rule.report with input as _input({"containerDefinitions": [_c({"user": user})]})
		count(r) == 1
		some f in r
		f.path == ["resource", "containerDefinitions", 0, "user"]
	}
}

test_fail_linux_declared if {
	r := rule.report with input as _input({"runtimePlatform": {"operatingSystemFamily": "LINUX"}, "containerDefinitions": [_c({"user": "0"})]})
	count(r) == 1
	some f in r
	contains(f.message, `runs as root (user "0")`)
}

test_fail_only_root_containers if {
	containers := [_c({"user": "1000"}), _c({"name": "sidecar", "user": "root"}), _c({"name": "log"})]
	r := rule.report with input as _input({"containerDefinitions": containers})
	count(r) == 2
	{f.path | some f in r} == {["resource", "containerDefinitions", 1, "user"], ["resource", "containerDefinitions", 2, "user"]}
}

test_fail_windows_no_user if {
	r := rule.report with input as _input(object.union(_windows, {"containerDefinitions": [_c({"image": "mcr.microsoft.com/windows/servercore/iis"})]}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "user"]
	contains(f.message, "ContainerAdministrator")
}

test_fail_windows_admin_any_case if {
	every user in ["ContainerAdministrator", "containeradministrator", "CONTAINERADMINISTRATOR"] {
		r := rule.report with input as _input(object.union(_windows, {"containerDefinitions": [_c({"user": user})]}))
		count(r) == 1
		some f in r
		f.path == ["resource", "containerDefinitions", 0, "user"]
	}
}

test_fail_windows_inferred_no_user if {
	r := rule.report with input as _input({"containerDefinitions": [_c({"image": "mcr.microsoft.com/windows/servercore/iis", "entryPoint": ["powershell", "-Command"]})]})
	count(r) == 1
	some f in r
	startswith(f.message, "Windows container")
}

test_pass_linux_non_root if {
	every user in ["1000", "app", "1000:0", "nobody", "app:root", "1000:1000"] {
		r := rule.report with input as _input({"containerDefinitions": [_c({"user": user})]})
		count(r) == 0
	}
}

test_pass_windows_non_admin if {
	r := rule.report with input as _input(object.union(_windows, {"containerDefinitions": [_c({"user": "ContainerUser"})]}))
	count(r) == 0
}

# On Windows, "root" is an ordinary account name, not the administrator.
test_pass_windows_root_name if {
	r := rule.report with input as _input(object.union(_windows, {"containerDefinitions": [_c({"user": "root"})]}))
	count(r) == 0
}

test_pass_placeholder if {
	every user in ["${APP_USER}", "{{user}}", "$$$USER$$$", {"Ref": "User"}] {
		r := rule.report with input as _input({"containerDefinitions": [_c({"user": user})]})
		count(r) == 0
	}
}
