package ecslint.rules.reliability["image-not-digest-pinned_test"]

import data.ecslint.rules.reliability["image-not-digest-pinned"] as rule

_sha := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

td(images) := {
	"kind": "TaskDefinition",
	"resource": {
		"family": "web",
		"containerDefinitions": [{"name": sprintf("c%d", [i]), "image": img} | some i, img in images],
	},
}

test_fail_tag if {
	r := rule.report with input as td([concat("@", ["app", _sha]), "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2"])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "image"]
	contains(f.message, "\"c1\"")
}

test_fail_no_tag if {
	r := rule.report with input as td(["nginx"])
	count(r) == 1
}

test_fail_malformed_digest if {
	# Not a pin: ECS accepts only sha256 with 64 hex digits.
	r := rule.report with input as td(["nginx@sha256:abc", "nginx@sha512:abc"])
	count(r) == 2
}

test_pass_digest if {
	r := rule.report with input as td([
		concat("@", ["nginx", _sha]),
		concat("@", ["nginx:1.27", _sha]),
		concat("@", ["123456789012.dkr.ecr.us-east-1.amazonaws.com/ns/app", _sha]),
		concat("@", ["localhost:5000/app:1", "sha256:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"]),
	])
	count(r) == 0
}

test_pass_placeholders_and_absent if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"containerDefinitions": [
		{"name": "a"},
		{"name": "b", "image": "{{ tfstate `repo` }}:{{ must_env `TAG` }}"},
		{"name": "c", "image": "${IMAGE}"},
		{"name": "d", "image": ""},
	]}}
	count(r) == 0
}

# A placeholder that may hold the digest leaves the pin unknown; a literal
# tag with nothing after it proves there is none. A short or non-sha256
# digest is not a pin.
test_pass_placeholders_and_intrinsics if {
	r := rule.report with input as td(["<IMAGE>", "{{image}}", "$$IMAGE$$", {"Ref": "Image"}, "app:${TAG}", "{{REGISTRY}}/app:{{TAG}}", "nginx@sha256:${DIGEST}"])
	count(r) == 0
}

test_fail_templated_with_literal_tag if {
	r := rule.report with input as td(["${IMAGE}:1", "{{REGISTRY}}/app:1.2", "${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:1.2"])
	count(r) == 3
}

test_fail_short_digest if {
	r := rule.report with input as td(["nginx@sha256:0123", "nginx@sha512:0123"])
	count(r) == 2
}

# Fully templated: unknown; partly templated: a literal tag at the end
# proves there is no digest, a placeholder there may hold one; literal.
test_templated_images if {
	count(rule.report) == 0 with input as td(["{{ .Env.IMAGE }}", "{{REGISTRY}}/app:{{TAG}}", concat("@", ["{{REGISTRY}}/app", _sha])])
	count(rule.report) == 2 with input as td(["{{REGISTRY}}/app:1.2", "nginx:1.27"])
}

test_pass_cdk_asset_image if {
	hash := "2a9b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809"
	count(rule.report) == 0 with input as td([
		concat(":", ["123456789012.dkr.ecr.us-west-2.amazonaws.com/cdk-hnb659fds-container-assets-123456789012-us-west-2", hash]),
		concat(":", ["${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/cdk-hnb659fds-container-assets-${AWS::AccountId}-${AWS::Region}", hash]),
	])
}
