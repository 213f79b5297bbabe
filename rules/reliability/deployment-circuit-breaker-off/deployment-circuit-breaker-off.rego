# METADATA
# title: Rolling deployment without the circuit breaker and rollback
# description: |
#   Without the deployment circuit breaker, a rolling deployment whose new
#   tasks never become healthy keeps launching and stopping them, for hours,
#   while the service runs at reduced or mixed capacity. With the circuit
#   breaker and rollback, ECS marks the deployment failed and returns to the
#   last deployment that completed. It is available for the ECS rolling
#   update, except behind a Classic Load Balancer.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html
#     description: How the Amazon ECS deployment circuit breaker detects failures
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentCircuitBreaker.html
#     description: DeploymentCircuitBreaker (Amazon ECS API reference)
# custom:
#   severity: low
#   remediation: Set deploymentConfiguration.deploymentCircuitBreaker to enable true and rollback true.
#   resources: [Service]
package ecslint.rules.reliability["deployment-circuit-breaker-off"]

import data.ecslint.lib.deployments
import data.ecslint.lib.services
import data.ecslint.lib.values

report contains {
	"message": "the rolling deployment has no circuit breaker: if the new tasks never become healthy, ECS keeps replacing them instead of failing the deployment and rolling back",
	"path": _breaker_path,
} if {
	_applies
	_breaker_off
}

report contains {
	"message": "the deployment circuit breaker is enabled without rollback: a failed deployment is only marked FAILED and stays in place instead of returning to the last working one",
	"path": _rollback_path,
} if {
	_applies
	_cb.enable == true
	_off(object.get(_cb, "rollback", null))
}

_applies if {
	svc := input.resource
	not values.skeleton
	deployments.is_rolling(svc)
	not _classic_lb
}

_classic_lb if {
	some lb in input.resource.loadBalancers
	services.is_classic_lb(lb)
}

_cb := object.get(input.resource, ["deploymentConfiguration", "deploymentCircuitBreaker"], null)

# Absent, or enable absent or false; a placeholder is not judged. An
# update-service input keeps the circuit breaker it leaves out.
_breaker_off if {
	_cb == null
	not services.partial
}

_breaker_off if {
	is_object(_cb)
	_off(object.get(_cb, "enable", null))
}

_off(null)

_off(false)

# The circuit breaker when it is absent, else its enable switch.
_breaker_path := ["resource", "deploymentConfiguration", "deploymentCircuitBreaker"] if _cb == null

_breaker_path := ["resource", "deploymentConfiguration", "deploymentCircuitBreaker", "enable"] if _cb != null

_rollback_path := ["resource", "deploymentConfiguration", "deploymentCircuitBreaker", "rollback"]
