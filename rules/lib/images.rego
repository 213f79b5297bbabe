# METADATA
# title: Container image references
# description: |
#   Splits [registry/]repository[:tag][@digest] the way Docker does: the
#   first component is a registry when it contains "." or ":" or is
#   "localhost"; otherwise the image is on Docker Hub, where one-component
#   names live under library/. A reference with placeholders is read from
#   its literal parts: "{{REGISTRY}}/app:latest" has the latest tag and an
#   unknown registry, "${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:1.2"
#   is a private ECR image with a version tag.
package ecslint.lib.images

import data.ecslint.lib.values

# One regular expression does the whole split, on the reference with each
# placeholder replaced by values.hole (U+E000, allowed in every part); it
# runs for every container of every file, and OPA caches the compiled
# pattern. Groups: registry, repository, tag, digest. A ":" before the
# last "/" belongs to the registry's port, never to a tag. Strings Docker
# or ECS would reject (empty, an empty tag, a ":" inside the path, spaces)
# do not parse, and rules stay silent on them.
_ref_pattern := `^(?:([A-Za-z0-9_.:\x{E000}-]*[.:][A-Za-z0-9_.:\x{E000}-]*|localhost)/)?([A-Za-z0-9_.#/\x{E000}-]+)(?::([A-Za-z0-9_.#\x{E000}-]+))?(?:@([A-Za-z0-9_.:+=\x{E000}-]+))?$`

# The parts of an image reference. A part that is unknown holds
# values.hole: the registry when the first component is a placeholder that
# may be a host or a Docker Hub namespace; the tag and the digest when a
# placeholder ends the reference and may hold them. A part that is known
# absent is "".
#
# Nearly every image is literal: the first body reads it with the literal
# pattern alone, which matches no placeholder (its parts exclude "$", "{",
# "<", "%", "@@" and capitals in the path; "__" is screened), so the mask,
# the hole-aware parts and their function calls are paid only by templated
# images. Measured: they more than doubled the cost of the image rules.
parse(ref) := {
	"registry": registry,
	"repository": _repository(registry, m[2]),
	"tag": m[3],
	"digest": m[4],
} if {
	is_string(ref)
	not contains(ref, "__")
	some m in regex.find_all_string_submatch_n(_literal_pattern, ref, 1)
	host := lower(m[1])
	registry := object.get({"": "docker.io", "index.docker.io": "docker.io"}, host, host)
} else := {
	"registry": registry,
	"repository": _repository(registry, g[2]),
	"tag": _tag(g),
	"digest": _digest(g),
} if {
	is_string(ref)
	some m in regex.find_all_string_submatch_n(_ref_pattern, values.literal(ref), 1)
	g := [m[0], m[1], _tokens(m[2]), m[3], m[4]]
	registry := _registry(lower(g[1]), g[2])
}

# _ref_pattern without holes and with a lower-case path: what a literal
# reference Docker can pull looks like.
_literal_pattern := `^(?:([A-Za-z0-9_.:-]*[.:][A-Za-z0-9_.:-]*|localhost)/)?([a-z0-9_.#/-]+)(?::([A-Za-z0-9_.#-]+))?(?:@([A-Za-z0-9_.:+=-]+))?$`

# Repository path components are lower case in every reference Docker can
# pull: a component with capitals is a bare token a CI step replaces with
# sed (IMAGE, REPLACED_BY_CI, myApp in XXXXX.dkr.ecr.../myApp:latest), so it
# is a placeholder like the others, never a Docker Hub name. Most
# repositories have none and skip the expression.
_tokens(repo) := regex.replace(repo, `[^/]*[A-Z][^/]*`, values.hole) if lower(repo) != repo

_tokens(repo) := repo if lower(repo) == repo

# index.docker.io is Docker's legacy name for docker.io. One lookup in a
# literal table instead of several function bodies, all evaluated per call.
_registry(h, _) := object.get({"index.docker.io": "docker.io"}, h, h) if h != ""

# Without a host, a first component that holds a placeholder may be a host
# or a Docker Hub namespace: unknown.
_registry("", repo) := values.hole if values.has_hole(split(repo, "/")[0])

_registry("", repo) := "docker.io" if not values.has_hole(split(repo, "/")[0])

# Docker Hub short names live under library/. One function with else: two
# bodies with opposite conditions were both evaluated on every call.
_repository(registry, repo) := concat("/", ["library", repo]) if {
	registry in docker_hub_registries
	not contains(repo, "/")
} else := repo

# The last path component holds a placeholder, which may hold ":tag" or
# "@digest" too.
_name_hole(repo) if {
	parts := split(repo, "/")
	values.has_hole(parts[count(parts) - 1])
}

_tag(g) := g[3] if g[3] != ""

_tag(g) := values.hole if {
	g[3] == ""
	_name_hole(g[2])
}

_tag(g) := "" if {
	g[3] == ""
	not _name_hole(g[2])
}

_digest(g) := g[4] if g[4] != ""

_digest(g) := values.hole if {
	g[4] == ""
	_ends_with_hole(g)
}

_digest(g) := "" if {
	g[4] == ""
	not _ends_with_hole(g)
}

_ends_with_hole(g) if values.has_hole(g[3])

_ends_with_hole(g) if {
	g[3] == ""
	_name_hole(g[2])
}

docker_hub_registries := {"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"}

# Private ECR: <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn], and the
# dual-stack <account>.dkr-ecr.<region>.on.aws. The account and the Region
# may be placeholders ("${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com").
# Letters where the account's digits stand (XXXXXXXXXXXX, aws_account_id)
# are a documentation placeholder, as in ARNs. Each pattern runs only on
# hosts holding its fixed part: other registries are rejected by a
# substring test (~0.1 µs) instead of two regexes.
is_ecr_host(h) if {
	contains(h, ".dkr.ecr")
	regex.match(`^([0-9]{12}|[0-9a-z_\x{E000}-]*[a-z_\x{E000}][0-9a-z_\x{E000}-]*)\.dkr\.ecr(-fips)?\.[a-z0-9\x{E000}-]+\.amazonaws\.com(\.cn)?$`, h)
}

is_ecr_host(h) if {
	contains(h, ".dkr-ecr.")
	regex.match(`^([0-9]{12}|[0-9a-z_\x{E000}-]*[a-z_\x{E000}][0-9a-z_\x{E000}-]*)\.dkr-ecr\.[a-z0-9\x{E000}-]+\.on\.aws$`, h)
}

# A CDK asset image is pinned as a digest is: CDK tags it with the hash of
# its build context in the bootstrap repository cdk-<qualifier>-
# container-assets-<account>-<region>, so the tag names one content and is
# never moved. The account and Region in the name are often CloudFormation
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

# registry_host_matches holds when an allow-list entry (a registry host, "*"
# globs within one DNS label) names the registry of a parsed reference. An
# entry without a port matches the host on any port; Docker Hub matches
# under any of its names.
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
