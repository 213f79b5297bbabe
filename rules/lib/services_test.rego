package ecslint.lib.services_test

import data.ecslint.lib.services

slr := "arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"

test_role_input if {
	services._role({"role": "ecsServiceRole"}) == ["role", "ecsServiceRole"]
}

test_role_describe if {
	services._role({"roleArn": slr}) == ["roleArn", slr]
}

test_role_empty_is_absent if {
	not services._role({"role": ""})
	not services._role({})
	services._role({"role": "", "roleArn": "arn:aws:iam::123456789012:role/r"}) == ["roleArn", "arn:aws:iam::123456789012:role/r"]
}

test_service_linked_role if {
	services._is_service_linked_role(slr)
	services._is_service_linked_role("arn:aws:iam::aws_account_id:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS")
	services._is_service_linked_role("AWSServiceRoleForECS")
	not services._is_service_linked_role("arn:aws:iam::123456789012:role/ecsServiceRole")
	not services._is_service_linked_role("ecsServiceRole")
}

test_custom_role if {
	services.custom_role({"role": "ecsServiceRole"}) == ["role", "ecsServiceRole"]
	not services.custom_role({"roleArn": slr})
	not services.custom_role({"role": "${ServiceRole}"})
	not services.custom_role({"role": ""})
}

test_setting_top_level if {
	services.setting({"volumeConfigurations": [1]}, "volumeConfigurations") == {[["volumeConfigurations"], [1]]}
}

test_setting_primary_deployment if {
	svc := {"deployments": [
		{"status": "ACTIVE", "volumeConfigurations": [0]},
		{"status": "PRIMARY", "volumeConfigurations": [2]},
	]}
	services.setting(svc, "volumeConfigurations") == {[["deployments", 1, "volumeConfigurations"], [2]]}
}

test_setting_absent if {
	services.setting({"deployments": [{"status": "PRIMARY"}]}, "volumeConfigurations") == set()
	services.setting({}, "volumeConfigurations") == set()
}

test_is_classic_lb if {
	services.is_classic_lb({"loadBalancerName": "my-clb", "containerName": "web", "containerPort": 80})
	not services.is_classic_lb({"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1"})
	not services.is_classic_lb({"targetGroupArn": "", "loadBalancerName": ""})
	not services.is_classic_lb({"targetGroupArn": "arn:tg", "loadBalancerName": "x"})
}

test_has_load_balancer if {
	services.has_load_balancer({"loadBalancers": [{}]})
	not services.has_load_balancer({"loadBalancers": []})
	not services.has_load_balancer({})
}

test_deployment_controller if {
	services.deployment_controller({}) == "ECS"
	services.deployment_controller({"deploymentController": {"type": "code_deploy"}}) == "CODE_DEPLOY"
	services.deployment_controller({"deploymentController": {"type": ""}}) == "ECS"
}

# A placeholder may name any controller, EXTERNAL included.
test_deployment_controller_unknown if {
	not services.deployment_controller({"deploymentController": {"type": "${CONTROLLER}"}})
	not services.deployment_controller({"deploymentController": {"type": {"Ref": "Controller"}}})
	not services.deployment_controller({"deploymentController": "${CONTROLLER}"})
	not services.deployment_controller({"deploymentController": {"Fn::If": ["Blue", {"type": "CODE_DEPLOY"}, {"type": "ECS"}]}})
}

test_version_before if {
	services.version_before("1.3.0", "1.4.0")
	services.version_before("1.0.0", "1.4.0")
	services.version_before("0.9.9", "1.4.0")
	not services.version_before("1.4.0", "1.4.0")
	not services.version_before("1.10.0", "1.4.0")
	not services.version_before("LATEST", "1.4.0")
	not services.version_before("", "1.4.0")
	not services.version_before("${PV}", "1.4.0")
	not services.version_before(null, "1.4.0")
}

test_partial if {
	services.partial with input.partial as true
	not services.partial with input.partial as false
	not services.partial with input as {"kind": "Service"}
	not services.deployment_controller({}) with input.partial as true
	services.deployment_controller({"deploymentController": {"type": "code_deploy"}}) == "CODE_DEPLOY" with input.partial as true
}
