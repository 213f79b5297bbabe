package ecslint.lib.hardening_test

import data.ecslint.lib.hardening

_c(extra) := object.union({"name": "app", "image": "nginx:1.27"}, extra)

_td(extra, containers) := object.union({"family": "app", "containerDefinitions": containers}, extra)

# containers

test_container_name if {
	hardening.container_name(_c({}), 0) == "app"
	hardening.container_name({"image": "x"}, 2) == "#2"
	hardening.container_name({"name": "", "image": "x"}, 1) == "#1"
	hardening.container_name({"name": "<PLACEHOLDER>"}, 0) == "#0"
	hardening.container_name({"name": {"Ref": "Name"}}, 3) == "#3"
}

test_container_path if {
	hardening.container_path(_c({"user": "root"}), 1, "user") == ["resource", "containerDefinitions", 1, "user"]
	hardening.container_path(_c({}), 1, "user") == ["resource", "containerDefinitions", 1]
}

test_nested_path if {
	fields := ["linuxParameters", "capabilities", "drop"]
	hardening.nested_path(_c({}), 0, fields) == ["resource", "containerDefinitions", 0]
	hardening.nested_path(_c({"linuxParameters": {}}), 0, fields) == ["resource", "containerDefinitions", 0, "linuxParameters"]
	hardening.nested_path(_c({"linuxParameters": {"capabilities": {"add": ["X"]}}}), 0, fields) == ["resource", "containerDefinitions", 0, "linuxParameters", "capabilities"]
	hardening.nested_path(_c({"linuxParameters": {"capabilities": {"drop": []}}}), 0, fields) == ["resource", "containerDefinitions", 0, "linuxParameters", "capabilities", "drop"]
}

test_is_true if {
	hardening.is_true(true)
	hardening.is_true("true")
	hardening.is_true(" TRUE ")
	not hardening.is_true(false)
	not hardening.is_true("false")
	not hardening.is_true(1)
	not hardening.is_true(null)
}

# operating system

test_windows_declared if {
	hardening.windows(_td({"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}}, [_c({})]))
	not hardening.windows(_td({"runtimePlatform": {"operatingSystemFamily": "LINUX"}}, [_c({"image": "mcr.microsoft.com/windows/servercore/iis"})]))
	hardening.linux(_td({}, [_c({})]))
}

test_windows_inferred_from_image if {
	every image in [
		"mcr.microsoft.com/windows/servercore/iis",
		"mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019",
		"microsoft/iis",
		"public.ecr.aws/aws-observability/aws-for-fluent-bit:windowsservercore-latest",
		"amazon-ecs-ftest-windows-base:make",
		"mcr.microsoft.com/dotnet/framework/aspnet:4.8",
		"mcr.microsoft.com/windows/nanoserver:ltsc2022",
	] {
		hardening.windows(_td({}, [_c({"image": image})]))
	}
}

test_windows_inferred_from_shell if {
	hardening.windows(_td({}, [_c({"entryPoint": ["powershell", "-Command"]})]))
	hardening.windows(_td({}, [_c({"command": ["cmd.exe", "/c", "dir"]})]))
}

test_linux_images_not_windows if {
	every image in [
		"nginx:1.27",
		"public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
		"mcr.microsoft.com/dotnet/aspnet:8.0",
		"mcr.microsoft.com/powershell:latest",
		"example/windowsless:1",
		"<PLACEHOLDER>",
	] {
		hardening.linux(_td({}, [_c({"image": image})]))
	}
	hardening.linux(_td({}, [_c({"image": {"Ref": "Image"}, "entryPoint": ["sh", "-c"]})]))
}

# users

test_user_part if {
	hardening.user_part("root:root") == "root"
	hardening.user_part("1000:0") == "1000"
	hardening.user_part("app") == "app"
	hardening.user_part(0) == "0"
}

test_linux_root if {
	every user in ["root", "0", "root:root", "0:0", "0:1000", ":1000", "", " "] {
		hardening.linux_root(_c({"user": user}))
	}
	hardening.linux_root(_c({}))
	hardening.linux_root(_c({"user": null}))
	hardening.linux_root(_c({"user": 0}))
}

test_linux_non_root if {
	every user in ["1000", "app", "1000:0", "nobody", "rootless", "ROOT", 1000] {
		not hardening.linux_root(_c({"user": user}))
	}
}

test_linux_user_unresolved if {
	every user in ["${APP_USER}", "{{user}}", "$$$USER$$$", "<USER>", {"Ref": "User"}] {
		not hardening.linux_root(_c({"user": user}))
		hardening.user_unresolved(_c({"user": user}))
	}
	not hardening.user_unresolved(_c({}))
	not hardening.user_unresolved(_c({"user": 0}))
}

test_windows_admin if {
	hardening.windows_admin(_c({}))
	hardening.windows_admin(_c({"user": ""}))
	hardening.windows_admin(_c({"user": "ContainerAdministrator"}))
	hardening.windows_admin(_c({"user": "containeradministrator"}))
	not hardening.windows_admin(_c({"user": "ContainerUser"}))
	not hardening.windows_admin(_c({"user": "${USER}"}))
}

# capabilities

test_capability if {
	hardening.capability("sys_admin") == "SYS_ADMIN"
	hardening.capability("CAP_NET_ADMIN") == "NET_ADMIN"
	hardening.capability(" ALL ") == "ALL"
}

test_added_capabilities if {
	c := _c({"linuxParameters": {"capabilities": {"add": ["SYS_ADMIN", "", "${CAP}", "cap_net_raw", 7]}}})
	hardening.added_capabilities(c) == {[0, "SYS_ADMIN"], [3, "NET_RAW"]}
	hardening.added_capabilities(_c({})) == set()
}

test_powerful_capabilities if {
	"SYS_ADMIN" in hardening.powerful_capabilities
	not "NET_RAW" in hardening.powerful_capabilities
	not "IPC_LOCK" in hardening.powerful_capabilities
}

test_drops_all if {
	hardening.drops_all(_c({"linuxParameters": {"capabilities": {"drop": ["ALL"]}}}))
	hardening.drops_all(_c({"linuxParameters": {"capabilities": {"drop": ["MKNOD", "all"]}}}))
	not hardening.drops_all(_c({"linuxParameters": {"capabilities": {"drop": ["MKNOD"]}}}))
	not hardening.drops_all(_c({"linuxParameters": {"capabilities": {"add": ["ALL"]}}}))
	not hardening.drops_all(_c({}))
}

test_drops_unresolved if {
	hardening.drops_unresolved(_c({"linuxParameters": {"capabilities": {"drop": ["${DROP}"]}}}))
	hardening.drops_unresolved(_c({"linuxParameters": {"capabilities": {"drop": {"Ref": "Drop"}}}}))
	hardening.drops_unresolved(_c({"linuxParameters": {"Fn::If": ["C", {}, {}]}}))
	not hardening.drops_unresolved(_c({"linuxParameters": {"capabilities": {"drop": ["MKNOD"]}}}))
	not hardening.drops_unresolved(_c({"linuxParameters": {}}))
	not hardening.drops_unresolved(_c({}))
}

test_placeholder if {
	hardening.placeholder("${X}")
	hardening.placeholder({"Fn::GetAtt": ["A", "B"]})
	not hardening.placeholder("512")
	not hardening.placeholder(512)
	not hardening.placeholder({"drop": ["ALL"]})
	not hardening.placeholder(null)
}

# system controls

test_sysctl_namespace if {
	hardening.sysctl_namespace("net.ipv4.tcp_keepalive_time") == "net"
	hardening.sysctl_namespace("net/core/somaxconn") == "net"
	hardening.sysctl_namespace("kernel.shmmax") == "ipc"
	hardening.sysctl_namespace("kernel.msgmnb") == "ipc"
	hardening.sysctl_namespace("kernel.sem") == "ipc"
	hardening.sysctl_namespace("fs.mqueue.msg_max") == "ipc"
	hardening.sysctl_namespace("vm.max_map_count") == "other"
	hardening.sysctl_namespace("kernel.pid_max") == "other"
	hardening.sysctl_namespace("kernel.semx") == "other"
	hardening.sysctl_namespace("fs.file-max") == "other"
	not hardening.sysctl_namespace(7)
}

# memory

test_has_memory_limit if {
	hardening.has_memory_limit(_c({"memory": 512}))
	hardening.has_memory_limit(_c({"memory": "512"}))
	hardening.has_memory_limit(_c({"memory": "${MEMORY}"}))
	hardening.has_memory_limit(_c({"memory": {"Ref": "Memory"}}))
	not hardening.has_memory_limit(_c({"memory": 0}))
	not hardening.has_memory_limit(_c({"memory": null}))
	not hardening.has_memory_limit(_c({"memoryReservation": 256}))
	not hardening.has_memory_limit(_c({}))
}

test_has_task_memory if {
	hardening.has_task_memory({"memory": "2 GB"})
	hardening.has_task_memory({"memory": "1024"})
	hardening.has_task_memory({"memory": "{{memory}}"})
	not hardening.has_task_memory({"memory": ""})
	not hardening.has_task_memory({"memory": "0"})
	not hardening.has_task_memory({})
}
