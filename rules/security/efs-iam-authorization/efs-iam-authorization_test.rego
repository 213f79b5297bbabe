package ecslint.rules.security["efs-iam-authorization_test"]

import data.ecslint.rules.security["efs-iam-authorization"] as rule

_efs(name, cfg) := {"name": name, "efsVolumeConfiguration": object.union({"fileSystemId": "fs-0123456789abcdef0"}, cfg)}

_td(vols) := {
	"family": "app",
	"taskRoleArn": "arn:aws:iam::123456789012:role/app",
	"containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27"}],
	"volumes": vols,
}

_in(td) := {"kind": "TaskDefinition", "name": "app:1", "resource": td, "related": {"services": [], "instanceRoles": []}}

_ap := "fsap-0123456789abcdef0"

test_fail_iam_absent if {
	r := rule.report with input as _in(_td([_efs("data", {"transitEncryption": "ENABLED"})]))
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "efsVolumeConfiguration", "authorizationConfig", "iam"]
	not f.severity
}

test_fail_iam_disabled if {
	r := rule.report with input as _in(_td([_efs("data", {"transitEncryption": "ENABLED", "authorizationConfig": {"iam": "DISABLED"}})]))
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "efsVolumeConfiguration", "authorizationConfig", "iam"]
}

test_fail_access_point_without_iam if {
	r := rule.report with input as _in(_td([_efs("data", {"transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": _ap}})]))
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "efsVolumeConfiguration", "authorizationConfig", "iam"]
}

test_fail_iam_without_transit_is_high if {
	r := rule.report with input as _in(_td([_efs("data", {"authorizationConfig": {"iam": "ENABLED"}})]))
	count(r) == 1
	some f in r
	f.severity == "high"
	f.path == ["resource", "volumes", 0, "efsVolumeConfiguration", "transitEncryption"]
	contains(f.message, "ECS rejects")
}

test_fail_access_point_transit_disabled if {
	r := rule.report with input as _in(_td([_efs("data", {"transitEncryption": "DISABLED", "authorizationConfig": {"iam": "ENABLED", "accessPointId": _ap}})]))
	count(r) == 1
	some f in r
	f.severity == "high"
	f.path == ["resource", "volumes", 0, "efsVolumeConfiguration", "transitEncryption"]
	contains(f.message, "IAM authorization and an access point")
}

# An access point without IAM and without transit encryption: rejected (high)
# and, once fixed, still without IAM authorization (medium).
test_fail_access_point_only_two_findings if {
	r := rule.report with input as _in(_td([_efs("data", {"authorizationConfig": {"accessPointId": _ap}})]))
	count(r) == 2
	count([f | some f in r; f.severity == "high"]) == 1
}

test_fail_each_volume if {
	r := rule.report with input as _in(_td([
		_efs("a", {"transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED"}}),
		_efs("b", {"transitEncryption": "ENABLED"}),
	]))
	count(r) == 1
	some f in r
	f.path[2] == 1
}

test_pass_iam_and_transit if {
	r := rule.report with input as _in(_td([_efs("data", {"transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED", "accessPointId": _ap}})]))
	count(r) == 0
}

test_pass_placeholders if {
	r := rule.report with input as _in(_td([_efs("data", {"transitEncryption": "{{ te }}", "authorizationConfig": {"iam": "${iam}"}})]))
	count(r) == 0
}

# An authorizationConfig left to a template as a whole may enable IAM.
test_pass_authorization_config_unknown if {
	count(rule.report) == 0 with input as _in(_td([_efs("data", {"transitEncryption": "ENABLED", "authorizationConfig": "${EFS_AUTHORIZATION}"})]))
	count(rule.report) == 0 with input as _in(_td([_efs("data", {"transitEncryption": "ENABLED", "authorizationConfig": {"Fn::If": ["Iam", {"iam": "ENABLED"}, {}]}})]))
}

test_pass_not_efs if {
	r := rule.report with input as _in(_td([{"name": "scratch", "host": {}}]))
	count(r) == 0
}

test_pass_skeleton if {
	r := rule.report with input as _in(_td([{"name": "", "efsVolumeConfiguration": {"fileSystemId": "", "transitEncryption": "DISABLED", "authorizationConfig": {"accessPointId": "", "iam": "ENABLED"}}}]))
	count(r) == 0
}

# _needs_transit is one body with else: the same text as the three separate
# bodies it replaced, for every combination.
test_needs_transit_combinations if {
	rule._needs_transit(_efs("a", {"authorizationConfig": {"iam": "ENABLED"}})) == "IAM authorization"
	rule._needs_transit(_efs("b", {"authorizationConfig": {"accessPointId": "fsap-1"}})) == "an access point"
	rule._needs_transit(_efs("c", {"authorizationConfig": {"iam": "enabled", "accessPointId": "fsap-1"}})) == "IAM authorization and an access point"
	not rule._needs_transit(_efs("d", {"authorizationConfig": {"iam": "DISABLED", "accessPointId": ""}}))
	not rule._needs_transit(_efs("e", {}))
}

# Fully templated, partly templated and literal authorizationConfig.iam.
test_templated_values if {
	every iam in ["${EFS_IAM}", "{{ .Iam }}", "EN${ABLED}"] {
		count(rule.report) == 0 with input as _in(_td([_efs("data", {"transitEncryption": "ENABLED", "authorizationConfig": {"iam": iam}})]))
	}
	count(rule.report) == 1 with input as _in(_td([_efs("data", {"transitEncryption": "ENABLED", "authorizationConfig": {"iam": "DISABLED"}})]))
	count(rule.report) == 1 with input as _in(_td([_efs("data", {"fileSystemId": "{{ .Fs }}", "transitEncryption": "ENABLED"})]))
}
