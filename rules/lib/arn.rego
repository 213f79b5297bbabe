# METADATA
# title: ARN parsing
# description: |
#   arn:partition:service:region:account-id:resource, for every partition
#   (aws, aws-cn, aws-us-gov, aws-iso*, aws-eusc).
package ecslint.lib.arn

# The resource is everything after the fifth colon: it may itself contain
# colons (task-definition/family:1, secret:name:json-key::).
parse(s) := {
	"partition": p[1],
	"service": p[2],
	"region": p[3],
	"account": p[4],
	"resource": concat(":", array.slice(p, 5, count(p))),
} if {
	is_string(s)
	startswith(s, "arn:")
	p := split(s, ":")
	count(p) >= 6
} else := false

# A partition name: aws, aws-cn, aws-us-gov, aws-iso-b, aws-eusc, ...
is_partition(p) if regex.match(`^aws(-[a-z0-9]+)*$`, p)

# An AWS account id: exactly 12 digits.
is_account_id(a) if regex.match(`^[0-9]{12}$`, a)

# A well-formed IAM role ARN (with optional path): _role_arn_shape with a
# 12-digit account.
# The substring tests are necessary conditions of the pattern: they reject
# non-IAM values (~0.1 µs each) before the regex (~10 µs), whose undefined
# result OPA does not cache.
is_role_arn(s) if {
	is_string(s)
	startswith(s, "arn:aws")
	contains(s, ":iam::")
	contains(s, ":role/")
	regex.match(`^arn:aws(-[a-z0-9]+)*:iam::[0-9]{12}:role/([\x21-\x7e]+/)*[\w+=,.@-]{1,64}$`, s)
}

# An IAM role ARN whose account may also be a template placeholder
# (arn:aws:iam::XXXXXXXXXXXX:role/app): enough to compare two references.
# One pattern for what parse would split: a partition, service iam, no
# region, any account, and role/[path/]name as the resource.
# Screened like is_role_arn.
_role_arn_shape(s) if {
	is_string(s)
	startswith(s, "arn:aws")
	contains(s, ":iam::")
	contains(s, ":role/")
	regex.match(`^arn:aws(-[a-z0-9]+)*:iam::[^:]*:role/([\x21-\x7e]+/)*[\w+=,.@-]{1,64}$`, s)
}

# A plain IAM role name, which ECS completes to an ARN in the task's account.
# ARNs (the usual value, asked about by role_name, role_account and
# role_partition on every same_role call) have a ":", which the pattern
# excludes: they are rejected without the regex.
is_role_name(s) if {
	is_string(s)
	not contains(s, ":")
	regex.match(`^[\w+=,.@-]{1,64}$`, s)
}

# The role name an ARN or a plain name refers to, for comparing roles:
# paths do not change the role's identity within an account. Role ARNs with
# a placeholder account count too.
role_name(s) := n if {
	_role_arn_shape(s)
	parts := split(s, "/")
	n := parts[count(parts) - 1]
}

role_name(s) := s if is_role_name(s)

# The account of a role ARN (as written, placeholder or not), or "" for a
# plain name (the task's account).
role_account(s) := parse(s).account if _role_arn_shape(s)

role_account(s) := "" if is_role_name(s)

# The partition of a role ARN, or "" for a plain name (the task's partition).
role_partition(s) := parse(s).partition if _role_arn_shape(s)

role_partition(s) := "" if is_role_name(s)

# same_role holds when two role references name the same role: equal names
# (IAM role names are unique regardless of case), in the same account and
# partition where both are ARNs. Identical unresolved references do not
# count: "<PLACEHOLDER>" in two fields says nothing about the roles.
same_role(a, b) if {
	_same_last_segment(a, b)
	_same_role(a, b)
}

_same_role(a, b) if {
	lower(role_name(a)) == lower(role_name(b))
	_same_scope(role_account(a), role_account(b))
	_same_scope(role_partition(a), role_partition(b))
}

# A screen for _same_role, which needs equal role names (ignoring case): a
# role name is always the text after the last "/" of a role ARN or the whole
# plain name, so different roles, the usual case, are told apart here
# without the ARN regexes.
_same_last_segment(a, b) if {
	is_string(a)
	is_string(b)
	lower(_last_segment(a)) == lower(_last_segment(b))
}

_last_segment(s) := last if {
	parts := split(s, "/")
	last := parts[count(parts) - 1]
}

_same_scope(x, y) if x == y

_same_scope("", _)

_same_scope(_, "")

# Unresolved references from IaC (CloudFormation intrinsics, Terraform
# interpolations, template placeholders) are never judged.
is_unresolved(s) if not is_string(s)

# ${...}, {{...}}, $$...$$, <PLACEHOLDER> (arn:aws:iam::<account-id>:role/...).
is_unresolved(s) if regex.match(`\$\{|\{\{|\$\$|<[^<>]+>`, s)

# Documentation placeholders for the account: XXXXXXXXXXXX, aws_account_id,
# ACCOUNT_ID. A real account id never contains letters.
is_unresolved(s) if {
	startswith(s, "arn:")
	regex.match(`(?i)^(x+|[a-z_-]*acc(oun)?t[a-z_-]*)$`, parse(s).account)
}
