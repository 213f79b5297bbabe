package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/ecslint/ecslint/internal/analyzer"
	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/config"
	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/report"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/cfn"
	"github.com/ecslint/ecslint/internal/source/ecsjson"
	"github.com/ecslint/ecslint/internal/source/files"
	"github.com/ecslint/ecslint/internal/source/terraform"
	"github.com/ecslint/ecslint/internal/suppress"
	"github.com/ecslint/ecslint/internal/validate"
)

// repoRoot is the directory holding .git above dir, else dir itself:
// SARIF paths are relative to it.
func repoRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := abs; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs
		}
		d = parent
	}
}

// bulkMemoryLimit is the soft memory limit of a run. Peak RSS is about the
// limit plus what the binary keeps resident on its own (16 MB: `ecslint
// version`) and some overshoot, and the live heap of a large run is mostly
// its findings, so the limit trades collections against peak RSS.
// Measured at 10,000 generated task definitions, two runs each (CPU s /
// peak RSS): 88 MB 39.9-40.4 / 120 MB, 96 MB 37.4-37.7 / 123 MB, 100 MB
// 35.9-37.0 / 124-125 MB, 104 MB 34.7-36.1 / 125 MB. 96 MB keeps a 5 MB
// margin under 128 MB.
const bulkMemoryLimit = 96 << 20

type lintFlags struct {
	formats       []string
	outputs       []string
	failOn        string
	enable        []string
	disable       []string
	frameworks    []string
	configPath    string
	noConfig      bool
	instanceRoles []string
	color         string
	workers       int
	baseline      string
	policies      []string
	quiet         bool
	skipNonECS    bool
	cpuProfile    string
	policyTimeout time.Duration
	debug         bool
	tfVars        []terraform.VarArg
	// live is set by ecslint audit: units, not paths, are what the run
	// lints.
	live  bool
	units []source.Unit
}

// newLintFlags declares the flags lint and baseline share.
func newLintFlags(name string, env Env, fl *lintFlags) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.StringArrayVarP(&fl.formats, "format", "f", nil, "output format: "+strings.Join(report.Formats, ", ")+" (repeatable)")
	fs.StringArrayVarP(&fl.outputs, "output", "o", nil, "output file for the matching --format (repeatable)")
	fs.StringVar(&fl.failOn, "fail-on", "low", "lowest severity that fails the run: critical, high, medium, low, info or none")
	fs.StringArrayVar(&fl.enable, "enable", nil, "enable rules or categories (repeatable, comma-separated; all)")
	fs.StringArrayVar(&fl.disable, "disable", nil, "disable rules or categories (repeatable, comma-separated)")
	fs.StringArrayVar(&fl.frameworks, "framework", nil, "run only the rules mapped to this framework (e.g. securityhub)")
	fs.StringVarP(&fl.configPath, "config", "c", "", "config file (default: .ecslint.yaml found from the working directory up)")
	fs.BoolVar(&fl.noConfig, "no-config", false, "ignore .ecslint.yaml files")
	fs.StringArrayVar(&fl.instanceRoles, "instance-role", nil, "IAM role ARN of the EC2 container instances (repeatable)")
	fs.StringVar(&fl.color, "color", "auto", "colour text output: auto, always or never")
	fs.IntVar(&fl.workers, "workers", 0, "parallel evaluations (default: number of CPUs)")
	fs.StringVar(&fl.baseline, "baseline", "", "report only findings not recorded in this baseline file")
	fs.StringArrayVar(&fl.policies, "policy", nil, "directory of your own Rego rules (repeatable)")
	fs.BoolVarP(&fl.quiet, "quiet", "q", false, "text output: print nothing when there is nothing to report (pre-commit)")
	fs.BoolVar(&fl.skipNonECS, "skip-non-ecs", false, "skip named files that hold no ECS document instead of reporting them (pre-commit)")
	fs.DurationVar(&fl.policyTimeout, "policy-timeout", 0, fmt.Sprintf("longest a user rule may take on one resource before the run stops it (default %s, or policy_timeout in the config)", engine.DefaultPolicyTimeout))
	fs.BoolVar(&fl.debug, "debug", false, "show the output of print() in user rules on stderr")
	addTerraformFlags(fs, &fl.tfVars)
	fs.StringVar(&fl.cpuProfile, "cpu-profile", "", "write a Go CPU profile of the run to this file (for `go tool pprof`)")
	return fs
}

// parseLintFlags parses the flags of lint, audit and baseline. --help is
// an error that exits 0; a wrong flag or --fail-on value a usage error.
func parseLintFlags(fs *pflag.FlagSet, args []string, fl *lintFlags) (int, error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return ExitOK, err
		}
		return ExitError, usagef("%v", err)
	}
	if fl.failOn != "none" && catalog.SeverityRank(fl.failOn) == 0 {
		return ExitError, usagef("--fail-on must be one of critical, high, medium, low, info, none")
	}
	return ExitOK, nil
}

func runLint(ctx context.Context, args []string, env Env) (int, error) {
	var fl lintFlags
	fs := newLintFlags("lint", env, &fl)
	if code, err := parseLintFlags(fs, args, &fl); err != nil {
		return code, err
	}
	outs, err := openOutputs(fl, env)
	if err != nil {
		return ExitError, err
	}
	defer outs.close()
	if fl.cpuProfile != "" {
		stop, err := startCPUProfile(fl.cpuProfile)
		if err != nil {
			return ExitError, err
		}
		defer stop()
	}
	res, sel, err := lint(ctx, fl, fs.Args(), env)
	if err != nil {
		return ExitError, err
	}
	if err := outs.write(res, sel, env); err != nil {
		return ExitError, err
	}
	return exitCode(res, fl.failOn), nil
}

// write renders res in every requested format.
func (o *outputs) write(res *finding.Result, sel *selection, env Env) error {
	for _, o := range o.list {
		o.f = o.make(sel.rules)
		if err := o.f.Format(o.w, res); err != nil {
			return fmt.Errorf("write %s output: %w", o.name, err)
		}
		if o.format == "github" {
			if path := env.Getenv("GITHUB_STEP_SUMMARY"); path != "" {
				if err := appendFile(path, report.StepSummary(res)); err != nil {
					return fmt.Errorf("write step summary: %w", err)
				}
			}
		}
	}
	return nil
}

// lint runs the pipeline: config, rule selection, loading, evaluation and
// suppressions. It returns the sorted result and the rules that ran.
func lint(ctx context.Context, fl lintFlags, paths []string, env Env) (*finding.Result, *selection, error) {
	cfg, err := loadConfig(fl, env.Dir)
	if err != nil {
		return nil, nil, err
	}
	cat, pols, err := ruleCatalog(policyDirs(cfg.Policies, fl.policies))
	if err != nil {
		return nil, nil, err
	}
	sel, err := selectRules(cat, cfg, fl)
	if err != nil {
		return nil, nil, err
	}
	var baseline *suppress.Baseline
	if fl.baseline != "" {
		if baseline, err = suppress.LoadBaseline(fl.baseline); err != nil {
			return nil, nil, err
		}
	}
	if len(paths) == 0 && !fl.live {
		return nil, nil, usagef("no input: name files or directories to lint, or - for stdin")
	}
	ex := &files.Expanded{}
	units, unitWarnings := fl.units, []string(nil)
	if !fl.live {
		ex = files.Expand(paths)
		if fl.skipNonECS {
			// pre-commit passes every file its pattern matches, so a file
			// named on the command line is treated like one found in a walk.
			for i := range ex.Inputs {
				if ex.Inputs[i].Path != "-" {
					ex.Inputs[i].Explicit = false
				}
			}
		}
		units, unitWarnings = files.Units(ex, files.Options{
			Formats:   []files.Format{terraform.PlanFormat{}, cfn.CDK{}, cfn.Format{}, ecsjson.Format{}},
			Terraform: terraform.New(terraform.Options{Vars: fl.tfVars}).Units,
			Stdin:     env.Stdin,
		})
	}

	opts := engine.Options{Rules: sel.rules, Policies: pols, Config: sel.data, PolicyTimeout: cfg.PolicyTimeout}
	if fl.policyTimeout > 0 {
		opts.PolicyTimeout = fl.policyTimeout
	}
	if fl.debug {
		opts.Print = &printHook{w: env.Stderr}
	}
	eng, err := engine.New(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	tuneGC()
	sup := suppress.New(cfg, baseline, time.Now())
	an := analyzer.New(eng, analyzer.Options{
		InstanceRoles: append(append([]string{}, cfg.InstanceRoles...), fl.instanceRoles...),
		Workers:       fl.workers,
		Version:       Version,
		Rules:         sel.rules,
		Post:          []analyzer.Step{analyzer.SeverityOverrides(sel.severity), sup.Apply},
		Validate:      validate.Check,
		Merge:         terraform.Merge,
	})
	res, err := an.Run(ctx, units)
	if err != nil {
		return nil, nil, err
	}
	res.Rules = len(sel.rules)
	res.Config = cfg.Path
	res.SkippedDirs = ex.Skipped
	for _, e := range ex.Errors {
		res.Errors = append(res.Errors, finding.InputError{File: e.File, Line: e.Line, Column: e.Col, Message: e.Err.Error()})
	}
	res.Warnings = append(res.Warnings, unitWarnings...)
	if w := nothingRead(res); w != "" {
		res.Warnings = append(res.Warnings, w)
	}
	res.Warnings = append(res.Warnings, cfg.Warnings()...)
	res.Warnings = append(res.Warnings, sup.Warnings()...)
	res.Sort()
	return res, sel, nil
}

// nothingRead says so when a run read files but found no resource in
// them, naming what it saw: a gate must not pass silently on a directory
// it could not read.
func nothingRead(res *finding.Result) string {
	if hasECS(res) || res.Files == 0 || res.Formats[source.FormatAWS] > 0 {
		return ""
	}
	var seen []string
	for _, f := range slices.Sorted(maps.Keys(res.Formats)) {
		what := f
		switch what {
		case "":
			what = "unrecognised"
		case source.FormatCloudFormation:
			what = "CloudFormation templates, none with ECS resources"
		case cfn.FormatCDK:
			what = "CDK assemblies, none with ECS resources"
		}
		seen = append(seen, fmt.Sprintf("%d %s", res.Formats[f], what))
	}
	return fmt.Sprintf("no ECS resource found in %d file(s) read (%s)", res.Files, strings.Join(seen, ", "))
}

// hasECS reports whether the run linted an ECS resource: a template of
// IAM roles and load balancers alone is no ECS input.
func hasECS(res *finding.Result) bool {
	for _, l := range res.Linted {
		switch l.Kind {
		case kind.TaskDefinition, kind.Service, kind.ContainerDefinitions, kind.Cluster, kind.CapacityProvider:
			return true
		}
	}
	return false
}

// tuneGC sets the collector for the rest of the process once the rules
// are loaded (main turns it off during start-up, with a looser limit).
// Every run leaves it off and collects only when memory reaches a soft
// limit: the fewest collections for a bounded peak RSS. A short run ends
// before the first collection.
func tuneGC() {
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(bulkMemoryLimit)
}

func appendFile(path, content string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(content); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// exitCode: input errors win over findings, since a run that could not
// read everything cannot vouch for the rest.
func exitCode(res *finding.Result, failOn string) int {
	if len(res.Errors) > 0 {
		return ExitError
	}
	if failOn == "none" {
		return ExitOK
	}
	threshold := catalog.SeverityRank(failOn)
	for _, f := range res.Findings {
		if f.Suppressed == nil && catalog.SeverityRank(f.Severity) >= threshold {
			return ExitFindings
		}
	}
	return ExitOK
}

func loadConfig(fl lintFlags, dir string) (*config.Config, error) {
	path := fl.configPath
	if fl.noConfig && path == "" {
		return &config.Config{Version: 1}, nil
	}
	if path == "" {
		found, err := config.Discover(dir)
		if err != nil {
			return nil, fmt.Errorf("find config: %w", err)
		}
		if found == "" {
			return &config.Config{Version: 1}, nil
		}
		path = found
	}
	return config.Load(path)
}

type output struct {
	name, format string
	w            io.Writer
	make         func(rules []*catalog.Rule) report.Formatter
	f            report.Formatter
}

type outputs struct {
	list  []output
	files []*os.File
}

func (o *outputs) close() {
	for _, f := range o.files {
		_ = f.Close()
	}
}

// openOutputs pairs the i-th --format with the i-th --output; formats
// without an output go to stdout (only one may).
func openOutputs(fl lintFlags, env Env) (*outputs, error) {
	formats := fl.formats
	if len(formats) == 0 {
		formats = []string{"text"}
		if len(fl.outputs) > 0 {
			var err error
			if formats, err = formatsFromNames(fl.outputs); err != nil {
				return nil, err
			}
		}
	}
	if len(fl.outputs) > len(formats) {
		if len(formats) == 1 && len(fl.formats) == 0 {
			return nil, usagef("--output needs a --format")
		}
		return nil, usagef("more --output than --format flags")
	}
	if len(formats)-len(fl.outputs) > 1 {
		return nil, usagef("only one --format may write to stdout; give the others an --output")
	}
	o := &outputs{}
	for i, name := range formats {
		w := env.Stdout
		target := "stdout"
		if i < len(fl.outputs) && fl.outputs[i] != "-" {
			target = fl.outputs[i]
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				o.close()
				return nil, fmt.Errorf("create output directory: %w", err)
			}
			f, err := os.Create(target)
			if err != nil {
				o.close()
				return nil, fmt.Errorf("open output: %w", err)
			}
			o.files = append(o.files, f)
			w = f
		}
		useColor := false
		if name == "text" {
			var err error
			if useColor, err = colorEnabled(fl.color, w, env); err != nil {
				o.close()
				return nil, err
			}
		}
		if _, err := report.New(name, report.Options{}); err != nil {
			o.close()
			return nil, usagef("%v", err)
		}
		opts := report.Options{Tool: report.Tool{Name: "ecslint", Version: Version}, Color: useColor, Quiet: fl.quiet, Root: repoRoot(env.Dir)}
		format := name
		o.list = append(o.list, output{name: name + " (" + target + ")", format: name, w: w, make: func(rules []*catalog.Rule) report.Formatter {
			opts.Rules = rules
			f, _ := report.New(format, opts)
			return f
		}})
	}
	return o, nil
}

// formatsFromNames infers the format of each --output given without any
// --format from its extension, so that `-o out.json` never writes text
// into a .json file.
func formatsFromNames(outputs []string) ([]string, error) {
	byExt := map[string]string{".json": "json", ".sarif": "sarif", ".txt": "text"}
	out := make([]string, len(outputs))
	for i, name := range outputs {
		f, ok := byExt[strings.ToLower(filepath.Ext(name))]
		if name == "-" {
			f, ok = "text", true
		}
		if !ok {
			return nil, usagef("cannot tell the format of --output %s from its name: give --format (%s)", name, strings.Join(report.Formats, ", "))
		}
		out[i] = f
	}
	return out, nil
}

// startCPUProfile profiles the whole run, start-up included, since compile
// time is half of what a pre-commit run costs.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("cpu profile %s: %w", path, err)
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}, nil
}
