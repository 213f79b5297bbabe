# METADATA
# title: Container runtime hardening
# description: |
#   How ECS and Docker read the runtime settings of a container: the OS the
#   task runs (declared, or inferred from Windows images when undeclared),
#   root and administrator users, Linux capabilities, sysctl namespaces, and
#   hard memory limits. Values a template fills in later are never judged.
package ecslint.lib.hardening

import data.ecslint.lib.ecs
import data.ecslint.lib.units
import data.ecslint.lib.volumes

# --- containers -------------------------------------------------------------

# The container's name for messages, or its index when it has none.
container_name(c, _) := c.name if _named(c)

container_name(c, i) := sprintf("#%d", [i]) if not _named(c)

_named(c) if {
	is_string(c.name)
	c.name != ""
	not volumes.unresolved(c.name)
}

# The path of a container field when the field is present, else of the
# container (the engine then reports the container's line).
container_path(c, i, field) := ["resource", "containerDefinitions", i, field] if field in object.keys(c)

container_path(c, i, field) := ["resource", "containerDefinitions", i] if not field in object.keys(c)

# The deepest present prefix of a nested field path below container i, e.g.
# ["linuxParameters", "capabilities", "drop"].
# A prefix holds a value only if the shorter ones do, so the deepest present
# prefix is as long as the number of present non-empty prefixes.
nested_path(c, i, fields) := array.concat(["resource", "containerDefinitions", i], array.slice(fields, 0, n)) if {
	n := count([k |
		some k in numbers.range(1, count(fields))
		object.get(c, array.slice(fields, 0, k), null) != null
	])
}

# true, or the string "true" some IaC tools write for a boolean.
is_true(v) if v == true

is_true(v) if {
	is_string(v)
	lower(trim_space(v)) == "true"
}

# --- operating system -------------------------------------------------------

# A Windows task: declared in runtimePlatform, or, when no OS family is
# declared (EC2 Windows samples rarely declare one), a container runs a
# Windows image or Windows PowerShell / cmd. ECS would run these only on
# Windows instances, where the Linux-only settings do not apply.
windows(td) if ecs.is_windows(td)

windows(td) if {
	not _declares_os(td)
	some c in td.containerDefinitions
	_windows_container(c)
}

linux(td) if not windows(td)

# windows and linux of the input's task definition, as rules: OPA caches a
# rule for the whole evaluation, an undefined result included, but not an
# undefined function result, so every rule asking `windows(input.resource)`
# of a Linux task would scan its containers again.
input_windows if windows(input.resource)

input_linux if not input_windows

_declares_os(td) if volumes.is_set(td.runtimePlatform.operatingSystemFamily)

_windows_container(c) if {
	is_string(c.image)
	regex.match(`(?i)(^|[/:_.-])(windows|windowsservercore|servercore|nanoserver|ltsc20[0-9]{2})([/:_.-]|$)|^(microsoft/iis|mcr\.microsoft\.com/dotnet/framework/)`, c.image)
}

_windows_container(c) if {
	some field in ["entryPoint", "command"]
	is_string(c[field][0])
	lower(trim_space(c[field][0])) in {"powershell", "powershell.exe", "cmd", "cmd.exe"}
}

# --- users ------------------------------------------------------------------

# The user part of "user", "user:group", "uid" or "uid:gid".
user_part(u) := trim_space(split(u, ":")[0]) if is_string(u)

user_part(u) := sprintf("%v", [u]) if is_number(u)

# The container sets a user ECS can judge: a non-blank string without a
# template placeholder, or a number (YAML "user: 1000").
has_user(c) if {
	is_string(c.user)
	volumes.is_set(c.user)
	not volumes.unresolved(c.user)
}

has_user(c) if is_number(c.user)

# A user is set but only a template or IaC reference knows it.
user_unresolved(c) if {
	volumes.unresolved(c.user)
	not is_number(c.user)
}

# user is present and not null. That is all linux_root and windows_admin
# ask before the user part: has_user and user_unresolved would only sort a
# given user into blank (the user part decides), placeholder (never root)
# and IaC value (never root), at a regular expression per container.
_user_given(c) if c.user != null

# Linux: the container runs as root when no user is set (the image's USER
# is not looked at, as Security Hub ECS.20 does) or when the user part is
# root, 0 or empty (":1000" keeps the image's user).
linux_root(c) if not _user_given(c)

linux_root(c) if user_part(c.user) in {"root", "0", ""}

# Windows: the container runs as ContainerAdministrator (any letter case),
# also when no user is set (Security Hub ECS.21).
windows_admin(c) if not _user_given(c)

windows_admin(c) if {
	is_string(c.user)
	trim_space(c.user) == ""
}

windows_admin(c) if lower(user_part(c.user)) == "containeradministrator"

# --- capabilities -----------------------------------------------------------

# A capability name as ECS spells it: upper case, without the CAP_ prefix
# Docker also accepts.
capability(name) := trim_prefix(upper(trim_space(name)), "CAP_") if is_string(name)

# Capabilities that give a container control over the host or other
# workloads when added (ECS best practices). NET_RAW is not here: Docker
# grants it by default. SYS_PTRACE is harmless on Fargate (the only add
# Fargate accepts), so rules decide on it by launch type.
powerful_capabilities := {
	"ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE", "SYS_BOOT",
	"SYS_TIME", "NET_ADMIN", "DAC_READ_SEARCH", "MAC_ADMIN",
}

# [j, name] for every resolved entry of linuxParameters.capabilities.add.
added_capabilities(c) := {[j, capability(a)] |
	some j, a in object.get(c, ["linuxParameters", "capabilities", "add"], [])
	volumes.is_set(a)
	not volumes.unresolved(a)
}

# capabilities.drop contains ALL.
drops_all(c) if {
	some d in object.get(c, ["linuxParameters", "capabilities", "drop"], [])
	capability(d) == "ALL"
}

# The drop list, or one of its entries, is left to a template or an IaC
# reference: whether it drops ALL is unknown.
drops_unresolved(c) if placeholder(object.get(c, ["linuxParameters", "capabilities", "drop"], null))

drops_unresolved(c) if {
	some d in object.get(c, ["linuxParameters", "capabilities", "drop"], [])
	placeholder(d)
}

drops_unresolved(c) if placeholder(object.get(c, ["linuxParameters", "capabilities"], null))

drops_unresolved(c) if placeholder(object.get(c, "linuxParameters", null))

# A value a template or IaC tool fills in later: a string with a template
# placeholder, or a CloudFormation intrinsic ({"Ref": ...}, {"Fn::If": ...}).
placeholder(x) if {
	is_string(x)
	volumes.unresolved(x)
}

placeholder(x) if {
	is_object(x)
	some k in object.keys(x)
	_intrinsic(k)
}

_intrinsic("Ref")

_intrinsic(k) if startswith(k, "Fn::")

# --- system controls --------------------------------------------------------

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

# --- memory -----------------------------------------------------------------

# The container sets a hard memory limit (container "memory", in MiB), or a
# value a template fills in.
has_memory_limit(c) if units.memory_mib(c.memory) > 0

has_memory_limit(c) if placeholder(c.memory)

# The task sets task-level memory, or a value a template fills in.
has_task_memory(td) if units.memory_mib(td.memory) > 0

has_task_memory(td) if placeholder(td.memory)
