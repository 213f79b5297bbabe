# METADATA
# title: Container image references
# description: |
#   Splits [registry/]repository[:tag][@digest] the way Docker does: the
#   first component is a registry when it contains "." or ":" or is
#   "localhost"; otherwise the image is on Docker Hub, where one-component
#   names live under library/.
package ecslint.lib.images

# One regular expression does the whole split; it runs for every container
# of every file, and OPA caches the compiled pattern. Groups: registry,
# repository, tag, digest. A ":" before the last "/" belongs to the
# registry's port, never to a tag. Only the characters ECS accepts (letters,
# digits, "-", "_", ".", ":", "/", "#", and "@" before a digest) parse:
# strings Docker or ECS would reject (empty, an empty tag, a ":" inside the
# path, spaces, template syntax such as $IMAGE or <IMAGE>) are undefined, so
# rules stay silent on them.
_ref_pattern := `^(?:([A-Za-z0-9_.:-]*[.:][A-Za-z0-9_.:-]*|localhost)/)?([A-Za-z0-9_.#/-]+)(?::([A-Za-z0-9_.#-]+))?(?:@([A-Za-z0-9_.:+=-]+))?$`

parse(ref) := {
	"registry": registry,
	"repository": _repository(registry, m[2]),
	"tag": m[3],
	"digest": m[4],
} if {
	is_string(ref)
	some m in regex.find_all_string_submatch_n(_ref_pattern, ref, 1)
	registry := _registry(lower(m[1]))
}

# index.docker.io is Docker's legacy name for docker.io. One lookup in a
# literal table instead of three function bodies, all evaluated per call.
_registry(h) := object.get({"": "docker.io", "index.docker.io": "docker.io"}, h, h)

# Docker Hub short names live under library/. One function with else: two
# bodies with opposite conditions were both evaluated on every call.
_repository(registry, repo) := concat("/", ["library", repo]) if {
	registry in docker_hub_registries
	not contains(repo, "/")
} else := repo

docker_hub_registries := {"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"}

is_docker_hub(ref) if parse(ref).registry in docker_hub_registries

# Private ECR: <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn], and the
# dual-stack <account>.dkr-ecr.<region>.on.aws.
is_ecr(ref) if is_ecr_host(parse(ref).registry)

# Each pattern runs only on hosts holding its fixed part: other registries
# are rejected by a substring test (~0.1 µs) instead of two regexes.
is_ecr_host(h) if {
	contains(h, ".dkr.ecr")
	regex.match(`^[0-9]{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$`, h)
}

is_ecr_host(h) if {
	contains(h, ".dkr-ecr.")
	regex.match(`^[0-9]{12}\.dkr-ecr\.[a-z0-9-]+\.on\.aws$`, h)
}

is_ecr_public(ref) if parse(ref).registry == "public.ecr.aws"

# The image names no tag (Docker then pulls "latest") and no digest.
has_implicit_latest(ref) if {
	p := parse(ref)
	p.tag == ""
	p.digest == ""
}

# The image pins content by an @sha256 digest, the only algorithm ECS takes.
is_digest_pinned(ref) if is_sha256_digest(parse(ref).digest)

# A CDK asset image is pinned too: CDK tags it with the hash of its build
# context in the bootstrap repository cdk-<qualifier>-container-assets-
# <account>-<region>, so the tag names one content and is never moved.
is_digest_pinned(ref) if is_cdk_asset(ref)

# The account and region in the repository name are often CloudFormation
# pseudo-parameters (${AWS::AccountId}); the tag is always literal.
is_cdk_asset(ref) if {
	is_string(ref)
	contains(ref, "-container-assets-")
	regex.match(`/cdk-[a-z0-9]+-container-assets-[^/]+:[a-f0-9]{64}$`, ref)
}

# The digest part of a parsed reference is an @sha256 digest. Most images
# have none (""): the prefix test settles them without the regex.
is_sha256_digest(d) if {
	startswith(d, "sha256:")
	regex.match(`^sha256:[A-Fa-f0-9]{64}$`, d)
}

# Template placeholders ({{ ... }}, ${...}, $$$X$$$, <IMAGE>) and
# CloudFormation intrinsics leave a value unknown; rules stay silent on
# them. Other rules use this on commands too, so it matches template
# syntax only, not every "$" or ">"; parse rejects the rest for images.
is_unresolved(ref) if not is_string(ref)

# The same as regex.match(`\$\{|\{\{|\$\$|<[A-Za-z0-9_ -]+>`, ref), split so
# that substring tests (~0.1 µs) settle it and only strings with a "<" run
# a regex. OPA caches only defined function results, so before every call
# on an ordinary image or command paid the regex (~10 µs) again.
is_unresolved(ref) if contains(ref, "${")

is_unresolved(ref) if contains(ref, "{{")

is_unresolved(ref) if contains(ref, "$$")

is_unresolved(ref) if {
	contains(ref, "<")
	regex.match(`<[A-Za-z0-9_ -]+>`, ref)
}

# registry_matches holds when an allow-list entry (a registry host, "*"
# globs within one DNS label) names the image's registry. An entry without
# a port matches the host on any port; Docker Hub matches under any of its
# names.
registry_matches(ref, pattern) if registry_host_matches(parse(ref).registry, pattern)

# registry_host_matches is registry_matches for the registry of a parsed
# reference, which saves parsing the image again.
registry_host_matches(registry, pattern) if {
	is_string(pattern)
	some h in _registry_names(registry)
	glob.match(_host_pattern(pattern), ["."], h)
}

# Entries are hosts; a URL scheme or trailing "/" written out of habit is
# dropped rather than making the entry match nothing.
_host_pattern(p) := trim_suffix(trim_prefix(trim_prefix(lower(p), "https://"), "http://"), "/")

_registry_names(h) := docker_hub_registries if h in docker_hub_registries

_registry_names(h) := {h, split(h, ":")[0]} if not h in docker_hub_registries

# repositoryCredentials.credentialsParameter takes a Secrets Manager secret:
# its ARN (complete or partial, any Region or account) or, for a secret in
# the task's Region, its name.
is_secret_reference(s) if _is_secret_arn(s)

is_secret_reference(s) if {
	is_string(s)
	regex.match(`^[A-Za-z0-9/_+=.@-]{1,512}$`, s)
}

_is_secret_arn(s) if {
	is_string(s)
	regex.match(`^arn:aws(-[a-z0-9]+)*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$`, s)
}
