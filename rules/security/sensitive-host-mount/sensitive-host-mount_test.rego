package ecslint.rules.security["sensitive-host-mount_test"]

import data.ecslint.rules.security["sensitive-host-mount"] as rule

_in(vols, mounts) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": {
		"family": "app",
		"containerDefinitions": [{"name": "app", "image": "app:1", "mountPoints": [{"sourceVolume": m, "containerPath": "/mnt"} | some m in mounts]}],
		"volumes": vols,
	},
	"related": {"services": [], "instanceRoles": []},
}

_host(name, p) := {"name": name, "host": {"sourcePath": p}}

test_fail_docker_socket_critical if {
	r := rule.report with input as _in([_host("docker", "/var/run/docker.sock")], ["docker"])
	count(r) == 1
	some f in r
	f.severity == "critical"
	f.path == ["resource", "volumes", 0, "host", "sourcePath"]
	contains(f.message, "Docker daemon socket")
	contains(f.message, `container "app"`)
}

test_fail_docker_socket_run_and_trailing_slash if {
	r := rule.report with input as _in([_host("a", "/run/docker.sock"), _host("b", "//var/run/./docker.sock")], ["a", "b"])
	count(r) == 2
	every f in r {
		f.severity == "critical"
	}
}

test_fail_windows_docker_pipe if {
	r := rule.report with input as _in([_host("pipe", `\\.\pipe\docker_engine`)], ["pipe"])
	count(r) == 1
	some f in r
	f.severity == "critical"
}

test_fail_sensitive_directories_high if {
	paths := ["/", "/etc", "/proc/", "/sys", "/dev", "/boot", "/var/run", "/run", "/var/lib/docker", "/root", "/home", "/var/lib/ecs/data", "/etc/ecs"]
	vols := [_host(sprintf("v%d", [i]), p) | some i, p in paths]
	r := rule.report with input as _in(vols, [v.name | some v in vols])
	count(r) == count(paths)
	every f in r {
		not f.severity
	}
}

test_fail_dot_dot_resolved if {
	r := rule.report with input as _in([_host("x", "/opt/../etc")], ["x"])
	count(r) == 1
}

test_fail_docker_data_subdirectory if {
	r := rule.report with input as _in([_host("logs", "/var/lib/docker/containers")], ["logs"])
	count(r) == 1
	some f in r
	contains(f.message, "Docker's data directory")
}

test_fail_user_home if {
	r := rule.report with input as _in([_host("home", "/home/ec2-user")], ["home"])
	count(r) == 1
}

test_fail_local_driver_bind if {
	vol := {"name": "docker", "dockerVolumeConfiguration": {"scope": "task", "driver": "local", "driverOpts": {"type": "none", "o": "bind", "device": "/var/run/docker.sock"}}}
	r := rule.report with input as _in([vol], ["docker"])
	count(r) == 1
	some f in r
	f.path == ["resource", "volumes", 0, "dockerVolumeConfiguration", "driverOpts", "device"]
	f.severity == "critical"
}

test_fail_names_every_container if {
	inp := _in([_host("etc", "/etc")], ["etc"])
	td := object.union(inp.resource, {"containerDefinitions": array.concat(
		inp.resource.containerDefinitions,
		[{"name": "sidecar", "image": "s:1", "mountPoints": [{"sourceVolume": "etc", "containerPath": "/host-etc", "readOnly": true}]}],
	)})
	r := rule.report with input as object.union(inp, {"resource": td})
	count(r) == 1
	some f in r
	contains(f.message, `containers "app", "sidecar"`)
}

test_pass_not_mounted if {
	r := rule.report with input as _in([_host("docker", "/var/run/docker.sock")], [])
	count(r) == 0
}

test_pass_ordinary_paths if {
	paths := ["/data", "/var/log", "/sys/fs/cgroup", "/cgroup", "/etc/ssl/certs", "/dev/shm", "/opt/app", "/ecs/data", "/home/ec2-user/videos", "/var/lib/app", "/srv"]
	vols := [_host(sprintf("v%d", [i]), p) | some i, p in paths]
	r := rule.report with input as _in(vols, [v.name | some v in vols])
	count(r) == 0
}

test_pass_empty_host_and_other_types if {
	vols := [
		{"name": "a", "host": {}},
		{"name": "b"},
		{"name": "c", "host": {"sourcePath": ""}},
		{"name": "d", "efsVolumeConfiguration": {"fileSystemId": "fs-1", "rootDirectory": "/"}},
		{"name": "e", "dockerVolumeConfiguration": {"scope": "task", "driver": "local", "driverOpts": {"type": "tmpfs", "device": "tmpfs"}}},
	]
	r := rule.report with input as _in(vols, ["a", "b", "c", "d", "e"])
	count(r) == 0
}

test_pass_placeholder if {
	r := rule.report with input as _in([_host("x", "${host_path}")], ["x"])
	count(r) == 0
}

# Fully templated paths are unknown; partly templated ones are judged on
# the literal part before the placeholder (inside a sensitive tree, or not
# known to be); literal paths as written.
test_templated_paths if {
	every p in ["${HOST_PATH}", "{{ .DockerSocket }}", "/var/run/${SOCKET}", "/data/${APP}", "/var/lib/docker/${DIR}/../.."] {
		count(rule.report) == 0 with input as _in([_host("v", p)], ["v"])
	}
	every p in ["/var/lib/docker/${DIR}", "/etc/ecs/{{ .File }}", "/root/$USER_DIR/.ssh", "/var/run/docker.sock"] {
		count(rule.report) == 1 with input as _in([_host("v", p)], ["v"])
	}
	some f in rule.report with input as _in([_host("v", "/var/lib/docker/${DIR}")], ["v"])
	contains(f.message, "inside Docker's data directory")
	not f.severity
}
