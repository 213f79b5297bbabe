package cli_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/internal/cli"
)

// TestReadmeFirstExample holds the README's first example to what its
// first command prints: every line shown is printed, a line cut with
// "..." begins a printed line.
func TestReadmeFirstExample(t *testing.T) {
	t.Chdir("../..")
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	const cmd = "$ go run ./cmd/ecslint testdata/examples\n"
	_, block, ok := strings.Cut(string(readme), cmd)
	block, _, ok2 := strings.Cut(block, "```")
	if !ok || !ok2 {
		t.Fatalf("README has no example block starting %q", cmd)
	}
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), []string{"--color", "never", "testdata/examples"},
		cli.Env{Stdout: &stdout, Stderr: &stderr, Dir: "."})
	if code != cli.ExitFindings {
		t.Fatalf("exit %d, the README says 1\n%s", code, stderr.String())
	}
	printed := strings.Split(stdout.String(), "\n")
	for _, want := range strings.Split(strings.TrimSpace(block), "\n") {
		if want == "..." {
			continue
		}
		prefix, cut := strings.CutSuffix(want, "...")
		if i := strings.Index(want, " ...  "); i >= 0 {
			prefix, cut = want[:i], true
		}
		found := false
		for _, line := range printed {
			if line == want || (cut && strings.HasPrefix(line, strings.TrimRight(prefix, " "))) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("README shows a line the command does not print:\n%s\n(run `go run ./cmd/ecslint testdata/examples` and update the README)", want)
		}
	}
}
