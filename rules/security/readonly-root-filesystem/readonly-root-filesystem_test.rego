package ecslint.rules.security["readonly-root-filesystem_test"]

import data.ecslint.rules.security["readonly-root-filesystem"] as rule

_input(td) := {"kind": "TaskDefinition", "name": "app:1", "resource": object.union({"family": "app"}, td)}

_c(extra) := object.union({"name": "app", "image": "nginx:1.27", "memory": 256}, extra)

test_fail_absent if {
	r := rule.report with input as _input({"containerDefinitions": [_c({})]})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "readonlyRootFilesystem"]
	contains(f.message, "does not set")
}

test_fail_false_points_at_field if {
	r := rule.report with input as _input({"containerDefinitions": [_c({"readonlyRootFilesystem": true}), _c({"name": "b", "readonlyRootFilesystem": false})]})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "readonlyRootFilesystem"]
	contains(f.message, `"b" sets readonlyRootFilesystem to false`)
}

test_fail_null if {
	r := rule.report with input as _input({"containerDefinitions": [_c({"readonlyRootFilesystem": null})]})
	count(r) == 1
}

test_fail_non_essential_sidecar if {
	r := rule.report with input as _input({"containerDefinitions": [_c({"readonlyRootFilesystem": true}), _c({"name": "log", "essential": false})]})
	count(r) == 1
}

test_fail_declared_linux_with_windows_looking_image if {
	td := {"runtimePlatform": {"operatingSystemFamily": "LINUX"}, "containerDefinitions": [_c({"image": "mcr.microsoft.com/windows/servercore/iis"})]}
	r := rule.report with input as _input(td)
	count(r) == 1
}

test_pass_read_only if {
	r := rule.report with input as _input({"containerDefinitions": [_c({"readonlyRootFilesystem": true}), _c({"name": "b", "readonlyRootFilesystem": "true"})]})
	count(r) == 0
}

test_pass_windows_declared if {
	td := {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "containerDefinitions": [_c({})]}
	r := rule.report with input as _input(td)
	count(r) == 0
}

test_pass_windows_inferred if {
	td := {"containerDefinitions": [_c({"image": "mcr.microsoft.com/windows/servercore/iis", "entryPoint": ["powershell", "-Command"]})]}
	r := rule.report with input as _input(td)
	count(r) == 0
}

test_pass_placeholder if {
	r := rule.report with input as _input({"containerDefinitions": [_c({"readonlyRootFilesystem": "${READ_ONLY}"}), _c({"name": "b", "readonlyRootFilesystem": {"Ref": "ReadOnly"}})]})
	count(r) == 0
}

test_fail_exec_service_hint if {
	inp := {
		"kind": "TaskDefinition",
		"name": "app:1",
		"resource": {"family": "app", "containerDefinitions": [_c({})]},
		"related": {"services": [{"status": "resolved", "name": "s", "resource": {"serviceName": "s", "enableExecuteCommand": true}}], "instanceRoles": []},
	}
	r := rule.report with input as inp
	count(r) == 1
	some f in r
	contains(f.message, "ECS Exec")
}

test_fail_no_exec_hint_without_exec if {
	r := rule.report with input as _input({"containerDefinitions": [_c({})]})
	some f in r
	not contains(f.message, "ECS Exec")
}
