package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/spf13/pflag"

	"github.com/ecslint/ecslint/internal/analyzer"
	"github.com/ecslint/ecslint/internal/config"
	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/loader"
	"github.com/ecslint/ecslint/internal/report"
)

// partialEvalFrom is the input count from which partial evaluation at
// prepare time pays for its ~12 ms (measured break-even: ~250 files).
const partialEvalFrom = 250

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
}

func runLint(ctx context.Context, args []string, env Env) (int, error) {
	var fl lintFlags
	fs := pflag.NewFlagSet("lint", pflag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.StringArrayVarP(&fl.formats, "format", "f", nil, "output format: text or json (repeatable)")
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
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return ExitOK, err
		}
		return ExitError, usagef("%v", err)
	}
	if fl.failOn != "none" && engine.SeverityRank(fl.failOn) == 0 {
		return ExitError, usagef("--fail-on must be one of critical, high, medium, low, info, none")
	}
	outs, err := openOutputs(fl, env)
	if err != nil {
		return ExitError, err
	}
	defer outs.close()

	cat, err := loadCatalog()
	if err != nil {
		return ExitError, err
	}
	cfg, err := loadConfig(fl, env.Dir)
	if err != nil {
		return ExitError, err
	}
	sel, err := selectRules(cat, cfg, fl)
	if err != nil {
		return ExitError, err
	}

	paths := fs.Args()
	if len(paths) == 0 {
		return ExitError, usagef("no input: name files or directories to lint, or - for stdin")
	}
	inputs, expandErrs := loader.Expand(paths)

	eng, err := engine.New(ctx, cat, engine.Options{
		Rules:       sel.rules,
		Config:      sel.data,
		Trusted:     true,
		PartialEval: len(inputs) >= partialEvalFrom,
	})
	if err != nil {
		return ExitError, err
	}
	if len(inputs) >= partialEvalFrom {
		// Fewer collections for large runs; measured -24 % wall time for
		// a bounded amount of extra heap (see bench/README.md).
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	an := analyzer.New(eng, analyzer.Options{
		InstanceRoles: append(append([]string{}, cfg.InstanceRoles...), fl.instanceRoles...),
		Severity:      sel.severity,
		Workers:       fl.workers,
		Version:       Version,
		Stdin:         env.Stdin,
	})
	res, err := an.Run(ctx, inputs)
	if err != nil {
		return ExitError, err
	}
	res.Rules = len(sel.rules)
	for _, e := range expandErrs {
		res.Errors = append(res.Errors, finding.InputError{File: e.File, Line: e.Line, Column: e.Col, Message: e.Err.Error()})
	}
	res.Sort()

	for _, o := range outs.list {
		if err := o.f.Format(o.w, res); err != nil {
			return ExitError, fmt.Errorf("write %s output: %w", o.name, err)
		}
	}
	return exitCode(res, fl.failOn), nil
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
	threshold := engine.SeverityRank(failOn)
	for _, f := range res.Findings {
		if f.Suppressed == nil && engine.SeverityRank(f.Severity) >= threshold {
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
	name string
	f    report.Formatter
	w    io.Writer
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
		var w io.Writer = env.Stdout
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
		f, err := report.New(name, report.Options{Tool: report.Tool{Name: "ecslint", Version: Version}, Color: useColor})
		if err != nil {
			o.close()
			return nil, usagef("%v", err)
		}
		o.list = append(o.list, output{name: name + " (" + target + ")", f: f, w: w})
	}
	return o, nil
}
