package ecslint.rules.reliability["image-tag-latest_test"]

import data.ecslint.rules.reliability["image-tag-latest"] as rule

_sha := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

td(images) := {
	"kind": "TaskDefinition",
	"resource": {
		"family": "web",
		"containerDefinitions": [{"name": sprintf("c%d", [i]), "image": img} | some i, img in images],
	},
	"related": {"services": [], "instanceRoles": []},
}

test_fail_docker_hub_short_name if {
	r := rule.report with input as td(["nginx"])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "image"]
	contains(f.message, "without a tag")
}

test_fail_explicit_latest if {
	r := rule.report with input as td(["public.ecr.aws/docker/library/nginx:1.27", "public.ecr.aws/nginx/nginx:latest"])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "image"]
	contains(f.message, "\"c1\"")
}

test_fail_every_form if {
	r := rule.report with input as td([
		"library/nginx",
		"user/app",
		"docker.io/nginx:latest",
		"127.0.0.1:51670/busybox:latest",
		"localhost:5000/app",
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/app",
		"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:latest",
	])
	count(r) == 7
}

test_fail_container_without_name if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"containerDefinitions": [{"image": "busybox"}]}}
	count(r) == 1
	some f in r
	contains(f.message, "container containerDefinitions[0] ")
}

test_pass_version_tags if {
	r := rule.report with input as td([
		"amazon/aws-for-fluent-bit:stable",
		"public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
		"public.ecr.aws/aws-observability/aws-for-fluent-bit:init-latest",
		"public.ecr.aws/aws-observability/aws-for-fluent-bit:windowsservercore-latest",
		"127.0.0.1:51670/busybox:1.36",
		"httpd:2.4",
		"nginx:LATEST-1",
	])
	count(r) == 0
}

test_pass_digests if {
	r := rule.report with input as td([concat("@", ["nginx", _sha]), concat("@", ["nginx:latest", _sha]), concat("@", ["host:5000/app", _sha])])
	count(r) == 0
}

test_pass_placeholders if {
	r := rule.report with input as td([
		"{{demo-app-image}}",
		"katsubushi/katsubushi:{{ env `TAG` `latest` }}",
		"${IMAGE}",
		"$$$IMAGE$$$",
		"<IMAGE>",
		"{{REGISTRY}}/app:{{TAG}}",
		"${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:1.2",
		"app${SUFFIX}",
		"IMAGE",
		"REPLACED_BY_CI",
	])
	count(r) == 0
}

# The literal parts prove the tag: latest, or none at all.
test_fail_templated_latest if {
	r := rule.report with input as td([
		"{{ECR_REGISTRY}}/{{APP}}:latest",
		"<account-id>.dkr.ecr.us-east-1.amazonaws.com/app",
		"${REGISTRY}/app",
	])
	count(r) == 3
}

test_pass_absent_or_malformed_image if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"containerDefinitions": [
		{"name": "a"},
		{"name": "b", "image": ""},
		{"name": "c", "image": {"Fn::Sub": "${Repo}"}},
	]}}
	count(r) == 0
}

test_pass_no_containers if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"family": "x"}}
	count(r) == 0
}

# Templated images, judged on their literal parts: fully templated (unknown),
# partly templated (the tag is literal, or unknown), literal.
test_templated_images if {
	every image in ["{{ .Env.IMAGE }}", "${IMAGE}", "$IMAGE", "{{REGISTRY}}/app:{{TAG}}", "${REGISTRY}/app:1.2", "nginx:1.27"] {
		count(rule.report) == 0 with input as td([image])
	}
	every image in ["{{REGISTRY}}/app:latest", "${REGISTRY}/app", "nginx:latest", "nginx"] {
		count(rule.report) == 1 with input as td([image])
	}
}

test_fail_container_definitions if {
	r := rule.report with input as {"kind": "ContainerDefinitions", "resource": {"containerDefinitions": [{"name": "web", "image": "{{REGISTRY}}/web:latest"}]}}
	count(r) == 1
}
