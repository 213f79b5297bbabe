package terraform

import (
	"encoding/base64"
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// How a Terraform argument or block maps to the API shape.
const (
	attr   = iota // a value, copied as it is
	block1        // a nested block Terraform allows once: an object
	blockN        // repeated nested blocks: an array of objects
	tags          // a map of tags: [{key, value}] ({Key, Value} outside ECS)
	pairs         // a map: [{name, value}] (proxy configuration properties)
)

// field maps one Terraform name. api is a path relative to the parent
// object, dot-separated ("deploymentConfiguration.maximumPercent"), "" for
// the name converted to the shape's case, "-" to drop a provider-only
// argument, "." (block1 only) to merge the block into the parent.
type field struct {
	api  string
	how  int
	sub  *spec
	conv func(ast.Value) ast.Value
}

// spec is the mapping of one object's members. Names it does not list
// pass through in the shape's case: nothing is dropped silently.
type spec struct {
	pascal bool
	fields map[string]field
}

// typeMap is how one resource type becomes a kind.
type typeMap struct {
	kind string
	spec *spec
	// json lists the arguments (Terraform paths) holding JSON documents in
	// strings, decoded into the value.
	json map[string]bool
}

var dropped = field{api: "-"}

// commonDrops are arguments every resource has that are the provider's
// own.
var commonDrops = []string{"id", "arn", "tags_all", "region", "timeouts"}

func mk(pascal bool, fields map[string]field) *spec {
	for _, d := range commonDrops {
		if _, ok := fields[d]; !ok {
			fields[d] = dropped
		}
	}
	return &spec{pascal: pascal, fields: fields}
}

func sub(pascal bool, fields map[string]field) *spec { return &spec{pascal: pascal, fields: fields} }

var placementConstraint = sub(false, map[string]field{})

var capacityProviderStrategy = sub(false, map[string]field{})

var ecsTags = field{how: tags}

var taskDefinitionSpec = mk(false, map[string]field{
	"container_definitions":    {api: "containerDefinitions"},
	"cpu":                      {conv: toString},
	"memory":                   {conv: toString},
	"skip_destroy":             dropped,
	"track_latest":             dropped,
	"revision":                 dropped,
	"arn_without_revision":     dropped,
	"requires_compatibilities": {},
	"volume": {api: "volumes", how: blockN, sub: sub(false, map[string]field{
		"host_path":           {api: "host.sourcePath"},
		"configure_at_launch": {api: "configuredAtLaunch"},
		"docker_volume_configuration": {how: block1, sub: sub(false, map[string]field{
			"driver_opts": {}, "labels": {},
		})},
		"efs_volume_configuration": {how: block1, sub: sub(false, map[string]field{
			"authorization_config": {how: block1, sub: sub(false, map[string]field{})},
		})},
		"fsx_windows_file_server_volume_configuration": {how: block1, sub: sub(false, map[string]field{
			"authorization_config": {how: block1, sub: sub(false, map[string]field{})},
		})},
	})},
	"placement_constraints": {how: blockN, sub: placementConstraint},
	"proxy_configuration": {how: block1, sub: sub(false, map[string]field{
		"properties": {how: pairs},
	})},
	"inference_accelerator": {api: "inferenceAccelerators", how: blockN, sub: sub(false, map[string]field{})},
	"ephemeral_storage": {how: block1, sub: sub(false, map[string]field{
		"size_in_gib": {api: "sizeInGiB"},
	})},
	"runtime_platform": {how: block1, sub: sub(false, map[string]field{})},
	"tags":             ecsTags,
})

var serviceSpec = mk(false, map[string]field{
	"name":                               {api: "serviceName"},
	"iam_role":                           {api: "role"},
	"deployment_maximum_percent":         {api: "deploymentConfiguration.maximumPercent"},
	"deployment_minimum_healthy_percent": {api: "deploymentConfiguration.minimumHealthyPercent"},
	"deployment_circuit_breaker":         {api: "deploymentConfiguration.deploymentCircuitBreaker", how: block1, sub: sub(false, map[string]field{})},
	"alarms":                             {api: "deploymentConfiguration.alarms", how: block1, sub: sub(false, map[string]field{})},
	"deployment_controller":              {how: block1, sub: sub(false, map[string]field{})},
	"enable_ecs_managed_tags":            {api: "enableECSManagedTags"},
	"load_balancer": {api: "loadBalancers", how: blockN, sub: sub(false, map[string]field{
		"elb_name": {api: "loadBalancerName"},
	})},
	"network_configuration": {api: "networkConfiguration.awsvpcConfiguration", how: block1, sub: sub(false, map[string]field{
		"assign_public_ip": {conv: enabledDisabled},
	})},
	"ordered_placement_strategy": {api: "placementStrategy", how: blockN, sub: sub(false, map[string]field{})},
	"placement_constraints":      {how: blockN, sub: placementConstraint},
	"capacity_provider_strategy": {how: blockN, sub: capacityProviderStrategy},
	"service_registries":         {how: blockN, sub: sub(false, map[string]field{})},
	"service_connect_configuration": {how: block1, sub: sub(false, map[string]field{
		"log_configuration": {how: block1, sub: sub(false, map[string]field{
			"options":       {},
			"secret_option": {api: "secretOptions", how: blockN, sub: sub(false, map[string]field{})},
		})},
		"service": {api: "services", how: blockN, sub: sub(false, map[string]field{
			"client_alias": {api: "clientAliases", how: blockN, sub: sub(false, map[string]field{})},
			"timeout":      {how: block1, sub: sub(false, map[string]field{})},
			"tls": {how: block1, sub: sub(false, map[string]field{
				"issuer_cert_authority": {api: "issuerCertificateAuthority", how: block1, sub: sub(false, map[string]field{})},
			})},
		})},
	})},
	"volume_configuration": {api: "volumeConfigurations", how: blockN, sub: sub(false, map[string]field{
		"managed_ebs_volume": {api: "managedEBSVolume", how: block1, sub: sub(false, map[string]field{
			"file_system_type": {api: "filesystemType"},
			"size_in_gb":       {api: "sizeInGiB"},
			"tag_specifications": {how: blockN, sub: sub(false, map[string]field{
				"tags": ecsTags,
			})},
		})},
	})},
	"vpc_lattice_configurations": {how: blockN, sub: sub(false, map[string]field{})},
	"tags":                       ecsTags,
	"wait_for_steady_state":      dropped,
	"force_new_deployment":       dropped,
	"force_delete":               dropped,
	"triggers":                   dropped,
})

var clusterSpec = mk(false, map[string]field{
	"name":    {api: "clusterName"},
	"setting": {api: "settings", how: blockN, sub: sub(false, map[string]field{})},
	"configuration": {how: block1, sub: sub(false, map[string]field{
		"execute_command_configuration": {how: block1, sub: sub(false, map[string]field{
			"log_configuration": {how: block1, sub: sub(false, map[string]field{
				"s3_bucket_encryption_enabled": {api: "s3EncryptionEnabled"},
			})},
		})},
		"managed_storage_configuration": {how: block1, sub: sub(false, map[string]field{})},
	})},
	"service_connect_defaults":           {how: block1, sub: sub(false, map[string]field{})},
	"default_capacity_provider_strategy": {how: blockN, sub: capacityProviderStrategy},
	"tags":                               ecsTags,
})

var capacityProviderSpec = mk(false, map[string]field{
	"auto_scaling_group_provider": {how: block1, sub: sub(false, map[string]field{
		"managed_scaling": {how: block1, sub: sub(false, map[string]field{})},
	})},
	"tags": ecsTags,
})

var pascalTags = field{how: tags}

var loadBalancerSpec = mk(true, map[string]field{
	"name":               {api: "LoadBalancerName"},
	"load_balancer_type": {api: "Type"},
	"internal":           {api: "Scheme", conv: scheme},
	"access_logs":        {how: block1, sub: sub(true, map[string]field{})},
	"subnet_mapping":     {api: "SubnetMappings", how: blockN, sub: sub(true, map[string]field{})},
	"name_prefix":        dropped,
	"tags":               pascalTags,
})

var classicSpec = mk(true, map[string]field{
	"name":         {api: "LoadBalancerName"},
	"internal":     {api: "Scheme", conv: scheme},
	"listener":     {api: "ListenerDescriptions", how: blockN, sub: sub(true, map[string]field{})},
	"health_check": {how: block1, sub: sub(true, map[string]field{})},
	"access_logs":  {how: block1, sub: sub(true, map[string]field{})},
	"name_prefix":  dropped,
	"tags":         pascalTags,
})

var targetGroupSpec = mk(true, map[string]field{
	"name": {api: "TargetGroupName"},
	"health_check": {api: ".", how: block1, sub: sub(true, map[string]field{
		"enabled":             {api: "HealthCheckEnabled"},
		"path":                {api: "HealthCheckPath"},
		"port":                {api: "HealthCheckPort"},
		"protocol":            {api: "HealthCheckProtocol"},
		"interval":            {api: "HealthCheckIntervalSeconds"},
		"timeout":             {api: "HealthCheckTimeoutSeconds"},
		"healthy_threshold":   {api: "HealthyThresholdCount"},
		"unhealthy_threshold": {api: "UnhealthyThresholdCount"},
		"matcher":             {api: "Matcher.HttpCode"},
	})},
	"stickiness":  {how: block1, sub: sub(true, map[string]field{})},
	"name_prefix": dropped,
	"tags":        pascalTags,
})

var roleSpec = mk(true, map[string]field{
	"name":                  {api: "RoleName"},
	"assume_role_policy":    {api: "AssumeRolePolicyDocument"},
	"permissions_boundary":  {api: "PermissionsBoundary.PermissionsBoundaryArn"},
	"inline_policy":         {how: blockN, sub: sub(true, map[string]field{})},
	"force_detach_policies": dropped,
	"name_prefix":           dropped,
	"unique_id":             dropped,
	"tags":                  pascalTags,
})

var instanceProfileSpec = mk(true, map[string]field{
	"name":        {api: "InstanceProfileName"},
	"role":        {api: "Roles", conv: roleList},
	"name_prefix": dropped,
	"tags":        pascalTags,
})

var metadataOptions = field{how: block1, sub: sub(true, map[string]field{})}

var launchTemplateSpec = mk(true, map[string]field{
	"name":                   dropped,
	"name_prefix":            dropped,
	"default_version":        dropped,
	"update_default_version": dropped,
	"latest_version":         dropped,
	"iam_instance_profile":   {how: block1, sub: sub(true, map[string]field{})},
	"metadata_options":       metadataOptions,
	"vpc_security_group_ids": {api: "SecurityGroupIds"},
	"block_device_mappings":  {how: blockN, sub: sub(true, map[string]field{"ebs": {how: block1, sub: sub(true, map[string]field{})}})},
	"network_interfaces":     {how: blockN, sub: sub(true, map[string]field{})},
	"tag_specifications":     {how: blockN, sub: sub(true, map[string]field{"tags": pascalTags})},
	"monitoring":             {how: block1, sub: sub(true, map[string]field{})},
	"tags":                   dropped,
})

var launchConfigurationSpec = mk(true, map[string]field{
	"name":                 dropped,
	"name_prefix":          dropped,
	"iam_instance_profile": {api: "IamInstanceProfile", conv: profileRef},
	"metadata_options":     metadataOptions,
	"user_data":            {api: "UserData", conv: base64Text},
	"user_data_base64":     {api: "UserData"},
	"root_block_device":    {how: block1, sub: sub(true, map[string]field{})},
	"ebs_block_device":     {how: blockN, sub: sub(true, map[string]field{})},
})

var launchTemplateSpecification = sub(true, map[string]field{
	"id":   {api: "LaunchTemplateId"},
	"name": {api: "LaunchTemplateName"},
})

var autoScalingGroupSpec = mk(true, map[string]field{
	"name":                  {api: "AutoScalingGroupName"},
	"launch_template":       {how: block1, sub: launchTemplateSpecification},
	"launch_configuration":  {api: "LaunchConfigurationName"},
	"protect_from_scale_in": {api: "NewInstancesProtectedFromScaleIn"},
	"vpc_zone_identifier":   {api: "VPCZoneIdentifier"},
	"target_group_arns":     {api: "TargetGroupARNs"},
	"tag":                   {api: "Tags", how: blockN, sub: sub(true, map[string]field{})},
	"mixed_instances_policy": {how: block1, sub: sub(true, map[string]field{
		"launch_template": {how: block1, sub: sub(true, map[string]field{
			"launch_template_specification": {how: block1, sub: sub(true, map[string]field{})},
			"override":                      {api: "Overrides", how: blockN, sub: sub(true, map[string]field{})},
		})},
		"instances_distribution": {how: block1, sub: sub(true, map[string]field{})},
	})},
	"name_prefix":               dropped,
	"force_delete":              dropped,
	"wait_for_capacity_timeout": dropped,
})

// types maps the resource types ecslint lints to their kinds.
var types = map[string]typeMap{
	"aws_ecs_task_definition":   {kind: kind.TaskDefinition, spec: taskDefinitionSpec, json: map[string]bool{"/container_definitions": true}},
	"aws_ecs_service":           {kind: kind.Service, spec: serviceSpec},
	"aws_ecs_cluster":           {kind: kind.Cluster, spec: clusterSpec},
	"aws_ecs_capacity_provider": {kind: kind.CapacityProvider, spec: capacityProviderSpec},
	"aws_lb":                    {kind: kind.LoadBalancer, spec: loadBalancerSpec},
	"aws_alb":                   {kind: kind.LoadBalancer, spec: loadBalancerSpec},
	"aws_elb":                   {kind: kind.LoadBalancer, spec: classicSpec},
	"aws_lb_target_group":       {kind: kind.TargetGroup, spec: targetGroupSpec},
	"aws_alb_target_group":      {kind: kind.TargetGroup, spec: targetGroupSpec},
	"aws_iam_role":              {kind: kind.Role, spec: roleSpec, json: map[string]bool{"/assume_role_policy": true}},
	"aws_iam_instance_profile":  {kind: kind.InstanceProfile, spec: instanceProfileSpec},
	"aws_launch_template":       {kind: kind.LaunchTemplate, spec: launchTemplateSpec},
	"aws_launch_configuration":  {kind: kind.LaunchTemplate, spec: launchConfigurationSpec},
	"aws_autoscaling_group":     {kind: kind.AutoScalingGroup, spec: autoScalingGroupSpec},
}

// mapper turns a tree in Terraform's shape into one in the API shape,
// carrying every place across.
type mapper struct {
	from, to *tree
	// keys lists the source tree's pointers by prefix, for copying the
	// places of whole subtrees.
	keys []string
}

func mapTree(tf *tree, sp *spec) *tree {
	out := newTree()
	out.unresolved, out.errs = tf.unresolved, tf.errs
	m := &mapper{from: tf, to: out}
	m.keys = make([]string, 0, len(tf.places))
	for k := range tf.places {
		m.keys = append(m.keys, k)
	}
	sort.Strings(m.keys)
	obj := ast.NewObject()
	if o, ok := tf.val.(ast.Object); ok {
		m.object(o, "", sp, obj, "")
	}
	m.copy("", "")
	out.val = obj
	return out
}

func (m *mapper) copy(from, to string) {
	if p, ok := m.from.places[from]; ok {
		if _, done := m.to.places[to]; !done {
			cp := *p
			m.to.places[to] = &cp
		}
	}
}

// copyTree copies the places of a subtree.
func (m *mapper) copyTree(from, to string) {
	m.copy(from, to)
	prefix := from + "/"
	i := sort.SearchStrings(m.keys, prefix)
	for ; i < len(m.keys) && strings.HasPrefix(m.keys[i], prefix); i++ {
		m.copy(m.keys[i], to+m.keys[i][len(from):])
	}
}

// object maps the members of a Terraform object into out.
func (m *mapper) object(tf ast.Object, tfPtr string, sp *spec, out ast.Object, apiPtr string) {
	for _, k := range tf.Keys() {
		name, ok := k.Value.(ast.String)
		if !ok {
			continue
		}
		f, known := sp.fields[string(name)]
		if !known {
			f = field{}
		}
		if f.api == "-" {
			continue
		}
		api := f.api
		if api == "" {
			api = convertCase(string(name), sp.pascal)
		}
		v := tf.Get(k).Value
		from := tfPtr + "/" + document.EscapeToken(string(name))
		if f.how == block1 && api == "." {
			if o := firstObject(v); o != nil {
				m.object(o, from+"/0", f.sub, out, apiPtr)
			}
			continue
		}
		parent, parentPtr, leaf := m.path(out, apiPtr, api)
		to := parentPtr + "/" + document.EscapeToken(leaf)
		if nv := m.value(v, from, to, f, sp.pascal, known); nv != nil {
			parent.Insert(ast.StringTerm(leaf), ast.NewTerm(nv))
		}
	}
}

// path finds or makes the objects along a dotted API path and returns the
// last one with its pointer and the leaf name.
func (m *mapper) path(out ast.Object, ptr, api string) (ast.Object, string, string) {
	parts := strings.Split(api, ".")
	for _, p := range parts[:len(parts)-1] {
		ptr += "/" + document.EscapeToken(p)
		t := out.Get(ast.StringTerm(p))
		if t == nil {
			o := ast.NewObject()
			out.Insert(ast.StringTerm(p), ast.NewTerm(o))
			out = o
			continue
		}
		o, ok := t.Value.(ast.Object)
		if !ok {
			o = ast.NewObject()
		}
		out = o
	}
	return out, ptr, parts[len(parts)-1]
}

func (m *mapper) value(v ast.Value, from, to string, f field, pascal, known bool) ast.Value {
	switch f.how {
	case block1:
		o := firstObject(v)
		if o == nil {
			m.copyTree(from, to)
			return v
		}
		out := ast.NewObject()
		m.copy(from+"/0", to)
		m.copy(from, to)
		m.object(o, from+"/0", f.sub, out, to)
		return out
	case blockN:
		arr, ok := v.(*ast.Array)
		if !ok {
			if o, ok := v.(ast.Object); ok { // JSON syntax writes one block as an object
				arr = ast.NewArray(ast.NewTerm(o))
			} else {
				m.copyTree(from, to)
				return v
			}
		}
		m.copy(from, to)
		terms := make([]*ast.Term, 0, arr.Len())
		for i := 0; i < arr.Len(); i++ {
			o, ok := arr.Elem(i).Value.(ast.Object)
			ef, et := from+"/"+strconv.Itoa(i), to+"/"+strconv.Itoa(i)
			if !ok {
				m.copyTree(ef, et)
				terms = append(terms, arr.Elem(i))
				continue
			}
			out := ast.NewObject()
			m.copy(ef, et)
			m.object(o, ef, f.sub, out, et)
			terms = append(terms, ast.NewTerm(out))
		}
		return ast.NewArray(terms...)
	case tags, pairs:
		o, ok := v.(ast.Object)
		if !ok {
			m.copyTree(from, to)
			return v
		}
		kn, vn := "key", "value"
		switch {
		case f.how == pairs:
			kn = "name"
		case pascal:
			kn, vn = "Key", "Value"
		}
		m.copy(from, to)
		var terms []*ast.Term
		for i, k := range o.Keys() {
			ef, et := from+"/"+document.EscapeToken(string(k.Value.(ast.String))), to+"/"+strconv.Itoa(i)
			m.copy(ef, et)
			m.copy(ef, et+"/"+kn)
			m.copyTree(ef, et+"/"+vn)
			terms = append(terms, ast.ObjectTerm(
				ast.Item(ast.StringTerm(kn), k),
				ast.Item(ast.StringTerm(vn), o.Get(k)),
			))
		}
		return ast.NewArray(terms...)
	}
	m.copyTree(from, to)
	if f.conv != nil {
		return f.conv(v)
	}
	if !known {
		return renameKeys(v, pascal)
	}
	return v
}

// renameKeys converts the keys of an unlisted nested value (a block the
// mapping does not know) to the shape's case, so it still reads like the
// API.
func renameKeys(v ast.Value, pascal bool) ast.Value {
	switch x := v.(type) {
	case *ast.Array:
		terms := make([]*ast.Term, x.Len())
		for i := range terms {
			terms[i] = ast.NewTerm(renameKeys(x.Elem(i).Value, pascal))
		}
		return ast.NewArray(terms...)
	case ast.Object:
		out := ast.NewObject()
		x.Foreach(func(k, t *ast.Term) {
			if s, ok := k.Value.(ast.String); ok {
				k = ast.StringTerm(convertCase(string(s), pascal))
			}
			out.Insert(k, ast.NewTerm(renameKeys(t.Value, pascal)))
		})
		return out
	}
	return v
}

func firstObject(v ast.Value) ast.Object {
	switch x := v.(type) {
	case ast.Object:
		return x
	case *ast.Array:
		if x.Len() > 0 {
			if o, ok := x.Elem(0).Value.(ast.Object); ok {
				return o
			}
		}
	}
	return nil
}

// convertCase turns snake_case into camelCase, or PascalCase for the
// query-protocol services. Names with upper case are kept: they are
// already an API name (a JSON document's keys, a tag).
func convertCase(s string, pascal bool) string {
	if strings.ToLower(s) != s {
		return s
	}
	var b strings.Builder
	up := pascal
	for _, r := range s {
		if r == '_' {
			up = true
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		up = false
		b.WriteRune(r)
	}
	return b.String()
}

func toString(v ast.Value) ast.Value {
	if n, ok := v.(ast.Number); ok {
		return ast.String(string(n))
	}
	return v
}

// terraformBool reads a value as Terraform converts an argument to a
// bool: a boolean, or a string cty converts ("true", "false", "1", "0").
func terraformBool(v ast.Value) (bool, bool) {
	switch x := v.(type) {
	case ast.Boolean:
		return bool(x), true
	case ast.String:
		if b, err := convert.Convert(cty.StringVal(string(x)), cty.Bool); err == nil {
			return b.True(), true
		}
	}
	return false, false
}

// boolWords writes a bool argument as the API's word for each value; a
// value that is no bool (unknown) is kept.
func boolWords(yes, no string) func(ast.Value) ast.Value {
	return func(v ast.Value) ast.Value {
		b, ok := terraformBool(v)
		switch {
		case !ok:
			return v
		case b:
			return ast.String(yes)
		}
		return ast.String(no)
	}
}

var (
	enabledDisabled = boolWords("ENABLED", "DISABLED")
	scheme          = boolWords("internal", "internet-facing")
)

// roleList writes an instance profile's role (a name) as the API's list.
func roleList(v ast.Value) ast.Value {
	if s, ok := v.(ast.String); ok {
		return ast.NewArray(ast.ObjectTerm(ast.Item(ast.StringTerm("RoleName"), ast.NewTerm(s))))
	}
	return v
}

// profileRef writes a launch configuration's instance profile (a name or
// an ARN) as the launch template's {Arn|Name}.
func profileRef(v ast.Value) ast.Value {
	s, ok := v.(ast.String)
	if !ok {
		return v
	}
	key := "Name"
	if strings.HasPrefix(string(s), "arn:") {
		key = "Arn"
	}
	return ast.NewObject(ast.Item(ast.StringTerm(key), ast.NewTerm(s)))
}

// base64Text encodes a launch configuration's user_data, which Terraform
// takes as text, as the API holds it. Unknown text stays as it is.
func base64Text(v ast.Value) ast.Value {
	s, ok := v.(ast.String)
	if !ok || unresolved.Contains(string(s)) {
		return v
	}
	return ast.String(base64.StdEncoding.EncodeToString([]byte(s)))
}
