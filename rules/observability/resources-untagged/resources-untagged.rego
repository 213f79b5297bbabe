# METADATA
# title: Task definition or service without the required tags
# description: |
#   Tags attribute cost, ownership and environment, and IAM policies can grant
#   access by tag. With required_tags configured, the rule reports each task
#   definition and service that lacks one of those tag keys; without it, those
#   that carry no tag at all (aws: tags do not count), as Security Hub ECS.13
#   and ECS.15 do. describe output fetched without include TAGS says nothing
#   about tags and is not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-using-tags.html
#     description: Tagging Amazon ECS resources
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-13
#     description: "[ECS.13] ECS services should be tagged"
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-15
#     description: "[ECS.15] ECS task definitions should be tagged"
# custom:
#   severity: info
#   remediation: Add the required tag keys to the task definition's or service's tags.
#   resources: [TaskDefinition, Service]
#   frameworks:
#     securityhub: [ECS.13, ECS.15]
#   enabled: false
#   options:
#     required_tags: list of tag keys every task definition and service must carry
package ecslint.rules.observability["resources-untagged"]

import data.ecslint.lib.services
import data.ecslint.lib.values

report contains {
	"message": sprintf("the %s lacks the required tag%s %s", [_what, _plural, concat(", ", [sprintf("%q", [k]) | some k in sort(_missing)])]),
	"path": _path,
} if {
	# Required tags are configured rarely: settle that before _judged,
	# which checks every tag key for placeholders.
	count(_required) > 0
	_judged
	count(_missing) > 0
}

report contains {
	"message": sprintf("the %s has no tags", [_what]),
	"path": _path,
} if {
	# Most resources have a tag of their own, found at the first key:
	# settle that before _judged, which checks every key for placeholders.
	count(_required) == 0
	not _has_user_key
	_judged
}

_required := {k |
	some k in data.ecslint.config.options["resources-untagged"].required_tags
	is_string(k)
	trim_space(k) != ""
}

_what := "task definition" if input.kind == "TaskDefinition"

_what := "service" if input.kind == "Service"

_plural := "s" if count(_missing) > 1

_plural := "" if count(_missing) == 1

# A task definition or service whose tags are known: a list of concrete
# keys, or omitted from an input document (not from describe output, which
# leaves them out unless asked). CLI skeletons are not judged.
_judged if {
	_what
	not _skeleton
	_tags_known

	# An update-service input cannot set tags: it says nothing about them.
	not services.partial
}

_skeleton if values.skeleton

_tags_known if {
	is_array(input.resource.tags)
	every t in input.resource.tags {
		_concrete_key(t)
	}
}

_tags_known if {
	object.get(input.resource, "tags", null) == null
	not _describe_output
}

_describe_output if input.resource.taskDefinitionArn

_describe_output if input.resource.serviceArn

_concrete_key(t) if {
	is_string(t.key)
	not values.unresolved(t.key)
}

_keys := {t.key | some t in _tag_list; is_string(t.key)}

_tag_list := input.resource.tags if is_array(input.resource.tags)

_tag_list := [] if not is_array(object.get(input.resource, "tags", null))

# Security Hub ignores aws: tags (set by AWS, not by the owner); a blank key
# is a skeleton's placeholder. One such key settles it.
_has_user_key if {
	some t in _tag_list
	k := t.key
	is_string(k)
	not startswith(lower(k), "aws:")
	trim_space(k) != ""
}

_missing := _required - _keys

_path := ["resource", "tags"]
