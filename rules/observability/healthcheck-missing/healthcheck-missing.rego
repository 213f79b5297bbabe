# METADATA
# title: Essential container of a service without a health check
# description: |
#   ECS replaces a service's task when an essential container's health check
#   fails; without one it only notices a container that exits, so a hung or
#   broken process keeps its task running. The rule judges task definitions
#   that a service in the same run uses (REPLICA and DAEMON services are both
#   long-running): a definition on its own may be a batch or one-off task,
#   which needs no health check, so it is not judged. Services behind a
#   Classic Load Balancer, which does not support container health checks,
#   are left out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
#     description: HealthCheck (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/healthcheck.html
#     description: Determine Amazon ECS task health using container health checks
# custom:
#   severity: low
#   remediation: Give each essential container a healthCheck whose command exits 0 only when the process works, with a startPeriod that covers its start-up.
#   resources: [TaskDefinition]
package ecslint.rules.observability["healthcheck-missing"]

import data.ecslint.lib.containers
import data.ecslint.lib.launch
import data.ecslint.lib.services

report contains {
	"message": sprintf("essential container %s has no healthCheck: %s cannot detect that it stopped working and replace the task", [containers.display_name(c, i), _services_text]),
	"path": containers.path(i, ["healthCheck"]),
} if {
	count(launch.services) > 0
	not _classic_lb
	some i, c in input.resource.containerDefinitions
	is_object(c)
	is_string(c.name)
	containers.essential(c)
	object.get(c, "healthCheck", null) == null
}

_classic_lb if {
	some svc in launch.services
	some lb in svc.loadBalancers
	services.is_classic_lb(lb)
}

_service_names contains rel.name if {
	some rel in input.related.services
	is_string(rel.name)
}

_services_text := sprintf("service %s", [concat("", sort(_service_names))]) if count(_service_names) == 1

_services_text := sprintf("services %s", [concat(", ", sort(_service_names))]) if count(_service_names) > 1

_services_text := "its service" if count(_service_names) == 0
