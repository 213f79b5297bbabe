# METADATA
# title: Task definition volumes
# description: |
#   Reading volumes[] the way ECS does: which volume type an entry is, the
#   EFS and S3 Files settings with their defaults (transit encryption and IAM
#   authorization DISABLED, root directory "/"), bind-mount host paths
#   (including local-driver Docker volumes with o=bind), the containers that
#   mount a volume, host path normalisation, and S3 references.
package ecslint.lib.volumes

import data.ecslint.lib.arn
import data.ecslint.lib.values

# --- EFS -------------------------------------------------------------------

# An EFS volume. A configuration whose fileSystemId is an empty string is
# an unfilled template (generate-cli-skeleton), not a volume.
_efs(v) := v.efsVolumeConfiguration if {
	is_object(v.efsVolumeConfiguration)
	not _blank(object.get(v.efsVolumeConfiguration, "fileSystemId", null))
}

is_efs(v) if _efs(v)

# transitEncryption defaults to DISABLED.
efs_transit_encrypted(v) if _enabled(_efs(v).transitEncryption)

efs_transit_unresolved(v) if values.unresolved(_efs(v).transitEncryption)

# authorizationConfig.iam defaults to DISABLED.
efs_iam_enabled(v) if _enabled(_efs(v).authorizationConfig.iam)

efs_iam_unresolved(v) if values.unresolved(_efs(v).authorizationConfig.iam)

efs_iam_unresolved(v) if values.unresolved(_efs(v).authorizationConfig)

efs_access_point(v) if values.is_set(_efs(v).authorizationConfig.accessPointId)

_blank(x) if {
	is_string(x)
	trim_space(x) == ""
}

_enabled(x) if {
	is_string(x)
	upper(trim_space(x)) == "ENABLED"
}

# --- S3 Files (Amazon S3 Files file systems, 2026) --------------------------

# An S3 Files volume; an empty fileSystemArn is an unfilled template.
_s3files(v) := v.s3filesVolumeConfiguration if {
	is_object(v.s3filesVolumeConfiguration)
	not _blank(object.get(v.s3filesVolumeConfiguration, "fileSystemArn", null))
}

is_s3files(v) if _s3files(v)

s3files_access_point(v) if values.is_set(_s3files(v).accessPointArn)

# --- Bind mounts and Docker volumes -----------------------------------------

is_docker_volume(v) if is_object(v.dockerVolumeConfiguration)

# host.sourcePath is set (any value, placeholders included).
has_source_path(v) if values.is_set(v.host.sourcePath)

# The host paths a volume bind-mounts, with the path to the field that
# names them: host.sourcePath, or the device of a local-driver Docker volume
# mounted with o=bind (the Docker equivalent of a bind mount).
bind_sources_of(v) := {[["host", "sourcePath"], p] |
	p := v.host.sourcePath
	is_string(p)
	values.is_set(p)
} | {[["dockerVolumeConfiguration", "driverOpts", "device"], p] |
	d := v.dockerVolumeConfiguration
	is_object(d)
	_local_driver(d)
	_bind_option(object.get(d, ["driverOpts", "o"], ""))
	p := d.driverOpts.device
	is_string(p)
	values.is_set(p)
}

_local_driver(d) if not values.is_set(object.get(d, "driver", null))

_local_driver(d) if lower(d.driver) == "local"

_bind_option(o) if {
	is_string(o)
	some opt in split(o, ",")
	trim_space(opt) in {"bind", "rbind"}
}

# Names of the containers that mount the volume called name.
mounted_by(td, name) := {c.name |
	some c in td.containerDefinitions
	some mp in c.mountPoints
	mp.sourceVolume == name
}

# --- Paths ------------------------------------------------------------------

# A Linux host path in canonical form: repeated and trailing slashes
# removed, "." and ".." resolved ("/var/lib/../run/" is "/run"). Windows
# paths (drive letter or backslashes) are lower-cased with "/" separators
# ("C:\ProgramData\Docker" is "c:/programdata/docker"); named pipes
# ("\\.\pipe\docker_engine") are only lower-cased.
normalize_path(p) := lower(p) if _is_named_pipe(p)

normalize_path(p) := concat("/", [drive, _resolve(substring(w, 2, -1))]) if {
	not _is_named_pipe(p)
	_is_windows_path(p)
	w := replace(lower(p), "\\", "/")
	regex.match(`^[a-z]:`, w)
	drive := substring(w, 0, 2)
}

normalize_path(p) := concat("/", ["", _resolve(w)]) if {
	not _is_named_pipe(p)
	_is_windows_path(p)
	w := replace(lower(p), "\\", "/")
	not regex.match(`^[a-z]:`, w)
}

normalize_path(p) := concat("/", ["", _resolve(p)]) if {
	is_string(p)
	not _is_named_pipe(p)
	not _is_windows_path(p)
}

_is_named_pipe(p) if regex.match(`^(\\\\|//)\.(\\|/)pipe(\\|/)`, p)

_is_windows_path(p) if contains(p, "\\")

_is_windows_path(p) if regex.match(`^[A-Za-z]:`, p)

_resolve(p) := _collapse([s | some s in split(p, "/"); s != ""; s != "."])

# Without "..", every segment survives (the usual case, and a cheap one).
_collapse(segs) := concat("/", segs) if not ".." in segs

# Segments that survive ".." resolution: a segment is removed when some run
# of the segments starting at it has at least as many ".." as names (each
# name cancels one later "..").
_collapse(segs) := concat("/", [segs[i] |
	some i in numbers.range(0, count(segs) - 1)
	segs[i] != ".."
	every j in numbers.range(i, count(segs) - 1) {
		_weight(array.slice(segs, i, j + 1)) >= 1
	}
]) if ".." in segs

_weight(segs) := count([s | some s in segs; s != ".."]) - count([s | some s in segs; s == ".."])

# What the literal parts of a host path say: the normalized path when it
# holds no placeholder, else the normalized part before the first segment
# that holds one ("/var/lib/docker/${DIR}" is somewhere under
# "/var/lib/docker"). Undefined for a blank path, and when a placeholder
# comes first or the path climbs with ".." (a placeholder may hold several
# segments).
known_path(raw) := {"path": normalize_path(raw), "complete": true} if {
	is_string(raw)
	values.known(raw)
}

known_path(raw) := {"path": normalize_path(concat("/", array.slice(segs, 0, k))), "complete": false} if {
	values.unresolved(raw)
	m := values.literal(raw)
	not contains(m, "..")
	segs := split(replace(m, "\\", "/"), "/")
	k := min([i | some i, s in segs; values.has_hole(s)])
	k > 0
	concat("/", array.slice(segs, 0, k)) != ""
}

# --- S3 references ----------------------------------------------------------

# An s3:// (s3a://, s3n://) URL or the ARN of an S3 bucket, object or access
# point. S3 Files file systems (arn:...:s3files:...) are not S3 references.
#
# Both forms contain the digit 3 (s3://, the service s3...), which no case
# folding or lower() produces from anything else: checking it first keeps
# the regex and the ARN parse off nearly every value (an undefined result is
# not cached, so this runs again on every call).
is_s3_reference(s) if {
	is_string(s)
	contains(s, "3")
	_s3_reference(s)
}

_s3_reference(s) if {
	regex.match(`(?i)^\s*s3[an]?://`, s)
} else if {
	contains(s, "arn:")
	a := arn.parse(trim_space(s))
	a != false
	lower(a.service) in {"s3", "s3-outposts", "s3-object-lambda", "s3express"}
}

# --- Messages ---------------------------------------------------------------

# How a message names volume i: its quoted name, or volumes[i] when it has
# none.
display_name(v, _) := sprintf("%q", [v.name]) if _named(v)

display_name(v, i) := sprintf("volumes[%d]", [i]) if {
	not _named(v)
}

_named(v) if {
	is_string(v.name)
	values.is_set(v.name)
}
