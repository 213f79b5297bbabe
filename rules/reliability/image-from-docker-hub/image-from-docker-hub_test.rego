package ecslint.rules.reliability["image-from-docker-hub_test"]

import data.ecslint.rules.reliability["image-from-docker-hub"] as rule

td(containers) := {
	"kind": "TaskDefinition",
	"resource": {"family": "web", "containerDefinitions": containers},
}

c(name, image) := {"name": name, "image": image}

test_fail_short_name if {
	r := rule.report with input as td([c("web", "nginx:1.27")])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "image"]
	contains(f.message, "\"web\"")
}

test_fail_user_repo_and_prefixes if {
	r := rule.report with input as td([
		c("a", "amazon/aws-for-fluent-bit:stable"),
		c("b", "library/nginx"),
		c("c", "docker.io/user/app:1"),
		c("d", "index.docker.io/nginx:1"),
		c("e", "registry-1.docker.io/library/busybox:1"),
		c("f", "public.ecr.aws/nginx/nginx:1"),
	])
	count(r) == 5
	not _flagged(r, 5)
}

_flagged(r, i) if {
	some f in r
	f.path[2] == i
}

test_fail_empty_credentials if {
	r := rule.report with input as td([object.union(c("web", "nginx:1"), {"repositoryCredentials": {"credentialsParameter": ""}})])
	count(r) == 1
}

test_fail_null_credentials if {
	r := rule.report with input as td([object.union(c("web", "nginx:1"), {"repositoryCredentials": {"credentialsParameter": null}})])
	count(r) == 1
}

test_pass_authenticated if {
	r := rule.report with input as td([object.union(
		c("web", "myorg/private:1"),
		{"repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dockerhub-AbCdEf"}},
	)])
	count(r) == 0
}

test_pass_other_registries if {
	r := rule.report with input as td([
		c("a", "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"),
		c("b", "public.ecr.aws/docker/library/nginx:1"),
		c("c", "123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx:1"),
		c("d", "123456789012.dkr-ecr.us-east-1.on.aws/app:1"),
		c("e", "quay.io/signalfx/fluent-bit-aws:1.3.2"),
		c("f", "mcr.microsoft.com/windows/servercore:ltsc2019"),
		c("g", "127.0.0.1:51670/busybox:latest"),
		c("h", "localhost/app:1"),
	])
	count(r) == 0
}

test_pass_placeholders_and_absent if {
	r := rule.report with input as td([
		{"name": "a"},
		c("b", "{{demo-app-image}}"),
		c("c", "${IMAGE}"),
		c("d", "$$$$IMAGE$$$$"),
		c("e", "<PLACEHOLDER>"),
		c("f", ""),
	])
	count(r) == 0
}

# The rule relies on parse rejecting template placeholders and non-string
# images (no separate is_unresolved test).
test_pass_placeholders_and_intrinsics if {
	r := rule.report with input as td([
		c("a", "<IMAGE>"), c("b", "${IMAGE}"), c("c", "{{image}}"), c("d", "$$IMAGE$$"),
		c("e", {"Fn::Sub": "nginx"}), {"name": "f"},
	])
	count(r) == 0
}

# Templated images: an unknown registry is never Docker Hub; a literal
# Docker Hub name with a templated tag is.
test_templated_images if {
	every image in ["{{ .Env.IMAGE }}", "${IMAGE}", "{{REGISTRY}}/app:{{TAG}}", "${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:1.2", "IMAGE", "REPLACED_BY_CI"] {
		count(rule.report) == 0 with input as td([c("web", image)])
	}
	every image in ["nginx:{{ .Env.TAG }}", "library/nginx:${TAG}", "myorg/app:1.0"] {
		count(rule.report) == 1 with input as td([c("web", image)])
	}
}
