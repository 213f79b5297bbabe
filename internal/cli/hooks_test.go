package cli_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ecslint/ecslint/internal/cli"
)

// TestPreCommitHooks checks the manifest pre-commit reads: the hooks exist,
// their files pattern picks task definition and service files and leaves
// other JSON and YAML alone, and the entry is quiet on success.
func TestPreCommitHooks(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Entry, Language, Files string
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	langs := map[string]bool{}
	for _, h := range hooks {
		langs[h.Language] = true
		if !strings.HasPrefix(h.Entry, "ecslint lint") || !strings.Contains(h.Entry, "--quiet") || !strings.Contains(h.Entry, "--skip-non-ecs") {
			t.Errorf("%s: entry %q should run ecslint lint --quiet --skip-non-ecs", h.ID, h.Entry)
		}
		re, err := regexp.Compile(h.Files)
		if err != nil {
			t.Fatalf("%s: files pattern: %v", h.ID, err)
		}
		for _, name := range []string{"taskdef.json", "deploy/task-definition.json", "ecs/web.yaml", ".aws/task-def-prod.json", "infra/web-service.yml", "TaskDef.JSON", "services/api.json"} {
			if !re.MatchString(name) {
				t.Errorf("%s: files pattern should match %s", h.ID, name)
			}
		}
		for _, name := range []string{"package.json", "tsconfig.json", ".github/workflows/ci.yaml", "docker-compose.yml", "taskdef.go"} {
			if re.MatchString(name) {
				t.Errorf("%s: files pattern should not match %s", h.ID, name)
			}
		}
	}
	if !langs["golang"] || !langs["system"] {
		t.Errorf("want a golang and a system hook, got %v", langs)
	}
}

func TestQuietOnSuccess(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := write(t, dir, "taskdef.json", goodTask)
	other := write(t, dir, "service-config.yaml", "services:\n  web:\n    image: nginx\n")
	code, stdout, stderr := run(t, "", "--no-config", "--quiet", "--skip-non-ecs", "--disable", "all", "--enable", "task-role-missing", good, other)
	if code != cli.ExitOK || stdout != "" || stderr != "" {
		t.Errorf("hook run on a clean file and a non-ECS file: exit %d, output %q %q", code, stdout, stderr)
	}
	bad := write(t, dir, "bad-taskdef.json", badTask)
	code, stdout, _ = run(t, "", "--no-config", "--quiet", "--disable", "all", "--enable", "task-role-missing", good, bad)
	if code != cli.ExitFindings || !strings.Contains(stdout, "task-role-missing") {
		t.Errorf("quiet run with a finding: exit %d\n%s", code, stdout)
	}
}
