package ecslint.rules.correctness["awslogs-options-incomplete_test"]

import data.ecslint.rules.correctness["awslogs-options-incomplete"] as rule

td(compat, log) := {"kind": "TaskDefinition", "resource": object.union(
	{"family": "web", "containerDefinitions": [
		{"name": "sidecar", "image": "envoy:1.30"},
		{"name": "web", "image": "nginx:1.27", "logConfiguration": log},
	]},
	compat,
)}

fargate := {"requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc"}

ec2 := {"requiresCompatibilities": ["EC2"]}

awslogs(opts) := {"logDriver": "awslogs", "options": opts}

complete := {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}

test_fail_no_region if {
	r := rule.report with input as td(ec2, awslogs({"awslogs-group": "/ecs/web"}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "logConfiguration", "options", "awslogs-region"]
	contains(f.message, "\"web\"")
	contains(f.message, "without awslogs-region")
}

test_fail_fargate_no_prefix if {
	r := rule.report with input as td(fargate, awslogs({"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1"}))
	count(r) == 1
	some f in r
	contains(f.message, "awslogs-stream-prefix (required on Fargate)")
}

test_fail_fargate_service_runs_ec2_task if {
	# requiresCompatibilities EC2 only, but the related service runs it on
	# Fargate capacity providers.
	inp := object.union(
		td({}, awslogs({"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1"})),
		{"related": {"services": [{"status": "resolved", "name": "web", "resource": {"serviceName": "web", "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]}}]}},
	)
	r := rule.report with input as inp
	count(r) == 1
}

test_fail_no_options if {
	r := rule.report with input as td(fargate, {"logDriver": "awslogs"})
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "logConfiguration", "options", "awslogs-group"]
	contains(f.message, "awslogs-group, awslogs-region, awslogs-stream-prefix")
}

test_fail_empty_value if {
	r := rule.report with input as td(ec2, awslogs({"awslogs-group": "/ecs/web", "awslogs-region": ""}))
	count(r) == 1
}

# In an unfilled CLI skeleton (blank family) a blank is a value to fill in.
test_pass_skeleton_blank_value if {
	inp := td(ec2, awslogs({"awslogs-group": "", "awslogs-region": ""}))
	r := rule.report with input as json.patch(inp, [{"op": "add", "path": "/resource/family", "value": ""}])
	count(r) == 0
}

test_pass_complete if {
	r := rule.report with input as td(fargate, awslogs(complete))
	count(r) == 0
}

test_pass_ec2_without_prefix if {
	r := rule.report with input as td(ec2, awslogs({"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1"}))
	count(r) == 0
}

test_pass_placeholder_values if {
	r := rule.report with input as td(fargate, awslogs({"awslogs-group": "${log_group}", "awslogs-region": "{{awsRegion}}", "awslogs-stream-prefix": "$$$PREFIX$$$"}))
	count(r) == 0
}

test_pass_unreadable_options if {
	r := rule.report with input as td(fargate, awslogs("${log_options}"))
	count(r) == 0
}

test_pass_other_drivers if {
	r := rule.report with input as td(fargate, {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch"}})
	count(r) == 0
}

# _complete settles containers that set all three options as strings; any
# other value of one of them still goes through _required and _set.
test_pass_all_three_set_on_ec2 if {
	r := rule.report with input as td(ec2, awslogs({"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}))
	count(r) == 0
}

test_fail_blank_prefix_on_fargate_with_the_others_set if {
	r := rule.report with input as td(fargate, awslogs({"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": " "}))
	count(r) == 1
	some f in r
	contains(f.message, "awslogs-stream-prefix (required on Fargate)")
}

test_fail_null_prefix_on_fargate if {
	r := rule.report with input as td(fargate, awslogs({"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": null}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "logConfiguration", "options", "awslogs-stream-prefix"]
}

# A bare container array has no launch type: the Fargate-only prefix is
# not asked of it.
test_fail_container_definitions if {
	r := rule.report with input as {"kind": "ContainerDefinitions", "resource": {"containerDefinitions": [
		{"name": "web", "image": "nginx:1.27", "logConfiguration": awslogs({"awslogs-group": "/ecs/web"})},
		{"name": "api", "image": "api:1", "logConfiguration": awslogs({"awslogs-group": "/ecs/api", "awslogs-region": "us-east-1"})},
	]}}
	count(r) == 1
	some f in r
	contains(f.message, "without awslogs-region")
}

test_pass_non_string_values_count_as_set if {
	r := rule.report with input as td(fargate, awslogs({"awslogs-group": {"Ref": "LogGroup"}, "awslogs-region": "us-east-1", "awslogs-stream-prefix": 7}))
	count(r) == 0
}

# A templated option is set: fully or partly templated values never count
# as missing; only a literally absent, null or blank option does.
test_templated_values if {
	every region in ["${AWS_REGION}", "{{ .Region }}", "us-${REGION}-1"] {
		count(rule.report) == 0 with input as td(ec2, awslogs({"awslogs-group": "/ecs/${APP}", "awslogs-region": region}))
	}
	count(rule.report) == 1 with input as td(ec2, awslogs({"awslogs-group": "/ecs/${APP}"}))
}
