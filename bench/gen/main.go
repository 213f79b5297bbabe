// Command gen writes a reproducible corpus of ECS task definitions for the
// benchmarks in bench/: gen -n 1000 -out bench/out/corpus/1000, or with
// -terraform a Terraform root and its raw JSON twin (bench/terraform.sh).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ecslint/ecslint/internal/benchgen"
)

func main() {
	n := flag.Int("n", 100, "number of task definitions")
	out := flag.String("out", "corpus", "output directory")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same files")
	rate := flag.Float64("violation-rate", benchgen.DefaultViolationRate, "probability of each violation opportunity (negative: none)")
	tf := flag.Bool("terraform", false, "write a Terraform root of n task definitions and services to OUT/tf and the same resources as raw JSON to OUT/json")
	flag.Parse()
	if *n < 0 {
		fmt.Fprintln(os.Stderr, "gen: -n must not be negative")
		os.Exit(2)
	}
	if *tf {
		if err := benchgen.Terraform(*out, *n); err != nil {
			fmt.Fprintf(os.Stderr, "gen: %v\n", err)
			os.Exit(1)
		}
		return
	}
	st, err := benchgen.Write(*out, *n, benchgen.Config{Seed: *seed, ViolationRate: *rate})
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %s\n", *out, st)
}
