package ecslint.rules.security["fargate-platform-version-outdated_test"]

import data.ecslint.rules.security["fargate-platform-version-outdated"] as rule

_linux_td := {"family": "app", "requiresCompatibilities": ["FARGATE"], "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]}

_windows_td := object.union(_linux_td, {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}})

_input(svc) := {
	"kind": "Service",
	"name": "app",
	"resource": object.union({"serviceName": "app", "taskDefinition": "app:1"}, svc),
	"related": {"taskDefinition": {"status": "unresolved", "name": "app:1"}},
}

_with_td(svc, td) := {
	"kind": "Service",
	"name": "app",
	"resource": object.union({"serviceName": "app", "taskDefinition": "app:1"}, svc),
	"related": {"taskDefinition": {"status": "resolved", "name": "app:1", "resource": td}},
}

test_fail_linux_1_3_0 if {
	r := rule.report with input as _with_td({"launchType": "FARGATE", "platformVersion": "1.3.0"}, _linux_td)
	count(r) == 1
	some f in r
	f.path == ["resource", "platformVersion"]
	contains(f.message, "1.4.0")
}

test_fail_unknown_os_1_3_0 if {
	r := rule.report with input as _input({"launchType": "FARGATE", "platformVersion": "1.3.0"})
	count(r) == 1
}

test_fail_fargate_spot_provider if {
	r := rule.report with input as _input({"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT"}], "platformVersion": "1.2.0"})
	count(r) == 1
}

test_fail_linux_1_0_0 if {
	r := rule.report with input as _with_td({"launchType": "FARGATE", "platformVersion": "1.0.0"}, _linux_td)
	count(r) == 1
}

test_fail_platform_family_linux_1_0_0 if {
	r := rule.report with input as _input({"launchType": "FARGATE", "platformVersion": "1.0.0", "platformFamily": "Linux"})
	count(r) == 1
}

test_pass_latest if {
	r := rule.report with input as _input({"launchType": "FARGATE", "platformVersion": "LATEST"})
	count(r) == 0
}

test_pass_omitted if {
	r := rule.report with input as _input({"launchType": "FARGATE"})
	count(r) == 0
}

test_pass_linux_1_4_0 if {
	r := rule.report with input as _with_td({"launchType": "FARGATE", "platformVersion": "1.4.0"}, _linux_td)
	count(r) == 0
}

test_pass_windows_1_0_0 if {
	r := rule.report with input as _with_td({"launchType": "FARGATE", "platformVersion": "1.0.0"}, _windows_td)
	count(r) == 0
}

test_pass_platform_family_windows if {
	r := rule.report with input as _input({"launchType": "FARGATE", "platformVersion": "1.0.0", "platformFamily": "WINDOWS_SERVER_2019_CORE"})
	count(r) == 0
}

# 1.0.0 is current on Windows: unknown operating system, no finding.
test_pass_unknown_os_1_0_0 if {
	r := rule.report with input as _input({"launchType": "FARGATE", "platformVersion": "1.0.0"})
	count(r) == 0
}

# describe-services: the requested version is LATEST; deployments[] shows
# what LATEST resolved to at the time.
test_pass_describe_deployment_version if {
	r := rule.report with input as _input({
		"launchType": "FARGATE",
		"platformVersion": "LATEST",
		"deployments": [{"status": "PRIMARY", "platformVersion": "1.3.0"}],
	})
	count(r) == 0
}

test_pass_ec2_service if {
	r := rule.report with input as _input({"launchType": "EC2", "platformVersion": "1.3.0"})
	count(r) == 0
}

test_pass_placeholder if {
	r := rule.report with input as _input({"launchType": "FARGATE", "platformVersion": "${PLATFORM_VERSION}", "platformFamily": {"Ref": "X"}})
	count(r) == 0
}
