package aws

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	asgtypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing/types"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	smithy "github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/ecslint/ecslint/internal/finding"
)

// Batch sizes: the most each describe call accepts.
const (
	batchClusters           = 100 // ecs:DescribeClusters
	batchServices           = 10  // ecs:DescribeServices
	batchContainerInstances = 100 // ecs:DescribeContainerInstances
	batchCapacityProviders  = 100 // ecs:DescribeCapacityProviders
	batchAutoScalingGroups  = 50  // autoscaling:DescribeAutoScalingGroups
	batchLaunchConfigs      = 50  // autoscaling:DescribeLaunchConfigurations
	batchInstances          = 100 // ec2:DescribeInstances (by id)
	batchLoadBalancers      = 20  // elasticloadbalancing:DescribeLoadBalancers
	batchTargetGroups       = 20  // elasticloadbalancing:DescribeTargetGroups
	pageSize                = 100 // ecs List* maxResults
)

// awsManagedProviders are the Fargate capacity providers every cluster may
// name: AWS manages them, there is nothing in them to audit.
var awsManagedProviders = map[string]bool{"FARGATE": true, "FARGATE_SPOT": true}

// regional is what one account and region gave.
type regional struct {
	clusters  []ecstypes.Cluster
	services  []ecstypes.Service
	taskDefs  []*ecs.DescribeTaskDefinitionOutput
	providers []ecstypes.CapacityProvider
	groups    []asgtypes.AutoScalingGroup
	templates []ec2types.LaunchTemplateVersion
	configs   []asgtypes.LaunchConfiguration
	classic   []elbtypes.LoadBalancerDescription
	targets   []elbv2types.TargetGroup
	// clusterProfiles: cluster ARN → the instance profile ARNs its
	// container instances run with.
	clusterProfiles map[string][]string
	// templateKeys: "id|version as the group asked" → the version read.
	templateKeys map[string]ec2types.LaunchTemplateVersion
}

// regionRun reads one account and region.
type regionRun struct {
	acct   *account
	region string
	ecs    *ecs.Client
	ec2    *ec2.Client
	asg    *autoscaling.Client
	elb    *elasticloadbalancing.Client
	elbv2  *elasticloadbalancingv2.Client

	mu  sync.Mutex
	out regional
}

func (acct *account) newRegionRun(region string) *regionRun {
	th := newThrottle(acct.opts.Concurrency, acct.opts.Pace)
	cfg := acct.cfg.Copy()
	cfg.Region = region
	cfg.APIOptions = append(append([]func(*middleware.Stack) error{}, cfg.APIOptions...), th.add)
	return &regionRun{
		acct:   acct,
		region: region,
		ecs:    ecs.NewFromConfig(cfg),
		ec2:    ec2.NewFromConfig(cfg),
		asg:    autoscaling.NewFromConfig(cfg),
		elb:    elasticloadbalancing.NewFromConfig(cfg),
		elbv2:  elasticloadbalancingv2.NewFromConfig(cfg),
		out:    regional{clusterProfiles: map[string][]string{}, templateKeys: map[string]ec2types.LaunchTemplateVersion{}},
	}
}

// gap records a failed call. A cancelled run records nothing: it was not
// refused, it was stopped.
func (r *regionRun) gap(api, resource string, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	r.acct.audit.gaps.add(finding.Gap{Account: r.acct.ID, Region: r.region, API: api, Resource: resource, Error: describeError(err)})
	r.acct.opts.Progress.Gap()
}

// failures records a batch describe's failures entries: each names a
// resource that was asked for and not read.
func (r *regionRun) failures(api string, fs []ecstypes.Failure) {
	for _, f := range fs {
		msg := sdk.ToString(f.Reason)
		if d := sdk.ToString(f.Detail); d != "" {
			msg += ": " + d
		}
		r.acct.audit.gaps.add(finding.Gap{Account: r.acct.ID, Region: r.region, API: api, Resource: sdk.ToString(f.Arn), Error: "failure: " + msg})
		r.acct.opts.Progress.Gap()
	}
}

// collect reads the region. Calls run concurrently; the throttle bounds
// them. Each step reads what the previous ones named, so nothing is read
// that no service, cluster or instance uses.
func (r *regionRun) collect(ctx context.Context) {
	clusters := r.clusters(ctx)
	var wg sync.WaitGroup
	for _, c := range clusters {
		wg.Go(func() { r.services(ctx, c) })
		wg.Go(func() { r.containerInstances(ctx, c) })
	}
	wg.Go(func() { r.capacityProviders(ctx, clusters) })
	wg.Wait()

	wg.Go(func() { r.taskDefinitions(ctx) })
	wg.Go(func() { r.loadBalancers(ctx) })
	wg.Go(func() { r.targetGroups(ctx) })
	wg.Wait()
}

// clusters lists the region's clusters (or takes --cluster) and describes
// them with their settings, configuration and tags.
func (r *regionRun) clusters(ctx context.Context) []ecstypes.Cluster {
	names := r.acct.opts.Clusters
	if len(names) == 0 {
		p := ecs.NewListClustersPaginator(r.ecs, &ecs.ListClustersInput{MaxResults: sdk.Int32(pageSize)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				r.gap("ecs:ListClusters", "", err)
				break
			}
			names = append(names, page.ClusterArns...)
		}
	}
	var out []ecstypes.Cluster
	for _, batch := range chunks(names, batchClusters) {
		res, err := r.ecs.DescribeClusters(ctx, &ecs.DescribeClustersInput{
			Clusters: batch,
			Include:  []ecstypes.ClusterField{ecstypes.ClusterFieldSettings, ecstypes.ClusterFieldConfigurations, ecstypes.ClusterFieldTags},
		})
		if err != nil {
			r.gap("ecs:DescribeClusters", strings.Join(batch, ","), err)
			continue
		}
		r.failures("ecs:DescribeClusters", res.Failures)
		out = append(out, res.Clusters...)
	}
	r.mu.Lock()
	r.out.clusters = out
	r.mu.Unlock()
	r.acct.opts.Progress.Read(len(out))
	return out
}

// services lists a cluster's services and describes them ten at a time.
func (r *regionRun) services(ctx context.Context, c ecstypes.Cluster) {
	cluster := sdk.ToString(c.ClusterArn)
	var arns []string
	p := ecs.NewListServicesPaginator(r.ecs, &ecs.ListServicesInput{Cluster: c.ClusterArn, MaxResults: sdk.Int32(pageSize)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			r.gap("ecs:ListServices", cluster, err)
			break
		}
		arns = append(arns, page.ServiceArns...)
	}
	batches := chunks(arns, batchServices)
	results := make([][]ecstypes.Service, len(batches))
	var wg sync.WaitGroup
	for i, batch := range batches {
		wg.Go(func() {
			res, err := r.ecs.DescribeServices(ctx, &ecs.DescribeServicesInput{
				Cluster: c.ClusterArn, Services: batch, Include: []ecstypes.ServiceField{ecstypes.ServiceFieldTags},
			})
			if err != nil {
				r.gap("ecs:DescribeServices", strings.Join(batch, ","), err)
				return
			}
			r.failures("ecs:DescribeServices", res.Failures)
			results[i] = res.Services
			r.acct.opts.Progress.Read(len(res.Services))
		})
	}
	wg.Wait()
	r.mu.Lock()
	for _, s := range results {
		r.out.services = append(r.out.services, s...)
	}
	r.mu.Unlock()
}

// taskDefinitions describes each revision the services and their
// deployments run, once however many services share it, with its tags
// (where ecslint:ignore suppressions live).
func (r *regionRun) taskDefinitions(ctx context.Context) {
	seen := map[string]bool{}
	var arns []string
	add := func(s *string) {
		if a := sdk.ToString(s); a != "" && !seen[a] {
			seen[a] = true
			arns = append(arns, a)
		}
	}
	r.mu.Lock()
	for _, s := range r.out.services {
		add(s.TaskDefinition)
		for _, d := range s.Deployments {
			add(d.TaskDefinition)
		}
	}
	r.mu.Unlock()
	sort.Strings(arns)
	results := make([]*ecs.DescribeTaskDefinitionOutput, len(arns))
	var wg sync.WaitGroup
	for i, arn := range arns {
		wg.Go(func() {
			res, err := r.ecs.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{
				TaskDefinition: sdk.String(arn), Include: []ecstypes.TaskDefinitionField{ecstypes.TaskDefinitionFieldTags},
			})
			if err != nil {
				r.gap("ecs:DescribeTaskDefinition", arn, err)
				return
			}
			if res.TaskDefinition == nil {
				r.gap("ecs:DescribeTaskDefinition", arn, errors.New("malformed answer: no taskDefinition"))
				return
			}
			results[i] = res
			r.acct.opts.Progress.Read(1)
		})
	}
	wg.Wait()
	r.mu.Lock()
	for _, td := range results {
		if td != nil {
			r.out.taskDefs = append(r.out.taskDefs, td)
		}
	}
	r.mu.Unlock()
}

// containerInstances finds the instance profiles a cluster's EC2
// container instances run with: container instance → EC2 instance →
// instance profile. This is what the account alone can tell about the
// instance roles.
func (r *regionRun) containerInstances(ctx context.Context, c ecstypes.Cluster) {
	cluster := sdk.ToString(c.ClusterArn)
	var arns []string
	p := ecs.NewListContainerInstancesPaginator(r.ecs, &ecs.ListContainerInstancesInput{Cluster: c.ClusterArn, MaxResults: sdk.Int32(pageSize)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			r.gap("ecs:ListContainerInstances", cluster, err)
			break
		}
		arns = append(arns, page.ContainerInstanceArns...)
	}
	var ids []string
	for _, batch := range chunks(arns, batchContainerInstances) {
		res, err := r.ecs.DescribeContainerInstances(ctx, &ecs.DescribeContainerInstancesInput{Cluster: c.ClusterArn, ContainerInstances: batch})
		if err != nil {
			r.gap("ecs:DescribeContainerInstances", cluster, err)
			continue
		}
		r.failures("ecs:DescribeContainerInstances", res.Failures)
		for _, ci := range res.ContainerInstances {
			// External (ECS Anywhere) instances have no EC2 instance.
			if id := sdk.ToString(ci.Ec2InstanceId); strings.HasPrefix(id, "i-") {
				ids = append(ids, id)
			}
		}
	}
	profiles := map[string]bool{}
	for _, batch := range chunks(ids, batchInstances) {
		p := ec2.NewDescribeInstancesPaginator(r.ec2, &ec2.DescribeInstancesInput{InstanceIds: batch})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				r.gap("ec2:DescribeInstances", strings.Join(batch, ","), err)
				break
			}
			for _, res := range page.Reservations {
				for _, in := range res.Instances {
					if in.IamInstanceProfile != nil && sdk.ToString(in.IamInstanceProfile.Arn) != "" {
						profiles[sdk.ToString(in.IamInstanceProfile.Arn)] = true
					}
				}
			}
		}
	}
	list := slices.Sorted(maps.Keys(profiles))
	r.mu.Lock()
	r.out.clusterProfiles[cluster] = list
	r.mu.Unlock()
	r.acct.wantProfiles(list)
}

// capacityProviders describes the capacity providers the clusters name,
// then their Auto Scaling groups and those groups' launch templates or
// configurations.
func (r *regionRun) capacityProviders(ctx context.Context, clusters []ecstypes.Cluster) {
	seen := map[string]bool{}
	var names []string
	for _, c := range clusters {
		for _, cp := range c.CapacityProviders {
			if !awsManagedProviders[cp] && !seen[cp] {
				seen[cp] = true
				names = append(names, cp)
			}
		}
	}
	sort.Strings(names)
	var providers []ecstypes.CapacityProvider
	for _, batch := range chunks(names, batchCapacityProviders) {
		in := &ecs.DescribeCapacityProvidersInput{CapacityProviders: batch, Include: []ecstypes.CapacityProviderField{ecstypes.CapacityProviderFieldTags}}
		for {
			res, err := r.ecs.DescribeCapacityProviders(ctx, in)
			if err != nil {
				r.gap("ecs:DescribeCapacityProviders", strings.Join(batch, ","), err)
				break
			}
			r.failures("ecs:DescribeCapacityProviders", res.Failures)
			providers = append(providers, res.CapacityProviders...)
			if sdk.ToString(res.NextToken) == "" {
				break
			}
			in.NextToken = res.NextToken
		}
	}
	r.acct.opts.Progress.Read(len(providers))
	var groups []string
	for _, cp := range providers {
		if p := cp.AutoScalingGroupProvider; p != nil {
			if name := asgName(sdk.ToString(p.AutoScalingGroupArn)); name != "" {
				groups = append(groups, name)
			}
		}
	}
	asgs := r.autoScalingGroups(ctx, dedupe(groups))
	r.mu.Lock()
	r.out.providers = providers
	r.out.groups = asgs
	r.mu.Unlock()
	r.launchTemplates(ctx, asgs)
}

// asgName is the group name in an Auto Scaling group ARN
// (...:autoScalingGroup:<uuid>:autoScalingGroupName/<name>); a bare name
// is returned as is.
func asgName(arn string) string {
	if i := strings.Index(arn, "autoScalingGroupName/"); i >= 0 {
		return arn[i+len("autoScalingGroupName/"):]
	}
	if strings.HasPrefix(arn, "arn:") {
		return ""
	}
	return arn
}

func (r *regionRun) autoScalingGroups(ctx context.Context, names []string) []asgtypes.AutoScalingGroup {
	var out []asgtypes.AutoScalingGroup
	for _, batch := range chunks(names, batchAutoScalingGroups) {
		p := autoscaling.NewDescribeAutoScalingGroupsPaginator(r.asg, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: batch, MaxRecords: sdk.Int32(100)})
		got := map[string]bool{}
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				r.gap("autoscaling:DescribeAutoScalingGroups", strings.Join(batch, ","), err)
				for _, n := range batch {
					got[n] = true // recorded by the gap above
				}
				break
			}
			for _, g := range page.AutoScalingGroups {
				got[sdk.ToString(g.AutoScalingGroupName)] = true
			}
			out = append(out, page.AutoScalingGroups...)
		}
		r.missing("autoscaling:DescribeAutoScalingGroups", batch, got)
	}
	r.acct.opts.Progress.Read(len(out))
	return out
}

// missing records names a describe call was asked for and did not return:
// the API answers with fewer items rather than a failures list.
func (r *regionRun) missing(api string, asked []string, got map[string]bool) {
	for _, n := range asked {
		if !got[n] {
			r.acct.audit.gaps.add(finding.Gap{Account: r.acct.ID, Region: r.region, API: api, Resource: n, Error: "not found"})
			r.acct.opts.Progress.Gap()
		}
	}
}

// templateRef is how a group names its launch template.
func templateRef(g asgtypes.AutoScalingGroup) *asgtypes.LaunchTemplateSpecification {
	if g.LaunchTemplate != nil {
		return g.LaunchTemplate
	}
	if m := g.MixedInstancesPolicy; m != nil && m.LaunchTemplate != nil {
		return m.LaunchTemplate.LaunchTemplateSpecification
	}
	return nil
}

// templateKey identifies a template version as a group asks for it.
func templateKey(spec *asgtypes.LaunchTemplateSpecification) string {
	id := sdk.ToString(spec.LaunchTemplateId)
	if id == "" {
		id = "name:" + sdk.ToString(spec.LaunchTemplateName)
	}
	v := sdk.ToString(spec.Version)
	if v == "" {
		v = "$Default"
	}
	return id + "|" + v
}

// launchTemplates reads the template version (or launch configuration)
// each group launches instances from: the instance profile, metadata
// options and user data the container instances get.
func (r *regionRun) launchTemplates(ctx context.Context, groups []asgtypes.AutoScalingGroup) {
	specs := map[string]*asgtypes.LaunchTemplateSpecification{}
	var configs []string
	for _, g := range groups {
		if spec := templateRef(g); spec != nil {
			specs[templateKey(spec)] = spec
		} else if lc := sdk.ToString(g.LaunchConfigurationName); lc != "" {
			configs = append(configs, lc)
		}
	}
	var wg sync.WaitGroup
	for _, key := range slices.Sorted(maps.Keys(specs)) {
		spec := specs[key]
		wg.Go(func() {
			in := &ec2.DescribeLaunchTemplateVersionsInput{Versions: []string{strings.SplitN(key, "|", 2)[1]}}
			if spec.LaunchTemplateId != nil {
				in.LaunchTemplateId = spec.LaunchTemplateId
			} else {
				in.LaunchTemplateName = spec.LaunchTemplateName
			}
			res, err := r.ec2.DescribeLaunchTemplateVersions(ctx, in)
			if err != nil {
				r.gap("ec2:DescribeLaunchTemplateVersions", key, err)
				return
			}
			if len(res.LaunchTemplateVersions) == 0 {
				r.gap("ec2:DescribeLaunchTemplateVersions", key, errors.New("not found"))
				return
			}
			v := res.LaunchTemplateVersions[0]
			r.mu.Lock()
			r.out.templates = append(r.out.templates, v)
			r.out.templateKeys[key] = v
			r.mu.Unlock()
			if d := v.LaunchTemplateData; d != nil && d.IamInstanceProfile != nil {
				r.acct.wantProfiles([]string{firstNonEmpty(sdk.ToString(d.IamInstanceProfile.Arn), sdk.ToString(d.IamInstanceProfile.Name))})
			}
			r.acct.opts.Progress.Read(1)
		})
	}
	wg.Go(func() {
		configs = dedupe(configs)
		var out []asgtypes.LaunchConfiguration
		for _, batch := range chunks(configs, batchLaunchConfigs) {
			p := autoscaling.NewDescribeLaunchConfigurationsPaginator(r.asg, &autoscaling.DescribeLaunchConfigurationsInput{LaunchConfigurationNames: batch})
			got := map[string]bool{}
			for p.HasMorePages() {
				page, err := p.NextPage(ctx)
				if err != nil {
					r.gap("autoscaling:DescribeLaunchConfigurations", strings.Join(batch, ","), err)
					for _, n := range batch {
						got[n] = true
					}
					break
				}
				for _, lc := range page.LaunchConfigurations {
					got[sdk.ToString(lc.LaunchConfigurationName)] = true
					if p := sdk.ToString(lc.IamInstanceProfile); p != "" {
						r.acct.wantProfiles([]string{p})
					}
				}
				out = append(out, page.LaunchConfigurations...)
			}
			r.missing("autoscaling:DescribeLaunchConfigurations", batch, got)
		}
		r.mu.Lock()
		r.out.configs = out
		r.mu.Unlock()
		r.acct.opts.Progress.Read(len(out))
	})
	wg.Wait()
}

// loadBalancers describes the Classic Load Balancers services name.
func (r *regionRun) loadBalancers(ctx context.Context) {
	var names []string
	r.mu.Lock()
	for _, s := range r.out.services {
		for _, lb := range s.LoadBalancers {
			if n := sdk.ToString(lb.LoadBalancerName); n != "" {
				names = append(names, n)
			}
		}
	}
	r.mu.Unlock()
	names = dedupe(names)
	sort.Strings(names)
	var out []elbtypes.LoadBalancerDescription
	describe := func(batch []string) error {
		p := elasticloadbalancing.NewDescribeLoadBalancersPaginator(r.elb, &elasticloadbalancing.DescribeLoadBalancersInput{LoadBalancerNames: batch})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return err
			}
			out = append(out, page.LoadBalancerDescriptions...)
		}
		return nil
	}
	for _, batch := range chunks(names, batchLoadBalancers) {
		r.describeEach("elasticloadbalancing:DescribeLoadBalancers", batch, "LoadBalancerNotFound", describe)
	}
	r.mu.Lock()
	r.out.classic = out
	r.mu.Unlock()
	r.acct.opts.Progress.Read(len(out))
}

// targetGroups describes the target groups services name.
func (r *regionRun) targetGroups(ctx context.Context) {
	var arns []string
	r.mu.Lock()
	for _, s := range r.out.services {
		for _, lb := range s.LoadBalancers {
			if a := sdk.ToString(lb.TargetGroupArn); a != "" {
				arns = append(arns, a)
			}
		}
	}
	r.mu.Unlock()
	arns = dedupe(arns)
	sort.Strings(arns)
	var out []elbv2types.TargetGroup
	describe := func(batch []string) error {
		p := elasticloadbalancingv2.NewDescribeTargetGroupsPaginator(r.elbv2, &elasticloadbalancingv2.DescribeTargetGroupsInput{TargetGroupArns: batch})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return err
			}
			out = append(out, page.TargetGroups...)
		}
		return nil
	}
	for _, batch := range chunks(arns, batchTargetGroups) {
		r.describeEach("elasticloadbalancing:DescribeTargetGroups", batch, "TargetGroupNotFound", describe)
	}
	r.mu.Lock()
	r.out.targets = out
	r.mu.Unlock()
	r.acct.opts.Progress.Read(len(out))
}

// describeEach describes a batch; when the API refuses the whole batch
// because one name does not exist (as the load balancing APIs do), it
// describes the names one by one so that only the missing one is a gap.
func (r *regionRun) describeEach(api string, batch []string, notFound string, describe func([]string) error) {
	err := describe(batch)
	if err == nil {
		return
	}
	var apiErr smithy.APIError
	if len(batch) > 1 && errors.As(err, &apiErr) && apiErr.ErrorCode() == notFound {
		for _, one := range batch {
			if err := describe([]string{one}); err != nil {
				r.gap(api, one, err)
			}
		}
		return
	}
	r.gap(api, strings.Join(batch, ","), err)
}

func chunks(l []string, n int) [][]string {
	var out [][]string
	for len(l) > 0 {
		k := min(n, len(l))
		out = append(out, l[:k])
		l = l[k:]
	}
	return out
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
