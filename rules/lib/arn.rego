# METADATA
# title: Roles and ARNs
# description: |
#   ARNs (arn:partition:service:region:account-id:resource, every partition:
#   aws, aws-cn, aws-us-gov, aws-iso*, aws-eusc), IAM role references, and
#   the secret references ECS accepts: secrets[].valueFrom and
#   logConfiguration.secretOptions[].valueFrom (a Secrets Manager secret
#   ARN with an optional json-key:version-stage:version-id suffix, an SSM
#   parameter ARN, or an SSM parameter name) and
#   repositoryCredentials.credentialsParameter (a Secrets Manager secret ARN
#   or name). A reference with placeholders is judged on its literal parts:
#   arn:aws:iam::${ACCOUNT_ID}:role/app is a well-formed role ARN, $ROLE_ARN
#   is unknown and never malformed.
package ecslint.lib.arn

import data.ecslint.lib.values

# The parts of an ARN, read from its literal parts: each placeholder is a
# values.hole in the part that holds it. The resource is everything after
# the fifth colon: it may itself contain colons (task-definition/family:1,
# secret:name:json-key::). false for a string that does not start with a
# literal "arn:" or has fewer than six parts.
parse(s) := {
	"partition": p[1],
	"service": p[2],
	"region": p[3],
	"account": p[4],
	"resource": concat(":", array.slice(p, 5, count(p))),
} if {
	is_string(s)
	m := values.literal(s)
	startswith(m, "arn:")
	p := split(m, ":")
	count(p) >= 6
} else := false

# A partition name: aws, aws-cn, aws-us-gov, aws-iso-b, aws-eusc, ...
is_partition(p) if regex.match(`^aws(-[a-z0-9]+)*$`, p)

# An AWS account id: exactly 12 digits.
is_account_id(a) if regex.match(`^[0-9]{12}$`, a)

# An account part that is a placeholder: a hole, or letters where only
# digits can stand (XXXXXXXXXXXX, aws_account_id, ACCOUNT_ID, the bare
# tokens a CI step replaces with sed).
account_unknown(a) if values.has_hole(a)

account_unknown(a) if regex.match(`[A-Za-z]`, a)

# --- Roles --------------------------------------------------------------------

# A well-formed IAM role ARN (with optional path), all literal.
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

# A plain IAM role name, which ECS completes to an ARN in the task's account.
# ARNs have a ":", which the pattern excludes: they are rejected without the
# regex.
is_role_name(s) if {
	is_string(s)
	not contains(s, ":")
	regex.match(`^[\w+=,.@-]{1,64}$`, s)
}

# same_role holds when two role references name the same role: equal
# literal names (IAM role names are unique regardless of case; paths do not
# change a role's identity), in the same account and partition where both
# are ARNs. The account and partition are compared as written, so two ARNs
# with the same placeholder account (arn:aws:iam::${ACCOUNT}:role/app) name
# one role, while a placeholder name ($ROLE_ARN, <PLACEHOLDER>) never
# compares: the same text in two fields says nothing about the roles.
same_role(a, b) if {
	_same_last_segment(a, b)
	_same_role(a, b)
}

_same_role(a, b) if {
	lower(_role_name(a)) == lower(_role_name(b))
	_same_scope(_role_scope(a), _role_scope(b))
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

# The literal role name of a role ARN (any account, placeholders included)
# or of a plain name.
_role_name(s) := n if {
	m := values.literal(s)
	regex.match(`^arn:aws(-[a-z0-9]+)*:iam::[^:]*:role/([\x21-\x7e\x{E000}]+/)*[\w+=,.@-]{1,64}$`, m)
	parts := split(m, "/")
	n := parts[count(parts) - 1]
}

_role_name(s) := s if is_role_name(s)

# Where an ARN's role lives, as written ("arn:aws:iam::123456789012"), or ""
# for a plain name (the task's own account and partition).
_role_scope(s) := split(s, ":role/")[0] if startswith(s, "arn:")

_role_scope(s) := "" if is_role_name(s)

_same_scope(x, y) if x == y

_same_scope("", _)

_same_scope(_, "")

# --- Secrets[].valueFrom and secretOptions[].valueFrom ---------------------------

# Why a secrets[].valueFrom or secretOptions[].valueFrom value is not a
# reference ECS can resolve, as a phrase completing "valueFrom ...".
# Undefined when the reference is well formed, or when what its literal
# parts say leaves it possibly well formed.
secret_reference_problem(s) := reason if {
	is_string(s)
	not _well_formed(s)
	reason := _reference_problem(values.literal(s))
}

# The usual shapes of a good reference, one pattern each: an SSM parameter
# name, an SSM parameter ARN, a Secrets Manager secret ARN with at most a
# json-key. _reference_problem finds nothing in them; it is a chain of ARN
# checks that runs to its end on every good reference, so
# secret_reference_problem skips it for them.
_well_formed(s) if {
	not startswith(s, "arn:")
	_is_ssm_parameter_name(s)
}

# startswith first: the rule index answers it for the function's argument
# without entering the body, and SSM names skip the long expression.
_well_formed(s) if {
	startswith(s, "arn:aws")
	regex.match(`^arn:aws(-[a-z0-9]+)*:(ssm:[a-z0-9-]+:[0-9]{12}:parameter/[A-Za-z0-9_./-]+(:[A-Za-z0-9_.-]+)?|secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}(:[A-Za-z0-9_.-]*)?)$`, s)
}

# m is the literal(...) form. A value that does not start with literal text
# (a placeholder first) may be anything: not judged.
_reference_problem(m) := _arn_problem(m) if startswith(m, "arn:")

_reference_problem(m) := "is neither an ARN nor an SSM parameter name (letters, digits, _ . - and /)" if {
	trim_space(m) != ""
	not startswith(m, "arn:")
	not startswith(m, values.hole)
	not _is_ssm_parameter_name(m)
}

# An SSM parameter name, with or without the leading "/" of a hierarchy,
# optionally followed by a :version or :label selector; holes stand for
# unknown characters.
_is_ssm_parameter_name(s) if regex.match(`^[A-Za-z0-9_./\x{E000}-]+(:[A-Za-z0-9_.\x{E000}-]+)?$`, s)

# Each step judges a part only when it is literal.
_arn_problem(m) := "is not a well-formed ARN (arn:partition:service:region:account:resource)" if {
	parse(m) == false
	not values.has_hole(m)
} else := sprintf("names %q, which is not an AWS partition", [a.partition]) if {
	a := parse(m)
	_literal(a.partition)
	not is_partition(a.partition)
} else := sprintf("is an ARN of service %q, not a Secrets Manager secret or an SSM parameter", [a.service]) if {
	a := parse(m)
	_literal(a.service)
	not a.service in {"secretsmanager", "ssm"}
} else := "is an ARN without a Region" if {
	parse(m).region == ""
} else := "is an ARN whose account is not 12 digits" if {
	a := parse(m)
	not account_unknown(a.account)
	not is_account_id(a.account)
} else := r if {
	a := parse(m)
	a.service == "secretsmanager"
	r := _secret_problem(split(a.resource, ":"))
} else := "is an SSM ARN that does not name a parameter (parameter/name)" if {
	a := parse(m)
	a.service == "ssm"
	not regex.match(`^parameter/[A-Za-z0-9_./\x{E000}-]+(:[A-Za-z0-9_.\x{E000}-]+)?$`, a.resource)
	not startswith(a.resource, values.hole)
}

_literal(part) if not values.has_hole(part)

# parts: "secret", name, [json-key, [version-stage, [version-id]]].
_secret_problem(parts) := "is a Secrets Manager ARN that does not name a secret (secret:name)" if {
	parts[0] != "secret"
	_literal(parts[0])
} else := "is a Secrets Manager ARN with an invalid secret name" if {
	parts[0] == "secret"
	not regex.match(`^[A-Za-z0-9/_+=.@\x{E000}-]{1,512}$`, _part(parts, 1))
} else := "is a Secrets Manager ARN with more than json-key:version-stage:version-id after the secret name" if {
	parts[0] == "secret"
	count(parts) > 5
} else := "is a Secrets Manager ARN that sets both version-stage and version-id (use one)" if {
	parts[0] == "secret"
	_literal(parts[3])
	_literal(parts[4])
	parts[3] != ""
	parts[4] != ""
}

_part(parts, i) := parts[i]

_part(parts, i) := "" if count(parts) <= i

# --- repositoryCredentials.credentialsParameter -------------------------------

# The value may name a Secrets Manager secret: its ARN (complete or
# partial, any Region or account) or, for a secret in the task's Region,
# its name. A placeholder counts where it stands for a part, so only
# literal parts rule a value out.
may_be_secret(s) if {
	is_string(s)
	regex.match(`^arn:aws(-[a-z0-9]+)*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$`, s)
}

may_be_secret(s) if {
	is_string(s)
	regex.match(`^[A-Za-z0-9/_+=.@-]{1,512}$`, s)
}

# Blank: a value left to fill in (a CLI skeleton's), not a wrong one.
may_be_secret(s) if {
	is_string(s)
	trim_space(s) == ""
}

may_be_secret(s) if {
	values.unresolved(s)
	_may_be_secret_literal(values.literal(s))
}

# A CloudFormation intrinsic in place of the value.
may_be_secret(s) if {
	values.unresolved(s)
	not is_string(s)
}

_may_be_secret_literal(m) if startswith(m, values.hole)

_may_be_secret_literal(m) if {
	not startswith(m, "arn:")
	regex.match(`^[A-Za-z0-9/_+=.@\x{E000}-]{1,512}$`, m)
}

_may_be_secret_literal(m) if {
	a := parse(m)
	regex.match(`^(aws(-[a-z0-9]+)*|\x{E000}+)$`, a.partition)
	a.service in {"secretsmanager", values.hole}
	regex.match(`^[a-z0-9\x{E000}-]+$`, a.region)
	_account_may_be(a.account)
	regex.match(`^(secret:[A-Za-z0-9/_+=.@\x{E000}-]+|\x{E000}.*)$`, a.resource)
}

_account_may_be(a) if is_account_id(a)

_account_may_be(a) if account_unknown(a)
