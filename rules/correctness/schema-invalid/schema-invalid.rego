# METADATA
# title: Field AWS rejects (wrong type, value or member)
# description: |
#   The ECS API takes each member with one type: a boolean for privileged,
#   an integer for a container's memory, a string for the task's memory, an
#   object for logConfiguration, one of a fixed set of values for
#   networkMode. A string "true", a number 1e400, an unknown member such as
#   "enviroment", an empty containerDefinitions or a container without name
#   or image make AWS reject the whole document (the AWS CLI refuses it
#   before sending), and other clients silently drop the member a reviewer
#   believes is set. In raw YAML, `yes` and `on` are strings for the AWS
#   CLI (it reads YAML 1.2) unless the file starts with `%YAML 1.1`. Every
#   other rule reads the document without these members, so each one is
#   reported here.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
#     description: RegisterTaskDefinition (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
#     description: CreateService (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-skeleton.html
#     description: AWS CLI input from a JSON or YAML file
# custom:
#   severity: critical
#   remediation: Give the field the type and one of the values the ECS API reference lists, add the required member, or remove the unknown one.
#   resources: [TaskDefinition, Service, ContainerDefinitions, Cluster, CapacityProvider]
package ecslint.rules.correctness["schema-invalid"]

# Validation against the ECS API model happens while loading, in Go
# (internal/validate); each defect arrives as one entry of input.problems.
report contains {
	"message": p.message,
	"path": array.concat(["resource"], p.path),
} if {
	some p in input.problems
	p.rule == "schema-invalid"
}
