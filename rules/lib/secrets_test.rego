package ecslint.lib.secrets_test

import data.ecslint.lib.secrets

# What is found is tested in Go (internal/secrets); these tests pin the
# builtins' contract with Rego: positions, non-string values, undefined.

test_environment_kinds_positions if {
	secrets.environment_kinds([
		{"name": "LOG_LEVEL", "value": "info"},
		{"name": "DB_PASSWORD", "value": "hunter2"},
		{"name": "API_KEY", "value": "${API_KEY}"},
		{"value": "AKIAIOSFODNN7EXAMPLE"},
	]) == [[1, "holds a plain-text password"], [3, "holds an AWS access key ID"]]
}

test_environment_kinds_not_a_list if {
	secrets.environment_kinds(null) == []
	secrets.environment_kinds("DB_PASSWORD=hunter2") == []
	secrets.environment_kinds([null, "x", {"name": 1, "value": 2}]) == []
}

test_argument_kinds_flag_pairs if {
	secrets.argument_kinds(["app", "--password", "hunter2", "--port", "8080"]) == [[2, "is a plain-text password passed to \"--password\""]]
	secrets.argument_kinds(["app", "--password", "$1"]) == []
	secrets.argument_kinds("sh -c x") == []
}

test_entry_kinds_keys if {
	secrets.entry_kinds({"apikey": "0123456789abcdef", "Name": "datadog", "Header": "X-Honeycomb-Team 0123456789abcdef0123"}) == [
		["Header", "carries a credential in the HTTP header \"X-Honeycomb-Team\""],
		["apikey", "holds a plain-text API key"],
	]
	secrets.entry_kinds({"apikey": {"Ref": "Key"}}) == []
	secrets.entry_kinds(["apikey"]) == []
}

test_display_name if {
	secrets.display_name("DB_PASSWORD") == "\"DB_PASSWORD\""
	not secrets.display_name("DB_PASSWORD=hunter2")
	not secrets.display_name(null)
}
