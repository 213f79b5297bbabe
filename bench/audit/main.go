// Command audit measures `ecslint audit` against the in-process fake AWS
// endpoint: it fills the fake with a generated estate, adds a latency to
// every call, runs the ecslint binary against it as a user would (the
// SDK's default chain, AWS_ENDPOINT_URL, static credentials), and prints
// the API calls the fake received, the wall time and the peak RSS.
// Nothing leaves the machine. `ecslint audit` runs ecslint-audit, which
// must sit beside the binary:
//
//	go build -o bench/out/ecslint ./cmd/ecslint
//	go build -o bench/out/ecslint-audit ./cmd/ecslint-audit
//	go run ./bench/audit -ecslint bench/out/ecslint
package main

import (
	"errors"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/ecslint/ecslint/internal/source/aws/awsfake"
)

func main() {
	bin := flag.String("ecslint", "bench/out/ecslint", "the ecslint binary")
	latency := flag.Duration("latency", 50*time.Millisecond, "added to every call")
	services := flag.Int("services", 1000, "services per region")
	taskDefs := flag.Int("taskdefs", 300, "task definition revisions per region")
	clusters := flag.Int("clusters", 4, "clusters per region")
	regions := flag.String("regions", "eu-west-1,us-east-1", "regions")
	report := flag.String("out", "", "keep the JSON report in this file")
	flag.Parse()

	acct := awsfake.NewAccount("111111111111")
	var args []string
	for _, r := range strings.Split(*regions, ",") {
		awsfake.Fleet(acct, r, awsfake.FleetOptions{Clusters: *clusters, Services: *services, TaskDefinitions: *taskDefs})
		args = append(args, "--region", r)
	}
	fake := awsfake.New(acct)
	fake.Latency = *latency
	srv := httptest.NewServer(fake)
	defer srv.Close()

	dir, err := os.MkdirTemp("", "ecslint-audit-bench")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		fail(err)
	}
	out := *report
	if out == "" {
		out = filepath.Join(dir, "out.json")
	}
	cmd := exec.Command(*bin, append([]string{"audit", "--no-config", "--format", "json", "--output", out}, args...)...)
	cmd.Env = append(os.Environ(),
		"AWS_ENDPOINT_URL="+srv.URL, "AWS_ACCESS_KEY_ID="+awsfake.StaticKey, "AWS_SECRET_ACCESS_KEY="+awsfake.StaticSecret,
		"AWS_SESSION_TOKEN=", "AWS_PROFILE=", "AWS_REGION=eu-west-1", "AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE="+empty, "AWS_SHARED_CREDENTIALS_FILE="+empty)
	cmd.Stderr = os.Stderr
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else {
			fail(err)
		}
	}
	if code > 1 {
		// 1 is findings; anything else is a failed run, and timing a
		// failure measures nothing.
		fail(fmt.Errorf("%s audit exited %d: nothing measured", *bin, code))
	}
	rss := int64(0)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss // KiB on Linux
	}

	counts := map[string]int{}
	total := 0
	for _, c := range fake.Calls() {
		counts[c.Service+":"+c.Action]++
		total++
	}
	names := make([]string, 0, len(counts))
	for k := range counts {
		names = append(names, k)
	}
	sort.Strings(names)
	fmt.Printf("estate: %s regions x (%d clusters, %d services, %d task definition revisions); latency %s per call\n",
		*regions, *clusters, *services, *taskDefs, *latency)
	fmt.Printf("exit %d, wall %.1f s, peak RSS %.0f MB, %d API calls\n", code, wall.Seconds(), float64(rss)/1024, total)
	for _, n := range names {
		fmt.Printf("  %-45s %5d\n", n, counts[n])
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "audit bench:", err)
	os.Exit(1)
}
