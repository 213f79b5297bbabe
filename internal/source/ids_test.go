package source

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ecslint/ecslint/internal/kind"
)

func TestLiteralIDs(t *testing.T) {
	t.Parallel()
	arn := func(v string) Identity { return Identity{Scheme: SchemeARN, Value: v} }
	name := func(v string) Identity { return Identity{Scheme: SchemeName, Value: v} }
	tests := []struct {
		target, in string
		want       []Identity
	}{
		{kind.Role, "arn:aws:iam::123456789012:role/app", []Identity{arn("arn:aws:iam::123456789012:role/app"), name("app")}},
		{kind.Role, "arn:aws:iam::123456789012:role/service/app", []Identity{arn("arn:aws:iam::123456789012:role/service/app"), name("app")}},
		{kind.Role, "app", []Identity{name("app")}},
		{kind.Role, "arn:aws:iam::${AWS::AccountId}:role/app", []Identity{name("app")}},
		{kind.Role, "${ROLE_ARN}", nil},
		{kind.Role, "arn:aws:iam::123456789012:role/${NAME}", nil},
		{kind.Role, "  ", nil},
		{kind.TaskDefinition, "arn:aws:ecs:us-east-1:123456789012:task-definition/web:12", []Identity{arn("arn:aws:ecs:us-east-1:123456789012:task-definition/web:12"), {Scheme: SchemeFamilyRevision, Value: "web:12"}}},
		{kind.TaskDefinition, "web:3", []Identity{{Scheme: SchemeFamilyRevision, Value: "web:3"}}},
		{kind.TaskDefinition, "web", []Identity{{Scheme: SchemeFamily, Value: "web"}}},
		{kind.TaskDefinition, "web:latest", []Identity{{Scheme: SchemeFamily, Value: "web:latest"}}},
		{kind.Cluster, "arn:aws:ecs:us-east-1:123456789012:cluster/prod", []Identity{arn("arn:aws:ecs:us-east-1:123456789012:cluster/prod"), name("prod")}},
		{kind.TargetGroup, "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/0123456789abcdef", []Identity{arn("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/0123456789abcdef"), name("tg")}},
		{kind.LoadBalancer, "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188", []Identity{arn("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"), name("web")}},
		{kind.LoadBalancer, "classic-lb", []Identity{name("classic-lb")}},
		{kind.AutoScalingGroup, "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/asg", []Identity{arn("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/asg"), name("asg")}},
		// An ARN of another kind names nothing by name.
		{kind.Cluster, "arn:aws:iam::123456789012:role/app", []Identity{arn("arn:aws:iam::123456789012:role/app")}},
		{kind.Cluster, "${Cluster}", nil},
		{kind.Cluster, "", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, LiteralIDs(tt.target, tt.in)); diff != "" {
			t.Errorf("LiteralIDs(%s, %q) (-want +got):\n%s", tt.target, tt.in, diff)
		}
	}
}

func TestARNName(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ kind, arn, want string }{
		{kind.Role, "arn:aws:iam::123456789012:role/app", "app"},
		{kind.Role, "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/service-role/app", "app"},
		{kind.Role, "arn:aws:iam::123456789012:instance-profile/app", ""},
		{kind.InstanceProfile, "arn:aws:iam::123456789012:instance-profile/ecs", "ecs"},
		{kind.TaskDefinition, "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3", "web:3"},
		{kind.Cluster, "arn:aws:ecs:us-east-1:123456789012:cluster/prod", "prod"},
		{kind.TargetGroup, "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "web"},
		{kind.LoadBalancer, "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/0123456789abcdef", "web"},
		{kind.LoadBalancer, "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/classic-web", "classic-web"},
		{kind.AutoScalingGroup, "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/asg", "asg"},
		{kind.LaunchTemplate, "arn:aws:ec2:us-east-1:123456789012:launch-template/lt-0123", ""},
	} {
		if got := ARNName(c.kind, c.arn); got != c.want {
			t.Errorf("ARNName(%s, %s) = %q, want %q", c.kind, c.arn, got, c.want)
		}
	}
}
