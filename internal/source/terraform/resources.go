package terraform

import (
	"encoding/base64"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// targetTypes lists the Terraform types a relation's target kind may be.
var targetTypes = map[string][]string{
	kind.TaskDefinition:   {"aws_ecs_task_definition"},
	kind.Role:             {"aws_iam_role"},
	kind.Cluster:          {"aws_ecs_cluster"},
	kind.CapacityProvider: {"aws_ecs_capacity_provider"},
	kind.AutoScalingGroup: {"aws_autoscaling_group"},
	kind.LaunchTemplate:   {"aws_launch_template", "aws_launch_configuration"},
	kind.InstanceProfile:  {"aws_iam_instance_profile"},
	kind.LoadBalancer:     {"aws_lb", "aws_alb", "aws_elb"},
	kind.TargetGroup:      {"aws_lb_target_group", "aws_alb_target_group"},
	listenerKind:          {"aws_lb_listener", "aws_alb_listener"},
}

// listenerKind stands for listeners, which are not linted but link a
// listener rule to its load balancer.
const listenerKind = "listener"

// relField is where a kind's value holds a reference: a path pattern with
// "*" for array indices.
type relField struct {
	rel  string
	to   string
	path []string
}

var relFields = map[string][]relField{
	kind.Service: {
		{"taskDefinition", kind.TaskDefinition, []string{"taskDefinition"}},
		{"cluster", kind.Cluster, []string{"cluster"}},
		{"loadBalancers", kind.LoadBalancer, []string{"loadBalancers", "*", "loadBalancerName"}},
		{"targetGroups", kind.TargetGroup, []string{"loadBalancers", "*", "targetGroupArn"}},
	},
	kind.TaskDefinition: {
		{"taskRole", kind.Role, []string{"taskRoleArn"}},
		{"executionRole", kind.Role, []string{"executionRoleArn"}},
	},
	kind.Cluster: {
		{"capacityProviders", kind.CapacityProvider, []string{"capacityProviders", "*"}},
		{"capacityProviders", kind.CapacityProvider, []string{"defaultCapacityProviderStrategy", "*", "capacityProvider"}},
	},
	kind.CapacityProvider: {
		{"autoScalingGroup", kind.AutoScalingGroup, []string{"autoScalingGroupProvider", "autoScalingGroupArn"}},
	},
	kind.AutoScalingGroup: {
		{"launchTemplate", kind.LaunchTemplate, []string{"LaunchTemplate", "LaunchTemplateId"}},
		{"launchTemplate", kind.LaunchTemplate, []string{"LaunchTemplate", "LaunchTemplateName"}},
		{"launchTemplate", kind.LaunchTemplate, []string{"MixedInstancesPolicy", "LaunchTemplate", "LaunchTemplateSpecification", "LaunchTemplateId"}},
		{"launchTemplate", kind.LaunchTemplate, []string{"MixedInstancesPolicy", "LaunchTemplate", "LaunchTemplateSpecification", "LaunchTemplateName"}},
		{"launchTemplate", kind.LaunchTemplate, []string{"LaunchConfigurationName"}},
	},
	kind.LaunchTemplate: {
		{"instanceProfile", kind.InstanceProfile, []string{"IamInstanceProfile", "Arn"}},
		{"instanceProfile", kind.InstanceProfile, []string{"IamInstanceProfile", "Name"}},
	},
	kind.InstanceProfile: {
		{"roles", kind.Role, []string{"Roles", "*", "RoleName"}},
	},
}

// instanceResources builds the resources of one module instance and its
// children.
func (ev *evaluator) instanceResources(in *instance, out *[]*source.Resource, aux *[]auxBlock) {
	for _, r := range in.mod.resources {
		if r.data {
			continue
		}
		st := in.res[r.addr()]
		tm, ok := types[r.typ]
		if !ok {
			if isAux(r.typ) {
				for _, inst := range st.insts {
					*aux = append(*aux, auxBlock{typ: r.typ, addr: inst.addr, t: ev.terraformTree(in, r, inst, nil)})
				}
			}
			continue
		}
		for _, inst := range st.insts {
			*out = append(*out, ev.resource(in, r, inst, tm))
		}
	}
	for _, c := range in.mod.calls {
		for _, child := range in.calls[c.name].insts {
			ev.instanceResources(child, out, aux)
		}
	}
}

// terraformTree converts one resource instance's body into a tree in
// Terraform's shape.
func (ev *evaluator) terraformTree(in *instance, r *resourceBlock, inst *resInst, json map[string]bool) *tree {
	t := newTree()
	b := &builder{ev: ev, t: t}
	ctx := withKey(in.finalCtx(), inst.key, inst.each)
	t.places[""] = &place{span: spanOf(r.full, "")}
	t.val = b.body(r.body, scope{in, ctx}, "", resourceMeta, json, "")
	return t
}

// apiResource is what a configuration block and a planned resource share:
// tf, the value in Terraform's shape, mapped to the API shape with the
// provider's defaults, the identities the resource answers to, and the
// references it holds. root names the Terraform root of addr.
func apiResource(root, addr, typ string, tm typeMap, tf *tree) (*source.Resource, *tree) {
	api := mapTree(tf, tm.spec)
	typed(tm.kind, api)
	obj, _ := api.val.(ast.Object)
	if obj == nil {
		obj = ast.NewObject()
	}
	if typ == "aws_elb" {
		obj.Insert(ast.StringTerm("Type"), ast.StringTerm("classic"))
	}
	if (typ == "aws_lb" || typ == "aws_alb") && obj.Get(ast.StringTerm("Type")) == nil {
		// the provider's documented default
		obj.Insert(ast.StringTerm("Type"), ast.StringTerm("application"))
	}
	res := &source.Resource{Kind: tm.kind, Name: addr, Value: obj}
	res.IDs = append(res.IDs, source.Identity{Scheme: source.SchemeAddress, Value: root + "#" + addr})
	res.IDs = append(res.IDs, literalIDs(tm.kind, obj)...)
	res.Refs = refsIn(root, tm.kind, api)
	if tm.kind == kind.LaunchTemplate {
		res.Refs = append(res.Refs, userDataRefs(root, obj, api)...)
	}
	return res, api
}

func (ev *evaluator) resource(in *instance, r *resourceBlock, inst *resInst, tm typeMap) *source.Resource {
	res, api := apiResource(ev.root, inst.addr, r.typ, tm, ev.terraformTree(in, r, inst, tm.json))
	ev.addBuildErrs(api.errs)
	res.Origin = source.Origin{
		Format: source.FormatTerraform, File: r.rng.Filename,
		Pointer: "/" + strings.Join([]string{"resource", document.EscapeToken(r.typ), document.EscapeToken(r.name)}, "/"),
	}
	res.Locator = ev.locator(in, r, api)
	for n := range api.unresolved {
		res.Unresolved = append(res.Unresolved, n)
	}
	sort.Strings(res.Unresolved)
	return res
}

// locator builds the resource's locator, with the comments above every
// place for ecslint:ignore directives.
func (ev *evaluator) locator(in *instance, r *resourceBlock, t *tree) *source.MapLocator {
	loc := &source.MapLocator{
		Root:    spanOf(hcl.Range{Filename: r.rng.Filename, Start: r.rng.Start, End: r.rng.End}, ""),
		Spans:   make(map[string]source.Span, len(t.places)),
		Inexact: map[string]bool{},
		Notes:   map[string][]string{},
		Extra:   finding.Location{Trace: in.trace},
	}
	for p, pl := range t.places {
		loc.Spans[p] = pl.span
		if pl.inexact {
			loc.Inexact[p] = true
			continue
		}
		if c := ev.commentsAbove(pl.span.File, pl.span.Start.Line); len(c) > 0 {
			loc.Notes[p] = c
		}
	}
	if _, placed := loc.Notes[""]; !placed {
		if c := ev.commentsAbove(r.rng.Filename, r.rng.Start.Line); len(c) > 0 {
			loc.Notes[""] = c
		}
	}
	return loc
}

func (ev *evaluator) commentsAbove(file string, line int) []string {
	for _, m := range ev.modules {
		if f, ok := m.files[file]; ok {
			return f.comments[line-1]
		}
	}
	return nil
}

// refsIn derives the references a resource's value holds; root names the
// Terraform root the addresses are in.
func refsIn(root, k string, t *tree) []source.Ref {
	var out []source.Ref
	obj := t.val.(ast.Object)
	for _, rf := range relFields[k] {
		walkPath(obj, rf.path, nil, func(path []any, v ast.Value) {
			ref := source.Ref{Rel: rf.rel, Path: path}
			s, _ := v.(ast.String)
			ref.Text = string(s)
			var pl *place
			if p, ok := t.places[document.Pointer("", path...)]; ok {
				pl = p
			}
			ref.To = targets(root, rf.to, string(s), pl)
			out = append(out, ref)
		})
	}
	return out
}

// targets lists the identities a reference's value may name: the
// addresses of the resources it was read from (placeholders, and the
// place's refs: marks in a configuration, references in a plan), and, for
// literal values, the ARN or name.
func targets(root, to, s string, pl *place) []source.Identity {
	var ids []source.Identity
	seen := map[string]bool{}
	add := func(id source.Identity) {
		if !seen[id.String()] {
			seen[id.String()] = true
			ids = append(ids, id)
		}
	}
	for _, addr := range placeholderAddrs(s) {
		if isType(addr, targetTypes[to]) {
			add(source.Identity{Scheme: source.SchemeAddress, Value: root + "#" + addr})
		}
	}
	if len(ids) == 0 && pl != nil {
		var cands []string
		for _, addr := range pl.refs {
			if isType(addr, targetTypes[to]) {
				cands = append(cands, addr)
			}
		}
		if len(cands) == 1 {
			add(source.Identity{Scheme: source.SchemeAddress, Value: root + "#" + cands[0]})
		}
	}
	if s == "" || unresolved.Contains(s) {
		return ids
	}
	for _, id := range literalTargets(to, s) {
		add(id)
	}
	return ids
}

// literalTargets are the identities a literal reference names.
func literalTargets(to, s string) []source.Identity {
	if strings.HasPrefix(s, "arn:") {
		return []source.Identity{{Scheme: source.SchemeARN, Value: s}}
	}
	if to == kind.TaskDefinition {
		if i := strings.LastIndexByte(s, ':'); i > 0 {
			if _, err := strconv.Atoi(s[i+1:]); err == nil {
				return []source.Identity{{Scheme: source.SchemeFamilyRevision, Value: s}}
			}
		}
		return []source.Identity{{Scheme: source.SchemeFamily, Value: s}}
	}
	return []source.Identity{{Scheme: source.SchemeName, Value: s}}
}

var placeholderRe = regexp.MustCompile(`\$\{([^}]*)\}`)

// placeholderAddrs extracts resource addresses from the placeholders in
// s ("${module.app.aws_iam_role.task.arn}" → module.app.aws_iam_role.task).
func placeholderAddrs(s string) []string {
	var out []string
	for _, m := range placeholderRe.FindAllStringSubmatch(s, -1) {
		i := strings.LastIndexByte(m[1], '.')
		if i > 0 {
			out = append(out, m[1][:i])
		}
	}
	return out
}

// isType reports whether a resource address is of one of types.
func isType(addr string, types []string) bool {
	// the type is the second-last segment before any index
	parts := strings.Split(stripIndex(addr), ".")
	if len(parts) < 2 {
		return false
	}
	typ := parts[len(parts)-2]
	for _, t := range types {
		if t == typ {
			return true
		}
	}
	return false
}

func stripIndex(addr string) string {
	if i := strings.LastIndexByte(addr, '['); i > 0 && strings.HasSuffix(addr, "]") && !strings.Contains(addr[i:], ".") {
		return addr[:i]
	}
	return addr
}

// walkPath calls f for each value at a path pattern ("*" = every index).
func walkPath(v ast.Value, pattern []string, path []any, f func([]any, ast.Value)) {
	if len(pattern) == 0 {
		f(append([]any(nil), path...), v)
		return
	}
	switch x := v.(type) {
	case ast.Object:
		if t := x.Get(ast.StringTerm(pattern[0])); t != nil {
			walkPath(t.Value, pattern[1:], append(path, pattern[0]), f)
		}
	case *ast.Array:
		if pattern[0] == "*" {
			for i := 0; i < x.Len(); i++ {
				walkPath(x.Elem(i).Value, pattern[1:], append(path, i), f)
			}
		}
	}
}

// nameFields are where a kind's value holds its own name.
var nameFields = map[string]string{
	kind.Service: "serviceName", kind.Cluster: "clusterName", kind.CapacityProvider: "name",
	kind.LoadBalancer: "LoadBalancerName", kind.TargetGroup: "TargetGroupName", kind.Role: "RoleName",
	kind.InstanceProfile: "InstanceProfileName", kind.AutoScalingGroup: "AutoScalingGroupName",
}

// literalIDs are the identities a resource's literal values give it.
func literalIDs(k string, obj ast.Object) []source.Identity {
	var ids []source.Identity
	if k == kind.TaskDefinition {
		if s, ok := stringAt(obj, "family"); ok {
			ids = append(ids, source.Identity{Scheme: source.SchemeFamily, Value: s})
		}
		return ids
	}
	if f, ok := nameFields[k]; ok {
		if s, ok := stringAt(obj, f); ok {
			ids = append(ids, source.Identity{Scheme: source.SchemeName, Value: s})
		}
	}
	return ids
}

func stringAt(obj ast.Object, key string) (string, bool) {
	t := obj.Get(ast.StringTerm(key))
	if t == nil {
		return "", false
	}
	s, ok := t.Value.(ast.String)
	if !ok || unresolved.Contains(string(s)) || s == "" {
		return "", false
	}
	return string(s), true
}

var ecsClusterRe = regexp.MustCompile(`ECS_CLUSTER=["']?([^\s"'>]+)`)

// userDataRefs links a launch template to the cluster its user data
// names (ECS_CLUSTER=...).
func userDataRefs(root string, obj ast.Object, t *tree) []source.Ref {
	t0 := obj.Get(ast.StringTerm("UserData"))
	if t0 == nil {
		return nil
	}
	s, ok := t0.Value.(ast.String)
	if !ok {
		return nil
	}
	text := string(s)
	if b, err := base64.StdEncoding.DecodeString(text); err == nil {
		text = string(b)
	}
	m := ecsClusterRe.FindStringSubmatch(text)
	if m == nil {
		return nil
	}
	pl := t.places["/UserData"]
	return []source.Ref{{Rel: "cluster", Path: nil, Text: "ECS_CLUSTER=" + m[1], To: targets(root, kind.Cluster, m[1], pl)}}
}

// addBuildErrs records document errors once, however many instances
// share the document.
func (ev *evaluator) addBuildErrs(errs []*source.Error) {
	for _, e := range errs {
		dup := false
		for _, o := range ev.buildErrs {
			if o.Error() == e.Error() {
				dup = true
			}
		}
		if !dup {
			ev.buildErrs = append(ev.buildErrs, e)
		}
	}
}
