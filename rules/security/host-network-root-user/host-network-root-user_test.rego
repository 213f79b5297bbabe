package ecslint.rules.security["host-network-root-user_test"]

import data.ecslint.lib.launch
import data.ecslint.rules.security["host-network-root-user"] as rule

_input(mode, containers) := {"kind": "TaskDefinition", "name": "app:1", "resource": object.union(
	{"family": "app", "containerDefinitions": containers},
	{k: v | some k, v in {"networkMode": mode}; v != null},
)}

_c(extra) := object.union({"name": "app", "image": "nginx:1.27", "memory": 256}, extra)

test_fail_no_user if {
	r := rule.report with input as _input("host", [_c({})])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "user"]
	contains(f.message, "no user set")
}

test_fail_root_forms if {
	every user in ["root", "0", "root:root", "0:0", "0:1000"] {
		r := rule.report with input as _input("host", [_c({"user": user})])
		count(r) == 1
		some f in r
		f.path == ["resource", "containerDefinitions", 0, "user"]
	}
}

test_fail_privileged_false if {
	r := rule.report with input as _input("host", [_c({"privileged": false, "user": "root"})])
	count(r) == 1
}

test_fail_null_user if {
	r := rule.report with input as _input("host", [_c({"user": null})])
	count(r) == 1
}

test_fail_only_root_containers if {
	containers := [_c({"user": "1000"}), _c({"name": "sidecar"}), _c({"name": "priv", "privileged": true})]
	r := rule.report with input as _input("host", containers)
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "user"]
}

test_pass_non_root_users if {
	every user in ["1000", "1000:1000", "nginx", "app:app", "rootless", "10"] {
		r := rule.report with input as _input("host", [_c({"user": user})])
		count(r) == 0
	}
}

test_pass_privileged if {
	r := rule.report with input as _input("host", [_c({"privileged": true})])
	count(r) == 0
}

test_pass_other_network_modes if {
	every mode in ["bridge", "awsvpc", "none", null] {
		r := rule.report with input as _input(mode, [_c({"user": "root"})])
		count(r) == 0
	}
}

test_pass_unresolved_user if {
	every user in ["${APP_UID}", "{{user}}", {"Ref": "User"}, 1000] {
		r := rule.report with input as _input("host", [_c({"user": user})])
		count(r) == 0
	}
}

# The networkMode screen: launch.network_mode is "host" exactly when networkMode
# is "host".
test_network_mode_screen_agrees if {
	every mode in ["host", "HOST", "awsvpc", "bridge", "none", "default", "", null, 5] {
		_screen(mode) == _mode_is_host(mode)
	}
}

_td(mode) := {k: v | some k, v in {"family": "app", "networkMode": mode}; v != null}

_screen(mode) := true if _td(mode).networkMode == "host" else := false

_mode_is_host(mode) := true if launch.network_mode(_td(mode)) == "host" else := false
