package ecslint.rules.correctness["no-s3-volume_test"]

import data.ecslint.lib.volumes
import data.ecslint.rules.correctness["no-s3-volume"] as rule

_app := {"name": "app", "image": "app:1", "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]}

_in(containers, vols) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": {"family": "app", "requiresCompatibilities": ["EC2"], "containerDefinitions": containers, "volumes": vols},
	"related": {"services": [], "instanceRoles": []},
}

_docker(cfg) := {"name": "data", "dockerVolumeConfiguration": object.union({"scope": "shared", "autoprovision": true}, cfg)}

# --- must fire -----------------------------------------------------------------

test_fail_rexray_s3fs if {
	r := rule.report with input as _in([_app], [_docker({"driver": "rexray/s3fs", "driverOpts": {"bucket": "my-bucket"}})])
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "dockerVolumeConfiguration", "driver"]
	contains(f.message, "rexray/s3fs")
}

test_fail_other_s3_drivers if {
	drivers := ["s3fs", "rexray/s3fs:0.11.4", "elementar/s3-volume", "mochoa/s3fs-volume-plugin", "goofys", "yas3fs", "mountpoint-s3"]
	every d in drivers {
		count(rule.report) == 1 with input as _in([_app], [_docker({"driver": d})])
	}
}

test_fail_driver_option_bucket if {
	r := rule.report with input as _in([_app], [_docker({"driver": "rclone", "driverOpts": {"remote": "store:reports", "s3.bucket": "reports"}})])
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "dockerVolumeConfiguration", "driverOpts", "s3.bucket"]
}

test_fail_driver_option_values if {
	opts := [
		{"type": "fuse", "device": "s3fs#my-bucket", "o": "allow_other"},
		{"type": "fuse.s3fs", "device": "my-bucket"},
		{"type": "s3", "remote": "reports"},
		{"source": "s3://my-bucket/prefix"},
		{"bucket": "arn:aws:s3:::my-bucket"},
	]
	every o in opts {
		count(rule.report) == 1 with input as _in([_app], [_docker({"driver": "local", "driverOpts": o})])
	}
}

test_fail_s3_url_source_path if {
	r := rule.report with input as _in([_app], [{"name": "data", "host": {"sourcePath": "s3://my-bucket/data"}}])
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "host", "sourcePath"]
}

test_fail_bucket_arn_in_efs_field if {
	r := rule.report with input as _in([_app], [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "arn:aws:s3:::my-bucket"}}])
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "efsVolumeConfiguration", "fileSystemId"]
}

test_fail_s3_url_in_mount_point if {
	c := object.union(_app, {"mountPoints": [{"sourceVolume": "data", "containerPath": "s3://my-bucket"}]})
	r := rule.report with input as _in([c], [{"name": "data", "host": {}}])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "mountPoints", 0, "containerPath"]
}

test_fail_host_path_of_s3fs_mount if {
	r := rule.report with input as _in([_app], [{"name": "data", "host": {"sourcePath": "/mnt/s3fs/reports"}}])
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "host", "sourcePath"]
}

test_fail_fuse_device_sys_admin_s3fs_image if {
	c := {
		"name": "s3",
		"image": "efrecon/s3fs:1.94",
		"linuxParameters": {
			"capabilities": {"add": ["SYS_ADMIN"]},
			"devices": [{"hostPath": "/dev/fuse", "containerPath": "/dev/fuse", "permissions": ["read", "write", "mknod"]}],
		},
		"environment": [{"name": "AWS_S3_BUCKET", "value": "my-bucket"}],
	}
	r := rule.report with input as _in([c], [])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "linuxParameters", "devices", 0]
	contains(f.message, "image")
	not contains(f.message, "my-bucket")
}

test_fail_privileged_mount_s3_command if {
	c := {
		"name": "app",
		"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1",
		"privileged": true,
		"command": ["sh", "-c", "mount-s3 my-bucket /mnt/data && exec /app"],
	}
	r := rule.report with input as _in([c], [])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "privileged"]
}

test_fail_fuse_bucket_env if {
	c := {
		"name": "app",
		"image": "app:1",
		"linuxParameters": {"capabilities": {"add": ["ALL"]}, "devices": [{"hostPath": "/dev/fuse"}]},
		"environment": [{"name": "S3_BUCKET", "value": "my-bucket"}],
	}
	r := rule.report with input as _in([c], [])
	count(r) == 1
	some f in r
	contains(f.message, `"S3_BUCKET"`)
}

# --- must not fire ---------------------------------------------------------------

test_pass_s3files_volume if {
	vol := {"name": "data", "s3filesVolumeConfiguration": {
		"fileSystemArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0",
		"accessPointArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0/access-point/fsap-0123456789abcdef0",
	}}
	r := rule.report with input as _in([_app], [vol])
	count(r) == 0
}

test_pass_environment_files if {
	c := object.union(_app, {"environmentFiles": [{"value": "arn:aws:s3:::my-bucket/app.env", "type": "s3"}]})
	r := rule.report with input as _in([c], [{"name": "data", "host": {}}])
	count(r) == 0
}

test_pass_firelens_s3_config_and_output if {
	router := {
		"name": "log_router",
		"image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
		"firelensConfiguration": {"type": "fluentbit", "options": {"config-file-type": "s3", "config-file-value": "arn:aws:s3:::my-bucket/extra.conf"}},
		"environment": [{"name": "aws_fluent_bit_init_s3_1", "value": "arn:aws:s3:::my-bucket/fluent-bit.conf"}],
	}
	app := object.union(_app, {"logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "s3", "bucket": "my-logs", "region": "us-east-1"}}})
	r := rule.report with input as _in([router, app], [{"name": "data", "host": {}}])
	count(r) == 0
}

test_pass_credential_spec_on_s3 if {
	c := object.union(_app, {
		"credentialSpecs": ["credentialspecdomainless:arn:aws:s3:::my-bucket/gmsa.json"],
		"dockerSecurityOptions": ["credentialspec:arn:aws:s3:::my-bucket/gmsa.json"],
	})
	r := rule.report with input as _in([c], [{"name": "data", "host": {}}])
	count(r) == 0
}

test_pass_s3_url_in_command_without_fuse if {
	c := object.union(_app, {"command": ["--model_base_path=s3://my-bucket/models/"], "environment": [{"name": "S3_BUCKET", "value": "my-bucket"}]})
	r := rule.report with input as _in([c], [{"name": "data", "host": {}}])
	count(r) == 0
}

test_pass_fuse_without_s3 if {
	c := {
		"name": "sshfs",
		"image": "example/sshfs:1",
		"linuxParameters": {"capabilities": {"add": ["SYS_ADMIN"]}, "devices": [{"hostPath": "/dev/fuse"}]},
		"command": ["sshfs", "user@host:/data", "/mnt"],
	}
	r := rule.report with input as _in([c], [])
	count(r) == 0
}

test_pass_s3fs_image_without_fuse_access if {
	c := {"name": "s3", "image": "efrecon/s3fs:1.94", "linuxParameters": {"capabilities": {"add": ["SYS_ADMIN"]}}}
	r := rule.report with input as _in([c], [])
	count(r) == 0
}

test_pass_ordinary_volumes if {
	vols := [
		{"name": "data", "host": {"sourcePath": "/mnt/data"}},
		{"name": "s3-cache", "host": {"sourcePath": "/var/cache/s3-sync"}},
		_docker({"driver": "local", "driverOpts": {"type": "tmpfs", "device": "tmpfs"}}),
		{"name": "efs", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "rootDirectory": "/s3-export"}},
		{"name": "ebs", "configuredAtLaunch": true},
		_docker({"driver": "rexray/ebs", "driverOpts": {"volumetype": "gp3", "size": "20"}}),
	]
	r := rule.report with input as _in([_app], vols)
	count(r) == 0
}

test_pass_no_volumes if {
	r := rule.report with input as {"kind": "TaskDefinition", "resource": {"family": "app", "containerDefinitions": [{"name": "app", "image": "app:1"}]}}
	count(r) == 0
}

# --- Screens in front of the regexes agree with the regexes alone ------------

_tools := `s3fs|s3|goofys|yas3fs|s3ql|geesefs|riofs|s3backer|mountpoint-s3|mount-s3`

_new_option(k, val) := true if rule._s3_driver_option(k, val) else := false

_old_option(k, val) := true if _orig_option(k, val) else := false

_new_driver(d) := true if rule._s3_driver(d) else := false

_old_driver(d) := true if _orig_driver(d) else := false

_new_env(n) := true if rule._s3_env({"name": n, "value": "v"}) else := false

_option_keys := [
	"bucket", "BUCKET", "bucKet", "s3.bucket", "aws-bucket-name", "s3bucketname", "my-bucket", "buckets",
	"s3.endpoint", "S3FS_opts", "ſ3.endpoint", "s3", "s3fs", "o", "type", "device", "",
]

_option_values := [
	"s3fs#bucket", " goofys#b", "S3BACKER#x", "yas3fs#", "rclone#b", "#", "fuse.s3fs", "s3", "FUSE.GOOFYS",
	"fuse.riofs", "rclone", "s3://bucket", "arn:aws:s3:::b", "/mnt/s3", "", 5, null,
]

test_driver_option_screens_match_regexes if {
	every k in _option_keys {
		_new_option(k, "x") == _old_option(k, "x")
	}
	every k in ["type", "o", "device"] {
		every val in _option_values {
			_new_option(k, val) == _old_option(k, val)
		}
	}

	# The Kelvin sign folds to k under (?i) and lower() maps it to k too.
	rule._s3_driver_option("bucKet", "x")
}

_orig_option(k, _) if regex.match(`(?i)^((s3|aws)[._-]?)?bucket([._-]?name)?$`, k)

_orig_option(k, _) if regex.match(`(?i)^s3(fs)?[._-]`, k)

_orig_option(_, val) if volumes.is_s3_reference(val)

_orig_option(_, val) if {
	is_string(val)
	regex.match(`(?i)^(s3fs|goofys|yas3fs|s3backer)#`, trim_space(val))
}

_orig_option(k, val) if {
	lower(k) == "type"
	is_string(val)
	regex.match(sprintf(`(?i)^(fuse\.)?(%s)$`, [_tools]), trim_space(val))
}

test_driver_regex_matches_sprintf_pattern if {
	every d in ["rexray/s3fs", "s3fs:latest", "GOOFYS", "mountpoint-s3-csi", "riofs", "local", "rexray/ebs", "s3-like", "xs3", "ns3x", 3] {
		_new_driver(d) == _old_driver(d)
	}
}

_orig_driver(driver) if {
	is_string(driver)
	name := lower(split(trim_space(driver), ":")[0])
	regex.match(sprintf(`(^|[/_.-])(%s)($|[/_.-])`, [_tools]), name)
}

test_env_screen_matches_regex if {
	every n in ["S3_BUCKET", "bucket_s3", "S3FS_PASSWD", "MOUNTPOINT_S3", "ſ3FS", "BUCKET", "AWS_REGION", "X3"] {
		_new_env(n) == regex.match(`(?i)(s3fs|s3_?bucket|bucket_?s3|mountpoint_?s3)`, n)
	}
}

# The whole-list screen of mount points stays the last word: "ſ3://" is an
# S3 reference under (?i) but the list contains no "s3".
test_pass_mount_point_long_s_only if {
	c := {"name": "app", "image": "app:1", "mountPoints": [{"sourceVolume": "ſ3://bucket", "containerPath": "/data"}]}
	count(rule.report) == 0 with input as _in([c], [])
}

test_fail_mount_point_long_s_with_s3_elsewhere if {
	c := {"name": "app", "image": "app:1", "mountPoints": [{"sourceVolume": "ſ3://bucket", "containerPath": "/s3data"}]}
	r := rule.report with input as _in([c], [])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "mountPoints", 0, "sourceVolume"]
}

# S3 locations and FUSE clients judged on their literal parts: a
# placeholder named for a client is not one; s3://${BUCKET} is S3.
test_templated_values if {
	count(rule.report) == 0 with input as _in([_app], [{"name": "data", "host": {"sourcePath": "${S3FS_MOUNT}"}}])
	count(rule.report) == 1 with input as _in([_app], [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "s3://${BUCKET}"}}])
	count(rule.report) == 1 with input as _in([_app], [{"name": "data", "host": {"sourcePath": "/mnt/s3fs/${BUCKET}"}}])
	count(rule.report) == 0 with input as _in([{"name": "fuse", "image": "${S3FS_IMAGE}", "privileged": true}], [])
	count(rule.report) == 1 with input as _in([{"name": "fuse", "image": "registry.example.com/s3fs:${TAG}", "privileged": true}], [])
}
