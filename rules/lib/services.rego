# METADATA
# title: ECS service knowledge
# description: |
#   Reading a service in the shapes a rule receives: CreateService input,
#   one service of describe-services output (roleArn instead of role, some
#   input fields reported inside deployments[]) and update-service input,
#   which names only what it changes (input.partial); plus load balancer
#   kinds, the service-linked role and Fargate platform versions.
package ecslint.lib.services

import data.ecslint.lib.values

# The input changes only the fields it names (an update-service input):
# an absent field is not a setting, and no default applies. Rules that
# reason from an absent field stay silent on it.
partial if input.partial == true

# The service role as written: CreateService `role`, or describe-services
# `roleArn`. Undefined when absent or empty.
_role(svc) := ["role", svc.role] if _non_empty(svc.role)

_role(svc) := ["roleArn", svc.roleArn] if {
	not _non_empty(object.get(svc, "role", null))
	_non_empty(svc.roleArn)
}

# The ECS service-linked role, which describe-services reports as roleArn for
# every service that does not use a custom service role.
_is_service_linked_role(r) if contains(r, "aws-service-role/ecs.amazonaws.com/")

_is_service_linked_role(r) if r == "AWSServiceRoleForECS"

_is_service_linked_role(r) if endswith(r, "/AWSServiceRoleForECS")

# A custom (legacy) service role: a role that is set, is a concrete value and
# is not the service-linked role.
custom_role(svc) := [field, r] if {
	[field, r] := _role(svc)
	not values.unresolved(r)
	not _is_service_linked_role(r)
}

# Input fields that describe-services reports inside deployments[] rather
# than at the top level (volumeConfigurations, serviceConnectConfiguration,
# vpcLatticeConfigurations, fargateEphemeralStorage). Returns a set of
# [path, value] with the path relative to the service: the top-level field
# when present, else the field of the PRIMARY deployment.
setting(svc, key) := {[[key], svc[key]]} if _present(svc, key)

setting(svc, key) := {[["deployments", i, key], d[key]] |
	some i, d in svc.deployments
	d.status == "PRIMARY"
	_present(d, key)
} if not _present(svc, key)

# A Classic Load Balancer entry: it names a load balancer and no target group.
is_classic_lb(lb) if {
	_non_empty(lb.loadBalancerName)
	not _non_empty(object.get(lb, "targetGroupArn", null))
}

# Whether the service declares any loadBalancers entry.
has_load_balancer(svc) if count(svc.loadBalancers) > 0

# The deployment controller type; ECS when omitted. Undefined (unknown) when
# an update leaves it out or a placeholder gives it, the controller or its
# type.
deployment_controller(svc) := upper(t) if {
	t := object.get(svc, ["deploymentController", "type"], null)
	_non_empty(t)
	not values.unresolved(t)
}

deployment_controller(svc) := "ECS" if {
	not _non_empty(object.get(svc, ["deploymentController", "type"], null))
	not _controller_unresolved(svc)
	not partial
}

# An intrinsic in place of the controller or of its type. (A blank type is
# ECS's default, also in a CLI skeleton.)
_controller_unresolved(svc) if values.unresolved(object.get(svc, "deploymentController", null))

_controller_unresolved(svc) if {
	t := svc.deploymentController.type
	not is_string(t)
	values.unresolved(t)
}

# Fargate platform versions are "LATEST" or x.y.z. version_before(v, min)
# holds for an explicit x.y.z lower than min (also x.y.z); LATEST, empty and
# template placeholders never hold.
version_before(v, min) if {
	a := _version(v)
	b := _version(min)
	_lexless(a, b)
}

_version(v) := [to_number(m[1]), to_number(m[2]), to_number(m[3])] if {
	is_string(v)
	ms := regex.find_all_string_submatch_n(`^\s*([0-9]+)\.([0-9]+)\.([0-9]+)\s*$`, v, 1)
	count(ms) == 1
	m := ms[0]
}

_lexless(a, b) if a[0] < b[0]

_lexless(a, b) if {
	a[0] == b[0]
	a[1] < b[1]
}

_lexless(a, b) if {
	a[0] == b[0]
	a[1] == b[1]
	a[2] < b[2]
}

_non_empty(s) if {
	is_string(s)
	trim_space(s) != ""
}

_present(obj, key) if {
	v := obj[key]
	v != null
}
