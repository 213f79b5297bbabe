package ecsmodel_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/internal/ecsmodel"
	"github.com/ecslint/ecslint/internal/kind"
)

func TestMembers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind     string
		has      []string
		lacks    []string
		required []string
	}{
		{
			kind: kind.TaskDefinition,
			// Input members, and describe output's.
			has:      []string{"family", "containerDefinitions", "tags", "taskDefinitionArn", "revision", "status", "compatibilities", "registeredAt", "requiresAttributes"},
			lacks:    []string{"taskDefinition", "Family"},
			required: []string{"containerDefinitions", "family"},
		},
		{
			// monitoring and gatewayConnectors were missing from the
			// hand-written list the loader used to recognise services.
			kind:     kind.Service,
			has:      []string{"serviceName", "monitoring", "gatewayConnectors", "serviceArn", "deployments"},
			lacks:    []string{"containerDefinitions", "service", "forceNewDeployment"},
			required: []string{"serviceName"},
		},
		{kind: kind.ContainerDefinitions, has: []string{"containerDefinitions"}, lacks: []string{"family"}, required: []string{"containerDefinitions"}},
		{kind: kind.Cluster, has: []string{"clusterName", "clusterArn", "settings", "serviceConnectDefaults"}},
		{kind: kind.CapacityProvider, has: []string{"name", "autoScalingGroupProvider", "capacityProviderArn", "managedInstancesProvider"}, required: []string{"name"}},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			t.Parallel()
			got := ecsmodel.Members(tt.kind)
			if !slices.IsSorted(got) {
				t.Error("members not sorted")
			}
			for _, m := range tt.has {
				if !slices.Contains(got, m) {
					t.Errorf("lacks %s", m)
				}
			}
			for _, m := range tt.lacks {
				if slices.Contains(got, m) {
					t.Errorf("has %s", m)
				}
			}
			if r := ecsmodel.Root(tt.kind).Required; !slices.Equal(r, tt.required) {
				t.Errorf("required = %v, want %v", r, tt.required)
			}
		})
	}
	for _, k := range []string{kind.LoadBalancer, kind.Role, "nosuch"} {
		if ecsmodel.Root(k) != nil || ecsmodel.Members(k) != nil {
			t.Errorf("%s: a root outside the ECS model", k)
		}
	}
	up := ecsmodel.UpdateMembers(kind.Service)
	for _, m := range []string{"service", "forceNewDeployment", "desiredCount", "monitoring", "gatewayConnectors"} {
		if !slices.Contains(up, m) {
			t.Errorf("UpdateService members lack %s", m)
		}
	}
	for _, m := range []string{"serviceName", "serviceArn"} {
		if slices.Contains(up, m) {
			t.Errorf("UpdateService members have %s", m)
		}
	}
	if r := ecsmodel.UpdateRoot(kind.Service).Required; !slices.Equal(r, []string{"service"}) {
		t.Errorf("UpdateService requires %v", r)
	}
	if ecsmodel.UpdateRoot(kind.TaskDefinition) != nil || ecsmodel.UpdateMembers(kind.Cluster) != nil {
		t.Error("an update input for a kind without one")
	}
}

func TestShapes(t *testing.T) {
	t.Parallel()
	td := ecsmodel.Root(kind.TaskDefinition)
	cds := td.Members["containerDefinitions"]
	if cds.Type != ecsmodel.List || cds.MinItems != 1 {
		t.Errorf("containerDefinitions: type %v, min %d", cds.Type, cds.MinItems)
	}
	c := cds.Elem
	if c.Name != "ContainerDefinition" || !slices.Equal(c.Required, []string{"image", "name"}) {
		t.Errorf("container: %s requires %v", c.Name, c.Required)
	}
	if m := c.Members["memory"]; m.Type != ecsmodel.Integer || m.Bits != 32 {
		t.Errorf("container memory: %v/%d", m.Type, m.Bits)
	}
	if m := td.Members["memory"]; m.Type != ecsmodel.String {
		t.Errorf("task memory: %v, want a string", m.Type)
	}
	nm := td.Members["networkMode"]
	if !slices.Equal(nm.Enum, []string{"bridge", "host", "awsvpc", "none"}) || !nm.HasEnum("awsvpc") || nm.HasEnum("AWSVPC") {
		t.Errorf("networkMode enum: %v", nm.Enum)
	}
	if m := c.Members["dockerLabels"]; m.Type != ecsmodel.Map || m.Elem.Type != ecsmodel.String {
		t.Errorf("dockerLabels: %v", m.Type)
	}
	if m := td.Members["registeredAt"]; m.Type != ecsmodel.Timestamp {
		t.Errorf("registeredAt: %v", m.Type)
	}
	if m := c.Members["privileged"]; m.Type != ecsmodel.Boolean {
		t.Errorf("privileged: %v", m.Type)
	}
}

// TestNoUntypedUnion fails when an input and an output shape give one
// member two different types: the union would then accept anything there,
// and the model needs a real either-or.
func TestNoUntypedUnion(t *testing.T) {
	t.Parallel()
	seen := map[*ecsmodel.Shape]bool{}
	var walk func(path string, s *ecsmodel.Shape)
	walk = func(path string, s *ecsmodel.Shape) {
		if seen[s] {
			return
		}
		seen[s] = true
		if strings.Contains(s.Name, "|") {
			t.Errorf("%s: %s merges shapes of different types", path, s.Name)
		}
		if s.Elem != nil {
			walk(path+"[]", s.Elem)
		}
		for n, m := range s.Members {
			walk(path+"."+n, m)
		}
	}
	for _, k := range kind.All {
		if r := ecsmodel.Root(k); r != nil {
			walk(k, r)
		}
		if r := ecsmodel.UpdateRoot(k); r != nil {
			walk(k+" update", r)
		}
	}
	if len(seen) < 200 {
		t.Errorf("only %d shapes reachable", len(seen))
	}
}
