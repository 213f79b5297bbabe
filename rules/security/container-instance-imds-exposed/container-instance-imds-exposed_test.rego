package ecslint.rules.security["container-instance-imds-exposed_test"]

import data.ecslint.rules.security["container-instance-imds-exposed"] as rule

lt(data_) := {"kind": "LaunchTemplate", "resource": data_, "related": {"cluster": {"status": "resolved", "name": "Cluster"}}}

test_fail_imdsv1_optional if {
	r := rule.report with input as lt({"MetadataOptions": {"HttpTokens": "optional", "HttpPutResponseHopLimit": 1}})
	count(r) == 1
	some f in r
	f.path == ["resource", "MetadataOptions", "HttpTokens"]
}

test_fail_no_metadata_options if {
	r := rule.report with input as lt({"ImageId": "ami-0123456789abcdef0"})
	count(r) == 1
	some f in r
	contains(f.message, "defaults to optional")
}

test_fail_hop_limit if {
	r := rule.report with input as lt({"MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2}})
	count(r) == 1
	some f in r
	f.path == ["resource", "MetadataOptions", "HttpPutResponseHopLimit"]
}

test_fail_user_data_names_ecs_config if {
	r := rule.report with input as {"kind": "LaunchTemplate", "resource": {"UserData": "#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\n"}, "related": {}}
	count(r) == 1
}

test_pass_required_hop_limit_one if {
	count(rule.report) == 0 with input as lt({"MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 1}})
	count(rule.report) == 0 with input as lt({"MetadataOptions": {"HttpTokens": "required"}})
}

test_pass_not_an_ecs_instance if {
	count(rule.report) == 0 with input as {"kind": "LaunchTemplate", "resource": {"ImageId": "ami-0123456789abcdef0"}, "related": {}}
}

test_pass_al2023_ami_default if {
	count(rule.report) == 0 with input as lt({"ImageId": "${ssm /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id}"})
}

test_pass_unknown_options if {
	count(rule.report) == 0 with input as lt({"MetadataOptions": "${Options}"})
	count(rule.report) == 0 with input as lt({"MetadataOptions": {"HttpTokens": "${Tokens}", "HttpPutResponseHopLimit": "${Hops}"}})
}
