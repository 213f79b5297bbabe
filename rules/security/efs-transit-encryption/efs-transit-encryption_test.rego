package ecslint.rules.security["efs-transit-encryption_test"]

import data.ecslint.rules.security["efs-transit-encryption"] as rule

_efs(name, cfg) := {"name": name, "efsVolumeConfiguration": object.union({"fileSystemId": "fs-0123456789abcdef0"}, cfg)}

_td(vols) := {
	"family": "app",
	"containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27"}],
	"volumes": vols,
}

_in(td) := {"kind": "TaskDefinition", "name": "app:1", "resource": td, "related": {"services": [], "instanceRoles": []}}

test_fail_transit_disabled if {
	r := rule.report with input as _in(_td([_efs("data", {"transitEncryption": "DISABLED"})]))
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "efsVolumeConfiguration", "transitEncryption"]
	contains(f.message, `"data"`)
}

test_fail_transit_absent_points_at_config if {
	r := rule.report with input as _in(_td([_efs("data", {})]))
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "efsVolumeConfiguration", "transitEncryption"]
	contains(f.message, "default is DISABLED")
}

# Checkov CKV_AWS_97 stops at the first EFS volume; every volume is checked.
test_fail_second_volume if {
	r := rule.report with input as _in(_td([
		{"name": "scratch", "host": {}},
		_efs("ok", {"transitEncryption": "ENABLED"}),
		_efs("bad", {"transitEncryption": "DISABLED"}),
	]))
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 2, "efsVolumeConfiguration", "transitEncryption"]
}

test_fail_two_volumes if {
	r := rule.report with input as _in(_td([_efs("a", {}), _efs("b", {"transitEncryption": "DISABLED"})]))
	count(r) == 2
}

test_fail_unnamed_volume if {
	r := rule.report with input as _in(_td([{"efsVolumeConfiguration": {"fileSystemId": "fs-1"}}]))
	count(r) == 1
	some f in r
	contains(f.message, "volumes[0]")
}

test_pass_enabled if {
	r := rule.report with input as _in(_td([_efs("data", {"transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED"}})]))
	count(r) == 0
}

test_pass_no_efs if {
	r := rule.report with input as _in(_td([{"name": "scratch", "host": {}}, {"name": "d", "dockerVolumeConfiguration": {"scope": "task", "driver": "local"}}]))
	count(r) == 0
}

test_pass_no_volumes if {
	r := rule.report with input as _in(json.remove(_td([]), ["volumes"]))
	count(r) == 0
}

test_pass_placeholder if {
	r := rule.report with input as _in(_td([_efs("data", {"transitEncryption": "${transit_encryption}"})]))
	count(r) == 0
}

test_pass_skeleton if {
	r := rule.report with input as _in(_td([{"name": "", "efsVolumeConfiguration": {"fileSystemId": "", "transitEncryption": "DISABLED"}}]))
	count(r) == 0
}

# Fully templated, partly templated and literal transitEncryption values:
# only a literal value other than ENABLED is judged.
test_templated_values if {
	every te in ["${TRANSIT}", "{{ .Transit }}", "EN${ABLED}"] {
		count(rule.report) == 0 with input as _in(_td([_efs("data", {"transitEncryption": te})]))
	}
	count(rule.report) == 1 with input as _in(_td([_efs("data", {"transitEncryption": "DISABLED"})]))
	count(rule.report) == 0 with input as _in(_td([_efs("data", {"fileSystemId": "${FS_ID}", "transitEncryption": "ENABLED"})]))
	count(rule.report) == 1 with input as _in(_td([_efs("data", {"fileSystemId": "${FS_ID}"})]))
}
