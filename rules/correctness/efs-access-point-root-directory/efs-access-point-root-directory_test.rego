package ecslint.rules.correctness["efs-access-point-root-directory_test"]

import data.ecslint.rules.correctness["efs-access-point-root-directory"] as rule

_efs(name, cfg) := {"name": name, "efsVolumeConfiguration": object.union(
	{"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED"},
	cfg,
)}

_s3f(name, cfg) := {"name": name, "s3filesVolumeConfiguration": object.union(
	{"fileSystemArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0"},
	cfg,
)}

_ap := {"accessPointId": "fsap-0123456789abcdef0", "iam": "ENABLED"}

_in(vols) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": {"family": "app", "containerDefinitions": [{"name": "app", "image": "app:1"}], "volumes": vols},
	"related": {"services": [], "instanceRoles": []},
}

test_fail_access_point_with_root_directory if {
	r := rule.report with input as _in([_efs("data", {"rootDirectory": "/data", "authorizationConfig": _ap})])
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "efsVolumeConfiguration", "rootDirectory"]
	contains(f.message, `"/data"`)
}

test_fail_relative_root_directory if {
	r := rule.report with input as _in([{"name": "x", "host": {}}, _efs("data", {"rootDirectory": "data", "authorizationConfig": _ap})])
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 1, "efsVolumeConfiguration", "rootDirectory"]
}

test_fail_s3files_access_point_with_root_directory if {
	r := rule.report with input as _in([_s3f("data", {
		"rootDirectory": "/reports",
		"accessPointArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0/access-point/fsap-0123456789abcdef0",
	})])
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "s3filesVolumeConfiguration", "rootDirectory"]
}

test_pass_root_slash if {
	r := rule.report with input as _in([_efs("data", {"rootDirectory": "/", "authorizationConfig": _ap})])
	count(r) == 0
}

test_pass_root_omitted if {
	r := rule.report with input as _in([_efs("data", {"authorizationConfig": _ap})])
	count(r) == 0
}

test_pass_root_empty if {
	r := rule.report with input as _in([_efs("data", {"rootDirectory": "", "authorizationConfig": _ap})])
	count(r) == 0
}

test_pass_root_without_access_point if {
	r := rule.report with input as _in([_efs("data", {"rootDirectory": "/data", "authorizationConfig": {"iam": "ENABLED"}})])
	count(r) == 0
}

test_pass_empty_access_point if {
	r := rule.report with input as _in([_efs("data", {"rootDirectory": "/data", "authorizationConfig": {"accessPointId": ""}})])
	count(r) == 0
}

test_pass_placeholder_root if {
	r := rule.report with input as _in([_efs("data", {"rootDirectory": "${root_dir}", "authorizationConfig": _ap})])
	count(r) == 0
}

test_pass_s3files_root_without_access_point if {
	r := rule.report with input as _in([_s3f("data", {"rootDirectory": "/reports"})])
	count(r) == 0
}

# A root directory with a placeholder is judged on its literal part:
# "/data/${DIR}" is below /data, never "/"; "/${DIR}" and "${ROOT}" may be.
test_templated_root_directories if {
	every d in ["${ROOT_DIR}", "/${DIR}", "{{ .Root }}", "/data/${DIR}/.."] {
		count(rule.report) == 0 with input as _in([_efs("data", {"rootDirectory": d, "authorizationConfig": _ap})])
	}
	every d in ["/data/${DIR}", "/srv/{{ .App }}", "/data"] {
		count(rule.report) == 1 with input as _in([_efs("data", {"rootDirectory": d, "authorizationConfig": _ap})])
	}
}
