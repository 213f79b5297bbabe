package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/source/live"
)

type auditFlags struct {
	profile      string
	regions      []string
	allRegions   bool
	roleARNs     []string
	externalID   string
	clusters     []string
	allowPartial bool
	save         string
	concurrency  int
	maxAttempts  int
}

// runAudit reads live accounts and lints what runs there with the same
// rules, configuration, suppressions and outputs as lint.
func runAudit(ctx context.Context, args []string, env Env) (int, error) {
	if env.Audit == nil {
		return delegateAudit(args, env)
	}
	var fl lintFlags
	var af auditFlags
	fs := newLintFlags("audit", env, &fl)
	for _, name := range []string{"skip-non-ecs", "cpu-profile", "var", "var-file"} {
		_ = fs.MarkHidden(name)
	}
	fs.StringVar(&af.profile, "profile", "", "AWS shared config profile (default: the SDK's default chain)")
	fs.StringArrayVar(&af.regions, "region", nil, "region to audit (repeatable, comma-separated; default: the configured region)")
	fs.BoolVar(&af.allRegions, "all-regions", false, "audit every region enabled for each account")
	fs.StringArrayVar(&af.roleARNs, "role-arn", nil, "assume this role to audit its account (repeatable: one run covers many accounts)")
	fs.StringVar(&af.externalID, "external-id", "", "external id for --role-arn")
	fs.StringArrayVar(&af.clusters, "cluster", nil, "audit only these clusters (name or ARN, repeatable)")
	fs.BoolVar(&af.allowPartial, "allow-partial", false, "exit 0/1 on findings even when some calls failed (coverage is still reported)")
	fs.StringVar(&af.save, "save", "", "write what was read to DIR as describe-* JSON (ecslint lint DIR reads it back)")
	fs.IntVar(&af.concurrency, "max-concurrency", 8, "calls in flight per account and region")
	fs.IntVar(&af.maxAttempts, "max-attempts", 10, "attempts per call when throttled or failing")
	if code, err := parseLintFlags(fs, args, &fl); err != nil {
		return code, err
	}
	if fs.NArg() > 0 {
		return ExitError, usagef("audit takes no paths (it reads AWS accounts); use ecslint lint for files")
	}
	outs, err := openOutputs(fl, env)
	if err != nil {
		return ExitError, err
	}
	defer outs.close()

	progress := &live.Progress{}
	plan, err := env.Audit(ctx, live.Request{
		Profile:     af.profile,
		Regions:     splitKeepOrder(af.regions),
		AllRegions:  af.allRegions,
		RoleARNs:    af.roleARNs,
		ExternalID:  af.externalID,
		Clusters:    splitKeepOrder(af.clusters),
		SaveDir:     af.save,
		Concurrency: af.concurrency,
		MaxAttempts: af.maxAttempts,
		Progress:    progress,
	})
	if err != nil {
		return ExitError, err
	}
	stop := showProgress(env, fl.quiet, progress, len(plan.Accounts))
	// An audit that reached no account has no unit; its gaps still make
	// the report.
	fl.live, fl.units = true, plan.Units
	res, sel, err := lint(ctx, fl, nil, env)
	stop()
	if err != nil {
		return ExitError, err
	}
	res.Coverage = plan.Coverage()
	res.Accounts = plan.Accounts
	if res.Resources == 0 && len(res.Coverage) == 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("no ECS cluster found in %d account-region(s) read", len(plan.Units)))
	}
	if err := outs.write(res, sel, env); err != nil {
		return ExitError, err
	}
	return auditExit(res, fl.failOn, af.allowPartial), nil
}

// auditExit: input errors win; then an audit that could not read
// everything exits 3 unless the user accepts partial coverage, since its
// findings cannot vouch for what it did not see.
func auditExit(res *finding.Result, failOn string, allowPartial bool) int {
	code := exitCode(res, failOn)
	if code != ExitError && len(res.Coverage) > 0 && !allowPartial {
		return ExitPartial
	}
	return code
}

// splitKeepOrder flattens repeatable, comma-separated flag values in the
// order given.
func splitKeepOrder(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// showProgress draws one status line on stderr while the audit reads, when
// stderr is a terminal outside CI and --quiet is off; it returns the
// function that clears it.
func showProgress(env Env, quiet bool, p *live.Progress, accounts int) func() {
	f, ok := env.Stderr.(*os.File)
	if quiet || !ok || env.Getenv("CI") != "" || !isTerminal(f) {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				_, _ = io.WriteString(f, "\r\033[K")
				return
			case <-tick.C:
				_, _ = io.WriteString(f, "\r\033[K"+progressLine(p.Snapshot(), accounts))
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

func progressLine(s live.Snapshot, accounts int) string {
	line := fmt.Sprintf("audit: %s, %d/%d regions read, %s", pluralize(accounts, "account"), s.RegionsDone, s.Regions, pluralize(s.Resources, "resource"))
	if s.Gaps > 0 {
		line += fmt.Sprintf(", %s failed", pluralize(s.Gaps, "call"))
	}
	return line
}

func pluralize(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
