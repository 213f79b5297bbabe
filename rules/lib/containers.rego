# METADATA
# title: Container definitions
# description: |
#   Reading containerDefinitions the way ECS does: container labels for
#   messages, names that are concrete values, health checks, port numbers,
#   the awslogs driver, and the references secrets[].valueFrom and
#   logConfiguration.secretOptions[].valueFrom accept (a Secrets Manager
#   secret ARN with an optional json-key:version-stage:version-id suffix, an
#   SSM parameter ARN, or an SSM parameter name).
package ecslint.lib.containers

import data.ecslint.lib.arn
import data.ecslint.lib.images

# The container's name for messages, or "#i" (its index) when it has none.
label(c, _) := c.name if _named(c)

label(c, i) := sprintf("#%d", [i]) if not _named(c)

_named(c) if {
	is_string(c.name)
	trim_space(c.name) != ""
}

# A name that is a concrete value: a non-empty string that is not a template
# placeholder ({{...}}, ${...}, $$$X$$$, <NAME>). Rules comparing names
# leave placeholders alone.
is_concrete_name(n) if {
	is_string(n)
	trim_space(n) != ""
	not _templated(n)
}

# images.is_unresolved, called only with strings (a non-string operand is a
# builtin type error under strict evaluation).
_templated(s) if {
	is_string(s)
	images.is_unresolved(s)
}

# The task definition has a container whose name is not a concrete value:
# any reference by name might point at it.
has_placeholder_name(td) if {
	some c in td.containerDefinitions
	not is_concrete_name(object.get(c, "name", null))
}

# A container health check declared in the task definition (a Docker
# HEALTHCHECK in the image does not count: ECS ignores it).
has_health_check(c) if is_object(c.healthCheck)

# A port or other integer field as a number: JSON numbers, and digit strings
# (CloudFormation passes integers as strings). Undefined for placeholders.
number(v) := v if is_number(v)

number(v) := to_number(trim_space(v)) if {
	is_string(v)
	regex.match(`^\s*-?[0-9]+(\.[0-9]+)?\s*$`, v)
}

# --- Logging ------------------------------------------------------------------

# The container logs with the awslogs driver.
uses_awslogs(c) if {
	is_string(c.logConfiguration.logDriver)
	lower(trim_space(c.logConfiguration.logDriver)) == "awslogs"
}

# --- Secret references --------------------------------------------------------

# A reference filled in later (template placeholders, CloudFormation
# intrinsics) or left empty by a CLI skeleton: never judged.
secret_reference_unresolved(s) if not is_string(s)

secret_reference_unresolved(s) if {
	is_string(s)
	trim_space(s) == ""
}

secret_reference_unresolved(s) if _templated(s)

# Why a secrets[].valueFrom or secretOptions[].valueFrom value is not a
# reference ECS can resolve, as a phrase completing "valueFrom ...".
# Undefined when the reference is well formed or unresolved.
secret_reference_problem(s) := reason if {
	not _well_formed(s)
	not secret_reference_unresolved(s)
	reason := _problem(s)
}

is_secret_reference(s) if {
	not secret_reference_unresolved(s)
	not _problem(s)
}

# The usual shapes of a good reference, one pattern each: an SSM parameter
# name, an SSM parameter ARN, a Secrets Manager secret ARN with at most a
# json-key. _problem finds nothing in them; it is a chain of ARN checks that
# runs to its end on every good reference, so secret_reference_problem
# skips it for them.
_well_formed(s) if {
	is_string(s)
	not startswith(s, "arn:")
	is_ssm_parameter_name(s)
}

# startswith first: the rule index answers it for the function's argument
# without entering the body, and SSM names skip the long expression.
_well_formed(s) if {
	is_string(s)
	startswith(s, "arn:aws")
	regex.match(`^arn:aws(-[a-z0-9]+)*:(ssm:[a-z0-9-]+:[0-9]{12}:parameter/[A-Za-z0-9_./-]+(:[A-Za-z0-9_.-]+)?|secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}(:[A-Za-z0-9_.-]*)?)$`, s)
}

_problem(s) := _arn_problem(s) if startswith(s, "arn:")

_problem(s) := "is neither an ARN nor an SSM parameter name (letters, digits, _ . - and /)" if {
	not startswith(s, "arn:")
	not is_ssm_parameter_name(s)
}

# An SSM parameter name, with or without the leading "/" of a hierarchy,
# optionally followed by a :version or :label selector.
is_ssm_parameter_name(s) if {
	is_string(s)
	regex.match(`^[A-Za-z0-9_./-]+(:[A-Za-z0-9_.-]+)?$`, s)
}

_arn_problem(s) := "is not a well-formed ARN (arn:partition:service:region:account:resource)" if {
	arn.parse(s) == false
} else := sprintf("names %q, which is not an AWS partition", [a.partition]) if {
	a := arn.parse(s)
	not arn.is_partition(a.partition)
} else := sprintf("is an ARN of service %q, not a Secrets Manager secret or an SSM parameter", [a.service]) if {
	a := arn.parse(s)
	not a.service in {"secretsmanager", "ssm"}
} else := "is an ARN without a Region" if {
	arn.parse(s).region == ""
} else := "is an ARN whose account is not 12 digits" if {
	_bad_account(arn.parse(s).account)
} else := r if {
	a := arn.parse(s)
	a.service == "secretsmanager"
	r := _secret_problem(split(a.resource, ":"))
} else := "is an SSM ARN that does not name a parameter (parameter/name)" if {
	a := arn.parse(s)
	a.service == "ssm"
	not regex.match(`^parameter/[A-Za-z0-9_./-]+(:[A-Za-z0-9_.-]+)?$`, a.resource)
}

# An empty account, or digits of the wrong length. Accounts with letters are
# documentation placeholders (aws_account_id, ACCOUNT, XXXXXXXXXXXX).
_bad_account("")

_bad_account(a) if {
	regex.match(`^[0-9]+$`, a)
	not arn.is_account_id(a)
}

# parts: "secret", name, [json-key, [version-stage, [version-id]]].
_secret_problem(parts) := "is a Secrets Manager ARN that does not name a secret (secret:name)" if {
	parts[0] != "secret"
} else := "is a Secrets Manager ARN with an invalid secret name" if {
	not regex.match(`^[A-Za-z0-9/_+=.@-]{1,512}$`, _part(parts, 1))
} else := "is a Secrets Manager ARN with more than json-key:version-stage:version-id after the secret name" if {
	count(parts) > 5
} else := "is a Secrets Manager ARN that sets both version-stage and version-id (use one)" if {
	parts[3] != ""
	parts[4] != ""
}

_part(parts, i) := parts[i]

_part(parts, i) := "" if count(parts) <= i

# The parts of a Secrets Manager secret ARN; absent suffix parts are "".
secrets_manager_arn(s) := {
	"partition": a.partition,
	"region": a.region,
	"account": a.account,
	"name": parts[1],
	"json_key": _part(parts, 2),
	"version_stage": _part(parts, 3),
	"version_id": _part(parts, 4),
} if {
	a := arn.parse(s)
	a != false
	a.service == "secretsmanager"
	parts := split(a.resource, ":")
	parts[0] == "secret"
	count(parts) >= 2
}
