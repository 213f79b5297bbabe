// Command ecslint lints Amazon ECS task definitions and services.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/ecslint/ecslint/internal/cli"
)

func main() {
	// Start-up loads the compiled rule bundle, about 6 MB of allocation;
	// collecting during it only burns the time a pre-commit run waits for.
	// The memory limit keeps a collector running for runs that grow beyond
	// it; lint sets its own once the rules are loaded.
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(256 << 20)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], cli.Env{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Getenv: os.Getenv,
		Dir:    ".",
	})
	stop()
	os.Exit(code)
}
