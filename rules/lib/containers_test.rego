package ecslint.lib.containers_test

import data.ecslint.lib.containers

_c(extra) := object.union({"name": "app", "image": "nginx:1.27"}, extra)

# names

test_display_name if {
	containers.display_name({"name": "web"}, 0) == "\"web\""
	containers.display_name({"name": "{{ .Name }}"}, 0) == "\"{{ .Name }}\""
	containers.display_name({"image": "nginx"}, 2) == "containerDefinitions[2]"
	containers.display_name({"name": {"Ref": "Name"}}, 1) == "containerDefinitions[1]"
	containers.display_name({"name": ""}, 3) == "containerDefinitions[3]"
	containers.display_name({"name": "  "}, 4) == "containerDefinitions[4]"
}

test_is_concrete_name if {
	containers.is_concrete_name("web")
	not containers.is_concrete_name("")
	not containers.is_concrete_name("  ")
	not containers.is_concrete_name("${name}")
	not containers.is_concrete_name("{{ .Name }}")
	not containers.is_concrete_name("$$$NAME$$$")
	not containers.is_concrete_name("web-${ENV}")
	not containers.is_concrete_name(42)
	not containers.is_concrete_name(null)
}

test_has_placeholder_name if {
	containers.has_placeholder_name({"containerDefinitions": [{"name": "web"}, {"name": "${sidecar}"}]})
	containers.has_placeholder_name({"containerDefinitions": [{"image": "nginx"}]})
	not containers.has_placeholder_name({"containerDefinitions": [{"name": "web"}, {"name": "log"}]})
}

test_path if {
	containers.path(1, ["user"]) == ["resource", "containerDefinitions", 1, "user"]
	containers.path(0, ["linuxParameters", "capabilities", "drop"]) == ["resource", "containerDefinitions", 0, "linuxParameters", "capabilities", "drop"]
}

# settings

test_essential if {
	containers.essential({"name": "a"})
	containers.essential({"name": "a", "essential": true})
	containers.essential({"name": "a", "essential": "${ESSENTIAL}"})
	not containers.essential({"name": "a", "essential": false})
}

test_has_health_check if {
	containers.has_health_check({"healthCheck": {"command": ["CMD", "true"]}})
	not containers.has_health_check({"name": "web"})
	not containers.has_health_check({"healthCheck": null})
}

test_uses_awslogs if {
	containers.uses_awslogs({"logConfiguration": {"logDriver": "awslogs"}})
	containers.uses_awslogs({"logConfiguration": {"logDriver": " AWSLOGS "}})
	not containers.uses_awslogs({"logConfiguration": {"logDriver": "awsfirelens"}})
	not containers.uses_awslogs({"logConfiguration": {"logDriver": "${DRIVER}"}})
	not containers.uses_awslogs({"name": "web"})
}

# users

test_user_part if {
	containers._user_part("root:root") == "root"
	containers._user_part("1000:0") == "1000"
	containers._user_part("app") == "app"
	containers._user_part(0) == "0"
}

test_linux_root if {
	every user in ["root", "0", "root:root", "0:0", "0:1000", ":1000"] {
		containers.linux_root(_c({"user": user}))
	}
	containers.linux_root(_c({}))
	containers.linux_root(_c({"user": null}))
	containers.linux_root(_c({"user": 0}))
}

test_linux_non_root if {
	every user in ["1000", "app", "1000:0", "nobody", "rootless", "ROOT", 1000] {
		not containers.linux_root(_c({"user": user}))
	}
}

# Placeholders, fully or partly: unknown, never root ("root" would be root
# whatever follows the colon, but a group placeholder is rare enough to
# leave unjudged).
test_linux_user_unresolved if {
	every user in ["${APP_USER}", "{{user}}", "$$$USER$$$", "<USER>", {"Ref": "User"}, "root:${GROUP}"] {
		not containers.linux_root(_c({"user": user}))
		not containers.has_user(_c({"user": user}))
	}
}

# A blank user keeps the image's user; in an unfilled CLI skeleton it is a
# user left to fill in.
test_blank_user if {
	containers.linux_root(_c({"user": ""}))
	not containers.has_user(_c({"user": " "}))
	not containers.linux_root(_c({"user": ""})) with input as {"kind": "TaskDefinition", "resource": {"family": ""}}
}

test_has_user if {
	containers.has_user(_c({"user": "1000"}))
	containers.has_user(_c({"user": "root"}))
	containers.has_user(_c({"user": 0}))
	not containers.has_user(_c({}))
}

test_windows_admin if {
	containers.windows_admin(_c({}))
	containers.windows_admin(_c({"user": "ContainerAdministrator"}))
	containers.windows_admin(_c({"user": "containeradministrator"}))
	not containers.windows_admin(_c({"user": "ContainerUser"}))
	not containers.windows_admin(_c({"user": "${USER}"}))
	containers.windows_admin(_c({"user": ""}))
}

# capabilities

test_capability if {
	containers._capability("sys_admin") == "SYS_ADMIN"
	containers._capability("CAP_NET_ADMIN") == "NET_ADMIN"
	containers._capability(" ALL ") == "ALL"
}

test_added_capabilities if {
	c := _c({"linuxParameters": {"capabilities": {"add": ["SYS_ADMIN", "", "${CAP}", "cap_net_raw", 7, "CAP_${X}"]}}})
	containers.added_capabilities(c) == {[0, "SYS_ADMIN"], [3, "NET_RAW"]}
	containers.added_capabilities(_c({})) == set()
}

test_powerful_capabilities if {
	"SYS_ADMIN" in containers.powerful_capabilities
	not "NET_RAW" in containers.powerful_capabilities
	not "IPC_LOCK" in containers.powerful_capabilities
}

test_drops_all if {
	containers.drops_all(_c({"linuxParameters": {"capabilities": {"drop": ["ALL"]}}}))
	containers.drops_all(_c({"linuxParameters": {"capabilities": {"drop": ["MKNOD", "all"]}}}))
	not containers.drops_all(_c({"linuxParameters": {"capabilities": {"drop": ["MKNOD"]}}}))
	not containers.drops_all(_c({"linuxParameters": {"capabilities": {"add": ["ALL"]}}}))
	not containers.drops_all(_c({}))
}

test_drops_unresolved if {
	containers.drops_unresolved(_c({"linuxParameters": {"capabilities": {"drop": ["${DROP}"]}}}))
	containers.drops_unresolved(_c({"linuxParameters": {"capabilities": {"drop": "${DROPS}"}}}))
	containers.drops_unresolved(_c({"linuxParameters": {"capabilities": {"drop": {"Ref": "Drop"}}}}))
	containers.drops_unresolved(_c({"linuxParameters": {"Fn::If": ["C", {}, {}]}}))
	not containers.drops_unresolved(_c({"linuxParameters": {"capabilities": {"drop": ["MKNOD"]}}}))
	not containers.drops_unresolved(_c({"linuxParameters": {}}))
	not containers.drops_unresolved(_c({}))
}

# system controls

test_sysctl_namespace if {
	containers.sysctl_namespace("net.ipv4.tcp_keepalive_time") == "net"
	containers.sysctl_namespace("net/core/somaxconn") == "net"
	containers.sysctl_namespace("kernel.shmmax") == "ipc"
	containers.sysctl_namespace("kernel.msgmnb") == "ipc"
	containers.sysctl_namespace("kernel.sem") == "ipc"
	containers.sysctl_namespace("fs.mqueue.msg_max") == "ipc"
	containers.sysctl_namespace("vm.max_map_count") == "other"
	containers.sysctl_namespace("kernel.pid_max") == "other"
	containers.sysctl_namespace("kernel.semx") == "other"
	containers.sysctl_namespace("fs.file-max") == "other"
	not containers.sysctl_namespace(7)
}

# memory

test_has_memory_limit if {
	containers.has_memory_limit(_c({"memory": 512}))
	containers.has_memory_limit(_c({"memory": "512"}))
	containers.has_memory_limit(_c({"memory": "${MEMORY}"}))
	containers.has_memory_limit(_c({"memory": {"Ref": "Memory"}}))
	not containers.has_memory_limit(_c({"memory": 0}))
	not containers.has_memory_limit(_c({"memory": null}))
	not containers.has_memory_limit(_c({"memoryReservation": 256}))
	not containers.has_memory_limit(_c({}))
}

test_has_task_memory if {
	containers.has_task_memory({"memory": "2 GB"})
	containers.has_task_memory({"memory": "1024"})
	containers.has_task_memory({"memory": "{{memory}}"})
	not containers.has_task_memory({"memory": ""})
	containers.has_task_memory({"memory": ""}) with input as {"kind": "TaskDefinition", "resource": {"family": ""}}
	not containers.has_task_memory({"memory": "0"})
	not containers.has_task_memory({})
}
