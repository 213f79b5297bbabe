package ecslint.rules.correctness["awsvpc-host-port-mismatch_test"]

import data.ecslint.rules.correctness["awsvpc-host-port-mismatch"] as rule

td(mode, mappings) := {"kind": "TaskDefinition", "resource": object.union(
	{"family": "web", "containerDefinitions": [
		{"name": "sidecar", "image": "envoy:1.30"},
		{"name": "web", "image": "nginx:1.27", "portMappings": mappings},
	]},
	mode,
)}

test_fail_awsvpc_different_host_port if {
	r := rule.report with input as td({"networkMode": "awsvpc"}, [{"containerPort": 80, "hostPort": 80}, {"containerPort": 8080, "hostPort": 80}])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "portMappings", 1, "hostPort"]
	contains(f.message, "\"web\"")
	contains(f.message, "awsvpc")
}

test_fail_awsvpc_host_port_zero if {
	r := rule.report with input as td({"networkMode": "awsvpc"}, [{"containerPort": 80, "hostPort": 0}])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "portMappings", 0, "hostPort"]
}

test_fail_host_mode if {
	r := rule.report with input as td({"networkMode": "host"}, [{"containerPort": 80, "hostPort": 8080}])
	count(r) == 1
	some f in r
	contains(f.message, "host network mode")
}

test_fail_string_ports if {
	r := rule.report with input as td({"networkMode": "awsvpc"}, [{"containerPort": "80", "hostPort": "8080"}])
	count(r) == 1
}

test_pass_equal_or_omitted if {
	r := rule.report with input as td({"networkMode": "awsvpc"}, [{"containerPort": 80, "hostPort": 80}, {"containerPort": 443}, {"containerPortRange": "9000-9010"}])
	count(r) == 0
}

test_pass_string_equal if {
	r := rule.report with input as td({"networkMode": "awsvpc"}, [{"containerPort": "80", "hostPort": 80}])
	count(r) == 0
}

test_pass_bridge_dynamic_and_static if {
	r := rule.report with input as td({"networkMode": "bridge"}, [{"containerPort": 80, "hostPort": 0}, {"containerPort": 8080, "hostPort": 80}])
	count(r) == 0
}

test_pass_default_network_mode if {
	# Omitted networkMode is bridge on Linux (Fargate needs an explicit awsvpc;
	# fargate-network-mode reports that).
	r := rule.report with input as td({"requiresCompatibilities": ["FARGATE"]}, [{"containerPort": 80, "hostPort": 0}])
	count(r) == 0
}

test_pass_placeholder_port if {
	r := rule.report with input as td({"networkMode": "awsvpc"}, [{"containerPort": 80, "hostPort": "${HOST_PORT}"}])
	count(r) == 0
}
