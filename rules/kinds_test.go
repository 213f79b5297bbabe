package rules_test

import (
	"context"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/rules"
)

// exampleResources loads the resources of every example of every rule,
// with the rule and file they came from.
func exampleResources(t *testing.T, cat *catalog.Catalog) map[string][]*source.Resource {
	t.Helper()
	out := map[string][]*source.Resource{}
	for _, r := range cat.Rules {
		for _, set := range examples(t, r) {
			for _, file := range set {
				out[file] = exampleFile(t, file)
			}
		}
	}
	return out
}

// TestContainerDefinitionsRules holds rules to their custom.resources for
// bare container arrays (kind ContainerDefinitions, no task around them):
// a rule that reads them has a failing example that is one, and a rule
// that does not stays silent on the containers of every example, viewed
// as a bare array.
func TestContainerDefinitionsRules(t *testing.T) {
	t.Parallel()
	cat := builtin(t)
	all := exampleResources(t, cat)
	for _, r := range cat.Rules {
		if !r.Reads(kind.ContainerDefinitions) {
			continue
		}
		found := false
		for _, file := range examples(t, r)["fail"] {
			for _, res := range all[file] {
				found = found || res.Kind == kind.ContainerDefinitions
			}
		}
		if !found {
			t.Errorf("%s reads %s but has no failing example that is a bare container array", r.ID, kind.ContainerDefinitions)
		}
	}

	eng, err := engine.New(context.Background(), engine.Options{Rules: cat.Rules})
	if err != nil {
		t.Fatal(err)
	}
	files := make([]string, 0, len(all))
	for f := range all {
		files = append(files, f)
	}
	sort.Strings(files)
	views := 0
	for _, file := range files {
		for _, res := range all[file] {
			if res.Kind != kind.TaskDefinition {
				continue
			}
			defs := res.Value.Get(ast.StringTerm("containerDefinitions"))
			if defs == nil {
				continue
			}
			views++
			input := ast.NewObject(
				ast.Item(ast.StringTerm("kind"), ast.StringTerm(kind.ContainerDefinitions)),
				ast.Item(ast.StringTerm("name"), ast.StringTerm(res.Name)),
				ast.Item(ast.StringTerm("resource"), ast.NewTerm(ast.NewObject(ast.Item(ast.StringTerm("containerDefinitions"), defs)))),
				ast.Item(ast.StringTerm("related"), ast.NewTerm(ast.NewObject())),
			)
			reps, err := eng.Eval(context.Background(), input)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			for _, rep := range reps {
				if rule := cat.Rule(rep.Rule); rule != nil && !rule.Reads(kind.ContainerDefinitions) {
					t.Errorf("%s: %s does not read %s but reported on the containers as a bare array: %s", file, rep.Rule, kind.ContainerDefinitions, rep.Message)
				}
			}
		}
	}
	if views == 0 {
		t.Fatal("no example had containers to view as a bare array")
	}
}

// severityField finds the severities a rule's report sets itself.
var severityField = regexp.MustCompile(`"severity":\s*"([a-z]+)"`)

// TestPerFindingSeveritiesDocumented fails when a rule reports a finding at
// a severity that its METADATA does not list in custom.severities (which
// explain and docs/rules.md show), or lists one it never reports.
func TestPerFindingSeveritiesDocumented(t *testing.T) {
	t.Parallel()
	cat := builtin(t)
	for _, r := range cat.Rules {
		src, err := fs.ReadFile(rules.FS, r.File)
		if err != nil {
			t.Fatal(err)
		}
		code := string(src)
		if i := strings.Index(code, "\npackage "); i >= 0 {
			code = code[i:] // below the METADATA
		}
		var reported, documented []string
		for _, m := range severityField.FindAllStringSubmatch(code, -1) {
			reported = append(reported, m[1])
		}
		for _, c := range r.Severities {
			documented = append(documented, c.Severity)
		}
		slices.Sort(reported)
		slices.Sort(documented)
		if !slices.Equal(slices.Compact(reported), slices.Compact(documented)) {
			t.Errorf("%s reports severities %v and documents %v in custom.severities", r.ID, reported, documented)
		}
	}
}
