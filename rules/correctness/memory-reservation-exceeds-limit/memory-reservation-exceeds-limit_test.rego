package ecslint.rules.correctness["memory-reservation-exceeds-limit_test"]

import data.ecslint.rules.correctness["memory-reservation-exceeds-limit"] as rule

_in(containers) := {
	"kind": "TaskDefinition",
	"name": "app:1",
	"resource": {"family": "app", "containerDefinitions": containers},
	"related": {"services": [], "instanceRoles": []},
}

_report(containers) := r if {
	r := rule.report with input as _in(containers)
}

test_fail_reservation_above_limit if {
	r := _report([
		{"name": "app", "image": "app:1", "memory": 512, "memoryReservation": 256},
		{"name": "worker", "image": "worker:1", "memory": 256, "memoryReservation": 512},
	])
	count(r) == 1
	some f in r
	f.path == ["resource", "containerDefinitions", 1, "memoryReservation"]
	contains(f.message, `"worker"`)
	contains(f.message, "512 MiB")
}

test_fail_on_fargate if {
	r := rule.report with input as object.union(_in([{"name": "app", "memory": 100, "memoryReservation": 200}]), {"resource": {"requiresCompatibilities": ["FARGATE"]}})
	count(r) == 1
}

test_pass_reservation_below_or_equal if {
	count(_report([{"name": "app", "memory": 512, "memoryReservation": 256}])) == 0
	count(_report([{"name": "app", "memory": 512, "memoryReservation": 512}])) == 0
}

test_pass_one_value if {
	count(_report([{"name": "app", "memoryReservation": 4096}])) == 0
	count(_report([{"name": "app", "memory": 64}])) == 0
	count(_report([{"name": "app"}])) == 0
}

test_pass_placeholders if {
	count(_report([{"name": "app", "memory": "${MEMORY}", "memoryReservation": 512}])) == 0
	count(_report([{"name": "app", "memory": 256, "memoryReservation": {"Ref": "Reservation"}}])) == 0
	count(_report([{"name": "app", "memory": null, "memoryReservation": 512}])) == 0
}
