package cfn_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/cfn"
	"github.com/ecslint/ecslint/internal/source/ecsjson"
	"github.com/ecslint/ecslint/internal/source/files"
)

// loadFile reads one file the way the CLI does, with CloudFormation asked
// before raw ECS documents.
func loadFile(t *testing.T, name, content string) *source.Loaded {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	units, _ := files.Units(files.Expand([]string{p}), files.Options{Formats: []files.Format{cfn.Format{}, ecsjson.Format{}}})
	if len(units) != 1 {
		t.Fatalf("%d units", len(units))
	}
	return units[0].Load(context.Background())
}

// A YAML template is parsed once, by CloudFormation's rules; a raw task
// definition that only mentions AWS:: is still read as the AWS CLI reads
// YAML.
func TestYAMLParsedByTheFormatThatReadsIt(t *testing.T) {
	t.Parallel()
	tmpl := loadFile(t, "t.yaml", "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: !Ref Fam\n      ContainerDefinitions:\n        - Name: app\n          Image: nginx\n          Privileged: yes\n")
	if len(tmpl.Errors) > 0 || tmpl.Format != source.FormatCloudFormation || len(tmpl.Resources) != 1 {
		t.Fatalf("template: %+v", tmpl)
	}
	c := tmpl.Resources[0].Value.Get(ast.StringTerm("containerDefinitions")).Value.String()
	if want := `"privileged": true`; !strings.Contains(c, want) {
		t.Errorf("CloudFormation reads yes as true (YAML 1.1): %s", c)
	}
	raw := loadFile(t, "td.yaml", "family: web\ncontainerDefinitions:\n  - name: app\n    image: nginx\n    privileged: yes\n    environment:\n      - name: NOTE\n        value: see AWS::ECS::TaskDefinition\n")
	if len(raw.Errors) > 0 || raw.Format != source.FormatECSYAML || len(raw.Resources) != 1 || raw.Resources[0].Kind != kind.TaskDefinition {
		t.Fatalf("raw: %+v", raw)
	}
	c = raw.Resources[0].Value.Get(ast.StringTerm("containerDefinitions")).Value.String()
	if want := `"privileged": "yes"`; !strings.Contains(c, want) {
		t.Errorf("the AWS CLI reads yes as a string (YAML 1.2): %s", c)
	}
}
