package rules_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/cli"
	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/report"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/ecsjson"
	"github.com/ecslint/ecslint/internal/source/files"
	"github.com/ecslint/ecslint/internal/validate"
	"github.com/ecslint/ecslint/rules"
)

func builtin(t *testing.T) *catalog.Catalog {
	t.Helper()
	return catalog.Builtin()
}

// TestRego runs every Rego test of the bundle (rules and lib) through
// OPA's tester, one Go subtest per Rego test.
func TestRego(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	modules, err := engine.SourceModules(rules.FS, true)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = engine.RunTests(ctx, modules, func(r *tester.Result) {
		n++
		name := strings.TrimPrefix(r.Package, "data.") + "." + r.Name
		t.Run(name, func(t *testing.T) {
			if r.Error != nil {
				t.Fatalf("%s: error: %v", r.Location, r.Error)
			}
			if r.Fail {
				t.Fatalf("%s: failed\n%s", r.Location, r.Output)
			}
			if r.Skip {
				t.Skipf("%s: skipped", r.Location)
			}
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no Rego tests ran")
	}
}

// TestCatalogComplete holds every rule to the contract: METADATA (checked
// when go generate builds the catalog), failing and passing Rego tests, failing and passing
// example documents.
func TestCatalogComplete(t *testing.T) {
	t.Parallel()
	cat := builtin(t)
	if len(cat.Rules) == 0 {
		t.Fatal("no rules in the catalog")
	}
	modules, err := engine.SourceModules(rules.FS, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cat.Rules {
		t.Run(r.ID, func(t *testing.T) {
			if !strings.HasSuffix(r.Remediation, ".") {
				t.Errorf("remediation should be a sentence ending with a period: %q", r.Remediation)
			}
			if !strings.HasPrefix(r.Related[0].URL, "https://docs.aws.amazon.com/") {
				t.Errorf("first related resource should be AWS documentation, got %s", r.Related[0].URL)
			}
			tm := modules[path.Dir(r.File)+"/"+r.ID+"_test.rego"]
			if tm == nil {
				t.Fatalf("no %s_test.rego beside the rule", r.ID)
			}
			var fail, pass int
			for _, rule := range tm.Rules {
				name := rule.Head.Name.String()
				if rule.Head.Name == "" && len(rule.Head.Reference) > 0 {
					name = rule.Head.Reference[0].Value.(ast.Var).String()
				}
				switch {
				case strings.HasPrefix(name, "test_fail_"):
					fail++
				case strings.HasPrefix(name, "test_pass_"):
					pass++
				}
			}
			if fail == 0 || pass == 0 {
				t.Errorf("Rego tests: %d test_fail_* and %d test_pass_*, want at least one of each", fail, pass)
			}
			ex := examples(t, r)
			if len(ex["fail"]) == 0 || len(ex["pass"]) == 0 {
				t.Errorf("examples: %d fail-* and %d pass-*, want at least one of each", len(ex["fail"]), len(ex["pass"]))
			}
		})
	}
}

// examples lists a rule's example documents by kind (fail or pass).
func examples(t *testing.T, r *catalog.Rule) map[string][]string {
	t.Helper()
	dir := path.Dir(r.File)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		if ext != ".json" && ext != ".yaml" && ext != ".yml" || name == "ecslint.yaml" {
			continue
		}
		for _, kind := range []string{"fail", "pass"} {
			if strings.HasPrefix(name, kind+"-") {
				out[kind] = append(out[kind], filepath.Join(dir, name))
			}
		}
	}
	return out
}

type lintOutput struct {
	Findings []struct {
		Rule     string `json:"rule"`
		Location struct {
			Start struct {
				Line int `json:"line"`
			} `json:"start"`
			Precision string `json:"precision"`
		} `json:"location"`
	} `json:"findings"`
	Errors []json.RawMessage `json:"errors"`
}

// TestExamples lints every example through the real CLI with only its
// rule enabled: fail-* must fire it at a located line, pass-* must not.
func TestExamples(t *testing.T) {
	t.Parallel()
	cat := builtin(t)
	for _, r := range cat.Rules {
		for kind, files := range examples(t, r) {
			for _, file := range files {
				t.Run(r.ID+"/"+filepath.Base(file), func(t *testing.T) {
					t.Parallel()
					args := []string{"lint", "--format", "json", "--fail-on", "none", "--disable", "all", "--enable", r.ID}
					if cfg := filepath.Join(path.Dir(r.File), "ecslint.yaml"); fileExists(cfg) {
						args = append(args, "--config", cfg)
					} else {
						args = append(args, "--no-config")
					}
					var stdout, stderr bytes.Buffer
					code := cli.Run(context.Background(), append(args, file), cli.Env{Stdout: &stdout, Stderr: &stderr})
					if code != cli.ExitOK {
						t.Fatalf("exit code %d\nstderr: %s\nstdout: %s", code, stderr.String(), stdout.String())
					}
					var out lintOutput
					if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
						t.Fatalf("decode output: %v", err)
					}
					if len(out.Errors) > 0 {
						t.Fatalf("input errors: %s", out.Errors)
					}
					fired := 0
					for _, f := range out.Findings {
						if f.Rule != r.ID {
							continue
						}
						fired++
						if f.Location.Start.Line < 1 {
							t.Errorf("finding without a line: %+v", f)
						}
					}
					switch {
					case kind == "fail" && fired == 0:
						t.Errorf("%s did not fire on %s", r.ID, file)
					case kind == "pass" && fired > 0:
						t.Errorf("%s fired %d times on %s", r.ID, fired, file)
					}
				})
			}
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// TestDocsCurrent fails when docs/rules.md no longer matches the METADATA.
func TestDocsCurrent(t *testing.T) {
	t.Parallel()
	cat := builtin(t)
	want := report.RulesMarkdown(cat.Rules)
	const file = "../docs/rules.md"
	if os.Getenv("ECSLINT_UPDATE_DOCS") != "" {
		if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("docs/rules.md is stale: run `go run ./cmd/ecslint rules --format markdown > docs/rules.md` (or ECSLINT_UPDATE_DOCS=1 go test ./rules/)")
	}
}

// TestCatalogIDs checks the ids against the published catalog's style:
// lower-case words joined by hyphens, unique across categories.
func TestCatalogIDs(t *testing.T) {
	t.Parallel()
	cat := builtin(t)
	var ids []string
	for _, r := range cat.Rules {
		ids = append(ids, r.ID)
		for _, c := range r.ID {
			if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
				t.Errorf("rule id %q: only a-z, 0-9 and - are allowed", r.ID)
				break
			}
		}
	}
	sorted := append([]string(nil), ids...)
	sort.Strings(sorted)
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			t.Errorf("duplicate rule id %q", sorted[i])
		}
	}
}

// TestRulesTypeCheck compiles every rule with all the compiler's checks
// and the input schema, as user policies are compiled: a rule reading a
// field AWS does not have fails here.
func TestRulesTypeCheck(t *testing.T) {
	t.Parallel()
	if _, _, err := engine.Generate(rules.FS); err != nil {
		t.Fatal(err)
	}
}

// TestExamplesMatchSchema validates every example's resources against the
// input schema, so examples only use fields AWS has, with AWS's types.
func TestExamplesMatchSchema(t *testing.T) {
	t.Parallel()
	c := jsonschema.NewCompiler()
	var doc any
	if err := json.Unmarshal(rules.InputSchema, &doc); err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("input.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schemas := map[string]*jsonschema.Schema{}
	for _, k := range kind.All {
		if s, err := c.Compile("input.schema.json#/definitions/" + k); err == nil {
			schemas[k] = s
		}
	}
	// A bare container array is carried as {"containerDefinitions": [...]}:
	// a task definition with nothing else.
	if schemas[kind.ContainerDefinitions] == nil {
		schemas[kind.ContainerDefinitions] = schemas[kind.TaskDefinition]
	}
	cat := builtin(t)
	for _, r := range cat.Rules {
		if r.ID == validate.RuleSchemaInvalid {
			// Its examples hold wrong types on purpose, and unknown
			// values the JSON Schema cannot express; TestExamplesValid
			// checks them against the ECS model.
			continue
		}
		for _, set := range examples(t, r) {
			for _, file := range set {
				for _, res := range exampleFile(t, file) {
					if schemas[res.Kind] == nil {
						t.Errorf("%s: the input schema has no definition for kind %s", file, res.Kind)
						continue
					}
					v, err := ast.JSON(res.Value)
					if err != nil {
						t.Fatal(err)
					}
					// Round-trip so numbers have the validator's types.
					raw, _ := json.Marshal(v)
					inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
					if err != nil {
						t.Fatal(err)
					}
					if err := schemas[res.Kind].Validate(inst); err != nil {
						t.Errorf("%s: %s %s does not match the input schema: %v", file, res.Kind, res.Name, err)
					}
				}
			}
		}
	}
}

// TestExamplesValid checks every raw ECS example against the ECS API
// model: only a failing example of the rule that reports a problem
// (schema-invalid, duplicate-key) may have one, and it must.
func TestExamplesValid(t *testing.T) {
	t.Parallel()
	cat := builtin(t)
	for _, r := range cat.Rules {
		for kind, set := range examples(t, r) {
			for _, file := range set {
				own := 0
				for _, res := range exampleFile(t, file) {
					_, problems := validate.Resource(res.Kind, res.Value, validate.Options{Partial: res.Partial})
					for _, p := range append(res.Problems, problems...) {
						if p.Rule == r.ID && kind == "fail" {
							own++
							continue
						}
						t.Errorf("%s: %s %s: %s", file, p.Rule, validate.Display(p.Path), p.Message)
					}
				}
				if kind == "fail" && (r.ID == validate.RuleSchemaInvalid || r.ID == validate.RuleDuplicateKey) && own == 0 {
					t.Errorf("%s: no %s problem", file, r.ID)
				}
			}
		}
	}
}

// exampleFile loads the raw ECS resources of an example file; none for a
// file of another source's format (a template). A file that does not
// parse is an error.
func exampleFile(t *testing.T, file string) []*source.Resource {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := files.Parse(file, data)
	if err != nil {
		t.Errorf("%s: %v", file, err)
		return nil
	}
	var format ecsjson.Format
	if !format.Match(f) {
		return nil
	}
	return format.Load(context.Background(), f).Resources
}
