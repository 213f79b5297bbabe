package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/internal/cli"
)

// corpusDir returns $ECSLINT_CORPUS: skipped when unset (a user's clone has
// no shared corpus), fatal when set but missing (CI lost it).
func corpusDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("ECSLINT_CORPUS")
	if dir == "" {
		t.Skip("ECSLINT_CORPUS is not set; .ci/run sets it to the shared corpus")
	}
	if _, err := os.Stat(filepath.Join(dir, "taskdefs")); err != nil {
		t.Fatalf("ECSLINT_CORPUS=%s: %v", dir, err)
	}
	return dir
}

// TestCorpus lints the real public task definitions and services with
// every rule enabled: valid files are linted, the files published as
// invalid JSON are clear located errors, and every finding has a line.
func TestCorpus(t *testing.T) {
	t.Parallel()
	dir := corpusDir(t)
	code, stdout, stderr := run(t, "", "--no-config", "--enable", "all", "--format", "json",
		filepath.Join(dir, "taskdefs"), filepath.Join(dir, "services"))
	if code != cli.ExitError {
		t.Errorf("exit %d, want 2 (the corpus holds invalid files)\n%s", code, stderr)
	}
	var out struct {
		Summary struct {
			Files, Resources, Findings int
		}
		Findings []struct {
			Rule     string
			Location struct {
				File  string
				Start struct{ Line int }
			}
		}
		Errors []struct {
			File    string
			Line    int
			Message string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("decode: %v\n%s", err, stderr)
	}
	var invalid []string
	entries, _ := os.ReadDir(filepath.Join(dir, "taskdefs"))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "-not-valid-json.json") {
			invalid = append(invalid, e.Name())
		}
	}
	var errored []string
	for _, e := range out.Errors {
		errored = append(errored, filepath.Base(e.File))
		if e.Line < 1 {
			t.Errorf("%s: error without a line: %s", e.File, e.Message)
		}
	}
	sort.Strings(errored)
	if strings.Join(errored, ",") != strings.Join(invalid, ",") {
		t.Errorf("errors on %v, want exactly the invalid files %v", errored, invalid)
	}
	perRule := map[string]int{}
	for _, f := range out.Findings {
		perRule[f.Rule]++
		if f.Location.Start.Line < 1 {
			t.Errorf("%s: %s finding without a line", f.Location.File, f.Rule)
		}
	}
	if out.Summary.Resources < out.Summary.Files-len(invalid) {
		t.Errorf("%d resources from %d files: some valid files were not recognised", out.Summary.Resources, out.Summary.Files)
	}
	ids := make([]string, 0, len(perRule))
	for id := range perRule {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		t.Logf("%-40s %d", id, perRule[id])
	}
	t.Logf("%d files, %d resources, %d findings, %d errors", out.Summary.Files, out.Summary.Resources, out.Summary.Findings, len(out.Errors))
}
