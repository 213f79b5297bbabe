package ecslint.lib.volumes_test

import data.ecslint.lib.arn
import data.ecslint.lib.volumes

_efs(cfg) := {"name": "data", "efsVolumeConfiguration": object.union({"fileSystemId": "fs-0123456789abcdef0"}, cfg)}

test_efs_defaults_disabled if {
	v := _efs({})
	volumes.is_efs(v)
	not volumes.efs_transit_encrypted(v)
	not volumes.efs_iam_enabled(v)
	not volumes.efs_access_point(v)
}

test_efs_enabled if {
	v := _efs({"transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED", "accessPointId": "fsap-0123456789abcdef0"}})
	volumes.efs_transit_encrypted(v)
	volumes.efs_iam_enabled(v)
	volumes.efs_access_point(v)
}

test_efs_empty_access_point_is_unset if {
	not volumes.efs_access_point(_efs({"authorizationConfig": {"accessPointId": ""}}))
}

test_efs_unresolved if {
	volumes.efs_transit_unresolved(_efs({"transitEncryption": "${te}"}))
	volumes.efs_iam_unresolved(_efs({"authorizationConfig": {"iam": "${iam}"}}))
	not volumes.efs_transit_unresolved(_efs({}))
	volumes.efs_iam_unresolved(_efs({"authorizationConfig": "${AUTHORIZATION}"}))
	volumes.efs_iam_unresolved(_efs({"authorizationConfig": {"Fn::If": ["Iam", {"iam": "ENABLED"}, {}]}}))
	not volumes.efs_iam_unresolved(_efs({"authorizationConfig": {}}))
}

test_not_efs if {
	not volumes.is_efs({"name": "x", "host": {}})
	not volumes.is_efs({"name": "x"})
}

test_s3files if {
	v := {"name": "s", "s3filesVolumeConfiguration": {"fileSystemArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0"}}
	volumes.is_s3files(v)
	not volumes.s3files_access_point(v)
	not volumes.is_s3files({"name": "x"})
}

test_has_source_path if {
	volumes.has_source_path({"name": "x", "host": {"sourcePath": "/data"}})
	volumes.has_source_path({"name": "x", "host": {"sourcePath": "${path}"}})
	not volumes.has_source_path({"name": "x", "host": {}})
	not volumes.has_source_path({"name": "x", "host": {"sourcePath": ""}})
	not volumes.has_source_path({"name": "x"})
}

test_bind_sources if {
	volumes.bind_sources_of({"name": "x", "host": {"sourcePath": "/data"}}) == {[["host", "sourcePath"], "/data"]}
	volumes.bind_sources_of({"name": "x", "dockerVolumeConfiguration": {"driver": "local", "driverOpts": {"type": "none", "o": "bind", "device": "/srv"}}}) == {[["dockerVolumeConfiguration", "driverOpts", "device"], "/srv"]}
	volumes.bind_sources_of({"name": "x", "dockerVolumeConfiguration": {"driverOpts": {"o": "ro,rbind", "device": "/srv"}}}) == {[["dockerVolumeConfiguration", "driverOpts", "device"], "/srv"]}
	count(volumes.bind_sources_of({"name": "x", "dockerVolumeConfiguration": {"driver": "local", "driverOpts": {"type": "tmpfs", "device": "tmpfs"}}})) == 0
	count(volumes.bind_sources_of({"name": "x", "dockerVolumeConfiguration": {"driver": "rexray/ebs", "driverOpts": {"o": "bind", "device": "/srv"}}})) == 0
	count(volumes.bind_sources_of({"name": "x", "host": {}})) == 0
}

test_mounted_by if {
	td := {"containerDefinitions": [
		{"name": "a", "mountPoints": [{"sourceVolume": "v", "containerPath": "/v"}]},
		{"name": "b", "mountPoints": [{"sourceVolume": "w", "containerPath": "/w"}]},
		{"name": "c"},
	]}
	volumes.mounted_by(td, "v") == {"a"}
	volumes.mounted_by(td, "z") == set()
}

test_normalize_linux if {
	volumes.normalize_path("/var/run/docker.sock") == "/var/run/docker.sock"
	volumes.normalize_path("/var/run/") == "/var/run"
	volumes.normalize_path("//etc//") == "/etc"
	volumes.normalize_path("/") == "/"
	volumes.normalize_path("/./etc/.") == "/etc"
	volumes.normalize_path("/var/lib/../run") == "/var/run"
	volumes.normalize_path("/a/b/../..") == "/"
	volumes.normalize_path("/a/b/../c") == "/a/c"
	volumes.normalize_path("/../../etc") == "/etc"
}

test_normalize_windows if {
	volumes.normalize_path(`C:\ProgramData\Docker\`) == "c:/programdata/docker"
	volumes.normalize_path(`C:\`) == "c:/"
	volumes.normalize_path(`\\.\pipe\docker_engine`) == `\\.\pipe\docker_engine`
	volumes.normalize_path("//./pipe/docker_engine") == "//./pipe/docker_engine"
}

test_is_s3_reference if {
	volumes.is_s3_reference("s3://bucket/prefix")
	volumes.is_s3_reference("S3A://bucket")
	volumes.is_s3_reference("arn:aws:s3:::bucket")
	volumes.is_s3_reference("arn:aws-cn:s3:::bucket/key")
	volumes.is_s3_reference("arn:aws:s3:us-east-1:123456789012:accesspoint/ap")
	not volumes.is_s3_reference("arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0")
	not volumes.is_s3_reference("/mnt/s3")
	not volumes.is_s3_reference("fs-0123456789abcdef0")
	not volumes.is_s3_reference({"Ref": "Bucket"})
}

test_display_name if {
	volumes.display_name({"name": "data"}, 0) == `"data"`
	volumes.display_name({"name": ""}, 2) == "volumes[2]"
	volumes.display_name({}, 1) == "volumes[1]"
	volumes.display_name({"name": {"Ref": "X"}}, 1) == "volumes[1]"
}

test_skeleton_is_not_a_volume if {
	not volumes.is_efs({"name": "", "efsVolumeConfiguration": {"fileSystemId": "", "transitEncryption": "DISABLED"}})
	not volumes.is_s3files({"name": "", "s3filesVolumeConfiguration": {"fileSystemArn": ""}})
	volumes.is_efs({"name": "x", "efsVolumeConfiguration": {}})
}

# is_s3_reference screens on "3" before the regex and the ARN parse: it must
# agree with the original two-body definition on every value, including
# case-folding edge cases ("ſ" matches s under (?i)).
_s3_reference_cases := [
	"s3://bucket/key", "S3://bucket", "  s3a://b", "s3n://b", "ſ3://bucket", "s4://b",
	"arn:aws:s3:::bucket", "arn:aws:S3:::bucket/key", "arn:aws-cn:s3express:cn-north-1:123456789012:bucket/b",
	"arn:aws:s3-outposts:us-east-1:123456789012:outpost/o", "arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/a",
	"arn:aws:s3files:us-east-1:123456789012:file-system/fs-1", "arn:aws:iam::123456789012:role/s3", " arn:aws:s3:::b ",
	"/mnt/s3", "bucket", "", "3", "arn:", 3, null, {"Ref": "Bucket"}, ["s3://b"],
]

_orig_is_s3_reference(s) if {
	is_string(s)
	regex.match(`(?i)^\s*s3[an]?://`, s)
}

_orig_is_s3_reference(s) if {
	is_string(s)
	contains(s, "arn:")
	a := arn.parse(trim_space(s))
	a != false
	lower(a.service) in {"s3", "s3-outposts", "s3-object-lambda", "s3express"}
}

_bool_new(s) := true if volumes.is_s3_reference(s) else := false

_bool_orig(s) := true if _orig_is_s3_reference(s) else := false

test_is_s3_reference_matches_original if {
	every s in _s3_reference_cases {
		_bool_new(s) == _bool_orig(s)
	}
	volumes.is_s3_reference("ſ3://bucket")
	not volumes.is_s3_reference("arn:aws:s3files:us-east-1:123456789012:file-system/fs-1")
}

# known_path: what the literal parts of a host path say.

test_known_path_complete if {
	volumes.known_path("/var/lib/../run/docker.sock") == {"path": "/var/run/docker.sock", "complete": true}
	volumes.known_path("C:\\ProgramData\\Docker") == {"path": "c:/programdata/docker", "complete": true}
}

test_known_path_partial if {
	volumes.known_path("/var/lib/docker/${DIR}") == {"path": "/var/lib/docker", "complete": false}
	volumes.known_path("/var/lib/docker/volumes/{{ .Name }}/_data") == {"path": "/var/lib/docker/volumes", "complete": false}
	volumes.known_path("/data/app-${ENV}") == {"path": "/data", "complete": false}
	volumes.known_path("C:\\ProgramData\\Docker\\${X}") == {"path": "c:/programdata/docker", "complete": false}
}

test_known_path_unknown if {
	not volumes.known_path("${DATA_DIR}/docker.sock")
	not volumes.known_path("/${DIR}")
	not volumes.known_path("/data/${DIR}/../..")
	not volumes.known_path("")
	not volumes.known_path(42)
}
