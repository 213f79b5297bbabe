# METADATA
# title: Sensitive host path bind-mounted into a container
# description: |
#   A container that mounts the Docker socket controls the Docker daemon and
#   so the whole host; mounting the host's root, /etc, /proc, /sys, /dev,
#   /boot, /run, Docker's or the ECS agent's data directories, or home
#   directories exposes credentials, other tasks' data and ways to escape to
#   the host. A read-only mount does not help for sockets and device nodes.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html
#     description: Use bind mounts with Amazon ECS
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-tasks-containers.html
#     description: Amazon ECS task and container security best practices
#   - ref: https://docs.docker.com/engine/security/protect-access/
#     description: Protect the Docker daemon socket
# custom:
#   severity: high
#   severities:
#     - severity: critical
#       when: the host path is the Docker daemon socket (/var/run/docker.sock, /run/docker.sock or the Windows docker_engine pipe), which gives full control of the host
#   remediation: Do not bind-mount the Docker socket or sensitive host directories; mount only the specific, non-sensitive paths the container needs, read-only where possible.
#   resources: [TaskDefinition]
package ecslint.rules.security["sensitive-host-mount"]

import data.ecslint.lib.volumes

report contains finding if {
	some i, v in input.resource.volumes
	some [field, raw] in volumes.bind_sources_of(v)
	users := volumes.mounted_by(input.resource, v.name)
	count(users) > 0

	# Judged on its literal parts: "/var/lib/docker/${DIR}" is inside
	# Docker's data directory whatever the placeholder holds.
	known := volumes.known_path(raw)
	what := _sensitive(known)
	finding := object.union(
		{
			"message": sprintf("volume %s bind-mounts host path %q (%s) into %s", [volumes.display_name(v, i), raw, what, _containers(users)]),
			"path": array.concat(["resource", "volumes", i], field),
		},
		_severity(known),
	)
}

_severity(known) := {"severity": "critical"} if _docker_socket(known)

_severity(known) := {} if not _docker_socket(known)

_containers(users) := sprintf("container %q", [n]) if {
	count(users) == 1
	some n in users
}

_containers(users) := sprintf("containers %s", [concat(", ", [sprintf("%q", [n]) | some n in sort(users)])]) if {
	count(users) > 1
}

# --- What is sensitive -------------------------------------------------------

# known is volumes.known_path: a complete path, or the literal part of one
# before a placeholder, which only the trees below can judge.
_docker_socket(known) if {
	known.complete
	known.path in {"/var/run/docker.sock", "/run/docker.sock", `\\.\pipe\docker_engine`, "//./pipe/docker_engine"}
}

_sensitive(known) := "the Docker daemon socket: full control of the host" if _docker_socket(known)

_sensitive(known) := _exact[known.path] if {
	known.complete
	not _docker_socket(known)
}

_sensitive(known) := d if {
	not _docker_socket(known)
	not _complete_exact(known)
	some prefix, d in _trees
	_inside(known, prefix)
}

_sensitive(known) := "a user's home directory on the host" if {
	known.complete
	regex.match(`^/home/[^/]+$`, known.path)
}

_complete_exact(known) if {
	known.complete
	_exact[known.path]
}

_inside(known, prefix) if startswith(known.path, concat("", [prefix, "/"]))

# The literal part of a path with a placeholder after it is the tree
# itself: the full path is somewhere in it.
_inside(known, prefix) if {
	not known.complete
	known.path == prefix
}

# Paths that are sensitive themselves (their subdirectories are judged on
# their own: /sys/fs/cgroup, /etc/ssl/certs or /dev/shm are not listed).
_exact := {
	"/": "the host's root file system",
	"/etc": "host configuration",
	"/proc": "host processes and kernel interfaces",
	"/sys": "host kernel and device interfaces",
	"/dev": "host devices",
	"/boot": "the host's kernel and boot loader",
	"/run": "host runtime state, including the Docker socket",
	"/var/run": "host runtime state, including the Docker socket",
	"/var": "host state, including the Docker socket and Docker's data",
	"/var/lib": "host state, including Docker's and the ECS agent's data",
	"/var/lib/docker": "Docker's data: every container's files and configuration",
	"/var/lib/ecs": "the ECS agent's data directory",
	"/etc/ecs": "the ECS agent's configuration",
	"/root": "the root user's home directory",
	"/home": "the users' home directories",
	"/run/containerd": "containerd's runtime directory and socket",
	"/var/run/containerd": "containerd's runtime directory and socket",
	"/run/docker": "Docker's runtime directory",
	"/var/run/docker": "Docker's runtime directory",
	"c:/": "the host's system drive",
	"c:/programdata/docker": "Docker's data: every container's files and configuration",
	"c:/programdata/amazon/ecs": "the ECS agent's data and configuration",
}

# Trees whose every path is sensitive.
_trees := {
	"/var/lib/docker": "inside Docker's data directory",
	"/var/lib/ecs": "inside the ECS agent's data directory",
	"/etc/ecs": "inside the ECS agent's configuration",
	"/root": "inside the root user's home directory",
	"/run/containerd": "inside containerd's runtime directory",
	"/var/run/containerd": "inside containerd's runtime directory",
	"/run/docker": "inside Docker's runtime directory",
	"/var/run/docker": "inside Docker's runtime directory",
	"c:/programdata/docker": "inside Docker's data directory",
	"c:/programdata/amazon/ecs": "inside the ECS agent's data directory",
}
