package aws

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/open-policy-agent/opa/v1/ast"
)

// save writes what one region gave as the outputs of the describe calls
// that read it, one file per resource (a task definition revision, a
// service, a cluster...), under DIR/<account>/<region>/. The ECS files
// are what `aws ecs describe-*` prints, so `ecslint lint DIR` reads them
// back, and they are evidence of what the audit saw.
func save(dir, account, region string, out *regional) error {
	d := filepath.Join(dir, account, region)
	if err := os.MkdirAll(d, 0o755); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	w := &saver{dir: d}
	for i := range out.clusters {
		c := &out.clusters[i]
		w.write("describe-clusters", sdk.ToString(c.ClusterName), wrap("clusters", toValue(c, epochSeconds), "failures"))
	}
	for i := range out.services {
		s := &out.services[i]
		w.write("describe-services", lastSegment(sdk.ToString(s.ClusterArn))+"-"+sdk.ToString(s.ServiceName), wrap("services", toValue(s, epochSeconds), "failures"))
	}
	for _, td := range out.taskDefs {
		name := sdk.ToString(td.TaskDefinition.Family) + "-" + strconv.Itoa(int(td.TaskDefinition.Revision))
		w.write("describe-task-definition", name, toValue(td, epochSeconds))
	}
	for i := range out.providers {
		cp := &out.providers[i]
		w.write("describe-capacity-providers", sdk.ToString(cp.Name), wrap("capacityProviders", toValue(cp, epochSeconds), "failures"))
	}
	for i := range out.groups {
		g := &out.groups[i]
		w.write("describe-auto-scaling-groups", sdk.ToString(g.AutoScalingGroupName), wrap("AutoScalingGroups", toValue(g, dateTime)))
	}
	for _, v := range out.templates {
		name := sdk.ToString(v.LaunchTemplateId) + "-" + strconv.FormatInt(sdk.ToInt64(v.VersionNumber), 10)
		w.write("describe-launch-template-versions", name, wrap("LaunchTemplateVersions", reflectValue(v)))
	}
	for i := range out.configs {
		lc := &out.configs[i]
		w.write("describe-launch-configurations", sdk.ToString(lc.LaunchConfigurationName), wrap("LaunchConfigurations", toValue(lc, dateTime)))
	}
	for i := range out.classic {
		lb := &out.classic[i]
		w.write("describe-load-balancers", sdk.ToString(lb.LoadBalancerName), wrap("LoadBalancerDescriptions", toValue(lb, dateTime)))
	}
	for i := range out.targets {
		tg := &out.targets[i]
		w.write("describe-target-groups", sdk.ToString(tg.TargetGroupName), wrap("TargetGroups", toValue(tg, dateTime)))
	}
	return w.err
}

// saveIAM writes an account's roles and instance profiles as GetRole and
// GetInstanceProfile return them, under DIR/<account>/global/.
func saveIAM(dir, account string, roles []iamtypes.Role, profiles []iamtypes.InstanceProfile) error {
	d := filepath.Join(dir, account, "global")
	if err := os.MkdirAll(d, 0o755); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	w := &saver{dir: d}
	for i := range roles {
		w.write("get-role", sdk.ToString(roles[i].RoleName), object("Role", toValue(&roles[i], dateTime)))
	}
	for i := range profiles {
		w.write("get-instance-profile", sdk.ToString(profiles[i].InstanceProfileName), object("InstanceProfile", toValue(&profiles[i], dateTime)))
	}
	return w.err
}

// wrap is a describe output holding one item, with empty lists for the
// other keys it has (ECS's failures).
func wrap(key string, item ast.Value, empty ...string) ast.Value {
	o := object(key, ast.NewArray(ast.NewTerm(item)))
	for _, k := range empty {
		o.Insert(ast.StringTerm(k), ast.ArrayTerm())
	}
	return o
}

func object(key string, v ast.Value) ast.Object {
	return ast.NewObject(ast.Item(ast.StringTerm(key), ast.NewTerm(v)))
}

// saver writes files, keeping the first error.
type saver struct {
	dir string
	err error
}

func (w *saver) write(op, name string, v ast.Value) {
	if w.err != nil {
		return
	}
	native, err := ast.JSON(v)
	if err != nil {
		w.err = fmt.Errorf("save %s %s: %w", op, name, err)
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(native); err != nil {
		w.err = fmt.Errorf("save %s %s: %w", op, name, err)
		return
	}
	path := filepath.Join(w.dir, op+"-"+safeName(name)+".json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		w.err = fmt.Errorf("save: %w", err)
	}
}

// safeName keeps a resource name usable as a file name on every system.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, s)
}
