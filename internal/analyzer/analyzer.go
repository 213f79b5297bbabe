// Package analyzer runs the pipeline between loading and reporting: it
// relates services to the task definitions they run, builds one input
// document per resource, evaluates the rules concurrently and turns rule
// reports into located findings.
package analyzer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/loader"
	"github.com/ecslint/ecslint/internal/source"
)

// Options tunes a run.
type Options struct {
	// InstanceRoles are the container-instance role ARNs, from config.
	InstanceRoles []string
	// Severity overrides a rule's severity by id.
	Severity map[string]string
	// Workers is the evaluation parallelism; 0 means GOMAXPROCS.
	Workers int
	// Version goes into documentation links.
	Version string
	// Stdin is read for the "-" input.
	Stdin io.Reader
	// Suppress, when set, may mark a finding suppressed; it is called
	// concurrently.
	Suppress func(*loader.Resource, *finding.Finding)
}

// retainBudget is how many bytes of task definition files a run keeps
// parsed in memory for relating them to services; beyond it a definition
// that a service turns out to run is parsed again, so that memory stays
// flat however many files are linted. A parsed file with its position
// index takes about 15 times its size in memory.
const retainBudget = 1 << 20

// Analyzer evaluates resources with one engine.
type Analyzer struct {
	eng  *engine.Engine
	opts Options
	// instanceRoles is the ast form of Options.InstanceRoles, built once.
	instanceRoles *ast.Term
}

// New returns an analyzer over eng.
func New(eng *engine.Engine, opts Options) *Analyzer {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	roles := make([]*ast.Term, 0, len(opts.InstanceRoles))
	for _, r := range opts.InstanceRoles {
		roles = append(roles, ast.StringTerm(r))
	}
	return &Analyzer{eng: eng, opts: opts, instanceRoles: ast.ArrayTerm(roles...)}
}

// tdEntry is a task definition seen in pass one.
type tdEntry struct {
	id         tdIdentity
	name, file string
	res        *loader.Resource // nil when dropped to save memory
	// input and docIndex/pointer locate it again when dropped.
	input    loader.Input
	docIndex int
	pointer  string
	findings []finding.Finding
	services []*loader.Resource
}

// fileResult is what pass one learned from one input.
type fileResult struct {
	tds      []*tdEntry
	services []*loader.Resource
	err      *finding.InputError
}

// Run lints inputs and returns every finding and error, sorted. It fails
// only when the context is cancelled; per-input problems are in the result.
func (a *Analyzer) Run(ctx context.Context, inputs []loader.Input) (*finding.Result, error) {
	results := make([]fileResult, len(inputs))
	var budget sync.Mutex
	retained := 0
	keep := func(n int) bool {
		budget.Lock()
		defer budget.Unlock()
		if retained+n > retainBudget {
			return false
		}
		retained += n
		return true
	}
	a.parallel(ctx, len(inputs), func(i int) {
		results[i] = a.passOne(ctx, inputs[i], keep)
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	res := &finding.Result{Files: len(inputs)}
	byFamily := map[string][]*tdEntry{}
	var services []*loader.Resource
	for _, fr := range results {
		if fr.err != nil {
			res.Errors = append(res.Errors, *fr.err)
		}
		for _, td := range fr.tds {
			byFamily[td.id.family] = append(byFamily[td.id.family], td)
			res.Linted = append(res.Linted, finding.Linted{Kind: loader.KindTaskDefinition, Name: td.name, File: td.file})
		}
		for _, s := range fr.services {
			res.Linted = append(res.Linted, finding.Linted{Kind: s.Kind, Name: s.Name, File: s.File})
		}
		services = append(services, fr.services...)
		res.Resources += len(fr.tds) + len(fr.services)
	}

	// Relate each service to its task definition, then evaluate services
	// and re-evaluate the definitions they run, now with their services.
	type svcJob struct {
		svc    *loader.Resource
		td     *tdEntry
		status string
	}
	jobs := make([]svcJob, len(services))
	var rerun []*tdEntry
	for i, s := range services {
		ref, _ := loader.GetString(s.Value, "taskDefinition")
		td, status := resolve(parseTaskDefRef(ref), byFamily)
		jobs[i] = svcJob{svc: s, td: td, status: status}
		if td != nil {
			if len(td.services) == 0 {
				rerun = append(rerun, td)
			}
			td.services = append(td.services, s)
		}
	}
	for _, td := range rerun {
		if td.res == nil {
			if err := a.reload(td); err != nil {
				res.Errors = append(res.Errors, inputError(td.input.Path, err))
			}
		}
	}
	svcFindings := make([][]finding.Finding, len(jobs))
	svcErrs := make([]*finding.InputError, len(jobs))
	a.parallel(ctx, len(jobs), func(i int) {
		j := jobs[i]
		rel := relatedTask(j.td, j.status, ast.StringTerm(refOf(j.svc)))
		svcFindings[i], svcErrs[i] = a.evaluate(ctx, j.svc, a.related("taskDefinition", rel))
	})
	tdErrs := make([]*finding.InputError, len(rerun))
	a.parallel(ctx, len(rerun), func(i int) {
		td := rerun[i]
		if td.res == nil {
			return
		}
		svcs := make([]*ast.Term, 0, len(td.services))
		for _, s := range td.services {
			svcs = append(svcs, relatedTerm(s, statusResolved))
		}
		td.findings, tdErrs[i] = a.evaluate(ctx, td.res, a.related("services", ast.ArrayTerm(svcs...)))
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	for _, fr := range results {
		for _, td := range fr.tds {
			res.Findings = append(res.Findings, td.findings...)
		}
	}
	for i := range jobs {
		res.Findings = append(res.Findings, svcFindings[i]...)
		if svcErrs[i] != nil {
			res.Errors = append(res.Errors, *svcErrs[i])
		}
	}
	for _, e := range tdErrs {
		if e != nil {
			res.Errors = append(res.Errors, *e)
		}
	}
	res.Findings = dedupe(res.Findings)
	res.Sort()
	return res, nil
}

// passOne reads and parses one input, evaluates its task definitions as if
// no service ran them, and keeps its services for relating.
func (a *Analyzer) passOne(ctx context.Context, in loader.Input, keep func(int) bool) fileResult {
	name := in.Path
	if name == "-" {
		name = loader.StdinName
	}
	data, err := loader.Read(in, a.opts.Stdin)
	if err != nil {
		e := inputError(name, err)
		return fileResult{err: &e}
	}
	resources, err := loader.Parse(name, data)
	if err != nil {
		e := inputError(name, err)
		return fileResult{err: &e}
	}
	if len(resources) == 0 {
		if in.Explicit {
			e := inputError(name, loader.ErrNoResource)
			return fileResult{err: &e}
		}
		return fileResult{}
	}
	var fr fileResult
	retain := in.Path == "-" || keep(len(data))
	for _, r := range resources {
		if r.Kind == loader.KindService {
			fr.services = append(fr.services, r)
			continue
		}
		td := &tdEntry{id: identify(r.Value), name: r.Name, file: r.File, input: in, docIndex: r.DocIndex, pointer: r.Pointer}
		var evalErr *finding.InputError
		td.findings, evalErr = a.evaluate(ctx, r, a.related("services", ast.ArrayTerm()))
		if evalErr != nil && fr.err == nil {
			fr.err = evalErr
		}
		if retain {
			td.res = r
		}
		fr.tds = append(fr.tds, td)
	}
	return fr
}

// reload parses a dropped task definition's file again.
func (a *Analyzer) reload(td *tdEntry) error {
	data, err := loader.Read(td.input, nil)
	if err != nil {
		return err
	}
	rs, err := loader.Parse(td.input.Path, data)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if r.DocIndex == td.docIndex && r.Pointer == td.pointer {
			td.res = r
			return nil
		}
	}
	return errors.New("task definition changed while linting")
}

// related builds input.related with the instance roles and one relation.
func (a *Analyzer) related(key string, value *ast.Term) *ast.Term {
	return ast.ObjectTerm(
		[2]*ast.Term{ast.StringTerm(key), value},
		[2]*ast.Term{ast.StringTerm("instanceRoles"), a.instanceRoles},
	)
}

func refOf(s *loader.Resource) string {
	ref, _ := loader.GetString(s.Value, "taskDefinition")
	return ref
}

func relatedTask(td *tdEntry, status string, ref *ast.Term) *ast.Term {
	if td == nil || td.res == nil {
		if status == statusResolved {
			status = statusUnresolved
		}
		return ast.ObjectTerm(
			[2]*ast.Term{ast.StringTerm("status"), ast.StringTerm(status)},
			[2]*ast.Term{ast.StringTerm("name"), ref},
		)
	}
	return relatedTerm(td.res, status)
}

func relatedTerm(r *loader.Resource, status string) *ast.Term {
	return ast.ObjectTerm(
		[2]*ast.Term{ast.StringTerm("status"), ast.StringTerm(status)},
		[2]*ast.Term{ast.StringTerm("name"), ast.StringTerm(r.Name)},
		[2]*ast.Term{ast.StringTerm("resource"), ast.NewTerm(r.Value)},
		[2]*ast.Term{ast.StringTerm("source"), sourceTerm(r)},
	)
}

func sourceTerm(r *loader.Resource) *ast.Term {
	return ast.ObjectTerm(
		[2]*ast.Term{ast.StringTerm("format"), ast.StringTerm(r.Format)},
		[2]*ast.Term{ast.StringTerm("file"), ast.StringTerm(r.File)},
		[2]*ast.Term{ast.StringTerm("pointer"), ast.StringTerm(r.Pointer)},
	)
}

// Input builds the document rules see for one resource.
func Input(r *loader.Resource, related *ast.Term) ast.Value {
	in := ast.NewObject(
		[2]*ast.Term{ast.StringTerm("kind"), ast.StringTerm(r.Kind)},
		[2]*ast.Term{ast.StringTerm("name"), ast.StringTerm(r.Name)},
		[2]*ast.Term{ast.StringTerm("resource"), ast.NewTerm(r.Value)},
		[2]*ast.Term{ast.StringTerm("source"), sourceTerm(r)},
		[2]*ast.Term{ast.StringTerm("related"), related},
	)
	if len(r.Problems) > 0 {
		in.Insert(ast.StringTerm("problems"), problemsTerm(r.Problems))
	}
	return in
}

// problemsTerm is input.problems: {rule, path, message} for each problem,
// path into the resource without the "resource" prefix.
func problemsTerm(ps []source.Problem) *ast.Term {
	terms := make([]*ast.Term, len(ps))
	for i, p := range ps {
		path := make([]*ast.Term, len(p.Path))
		for j, seg := range p.Path {
			if n, ok := seg.(int); ok {
				path[j] = ast.IntNumberTerm(n)
			} else {
				path[j] = ast.StringTerm(fmt.Sprint(seg))
			}
		}
		terms[i] = ast.ObjectTerm(
			[2]*ast.Term{ast.StringTerm("rule"), ast.StringTerm(p.Rule)},
			[2]*ast.Term{ast.StringTerm("path"), ast.ArrayTerm(path...)},
			[2]*ast.Term{ast.StringTerm("message"), ast.StringTerm(p.Message)},
		)
	}
	return ast.ArrayTerm(terms...)
}

// evaluate runs the rules over one resource and locates the findings.
func (a *Analyzer) evaluate(ctx context.Context, r *loader.Resource, related *ast.Term) ([]finding.Finding, *finding.InputError) {
	reports, err := a.eng.Eval(ctx, Input(r, related))
	if err != nil {
		e := inputError(r.File, fmt.Errorf("evaluate %s %s: %w", r.Kind, r.Name, err))
		return nil, &e
	}
	out := make([]finding.Finding, 0, len(reports))
	for _, rep := range reports {
		f := a.toFinding(r, rep)
		if a.opts.Suppress != nil {
			a.opts.Suppress(r, &f)
		}
		out = append(out, f)
	}
	return out, nil
}

func (a *Analyzer) toFinding(r *loader.Resource, rep engine.Report) finding.Finding {
	f := finding.Finding{
		Rule:     rep.Rule,
		Category: rep.Category,
		Severity: rep.Severity,
		Message:  rep.Message,
		Resource: finding.Resource{Kind: r.Kind, Name: r.Name},
		Location: locate(r, rep.Path),
	}
	if rule := a.eng.Rule(rep.Rule); rule != nil {
		if f.Severity == "" {
			f.Severity = rule.Severity
		}
		f.Remediation = rule.Remediation
		f.DocsURL = rule.DocsURL(a.opts.Version)
	}
	if s, ok := a.opts.Severity[rep.Rule]; ok {
		f.Severity = s
	}
	return f
}

// locate turns a path into input into a file location. Paths into the
// resource map to its pointer in the file; anything else (related
// resources) is located at the resource itself.
func locate(r *loader.Resource, path []any) finding.Location {
	loc := finding.Location{File: r.File, Pointer: r.Pointer, Document: r.DocIndex}
	base := r.Pointer
	if len(path) > 0 && path[0] == "resource" {
		rest := path[1:]
		// describe-task-definition keeps tags beside the definition.
		if base == "/taskDefinition" && len(rest) > 0 && rest[0] == "tags" && r.Doc != nil {
			if _, _, ok := r.Doc.Lookup("/tags"); ok {
				base = ""
			}
		}
		loc.Pointer = document.Pointer(base, rest...)
	}
	rng, found, exact := r.Doc.Lookup(loc.Pointer)
	if _, _, ok := r.Doc.Lookup(r.Pointer); !ok {
		rng, found, exact = r.Doc.Lookup("")
	}
	loc.Start, loc.End = rng.Start, rng.End
	switch {
	case exact:
		loc.Precision = finding.PrecisionExact
	case len(found) > len(r.Pointer):
		loc.Precision = finding.PrecisionAncestor
	default:
		loc.Precision = finding.PrecisionResource
	}
	return loc
}

func inputError(file string, err error) finding.InputError {
	var fe *loader.FileError
	if errors.As(err, &fe) {
		return finding.InputError{File: fe.File, Line: fe.Line, Column: fe.Col, Message: fe.Err.Error()}
	}
	return finding.InputError{File: file, Message: err.Error()}
}

// dedupe drops findings identical in rule, location and message, which a
// rule can produce when two paths through its logic reach the same field.
func dedupe(fs []finding.Finding) []finding.Finding {
	type key struct {
		rule, file, name, ptr, msg string
		doc                        int
	}
	seen := make(map[key]struct{}, len(fs))
	out := fs[:0]
	for _, f := range fs {
		k := key{f.Rule, f.Location.File, f.Resource.Name, f.Location.Pointer, f.Message, f.Location.Document}
		if _, ok := seen[k]; ok {
			continue
		}
		seen[k] = struct{}{}
		out = append(out, f)
	}
	return out
}

// parallel runs fn(0..n-1) on the configured number of workers.
func (a *Analyzer) parallel(ctx context.Context, n int, fn func(int)) {
	workers := min(a.opts.Workers, n)
	if workers <= 1 {
		for i := 0; i < n && ctx.Err() == nil; i++ {
			fn(i)
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
