package cfn

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/ecslint/ecslint/internal/analyzer"
	"github.com/ecslint/ecslint/internal/benchgen"
	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/ecsjson"
	"github.com/ecslint/ecslint/internal/source/files"
)

// benchStacks is the corpus size the issue asks for: 1,000 templates of a
// task definition, a service, a role and a target group each, against
// the same task definitions and services as raw JSON (roles and target
// groups have no raw form).
const benchStacks = 1000

// mapKeys hold user keys that keep their case in a template.
var mapKeys = map[string]bool{"options": true, "dockerLabels": true, "driverOpts": true, "labels": true}

// pascal turns an API-shaped value into CloudFormation's property names.
func pascal(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, c := range x {
			if mapKeys[k] {
				out[upperFirst(k)] = c
				continue
			}
			out[upperFirst(k)] = pascal(c)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, c := range x {
			out[i] = pascal(c)
		}
		return out
	}
	return v
}

func upperFirst(s string) string {
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

var (
	refForm    = regexp.MustCompile(`(\w+):\n\s+Ref: (\w+)`)
	getAttForm = regexp.MustCompile(`(\w+):\n\s+Fn::GetAtt:\n\s+- (\w+)\n\s+- (\w+)`)
)

// stack is generated stack i: the template (YAML with short-form tags,
// and JSON), and the raw task definition and service with the same
// content.
func stack(i int) (tmpl, tmplJSON, td, svc []byte, err error) {
	def := benchgen.Config{Seed: 1}.TaskDefinition(i)
	raw, err := json.Marshal(def)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	var api map[string]any
	if err := json.Unmarshal(raw, &api); err != nil {
		return nil, nil, nil, nil, err
	}
	fargate := false
	for _, c := range def.RequiresCompatibilities {
		fargate = fargate || c == "FARGATE"
	}
	port := 80
	if len(def.ContainerDefinitions[0].PortMappings) > 0 {
		port = def.ContainerDefinitions[0].PortMappings[0].ContainerPort
	}
	launch := "EC2"
	if fargate {
		launch = "FARGATE"
	}
	roleARN := fmt.Sprintf("arn:aws:iam::123456789012:role/%s-task", def.Family)
	tgARN := fmt.Sprintf("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/%s/0123456789abcdef", def.Family)
	service := map[string]any{
		"serviceName": def.Family, "cluster": "prod", "taskDefinition": def.Family, "desiredCount": 2, "launchType": launch,
		"loadBalancers": []any{map[string]any{"targetGroupArn": tgARN, "containerName": def.ContainerDefinitions[0].Name, "containerPort": port}},
	}
	tdProps := pascal(api).(map[string]any)
	tdProps["TaskRoleArn"] = map[string]any{"Fn::GetAtt": []any{"TaskRole", "Arn"}}
	svcProps := pascal(service).(map[string]any)
	svcProps["TaskDefinition"] = map[string]any{"Ref": "TaskDefinition"}
	svcProps["LoadBalancers"].([]any)[0].(map[string]any)["TargetGroupArn"] = map[string]any{"Ref": "TargetGroup"}
	template := map[string]any{
		"AWSTemplateFormatVersion": "2010-09-09",
		"Resources": map[string]any{
			"TaskRole": map[string]any{"Type": typeRole, "Properties": map[string]any{
				"RoleName": def.Family + "-task",
				"AssumeRolePolicyDocument": map[string]any{"Statement": []any{map[string]any{
					"Effect": "Allow", "Principal": map[string]any{"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}}},
			}},
			"TargetGroup":    map[string]any{"Type": typeTargetGroup, "Properties": map[string]any{"Name": def.Family, "Port": port, "Protocol": "HTTP", "TargetType": "ip"}},
			"TaskDefinition": map[string]any{"Type": typeTaskDefinition, "Properties": tdProps},
			"Service":        map[string]any{"Type": typeService, "Properties": svcProps},
		},
	}
	if tmplJSON, err = json.MarshalIndent(template, "", "  "); err != nil {
		return nil, nil, nil, nil, err
	}
	if tmpl, err = yaml.Marshal(template); err != nil {
		return nil, nil, nil, nil, err
	}
	// Short-form tags, as people write templates.
	tmpl = refForm.ReplaceAll(tmpl, []byte("$1: !Ref $2"))
	tmpl = getAttForm.ReplaceAll(tmpl, []byte("$1: !GetAtt $2.$3"))
	api["taskRoleArn"] = roleARN
	if td, err = json.MarshalIndent(api, "", "  "); err != nil {
		return nil, nil, nil, nil, err
	}
	svc, err = json.MarshalIndent(service, "", "  ")
	return tmpl, tmplJSON, td, svc, err
}

// writeStacks writes n stacks as YAML templates into dir/cfn, as JSON
// templates into dir/cfn-json and as raw JSON into dir/raw.
func writeStacks(b *testing.B, dir string, n int) {
	b.Helper()
	for _, sub := range []string{"cfn", "cfn-json", "raw"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			b.Fatal(err)
		}
	}
	for i := range n {
		tmpl, tmplJSON, td, svc, err := stack(i)
		if err != nil {
			b.Fatal(err)
		}
		for name, data := range map[string][]byte{
			filepath.Join("cfn", fmt.Sprintf("stack-%04d.yaml", i)):      tmpl,
			filepath.Join("cfn-json", fmt.Sprintf("stack-%04d.json", i)): tmplJSON,
			filepath.Join("raw", fmt.Sprintf("td-%04d.json", i)):         td,
			filepath.Join("raw", fmt.Sprintf("service-%04d.json", i)):    svc,
		} {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func units(b *testing.B, dir string) []source.Unit {
	b.Helper()
	ex := files.Expand([]string{dir})
	us, _ := files.Units(ex, files.Options{Formats: []files.Format{Format{}, ecsjson.Format{}}})
	return us
}

// BenchmarkLoad reads the 1,000 stacks both ways, without evaluating
// rules: the cost of the template path itself. ns/resource is per
// resource loaded (four per template, two per raw pair).
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	writeStacks(b, dir, benchStacks)
	for _, c := range []struct{ name, sub string }{{"template", "cfn"}, {"template-json", "cfn-json"}, {"raw-json", "raw"}} {
		b.Run(c.name, func(b *testing.B) {
			us := units(b, filepath.Join(dir, c.sub))
			ctx := context.Background()
			resources := 0
			b.ResetTimer()
			for b.Loop() {
				resources = 0
				for _, u := range us {
					resources += len(u.Load(ctx).Resources)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(resources), "ns/resource")
			b.ReportMetric(float64(resources), "resources")
		})
	}
}

// BenchmarkLint lints the 1,000 stacks both ways end to end (load,
// relate, every enabled rule), as the CLI does for a directory.
func BenchmarkLint(b *testing.B) {
	dir := b.TempDir()
	writeStacks(b, dir, benchStacks)
	eng, err := engine.New(context.Background(), engine.Options{Rules: catalog.Builtin().Defaults()})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, sub string }{{"template", "cfn"}, {"template-json", "cfn-json"}, {"raw-json", "raw"}} {
		b.Run(c.name, func(b *testing.B) {
			us := units(b, filepath.Join(dir, c.sub))
			an := analyzer.New(eng, analyzer.Options{})
			resources := 0
			b.ResetTimer()
			for b.Loop() {
				res, err := an.Run(context.Background(), us)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Errors) > 0 {
					b.Fatalf("errors: %v", res.Errors[0])
				}
				resources = res.Resources
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(resources), "ns/resource")
			b.ReportMetric(float64(resources), "resources")
		})
	}
}
