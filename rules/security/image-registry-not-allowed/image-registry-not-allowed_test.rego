package ecslint.rules.security["image-registry-not-allowed_test"]

import data.ecslint.rules.security["image-registry-not-allowed"] as rule

td(images) := {
	"kind": "TaskDefinition",
	"resource": {
		"family": "web",
		"containerDefinitions": [{"name": sprintf("c%d", [i]), "image": img} | some i, img in images],
	},
}

cfg := {"allowed_registries": ["*.dkr.ecr.*.amazonaws.com", "public.ecr.aws"]}

test_fail_docker_hub_and_others if {
	r := rule.report with input as td([
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1",
		"nginx:1.27",
		"public.ecr.aws/nginx/nginx:1",
		"ghcr.io/org/app:1",
	])
		with data.ecslint.config as cfg
	count(r) == 2
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "image"]
	contains(f.message, "\"docker.io\"")
}

test_fail_glob_stays_in_one_label if {
	# "*" matches one DNS label: the China and FIPS endpoints need their own entries.
	r := rule.report with input as td([
		"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1",
		"123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app:1",
		"evil.example.com/public.ecr.aws/app:1",
	])
		with data.ecslint.config as cfg
	count(r) == 3
}

test_pass_allowed if {
	r := rule.report with input as td([
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1",
		"123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/app",
		"public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
	])
		with data.ecslint.config as cfg
	count(r) == 0
}

test_pass_docker_hub_allowed if {
	r := rule.report with input as td(["nginx", "user/app:1", "index.docker.io/nginx", "registry.example.com:5000/app"])
		with data.ecslint.config as {"allowed_registries": ["docker.io", "registry.example.com"]}
	count(r) == 0
}

test_pass_not_configured if {
	r := rule.report with input as td(["nginx"])
	count(r) == 0
}

test_pass_empty_allow_list if {
	r := rule.report with input as td(["nginx"]) with data.ecslint.config as {"allowed_registries": []}
	count(r) == 0
}

test_pass_placeholders_and_absent if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"containerDefinitions": [
		{"name": "a"},
		{"name": "b", "image": "{{ tfstate `repo` }}:{{ must_env `TAG` }}"},
		{"name": "c", "image": "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app"},
		{"name": "d", "image": "<IMAGE>"},
		{"name": "e", "image": ""},
	]}}
		with data.ecslint.config as cfg
	count(r) == 0
}

# A registry that is a placeholder, wholly or in part, is unknown; a literal
# registry with a templated path or tag is judged.
test_templated_images if {
	count(rule.report) == 0 with input as td(["{{ .Env.IMAGE }}", "${REGISTRY}/app:1", "registry.${DOMAIN}/app:1", "${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:1"])
		with data.ecslint.config as cfg
	count(rule.report) == 2 with input as td(["ghcr.io/${ORG}/app:{{TAG}}", "ghcr.io/org/app:1"])
		with data.ecslint.config as cfg
}
