# METADATA
# title: Service sets both a launch type and a capacity provider strategy
# description: |
#   launchType and capacityProviderStrategy are two ways of choosing where a
#   service's tasks run, and ECS accepts only one of them: CreateService
#   rejects a request that sets both. Fargate Spot and ECS Managed Instances
#   are only reachable through a capacity provider strategy.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html#ECS-CreateService-request-capacityProviderStrategy
#     description: CreateService capacityProviderStrategy (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html
#     description: Amazon ECS capacity providers
# custom:
#   severity: critical
#   remediation: Remove launchType and keep the capacity provider strategy, or remove capacityProviderStrategy to use the launch type.
#   resources: [Service]
package ecslint.rules.correctness["launch-type-and-capacity-provider"]

import data.ecslint.lib.values

report contains {
	"message": sprintf("the service sets launchType %q and a capacityProviderStrategy (%s): ECS accepts only one of them", [svc.launchType, concat(", ", _providers)]),
	"path": ["resource", "launchType"],
} if {
	svc := input.resource
	is_string(svc.launchType)
	trim_space(svc.launchType) != ""
	# An unknown launch type may be left unset when deployed (Terraform's
	# launch_type = var.x with a null default): only a literal one counts.
	values.known(svc.launchType)
	count(_providers) > 0
}

# Providers of the strategy. Entries whose capacityProvider is empty are
# blanks of a CLI skeleton, not a strategy; unresolved references count
# (the strategy is set, whatever it resolves to).
_providers := [_name(p.capacityProvider) |
	some p in input.resource.capacityProviderStrategy
	_given(p.capacityProvider)
]

_given(p) if not is_string(p)

_given(p) if {
	is_string(p)
	trim_space(p) != ""
}

_name(p) := p if is_string(p)

_name(p) := "(reference)" if not is_string(p)
