# METADATA
# title: Values ecslint knows and values it does not
# description: |
#   The one test of an unresolved value, used by every rule: a placeholder a
#   deploy tool fills in ({{ .Env.TAG }}, ${VAR}, $VAR, <PLACEHOLDER>,
#   #{Var}, __TOKEN__, %VAR%, @@VAR@@, $$$VAR$$$, ...), the canonical
#   unknown value a source writes for what it cannot evaluate
#   (${var.image}, ${AWS::AccountId}), a CloudFormation intrinsic object, or
#   a blank string of an unfilled CLI skeleton. Placeholders are defined
#   once, in Go (internal/unresolved, the ecslint.unresolved and
#   ecslint.literal builtins); internal/secrets uses the same definition.
#   A blank string elsewhere is what ECS reads it as: a field not set.
#
#   An unresolved value never causes a finding, and never hides one that
#   its literal parts prove: literal(s) replaces each placeholder by hole,
#   so a parser can read "{{REGISTRY}}/app:latest" as an image with the
#   latest tag from an unknown registry.
package ecslint.lib.values

# x is not a value ecslint knows, wholly or in part. Non-strings other than
# intrinsic objects are known.
unresolved(x) if ecslint.unresolved(x)

unresolved(x) if {
	skeleton
	_blank(x)
}

# The input is an unfilled CLI skeleton (aws ecs register-task-definition
# or create-service --generate-cli-skeleton): the name that identifies it
# is blank, so its blank strings are fields to fill in, not settings.
skeleton if {
	input.kind == "TaskDefinition"
	_blank(input.resource.family)
}

skeleton if {
	input.kind == "Service"
	_blank(input.resource.serviceName)
}

# x is set (present, not null, not blank) and known.
known(x) if {
	is_set(x)
	not unresolved(x)
}

# s with every placeholder replaced by hole; undefined for non-strings.
literal(s) := ecslint.literal(s)

# What literal writes in place of a placeholder (U+E000, which no AWS field
# accepts).
hole := "\ue000"

# A part of a literal(...) string (a registry, a tag, an ARN's account)
# holds unknown text.
has_hole(s) if contains(s, hole)

# Set: present, not null and not a blank string (generate-cli-skeleton
# writes "" everywhere). Placeholders are set.
is_set(x) if {
	x != null
	not _blank(x)
}

_blank(x) if {
	is_string(x)
	trim_space(x) == ""
}

# true, or the string "true" some IaC tools write for a boolean.
is_true(v) if v == true

is_true(v) if {
	is_string(v)
	lower(trim_space(v)) == "true"
}

# A port or other integer field as a number: JSON numbers, and digit
# strings (CloudFormation passes integers as strings). Undefined for
# placeholders.
number(v) := v if is_number(v)

number(v) := to_number(trim_space(v)) if {
	is_string(v)
	regex.match(`^\s*-?[0-9]+(\.[0-9]+)?\s*$`, v)
}
