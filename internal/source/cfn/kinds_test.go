package cfn

import (
	"testing"

	"github.com/ecslint/ecslint/internal/kind"
)

func TestArnName(t *testing.T) {
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
		if got := arnName(c.kind, c.arn); got != c.want {
			t.Errorf("arnName(%s, %s) = %q, want %q", c.kind, c.arn, got, c.want)
		}
	}
}

func TestLiteralIDs(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		kind, ref string
		want      []string
	}{
		{kind.TaskDefinition, "web", []string{"family:web"}},
		{kind.TaskDefinition, "web:7", []string{"family:revision:web:7"}},
		{kind.TaskDefinition, "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7", []string{"arn:arn:aws:ecs:us-east-1:123456789012:task-definition/web:7", "family:revision:web:7"}},
		{kind.Role, "arn:aws:iam::${AWS::AccountId}:role/app", []string{"name:app"}},
		{kind.Role, "arn:aws:iam::123456789012:role/${RoleName}", nil},
		{kind.Cluster, "${Cluster}", nil},
		{kind.Cluster, "", nil},
	} {
		var got []string
		for _, id := range literalIDs(c.kind, c.ref) {
			got = append(got, id.String())
		}
		if len(got) != len(c.want) {
			t.Errorf("literalIDs(%s, %s) = %v, want %v", c.kind, c.ref, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("literalIDs(%s, %s) = %v, want %v", c.kind, c.ref, got, c.want)
			}
		}
	}
}
