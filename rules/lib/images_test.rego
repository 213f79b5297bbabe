package ecslint.lib.images_test

import data.ecslint.lib.images
import data.ecslint.lib.values

_p(registry, repository, tag, digest) := {"registry": registry, "repository": repository, "tag": tag, "digest": digest}

_h := values.hole

_hub(ref) if images.parse(ref).registry in images.docker_hub_registries

_pinned(ref) if images.is_sha256_digest(images.parse(ref).digest)

_implicit_latest(ref) if {
	p := images.parse(ref)
	p.tag == ""
	p.digest == ""
}

_ecr(ref) if images.is_ecr_host(images.parse(ref).registry)

_matches(ref, pattern) if images.registry_host_matches(images.parse(ref).registry, pattern)

_sha := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

# Docker Hub short names

test_parse_official_short_name if {
	images.parse("nginx") == _p("docker.io", "library/nginx", "", "")
	images.parse("nginx:1.27") == _p("docker.io", "library/nginx", "1.27", "")
}

test_parse_library_prefix if {
	images.parse("library/nginx:latest") == _p("docker.io", "library/nginx", "latest", "")
}

test_parse_user_repo if {
	images.parse("user/app") == _p("docker.io", "user/app", "", "")
	images.parse("amazon/aws-for-fluent-bit:stable") == _p("docker.io", "amazon/aws-for-fluent-bit", "stable", "")
	images.parse("jboss/wildfly") == _p("docker.io", "jboss/wildfly", "", "")
}

test_parse_docker_io_prefixes if {
	images.parse("docker.io/nginx") == _p("docker.io", "library/nginx", "", "")
	images.parse("docker.io/library/nginx:1") == _p("docker.io", "library/nginx", "1", "")
	images.parse("index.docker.io/user/app:2") == _p("docker.io", "user/app", "2", "")
	images.parse("registry-1.docker.io/nginx") == _p("registry-1.docker.io", "library/nginx", "", "")
	images.parse("Docker.IO/user/app") == _p("docker.io", "user/app", "", "")
}

test_is_docker_hub if {
	_hub("nginx")
	_hub("library/nginx")
	_hub("user/app:1")
	_hub("docker.io/user/app")
	_hub("index.docker.io/nginx")
	_hub("registry.hub.docker.com/user/app")
	not _hub("public.ecr.aws/docker/library/nginx:latest")
	not _hub("123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx")
	not _hub("quay.io/signalfx/fluent-bit-aws:1.3.2")
	not _hub("localhost/app")
	not _hub("mcr.microsoft.com/windows/servercore:ltsc2019")
}

# Registries, ports, localhost

test_parse_registry_with_port if {
	images.parse("127.0.0.1:51670/busybox") == _p("127.0.0.1:51670", "busybox", "", "")
	images.parse("registry.example.com:5000/team/app") == _p("registry.example.com:5000", "team/app", "", "")
}

test_parse_tag_after_port if {
	images.parse("127.0.0.1:51670/amazon/awscli:latest") == _p("127.0.0.1:51670", "amazon/awscli", "latest", "")
	images.parse("host:5000/app:1.2") == _p("host:5000", "app", "1.2", "")
}

test_parse_localhost if {
	images.parse("localhost/app") == _p("localhost", "app", "", "")
	images.parse("localhost:5000/app:t") == _p("localhost:5000", "app", "t", "")
}

test_parse_other_registries if {
	images.parse("ghcr.io/org/app:1.2") == _p("ghcr.io", "org/app", "1.2", "")
	images.parse("quay.io/assemblyline/ubuntu") == _p("quay.io", "assemblyline/ubuntu", "", "")
	images.parse("example.com/nonexistent") == _p("example.com", "nonexistent", "", "")
}

# Digests

test_parse_digest_without_tag if {
	images.parse(concat("@", ["nginx", _sha])) == _p("docker.io", "library/nginx", "", _sha)
	images.parse(concat("@", ["host:5000/app", _sha])) == _p("host:5000", "app", "", _sha)
}

test_parse_digest_with_tag if {
	images.parse(concat("@", ["nginx:1.27", _sha])) == _p("docker.io", "library/nginx", "1.27", _sha)
	images.parse(concat("@", ["host:5000/app:latest", _sha])) == _p("host:5000", "app", "latest", _sha)
}

test_is_digest_pinned if {
	_pinned(concat("@", ["nginx", _sha]))
	_pinned(concat("@", ["nginx:latest", _sha]))
	not _pinned("nginx:1.27")
	not _pinned("nginx@sha256:abc")
	not _pinned("nginx@sha512:abc")
}

test_has_implicit_latest if {
	_implicit_latest("nginx")
	_implicit_latest("host:5000/app")
	not _implicit_latest("nginx:latest")
	not _implicit_latest("host:5000/app:1")
	not _implicit_latest(concat("@", ["nginx", _sha]))
}

test_parse_rejects_malformed if {
	not images.parse("")
	not images.parse("nginx:")
	not images.parse("nginx@")
	not images.parse("a/b:c/d")
	not images.parse("a:b:c")
	not images.parse({"Fn::Sub": "x"})
	not images.parse("nginx ")
}

# Registry hosts are case-insensitive; repositories are lower case in every
# reference Docker can pull, so a path component with capitals is a bare
# token a CI step replaces with sed: a placeholder, not a Docker Hub name.
test_parse_case if {
	images.parse("Registry.Example.com/team/app_1#x:v1.0_rc-2#3") == _p("registry.example.com", "team/app_1#x", "v1.0_rc-2#3", "")
	every ref in ["IMAGE", "REPLACED_BY_CI", "APP_IMAGE_URI"] {
		images.parse(ref) == _p(_h, _h, _h, _h)
	}
	images.parse("IMAGE:latest") == _p(_h, _h, "latest", "")
	images.parse("MyOrg/app:1") == _p(_h, concat("/", [_h, "app"]), "1", "")
	images.parse("registry.example.com/Team/App") == _p("registry.example.com", concat("/", [_h, _h]), _h, _h)
	images.parse("XXXXX.dkr.ecr.us-east-1.amazonaws.com/myApp:latest") == _p("xxxxx.dkr.ecr.us-east-1.amazonaws.com", _h, "latest", "")
	not _hub("IMAGE")
	not _hub("MyOrg/app:1")
	_ecr("XXXXX.dkr.ecr.us-east-1.amazonaws.com/myApp:latest")
	_ecr("aws_account_id.dkr.ecr.us-east-1.amazonaws.com/app")
}

# Placeholders: each is a hole in the part that holds it; the literal parts
# decide what they can.
test_parse_placeholders if {
	images.parse("{{ECR_REGISTRY}}/{{APP}}:latest") == _p(_h, concat("/", [_h, _h]), "latest", "")
	images.parse("${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:1.2") == _p(concat("", [_h, ".dkr.ecr.", _h, ".amazonaws.com"]), "app", "1.2", "")
	images.parse("{{REGISTRY}}/app:{{TAG}}") == _p(_h, concat("/", [_h, "app"]), _h, _h)
	images.parse("{{REGISTRY}}/app") == _p(_h, concat("/", [_h, "app"]), "", "")
	images.parse("$IMAGE") == _p(_h, _h, _h, _h)
	images.parse("{{demo-app-image}}") == _p(_h, _h, _h, _h)
	images.parse("katsubushi/katsubushi:{{ env `TAG` `latest` }}") == _p("docker.io", "katsubushi/katsubushi", _h, _h)
	images.parse("nginx:${TAG}") == _p("docker.io", "library/nginx", _h, _h)
	images.parse("nginx${SUFFIX}") == _p(_h, concat("", ["nginx", _h]), _h, _h)
	images.parse("ghcr.io/${ORG}/app:1.0") == _p("ghcr.io", concat("", [_h, "/app"]), "1.0", "")
	images.parse("registry.${DOMAIN}/app") == _p(concat("", ["registry.", _h]), "app", "", "")
	images.parse(concat("", ["ghcr.io/org/app@sha256:", "${DIGEST}"])) == _p("ghcr.io", "org/app", "", concat("", ["sha256:", _h]))
	images.parse("<ACCOUNT_ID_1>.dkr.ecr.us-east-1.amazonaws.com/app:1").registry == concat("", [_h, ".dkr.ecr.us-east-1.amazonaws.com"])
	not images.parse("")
	not images.parse("  ")
}

# What the rules read from placeholders.
test_placeholders_judged_on_literal_parts if {
	_implicit_latest("{{REGISTRY}}/app")
	images.parse("{{ECR_REGISTRY}}/{{APP}}:latest").tag == "latest"
	not _implicit_latest("{{REGISTRY}}/app:{{TAG}}")
	not images.parse("{{REGISTRY}}/app:{{TAG}}").tag == "latest"
	not _hub("{{REGISTRY}}/app:{{TAG}}")
	not _hub("${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:1.2")
	_ecr("${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:1.2")
	_ecr("${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app")
	_hub("katsubushi/katsubushi:{{ env `TAG` `latest` }}")
	not _ecr("{{REGISTRY}}/app")
	not _hub("$IMAGE")
}

# ECR

test_is_ecr_partitions if {
	_ecr("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1")
	_ecr("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1")
	_ecr("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app")
	_ecr("123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/app")
	_ecr("123456789012.dkr-ecr.eu-west-1.on.aws/app:1")
	_ecr(concat("@", ["123456789012.dkr.ecr.us-east-1.amazonaws.com/ns/app", _sha]))
	_ecr("123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx:latest")
	not _ecr("12345.dkr.ecr.us-east-1.amazonaws.com/app")
	not _ecr("public.ecr.aws/nginx/nginx:latest")
	not _ecr("nginx")
}

test_parse_ecr if {
	images.parse("906394416424.dkr.ecr.us-east-1.amazonaws.com/aws-for-fluent-bit:stable") == _p("906394416424.dkr.ecr.us-east-1.amazonaws.com", "aws-for-fluent-bit", "stable", "")
	images.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/ns/app") == _p("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", "ns/app", "", "")
}

test_parse_ecr_public if {
	images.parse("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable") == _p("public.ecr.aws", "aws-observability/aws-for-fluent-bit", "stable", "")
	images.parse("public.ecr.aws/docker/library/httpd:latest").tag == "latest"
}

# Allow-list matching

test_registry_matches_globs if {
	_matches("123456789012.dkr.ecr.us-east-1.amazonaws.com/app", "*.dkr.ecr.*.amazonaws.com")
	not _matches("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app", "*.dkr.ecr.*.amazonaws.com")
	_matches("public.ecr.aws/nginx/nginx", "public.ecr.aws")
	_matches("public.ecr.aws/nginx/nginx", "PUBLIC.ECR.AWS")
	_matches("public.ecr.aws/nginx/nginx", "https://public.ecr.aws/")
	not _matches("public.ecr.aws/nginx/nginx", 42)
	not _matches("evil.public.ecr.aws.example.com/x", "public.ecr.aws")
	not _matches("a.b.example.com/x", "*.example.com")
}

test_registry_matches_docker_hub_names if {
	_matches("nginx", "docker.io")
	_matches("user/app", "docker.io")
	_matches("index.docker.io/user/app", "docker.io")
	_matches("registry-1.docker.io/user/app", "docker.io")
	_matches("nginx", "registry-1.docker.io")
	not _matches("nginx", "public.ecr.aws")
}

test_registry_matches_ports if {
	_matches("registry.example.com:5000/app", "registry.example.com")
	_matches("registry.example.com:5000/app", "registry.example.com:5000")
	not _matches("registry.example.com:5000/app", "registry.example.com:6000")
	_matches("localhost:5000/app", "localhost")
}

# Screened forms: is_ecr_host and is_sha256_digest test
# substrings before (or instead of) their regex; they must decide every value
# exactly as the bare regex does, at the screen's boundaries above all.

_ecr_host(h) if {
	images.is_ecr_host(h)
} else := false

test_is_ecr_host_same_as_regex if {
	every h in [
		"123456789012.dkr.ecr.us-east-1.amazonaws.com",
		"123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com",
		"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn",
		"123456789012.dkr-ecr.eu-west-1.on.aws",
		"123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example",
		"123456789012.dkr-ecr.eu-west-1.on.aws.example",
		"12345.dkr.ecr.us-east-1.amazonaws.com", "dkr.ecr", ".dkr.ecr", ".dkr-ecr.",
		"123456789012.dkr.ecr..amazonaws.com", "docker.io", "public.ecr.aws", "",
		concat("", [_h, ".dkr.ecr.", _h, ".amazonaws.com"]), concat("", ["1234", _h, ".dkr-ecr.eu-west-1.on.aws"]),
		concat("", ["x", _h, ".dkr.ecr.us-east-1.amazonaws.com"]), concat("", [_h, ".dkr.ecr.us-east-1.amazonaws.com.", _h]),
		"xxxxxxxxxxxx.dkr.ecr.us-east-1.amazonaws.com", "aws_account_id.dkr-ecr.eu-west-1.on.aws", "1234567890123.dkr.ecr.us-east-1.amazonaws.com",
	] {
		_ecr_host(h) == _ecr_regex(h)
	}
}

_ecr_regex(h) if {
	regex.match(`^([0-9]{12}|[0-9a-z_\x{E000}-]*[a-z_\x{E000}][0-9a-z_\x{E000}-]*)\.dkr\.ecr(-fips)?\.[a-z0-9\x{E000}-]+\.amazonaws\.com(\.cn)?$`, h)
} else if {
	regex.match(`^([0-9]{12}|[0-9a-z_\x{E000}-]*[a-z_\x{E000}][0-9a-z_\x{E000}-]*)\.dkr-ecr\.[a-z0-9\x{E000}-]+\.on\.aws$`, h)
} else := false

_sha256(d) if {
	images.is_sha256_digest(d)
} else := false

test_is_sha256_digest_same_as_regex if {
	every d in [
		_sha, upper(_sha), "", "sha256:", "sha256:0123", concat("", [_sha, "0"]),
		"sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		"SHA256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
	] {
		_sha256(d) == regex.match(`^sha256:[A-Fa-f0-9]{64}$`, d)
	}
}

# _registry and _repository (a table lookup and an else chain).

test_parse_docker_hub_aliases if {
	images.parse("index.docker.io/nginx") == _p("docker.io", "library/nginx", "", "")
	images.parse("registry.hub.docker.com/nginx:1") == _p("registry.hub.docker.com", "library/nginx", "1", "")
	images.parse("registry.hub.docker.com/user/app") == _p("registry.hub.docker.com", "user/app", "", "")
	images.parse("quay.io/nginx") == _p("quay.io", "nginx", "", "")
	images.parse("localhost/nginx") == _p("localhost", "nginx", "", "")
	images.parse("Index.Docker.IO/nginx") == _p("docker.io", "library/nginx", "", "")
}

test_registry_host_matches if {
	images.registry_host_matches("docker.io", "registry-1.docker.io")
	images.registry_host_matches("registry.example.com:5000", "registry.example.com")
	images.registry_host_matches("123456789012.dkr.ecr.us-east-1.amazonaws.com", "*.dkr.ecr.*.amazonaws.com")
	not images.registry_host_matches("quay.io", "docker.io")
	not images.registry_host_matches("quay.io", 42)
}

_asset_hash := "2a9b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809"

test_cdk_asset_images if {
	images.is_cdk_asset(concat("", ["123456789012.dkr.ecr.us-west-2.amazonaws.com/cdk-hnb659fds-container-assets-123456789012-us-west-2:", _asset_hash]))
	images.is_cdk_asset(concat("", ["${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/cdk-hnb659fds-container-assets-${AWS::AccountId}-${AWS::Region}:", _asset_hash]))
	not images.is_cdk_asset("123456789012.dkr.ecr.us-west-2.amazonaws.com/cdk-hnb659fds-container-assets-123456789012-us-west-2:latest")
	not images.is_cdk_asset("123456789012.dkr.ecr.us-west-2.amazonaws.com/app:2a9b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809")
}
