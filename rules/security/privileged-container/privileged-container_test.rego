package ecslint.rules.security["privileged-container_test"]

import data.ecslint.rules.security["privileged-container"] as rule

_input(containers) := {"kind": "TaskDefinition", "name": "app:1", "resource": {"family": "app", "containerDefinitions": containers}}

_c(extra) := object.union({"name": "app", "image": "nginx:1.27", "memory": 256}, extra)

test_fail_privileged if {
	r := rule.report with input as _input([_c({}), _c({"name": "agent", "privileged": true})])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "privileged"]
	contains(f.message, `"agent"`)
}

test_fail_string_true if {
	r := rule.report with input as _input([_c({"privileged": "true"})])
	count(r) == 1
}

test_fail_every_privileged_container if {
	r := rule.report with input as _input([_c({"privileged": true}), _c({"name": "b", "privileged": true})])
	count(r) == 2
}

test_pass_absent_or_false if {
	r := rule.report with input as _input([_c({}), _c({"name": "b", "privileged": false}), _c({"name": "c", "privileged": null})])
	count(r) == 0
}

test_pass_placeholder if {
	r := rule.report with input as _input([_c({"privileged": "${PRIVILEGED}"}), _c({"name": "b", "privileged": {"Ref": "Privileged"}})])
	count(r) == 0
}

# Checkov's CKV_AWS_334 reads "privilege"; that key is not an ECS field.
test_pass_wrong_key if {
	r := rule.report with input as _input([_c({"privilege": true})])
	count(r) == 0
}
