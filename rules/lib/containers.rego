# METADATA
# title: Container definitions
# description: |
#   Reading containerDefinitions the way ECS and Docker do: how a message
#   names a container, names that are concrete values, the defaults of
#   essential, health checks, the awslogs driver, root and administrator
#   users, Linux capabilities, sysctl namespaces and hard memory limits.
#   Values a template fills in later are never judged.
package ecslint.lib.containers

import data.ecslint.lib.units
import data.ecslint.lib.values

# --- Names --------------------------------------------------------------------

# How a message names container i: its name, quoted, or
# containerDefinitions[i] when it has none. The one way every rule names a
# container.
display_name(c, _) := sprintf("%q", [c.name]) if _named(c)

display_name(c, i) := sprintf("containerDefinitions[%d]", [i]) if not _named(c)

_named(c) if {
	is_string(c.name)
	trim_space(c.name) != ""
}

# A name that is a concrete value: a known, non-blank string. Rules
# comparing names leave placeholders alone.
is_concrete_name(n) if {
	is_string(n)
	values.known(n)
}

# The task definition has a container whose name is not a concrete value:
# any reference by name might point at it.
has_placeholder_name(td) if {
	some c in td.containerDefinitions
	not is_concrete_name(object.get(c, "name", null))
}

# --- Paths --------------------------------------------------------------------

# The path of a field below container i, present or not: for an absent
# field the engine reports its nearest existing parent, marked as such.
path(i, fields) := array.concat(["resource", "containerDefinitions", i], fields)

# --- Settings -----------------------------------------------------------------

# essential is true when omitted.
essential(c) if object.get(c, "essential", true) != false

# A container health check declared in the task definition (a Docker
# HEALTHCHECK in the image does not count: ECS ignores it).
has_health_check(c) if is_object(c.healthCheck)

# The container logs with the awslogs driver.
uses_awslogs(c) if {
	is_string(c.logConfiguration.logDriver)
	lower(trim_space(c.logConfiguration.logDriver)) == "awslogs"
}

# --- Users --------------------------------------------------------------------

# The user part of "user", "user:group", "uid" or "uid:gid".
_user_part(u) := trim_space(split(u, ":")[0]) if is_string(u)

_user_part(u) := sprintf("%v", [u]) if is_number(u)

# The container sets a user ECS can judge: a known, non-blank string, or a
# number (YAML "user: 1000").
has_user(c) if {
	is_string(c.user)
	values.known(c.user)
}

has_user(c) if is_number(c.user)

# user is present and not null; whether it names root is for the user
# part to say, and a placeholder never does.
_user_given(c) if c.user != null

# Linux: the container runs as root when no user is set (the image's USER
# is not looked at, as Security Hub ECS.20 does) or when the user part is
# root, 0 or empty ("" and ":1000" keep the image's user). A user that is a
# placeholder is unknown.
linux_root(c) if not _user_given(c)

linux_root(c) if {
	not values.unresolved(c.user)
	_user_part(c.user) in {"root", "0", ""}
}

# Windows: the container runs as ContainerAdministrator (any letter case),
# also when no user is set (Security Hub ECS.21).
windows_admin(c) if not _user_given(c)

windows_admin(c) if {
	not values.unresolved(c.user)
	lower(_user_part(c.user)) in {"containeradministrator", ""}
}

# --- Capabilities -------------------------------------------------------------

# A capability name as ECS spells it: upper case, without the CAP_ prefix
# Docker also accepts.
_capability(name) := trim_prefix(upper(trim_space(name)), "CAP_") if is_string(name)

# Capabilities that give a container control over the host or other
# workloads when added (ECS best practices). NET_RAW is not here: Docker
# grants it by default. SYS_PTRACE is harmless on Fargate (the only add
# Fargate accepts), so rules decide on it by launch type.
powerful_capabilities := {
	"ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE", "SYS_BOOT",
	"SYS_TIME", "NET_ADMIN", "DAC_READ_SEARCH", "MAC_ADMIN",
}

# [j, name] for every known entry of linuxParameters.capabilities.add.
added_capabilities(c) := {[j, _capability(a)] |
	some j, a in object.get(c, ["linuxParameters", "capabilities", "add"], [])
	values.known(a)
}

# capabilities.drop contains ALL.
drops_all(c) if {
	some d in object.get(c, ["linuxParameters", "capabilities", "drop"], [])
	_capability(d) == "ALL"
}

# The drop list, one of its entries, or an object above it is left to a
# template or an IaC reference: whether it drops ALL is unknown.
drops_unresolved(c) if {
	some fields in [["linuxParameters"], ["linuxParameters", "capabilities"], ["linuxParameters", "capabilities", "drop"]]
	values.unresolved(object.get(c, fields, null))
}

drops_unresolved(c) if {
	some d in object.get(c, ["linuxParameters", "capabilities", "drop"], [])
	values.unresolved(d)
}

# --- System controls ----------------------------------------------------------

# The kernel namespace a sysctl belongs to, as ECS and Docker accept them:
# "net" (network namespace), "ipc" (the IPC list of the ECS API) or
# "other" (not namespaced, so not settable per container). Slashes are
# accepted as separators like the sysctl command does.
sysctl_namespace(name) := "net" if startswith(_sysctl(name), "net.")

sysctl_namespace(name) := "ipc" if _ipc_sysctl(_sysctl(name))

sysctl_namespace(name) := "other" if {
	s := _sysctl(name)
	not startswith(s, "net.")
	not _ipc_sysctl(s)
}

_sysctl(name) := replace(lower(trim_space(name)), "/", ".") if is_string(name)

_ipc_sysctl(s) if startswith(s, "fs.mqueue.")

_ipc_sysctl(s) if startswith(s, "kernel.msg")

_ipc_sysctl(s) if startswith(s, "kernel.shm")

_ipc_sysctl("kernel.sem")

# --- Memory -------------------------------------------------------------------

# The container sets a hard memory limit (container "memory", in MiB), or a
# value a template fills in.
has_memory_limit(c) if units.memory_mib(c.memory) > 0

has_memory_limit(c) if values.unresolved(c.memory)

# The task sets task-level memory, or a value a template fills in.
has_task_memory(td) if units.memory_mib(td.memory) > 0

has_task_memory(td) if values.unresolved(td.memory)
