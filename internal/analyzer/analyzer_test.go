package analyzer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/internal/analyzer"
	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/ecsjson"
	"github.com/ecslint/ecslint/internal/source/files"
)

func newAnalyzer(t *testing.T, ids ...string) *analyzer.Analyzer {
	return newAnalyzerRetaining(t, 0, ids...)
}

// newAnalyzerRetaining keeps at most retain bytes of input in memory
// between passes (0: the default).
func newAnalyzerRetaining(t *testing.T, retain int, ids ...string) *analyzer.Analyzer {
	t.Helper()
	cat := catalog.Builtin()
	var rs []*catalog.Rule
	for _, id := range ids {
		r := cat.Rule(id)
		if r == nil {
			t.Fatalf("no rule %s", id)
		}
		rs = append(rs, r)
	}
	eng, err := engine.New(context.Background(), engine.Options{Rules: rs})
	if err != nil {
		t.Fatal(err)
	}
	return analyzer.New(eng, analyzer.Options{Workers: 2, Rules: rs, Retain: retain})
}

// units expands paths into the units the CLI would build, with explicit
// marking the named files.
func units(t testing.TB, paths ...string) []source.Unit {
	t.Helper()
	ex := files.Expand(paths)
	if len(ex.Errors) > 0 {
		t.Fatalf("expand: %v", ex.Errors)
	}
	u, _ := files.Units(ex, files.Options{Formats: []files.Format{ecsjson.Format{}}})
	return u
}

const classicService = `{
  "serviceName": "web",
  "taskDefinition": "web:3",
  "desiredCount": 1,
  "launchType": "EC2",
  "loadBalancers": [{"loadBalancerName": "clb", "containerName": "app", "containerPort": 8080}]
}`

const webTask = `{
  "family": "web",
  "taskRoleArn": "arn:aws:iam::123456789012:role/web",
  "networkMode": "awsvpc",
  "containerDefinitions": [
    {"name": "app", "image": "nginx:1.27", "memory": 128,
     "portMappings": [{"containerPort": 80}]}
  ]
}`

// TestRelations checks that a service sees the task definition it runs in
// another file, and that the finding points at the exact key.
func TestRelations(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	svc := filepath.Join(dir, "service.json")
	td := filepath.Join(dir, "task.json")
	for p, c := range map[string]string{svc: classicService, td: webTask} {
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a := newAnalyzer(t, "lb-container-not-in-task", "classic-lb-on-fargate")
	res, err := a.Run(context.Background(), units(t, svc, td))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %+v", res.Errors)
	}
	got := map[string]finding.Finding{}
	for _, f := range res.Findings {
		got[f.Rule] = f
	}
	// Port 8080 is not mapped in the related task definition.
	f, ok := got["lb-container-not-in-task"]
	if !ok {
		t.Fatalf("lb-container-not-in-task did not fire: %+v", res.Findings)
	}
	if f.Location.File != svc || f.Location.Start.Line != 6 || f.Location.Precision == finding.PrecisionResource {
		t.Errorf("location %+v, want line 6 of %s", f.Location, svc)
	}
	// The task is awsvpc: a Classic LB cannot serve it.
	if _, ok := got["classic-lb-on-fargate"]; !ok {
		t.Errorf("classic-lb-on-fargate did not fire on an awsvpc task: %+v", res.Findings)
	}
}

// TestRelationsManyFiles relates services to task definitions that were
// dropped from memory after pass one (the analyzer keeps 300 bytes of
// input, one file at most) and must be loaded again.
func TestRelationsManyFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var paths []string
	for i := 0; i < 6; i++ {
		family := "other" + string(rune('a'+i))
		if i == 5 {
			family = "web"
		}
		task := strings.Replace(webTask, `"family": "web"`, `"family": "`+family+`"`, 1)
		p := filepath.Join(dir, "task"+string(rune('a'+i))+".json")
		if err := os.WriteFile(p, []byte(task), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	svc := filepath.Join(dir, "service.json")
	if err := os.WriteFile(svc, []byte(classicService), 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, svc)
	a := newAnalyzerRetaining(t, 300, "lb-container-not-in-task")
	res, err := a.Run(context.Background(), units(t, paths...))
	if err != nil {
		t.Fatal(err)
	}
	if res.Resources != 7 || len(res.Errors) != 0 {
		t.Errorf("resources %d, errors %+v", res.Resources, res.Errors)
	}
	if len(res.Findings) != 1 || res.Findings[0].Rule != "lb-container-not-in-task" {
		t.Errorf("the service was not related to its dropped task definition: %+v", res.Findings)
	}
}
