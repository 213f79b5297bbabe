package cli_test

import (
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
