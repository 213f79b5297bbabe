// Command ecslint-audit runs `ecslint audit`: the same rules, outputs and
// suppressions as ecslint, on what runs in live AWS accounts. It is a
// program of its own because it links the AWS SDK, whose start-up the
// lint binary does not pay; `ecslint audit` runs it.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/ecslint/ecslint/internal/cli"
	awssource "github.com/ecslint/ecslint/internal/source/aws"
)

func main() {
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(256 << 20)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	args := os.Args[1:]
	// Called as `ecslint-audit audit ...` or as `ecslint-audit ...`.
	if len(args) == 0 || args[0] != "audit" {
		args = append([]string{"audit"}, args...)
	}
	code := cli.Run(ctx, args, cli.Env{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Getenv: os.Getenv,
		Dir:    ".",
		Audit:  awssource.Live,
	})
	stop()
	os.Exit(code)
}
