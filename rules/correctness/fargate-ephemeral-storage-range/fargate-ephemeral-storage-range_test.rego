package ecslint.rules.correctness["fargate-ephemeral-storage-range_test"]

import data.ecslint.rules.correctness["fargate-ephemeral-storage-range"] as rule

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

_size(n) := _td({"ephemeralStorage": {"sizeInGiB": n}})

test_fail_too_large if {
	r := _report(_size(500))
	count(r) == 1
	some f in r
	f.path == ["resource", "ephemeralStorage", "sizeInGiB"]
	contains(f.message, "is 500")
}

test_fail_explicit_default if {
	r := _report(_size(20))
	count(r) == 1
	some f in r
	f.path == ["resource", "ephemeralStorage", "sizeInGiB"]
}

test_fail_zero if {
	count(_report(_size(0))) == 1
}

test_fail_fargate_service if {
	td := json.remove(_size(10), ["requiresCompatibilities"])
	r := rule.report with input as object.union(_in(td), {"related": {"services": [{"status": "resolved", "name": "app", "resource": {"serviceName": "app", "launchType": "FARGATE"}}]}})
	count(r) == 1
}

test_pass_bounds if {
	count(_report(_size(21))) == 0
	count(_report(_size(200))) == 0
	count(_report(_size(100))) == 0
}

test_pass_absent if {
	count(_report(_td({}))) == 0
	count(_report(_td({"ephemeralStorage": {}}))) == 0
	count(_report(_td({"ephemeralStorage": null}))) == 0
}

test_pass_placeholder if {
	count(_report(_size("${var.storage}"))) == 0
	count(_report(_size({"Ref": "Storage"}))) == 0
}

test_pass_ec2_only if {
	count(_report(_td({"requiresCompatibilities": ["EC2"], "ephemeralStorage": {"sizeInGiB": 10}}))) == 0
}
