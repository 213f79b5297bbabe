# METADATA
# title: Container Insights turned off on the cluster
# description: |
#   Without Container Insights the cluster publishes no per-task and
#   per-service CPU, memory, network and storage metrics to CloudWatch, so
#   a task that is throttled or runs out of memory leaves no trace beyond
#   its exit. A cluster that does not name the setting inherits the
#   account's default, which a file cannot tell; only an explicit disabled
#   fires. enabled and enhanced both pass (Security Hub ECS.12).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-container-insights.html
#     description: Monitor Amazon ECS containers using Container Insights
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-12
#     description: Security Hub ECS.12 (ECS clusters should use Container Insights)
# custom:
#   severity: low
#   remediation: Set the cluster setting containerInsights to enabled (or enhanced).
#   resources: [Cluster]
#   frameworks:
#     securityhub: [ECS.12]
package ecslint.rules.observability["cluster-container-insights"]

report contains {
	"message": sprintf("the cluster sets containerInsights to %q: it publishes no task or service metrics to CloudWatch", [s.value]),
	"path": ["resource", "settings", i, "value"],
} if {
	some i, s in input.resource.settings
	s.name == "containerInsights"
	is_string(s.value)
	lower(s.value) == "disabled"
}
