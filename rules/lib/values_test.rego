package ecslint.lib.values_test

import data.ecslint.lib.values

# The syntaxes themselves are tested in Go (internal/unresolved); these
# tests pin the builtins' contract with Rego.

test_unresolved if {
	every x in [
		"${X}", "{{ .Env.TAG }}", "$VAR", "<PLACEHOLDER>", "app:{{TAG}}", "${var.image}",
		{"Ref": "Image"}, {"Fn::GetAtt": ["Role", "Arn"]}, values.hole,
	] {
		values.unresolved(x)
	}
	every x in ["nginx", "Pa$sw0rd", "{}", "", "  ", 0, 512, true, false, null, [], {"a": 1}, {"Ref": "x", "b": 1}] {
		not values.unresolved(x)
	}
}

# An unfilled CLI skeleton: the blank that names the resource says every
# blank is a field to fill in.
test_skeleton_blanks if {
	values.skeleton with input as {"kind": "TaskDefinition", "resource": {"family": ""}}
	values.skeleton with input as {"kind": "Service", "resource": {"serviceName": " "}}
	not values.skeleton with input as {"kind": "TaskDefinition", "resource": {"family": "app", "taskRoleArn": ""}}
	not values.skeleton with input as {"kind": "TaskDefinition", "resource": {"containerDefinitions": []}}
	values.skeleton with input as {"kind": "Service", "resource": {"serviceName": "", "cluster": ""}}
	not values.skeleton with input as {"kind": "Service", "resource": {"serviceName": "web"}}
	not values.skeleton with input as {"kind": "Service", "resource": {}}
	not values.skeleton with input as {"kind": "Service", "resource": {"serviceName": {"Ref": "Name"}}}
	values.unresolved("") with input as {"kind": "TaskDefinition", "resource": {"family": ""}}
	not values.unresolved("") with input as {"kind": "TaskDefinition", "resource": {"family": "app"}}
	not values.unresolved("x") with input as {"kind": "TaskDefinition", "resource": {"family": ""}}
}

test_known if {
	values.known("nginx")
	values.known(0)
	values.known(false)
	not values.known(null)
	not values.known("")
	not values.known(" ")
	not values.known("${X}")
}

test_literal if {
	values.literal("{{REGISTRY}}/app:latest") == concat("", [values.hole, "/app:latest"])
	values.literal("nginx") == "nginx"
	not values.literal(42)
	values.has_hole(values.literal("${X}"))
	not values.has_hole("nginx")
}

test_is_set if {
	values.is_set("x")
	values.is_set("${X}")
	values.is_set(0)
	not values.is_set("")
	not values.is_set(" ")
	not values.is_set(null)
}

test_is_true if {
	values.is_true(true)
	values.is_true("true")
	values.is_true(" TRUE ")
	not values.is_true(false)
	not values.is_true("false")
	not values.is_true(1)
	not values.is_true(null)
	not values.is_true("${PRIVILEGED}")
}

test_number if {
	values.number(80) == 80
	values.number("80") == 80
	values.number(" 8080 ") == 8080
	not values.number("${PORT}")
	not values.number(null)
	not values.number({"Ref": "Port"})
}
