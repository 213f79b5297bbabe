package cfn

import (
	"encoding/base64"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// CloudFormation resource types ecslint reads.
const (
	typeTaskDefinition      = "AWS::ECS::TaskDefinition"
	typeService             = "AWS::ECS::Service"
	typeCluster             = "AWS::ECS::Cluster"
	typeCapacityProvider    = "AWS::ECS::CapacityProvider"
	typeClusterCPs          = "AWS::ECS::ClusterCapacityProviderAssociations"
	typeLoadBalancer        = "AWS::ElasticLoadBalancingV2::LoadBalancer"
	typeTargetGroup         = "AWS::ElasticLoadBalancingV2::TargetGroup"
	typeListener            = "AWS::ElasticLoadBalancingV2::Listener"
	typeListenerRule        = "AWS::ElasticLoadBalancingV2::ListenerRule"
	typeClassicLoadBalancer = "AWS::ElasticLoadBalancing::LoadBalancer"
	typeRole                = "AWS::IAM::Role"
	typeInstanceProfile     = "AWS::IAM::InstanceProfile"
	typeLaunchTemplate      = "AWS::EC2::LaunchTemplate"
	typeLaunchConfiguration = "AWS::AutoScaling::LaunchConfiguration"
	typeAutoScalingGroup    = "AWS::AutoScaling::AutoScalingGroup"
)

// spec says how one resource type becomes a resource of a kind.
type spec struct {
	kind string
	// ecs: the value takes the ECS API's camelCase names.
	ecs   bool
	model func(*models) *shape
	// nameKey is the property holding the resource's own name, in the
	// converted value.
	nameKey string
	// prepare adjusts the evaluated properties (template names) before
	// they are converted.
	prepare func(b *builder, props *node) *node
	// refs adds the references the converted value holds.
	refs func(b *builder)
}

var specs = map[string]*spec{
	typeTaskDefinition: {kind: kind.TaskDefinition, ecs: true, model: func(m *models) *shape { return m.taskDefinition },
		nameKey: "family", prepare: prepareTaskDefinition, refs: taskDefinitionRefs},
	typeService: {kind: kind.Service, ecs: true, model: func(m *models) *shape { return m.service },
		nameKey: "serviceName", prepare: prepareService, refs: serviceRefs},
	typeCluster: {kind: kind.Cluster, ecs: true, model: func(m *models) *shape { return m.cluster },
		nameKey: "clusterName", prepare: prepareCluster, refs: clusterRefs},
	typeCapacityProvider: {kind: kind.CapacityProvider, ecs: true, model: func(m *models) *shape { return m.capacityProvider },
		nameKey: "name", refs: capacityProviderRefs},
	typeLoadBalancer: {kind: kind.LoadBalancer, model: func(m *models) *shape { return m.loadBalancer },
		nameKey: "LoadBalancerName", prepare: renameName("LoadBalancerName"), refs: loadBalancerRefs},
	typeClassicLoadBalancer: {kind: kind.LoadBalancer, model: func(m *models) *shape { return m.classicLoadBalancer },
		nameKey: "LoadBalancerName", prepare: prepareClassic},
	typeTargetGroup: {kind: kind.TargetGroup, model: func(m *models) *shape { return m.targetGroup },
		nameKey: "TargetGroupName", prepare: renameName("TargetGroupName")},
	typeRole: {kind: kind.Role, model: func(m *models) *shape { return m.role },
		nameKey: "RoleName", prepare: prepareRole},
	typeInstanceProfile: {kind: kind.InstanceProfile, model: func(m *models) *shape { return m.instanceProfile },
		nameKey: "InstanceProfileName", prepare: prepareInstanceProfile, refs: instanceProfileRefs},
	typeLaunchTemplate: {kind: kind.LaunchTemplate, model: func(m *models) *shape { return m.launchTemplate },
		prepare: prepareLaunchTemplate, refs: launchTemplateRefs},
	typeLaunchConfiguration: {kind: kind.LaunchTemplate, model: func(m *models) *shape { return m.launchConfiguration },
		prepare: prepareLaunchConfiguration, refs: launchTemplateRefs},
	typeAutoScalingGroup: {kind: kind.AutoScalingGroup, model: func(m *models) *shape { return m.autoScaling },
		nameKey: "AutoScalingGroupName", refs: autoScalingGroupRefs},
}

// targetTypes are the resource types a relation to a kind may name.
var targetTypes = map[string][]string{
	kind.TaskDefinition:   {typeTaskDefinition},
	kind.Service:          {typeService},
	kind.Cluster:          {typeCluster},
	kind.CapacityProvider: {typeCapacityProvider},
	kind.LoadBalancer:     {typeLoadBalancer, typeClassicLoadBalancer},
	kind.TargetGroup:      {typeTargetGroup},
	kind.Role:             {typeRole},
	kind.InstanceProfile:  {typeInstanceProfile},
	kind.LaunchTemplate:   {typeLaunchTemplate, typeLaunchConfiguration},
	kind.AutoScalingGroup: {typeAutoScalingGroup},
}

// builder builds one resource (one variant of it) from its entry.
type builder struct {
	l    *loader
	e    *entry
	sp   *spec
	ev   *evaluator
	conv *converter
	// value is the converted value.
	value *node
	refs  []source.Ref
	// extraText is evaluated text outside the properties that may name
	// the cluster (cfn-init commands in Metadata).
	extraText []*node
	// ltName is a launch template's or configuration's own name, which
	// sits outside the launch template data.
	ltName *node
	// opaque: the properties are unknown as a whole.
	opaque bool
}

// identity of a template resource.
func (b *builder) cfnID(logical string) source.Identity {
	return source.Identity{Scheme: source.SchemeLogicalID, Value: b.l.t.file + "#" + logical}
}

// ref adds a reference for relation rel from the value at path to a
// resource of kind target.
func (b *builder) ref(rel, target string, path ...any) {
	n := at(b.value, path...)
	if n == nil {
		return
	}
	b.refNode(rel, target, n, path)
}

func (b *builder) refNode(rel, target string, n *node, path []any) {
	r := source.Ref{Rel: rel, Path: path, Text: b.refText(n)}
	seen := map[string]bool{}
	for _, l := range n.allLinks() {
		t := b.l.t.byID[l.logical]
		if t == nil || !isType(t.typ, targetTypes[target]) || seen[l.logical] {
			continue
		}
		seen[l.logical] = true
		r.To = append(r.To, b.cfnID(l.logical))
	}
	if len(r.To) == 0 {
		if s, ok := n.text(); ok {
			r.To = source.LiteralIDs(target, s)
		}
	}
	b.refs = append(b.refs, r)
}

// refText is the reference as the template writes it, for messages: the
// short form of the intrinsic function written there, or the value.
func (b *builder) refText(n *node) string {
	if n.unknown {
		if fn, arg, ok := intrinsic(b.l.t.raw(n.ptr)); ok {
			return shortForm(fn, arg)
		}
	}
	s, _ := n.text()
	return s
}

// shortForm writes a one-argument intrinsic as YAML's short form.
func shortForm(fn string, arg ast.Value) string {
	tag := "!" + strings.TrimPrefix(fn, "Fn::")
	switch a := arg.(type) {
	case ast.String:
		return tag + " " + string(a)
	case *ast.Array:
		if fn == "Fn::GetAtt" && a.Len() == 2 {
			l, _ := a.Elem(0).Value.(ast.String)
			attr, _ := a.Elem(1).Value.(ast.String)
			return tag + " " + string(l) + "." + string(attr)
		}
	}
	return tag
}

func isType(t string, ts []string) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// --- per-type preparation (template names) ---

func renameName(to string) func(*builder, *node) *node {
	return func(_ *builder, p *node) *node {
		if n := p.get("Name"); n != nil {
			p.del("Name")
			p.set(to, n)
		}
		return p
	}
}

// prepareTaskDefinition: without a Family, CloudFormation registers the
// task definition under a family it makes up from the stack and logical
// names, which the template cannot know; the API requires one.
func prepareTaskDefinition(_ *builder, p *node) *node {
	if p.get("Family") == nil {
		p.set("Family", &node{kind: nString, str: unresolved.Unknown("family CloudFormation generates"), unknown: true, noSpan: true})
	}
	return p
}

// prepareService drops ForceNewDeployment: it asks CloudFormation for a
// new deployment on update (UpdateService's forceNewDeployment), and is
// no part of a service as created or described.
func prepareService(_ *builder, p *node) *node {
	p.del("ForceNewDeployment")
	return p
}

// prepareCluster merges the template's capacity provider associations for
// this cluster into its CapacityProviders and
// DefaultCapacityProviderStrategy, as the cluster then describes itself.
func prepareCluster(b *builder, p *node) *node {
	for _, a := range b.l.associations[b.e.logical] {
		for _, key := range []string{"CapacityProviders", "DefaultCapacityProviderStrategy"} {
			add := a.get(key)
			if add == nil || add.kind != nArray {
				continue
			}
			cur := p.get(key)
			if cur == nil || cur.kind != nArray {
				cur = &node{kind: nArray, ptr: add.ptr}
				p.set(key, cur)
			}
			cur.vals = append(cur.vals, add.vals...)
		}
	}
	return p
}

func prepareClassic(_ *builder, p *node) *node {
	p.set("Type", &node{kind: nString, str: "classic", noSpan: true})
	return p
}

// prepareRole decodes a trust policy written as a JSON string.
func prepareRole(_ *builder, p *node) *node {
	if d := p.get("AssumeRolePolicyDocument"); d != nil {
		p.set("AssumeRolePolicyDocument", jsonInString(d))
	}
	return p
}

// jsonInString decodes a known string holding JSON into a value whose
// parts are located at the string, inexactly.
func jsonInString(n *node) *node {
	if n.kind != nString || n.unknown || hasPlaceholder(n.str) {
		return n
	}
	doc, err := document.ParseJSON([]byte(n.str))
	if err != nil {
		return n
	}
	out := fromValue(doc.Value, n.ptr)
	var mark func(*node)
	mark = func(x *node) {
		x.ptr, x.inexact = n.ptr, true
		for _, v := range x.vals {
			mark(v)
		}
	}
	mark(out)
	out.inexact = false
	return out
}

// prepareInstanceProfile: Roles are names in the template; the API lists
// Role objects.
func prepareInstanceProfile(_ *builder, p *node) *node {
	if rs := p.get("Roles"); rs != nil && rs.kind == nArray {
		for i, r := range rs.vals {
			if r.kind == nObject {
				continue
			}
			rs.vals[i] = &node{kind: nObject, ptr: r.ptr, keys: []string{"RoleName"}, vals: []*node{r}}
		}
	}
	return p
}

// prepareLaunchTemplate: the value is the LaunchTemplateData; its
// UserData is kept as the text Fn::Base64 encodes.
func prepareLaunchTemplate(b *builder, p *node) *node {
	data := p.get("LaunchTemplateData")
	if data == nil || data.kind != nObject {
		data = &node{kind: nObject, ptr: p.ptr + "/LaunchTemplateData"}
	}
	b.userData(data, "LaunchTemplateData", "UserData")
	if name := p.get("LaunchTemplateName"); name != nil {
		b.ltName = name
	}
	return data
}

// prepareLaunchConfiguration maps a launch configuration onto the launch
// template data shape where the fields exist: IamInstanceProfile (a name
// or an ARN) becomes {Arn} or {Name}.
func prepareLaunchConfiguration(b *builder, p *node) *node {
	if ip := p.get("IamInstanceProfile"); ip != nil && ip.kind == nString {
		key := "Name"
		if strings.HasPrefix(ip.str, "arn:") {
			key = "Arn"
		}
		p.set("IamInstanceProfile", &node{kind: nObject, ptr: ip.ptr, keys: []string{key}, vals: []*node{ip}})
	}
	b.userData(p, "UserData")
	if name := p.get("LaunchConfigurationName"); name != nil {
		b.ltName = name
		p.del("LaunchConfigurationName")
	}
	return p
}

// userData evaluates the UserData property at raw path under the
// resource's properties as text: the argument of Fn::Base64, or a
// literal base64 string decoded.
func (b *builder) userData(into *node, rawPath ...string) {
	raw := b.e.props
	ptr := b.e.ptr + "/Properties"
	for _, k := range rawPath {
		raw = get(raw, k)
		ptr += "/" + document.EscapeToken(k)
	}
	if raw == nil {
		return
	}
	var text *node
	if fn, arg, ok := intrinsic(raw); ok && fn == "Fn::Base64" {
		text = b.ev.eval(arg, ptr)
		if text != nil {
			text.ptr = ptr
		}
	} else {
		text = b.ev.eval(raw, ptr)
		if text != nil && text.kind == nString && text.known() {
			if dec, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text.str)); err == nil && utf8.Valid(dec) {
				text = &node{kind: nString, str: string(dec), ptr: ptr}
			}
		}
	}
	if text == nil {
		into.del("UserData")
		return
	}
	into.set("UserData", text)
}

// --- references ---

func taskDefinitionRefs(b *builder) {
	b.ref("taskRole", kind.Role, "taskRoleArn")
	b.ref("executionRole", kind.Role, "executionRoleArn")
}

func serviceRefs(b *builder) {
	b.ref("taskDefinition", kind.TaskDefinition, "taskDefinition")
	if at(b.value, "cluster") != nil {
		b.ref("cluster", kind.Cluster, "cluster")
	}
	if lbs := at(b.value, "loadBalancers"); lbs != nil && lbs.kind == nArray {
		for i := range lbs.vals {
			b.ref("loadBalancers", kind.LoadBalancer, "loadBalancers", i, "loadBalancerName")
			b.ref("targetGroups", kind.TargetGroup, "loadBalancers", i, "targetGroupArn")
		}
	}
}

// fargateProviders are capacity providers AWS manages: no resource names
// them.
var fargateProviders = map[string]bool{"FARGATE": true, "FARGATE_SPOT": true}

func clusterRefs(b *builder) {
	cps := at(b.value, "capacityProviders")
	if cps == nil || cps.kind != nArray {
		return
	}
	for i, cp := range cps.vals {
		if s, ok := cp.text(); ok && fargateProviders[s] {
			continue
		}
		b.ref("capacityProviders", kind.CapacityProvider, "capacityProviders", i)
	}
}

func capacityProviderRefs(b *builder) {
	b.ref("autoScalingGroup", kind.AutoScalingGroup, "autoScalingGroupProvider", "autoScalingGroupArn")
}

// loadBalancerRefs: the target groups the load balancer's listeners and
// listener rules forward to, as the template declares them.
func loadBalancerRefs(b *builder) {
	for _, tg := range b.l.forwards[b.e.logical] {
		b.refNode("targetGroups", kind.TargetGroup, tg, nil)
	}
}

func instanceProfileRefs(b *builder) {
	if rs := at(b.value, "Roles"); rs != nil && rs.kind == nArray {
		for i := range rs.vals {
			b.ref("roles", kind.Role, "Roles", i, "RoleName")
		}
	}
}

func launchTemplateRefs(b *builder) {
	if at(b.value, "IamInstanceProfile", "Arn") != nil {
		b.ref("instanceProfile", kind.InstanceProfile, "IamInstanceProfile", "Arn")
	} else if at(b.value, "IamInstanceProfile", "Name") != nil {
		b.ref("instanceProfile", kind.InstanceProfile, "IamInstanceProfile", "Name")
	}
	texts := append([]*node{at(b.value, "UserData")}, b.extraText...)
	for i, t := range texts {
		if t == nil || t.kind != nString {
			continue
		}
		var path []any
		if i == 0 {
			path = []any{"UserData"}
		}
		if r, ok := b.clusterInText(t, path); ok {
			b.refs = append(b.refs, r)
			return
		}
	}
}

// ecsCluster finds the cluster an instance joins in its user data or
// cfn-init commands: ECS_CLUSTER=name or ECS_CLUSTER=${Cluster}. The name
// is read whole, placeholders included, so a partly unknown one
// (app-${Env}) is not taken for its literal part.
var ecsCluster = regexp.MustCompile(`ECS_CLUSTER=["']?((?:\$\{[^}]*\}|[A-Za-z0-9_-])+)`)

func (b *builder) clusterInText(t *node, path []any) (source.Ref, bool) {
	m := ecsCluster.FindStringSubmatch(t.str)
	if m == nil {
		return source.Ref{}, false
	}
	name := m[1]
	r := source.Ref{Rel: "cluster", Path: path, Text: "ECS_CLUSTER=" + name}
	if !hasPlaceholder(name) {
		r.To = []source.Identity{{Scheme: source.SchemeName, Value: name}}
		return r, true
	}
	for _, l := range t.allLinks() {
		// Only a name that is one reference and nothing else names the
		// cluster; ${Cluster}-blue is another cluster.
		if l.text == name {
			if e := b.l.t.byID[l.logical]; e != nil && e.typ == typeCluster {
				r.To = []source.Identity{b.cfnID(l.logical)}
			}
			break
		}
	}
	return r, true
}

func autoScalingGroupRefs(b *builder) {
	ltPaths := [][]any{
		{"LaunchTemplate"},
		{"MixedInstancesPolicy", "LaunchTemplate", "LaunchTemplateSpecification"},
	}
	for _, p := range ltPaths {
		spec := at(b.value, p...)
		if spec == nil {
			continue
		}
		path := append([]any{}, p...)
		if id := spec.get("LaunchTemplateId"); id != nil {
			// A literal id (lt-0abc...) is no identity ecslint has.
			if len(id.allLinks()) > 0 || !id.known() {
				b.ref("launchTemplate", kind.LaunchTemplate, append(path, "LaunchTemplateId")...)
			} else {
				b.refs = append(b.refs, source.Ref{Rel: "launchTemplate", Path: append(path, "LaunchTemplateId"), Text: id.str})
			}
		} else if spec.get("LaunchTemplateName") != nil {
			b.ref("launchTemplate", kind.LaunchTemplate, append(path, "LaunchTemplateName")...)
		}
	}
	if at(b.value, "LaunchConfigurationName") != nil {
		b.ref("launchTemplate", kind.LaunchTemplate, "LaunchConfigurationName")
	}
}
