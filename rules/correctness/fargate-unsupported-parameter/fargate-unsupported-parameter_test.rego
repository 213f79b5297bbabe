package ecslint.rules.correctness["fargate-unsupported-parameter_test"]

import data.ecslint.rules.correctness["fargate-unsupported-parameter"] as rule

_td(extra) := object.union(
	{
		"family": "app",
		"networkMode": "awsvpc",
		"requiresCompatibilities": ["FARGATE"],
		"cpu": "256",
		"memory": "512",
		"containerDefinitions": [{
			"name": "app",
			"image": "app:1",
			"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/app", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app"}},
		}],
	},
	extra,
)

_in(td) := {"kind": "TaskDefinition", "name": "app:1", "resource": td, "related": {"services": [], "instanceRoles": []}}

_report(td) := r if {
	r := rule.report with input as _in(td)
}

_container(extra) := _td({"containerDefinitions": [object.union({"name": "app", "image": "app:1"}, extra)]})

_paths(r) := {f.path | some f in r}

_c0 := ["resource", "containerDefinitions", 0]

test_fail_each_container_parameter_at_its_path if {
	r := _report(_container({
		"privileged": true,
		"disableNetworking": true,
		"links": ["db"],
		"dnsServers": ["10.0.0.2"],
		"dnsSearchDomains": ["example.com"],
		"extraHosts": [{"hostname": "db", "ipAddress": "10.0.0.5"}],
		"dockerSecurityOptions": ["no-new-privileges"],
		"linuxParameters": {
			"devices": [{"hostPath": "/dev/fuse"}],
			"tmpfs": [{"containerPath": "/tmp", "size": 64}],
			"sharedMemorySize": 128,
			"maxSwap": 0,
			"swappiness": 60,
		},
	}))
	count(r) == 12
	_paths(r) == {
		array.concat(_c0, ["privileged"]),
		array.concat(_c0, ["disableNetworking"]),
		array.concat(_c0, ["links"]),
		array.concat(_c0, ["dnsServers"]),
		array.concat(_c0, ["dnsSearchDomains"]),
		array.concat(_c0, ["extraHosts"]),
		array.concat(_c0, ["dockerSecurityOptions"]),
		array.concat(_c0, ["linuxParameters", "devices"]),
		array.concat(_c0, ["linuxParameters", "tmpfs"]),
		array.concat(_c0, ["linuxParameters", "sharedMemorySize"]),
		array.concat(_c0, ["linuxParameters", "maxSwap"]),
		array.concat(_c0, ["linuxParameters", "swappiness"]),
	}
	some f in r
	f.path == array.concat(_c0, ["linuxParameters", "tmpfs"])
	contains(f.message, `container "app" sets linuxParameters.tmpfs`)
}

test_fail_privileged if {
	r := _report(_container({"privileged": true}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "privileged"]
	contains(f.message, "privileged")
	contains(f.message, "can run on Fargate")
}

test_fail_one_finding_per_container if {
	r := _report(_td({"containerDefinitions": [
		{"name": "a", "links": ["b"]},
		{"name": "b", "links": ["a"]},
	]}))
	_paths(r) == {["resource", "containerDefinitions", 0, "links"], ["resource", "containerDefinitions", 1, "links"]}
}

test_fail_task_parameters if {
	r := _report(_td({
		"placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"}],
		"ipcMode": "task",
		"pidMode": "host",
		"inferenceAccelerators": [{"deviceName": "device1", "deviceType": "eia2.medium"}],
		"volumes": [{"name": "share", "fsxWindowsFileServerVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "rootDirectory": "share", "authorizationConfig": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:fsx", "domain": "example.com"}}}],
	}))
	count(r) == 5
	_paths(r) == {
		["resource", "placementConstraints"],
		["resource", "ipcMode"],
		["resource", "pidMode"],
		["resource", "inferenceAccelerators"],
		["resource", "volumes", 0, "fsxWindowsFileServerVolumeConfiguration"],
	}
}

test_fail_capabilities if {
	r := _report(_container({"linuxParameters": {"capabilities": {"add": ["SYS_PTRACE", "NET_ADMIN", "CAP_SYS_ADMIN"], "drop": ["ALL"]}}}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "linuxParameters", "capabilities", "add"]
	contains(f.message, "capabilities NET_ADMIN, CAP_SYS_ADMIN")
}

test_fail_gpu if {
	r := _report(_container({"resourceRequirements": [{"type": "InferenceAccelerator", "value": "device1"}, {"type": "GPU", "value": "1"}]}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "resourceRequirements", 1]
	contains(f.message, "GPU")
}

test_fail_log_driver if {
	r := _report(_container({"logConfiguration": {"logDriver": "json-file"}}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "logConfiguration", "logDriver"]
	contains(f.message, "json-file")
}

test_fail_firelens_s3_config if {
	r := _report(_container({"firelensConfiguration": {"type": "fluentbit", "options": {"config-file-type": "s3", "config-file-value": "arn:aws:s3:::bucket/extra.conf"}}}))
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 0, "firelensConfiguration", "options", "config-file-type"]
}

test_fail_fargate_service if {
	td := json.remove(_container({"privileged": true}), ["requiresCompatibilities"])
	r := rule.report with input as object.union(_in(td), {"related": {"services": [{"status": "resolved", "name": "app", "resource": {"serviceName": "app", "launchType": "FARGATE"}}]}})
	count(r) == 1
	some f in r
	contains(f.message, "Fargate service")
}

test_pass_allowed_values if {
	r := _report(_container({
		"privileged": false,
		"disableNetworking": false,
		"links": [],
		"dnsServers": [],
		"extraHosts": null,
		"linuxParameters": {
			"capabilities": {"add": ["SYS_PTRACE"], "drop": ["ALL"]},
			"initProcessEnabled": true,
			"devices": [],
			"tmpfs": null,
		},
		"logConfiguration": {"logDriver": "awsfirelens"},
		"firelensConfiguration": {"type": "fluentbit", "options": {"config-file-type": "file", "config-file-value": "/extra.conf"}},
		"resourceRequirements": [],
	}))
	count(r) == 0
}

test_pass_allowed_task_values if {
	count(_report(_td({"pidMode": "task", "placementConstraints": [], "ipcMode": null, "volumes": [{"name": "scratch", "host": {}}]}))) == 0
}

test_pass_other_log_drivers if {
	count(_report(_container({"logConfiguration": {"logDriver": "splunk"}}))) == 0
	count(_report(_container({"logConfiguration": {"logDriver": "awslogs"}}))) == 0
	count(_report(_container({"logConfiguration": {"logDriver": "${LOG_DRIVER}"}}))) == 0
	count(_report(_container({"logConfiguration": {"logDriver": ""}}))) == 0
	count(_report(_container({"logConfiguration": null}))) == 0
}

test_pass_placeholder_capability if {
	count(_report(_container({"linuxParameters": {"capabilities": {"add": ["${CAP}", ""]}}}))) == 0
}

test_pass_ec2 if {
	td := object.union(_container({"privileged": true, "links": ["db"], "logConfiguration": {"logDriver": "json-file"}}), {"requiresCompatibilities": ["EC2"]})
	count(_report(td)) == 0
	count(_report(json.remove(_container({"privileged": true}), ["requiresCompatibilities"]))) == 0
}

test_pass_no_containers if {
	count(_report(_td({"containerDefinitions": null}))) == 0
}
