# METADATA
# title: ECS service scheduling and deployment knowledge
# description: |
#   The scheduling strategy, the deployment strategy and the deployment
#   percentages of a service with the defaults ECS applies when they are
#   omitted (none for an update-service input, which names only what it
#   changes). The blanks of a CLI skeleton (aws ecs create-service
#   --generate-cli-skeleton) are not settings (values.skeleton).
package ecslint.lib.deployments

import data.ecslint.lib.services
import data.ecslint.lib.values

# schedulingStrategy, upper-cased; REPLICA when omitted. A placeholder stays
# as written, so it is neither REPLICA nor DAEMON.
_scheduling_strategy(svc) := upper(svc.schedulingStrategy) if _non_empty(svc.schedulingStrategy)

_scheduling_strategy(svc) := "REPLICA" if {
	_blank(object.get(svc, "schedulingStrategy", null))
	not services.partial
}

is_replica(svc) if _scheduling_strategy(svc) == "REPLICA"

is_daemon(svc) if _scheduling_strategy(svc) == "DAEMON"

# deploymentConfiguration.strategy, upper-cased; ROLLING when omitted.
_strategy(svc) := upper(s) if {
	s := svc.deploymentConfiguration.strategy
	_non_empty(s)
}

_strategy(svc) := "ROLLING" if {
	_blank(object.get(svc, ["deploymentConfiguration", "strategy"], null))
	not _configuration_unresolved(svc)
	not services.partial
}

# A rolling update run by the ECS deployment controller (not CODE_DEPLOY,
# EXTERNAL, or the ECS blue/green, linear and canary strategies).
is_rolling(svc) if {
	services.deployment_controller(svc) == "ECS"
	_strategy(svc) == "ROLLING"
}

# deploymentConfiguration.maximumPercent, 200 when omitted for a REPLICA
# service. Undefined for a placeholder, and for an omitted value of a
# DAEMON service (whose defaults differ between the API and the console).
maximum_percent(svc) := _percent(svc, "maximumPercent", 200)

# deploymentConfiguration.minimumHealthyPercent, 100 when omitted for a
# REPLICA service; undefined as for maximum_percent.
minimum_healthy_percent(svc) := _percent(svc, "minimumHealthyPercent", 100)

_percent(svc, key, _) := v if {
	v := svc.deploymentConfiguration[key]
	is_number(v)
}

_percent(svc, key, default_value) := default_value if {
	is_replica(svc)
	object.get(svc, ["deploymentConfiguration", key], null) == null
	not _configuration_unresolved(svc)
	not services.partial
}

# deploymentConfiguration as a whole is left to a placeholder or an
# intrinsic: what it sets is unknown, so no default applies.
_configuration_unresolved(svc) if values.unresolved(svc.deploymentConfiguration)


# Omitted, null or "" (CLI skeletons): the field is not set. Any other
# value, placeholders and CloudFormation intrinsics included, is a setting.
_blank(null)

_blank(s) if {
	is_string(s)
	trim_space(s) == ""
}

_non_empty(s) if {
	is_string(s)
	trim_space(s) != ""
}
