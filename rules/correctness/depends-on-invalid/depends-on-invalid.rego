# METADATA
# title: Container dependency that cannot be satisfied
# description: |
#   dependsOn orders container startup. ECS rejects, or can never start, a task
#   whose dependency names a container that does not exist or the container
#   itself, forms a cycle, waits for HEALTHY on a container without a health
#   check, or waits for COMPLETE or SUCCESS on an essential container (whose
#   exit stops the task).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html
#     description: ContainerDependency (Amazon ECS API reference)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_dependson
#     description: Container dependency in task definition parameters
# custom:
#   severity: high
#   remediation: Make every dependsOn entry name another container of the task without forming a cycle, give HEALTHY targets a healthCheck, and use COMPLETE or SUCCESS only on non-essential containers.
#   resources: [TaskDefinition, ContainerDefinitions]
package ecslint.rules.correctness["depends-on-invalid"]

import data.ecslint.lib.containers

_defs := input.resource.containerDefinitions

# Names of the containers, as written.
_names := {c.name | some c in _defs; is_string(c.name)}

# dependsOn entries with a concrete container name: [i, k, container, target].
_deps contains [i, k, c, d.containerName] if {
	some i, c in _defs
	some k, d in c.dependsOn
	containers.is_concrete_name(d.containerName)
}

_path(i, k, field) := ["resource", "containerDefinitions", i, "dependsOn", k, field]

report contains {
	"message": sprintf("container %s depends on %q, which the task definition does not define", [containers.display_name(c, i), t]),
	"path": _path(i, k, "containerName"),
} if {
	some [i, k, c, t] in _deps
	not t in _names

	# A placeholder name might be the one meant.
	not containers.has_placeholder_name(input.resource)
}

report contains {
	"message": sprintf("container %q depends on itself", [t]),
	"path": _path(i, k, "containerName"),
} if {
	some [i, k, c, t] in _deps
	c.name == t
}

report contains {
	"message": sprintf("container %s waits for %q to be HEALTHY, but %q has no healthCheck", [containers.display_name(c, i), t, t]),
	"path": _path(i, k, "condition"),
} if {
	some [i, k, c, t] in _deps
	c.name != t
	_condition(c.dependsOn[k]) == "HEALTHY"
	t in _names
	not _health_checked(t)
}

report contains {
	"message": sprintf("container %s waits for essential container %q to %s, but the task stops when an essential container exits", [containers.display_name(c, i), t, cond]),
	"path": _path(i, k, "condition"),
} if {
	some [i, k, c, t] in _deps
	c.name != t
	cond := _condition(c.dependsOn[k])
	cond in {"COMPLETE", "SUCCESS"}
	t in _names
	_essential(t)
}

# One finding per cycle (strongly connected set of containers), at the first
# dependsOn entry, in name order, that points into it.
report contains {
	"message": sprintf("containers %s depend on each other in a cycle, so none of them can start", [concat(", ", [sprintf("%q", [n]) | some n in names])]),
	"path": _path(p[0], p[1], "containerName"),
} if {
	some scc in _cycles
	names := sort(scc)
	p := min({[i, k] |
		some [i, k, c, t] in _deps
		c.name == names[0]
		t in scc
	})
}

_condition(d) := upper(d.condition) if is_string(d.condition)

# Some container of that name has a health check.
_health_checked(name) if {
	some c in _defs
	c.name == name
	containers.has_health_check(c)
}

# Some container of that name is essential: true or omitted. A placeholder
# value is left alone.
_essential(name) if {
	some c in _defs
	c.name == name
	containers.essential(c)
	object.get(c, "essential", true) in {true, "true"}
}

# name -> the other existing containers it depends on. Self-dependencies are
# reported on their own and left out of the graph.
_graph[name] := {t |
	some [_, _, c, t] in _deps
	c.name == name
	t in _names
	t != name
} if {
	some name in _names
}

# Containers reachable from name in one or more steps.
_reach(name) := graph.reachable(_graph, _graph[name])

# A cycle takes two dependsOn entries at least (self-dependencies are not
# in the graph): most task definitions have fewer and skip the search.
_cycles contains {m |
	some m in _reach(name)
	name in _reach(m)
} if {
	count(_deps) > 1
	some name in _names
	name in _reach(name)
}
