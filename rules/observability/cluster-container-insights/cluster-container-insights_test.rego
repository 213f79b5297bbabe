package ecslint.rules.observability["cluster-container-insights_test"]

import data.ecslint.rules.observability["cluster-container-insights"] as rule

cluster(settings) := {"kind": "Cluster", "resource": {"clusterName": "prod", "settings": settings}}

test_fail_disabled if {
	r := rule.report with input as cluster([{"name": "containerInsights", "value": "disabled"}])
	count(r) == 1
	some f in r
	f.path == ["resource", "settings", 0, "value"]
}

test_pass_enabled_and_enhanced if {
	count(rule.report) == 0 with input as cluster([{"name": "containerInsights", "value": "enabled"}])
	count(rule.report) == 0 with input as cluster([{"name": "containerInsights", "value": "enhanced"}])
}

test_pass_unset_inherits_account_default if {
	count(rule.report) == 0 with input as cluster([])
	count(rule.report) == 0 with input as {"kind": "Cluster", "resource": {"clusterName": "prod"}}
}

test_pass_unknown_value if {
	count(rule.report) == 0 with input as cluster([{"name": "containerInsights", "value": "${Insights}"}])
}
