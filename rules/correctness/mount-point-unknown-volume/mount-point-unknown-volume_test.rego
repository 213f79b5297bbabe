package ecslint.rules.correctness["mount-point-unknown-volume_test"]

import data.ecslint.rules.correctness["mount-point-unknown-volume"] as rule

_in(containers, vols) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": {"family": "app", "containerDefinitions": containers, "volumes": vols},
	"related": {"services": [], "instanceRoles": []},
}

_mp(v) := {"sourceVolume": v, "containerPath": "/data"}

test_fail_unknown_volume if {
	r := rule.report with input as _in(
		[{"name": "app", "image": "app:1", "mountPoints": [_mp("data"), _mp("logs")]}],
		[{"name": "data", "host": {}}],
	)
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "mountPoints", 1, "sourceVolume"]
	contains(f.message, `"logs"`)
	contains(f.message, `declared: "data"`)
}

test_fail_no_volumes_declared if {
	r := rule.report with input as {
		"kind": "TaskDefinition",
		"resource": {"family": "app", "containerDefinitions": [{"name": "app", "image": "app:1", "mountPoints": [_mp("data")]}]},
	}
	count(r) == 1
	some f in r
	contains(f.message, "declares no volumes")
}

# Names are case-sensitive.
test_fail_case_mismatch if {
	r := rule.report with input as _in([{"name": "app", "image": "app:1", "mountPoints": [_mp("Data")]}], [{"name": "data"}])
	count(r) == 1
}

test_fail_unknown_volumes_from if {
	r := rule.report with input as _in(
		[
			{"name": "app", "image": "app:1", "volumesFrom": [{"sourceContainer": "sidecar"}, {"sourceContainer": "init"}]},
			{"name": "init", "image": "init:1"},
		],
		[],
	)
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "volumesFrom", 0, "sourceContainer"]
	contains(f.message, `"sidecar"`)
}

test_fail_unnamed_container if {
	r := rule.report with input as _in([{"image": "app:1", "mountPoints": [_mp("x")]}], [])
	count(r) == 1
	some f in r
	contains(f.message, "containerDefinitions[0]")
}

test_pass_all_declared if {
	r := rule.report with input as _in(
		[
			{"name": "app", "image": "app:1", "mountPoints": [_mp("data")], "volumesFrom": [{"sourceContainer": "init", "readOnly": true}]},
			{"name": "init", "image": "init:1", "mountPoints": [_mp("data")]},
		],
		[{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1"}}],
	)
	count(r) == 0
}

test_pass_no_mounts if {
	r := rule.report with input as _in([{"name": "app", "image": "app:1"}], [])
	count(r) == 0
}

test_pass_placeholder_reference if {
	r := rule.report with input as _in([{"name": "app", "image": "app:1", "mountPoints": [_mp("${volume_name}")]}], [{"name": "data"}])
	count(r) == 0
}

test_pass_placeholder_volume_name if {
	r := rule.report with input as _in([{"name": "app", "image": "app:1", "mountPoints": [_mp("data")]}], [{"name": "{{ .VolumeName }}"}])
	count(r) == 0
}

test_pass_placeholder_container_name if {
	r := rule.report with input as _in(
		[{"name": "<PLACEHOLDER>", "image": "app:1"}, {"name": "app", "image": "app:1", "volumesFrom": [{"sourceContainer": "web"}]}],
		[],
	)
	count(r) == 0
}

# generate-cli-skeleton output: every name is "".
test_pass_skeleton if {
	r := rule.report with input as _in(
		[{"name": "", "image": "", "mountPoints": [{"sourceVolume": "", "containerPath": ""}], "volumesFrom": [{"sourceContainer": ""}]}],
		[{"name": ""}],
	)
	count(r) == 0
}
