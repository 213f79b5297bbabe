# METADATA
# title: Values ecslint knows and values it does not
# description: |
#   The one test of an unresolved value, used by every rule: a placeholder a
#   deploy tool fills in ({{ .Env.TAG }}, ${VAR}, $VAR, <PLACEHOLDER>,
#   #{Var}, __TOKEN__, %VAR%, @@VAR@@, $$$VAR$$$, ...), the canonical
#   unknown value a source writes for what it cannot evaluate
#   (${var.image}, ${AWS::AccountId}), a CloudFormation intrinsic object, or
#   the blank string of a CLI skeleton. It is defined once, in Go
#   (internal/unresolved, the ecslint.unresolved and ecslint.literal
#   builtins); internal/secrets uses the same definition.
#
#   An unresolved value never causes a finding, and never hides one that
#   its literal parts prove: literal(s) replaces each placeholder by hole,
#   so a parser can read "{{REGISTRY}}/app:latest" as an image with the
#   latest tag from an unknown registry.
package ecslint.lib.values

# x is not a value ecslint knows, wholly or in part. Non-strings other than
# intrinsic objects are known.
unresolved(x) if ecslint.unresolved(x)

# x is present, not null, and known.
known(x) if {
	x != null
	not ecslint.unresolved(x)
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
