// Package cli implements the ecslint commands. It parses flags, loads the
// configuration, wires loader, engine, analyzer and report together, and
// returns the exit code; only cmd/ecslint calls os.Exit.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/ecslint/ecslint/internal/report"
	"github.com/ecslint/ecslint/internal/source/live"
)

// Exit codes, as documented in the README.
const (
	ExitOK       = 0 // nothing at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on
	ExitError    = 2 // usage, config, unreadable or invalid input, rule error
	ExitPartial  = 3 // a live audit could not read everything (without --allow-partial)
)

// Version is set at build time with -ldflags "-X ...cli.Version=v1.2.3".
var Version = "dev"

// Env is what a command sees of its process, so tests run in-process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads environment variables (os.Getenv in production).
	Getenv func(string) string
	// Dir is the working directory config discovery starts from.
	Dir string
	// Audit reads live AWS accounts for `audit`. The ecslint-audit binary
	// sets it; ecslint leaves it nil and hands `audit` to ecslint-audit, so
	// that no lint run pays the AWS SDK's start-up (see package live).
	Audit live.Reader
}

// usageError is a command-line mistake: exit code 2 with a hint.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// Run executes the command line args (without the program name).
func Run(ctx context.Context, args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Dir == "" {
		env.Dir = "."
	}
	cmd, rest := "lint", args
	if len(args) > 0 {
		switch args[0] {
		case "lint", "audit", "rules", "explain", "version", "help", "baseline", "policy":
			cmd, rest = args[0], args[1:]
		case "-h", "--help":
			cmd, rest = "help", nil
		case "-v", "--version":
			cmd, rest = "version", nil
		}
	}
	var code int
	var err error
	switch cmd {
	case "lint":
		code, err = runLint(ctx, rest, env)
	case "audit":
		code, err = runAudit(ctx, rest, env)
	case "baseline":
		code, err = runBaseline(ctx, rest, env)
	case "policy":
		code, err = runPolicy(ctx, rest, env)
	case "rules":
		err = runRules(rest, env)
	case "explain":
		err = runExplain(rest, env)
	case "version":
		fmt.Fprintf(env.Stdout, "ecslint %s\n", Version)
	case "help":
		fmt.Fprint(env.Stdout, usage)
	}
	if err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return ExitOK
		}
		if errors.Is(err, errDelegated) {
			return code
		}
		fmt.Fprintf(env.Stderr, "ecslint: %v\n", err)
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(env.Stderr, "Run 'ecslint help' for usage.")
		}
		return ExitError
	}
	return code
}

const usage = `ecslint: a policy linter for Amazon ECS task definitions and services.

Usage:
  ecslint [lint] [flags] [PATH...|-]   lint files, directories (recursively) or stdin
  ecslint audit [flags]               lint what runs in AWS accounts (read-only)
  ecslint baseline --output FILE [flags] PATH...   record today's findings
  ecslint rules [--format text|json|markdown] [--policy DIR] [--config FILE]
  ecslint explain [--policy DIR] [--config FILE] RULE-ID
  ecslint policy test DIR...          run the Rego tests of your own rules
  ecslint policy schema               print the JSON Schema of the rules' input
  ecslint version

Lint flags:
  -f, --format FORMAT         text, json, sarif, junit, github or checkstyle
                              (repeatable, paired in order with --output)
  -o, --output FILE           write the matching --format to FILE
      --fail-on SEVERITY      critical|high|medium|low|info|none (default low)
      --enable ID|CATEGORY    enable a rule or category (repeatable, comma-separated; "all")
      --disable ID|CATEGORY   disable a rule or category (repeatable, comma-separated)
      --framework NAME        run only rules mapped to a framework (e.g. securityhub)
  -c, --config FILE           config file (default: .ecslint.yaml in . or a parent)
      --no-config             do not look for .ecslint.yaml
      --instance-role ARN     container-instance role ARN (repeatable)
      --color auto|always|never  colour text output (NO_COLOR is honoured)
      --baseline FILE         report only findings not in this baseline
      --policy DIR            load your own Rego rules from DIR (repeatable)
      --policy-timeout D      longest a user rule may take on one resource (default 5s)
      --debug                 show print() output of user rules on stderr
  -q, --quiet                 text: print nothing when there is nothing to report
      --skip-non-ecs          skip named files without ECS documents (pre-commit)

Audit flags (with the lint flags above):
      --profile P             AWS shared config profile
      --region R              region to audit (repeatable; default: configured)
      --all-regions           every region enabled for each account
      --role-arn ARN          assume this role to audit its account (repeatable)
      --external-id ID        external id for --role-arn
      --cluster NAME          audit only these clusters (repeatable)
      --allow-partial         do not exit 3 when some calls failed
      --save DIR              write what was read as describe-* JSON

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, config or input error (the other inputs are still linted),
3 audit could not read everything (unless --allow-partial).
`

func runRules(args []string, env Env) error {
	fs := pflag.NewFlagSet("rules", pflag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	format := fs.StringP("format", "f", "text", "text, json or markdown")
	cf := newCatalogFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("rules takes no arguments")
	}
	if !contains(report.RuleFormats, *format) {
		return usagef("unknown format %q (want one of %s)", *format, strings.Join(report.RuleFormats, ", "))
	}
	cat, err := cf.load(env)
	if err != nil {
		return err
	}
	return report.WriteRules(env.Stdout, *format, cat.Rules)
}

func runExplain(args []string, env Env) error {
	fs := pflag.NewFlagSet("explain", pflag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	cf := newCatalogFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("explain takes one rule id")
	}
	cat, err := cf.load(env)
	if err != nil {
		return err
	}
	r := cat.Rule(fs.Arg(0))
	if r == nil {
		return usagef("unknown rule %q (see 'ecslint rules')", fs.Arg(0))
	}
	return report.WriteExplain(env.Stdout, r)
}

// colorEnabled decides whether text output is coloured.
func colorEnabled(mode string, w io.Writer, env Env) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if env.Getenv("NO_COLOR") != "" || env.Getenv("TERM") == "dumb" {
			return false, nil
		}
		f, ok := w.(*os.File)
		return ok && isTerminal(f), nil
	}
	return false, usagef("--color must be auto, always or never")
}

func contains(l []string, s string) bool {
	for _, v := range l {
		if v == s {
			return true
		}
	}
	return false
}

// splitList flattens repeatable, comma-separated flag values.
func splitList(vals []string) []string {
	out := splitKeepOrder(vals)
	sort.Strings(out)
	return out
}
