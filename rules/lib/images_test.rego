package ecslint.lib.images_test

import data.ecslint.lib.images

_p(registry, repository, tag, digest) := {"registry": registry, "repository": repository, "tag": tag, "digest": digest}

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
	images.is_docker_hub("nginx")
	images.is_docker_hub("library/nginx")
	images.is_docker_hub("user/app:1")
	images.is_docker_hub("docker.io/user/app")
	images.is_docker_hub("index.docker.io/nginx")
	images.is_docker_hub("registry.hub.docker.com/user/app")
	not images.is_docker_hub("public.ecr.aws/docker/library/nginx:latest")
	not images.is_docker_hub("123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx")
	not images.is_docker_hub("quay.io/signalfx/fluent-bit-aws:1.3.2")
	not images.is_docker_hub("localhost/app")
	not images.is_docker_hub("mcr.microsoft.com/windows/servercore:ltsc2019")
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
	images.is_digest_pinned(concat("@", ["nginx", _sha]))
	images.is_digest_pinned(concat("@", ["nginx:latest", _sha]))
	not images.is_digest_pinned("nginx:1.27")
	not images.is_digest_pinned("nginx@sha256:abc")
	not images.is_digest_pinned("nginx@sha512:abc")
}

test_has_implicit_latest if {
	images.has_implicit_latest("nginx")
	images.has_implicit_latest("host:5000/app")
	not images.has_implicit_latest("nginx:latest")
	not images.has_implicit_latest("host:5000/app:1")
	not images.has_implicit_latest(concat("@", ["nginx", _sha]))
}

test_parse_rejects_malformed if {
	not images.parse("")
	not images.parse("nginx:")
	not images.parse("nginx@")
	not images.parse("a/b:c/d")
	not images.parse("a:b:c")
	not images.parse({"Fn::Sub": "x"})
	not images.parse("nginx ")
	not images.parse("$IMAGE")
	not images.parse("<ACCOUNT_ID_1>.dkr.ecr.us-east-1.amazonaws.com/app:1")
	not images.parse("app:{{ env `TAG` }}")
}

test_parse_accepts_ecs_charset if {
	images.parse("Registry.Example.com/Team/App_1#x:v1.0_rc-2#3") == _p("registry.example.com", "Team/App_1#x", "v1.0_rc-2#3", "")
}

# ECR

test_is_ecr_partitions if {
	images.is_ecr("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1")
	images.is_ecr("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1")
	images.is_ecr("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app")
	images.is_ecr("123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/app")
	images.is_ecr("123456789012.dkr-ecr.eu-west-1.on.aws/app:1")
	images.is_ecr(concat("@", ["123456789012.dkr.ecr.us-east-1.amazonaws.com/ns/app", _sha]))
	images.is_ecr("123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx:latest")
	not images.is_ecr("12345.dkr.ecr.us-east-1.amazonaws.com/app")
	not images.is_ecr("public.ecr.aws/nginx/nginx:latest")
	not images.is_ecr("nginx")
}

test_parse_ecr if {
	images.parse("906394416424.dkr.ecr.us-east-1.amazonaws.com/aws-for-fluent-bit:stable") == _p("906394416424.dkr.ecr.us-east-1.amazonaws.com", "aws-for-fluent-bit", "stable", "")
	images.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/ns/app") == _p("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", "ns/app", "", "")
}

test_is_ecr_public if {
	images.is_ecr_public("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable")
	images.parse("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable") == _p("public.ecr.aws", "aws-observability/aws-for-fluent-bit", "stable", "")
	images.parse("public.ecr.aws/docker/library/httpd:latest").tag == "latest"
	not images.is_ecr_public("amazon/aws-for-fluent-bit:stable")
	not images.is_ecr_public("123456789012.dkr.ecr.us-east-1.amazonaws.com/app")
}

# Placeholders

test_is_unresolved if {
	images.is_unresolved("{{demo-app-image}}")
	images.is_unresolved("katsubushi/katsubushi:{{ env `TAG` `latest` }}")
	images.is_unresolved("${IMAGE}")
	images.is_unresolved("${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app")
	images.is_unresolved("$$$$IMAGE$$$$")
	images.is_unresolved("$$$IMAGE$$$")
	images.is_unresolved("<IMAGE>")
	images.is_unresolved("<PLACEHOLDER>")
	images.is_unresolved("<account-id>.dkr.ecr.us-east-1.amazonaws.com/app:1")
	images.is_unresolved({"Fn::Sub": "x"})
	not images.is_unresolved("nginx:latest")
	not images.is_unresolved("s3fs $BUCKET /mnt > /dev/null")
	not images.is_unresolved("127.0.0.1:51670/busybox:latest")
	not images.is_unresolved(concat("@", ["nginx", _sha]))
}

# Allow-list matching

test_registry_matches_globs if {
	images.registry_matches("123456789012.dkr.ecr.us-east-1.amazonaws.com/app", "*.dkr.ecr.*.amazonaws.com")
	not images.registry_matches("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app", "*.dkr.ecr.*.amazonaws.com")
	images.registry_matches("public.ecr.aws/nginx/nginx", "public.ecr.aws")
	images.registry_matches("public.ecr.aws/nginx/nginx", "PUBLIC.ECR.AWS")
	images.registry_matches("public.ecr.aws/nginx/nginx", "https://public.ecr.aws/")
	not images.registry_matches("public.ecr.aws/nginx/nginx", 42)
	not images.registry_matches("evil.public.ecr.aws.example.com/x", "public.ecr.aws")
	not images.registry_matches("a.b.example.com/x", "*.example.com")
}

test_registry_matches_docker_hub_names if {
	images.registry_matches("nginx", "docker.io")
	images.registry_matches("user/app", "docker.io")
	images.registry_matches("index.docker.io/user/app", "docker.io")
	images.registry_matches("registry-1.docker.io/user/app", "docker.io")
	images.registry_matches("nginx", "registry-1.docker.io")
	not images.registry_matches("nginx", "public.ecr.aws")
}

test_registry_matches_ports if {
	images.registry_matches("registry.example.com:5000/app", "registry.example.com")
	images.registry_matches("registry.example.com:5000/app", "registry.example.com:5000")
	not images.registry_matches("registry.example.com:5000/app", "registry.example.com:6000")
	images.registry_matches("localhost:5000/app", "localhost")
}

# repositoryCredentials

test_is_secret_reference if {
	images.is_secret_reference("arn:aws:secretsmanager:us-east-1:123456789012:secret:dockerhub-AbCdEf")
	images.is_secret_reference("arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:team/dockerhub")
	images.is_secret_reference("arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:x")
	images.is_secret_reference("dockerhub")
	images.is_secret_reference("team/registry_creds+1=@.-")
	not images.is_secret_reference("arn:aws:ssm:us-east-1:123456789012:parameter/dockerhub")
	not images.is_secret_reference("arn:aws:secretsmanager:us-east-1:123456789012:dockerhub")
	not images.is_secret_reference("s3://bucket/creds.json")
	not images.is_secret_reference("my secret")
	not images.is_secret_reference("")
	not images.is_secret_reference(42)
}

# Screened forms: is_unresolved, is_ecr_host and is_sha256_digest test
# substrings before (or instead of) their regex; they must decide every value
# exactly as the bare regex does, at the screen's boundaries above all.

_unresolved(s) if {
	images.is_unresolved(s)
} else := false

test_is_unresolved_same_as_regex if {
	every s in [
		"", "$", "{", "<", ">", "}", "$IMAGE", "${", "{{", "$$", "{ {", "$ {", "{$", "}}",
		"a${b", "a{{b", "a$$b", "<>", "<a>", "<a-b c_D9>", "<a.b>", "<a", "a>", "x<y>z",
		"<<a>>", "< >", "<\n>", "<a/b>", "$<a>", "nginx:latest", "s3fs $BUCKET /mnt > /dev/null",
	] {
		_unresolved(s) == regex.match(`\$\{|\{\{|\$\$|<[A-Za-z0-9_ -]+>`, s)
	}
}

_ecr(h) if {
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
	] {
		_ecr(h) == _ecr_regex(h)
	}
}

_ecr_regex(h) if {
	regex.match(`^[0-9]{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$`, h)
} else if {
	regex.match(`^[0-9]{12}\.dkr-ecr\.[a-z0-9-]+\.on\.aws$`, h)
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

test_cdk_asset_images_are_pinned if {
	images.is_digest_pinned(concat("", ["123456789012.dkr.ecr.us-west-2.amazonaws.com/cdk-hnb659fds-container-assets-123456789012-us-west-2:", _asset_hash]))
	images.is_cdk_asset(concat("", ["${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/cdk-hnb659fds-container-assets-${AWS::AccountId}-${AWS::Region}:", _asset_hash]))
	not images.is_cdk_asset("123456789012.dkr.ecr.us-west-2.amazonaws.com/cdk-hnb659fds-container-assets-123456789012-us-west-2:latest")
	not images.is_cdk_asset("123456789012.dkr.ecr.us-west-2.amazonaws.com/app:2a9b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809")
}
