# METADATA
# title: S3 bucket used as a volume
# description: |
#   ECS has no volume type that mounts an S3 bucket: S3 volume plugins
#   (rexray/s3fs, s3fs, goofys), s3:// paths and FUSE mounts inside a
#   container need Docker plugins, host preparation or SYS_ADMIN and /dev/fuse,
#   none of which Fargate allows, and S3's object semantics break
#   applications that expect a file system. Amazon S3 Files volumes
#   (s3filesVolumeConfiguration) are the supported way to see a bucket as files.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_data_volumes.html
#     description: Storage options for Amazon ECS tasks
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/s3files-volumes.html
#     description: Use Amazon S3 Files volumes with Amazon ECS
#   - ref: https://github.com/aws/containers-roadmap/issues/412
#     description: "containers-roadmap #412: mount S3 buckets as file systems on Fargate"
# custom:
#   severity: high
#   remediation: Mount the bucket through an Amazon S3 Files file system (s3filesVolumeConfiguration) on Fargate or ECS Managed Instances, use EFS for shared files, or read and write objects with the AWS SDK.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.correctness["no-s3-volume"]

import data.ecslint.lib.containers
import data.ecslint.lib.values
import data.ecslint.lib.volumes

# S3 FUSE tools and volume plugins, as a name or a name component, are
# written out in the driver and "type" option regexes below (s3fs, s3,
# goofys, yas3fs, s3ql, geesefs, riofs, s3backer, mountpoint-s3, mount-s3):
# a pattern built with sprintf costs a call per volume.
#
# Volumes are read from input.resource.volumes directly, each body skipping
# S3 Files volumes (the supported way) after its own cheaper test: building
# an object of the remaining volumes costs more than the rules it feeds. A
# bare container array (ContainerDefinitions) carries no volumes: those
# bodies find nothing in it without a kind test.

# --- Docker volume plugins for S3 --------------------------------------------

report contains {
	"message": sprintf("volume %s uses the Docker volume driver %q, which mounts an S3 bucket; ECS does not support S3 buckets as volumes", [volumes.display_name(v, i), d.driver]),
	"path": ["resource", "volumes", i, "dockerVolumeConfiguration", "driver"],
} if {
	some i, v in input.resource.volumes
	d := v.dockerVolumeConfiguration
	_s3_driver(d.driver)
	not volumes.is_s3files(v)
}

report contains {
	"message": sprintf("volume %s passes driver option %q naming an S3 bucket or S3 mount; ECS does not support S3 buckets as volumes", [volumes.display_name(v, i), key]),
	"path": ["resource", "volumes", i, "dockerVolumeConfiguration", "driverOpts", key],
} if {
	some i, v in input.resource.volumes
	d := v.dockerVolumeConfiguration
	keys := [k | some k, val in d.driverOpts; _s3_driver_option(k, val)]
	count(keys) > 0
	not _s3_driver(object.get(d, "driver", ""))
	not volumes.is_s3files(v)
	key := sort(keys)[0]
}

_s3_driver(driver) if {
	is_string(driver)
	name := lower(split(trim_space(driver), ":")[0])
	regex.match(`(^|[/_.-])(s3fs|s3|goofys|yas3fs|s3ql|geesefs|riofs|s3backer|mountpoint-s3|mount-s3)($|[/_.-])`, name)
}

# Option keys of S3 plugins (rclone, s3fs, REX-Ray): bucket, s3.bucket,
# s3fs.*, s3-endpoint...
# Each regex runs only on values that contain what every match contains
# ("bucket" in any case, "3", "#"): a match is impossible otherwise.
_s3_driver_option(k, _) if {
	contains(lower(k), "bucket")
	regex.match(`(?i)^((s3|aws)[._-]?)?bucket([._-]?name)?$`, k)
}

_s3_driver_option(k, _) if {
	contains(k, "3")
	regex.match(`(?i)^s3(fs)?[._-]`, k)
}

_s3_driver_option(_, val) if volumes.is_s3_reference(val)

# local driver: device "s3fs#bucket", type "fuse.s3fs"; rclone: type "s3".
_s3_driver_option(_, val) if {
	is_string(val)
	contains(val, "#")
	regex.match(`(?i)^(s3fs|goofys|yas3fs|s3backer)#`, trim_space(val))
}

_s3_driver_option(k, val) if {
	lower(k) == "type"
	is_string(val)
	regex.match(`(?i)^(fuse\.)?(s3fs|s3|goofys|yas3fs|s3ql|geesefs|riofs|s3backer|mountpoint-s3|mount-s3)$`, trim_space(val))
}

# --- s3:// paths and bucket ARNs in volume and mount fields -------------------

# Fields by the volume configuration that holds them: a volume has one
# configuration, so only its own fields are looked at.
_volume_fields := {
	"host": ["sourcePath"],
	"efsVolumeConfiguration": ["fileSystemId", "rootDirectory"],
	"fsxWindowsFileServerVolumeConfiguration": ["fileSystemId", "rootDirectory"],
}

report contains {
	"message": sprintf("volume %s sets %s.%s to an S3 location; ECS cannot mount an S3 bucket as a volume", [volumes.display_name(v, i), config, field]),
	"path": ["resource", "volumes", i, config, field],
} if {
	some i, v in input.resource.volumes
	some config, fields in _volume_fields
	settings := v[config]
	some field in fields
	volumes.is_s3_reference(settings[field])
	not volumes.is_s3files(v)
}

report contains {
	"message": sprintf("container %s has a mount point whose %s is an S3 location; ECS cannot mount an S3 bucket", [containers.display_name(c, ci), key]),
	"path": ["resource", "containerDefinitions", ci, "mountPoints", j, key],
} if {
	some ci, c in input.resource.containerDefinitions
	some j, mp in c.mountPoints
	some key in ["sourceVolume", "containerPath"]

	# Every S3 reference is a string with a "3" in it (s3://, arn:aws:s3...):
	# this rules out nearly every value before the call.
	x := mp[key]
	is_string(x)
	contains(x, "3")
	volumes.is_s3_reference(x)

	# Kept from the earlier screen of the container's whole list, which
	# decides the (?i) edge cases (a Unicode "ſ" matching "s").
	contains(lower(json.marshal(c.mountPoints)), "s3")
}

# --- Host paths where the instance mounts a bucket with a FUSE tool ----------

report contains {
	"message": sprintf("volume %s bind-mounts host path %q, which looks like an S3 bucket mounted on the instance with a FUSE tool; ECS does not support S3 buckets as volumes, and the path must exist on every instance", [volumes.display_name(v, i), p]),
	"path": ["resource", "volumes", i, "host", "sourcePath"],
} if {
	some i, v in input.resource.volumes
	p := v.host.sourcePath
	is_string(p)
	not volumes.is_s3files(v)

	# A path segment (between "/" or "\\") named for an S3 FUSE tool.
	regex.match(`(?i)(^|[/\\])(s3fs|goofys|yas3fs|s3ql|geesefs|s3backer|mountpoint-s3|mount-s3)([._-][^/\\\n]*)?([/\\]|$)`, p)
	not volumes.is_s3_reference(p)
}

# --- FUSE mounts of S3 inside a container -------------------------------------

report contains {
	"message": sprintf("container %s mounts S3 with FUSE (%s, %s); ECS does not support S3 buckets as volumes, and Fargate allows neither", [containers.display_name(c, ci), _fuse_access(c), _s3_hint(c)]),
	"path": _fuse_path(ci, c),
} if {
	some ci, c in input.resource.containerDefinitions
	_fuse_capable(c)
	_s3_hint(c)
}

# One body with else (one call per container instead of three): privileged,
# else /dev/fuse with SYS_ADMIN.
_fuse_capable(c) if {
	c.privileged == true
} else if {
	some d in c.linuxParameters.devices
	volumes.normalize_path(d.hostPath) == "/dev/fuse"
	_sys_admin(c)
}

_fuse_device(c) if {
	some d in c.linuxParameters.devices
	volumes.normalize_path(d.hostPath) == "/dev/fuse"
}

_sys_admin(c) if {
	some cap in c.linuxParameters.capabilities.add
	upper(cap) in {"SYS_ADMIN", "CAP_SYS_ADMIN", "ALL"}
}

_fuse_access(c) := "privileged" if c.privileged == true

_fuse_access(c) := "/dev/fuse with SYS_ADMIN" if {
	not c.privileged == true
	_fuse_device(c)
}

_fuse_path(ci, c) := ["resource", "containerDefinitions", ci, "linuxParameters", "devices", k] if {
	k := min([k |
		some k, d in c.linuxParameters.devices
		volumes.normalize_path(d.hostPath) == "/dev/fuse"
	])
} else := ["resource", "containerDefinitions", ci, "privileged"]

# Evidence that the FUSE mount is for S3: the image or the command names an
# S3 FUSE client or an S3 location, or an environment variable names a
# bucket. Only variable names are reported, never values.
_s3_hint(c) := _s3_hints(c)[0]

_s3_hints(c) := array.concat(
	array.concat(
		["the image is an S3 FUSE client" | _fuse_tool_in(c.image)],
		["the command runs an S3 FUSE client" | some arg in _args(c); _fuse_tool_in(arg)],
	),
	array.concat(
		["the command passes an S3 location" | some arg in _args(c); regex.match(`(?i)(^|[\s='"])s3[an]?://`, arg)],
		sort([sprintf("environment variable %q refers to an S3 bucket", [e.name]) |
			some e in c.environment
			is_string(e.name)
			_s3_env(e)
		]),
	),
)

_args(c) := [a | some a in array.concat(_list(c, "entryPoint"), _list(c, "command")); is_string(a)]

_list(c, k) := l if {
	l := object.get(c, k, [])
	is_array(l)
} else := []

# S3-specific FUSE clients; rclone and other multi-cloud clients are not
# evidence on their own. Only the literal parts count: ${S3FS_IMAGE} names
# a variable, not a client.
_fuse_tool_in(s) if {
	is_string(s)
	regex.match(`(?i)(s3fs|goofys|yas3fs|s3ql|geesefs|s3backer|mountpoint-s3|mount-s3)`, values.literal(s))
}

# Every alternative contains "3".
_s3_env(e) if {
	contains(e.name, "3")
	regex.match(`(?i)(s3fs|s3_?bucket|bucket_?s3|mountpoint_?s3)`, e.name)
}

_s3_env(e) if volumes.is_s3_reference(e.value)

# --- Helpers -------------------------------------------------------------------
