package ecslint.rules.correctness["awsvpc-unsupported-parameter_test"]

import data.ecslint.rules.correctness["awsvpc-unsupported-parameter"] as rule

td(mode, extra) := {"kind": "TaskDefinition", "resource": object.union(
	{"family": "web", "containerDefinitions": [
		{"name": "db", "image": "postgres:16"},
		object.union({"name": "web", "image": "nginx:1.27"}, extra),
	]},
	mode,
)}

test_fail_links if {
	r := rule.report with input as td({"networkMode": "awsvpc"}, {"links": ["db:db"]})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "links"]
	contains(f.message, "\"web\"")
}

test_fail_hostname_and_extra_hosts if {
	r := rule.report with input as td({"networkMode": "awsvpc"}, {"hostname": "web.local", "extraHosts": [{"hostname": "db", "ipAddress": "10.0.0.5"}]})
	count(r) == 2
	{f.path | some f in r} == {
		["resource", "containerDefinitions", 1, "hostname"],
		["resource", "containerDefinitions", 1, "extraHosts"],
	}
}

test_pass_bridge if {
	r := rule.report with input as td({"networkMode": "bridge"}, {"links": ["db:db"], "hostname": "web", "extraHosts": [{"hostname": "db", "ipAddress": "10.0.0.5"}]})
	count(r) == 0
}

test_pass_omitted_network_mode if {
	r := rule.report with input as td({}, {"links": ["db"]})
	count(r) == 0
}

test_pass_empty_values if {
	r := rule.report with input as td({"networkMode": "awsvpc"}, {"links": [], "hostname": "", "extraHosts": null})
	count(r) == 0
}

test_pass_awsvpc_without if {
	r := rule.report with input as td({"networkMode": "awsvpc"}, {"portMappings": [{"containerPort": 80}]})
	count(r) == 0
}
