package cli_test

import (
	"encoding/json"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/internal/cli"
)

// TestTemplatesWithoutECS: a walk of templates holding no ECS resource
// says what it read; a template named on the command line that is valid
// but holds none is no error.
func TestTemplatesWithoutECS(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "stacks/bucket.yaml", "AWSTemplateFormatVersion: 2010-09-09\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n")
	role := write(t, dir, "stacks/role.yaml", "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}\n")
	code, stdout, stderr := run(t, "", "--no-config", dir)
	if code != cli.ExitOK || !strings.Contains(stdout+stderr, "2 CloudFormation templates, none with ECS resources") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if code, stdout, stderr := run(t, "", "--no-config", role); code != cli.ExitOK {
		t.Errorf("named template without ECS resources: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// TestTemplateFindingsLocated: a finding in a YAML template points at the
// template line, and one that holds on a branch of an undecidable
// condition names it.
func TestTemplateFindingsLocated(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tmpl := write(t, dir, "stack.yaml", `AWSTemplateFormatVersion: 2010-09-09
Parameters:
  Debug: {Type: String}
Conditions:
  IsDebug: !Equals [!Ref Debug, "true"]
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      ContainerDefinitions:
        - Name: web
          Image: public.ecr.aws/nginx/nginx:1.27
          Memory: 256
          Privileged: !If [IsDebug, true, false]
`)
	code, stdout, stderr := run(t, "", "--no-config", "--disable", "all", "--enable", "privileged-container", tmpl)
	if code != cli.ExitFindings || !strings.Contains(stdout, "15:") || !strings.Contains(stdout, "(only when IsDebug=true)") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// relationsPolicy reports, for every resource, each relation rules see
// under input.related: its key, status and the resource it names.
const relationsPolicy = `# METADATA
# title: Relations
# description: Reports input.related, for tests.
# related_resources:
#   - ref: https://example.com/relations
# custom:
#   severity: info
#   remediation: None.
#   resources: [TaskDefinition, Service, Cluster, CapacityProvider, LoadBalancer, TargetGroup, Role, InstanceProfile, LaunchTemplate, AutoScalingGroup]
package ecslint.rules.correctness["show-relations"]

report contains {"message": sprintf("%s %s -> %s %s", [input.name, key, e.status, e.name]), "path": ["resource"]} if {
	some key, v in input.related
	key != "instanceRoles"
	some e in _entries(v)
}

report contains {"message": sprintf("%s instanceRoles %s", [input.name, r]), "path": ["resource"]} if {
	some r in input.related.instanceRoles
}

_entries(v) := v if is_array(v)

_entries(v) := [v] if is_object(v)
`

// TestTemplateRelations: every relation a template holds reaches the
// rules resolved, in both directions, with the container-instance roles
// followed through the capacity provider chain.
func TestTemplateRelations(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	policy := write(t, dir, "policy/show.rego", relationsPolicy)
	code, stdout, stderr := run(t, "", "--no-config", "--format", "json", "--fail-on", "none", "--disable", "all", "--enable", "show-relations",
		"--policy", filepath.Dir(policy), "../source/cfn/testdata/golden/relations.yaml")
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var out struct{ Findings []struct{ Message string } }
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range out.Findings {
		got[f.Message] = true
	}
	if len(got) < 27 {
		t.Errorf("%d relations reported", len(got))
	}
	for _, want := range []string{
		"Service taskDefinition -> resolved TaskDefinition",
		"Service cluster -> resolved Cluster",
		"Service targetGroups -> resolved TargetGroup",
		"Service targetGroups -> unresolved arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shared/0123456789abcdef",
		"ClassicService loadBalancers -> resolved Classic",
		"ClassicService cluster -> resolved Cluster",
		"TaskDefinition taskRole -> resolved TaskRole",
		"TaskDefinition executionRole -> unresolved arn:${AWS::Partition}:iam::${AWS::AccountId}:role/ecsTaskExecutionRole",
		"TaskDefinition services -> resolved Service",
		"Cluster capacityProviders -> resolved CapacityProvider",
		"Cluster services -> resolved Service",
		"Cluster launchTemplates -> resolved LaunchTemplate",
		"CapacityProvider autoScalingGroup -> resolved Group",
		"CapacityProvider clusters -> resolved Cluster",
		"Group launchTemplate -> resolved LaunchTemplate",
		"OldGroup launchTemplate -> resolved LaunchConfiguration",
		"LaunchTemplate instanceProfile -> resolved InstanceProfile",
		"LaunchTemplate cluster -> resolved Cluster",
		"LaunchConfiguration cluster -> unresolved ECS_CLUSTER=literal-cluster",
		"InstanceProfile roles -> resolved InstanceRole",
		"InstanceProfile roles -> unresolved legacy-role",
		"LoadBalancer targetGroups -> resolved TargetGroup",
		"LoadBalancer targetGroups -> resolved OtherTargetGroup",
		"TargetGroup loadBalancers -> resolved LoadBalancer",
		"TargetGroup services -> resolved Service",
		"InstanceRole instanceProfiles -> resolved InstanceProfile",
		"TaskDefinition instanceRoles cfn:../source/cfn/testdata/golden/relations.yaml#InstanceRole",
	} {
		if !got[want] {
			t.Errorf("missing %q", want)
		}
	}
	if t.Failed() {
		t.Logf("got:\n%s", strings.Join(slices.Sorted(maps.Keys(got)), "\n"))
	}
}
