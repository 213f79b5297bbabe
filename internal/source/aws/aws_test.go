package aws

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/aws/awsfake"
	"github.com/ecslint/ecslint/internal/source/live"
)

const acct1 = "111111111111"

// fake starts a fake endpoint holding accounts (the first reachable with
// the static key) and closes it when the test ends.
func fake(t *testing.T, accounts ...*awsfake.Account) *testFake {
	t.Helper()
	s := awsfake.New(accounts...)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	t.Cleanup(func() { assertReadOnly(t, s) })
	return &testFake{Server: s, url: srv.URL}
}

// testFake is a running fake and its address.
type testFake struct {
	*awsfake.Server
	url string
}

// options reach the fake and nothing else: static credentials, no
// shared config files, no instance metadata, no backoff, no pacing.
func options(s *testFake, region string) Options {
	return Options{
		Request: live.Request{Regions: []string{region}},
		LoadOptions: []func(*config.LoadOptions) error{
			config.WithBaseEndpoint(s.url),
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(awsfake.StaticKey, awsfake.StaticSecret, "")),
			config.WithSharedConfigFiles([]string{}),
			config.WithSharedCredentialsFiles([]string{}),
			config.WithEC2IMDSClientEnableState(imds.ClientDisabled),
			config.WithRegion(region),
		},
		Backoff: func(int, error) (time.Duration, error) { return 0, nil },
		Pace:    map[string]float64{"ECS": 1e6, "EC2": 1e6, "IAM": 1e6, "Auto Scaling": 1e6, "Elastic Load Balancing": 1e6, "Elastic Load Balancing v2": 1e6},
	}
}

// assertReadOnly fails the test on any operation that is not a read.
func assertReadOnly(t *testing.T, s *awsfake.Server) {
	t.Helper()
	for _, c := range s.Calls() {
		if !readOnly(c.Action) {
			t.Errorf("non-read-only operation sent: %s:%s", c.Service, c.Action)
		}
	}
}

// audit plans and loads every unit.
func audit(t *testing.T, opts Options) ([]*source.Resource, *Audit) {
	t.Helper()
	a, err := Plan(context.Background(), opts)
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	var res []*source.Resource
	for _, u := range a.Units {
		l := u.Load(context.Background())
		for _, e := range l.Errors {
			t.Errorf("%s: %v", u.Name, e)
		}
		res = append(res, l.Resources...)
	}
	return res, a
}

func byKind(res []*source.Resource) map[string][]*source.Resource {
	m := map[string][]*source.Resource{}
	for _, r := range res {
		m[r.Kind] = append(m[r.Kind], r)
	}
	return m
}

func find(res []*source.Resource, k, name string) *source.Resource {
	for _, r := range res {
		if r.Kind == k && r.Name == name {
			return r
		}
	}
	return nil
}

// native turns an ast value or a Go value into plain JSON values, so
// values built different ways compare.
func native(t *testing.T, v any) any {
	t.Helper()
	if av, ok := v.(ast.Value); ok {
		var err error
		if v, err = ast.JSON(av); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// zeroDefaults ignores members the wire had at their zero value and the
// SDK drops (members it holds as values, whose model default is zero).
var zeroDefaults = cmp.FilterPath(func(p cmp.Path) bool {
	mi, ok := p.Last().(cmp.MapIndex)
	if !ok {
		return false
	}
	vx, vy := mi.Values()
	if vy.IsValid() || !vx.IsValid() {
		return false
	}
	switch v := vx.Interface().(type) {
	case bool:
		return !v
	case float64:
		return v == 0
	}
	return false
}, cmp.Ignore())

func TestFleet(t *testing.T) {
	t.Parallel()
	a := awsfake.NewAccount(acct1)
	region := awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 30, TaskDefinitions: 10})
	s := fake(t, a)
	res, au := audit(t, options(s, "eu-west-1"))
	if gaps := au.Coverage(); len(gaps) > 0 {
		t.Fatalf("gaps: %+v", gaps)
	}
	kinds := byKind(res)
	want := map[string]int{
		kind.Cluster: 1, kind.Service: 30, kind.TaskDefinition: 10, kind.CapacityProvider: 1,
		kind.AutoScalingGroup: 1, kind.LaunchTemplate: 1, kind.LoadBalancer: 3, kind.TargetGroup: 5,
		kind.Role: 3, kind.InstanceProfile: 1,
	}
	got := map[string]int{}
	for k, l := range kinds {
		got[k] = len(l)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("resources per kind (-want +got):\n%s", d)
	}

	// The values are the API's wire shape: what the fake sent, member for
	// member, with the tags inside the task definition.
	td := find(res, kind.TaskDefinition, "app-000:1")
	if td == nil {
		t.Fatal("task definition app-000:1 not read")
	}
	arn := td.Origin.ARN
	wantTD := map[string]any{}
	for k, v := range region.TaskDefinitions[arn] {
		wantTD[k] = v
	}
	wantTD["tags"] = []any{map[string]any{"key": "ecslint:ignore", "value": "privileged-container"}}
	if d := cmp.Diff(native(t, wantTD), native(t, td.Value)); d != "" {
		t.Errorf("task definition value (-wire +got):\n%s", d)
	}
	svc := find(res, kind.Service, "prod-0/svc-0000")
	if svc == nil {
		t.Fatal("service prod-0/svc-0000 not read")
	}
	wireSvc := region.Services[region.Clusters[0]["clusterArn"].(string)][0]
	if d := cmp.Diff(native(t, wireSvc), native(t, svc.Value), zeroDefaults); d != "" {
		t.Errorf("service value (-wire +got):\n%s", d)
	}

	// Every reference resolves to a resource read.
	ids := map[source.Identity]bool{}
	for _, r := range res {
		for _, id := range r.IDs {
			ids[id] = true
		}
	}
	for _, r := range res {
		for _, ref := range r.Refs {
			ok := false
			for _, id := range ref.To {
				ok = ok || ids[id]
			}
			if !ok {
				t.Errorf("%s %s: %s %q does not resolve (%v)", r.Kind, r.Name, ref.Rel, ref.Text, ref.To)
			}
		}
	}

	// Only what the account tells: the instance profiles behind the
	// container instances, the template version the group launches, the
	// trust policy as an object.
	cluster := find(res, kind.Cluster, "prod-0")
	var rels []string
	for _, ref := range cluster.Refs {
		rels = append(rels, ref.Rel)
	}
	if d := cmp.Diff([]string{"capacityProviders", kind.RelInstanceProfiles}, rels); d != "" {
		t.Errorf("cluster refs (-want +got):\n%s", d)
	}
	lt := kinds[kind.LaunchTemplate][0]
	if got := native(t, lt.Value).(map[string]any)["MetadataOptions"]; !cmp.Equal(got, map[string]any{"HttpTokens": "optional", "HttpPutResponseHopLimit": 2.0, "HttpEndpoint": "enabled"}) {
		t.Errorf("launch template MetadataOptions = %v", got)
	}
	role := find(res, kind.Role, "ecsInstanceRole")
	doc := native(t, role.Value).(map[string]any)["AssumeRolePolicyDocument"]
	if _, ok := doc.(map[string]any)["Statement"]; !ok {
		t.Errorf("trust policy not decoded: %v", doc)
	}
	lb := kinds[kind.LoadBalancer][0]
	if typ := native(t, lb.Value).(map[string]any)["Type"]; typ != "classic" {
		t.Errorf("classic load balancer Type = %v", typ)
	}

	// Located by ARN and field path.
	loc := td.Locator.Locate([]any{"containerDefinitions", 0, "privileged"})
	if d := cmp.Diff(finding.Location{ARN: arn, Pointer: "/containerDefinitions/0/privileged", Precision: finding.PrecisionExact}, loc); d != "" {
		t.Errorf("location (-want +got):\n%s", d)
	}
	loc = td.Locator.Locate([]any{"containerDefinitions", 0, "readonlyRootFilesystem"})
	if loc.Pointer != "/containerDefinitions/0" || loc.Precision != finding.PrecisionAncestor {
		t.Errorf("absent field located at %+v", loc)
	}
	if td.Origin != (source.Origin{Format: source.FormatAWS, Account: acct1, Region: "eu-west-1", ARN: arn}) {
		t.Errorf("origin = %+v", td.Origin)
	}

	// One describe per unique revision, batches at their limits.
	calls := au.Calls()
	for api, n := range map[string]int{
		"ecs:DescribeTaskDefinition": 10, "ecs:DescribeServices": 3, "ecs:ListServices": 1, "ecs:DescribeClusters": 1,
		"ec2:DescribeInstances": 1, "iam:GetInstanceProfile": 1, "iam:GetRole": 2, "sts:GetCallerIdentity": 1,
	} {
		if calls[api] != n {
			t.Errorf("%s called %d times, want %d", api, calls[api], n)
		}
	}
}

// TestScenarios runs the failures an audit meets; each says what must be
// recorded as a gap, and everything else must still be read.
func TestScenarios(t *testing.T) {
	t.Parallel()
	type check func(t *testing.T, s *awsfake.Server, res []*source.Resource, gaps []finding.Gap, calls map[string]int)
	tests := []struct {
		name  string
		setup func(s *awsfake.Server, a *awsfake.Account)
		opts  func(o *Options)
		gaps  []string // "region api resource-prefix error-prefix"
		check check
	}{
		{
			name: "pagination over 1,050 services",
			setup: func(s *awsfake.Server, a *awsfake.Account) {
				awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 1050, TaskDefinitions: 4, ContainerInstances: 150})
			},
			check: func(t *testing.T, s *awsfake.Server, res []*source.Resource, _ []finding.Gap, calls map[string]int) {
				if n := len(byKind(res)[kind.Service]); n != 1050 {
					t.Errorf("%d services read, want 1050", n)
				}
				for api, n := range map[string]int{"ecs:ListServices": 11, "ecs:DescribeServices": 105, "ecs:DescribeTaskDefinition": 4,
					"ecs:ListContainerInstances": 2, "ecs:DescribeContainerInstances": 2, "ec2:DescribeInstances": 2} {
					if calls[api] != n {
						t.Errorf("%s: %d calls, want %d", api, calls[api], n)
					}
				}
			},
		},
		{
			name: "throttling burst on DescribeTaskDefinition",
			setup: func(s *awsfake.Server, a *awsfake.Account) {
				awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 40, TaskDefinitions: 20})
				n := 0
				s.Fault = func(c *awsfake.Call) *awsfake.Fault {
					if c.Action == "DescribeTaskDefinition" && n < 45 {
						n++
						return &awsfake.Fault{Code: "ThrottlingException", Message: "Rate exceeded"}
					}
					return nil
				}
			},
			check: func(t *testing.T, s *awsfake.Server, res []*source.Resource, _ []finding.Gap, calls map[string]int) {
				if n := len(byKind(res)[kind.TaskDefinition]); n != 20 {
					t.Errorf("%d task definitions read, want 20", n)
				}
				if calls["ecs:DescribeTaskDefinition"] != 20 || s.Count("ecs", "DescribeTaskDefinition") != 65 {
					t.Errorf("DescribeTaskDefinition: %d operations, %d requests; want 20 and 65", calls["ecs:DescribeTaskDefinition"], s.Count("ecs", "DescribeTaskDefinition"))
				}
			},
		},
		{
			name: "5xx answers, transient and persistent",
			setup: func(s *awsfake.Server, a *awsfake.Account) {
				awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 20, TaskDefinitions: 2})
				seen := map[string]bool{}
				s.Fault = func(c *awsfake.Call) *awsfake.Fault {
					switch {
					case c.Action == "DescribeServices" && !seen[c.Params["services"].([]any)[0].(string)]:
						seen[c.Params["services"].([]any)[0].(string)] = true
						return &awsfake.Fault{Status: 503, Code: "ServiceUnavailableException", Message: "try again"}
					case c.Action == "DescribeCapacityProviders":
						return &awsfake.Fault{Status: 500, Code: "ServerException", Message: "internal error"}
					}
					return nil
				}
			},
			gaps: []string{"eu-west-1 ecs:DescribeCapacityProviders cp-prod-0 gave up after 10 attempts: ServerException"},
			check: func(t *testing.T, _ *awsfake.Server, res []*source.Resource, _ []finding.Gap, _ map[string]int) {
				if n := len(byKind(res)[kind.Service]); n != 20 {
					t.Errorf("%d services read, want 20", n)
				}
			},
		},
		{
			name: "access denied for one service",
			setup: func(s *awsfake.Server, a *awsfake.Account) {
				awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 5, TaskDefinitions: 2})
				s.Fault = func(c *awsfake.Call) *awsfake.Fault {
					if c.Service == "ec2" {
						return &awsfake.Fault{Code: "UnauthorizedOperation", Message: "You are not authorized to perform this operation."}
					}
					return nil
				}
			},
			gaps: []string{
				"eu-west-1 ec2:DescribeInstances i- UnauthorizedOperation",
				"eu-west-1 ec2:DescribeLaunchTemplateVersions lt- UnauthorizedOperation",
			},
			check: func(t *testing.T, _ *awsfake.Server, res []*source.Resource, _ []finding.Gap, _ map[string]int) {
				k := byKind(res)
				if len(k[kind.Service]) != 5 || len(k[kind.LaunchTemplate]) != 0 {
					t.Errorf("read %d services and %d launch templates, want 5 and 0", len(k[kind.Service]), len(k[kind.LaunchTemplate]))
				}
			},
		},
		{
			name: "access denied for one whole region",
			setup: func(s *awsfake.Server, a *awsfake.Account) {
				awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 5, TaskDefinitions: 2})
				awsfake.Fleet(a, "eu-south-1", awsfake.FleetOptions{Services: 5, TaskDefinitions: 2})
				s.Fault = func(c *awsfake.Call) *awsfake.Fault {
					if c.Region == "eu-south-1" {
						return &awsfake.Fault{Code: "AccessDeniedException", Message: "explicit deny in a service control policy"}
					}
					return nil
				}
			},
			opts: func(o *Options) { o.Regions = []string{"eu-west-1", "eu-south-1"} },
			gaps: []string{"eu-south-1 ecs:ListClusters  AccessDeniedException: explicit deny"},
			check: func(t *testing.T, _ *awsfake.Server, res []*source.Resource, _ []finding.Gap, _ map[string]int) {
				for _, r := range res {
					if r.Origin.Region == "eu-south-1" {
						t.Errorf("resource from the denied region: %s", r.Name)
					}
				}
				if n := len(byKind(res)[kind.Service]); n != 5 {
					t.Errorf("%d services read, want 5", n)
				}
			},
		},
		{
			name: "unknown region",
			setup: func(s *awsfake.Server, a *awsfake.Account) {
				awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 2, TaskDefinitions: 1})
			},
			opts: func(o *Options) { o.Regions = []string{"eu-west-1", "xx-nowhere-1"}; o.MaxAttempts = 2 },
			gaps: []string{"xx-nowhere-1 ecs:ListClusters  gave up after 2 attempts"},
		},
		{
			name: "malformed answer",
			setup: func(s *awsfake.Server, a *awsfake.Account) {
				awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 4, TaskDefinitions: 4})
				s.Fault = func(c *awsfake.Call) *awsfake.Fault {
					if c.Action == "DescribeTaskDefinition" && strings.HasSuffix(c.Params["taskDefinition"].(string), "app-001:2") {
						return &awsfake.Fault{Malformed: true}
					}
					return nil
				}
			},
			gaps: []string{"eu-west-1 ecs:DescribeTaskDefinition arn:aws:ecs:eu-west-1:111111111111:task-definition/app-001:2 malformed answer"},
			check: func(t *testing.T, _ *awsfake.Server, res []*source.Resource, _ []finding.Gap, _ map[string]int) {
				if n := len(byKind(res)[kind.TaskDefinition]); n != 3 {
					t.Errorf("%d task definitions read, want 3", n)
				}
			},
		},
		{
			name: "failures entry in a batch describe",
			setup: func(s *awsfake.Server, a *awsfake.Account) {
				r := awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 3, TaskDefinitions: 1})
				cl := r.Clusters[0]["clusterArn"].(string)
				r.Deleted = map[string][]string{cl: {a.ARN("ecs", "eu-west-1", "service/prod-0/gone")}}
			},
			gaps: []string{"eu-west-1 ecs:DescribeServices arn:aws:ecs:eu-west-1:111111111111:service/prod-0/gone failure: MISSING"},
		},
		{
			name: "empty answers",
			setup: func(s *awsfake.Server, a *awsfake.Account) {
				awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 4, TaskDefinitions: 2})
				s.Fault = func(c *awsfake.Call) *awsfake.Fault {
					if c.Service == "iam" || c.Action == "DescribeTaskDefinition" && strings.HasSuffix(c.Params["taskDefinition"].(string), ":2") {
						return &awsfake.Fault{Empty: true}
					}
					return nil
				}
			},
			gaps: []string{
				"eu-west-1 ecs:DescribeTaskDefinition arn:aws:ecs:eu-west-1:111111111111:task-definition/app-000:2 malformed answer: no taskDefinition",
				"global iam:GetInstanceProfile arn:aws:iam::111111111111:instance-profile/ecsInstanceProfile malformed answer: no InstanceProfile",
				"global iam:GetRole arn:aws:iam::111111111111:role/app-task-role malformed answer: no Role",
				"global iam:GetRole arn:aws:iam::111111111111:role/ecsTaskExecutionRole malformed answer: no Role",
			},
			check: func(t *testing.T, _ *awsfake.Server, res []*source.Resource, _ []finding.Gap, _ map[string]int) {
				k := byKind(res)
				if len(k[kind.TaskDefinition]) != 1 || len(k[kind.Role])+len(k[kind.InstanceProfile]) != 0 {
					t.Errorf("read %d task definitions, %d roles and %d profiles; want 1, 0 and 0", len(k[kind.TaskDefinition]), len(k[kind.Role]), len(k[kind.InstanceProfile]))
				}
			},
		},
		{
			// The load balancing APIs refuse a whole batch for one name
			// they do not know: the others are read one by one.
			name: "a load balancer and a target group deleted behind their services",
			setup: func(s *awsfake.Server, a *awsfake.Account) {
				r := awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 22, TaskDefinitions: 1})
				r.LoadBalancers = r.LoadBalancers[:len(r.LoadBalancers)-1]
				r.TargetGroups = r.TargetGroups[:len(r.TargetGroups)-1]
			},
			gaps: []string{
				"eu-west-1 elasticloadbalancing:DescribeLoadBalancers clb-svc-0011 LoadBalancerNotFound",
				"eu-west-1 elasticloadbalancing:DescribeTargetGroups arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/tg-svc-0021/ TargetGroupNotFound",
			},
			check: func(t *testing.T, _ *awsfake.Server, res []*source.Resource, _ []finding.Gap, calls map[string]int) {
				k := byKind(res)
				if len(k[kind.LoadBalancer]) != 1 || len(k[kind.TargetGroup]) != 3 {
					t.Errorf("read %d load balancers and %d target groups, want 1 and 3", len(k[kind.LoadBalancer]), len(k[kind.TargetGroup]))
				}
				if calls["elasticloadbalancing:DescribeLoadBalancers"] != 3 || calls["elasticloadbalancing:DescribeTargetGroups"] != 5 {
					t.Errorf("calls = %v, want one batch then one per name", calls)
				}
			},
		},
		{
			name: "a cluster named with --cluster that does not exist",
			setup: func(s *awsfake.Server, a *awsfake.Account) {
				awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 3, TaskDefinitions: 1})
			},
			opts: func(o *Options) { o.Clusters = []string{"prod-0", "staging"} },
			gaps: []string{"eu-west-1 ecs:DescribeClusters staging failure: MISSING"},
			check: func(t *testing.T, _ *awsfake.Server, res []*source.Resource, _ []finding.Gap, calls map[string]int) {
				if calls["ecs:ListClusters"] != 0 || len(byKind(res)[kind.Service]) != 3 {
					t.Errorf("ListClusters called %d times, %d services read", calls["ecs:ListClusters"], len(byKind(res)[kind.Service]))
				}
			},
		},
		{
			name: "all regions skips regions not enabled",
			setup: func(s *awsfake.Server, a *awsfake.Account) {
				awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 1, TaskDefinitions: 1})
				awsfake.Fleet(a, "us-east-1", awsfake.FleetOptions{Services: 1, TaskDefinitions: 1})
				a.Region("ap-east-1").Disabled = true
			},
			opts: func(o *Options) { o.Regions = nil; o.AllRegions = true },
			check: func(t *testing.T, _ *awsfake.Server, res []*source.Resource, _ []finding.Gap, _ map[string]int) {
				regions := map[string]bool{}
				for _, r := range res {
					regions[r.Origin.Region] = true
				}
				if d := cmp.Diff(map[string]bool{"eu-west-1": true, "us-east-1": true, "": true}, regions); d != "" {
					t.Errorf("regions read (-want +got):\n%s", d)
				}
			},
		},
	}
	for _, tt := range tests {
		a := awsfake.NewAccount(acct1)
		s := fake(t, a)
		tt.setup(s.Server, a)
		opts := options(s, "eu-west-1")
		if tt.opts != nil {
			tt.opts(&opts)
		}
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, au := audit(t, opts)
			gaps := au.Coverage()
			var got []string
			for _, g := range gaps {
				got = append(got, g.Region+" "+g.API+" "+g.Resource+" "+g.Error)
			}
			if len(got) != len(tt.gaps) {
				t.Fatalf("gaps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.gaps, "\n"))
			}
			for i, w := range tt.gaps {
				parts := strings.SplitN(w, " ", 4)
				g := gaps[i]
				if g.Region != parts[0] || g.API != parts[1] || !strings.HasPrefix(g.Resource, parts[2]) || !strings.HasPrefix(g.Error, parts[3]) || g.Account != acct1 {
					t.Errorf("gap %d = %q, want %q", i, got[i], w)
				}
			}
			if tt.check != nil {
				tt.check(t, s.Server, res, gaps, au.Calls())
			}
		})
	}
}

// TestRoleARNs audits two accounts through assumed roles; a role that
// cannot be assumed is a gap, not a failed run.
func TestRoleARNs(t *testing.T) {
	t.Parallel()
	caller := awsfake.NewAccount(acct1)
	b, c := awsfake.NewAccount("222222222222"), awsfake.NewAccount("333333333333")
	awsfake.Fleet(b, "eu-west-1", awsfake.FleetOptions{Services: 2, TaskDefinitions: 1})
	awsfake.Fleet(c, "eu-west-1", awsfake.FleetOptions{Services: 3, TaskDefinitions: 2})
	roleB, roleC := "arn:aws:iam::222222222222:role/audit", "arn:aws:iam::333333333333:role/audit"
	b.Assumable[roleB], c.Assumable[roleC] = true, true
	s := fake(t, caller, b, c)
	opts := options(s, "eu-west-1")
	opts.RoleARNs = []string{roleB, roleC, "arn:aws:iam::444444444444:role/audit"}
	opts.ExternalID = "org-audit"
	res, au := audit(t, opts)
	services := map[string]int{}
	for _, r := range byKind(res)[kind.Service] {
		services[r.Origin.Account]++
	}
	if d := cmp.Diff(map[string]int{"222222222222": 2, "333333333333": 3}, services); d != "" {
		t.Errorf("services per account (-want +got):\n%s", d)
	}
	gaps := au.Coverage()
	if len(gaps) != 1 || gaps[0].Account != "444444444444" || !strings.Contains(gaps[0].Error, "AccessDenied") {
		t.Errorf("gaps = %+v, want one for the role that cannot be assumed", gaps)
	}
	for _, call := range s.Calls() {
		if call.Action == "AssumeRole" && call.Params["ExternalId"] != "org-audit" {
			t.Errorf("AssumeRole without the external id: %v", call.Params)
		}
	}
	if len(au.Accounts) != 2 || au.Accounts[0].Partition != "aws" {
		t.Errorf("accounts = %+v", au.Accounts)
	}
}

// TestSaveFails: a --save directory that cannot be written is an error of
// the unit, and the account is still read whole, IAM included.
func TestSaveFails(t *testing.T) {
	t.Parallel()
	a := awsfake.NewAccount(acct1)
	awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 2, TaskDefinitions: 1})
	s := fake(t, a)
	opts := options(s, "eu-west-1")
	opts.SaveDir = filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(opts.SaveDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Plan(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	l := p.Units[0].Load(context.Background())
	if len(l.Errors) == 0 {
		t.Error("no error for a save directory that is a file")
	}
	if n := len(byKind(l.Resources)[kind.Role]); n != 3 {
		t.Errorf("%d roles read, want 3", n)
	}
}

// TestReadOnlyGuard: a write is refused by the client before it is
// signed or sent.
func TestReadOnlyGuard(t *testing.T) {
	t.Parallel()
	s := fake(t, awsfake.NewAccount(acct1))
	a := &Audit{gaps: &gapSink{}, calls: &callCounter{counts: map[string]int{}}}
	cfg, err := a.loadConfig(context.Background(), options(s, "eu-west-1"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ecs.NewFromConfig(cfg).DeleteCluster(context.Background(), &ecs.DeleteClusterInput{Cluster: sdk.String("prod")})
	if err == nil || !strings.Contains(err.Error(), "read-only: refusing ecs:DeleteCluster") {
		t.Errorf("DeleteCluster: err = %v, want refused", err)
	}
	if calls := s.Calls(); len(calls) != 0 {
		t.Errorf("a refused call reached the endpoint: %+v", calls)
	}
}

// TestIdentitiesUnique: every resource answers to a first identity no
// other resource has, across regions, clusters and template versions, so
// the analyzer can tell them apart.
func TestIdentitiesUnique(t *testing.T) {
	t.Parallel()
	a := awsfake.NewAccount(acct1)
	for _, r := range []string{"eu-west-1", "us-east-1"} {
		awsfake.Fleet(a, r, awsfake.FleetOptions{Clusters: 3, Services: 9, TaskDefinitions: 3})
	}
	s := fake(t, a)
	opts := options(s, "eu-west-1")
	opts.Regions = []string{"eu-west-1", "us-east-1"}
	res, _ := audit(t, opts)
	seen := map[string]string{}
	for _, r := range res {
		if len(r.IDs) == 0 {
			t.Errorf("%s %s has no identity", r.Kind, r.Name)
			continue
		}
		id := r.IDs[0].String()
		if other, dup := seen[id]; dup {
			t.Errorf("%s %s and %s share %s", r.Kind, r.Name, other, id)
		}
		seen[id] = r.Kind + " " + r.Name
	}
	if n := len(byKind(res)[kind.LaunchTemplate]); n != 6 {
		t.Errorf("%d launch template versions, want 6", n)
	}
}
