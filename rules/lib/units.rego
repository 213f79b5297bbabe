# METADATA
# title: CPU and memory values as ECS parses them
# description: |
#   Task-level cpu and memory are strings: integers ("1024", "2048") or unit
#   forms ("1 vCPU", ".25 vcpu", "2 GB", "2GB"), converted by ECS at
#   registration. Container-level values are integers.
package ecslint.lib.units

# cpu_units("1 vCPU") == 1024; cpu_units("512") == 512; cpu_units(256) == 256.
# Undefined for anything else (placeholders, negative numbers, other units).
#
# The forms exclude each other, so an else chain gives what separate
# definitions gave while stopping at the first form that applies: OPA
# evaluates every definition of a function, and each string form is a
# regular expression (several µs). The unit forms run their expression only
# on strings that contain the unit (lower and contains, ~0.1 µs; lower only
# ever adds candidates, the expression decides).
cpu_units(v) := v if {
	is_number(v)
} else := _integer(v) if {
	is_string(v)
} else := round(_scaled(v, `[vV][cC][pP][uU]`) * 1024) if {
	is_string(v)
	contains(lower(v), "vcpu")
}

# memory_mib("2 GB") == 2048; memory_mib("512") == 512; memory_mib("512 MB") == 512.
memory_mib(v) := v if {
	is_number(v)
} else := _integer(v) if {
	is_string(v)
} else := round(_scaled(v, `[gG][bB]`) * 1024) if {
	is_string(v)
	contains(lower(v), "gb")
} else := _integer(n) if {
	is_string(v)
	contains(lower(v), "mb")
	some m in regex.find_all_string_submatch_n(`^\s*([0-9]+)\s*[mM][bB]\s*$`, v, 1)
	n := m[1]
}

# A string of digits. to_number rejects leading zeros ("0512"), so they are
# dropped; one digit always stays.
_integer(v) := to_number(m[1]) if {
	is_string(v)
	some m in regex.find_all_string_submatch_n(`^\s*0*([0-9]+)\s*$`, v, 1)
}

# The number before a unit, a decimal that may start with "." (".25 vCPU").
# to_number rejects ".25" and "00.5": leading zeros are dropped and a bare
# "." gets one back.
_scaled(v, unit) := to_number(_leading_zero(m[1])) if {
	is_string(v)
	some m in regex.find_all_string_submatch_n(concat("", [`^\s*0*([0-9]*\.?[0-9]+)\s*`, unit, `\s*$`]), v, 1)
}

_leading_zero(s) := concat("", ["0", s]) if startswith(s, ".")

_leading_zero(s) := s if not startswith(s, ".")
