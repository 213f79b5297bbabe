# METADATA
# title: Task or execution role that ECS tasks cannot assume
# description: |
#   ECS obtains a task's role credentials, and the agent its execution role
#   credentials, by assuming the role as the ecs-tasks.amazonaws.com
#   service. A role whose trust policy does not allow that principal
#   sts:AssumeRole makes the task fail to start (execution role) or leaves
#   the application without credentials (task role). Decided only where the
#   role itself is known (a template or a live account) and its trust
#   policy holds no unknown value.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html#create_task_iam_policy_and_role
#     description: Task IAM role (trust policy for ecs-tasks.amazonaws.com)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
#     description: Task execution IAM role
# custom:
#   severity: high
#   remediation: Let the service principal ecs-tasks.amazonaws.com assume the role (sts:AssumeRole) in its trust policy.
#   resources: [TaskDefinition]
#   related: [taskRole, executionRole]
package ecslint.rules.correctness["role-not-assumable-by-tasks"]

import data.ecslint.lib.values

_fields := {"taskRole": "taskRoleArn", "executionRole": "executionRoleArn"}

report contains {
	"message": sprintf("%s names role %s, whose trust policy does not let ecs-tasks.amazonaws.com assume it: %s", [field, role.name, _effect(rel)]),
	"path": ["resource", field],
} if {
	some rel, field in _fields
	role := input.related[rel]
	role.status == "resolved"
	doc := role.resource.AssumeRolePolicyDocument
	_decidable(doc)
	not _trusts_tasks(doc)
}

_effect("taskRole") := "the application gets no credentials for it"

_effect("executionRole") := "the task cannot start"

# A trust policy ecslint can judge: an object with statements, none of
# which holds an unknown value or uses a Not* element.
_decidable(doc) if {
	count(_statements(doc)) > 0
	not _unknown(doc)
	not _negated(doc)
}

# A placeholder or an intrinsic anywhere in the document.
_unknown(doc) if {
	walk(doc, [_, v])
	values.unresolved(v)
}

_negated(doc) if {
	some s in _statements(doc)
	some k in {"NotPrincipal", "NotAction"}
	k in object.keys(s)
}

_statements(doc) := doc.Statement if is_array(doc.Statement)

_statements(doc) := [doc.Statement] if is_object(doc.Statement)

_trusts_tasks(doc) if {
	some s in _statements(doc)
	s.Effect == "Allow"
	_assume_action(s.Action)
	_tasks_principal(s.Principal)
}

_assume_action(a) if _assume(a)

_assume_action(a) if {
	some x in a
	_assume(x)
}

_assume(a) if {
	is_string(a)
	lower(a) in {"sts:assumerole", "sts:*", "*"}
}

_tasks_principal("*")

_tasks_principal(p) if p.AWS == "*"

_tasks_principal(p) if _tasks_service(p.Service)

_tasks_principal(p) if {
	some s in p.Service
	_tasks_service(s)
}

# ecs-tasks.amazonaws.com, or the same service in another partition.
_tasks_service(s) if {
	is_string(s)
	startswith(s, "ecs-tasks.")
}
