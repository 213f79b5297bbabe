package ecslint.lib.deployments_test

import data.ecslint.lib.deployments

# scheduling_strategy, is_replica, is_daemon

test_scheduling_strategy_default if {
	deployments._scheduling_strategy({}) == "REPLICA"
	deployments._scheduling_strategy({"schedulingStrategy": ""}) == "REPLICA"
	deployments._scheduling_strategy({"schedulingStrategy": null}) == "REPLICA"
	deployments.is_replica({"serviceName": "s"})
	not deployments.is_daemon({"serviceName": "s"})
}

test_scheduling_strategy_explicit if {
	deployments._scheduling_strategy({"schedulingStrategy": "daemon"}) == "DAEMON"
	deployments.is_daemon({"schedulingStrategy": "DAEMON"})
	not deployments.is_replica({"schedulingStrategy": "DAEMON"})
	deployments.is_replica({"schedulingStrategy": "REPLICA"})
}

test_scheduling_strategy_placeholder if {
	not deployments.is_replica({"schedulingStrategy": "${STRATEGY}"})
	not deployments.is_daemon({"schedulingStrategy": "${STRATEGY}"})
	not deployments.is_replica({"schedulingStrategy": {"Ref": "Strategy"}})
}

# strategy, is_rolling

test_strategy if {
	deployments._strategy({}) == "ROLLING"
	deployments._strategy({"deploymentConfiguration": {}}) == "ROLLING"
	deployments._strategy({"deploymentConfiguration": {"strategy": "BLUE_GREEN"}}) == "BLUE_GREEN"
	deployments._strategy({"deploymentConfiguration": {"strategy": "canary"}}) == "CANARY"
}

test_is_rolling if {
	deployments.is_rolling({})
	deployments.is_rolling({"deploymentController": {"type": "ECS"}, "deploymentConfiguration": {"strategy": "ROLLING"}})
	not deployments.is_rolling({"deploymentController": {"type": "CODE_DEPLOY"}})
	not deployments.is_rolling({"deploymentController": {"type": "EXTERNAL"}})
	not deployments.is_rolling({"deploymentConfiguration": {"strategy": "LINEAR"}})
	not deployments.is_rolling({"deploymentConfiguration": {"strategy": "${STRATEGY}"}})
	not deployments.is_rolling({"deploymentConfiguration": {"strategy": {"Ref": "Strategy"}}})
	not deployments.is_rolling({"deploymentController": {"type": "${CONTROLLER}"}})
	not deployments.is_rolling({"deploymentController": "${CONTROLLER}"})
	not deployments.is_rolling({"deploymentConfiguration": "${DEPLOYMENT_CONFIGURATION}"})
	not deployments.is_rolling({"deploymentConfiguration": {"Fn::If": ["Prod", {"strategy": "BLUE_GREEN"}, {}]}})
}

# maximum_percent, minimum_healthy_percent

test_percent_defaults_replica if {
	deployments.maximum_percent({}) == 200
	deployments.minimum_healthy_percent({}) == 100
	deployments.maximum_percent({"deploymentConfiguration": {"maximumPercent": null}}) == 200
	deployments.minimum_healthy_percent({"deploymentConfiguration": {"maximumPercent": 150}}) == 100
}

test_percent_explicit if {
	deployments.maximum_percent({"deploymentConfiguration": {"maximumPercent": 100}}) == 100
	deployments.minimum_healthy_percent({"deploymentConfiguration": {"minimumHealthyPercent": 0}}) == 0
	deployments.maximum_percent({"schedulingStrategy": "DAEMON", "deploymentConfiguration": {"maximumPercent": 100}}) == 100
}

test_percent_unknown if {
	not deployments.maximum_percent({"deploymentConfiguration": {"maximumPercent": "${MAX}"}})
	not deployments.minimum_healthy_percent({"deploymentConfiguration": {"minimumHealthyPercent": "100"}})
	not deployments.maximum_percent({"schedulingStrategy": "DAEMON"})
	not deployments.minimum_healthy_percent({"schedulingStrategy": "DAEMON"})
	not deployments.maximum_percent({"deploymentConfiguration": "${DEPLOYMENT_CONFIGURATION}"})
	not deployments.minimum_healthy_percent({"deploymentConfiguration": {"Ref": "Deployment"}})
}

# An update-service input names only what it changes: no default applies.

test_no_defaults_for_partial_input if {
	not deployments._scheduling_strategy({}) with input.partial as true
	not deployments._strategy({}) with input.partial as true
	not deployments.maximum_percent({}) with input.partial as true
	not deployments.is_rolling({}) with input.partial as true
	deployments.maximum_percent({}) == 200 with input.partial as false
	deployments.maximum_percent({"deploymentConfiguration": {"maximumPercent": 150}}) == 150 with input.partial as true
	deployments.is_daemon({"schedulingStrategy": "DAEMON"}) with input.partial as true
}
