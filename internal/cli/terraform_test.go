package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ecslint/ecslint/internal/cli"
)

// tfOut is the JSON output as Terraform tests read it.
type tfOut struct {
	Summary struct {
		Files, Resources, Findings int
		Unresolved                 map[string]int
	}
	Findings []struct {
		Rule     string
		Resource struct{ Name string }
		Location struct {
			File      string
			Precision string
			Start     struct{ Line, Column int }
			Trace     []struct {
				File  string
				Start struct{ Line int }
				Label string
			}
		}
		Suppressed *struct{ Reason, Source string }
	}
	Errors   []struct{ File, Message string }
	Warnings []string
}

func lintTerraform(t *testing.T, args ...string) (int, tfOut, string) {
	t.Helper()
	code, stdout, stderr := run(t, "", append([]string{"--no-config", "--format", "json"}, args...)...)
	var out tfOut
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("decode: %v\n%s\n%s", err, stdout, stderr)
	}
	return code, out, stderr
}

// writeRoot writes files under a new directory and returns it.
func writeRoot(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		write(t, dir, name, content)
	}
	return dir
}

const privilegedTF = `resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    {
      name       = "app"
      image      = "nginx:1.27"
      privileged = true
    }
  ])
}
`

// TestTerraformJSONEncodeLine: a finding inside jsonencode points at the
// attribute's own line in the .tf file.
func TestTerraformJSONEncodeLine(t *testing.T) {
	t.Parallel()
	dir := writeRoot(t, map[string]string{"main.tf": privilegedTF})
	code, out, stderr := lintTerraform(t, "--disable", "all", "--enable", "privileged-container", dir)
	if code != cli.ExitFindings || len(out.Findings) != 1 {
		t.Fatalf("exit %d, findings %+v\n%s", code, out.Findings, stderr)
	}
	loc := out.Findings[0].Location
	if loc.File != filepath.Join(dir, "main.tf") || loc.Start.Line != 7 || loc.Start.Column != 7 || loc.Precision != "exact" {
		t.Errorf("location %+v, want main.tf:7:7 exact", loc)
	}
	if out.Findings[0].Resource.Name != "aws_ecs_task_definition.app" {
		t.Errorf("resource %q", out.Findings[0].Resource.Name)
	}
}

// TestTerraformModuleTrace: a finding inside a module points into the
// module's file and carries the chain of calls, the call site in the
// user's own file first.
func TestTerraformModuleTrace(t *testing.T) {
	t.Parallel()
	dir := writeRoot(t, map[string]string{
		"main.tf":                 "module \"service\" {\n  source = \"./modules/service\"\n}\n",
		"modules/service/main.tf": "module \"task\" {\n  source     = \"../task\"\n  privileged = true\n}\n",
		"modules/task/main.tf":    "variable \"privileged\" {}\n\n" + strings.Replace(privilegedTF, "privileged = true", "privileged = var.privileged", 1),
	})
	code, out, stderr := lintTerraform(t, "--disable", "all", "--enable", "privileged-container", dir)
	if code != cli.ExitFindings || len(out.Findings) != 1 {
		t.Fatalf("exit %d, findings %+v\n%s", code, out.Findings, stderr)
	}
	f := out.Findings[0]
	if f.Resource.Name != "module.service.module.task.aws_ecs_task_definition.app" {
		t.Errorf("resource %q", f.Resource.Name)
	}
	// the attribute inside the module; the chain leads to the user's file
	if f.Location.File != filepath.Join(dir, "modules", "task", "main.tf") || f.Location.Start.Line != 9 {
		t.Errorf("location %s:%d, want modules/task/main.tf:9", f.Location.File, f.Location.Start.Line)
	}
	var trace []string
	for _, fr := range f.Location.Trace {
		rel, _ := filepath.Rel(dir, fr.File)
		trace = append(trace, filepath.ToSlash(rel)+":"+strconv.Itoa(fr.Start.Line)+" "+fr.Label)
	}
	want := "main.tf:1 module.service | modules/service/main.tf:1 module.service.module.task"
	if got := strings.Join(trace, " | "); got != want {
		t.Errorf("trace %q, want %q", got, want)
	}
}

// TestTerraformIgnoreComment: `# ecslint:ignore RULE reason` above an
// attribute or block suppresses, until its expires= date.
func TestTerraformIgnoreComment(t *testing.T) {
	t.Parallel()
	yesterday := time.Now().AddDate(0, 0, -2).Format(time.DateOnly)
	nextYear := time.Now().AddDate(1, 0, 0).Format(time.DateOnly)
	tests := []struct {
		name, comment string
		suppressed    bool
		warning       string
	}{
		{"none", "", false, ""},
		{"with reason", "# ecslint:ignore privileged-container the agent needs the host", true, ""},
		{"slashes", "// ecslint:ignore privileged-container the agent needs the host", true, ""},
		{"not expired", "# ecslint:ignore privileged-container the agent needs the host expires=" + nextYear, true, ""},
		{"expired", "# ecslint:ignore privileged-container the agent needs the host expires=" + yesterday, false, "expired on " + yesterday},
		{"without reason", "# ecslint:ignore privileged-container", false, "without a reason"},
		{"on the block", "BLOCK", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := privilegedTF
			switch tt.comment {
			case "":
			case "BLOCK":
				src = "# ecslint:ignore privileged-container the agent needs the host\n" + src
			default:
				src = strings.Replace(src, "      privileged = true", "      "+tt.comment+"\n      privileged = true", 1)
			}
			dir := writeRoot(t, map[string]string{"main.tf": src})
			_, out, stderr := lintTerraform(t, "--disable", "all", "--enable", "privileged-container", dir)
			if len(out.Findings) != 1 {
				t.Fatalf("findings %+v\n%s", out.Findings, stderr)
			}
			if got := out.Findings[0].Suppressed != nil; got != tt.suppressed {
				t.Errorf("suppressed = %v, want %v", got, tt.suppressed)
			}
			if tt.suppressed && !strings.Contains(out.Findings[0].Suppressed.Source, "main.tf") {
				t.Errorf("suppression source %q", out.Findings[0].Suppressed.Source)
			}
			if tt.warning != "" && !strings.Contains(strings.Join(out.Warnings, "\n"), tt.warning) {
				t.Errorf("warnings %q, want %q", out.Warnings, tt.warning)
			}
		})
	}
}

// TestTerraformConsumedFile: a JSON template a root reads with
// templatefile() is linted through the root only; its ${...} placeholders
// make it no JSON of its own, and the walk must not report it as broken.
func TestTerraformConsumedFile(t *testing.T) {
	t.Parallel()
	dir := writeRoot(t, map[string]string{
		"main.tf": `resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = templatefile("${path.module}/containers.json", { memory = 256 })
}
`,
		"containers.json": "[\n  {\n    \"name\": \"app\",\n    \"image\": \"nginx:1.27\",\n    \"memory\": ${memory},\n    \"privileged\": true\n  }\n]\n",
		"other.json":      `{"family": "other", "containerDefinitions": [{"name": "a", "image": "nginx:1.27", "memory": 128, "privileged": true}]}`,
	})
	// named absolutely and relatively to the working directory: file()
	// reads relative to the root whatever path names it
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{dir, rel} {
		code, out, _ := lintTerraform(t, "--disable", "all", "--enable", "privileged-container", arg)
		if code != cli.ExitFindings || len(out.Errors) > 0 {
			t.Fatalf("%s: exit %d, errors %+v", arg, code, out.Errors)
		}
		if out.Summary.Resources != 2 || out.Summary.Files != 3 {
			t.Errorf("%s: %d resources from %d files, want 2 from 3 (each file once)", arg, out.Summary.Resources, out.Summary.Files)
		}
		var files []string
		for _, f := range out.Findings {
			files = append(files, filepath.Base(f.Location.File)+":"+strconv.Itoa(f.Location.Start.Line))
		}
		if got := strings.Join(files, " "); got != "containers.json:6 other.json:1" {
			t.Errorf("%s: findings at %q", arg, got)
		}
	}
}

// TestTerraformVarFlags: --var and --var-file give the root's variables
// their values, in the order given.
func TestTerraformVarFlags(t *testing.T) {
	t.Parallel()
	dir := writeRoot(t, map[string]string{
		"main.tf":   "variable \"privileged\" {\n  type = bool\n}\n\n" + strings.Replace(privilegedTF, "privileged = true", "privileged = var.privileged", 1),
		"on.tfvars": "privileged = true\n",
	})
	tests := []struct {
		name       string
		args       []string
		findings   int
		unresolved bool
	}{
		{"no value", nil, 0, true},
		{"var", []string{"--var", "privileged=true"}, 1, false},
		{"var false", []string{"--var", "privileged=false"}, 0, false},
		{"var-file", []string{"--var-file", filepath.Join(dir, "on.tfvars")}, 1, false},
		{"var after var-file", []string{"--var-file", filepath.Join(dir, "on.tfvars"), "--var", "privileged=false"}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"--disable", "all", "--enable", "privileged-container"}, tt.args...)
			_, out, stderr := lintTerraform(t, append(args, dir)...)
			if len(out.Findings) != tt.findings {
				t.Errorf("findings %+v, want %d\n%s", out.Findings, tt.findings, stderr)
			}
			if got := out.Summary.Unresolved["var.privileged"] > 0; got != tt.unresolved {
				t.Errorf("unresolved %v", out.Summary.Unresolved)
			}
		})
	}
	if code, _, stderr := run(t, "", "--var", "novalue", dir); code != cli.ExitError || !strings.Contains(stderr, "NAME=VALUE") {
		t.Errorf("--var without =: exit %d, %s", code, stderr)
	}
}

// TestTerraformPlan: a plan alone is linted at its own lines; with its
// configuration directory in the same run, its findings point at the
// configuration's blocks, and each resource is linted once.
func TestTerraformPlan(t *testing.T) {
	t.Parallel()
	src := filepath.Join("..", "source", "terraform", "testdata", "plan", "app")
	dir := t.TempDir()
	for _, name := range []string{"main.tf", "modules/batch/main.tf", "tfplan.json"} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, name, string(b))
	}
	plan := filepath.Join(dir, "tfplan.json")
	enable := []string{"--disable", "all", "--enable", "privileged-container,service-public-ip"}
	tests := []struct {
		name      string
		paths     []string
		resources int
		want      string
	}{
		{"plan alone", []string{plan}, 6, "tfplan.json:67 tfplan.json:97"},
		{"plan and configuration", []string{dir}, 6, "main.tf:33 main.tf:50 main.tf:64"},
		{"configuration alone", []string{filepath.Join(dir, "main.tf")}, 6, "main.tf:33 main.tf:50 main.tf:64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, out, stderr := lintTerraform(t, append(enable, tt.paths...)...)
			if len(out.Errors) > 0 || out.Summary.Resources != tt.resources {
				t.Fatalf("resources %d, errors %+v\n%s", out.Summary.Resources, out.Errors, stderr)
			}
			var got []string
			for _, f := range out.Findings {
				got = append(got, filepath.Base(f.Location.File)+":"+strconv.Itoa(f.Location.Start.Line))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("findings at %q, want %q", strings.Join(got, " "), tt.want)
			}
		})
	}
}

// TestTerraformCorpus lints the Terraform files and roots of the shared
// corpus: the only errors are the two configurations Terraform itself
// rejects (an argument set twice), every finding has a line, and the
// templates the roots read are not reported as broken JSON of their own.
func TestTerraformCorpus(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(corpusDir(t), "terraform")
	_, out, stderr := lintTerraform(t, dir)
	for _, e := range out.Errors {
		if !strings.Contains(e.Message, "Attribute redefined") {
			t.Errorf("error %s: %s", e.File, e.Message)
		}
	}
	if len(out.Errors) != 2 {
		t.Errorf("%d errors, want the 2 arguments set twice\n%s", len(out.Errors), stderr)
	}
	perRule := map[string]int{}
	for _, f := range out.Findings {
		perRule[f.Rule]++
		if f.Location.Start.Line < 1 {
			t.Errorf("%s: %s finding without a line", f.Location.File, f.Rule)
		}
	}
	if out.Summary.Resources < 200 {
		t.Errorf("%d resources, want the corpus's 240", out.Summary.Resources)
	}
	t.Logf("%d files, %d resources, %d findings %v", out.Summary.Files, out.Summary.Resources, out.Summary.Findings, perRule)
}
