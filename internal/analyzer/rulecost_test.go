package analyzer_test

import (
	"context"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/ecslint/ecslint/internal/analyzer"
	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/engine"
)

// ruleCostFiles is small enough that one op per rule takes well under a
// second, large enough for the mix of violations to settle.
const ruleCostFiles = 100

// BenchmarkRuleCost lints the generated corpus with each rule compiled
// alone, with no rule at all (read, parse, route and locate), and with
// every default rule, on one worker. ns/file is the least CPU time (user
// plus system, GC included) of any op divided by the files: CPU time, not
// wall time, because the machines this runs on are shared, and the least
// op because other load only ever adds to it.
//
//	go test -run='^$' -bench=RuleCost -benchtime=3x ./internal/analyzer/
func BenchmarkRuleCost(b *testing.B) {
	inputs := corpus(b, ruleCostFiles)
	cat := catalog.Builtin()
	run := func(name string, rs []*catalog.Rule) {
		b.Run(name, func(b *testing.B) {
			eng, err := engine.New(context.Background(), engine.Options{Rules: rs})
			if err != nil {
				b.Fatal(err)
			}
			an := analyzer.New(eng, analyzer.Options{Workers: 1})
			ctx := context.Background()
			best := time.Duration(1<<63 - 1)
			findings := 0
			for b.Loop() {
				// Start each op from a collected heap, so that one op
				// does not pay for the garbage of the one before.
				b.StopTimer()
				runtime.GC()
				b.StartTimer()
				start := cpuTime(b)
				res, err := an.Run(ctx, inputs)
				if err != nil {
					b.Fatal(err)
				}
				best = min(best, cpuTime(b)-start)
				if len(res.Errors) > 0 {
					b.Fatalf("input errors: %v", res.Errors[0])
				}
				findings = len(res.Findings)
			}
			b.ReportMetric(float64(best.Nanoseconds())/ruleCostFiles, "ns/file")
			b.ReportMetric(float64(findings)/ruleCostFiles, "findings/file")
		})
	}
	run("none", nil)
	for _, r := range cat.Rules {
		run(r.ID, []*catalog.Rule{r})
	}
	run("all-default", cat.Defaults())
}

// cpuTime is the process's user plus system time so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
