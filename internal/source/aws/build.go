package aws

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	asgtypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// SchemeLaunchTemplateVersion identifies one version of a launch template
// ("<template ARN>:<version number>"): a template's versions differ in
// exactly what the audit reads, and several may be in use at once, so
// the template's ARN alone would name more than one resource.
const SchemeLaunchTemplateVersion = "launch-template-version"

// builder turns what one account and region gave into resources.
type builder struct {
	acct   *account
	region string
	// roles are the task and execution roles the task definitions name,
	// for the account's IAM read.
	roles []string
}

func (acct *account) builder(region string) *builder { return &builder{acct: acct, region: region} }

// arn builds an ARN for a resource the API names but gives no ARN for (a
// Classic Load Balancer, a launch template, a cluster named in user data),
// in the caller's partition.
func (b *builder) arn(service, resource string) string {
	return "arn:" + b.acct.Partition + ":" + service + ":" + b.region + ":" + b.acct.ID + ":" + resource
}

func (b *builder) resource(k, name, arn string, value ast.Object, ids ...source.Identity) *source.Resource {
	if arn != "" {
		ids = append([]source.Identity{{Scheme: source.SchemeARN, Value: arn}}, ids...)
	}
	return &source.Resource{
		Kind:    k,
		Name:    name,
		Value:   value,
		IDs:     ids,
		Origin:  source.Origin{Format: source.FormatAWS, Account: b.acct.ID, Region: b.region, ARN: arn},
		Locator: &arnLocator{arn: arn, value: value},
	}
}

func nameID(n string) source.Identity { return source.Identity{Scheme: source.SchemeName, Value: n} }
func arnID(a string) source.Identity  { return source.Identity{Scheme: source.SchemeARN, Value: a} }

// ref is a reference to an identity; an empty identity makes an
// unresolvable one (its target could not be read).
func ref(rel string, path []any, text string, to ...source.Identity) source.Ref {
	var ids []source.Identity
	for _, id := range to {
		if id.Value != "" {
			ids = append(ids, id)
		}
	}
	return source.Ref{Rel: rel, To: ids, Path: path, Text: text}
}

// regional builds the resources of one region.
func (b *builder) regional(out *regional) []*source.Resource {
	var res []*source.Resource
	providerARN := map[string]string{}
	for _, cp := range out.providers {
		providerARN[sdk.ToString(cp.Name)] = sdk.ToString(cp.CapacityProviderArn)
	}
	for i := range out.clusters {
		c := &out.clusters[i]
		arn := sdk.ToString(c.ClusterArn)
		r := b.resource(kind.Cluster, sdk.ToString(c.ClusterName), arn, toObject(c, epochSeconds), nameID(sdk.ToString(c.ClusterName)))
		for j, cp := range c.CapacityProviders {
			if awsManagedProviders[cp] {
				continue
			}
			r.Refs = append(r.Refs, ref("capacityProviders", []any{"capacityProviders", j}, cp, arnID(providerARN[cp])))
		}
		for _, p := range out.clusterProfiles[arn] {
			r.Refs = append(r.Refs, ref(kind.RelInstanceProfiles, nil, "container instances run with "+p, arnID(p)))
		}
		res = append(res, r)
	}
	for i := range out.services {
		s := &out.services[i]
		name := sdk.ToString(s.ServiceName)
		display := name
		if c := lastSegment(sdk.ToString(s.ClusterArn)); c != "" {
			display = c + "/" + name
		}
		r := b.resource(kind.Service, display, sdk.ToString(s.ServiceArn), toObject(s, epochSeconds), nameID(name))
		r.Refs = append(r.Refs,
			ref("taskDefinition", []any{"taskDefinition"}, sdk.ToString(s.TaskDefinition), arnID(sdk.ToString(s.TaskDefinition))),
			ref("cluster", []any{"clusterArn"}, sdk.ToString(s.ClusterArn), arnID(sdk.ToString(s.ClusterArn))))
		for j, lb := range s.LoadBalancers {
			if n := sdk.ToString(lb.LoadBalancerName); n != "" {
				r.Refs = append(r.Refs, ref("loadBalancers", []any{"loadBalancers", j, "loadBalancerName"}, n, arnID(b.arn("elasticloadbalancing", "loadbalancer/"+n))))
			}
			if tg := sdk.ToString(lb.TargetGroupArn); tg != "" {
				r.Refs = append(r.Refs, ref("targetGroups", []any{"loadBalancers", j, "targetGroupArn"}, tg, arnID(tg)))
			}
		}
		res = append(res, r)
	}
	for _, td := range out.taskDefs {
		res = append(res, b.taskDefinition(td))
	}
	for i := range out.providers {
		cp := &out.providers[i]
		r := b.resource(kind.CapacityProvider, sdk.ToString(cp.Name), sdk.ToString(cp.CapacityProviderArn), toObject(cp, epochSeconds), nameID(sdk.ToString(cp.Name)))
		if p := cp.AutoScalingGroupProvider; p != nil {
			r.Refs = append(r.Refs, ref("autoScalingGroup", []any{"autoScalingGroupProvider", "autoScalingGroupArn"}, sdk.ToString(p.AutoScalingGroupArn), arnID(sdk.ToString(p.AutoScalingGroupArn))))
		}
		res = append(res, r)
	}
	configARN := map[string]string{}
	for _, lc := range out.configs {
		configARN[sdk.ToString(lc.LaunchConfigurationName)] = sdk.ToString(lc.LaunchConfigurationARN)
	}
	for i := range out.groups {
		g := &out.groups[i]
		r := b.resource(kind.AutoScalingGroup, sdk.ToString(g.AutoScalingGroupName), sdk.ToString(g.AutoScalingGroupARN), toObject(g, dateTime), nameID(sdk.ToString(g.AutoScalingGroupName)))
		if spec := templateRef(*g); spec != nil {
			path := []any{"LaunchTemplate"}
			if g.LaunchTemplate == nil {
				path = []any{"MixedInstancesPolicy", "LaunchTemplate", "LaunchTemplateSpecification"}
			}
			var to source.Identity
			if v, ok := out.templateKeys[templateKey(spec)]; ok {
				to = b.templateID(v)
			}
			r.Refs = append(r.Refs, ref("launchTemplate", path, firstNonEmpty(sdk.ToString(spec.LaunchTemplateName), sdk.ToString(spec.LaunchTemplateId))+" "+sdk.ToString(spec.Version), to))
		} else if lc := sdk.ToString(g.LaunchConfigurationName); lc != "" {
			r.Refs = append(r.Refs, ref("launchTemplate", []any{"LaunchConfigurationName"}, lc, arnID(configARN[lc])))
		}
		res = append(res, r)
	}
	for _, v := range out.templates {
		res = append(res, b.launchTemplate(v))
	}
	for i := range out.configs {
		res = append(res, b.launchConfiguration(&out.configs[i]))
	}
	seen := map[string]bool{}
	for i := range out.classic {
		d := &out.classic[i]
		name := sdk.ToString(d.LoadBalancerName)
		if seen[name] {
			continue
		}
		seen[name] = true
		v := toObject(d, dateTime)
		v.Insert(ast.StringTerm("Type"), ast.StringTerm("classic"))
		res = append(res, b.resource(kind.LoadBalancer, name, b.arn("elasticloadbalancing", "loadbalancer/"+name), v, nameID(name)))
	}
	for i := range out.targets {
		tg := &out.targets[i]
		if seen[sdk.ToString(tg.TargetGroupArn)] {
			continue
		}
		seen[sdk.ToString(tg.TargetGroupArn)] = true
		res = append(res, b.resource(kind.TargetGroup, sdk.ToString(tg.TargetGroupName), sdk.ToString(tg.TargetGroupArn), toObject(tg, dateTime), nameID(sdk.ToString(tg.TargetGroupName))))
	}
	return res
}

// taskDefinition builds a task definition with its tags inside, where
// RegisterTaskDefinition takes them (DescribeTaskDefinition returns them
// beside it), so tag suppressions read as for files.
func (b *builder) taskDefinition(out *ecs.DescribeTaskDefinitionOutput) *source.Resource {
	td := out.TaskDefinition
	v := toObject(td, epochSeconds)
	if len(out.Tags) > 0 {
		tags := make([]*ast.Term, 0, len(out.Tags))
		for i := range out.Tags {
			tags = append(tags, ast.NewTerm(toValue(&out.Tags[i], epochSeconds)))
		}
		v.Insert(ast.StringTerm("tags"), ast.ArrayTerm(tags...))
	}
	family := sdk.ToString(td.Family)
	rev := strconv.Itoa(int(td.Revision))
	r := b.resource(kind.TaskDefinition, family+":"+rev, sdk.ToString(td.TaskDefinitionArn), v,
		source.Identity{Scheme: source.SchemeFamily, Value: family},
		source.Identity{Scheme: source.SchemeFamilyRevision, Value: family + ":" + rev})
	r.Revision = int(td.Revision)
	for _, role := range []struct {
		rel, field string
		value      *string
	}{{"taskRole", "taskRoleArn", td.TaskRoleArn}, {"executionRole", "executionRoleArn", td.ExecutionRoleArn}} {
		id := sdk.ToString(role.value)
		if id == "" {
			continue
		}
		b.roles = append(b.roles, id)
		to := nameID(id)
		if strings.HasPrefix(id, "arn:") {
			to = arnID(id)
		}
		r.Refs = append(r.Refs, ref(role.rel, []any{role.field}, id, to))
	}
	return r
}

func lastSegment(arn string) string {
	if i := strings.LastIndexByte(arn, '/'); i >= 0 {
		return arn[i+1:]
	}
	return ""
}

// templateID is the identity of a launch template version.
func (b *builder) templateID(v ec2types.LaunchTemplateVersion) source.Identity {
	arn := b.arn("ec2", "launch-template/"+sdk.ToString(v.LaunchTemplateId))
	return source.Identity{Scheme: SchemeLaunchTemplateVersion, Value: arn + ":" + strconv.FormatInt(sdk.ToInt64(v.VersionNumber), 10)}
}

// launchTemplate builds a template version in the LaunchTemplateData
// shape.
func (b *builder) launchTemplate(v ec2types.LaunchTemplateVersion) *source.Resource {
	value, _ := reflectValue(v.LaunchTemplateData).(ast.Object)
	if value == nil {
		value = ast.NewObject()
	}
	arn := b.arn("ec2", "launch-template/"+sdk.ToString(v.LaunchTemplateId))
	name := sdk.ToString(v.LaunchTemplateName) + ":" + strconv.FormatInt(sdk.ToInt64(v.VersionNumber), 10)
	decodeUserData(value)
	r := b.resource(kind.LaunchTemplate, name, "", value, b.templateID(v))
	r.Origin.ARN = arn
	r.Locator = &arnLocator{arn: arn, value: value}
	if d := v.LaunchTemplateData; d != nil {
		if p := d.IamInstanceProfile; p != nil {
			switch {
			case sdk.ToString(p.Arn) != "":
				r.Refs = append(r.Refs, ref("instanceProfile", []any{"IamInstanceProfile", "Arn"}, *p.Arn, arnID(*p.Arn)))
			case sdk.ToString(p.Name) != "":
				r.Refs = append(r.Refs, ref("instanceProfile", []any{"IamInstanceProfile", "Name"}, *p.Name, nameID(*p.Name)))
			}
		}
		r.Refs = append(r.Refs, b.userDataCluster(sdk.ToString(d.UserData))...)
	}
	return r
}

// launchConfiguration builds a launch configuration in the launch
// template's shape where the fields exist: its IamInstanceProfile, a name
// or ARN string, becomes {Arn} or {Name} as in a template.
func (b *builder) launchConfiguration(lc *asgtypes.LaunchConfiguration) *source.Resource {
	value := toObject(lc, dateTime)
	decodeUserData(value)
	name := sdk.ToString(lc.LaunchConfigurationName)
	r := b.resource(kind.LaunchTemplate, name, sdk.ToString(lc.LaunchConfigurationARN), value, nameID(name))
	if p := sdk.ToString(lc.IamInstanceProfile); p != "" {
		key, id := "Name", nameID(p)
		if strings.HasPrefix(p, "arn:") {
			key, id = "Arn", arnID(p)
		}
		value.Insert(ast.StringTerm("IamInstanceProfile"), ast.ObjectTerm(ast.Item(ast.StringTerm(key), ast.StringTerm(p))))
		r.Refs = append(r.Refs, ref("instanceProfile", []any{"IamInstanceProfile", key}, p, id))
	}
	r.Refs = append(r.Refs, b.userDataCluster(sdk.ToString(lc.UserData))...)
	return r
}

// decodeUserData replaces the base64 UserData the API returns with its
// text, as every source writes it (a template's Fn::Base64 argument,
// Terraform's user_data), so rules read one form.
func decodeUserData(value ast.Object) {
	t := value.Get(ast.StringTerm("UserData"))
	if t == nil {
		return
	}
	s, ok := t.Value.(ast.String)
	if !ok {
		return
	}
	data, err := base64.StdEncoding.DecodeString(string(s))
	if err != nil || !utf8.Valid(data) {
		return
	}
	value.Insert(ast.StringTerm("UserData"), ast.StringTerm(string(data)))
}

// userDataCluster links instances to the cluster their user data joins
// (ECS_CLUSTER=name written to /etc/ecs/ecs.config).
func (b *builder) userDataCluster(encoded string) []source.Ref {
	if encoded == "" {
		return nil
	}
	data, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return nil
	}
	var refs []source.Ref
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		i := strings.Index(line, "ECS_CLUSTER=")
		if i < 0 {
			continue
		}
		name := strings.Trim(strings.Fields(line[i+len("ECS_CLUSTER="):] + " ")[0], `"'`)
		if name == "" || unresolved.Contains(name) || strings.ContainsAny(name, "$`") {
			continue
		}
		refs = append(refs, ref("cluster", []any{"UserData"}, "ECS_CLUSTER="+name, arnID(b.arn("ecs", "cluster/"+name))))
	}
	return refs
}

// global builds an account's IAM resources.
func (b *builder) global(roles []iamtypes.Role, profiles []iamtypes.InstanceProfile) []*source.Resource {
	var res []*source.Resource
	for i := range roles {
		r := &roles[i]
		v := toObject(r, dateTime)
		decodePolicy(v)
		res = append(res, b.resource(kind.Role, sdk.ToString(r.RoleName), sdk.ToString(r.Arn), v, nameID(sdk.ToString(r.RoleName))))
	}
	for i := range profiles {
		p := &profiles[i]
		v := toObject(p, dateTime)
		if t := v.Get(ast.StringTerm("Roles")); t != nil {
			if arr, ok := t.Value.(*ast.Array); ok {
				arr.Foreach(func(t *ast.Term) {
					if o, ok := t.Value.(ast.Object); ok {
						decodePolicy(o)
					}
				})
			}
		}
		r := b.resource(kind.InstanceProfile, sdk.ToString(p.InstanceProfileName), sdk.ToString(p.Arn), v, nameID(sdk.ToString(p.InstanceProfileName)))
		for j, role := range p.Roles {
			r.Refs = append(r.Refs, ref("roles", []any{"Roles", j}, sdk.ToString(role.RoleName), arnID(sdk.ToString(role.Arn))))
		}
		res = append(res, r)
	}
	return res
}

// decodePolicy replaces a role's AssumeRolePolicyDocument, which IAM
// returns as URL-encoded JSON, with the policy object. One that does not
// decode becomes an unknown value: rules do not judge what ecslint could
// not read.
func decodePolicy(role ast.Object) {
	key := ast.StringTerm("AssumeRolePolicyDocument")
	t := role.Get(key)
	if t == nil {
		return
	}
	s, ok := t.Value.(ast.String)
	if !ok {
		return
	}
	var decoded ast.Value = ast.String(unresolved.Unknown("AssumeRolePolicyDocument that did not decode"))
	if text, err := url.PathUnescape(string(s)); err == nil {
		if v, err := ast.ValueFromReader(strings.NewReader(text)); err == nil {
			decoded = v
		}
	}
	role.Insert(key, ast.NewTerm(decoded))
}

// arnLocator locates a path into a live resource: the resource's ARN and
// the path as a JSON pointer into its value, exact when the field is
// there, else its nearest present parent.
type arnLocator struct {
	arn   string
	value ast.Object
}

// Locate implements source.Locator.
func (l *arnLocator) Locate(path []any) finding.Location {
	n := present(l.value, path)
	prec := finding.PrecisionExact
	switch {
	case n == 0 && len(path) > 0:
		prec = finding.PrecisionResource
	case n < len(path):
		prec = finding.PrecisionAncestor
	}
	return finding.Location{ARN: l.arn, Pointer: document.Pointer("", path[:n]...), Precision: prec}
}

// Comments implements source.Locator: a live resource has none (its
// suppressions are tags).
func (l *arnLocator) Comments([]any) []string { return nil }

// present counts how many leading steps of path exist in v.
func present(v ast.Value, path []any) int {
	for i, step := range path {
		var next *ast.Term
		switch x := v.(type) {
		case ast.Object:
			if k, ok := step.(string); ok {
				next = x.Get(ast.StringTerm(k))
			}
		case *ast.Array:
			if k, ok := step.(int); ok && k >= 0 && k < x.Len() {
				next = x.Elem(k)
			}
		}
		if next == nil {
			return i
		}
		v = next.Value
	}
	return len(path)
}
