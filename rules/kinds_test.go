package rules_test

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/internal/catalog"
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

// TestContainerDefinitionsRules holds a rule that reads bare container
// arrays (kind ContainerDefinitions, no task around them) to a failing
// example that is one. That the others never run on them is the engine's
// routing (TestRouting in internal/engine).
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
