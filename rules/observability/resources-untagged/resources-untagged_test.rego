package ecslint.rules.observability["resources-untagged_test"]

import data.ecslint.rules.observability["resources-untagged"] as rule

_opts(keys) := {"resources-untagged": {"required_tags": keys}}

_td(extra) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": object.union({"family": "app", "containerDefinitions": [{"name": "app", "image": "x"}]}, extra),
	"related": {"services": [], "instanceRoles": []},
}

_svc(extra) := {
	"kind": "Service",
	"name": "app",
	"resource": object.union({"serviceName": "app", "taskDefinition": "app:1"}, extra),
	"related": {"taskDefinition": {"status": "unresolved", "name": "app:1"}},
}

_tags(pairs) := [{"key": k, "value": v} | some k, v in pairs]

# With required_tags

test_fail_missing_required_tags if {
	r := rule.report with input as _td({"tags": _tags({"team": "web"})})
		with data.ecslint.config.options as _opts(["team", "env", "cost-center"])
	count(r) == 1
	some f in r
	f.path == ["resource", "tags"]
	contains(f.message, "task definition")
	contains(f.message, "\"cost-center\", \"env\"")
	not contains(f.message, "\"team\"")
}

test_fail_service_without_tags_field if {
	r := rule.report with input as _svc({}) with data.ecslint.config.options as _opts(["env"])
	count(r) == 1
	some f in r
	f.path == ["resource", "tags"]
	contains(f.message, "service lacks the required tag \"env\"")
}

test_fail_key_case_matters if {
	r := rule.report with input as _svc({"tags": _tags({"Env": "prod"})}) with data.ecslint.config.options as _opts(["env"])
	count(r) == 1
}

test_pass_required_tags_present if {
	r := rule.report with input as _svc({"tags": _tags({"env": "prod", "team": "web", "other": "x"})})
		with data.ecslint.config.options as _opts(["env", "team"])
	count(r) == 0
}

# Without required_tags: any tag of the owner

test_fail_no_tags if {
	r := rule.report with input as _td({})
	count(r) == 1
	some f in r
	f.path == ["resource", "tags"]
	contains(f.message, "has no tags")
}

test_fail_empty_tags if {
	r := rule.report with input as _svc({"tags": []})
	count(r) == 1
	some f in r
	f.path == ["resource", "tags"]
}

test_fail_only_aws_tags if {
	r := rule.report with input as _svc({"tags": _tags({"aws:cloudformation:stack-name": "s"})})
	count(r) == 1
}

test_pass_any_tag if {
	r := rule.report with input as _td({"tags": _tags({"team": "web"})})
	count(r) == 0
}

test_pass_empty_option_list if {
	r := rule.report with input as _td({"tags": _tags({"team": "web"})}) with data.ecslint.config.options as _opts([])
	count(r) == 0
}

# Unknown tags

test_pass_describe_output_without_tags if {
	r := rule.report with input as _td({"taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/app:1", "revision": 1})
		with data.ecslint.config.options as _opts(["env"])
	count(r) == 0
	r2 := rule.report with input as _svc({"serviceArn": "arn:aws:ecs:us-east-1:123456789012:service/c/app"})
	count(r2) == 0
}

test_fail_describe_output_with_tags if {
	r := rule.report with input as _td({"taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/app:1", "tags": _tags({"team": "web"})})
		with data.ecslint.config.options as _opts(["env"])
	count(r) == 1
}

test_pass_placeholder_tags if {
	r := rule.report with input as _td({"tags": "${TAGS}"}) with data.ecslint.config.options as _opts(["env"])
	count(r) == 0
	r2 := rule.report with input as _td({"tags": [{"key": "${TAG_KEY}", "value": "x"}]}) with data.ecslint.config.options as _opts(["env"])
	count(r2) == 0
}

test_pass_cli_skeletons if {
	r := rule.report with input as _svc({"serviceName": "", "tags": [{"key": "", "value": ""}]})
	count(r) == 0
	r2 := rule.report with input as _td({"family": "", "tags": [{"key": "", "value": ""}]})
	count(r2) == 0
}

test_pass_malformed_option if {
	r := rule.report with input as _td({"tags": _tags({"team": "web"})})
		with data.ecslint.config.options as {"resources-untagged": {"required_tags": "env"}}
	count(r) == 0
}

# An update-service input (input.partial) cannot set tags: silent.
test_pass_partial_update if {
	r := rule.report with input as object.union(_svc({}), {"partial": true})
	count(r) == 0
	r2 := rule.report with input as object.union(_svc({}), {"partial": true}) with data.ecslint.config.options as _opts(["env"])
	count(r2) == 0
}
