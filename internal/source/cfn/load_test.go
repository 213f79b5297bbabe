package cfn

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/internal/source"
)

func load(t *testing.T, yaml string) *source.Loaded {
	t.Helper()
	f := parseFile("t.yaml", []byte(yaml))
	if !(Format{}).Match(f) {
		t.Fatalf("not a template:\n%s", yaml)
	}
	return Format{}.Load(context.Background(), f)
}

func TestMatch(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		doc  string
		want bool
	}{
		{"AWSTemplateFormatVersion: 2010-09-09\n", true},
		// SAM: a template, even with no ECS resource in it.
		{"Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n", true},
		{"Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n", true},
		{"Resources:\n  T:\n    Type: Custom::Thing\n", false},
		{`{"family": "web", "containerDefinitions": []}`, false},
		{"- a\n- b\n", false},
	} {
		if got := (Format{}).Match(parseFile("t", []byte(c.doc))); got != c.want {
			t.Errorf("Match(%q) = %v, want %v", c.doc, got, c.want)
		}
	}
}

// TestShortFormPositions: a short-form tag becomes the long form at the
// tag's own line, and a finding on the value points there.
func TestShortFormPositions(t *testing.T) {
	t.Parallel()
	l := load(t, `AWSTemplateFormatVersion: 2010-09-09
Parameters:
  Tag: {Type: String, Default: "1.2"}
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: web
          Image: !Sub "nginx:${Tag}"
          Privileged: !If
            - Never
            - false
            - true
`)
	r := l.Resources[0]
	img := r.Locator.Locate([]any{"containerDefinitions", 0, "image"})
	if img.Start.Line != 10 || img.Precision != "exact" || img.Pointer != "/Resources/Task/Properties/ContainerDefinitions/0/Image" {
		t.Errorf("image located at %+v", img)
	}
	priv := r.Locator.Locate([]any{"containerDefinitions", 0, "privileged"})
	if priv.Start.Line != 11 || !strings.Contains(r.Value.String(), `"privileged": "${Fn::If Never}"`) {
		t.Errorf("privileged (an Fn::If on an undefined condition) located at %+v in %s", priv, r.Value)
	}
	if got := r.Value.String(); !strings.Contains(got, `"image": "nginx:1.2"`) {
		t.Errorf("value %s", got)
	}
	absent := r.Locator.Locate([]any{"containerDefinitions", 0, "user"})
	if absent.Precision != "ancestor" || absent.Start.Line != 9 {
		t.Errorf("absent user located at %+v", absent)
	}
}

func TestCoercion(t *testing.T) {
	t.Parallel()
	l := load(t, `Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Cpu: 256
      Memory: 0.5GB
      ContainerDefinitions:
        - Name: 42
          Essential: "TRUE"
          Privileged: "yes"
          Cpu: "128"
          Memory: "1e3"
          MemoryReservation: "012"
          PortMappings: [{ContainerPort: "8080", HostPort: "0x50"}]
`)
	got := l.Resources[0].Value.String()
	for _, want := range []string{`"cpu": "256"`, `"memory": "0.5GB"`, `"name": "42"`, `"essential": true`, `"privileged": "yes"`, `"cpu": 128`, `"memory": "1e3"`, `"memoryReservation": "012"`, `"containerPort": 8080`, `"hostPort": "0x50"`} {
		if !strings.Contains(got, want) {
			t.Errorf("want %s in %s", want, got)
		}
	}
}

// TestHostile: cycles between conditions, undefined conditions and
// malformed intrinsics give unknown values, never a panic or a guess.
func TestHostile(t *testing.T) {
	t.Parallel()
	l := load(t, `Conditions:
  A: !Condition B
  B: !Not [!Condition A]
  C: !Equals [!Select [9, [a]], a]
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: !If [A, x, y]
      NetworkMode: !If [C, host, !If [Nope, host, bridge]]
      PidMode: !Join [",", !Ref Missing]
      ExecutionRoleArn: !Join [!Ref AWS::Region, [a, b]]
      IpcMode: !Select ["x", [a]]
      Cpu: !Sub [1, 2]
      Memory: !FindInMap [M, !Ref AWS::Region, x]
      ContainerDefinitions: !GetAtt Thing
`)
	if len(l.Resources) == 0 {
		t.Fatal("no resource")
	}
	for _, r := range l.Resources {
		v := r.Value.String()
		if strings.Contains(v, `"pidMode": ","`) || !strings.Contains(v, `"ipcMode": "${Fn::Select}"`) || !strings.Contains(v, `"executionRoleArn": "${Fn::Join}"`) {
			t.Errorf("%s: %s", r.Variant, v)
		}
	}
	if n := len(l.Resources); n > 1<<maxChoices {
		t.Errorf("%d variants, at most %d", n, 1<<maxChoices)
	}
}

func TestVariantsCapped(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("Parameters:\n")
	for _, p := range []string{"P1", "P2", "P3", "P4", "P5"} {
		b.WriteString("  " + p + ": {Type: String}\n")
	}
	b.WriteString("Conditions:\n")
	for _, p := range []string{"P1", "P2", "P3", "P4", "P5"} {
		b.WriteString("  C" + p + ": !Equals [!Ref " + p + ", x]\n")
	}
	b.WriteString("Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n")
	for _, p := range []string{"P1", "P2", "P3", "P4", "P5"} {
		b.WriteString("        - Name: " + p + "\n          Privileged: !If [C" + p + ", true, false]\n")
	}
	l := load(t, b.String())
	if len(l.Resources) != 1<<maxChoices {
		t.Fatalf("%d variants, want %d", len(l.Resources), 1<<maxChoices)
	}
	v := l.Resources[0].Value.String()
	if !strings.Contains(v, `"privileged": "${Fn::If CP4}"`) || !strings.Contains(v, `"privileged": "${Fn::If CP5}"`) {
		t.Errorf("conditions past the cap are not unknown: %s", v)
	}
	if l.Resources[0].Variant != "CP1=true, CP2=true, CP3=true" {
		t.Errorf("variant %q", l.Resources[0].Variant)
	}
}

func TestCDKAssembly(t *testing.T) {
	t.Parallel()
	f := readFile(t, "testdata/cdk.out/manifest.json")
	if !(CDK{}).Match(f) || (Format{}).Match(f) {
		t.Fatal("manifest.json: CDK must match, the template format must not")
	}
	l := CDK{}.Load(context.Background(), f)
	if len(l.Resources) != 1 {
		t.Fatalf("%d resources", len(l.Resources))
	}
	r := l.Resources[0]
	if c := r.Locator.Locate([]any{"family"}).Construct; c != "Web/TaskDef/Resource" {
		t.Errorf("construct %q", c)
	}
	if len(l.Consumes) != 2 || filepath.Base(l.Consumes[1]) != "Web.template.json" {
		t.Errorf("consumes %v", l.Consumes)
	}
	if len(l.Errors) != 1 || !strings.Contains(l.Errors[0].Error(), "Missing.template.json") {
		t.Errorf("errors %v", l.Errors)
	}
}

// TestCDKNotExpanded: a stack template of an assembly is consumed, so
// what it holds that is not linted is warned about from the manifest.
func TestCDKNotExpanded(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, data := range map[string]string{
		"manifest.json": `{"version": "36.0.0", "artifacts": {"App": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "App.template.json"}}}}`,
		"App.template.json": `{"Resources": {
  "Included": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://bucket/td.yaml"}}}},
  "Fn::ForEach::Tasks": ["Name", ["a", "b"], {"Task${Name}": {"Type": "AWS::ECS::TaskDefinition"}}],
  "Cluster": {"Type": "AWS::ECS::Cluster"}}}`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := CDK{}.Load(context.Background(), readFile(t, filepath.Join(dir, "manifest.json")))
	if len(l.Errors) > 0 || len(l.Resources) != 1 || l.Resources[0].Name != "Cluster" {
		t.Fatalf("errors %v, resources %v", l.Errors, l.Resources)
	}
	if w := strings.Join(l.Warnings, "\n"); len(l.Warnings) != 2 || !strings.Contains(w, "Fn::ForEach::Tasks") || !strings.Contains(w, "Included") {
		t.Errorf("warnings %q", l.Warnings)
	}
}

// TestClusterInUserData: ECS_CLUSTER names the cluster an instance
// joins only when the whole name is known or is one reference; a name
// partly unknown names no cluster.
func TestClusterInUserData(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ userData, text, to string }{
		{"ECS_CLUSTER=prod >> /etc/ecs/ecs.config", "ECS_CLUSTER=prod", "name:prod"},
		{"ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config", "ECS_CLUSTER=${Cluster}", "cfn:t.yaml#Cluster"},
		{"ECS_CLUSTER=app-${Env} >> /etc/ecs/ecs.config", "ECS_CLUSTER=app-${Env}", ""},
		{"ECS_CLUSTER=${Cluster}-blue >> /etc/ecs/ecs.config", "ECS_CLUSTER=${Cluster}-blue", ""},
	} {
		l := load(t, `Parameters:
  Env: {Type: String}
Resources:
  Cluster:
    Type: AWS::ECS::Cluster
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        UserData: !Base64 {"Fn::Sub": "`+c.userData+`"}
`)
		var refs []string
		for _, r := range l.Resources {
			for _, ref := range r.Refs {
				if ref.Rel != "cluster" {
					continue
				}
				to := ""
				for _, id := range ref.To {
					to += id.String()
				}
				refs = append(refs, ref.Text+" -> "+to)
			}
		}
		if want := c.text + " -> " + c.to; len(refs) != 1 || refs[0] != want {
			t.Errorf("%s: refs %q, want %q", c.userData, refs, want)
		}
	}
}

func TestVariantLabel(t *testing.T) {
	t.Parallel()
	if got := variantLabel(map[string]bool{"B": false, "A": true}); got != "A=true, B=false" {
		t.Errorf("label %q", got)
	}
}

// TestNotExpanded: resources ecslint cannot see into are warned about,
// never linted as empty.
func TestNotExpanded(t *testing.T) {
	t.Parallel()
	l := load(t, `Transform: AWS::LanguageExtensions
Resources:
  Included:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://bucket/td.yaml}}
  Fn::ForEach::Tasks:
    - Name
    - [a, b]
    - Task${Name}: {Type: AWS::ECS::TaskDefinition}
  Cluster:
    Type: AWS::ECS::Cluster
`)
	if len(l.Resources) != 1 || l.Resources[0].Name != "Cluster" {
		t.Errorf("resources %v", l.Resources)
	}
	if len(l.Warnings) != 2 || !strings.Contains(strings.Join(l.Warnings, "\n"), "Fn::ForEach::Tasks") || !strings.Contains(strings.Join(l.Warnings, "\n"), "Included") {
		t.Errorf("warnings %q", l.Warnings)
	}
}

// TestYAML11: CloudFormation reads YAML 1.1: an unquoted yes is true, a
// date stays a string, and a tagged scalar is a string whatever it reads
// like.
func TestYAML11(t *testing.T) {
	t.Parallel()
	l := load(t, `AWSTemplateFormatVersion: 2010-09-09
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: !Sub "2024"
      ContainerDefinitions:
        - Name: !Join ["", ["1", "0"]]
          Essential: yes
          ReadonlyRootFilesystem: on
          Privileged: off
          Image: nginx:1.27
`)
	v := l.Resources[0].Value.String()
	for _, want := range []string{`"essential": true`, `"readonlyRootFilesystem": true`, `"privileged": false`, `"family": "2024"`, `"name": "10"`} {
		if !strings.Contains(v, want) {
			t.Errorf("want %s in %s", want, v)
		}
	}
}
