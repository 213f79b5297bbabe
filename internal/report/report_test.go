package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func fixtureRules() []*catalog.Rule {
	return []*catalog.Rule{
		{
			ID: "privileged-container", Category: "security", Title: "Privileged container", Severity: "high",
			Description: "A privileged container has root on the host.", Remediation: "Remove privileged: true.",
			Resources: []string{"TaskDefinition"}, Frameworks: map[string][]string{"securityhub": {"ECS.4"}}, Enabled: true,
			Related: []catalog.Link{{URL: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html", Description: "ContainerDefinition"}},
		},
		{
			ID: "classic-lb-deprecated", Category: "reliability", Title: "Classic Load Balancer", Severity: "low",
			Description: "Previous generation.", Remediation: "Use an ALB or NLB.", Resources: []string{"Service"}, Enabled: true,
			Related: []catalog.Link{{URL: "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/introduction.html"}},
		},
	}
}

func fixtureResult() *finding.Result {
	pos := func(l, c int) document.Pos { return document.Pos{Line: l, Column: c} }
	return &finding.Result{
		Files: 3, Resources: 2, Rules: 2,
		Linted: []finding.Linted{
			{Kind: "Service", Name: "web", File: "/repo/services/web.json"},
			{Kind: "TaskDefinition", Name: "web:3", File: "/repo/taskdefs/web.json"},
		},
		Findings: []finding.Finding{
			{
				Rule: "classic-lb-deprecated", Category: "reliability", Severity: "low",
				Message:     `load balancer "clb" is a Classic Load Balancer`,
				Resource:    finding.Resource{Kind: "Service", Name: "web"},
				Location:    finding.Location{File: "/repo/services/web.json", Pointer: "/loadBalancers/0/loadBalancerName", Start: pos(5, 7), End: pos(5, 32), Precision: "exact", Construct: "WebStack/Service/Service"},
				Remediation: "Use an ALB or NLB.", DocsURL: "https://github.com/ecslint/ecslint/blob/main/docs/rules.md#classic-lb-deprecated",
			},
			{
				Rule: "privileged-container", Category: "security", Severity: "high",
				Message:     `container "app" runs privileged, with: commas, colons % and "quotes"`,
				Resource:    finding.Resource{Kind: "TaskDefinition", Name: "web:3"},
				Location:    finding.Location{File: "/repo/taskdefs/web.json", Pointer: "/containerDefinitions/0/privileged", Start: pos(9, 7), End: pos(9, 24), Precision: "exact"},
				Remediation: "Remove privileged: true.", DocsURL: "https://github.com/ecslint/ecslint/blob/main/docs/rules.md#privileged-container",
			},
			{
				Rule: "privileged-container", Category: "security", Severity: "high",
				Message:     `container "sidecar" runs privileged`,
				Resource:    finding.Resource{Kind: "TaskDefinition", Name: "web:3"},
				Location:    finding.Location{File: "/repo/taskdefs/web.json", Pointer: "/containerDefinitions/1/privileged", Start: pos(14, 7), End: pos(14, 24), Precision: "exact"},
				Remediation: "Remove privileged: true.", DocsURL: "https://github.com/ecslint/ecslint/blob/main/docs/rules.md#privileged-container",
				Suppressed: &finding.Suppression{Reason: "needs /dev/kmsg until JIRA-12", Source: "config privileged-container"},
			},
			{
				Rule: "privileged-container", Category: "security", Severity: "high",
				Message:  `container "agent" runs privileged`,
				Resource: finding.Resource{Kind: "TaskDefinition", Name: "module.agent.aws_ecs_task_definition.this"},
				Location: finding.Location{
					File: "/repo/modules/agent/main.tf", Pointer: "/resource/aws_ecs_task_definition/this", Start: pos(12, 7), End: pos(12, 24), Precision: "exact",
					Trace: []finding.Frame{{File: "/repo/main.tf", Start: pos(3, 1), Label: "module.agent"}},
				},
				Remediation: "Remove privileged: true.", DocsURL: "https://github.com/ecslint/ecslint/blob/main/docs/rules.md#privileged-container",
			},
		},
		Errors:   []finding.InputError{{File: "/repo/taskdefs/broken.json", Line: 4, Column: 1, Message: `unexpected "}", expected a value`}},
		Warnings: []string{".ecslint.yaml: ignore entry for image-tag-latest expired on 2026-01-31 and no longer applies"},
	}
}

func render(t *testing.T, format string) []byte {
	t.Helper()
	f, err := New(format, Options{Tool: Tool{Name: "ecslint", Version: "1.2.3"}, Rules: fixtureRules(), Root: "/repo"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Format(&buf, fixtureResult()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGolden compares every format with its golden file; run
// `go test ./internal/report -update` after an intended change.
func TestGolden(t *testing.T) {
	t.Parallel()
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			got := render(t, format)
			golden := filepath.Join("testdata", "golden."+format)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s output differs from %s (run with -update if intended):\n%s", format, golden, got)
			}
		})
	}
}

// TestSARIFForGitHub checks, field by field, what GitHub code scanning
// requires of a SARIF upload.
func TestSARIFForGitHub(t *testing.T) {
	t.Parallel()
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct {
						ID               string `json:"id"`
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						Help             struct{ Text string }
						HelpURI          string `json:"helpUri"`
						Properties       map[string]any
					}
				}
			}
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
				Suppressions []struct{ Kind, Justification string }
			}
		}
	}
	if err := json.Unmarshal(render(t, "sarif"), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "ecslint" || len(run.Tool.Driver.Rules) != 2 {
		t.Errorf("driver %+v", run.Tool.Driver)
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.HelpURI == "" {
			t.Errorf("rule %s lacks a description, help or helpUri", r.ID)
		}
		if s, _ := r.Properties["security-severity"].(string); s == "" {
			t.Errorf("rule %s has no security-severity", r.ID)
		}
	}
	if len(run.Results) != 4 {
		t.Fatalf("%d results, want 4", len(run.Results))
	}
	for _, res := range run.Results {
		loc := res.Locations[0].PhysicalLocation
		if res.Message.Text == "" || loc.Region.StartLine < 1 || strings.HasPrefix(loc.ArtifactLocation.URI, "/") || strings.HasPrefix(loc.ArtifactLocation.URI, "file:") {
			t.Errorf("result %+v: want a message, a line and a repository-relative uri", res)
		}
	}
	if len(run.Results[2].Suppressions) != 1 || run.Results[2].Suppressions[0].Justification == "" {
		t.Errorf("the suppressed finding is not marked: %+v", run.Results[2])
	}
}

// TestSARIFSchema validates real output against the OASIS SARIF 2.1.0
// schema, whose path .ci/run sets in ECSLINT_SARIF_SCHEMA.
func TestSARIFSchema(t *testing.T) {
	t.Parallel()
	path := os.Getenv("ECSLINT_SARIF_SCHEMA")
	if path == "" {
		t.Skip("ECSLINT_SARIF_SCHEMA is not set; .ci/run sets it to the shared SARIF 2.1.0 schema")
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("ECSLINT_SARIF_SCHEMA=%s: %v", path, err)
	}
	sch, err := jsonschema.NewCompiler().Compile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, "sarif")))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("SARIF output is not valid SARIF 2.1.0: %v", err)
	}
}

func TestJUnitShape(t *testing.T) {
	t.Parallel()
	var suites junitSuites
	if err := xml.Unmarshal(render(t, "junit"), &suites); err != nil {
		t.Fatal(err)
	}
	// web:3 × privileged-container (failure), web × classic-lb-deprecated
	// (failure), and the broken file (error).
	if suites.Tests != 3 || suites.Failures != 2 || suites.Errors != 1 {
		t.Errorf("tests %d failures %d errors %d, want 3, 2, 1", suites.Tests, suites.Failures, suites.Errors)
	}
}

func TestGitHubEscaping(t *testing.T) {
	t.Parallel()
	out := string(render(t, "github"))
	if !strings.Contains(out, "::error file=/repo/taskdefs/web.json,line=9,col=7") {
		t.Errorf("no error annotation for the finding:\n%s", out)
	}
	if strings.Contains(out, "sidecar") {
		t.Errorf("suppressed finding annotated:\n%s", out)
	}
	if !strings.Contains(out, "with: commas, colons %25") {
		t.Errorf("message not escaped:\n%s", out)
	}
	if !strings.Contains(StepSummary(fixtureResult()), "| high | [privileged-container]") {
		t.Errorf("step summary lacks the finding table")
	}
}
