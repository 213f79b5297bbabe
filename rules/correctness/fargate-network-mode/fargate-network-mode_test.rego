package ecslint.rules.correctness["fargate-network-mode_test"]

import data.ecslint.rules.correctness["fargate-network-mode"] as rule

_td(extra) := object.union(
	{
		"family": "app",
		"networkMode": "awsvpc",
		"requiresCompatibilities": ["FARGATE"],
		"cpu": "256",
		"memory": "512",
		"containerDefinitions": [{"name": "app", "image": "app:1"}],
	},
	extra,
)

_in(td) := {"kind": "TaskDefinition", "name": "app:1", "resource": td, "related": {"services": [], "instanceRoles": []}}

_report(td) := r if {
	r := rule.report with input as _in(td)
}

test_fail_bridge if {
	r := _report(_td({"networkMode": "bridge"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "networkMode"]
	contains(f.message, `"bridge"`)
}

test_fail_host_on_fargate_and_ec2 if {
	r := _report(_td({"networkMode": "host", "requiresCompatibilities": ["EC2", "FARGATE"]}))
	count(r) == 1
	some f in r
	f.path == ["resource", "networkMode"]
}

test_fail_omitted if {
	r := _report(json.remove(_td({}), ["networkMode"]))
	count(r) == 1
	some f in r
	f.path == ["resource", "networkMode"]
	contains(f.message, "defaults to bridge")
}

test_fail_null if {
	r := _report(_td({"networkMode": null}))
	count(r) == 1
	some f in r
	f.path == ["resource", "networkMode"]
}

test_fail_fargate_service if {
	td := json.remove(_td({"networkMode": "bridge"}), ["requiresCompatibilities"])
	r := rule.report with input as object.union(_in(td), {"related": {"services": [{"status": "resolved", "name": "app", "resource": {"serviceName": "app", "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]}}]}})
	count(r) == 1
	some f in r
	contains(f.message, "Fargate service")
}

test_pass_awsvpc if {
	count(_report(_td({}))) == 0
}

test_pass_ec2 if {
	count(_report(_td({"networkMode": "bridge", "requiresCompatibilities": ["EC2"]}))) == 0
	count(_report(json.remove(_td({}), ["requiresCompatibilities", "networkMode"]))) == 0
}

test_pass_placeholders if {
	count(_report(_td({"networkMode": "{{networkmode}}"}))) == 0
	count(_report(_td({"networkMode": "$$$NETWORK_MODE$$$"}))) == 0
	count(_report(_td({"networkMode": {"Ref": "NetworkMode"}}))) == 0
	count(_report(_td({"networkMode": ""}))) == 0
}

test_fail_omitted_unknown_os_family if {
	td := json.remove(_td({"runtimePlatform": {"operatingSystemFamily": {"Ref": "Os"}}}), ["networkMode"])
	r := _report(td)
	count(r) == 1
	some f in r
	contains(f.message, "defaults to bridge on Linux")
}

test_fail_omitted_windows if {
	td := json.remove(_td({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}}), ["networkMode"])
	r := _report(td)
	count(r) == 1
	some f in r
	contains(f.message, "defaults to the Windows Docker default")
}
