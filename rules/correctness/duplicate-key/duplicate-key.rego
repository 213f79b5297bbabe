# METADATA
# title: Key given twice in one object
# description: |
#   When a JSON object or YAML mapping gives the same key twice
#   ("privileged": true, then "privileged": false), the parsers AWS tools use
#   keep the last value, while a reviewer reading from the top stops at the
#   first and approves a setting that is not the one deployed. The AWS CLI
#   rejects such YAML outright. The finding sits on the occurrence that
#   counts.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html
#     description: Amazon ECS task definition parameters
#   - ref: https://www.rfc-editor.org/rfc/rfc8259#section-4
#     description: "RFC 8259, section 4: names within an object should be unique"
#   - ref: https://yaml.org/spec/1.2.2/#mapping
#     description: "YAML 1.2: mapping keys are unique"
# custom:
#   severity: high
#   remediation: Keep one occurrence of the key, with the value you intend.
#   resources: [TaskDefinition, Service, ContainerDefinitions, Cluster, CapacityProvider]
package ecslint.rules.correctness["duplicate-key"]

# The parsers record repeated keys while loading (internal/document); each
# arrives as one entry of input.problems.
report contains {
	"message": p.message,
	"path": array.concat(["resource"], p.path),
} if {
	some p in input.problems
	p.rule == "duplicate-key"
}
