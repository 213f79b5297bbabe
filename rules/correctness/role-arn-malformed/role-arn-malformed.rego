# METADATA
# title: Task or execution role is not an IAM role
# description: |
#   taskRoleArn and executionRoleArn take an IAM role ARN or a plain role name,
#   which ECS completes to an ARN in the task's account. Anything else (an
#   instance profile or user ARN, a wrong account id, a name with characters IAM
#   does not allow) makes ECS reject the definition or leaves the task without
#   the role it needs.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
#     description: RegisterTaskDefinition (taskRoleArn, executionRoleArn)
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html
#     description: IAM identifiers (role ARNs, names and paths)
# custom:
#   severity: high
#   remediation: Use the ARN of an IAM role (arn:<partition>:iam::<12-digit account>:role/<path/>name) or the role's plain name.
#   resources: [TaskDefinition]
package ecslint.rules.correctness["role-arn-malformed"]

import data.ecslint.lib.arn
import data.ecslint.lib.values

report contains {
	"message": sprintf("%s is not an IAM role ARN or role name: %s", [field, problem]),
	"path": ["resource", field],
} if {
	some field in ["taskRoleArn", "executionRoleArn"]
	value := input.resource[field]
	is_string(value)
	values.is_set(value)
	not arn.is_role_arn(value)
	not arn.is_role_name(value)
	not _path_qualified_name(value)

	# What the literal parts prove: "$ROLE_ARN" is unknown, never malformed,
	# "arn:aws:iam::${ACCOUNT_ID}:role/app" is well formed, and
	# "arn:aws:iam::${ACCOUNT_ID}:user/app" names a user whatever the account.
	problem := _problem(values.literal(value))
}

# "/path/name": the IAM API's way to name a role with a path. Not documented
# for task definitions, so neither accepted nor judged here.
_path_qualified_name(s) if regex.match(`^/([\x21-\x7e]+/)*[\w+=,.@-]{1,64}$`, s)

# m is the value with each placeholder replaced by a hole; each step judges
# only parts that are literal. A value that does not start with literal
# text (a placeholder first) may be anything: not judged.
_problem(m) := msg if {
	not startswith(m, "arn:")
	not values.unresolved(m)
	msg := "a role name has 1-64 letters, digits and +=,.@_- characters"
} else := "an ARN has six colon-separated parts" if {
	startswith(m, "arn:")
	not arn.parse(m)
	not values.has_hole(m)
} else := sprintf("it is an ARN of the %q service, not of IAM", [a.service]) if {
	a := arn.parse(m)
	a.service != "iam"
	not values.has_hole(a.service)
} else := "it is an instance profile ARN; use the ARN of the role in the profile" if {
	startswith(arn.parse(m).resource, "instance-profile/")
} else := sprintf("it names an IAM %s, not a role", [kind]) if {
	kind := split(arn.parse(m).resource, "/")[0]
	kind in {"user", "group", "policy"}
} else := "the account id is not 12 digits" if {
	a := arn.parse(m)
	not arn.account_unknown(a.account)
	not arn.is_account_id(a.account)
} else := "IAM ARNs have no region" if {
	region := arn.parse(m).region
	region != ""
	not values.has_hole(region)
} else := "the partition is not aws, aws-cn, aws-us-gov or another aws-* partition" if {
	a := arn.parse(m)
	not values.has_hole(a.partition)
	not arn.is_partition(a.partition)
} else := "the resource is not role/[path/]name with characters IAM allows" if {
	a := arn.parse(m)
	not regex.match(`^role/([\x21-\x7e\x{E000}]+/)*[\w+=,.@\x{E000}-]{1,64}$`, a.resource)
}
