package ecslint.rules.security["ebs-volume-not-encrypted_test"]

import data.ecslint.rules.security["ebs-volume-not-encrypted"] as rule

infra_role := "arn:aws:iam::123456789012:role/ecsInfrastructureRole"

svc_input(svc) := {
	"kind": "Service",
	"resource": object.union({"serviceName": "db", "taskDefinition": "db:1"}, svc),
	"related": {"taskDefinition": {"status": "unresolved", "name": "db:1"}},
}

vol(ebs) := {"name": "data", "managedEBSVolume": object.union({"roleArn": infra_role, "sizeInGiB": 20}, ebs)}

test_fail_encrypted_absent if {
	r := rule.report with input as svc_input({"volumeConfigurations": [vol({})]})
	count(r) == 1
	some f in r
	f.path == ["resource", "volumeConfigurations", 0, "managedEBSVolume", "encrypted"]
	contains(f.message, "\"data\"")
	contains(f.message, "managedStorageConfiguration")
	contains(f.message, "encryption by default")
}

test_fail_encrypted_false if {
	r := rule.report with input as svc_input({"volumeConfigurations": [vol({"encrypted": false})]})
	count(r) == 1
	some f in r
	f.path == ["resource", "volumeConfigurations", 0, "managedEBSVolume", "encrypted"]
}

test_fail_snapshot_note if {
	r := rule.report with input as svc_input({"volumeConfigurations": [vol({"snapshotId": "snap-0123456789abcdef0"})]})
	count(r) == 1
	some f in r
	contains(f.message, "snapshot")
}

test_fail_describe_services_primary_deployment if {
	r := rule.report with input as svc_input({
		"roleArn": "arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
		"deployments": [
			{"id": "ecs-svc/1", "status": "ACTIVE", "volumeConfigurations": [vol({"encrypted": true})]},
			{"id": "ecs-svc/2", "status": "PRIMARY", "volumeConfigurations": [vol({"encrypted": true}), vol({})]},
		],
	})
	count(r) == 1
	some f in r
	f.path == ["resource", "deployments", 1, "volumeConfigurations", 1, "managedEBSVolume", "encrypted"]
}

test_pass_encrypted if {
	r := rule.report with input as svc_input({"volumeConfigurations": [vol({"encrypted": true, "kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"})]})
	count(r) == 0
}

test_pass_placeholder if {
	r := rule.report with input as svc_input({"volumeConfigurations": [vol({"encrypted": "${ENCRYPTED}"})]})
	count(r) == 0
}

test_pass_no_volume_configurations if {
	r := rule.report with input as svc_input({"launchType": "FARGATE"})
	count(r) == 0
}

test_pass_inactive_deployment_only if {
	r := rule.report with input as svc_input({"deployments": [{"status": "INACTIVE", "volumeConfigurations": [vol({})]}]})
	count(r) == 0
}
