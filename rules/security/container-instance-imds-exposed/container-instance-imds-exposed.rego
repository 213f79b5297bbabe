# METADATA
# title: Container instances expose the instance role through IMDS
# description: |
#   On EC2 a container can read the instance profile's credentials from the
#   instance metadata service (IMDS) unless the instances require IMDSv2
#   with a hop limit of 1: IMDSv1 answers any request, and a hop limit
#   above 1 lets bridge-mode containers fetch IMDSv2 tokens too. The
#   application then holds the ECS agent's permissions, whatever its task
#   role. Launch templates without MetadataOptions allow IMDSv1 unless the
#   AMI requires IMDSv2 (Amazon Linux 2023 does; earlier ECS-optimized AMIs
#   do not). Only launch templates of ECS container instances are checked:
#   those that join a cluster in their user data or start the ECS-optimized
#   AMI.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html#task-iam-role-considerations
#     description: Task IAM role considerations (blocking access to the instance metadata)
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html
#     description: Configure the instance metadata options (HttpTokens, HttpPutResponseHopLimit)
# custom:
#   severity: high
#   remediation: Set MetadataOptions HttpTokens to required and HttpPutResponseHopLimit to 1 in the container instances' launch template.
#   resources: [LaunchTemplate]
#   related: [cluster]
package ecslint.rules.security["container-instance-imds-exposed"]

report contains {
	"message": sprintf("the ECS container instances allow IMDSv1 (%s): containers can read the instance role's credentials from the instance metadata service", [_tokens_state]),
	"path": ["resource", "MetadataOptions", "HttpTokens"],
} if {
	_ecs_instances
	_imdsv1_allowed
}

report contains {
	"message": sprintf("the ECS container instances set HttpPutResponseHopLimit to %v: containers behind the Docker bridge can obtain IMDSv2 tokens and read the instance role's credentials", [input.resource.MetadataOptions.HttpPutResponseHopLimit]),
	"path": ["resource", "MetadataOptions", "HttpPutResponseHopLimit"],
} if {
	_ecs_instances
	hops := input.resource.MetadataOptions.HttpPutResponseHopLimit
	is_number(hops)
	hops > 1
}

# The instances are ECS container instances: their user data (or
# cfn-init) joins a cluster, writes the agent's configuration, or they
# start an ECS-optimized AMI.
_ecs_instances if input.related.cluster

_ecs_instances if _text_has(input.resource.UserData, "/etc/ecs/ecs.config")

_ecs_instances if _text_has(input.resource.UserData, "ECS_CLUSTER")

_ecs_instances if _text_has(input.resource.ImageId, "/aws/service/ecs/")

_text_has(s, part) if {
	is_string(s)
	contains(s, part)
}

_imdsv1_allowed if {
	tokens := input.resource.MetadataOptions.HttpTokens
	is_string(tokens)
	lower(tokens) == "optional"
}

# Absent: the default allows IMDSv1 unless the AMI requires IMDSv2, as
# Amazon Linux 2023 AMIs do. MetadataOptions that are unknown as a whole
# (a string placeholder) are neither.
_imdsv1_allowed if {
	not "MetadataOptions" in object.keys(input.resource)
	not _al2023
}

_imdsv1_allowed if {
	is_object(input.resource.MetadataOptions)
	not _tokens_set
	not _al2023
}

_tokens_set if "HttpTokens" in object.keys(input.resource.MetadataOptions)

_al2023 if {
	is_string(input.resource.ImageId)
	some part in {"al2023", "amazon-linux-2023"}
	contains(lower(input.resource.ImageId), part)
}

_tokens_state := "HttpTokens is optional" if _tokens_set

_tokens_state := "HttpTokens is not set and defaults to optional" if not _tokens_set
