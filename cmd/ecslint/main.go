// Command ecslint lints Amazon ECS task definitions and services.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/ecslint/ecslint/internal/cli"
)

func main() {
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
