// Package analyzer runs the pipeline between loading and reporting: it
// loads every unit of input, relates the resources across all of them by
// identity, builds one input document per resource, evaluates the rules
// concurrently, and turns rule reports into located findings through one
// ordered post-processing chain. It reads no files itself: sources do.
package analyzer

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
)

// Step is one stage of the post-processing chain, applied to each finding
// in order (severity overrides, then suppressions). Steps run
// concurrently.
type Step func(r *source.Resource, f *finding.Finding)

// Options tunes a run.
type Options struct {
	// InstanceRoles are the container-instance role ARNs, from config.
	InstanceRoles []string
	// Workers is the evaluation parallelism; 0 means GOMAXPROCS.
	Workers int
	// Version goes into documentation links.
	Version string
	// Rules are the rules the engine runs; the run counts those that a
	// missing relation keeps from deciding.
	Rules []*catalog.Rule
	// Post is the post-processing chain.
	Post []Step
	// Validate checks a resource against its API model, returning the
	// value rules see (members of the wrong type removed) and the
	// problems, which the rule each names reports.
	Validate func(r *source.Resource) (ast.Object, []source.Problem)
	// Merge combines a resource a Terraform plan describes with the
	// configuration block it was planned from, when a run lints both
	// (they share a {terraform, "<dir>#<address>"} identity): the
	// combination replaces the two. Nil keeps them apart.
	Merge func(plan, config *source.Resource) *source.Resource
	// Retain is how many bytes of input (Loaded.Bytes) a run keeps parsed
	// in memory after evaluating them, for relations found later; beyond
	// it resources of reloadable units are dropped and loaded again when
	// needed, so memory stays flat however many files are linted. 0 means
	// 1 MiB (about 15 MiB parsed).
	Retain int
}

// Analyzer evaluates resources with one engine.
type Analyzer struct {
	eng  *engine.Engine
	opts Options
	// docs is each selected rule's documentation URL, built once: one
	// string per finding was 5 MB of a 10,000-file run's live heap.
	docs map[string]string
}

// New returns an analyzer over eng.
func New(eng *engine.Engine, opts Options) *Analyzer {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Retain <= 0 {
		opts.Retain = 1 << 20
	}
	docs := make(map[string]string, len(opts.Rules))
	for _, r := range opts.Rules {
		docs[r.ID] = r.DocsURL(opts.Version)
	}
	return &Analyzer{eng: eng, opts: opts, docs: docs}
}

// node is one resource of a run. Its resource may be dropped after pass
// one (res nil); everything relating needs stays.
type node struct {
	res        *source.Resource
	unit, pos  int
	order      int
	key        string
	kind, name string
	ids        []source.Identity
	refs       []source.Ref
	revision   int
	origin     source.Origin
	trustsEC2  bool
	// variant is the source's Variant: nodes sharing a key are the
	// variants of one template resource.
	variant    string
	problems   []source.Problem
	partial    bool
	unresolved []string
	// twin is, for a resource of a Terraform plan, the configuration's
	// resource merged into it (see Options.Merge); the twin itself is no
	// node of the run.
	twin *node
	// sig is the signature of the related document the findings were
	// computed with.
	sig      string
	findings []finding.Finding
	err      *finding.InputError
}

// unitState is what pass one learned from one unit.
type unitState struct {
	unit   source.Unit
	loaded *source.Loaded
	nodes  []*node
}

// Run loads and lints every unit and returns every finding and error,
// sorted. It fails only when the context is cancelled; per-input problems
// are in the result.
func (a *Analyzer) Run(ctx context.Context, units []source.Unit) (*finding.Result, error) {
	states := make([]*unitState, len(units))
	var mu sync.Mutex
	retained := 0
	keep := func(n int) bool {
		mu.Lock()
		defer mu.Unlock()
		if retained+n > a.opts.Retain {
			return false
		}
		retained += n
		return true
	}
	a.parallel(ctx, len(units), func(i int) {
		states[i] = a.passOne(ctx, i, units[i], keep)
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &finding.Result{Formats: map[string]int{}, Unresolved: map[string]int{}}
	nodes := a.collect(ctx, states, res)
	if err := a.passTwo(ctx, states, nodes, res); err != nil {
		return nil, err
	}
	res.Findings = append(res.Findings, findingsOf(nodes)...)
	for _, n := range nodes {
		if n.err != nil {
			res.Errors = append(res.Errors, *n.err)
		}
	}
	res.Findings = dedupe(res.Findings)
	res.Sort()
	return res, nil
}

// passOne loads one unit and evaluates its resources with the relations
// the unit itself holds (a template usually holds them all).
func (a *Analyzer) passOne(ctx context.Context, i int, u source.Unit, keep func(int) bool) *unitState {
	st := &unitState{unit: u, loaded: u.Load(ctx)}
	if st.loaded == nil {
		st.loaded = &source.Loaded{}
	}
	for j, r := range st.loaded.Resources {
		st.nodes = append(st.nodes, a.newNode(r, i, j))
	}
	ix := newIndex(st.nodes)
	for _, n := range st.nodes {
		rel := ix.related(n)
		n.sig = rel.signature()
		n.findings, n.err = a.evaluate(ctx, n, rel)
	}
	if u.Reloadable && !keep(st.loaded.Bytes) {
		for _, n := range st.nodes {
			n.res = nil
		}
		st.loaded.Resources = nil
	}
	return st
}

func (a *Analyzer) newNode(r *source.Resource, unit, pos int) *node {
	n := &node{
		res: r, unit: unit, pos: pos, order: unit<<20 | pos,
		kind: r.Kind, name: r.Name, ids: r.IDs, refs: r.Refs, revision: r.Revision, origin: r.Origin,
		problems: r.Problems, partial: r.Partial, unresolved: r.Unresolved, variant: r.Variant,
	}
	n.key = nodeKey(r)
	if r.Kind == kind.Role && r.Value != nil {
		n.trustsEC2 = trustsEC2(r.Value)
	}
	a.validate(n)
	return n
}

// validate applies the model check to a freshly loaded resource.
func (a *Analyzer) validate(n *node) {
	if a.opts.Validate == nil || n.res.Value == nil {
		return
	}
	v, problems := a.opts.Validate(n.res)
	if v != nil {
		n.res.Value = v
	}
	n.problems = append(append([]source.Problem(nil), n.res.Problems...), problems...)
}

// nodeKey is a resource's id in the run: its ARN or template/module
// identity, else its place in a file.
func nodeKey(r *source.Resource) string {
	for _, id := range r.IDs {
		switch id.Scheme {
		case source.SchemeARN, source.SchemeLogicalID, source.SchemeAddress:
			return id.String()
		}
	}
	if r.Origin.File == "" && len(r.IDs) > 0 {
		// Not from a file (a live launch template version): its first
		// identity is its only name.
		return r.IDs[0].String()
	}
	k := "file:" + r.Origin.File + "#" + r.Origin.Pointer
	if r.Origin.Document > 0 {
		k += fmt.Sprintf("@%d", r.Origin.Document)
	}
	return k
}

// collect gathers pass one's results: errors, counts, and the nodes that
// stay (those of files another unit consumed go, and configuration
// resources a plan of the run describes merge into the plan's).
func (a *Analyzer) collect(ctx context.Context, states []*unitState, res *finding.Result) []*node {
	consumed := map[string]bool{}
	for _, st := range states {
		for _, f := range st.loaded.Consumes {
			consumed[cleanPath(f)] = true
		}
	}
	var nodes []*node
	for _, st := range states {
		l := st.loaded
		if consumed[cleanPath(st.unit.Name)] && (l.Format == source.FormatCloudFormation || l.Format == source.FormatECSJSON || l.Format == source.FormatECSYAML || l.Format == "") {
			// Read through the unit that consumed it (a CDK assembly's
			// stack template through its manifest; a template a
			// Terraform root reads, whose ${...} make it no JSON of its
			// own): that unit lints it, counts it and reports its errors.
			continue
		}
		for _, e := range l.Errors {
			res.Errors = append(res.Errors, finding.InputError{File: e.File, Line: e.Line, Column: e.Col, Message: e.Err.Error()})
		}
		res.Warnings = append(res.Warnings, l.Warnings...)
		res.Files += max(l.Files, 1)
		res.Formats[l.Format]++
		nodes = append(nodes, st.nodes...)
	}
	nodes = a.mergeTwins(ctx, states, nodes)
	for i, n := range nodes {
		if n.variant != "" && i > 0 && nodes[i-1].key == n.key {
			continue // counted with its first variant
		}
		res.Resources++
		res.Linted = append(res.Linted, finding.Linted{Kind: n.kind, Name: n.name, File: n.origin.File})
		if n.partial {
			res.Partial = append(res.Partial, finding.Linted{Kind: n.kind, Name: n.name, File: n.origin.File})
		}
		for _, u := range n.unresolved {
			res.Unresolved[u]++
		}
	}
	return nodes
}

func cleanPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// passTwo relates every resource across the run and re-evaluates those
// whose related document differs from the one pass one used.
func (a *Analyzer) passTwo(ctx context.Context, states []*unitState, nodes []*node, res *finding.Result) error {
	ix := newIndex(nodes)
	type job struct {
		n   *node
		rel related
		sig string
	}
	var jobs []job
	need := map[int]bool{}
	for _, n := range nodes {
		rel := ix.related(n)
		if ix.firstVariant(n) {
			a.countSkips(n, rel, res)
		}
		sig := rel.signature()
		if sig == n.sig {
			continue
		}
		jobs = append(jobs, job{n, rel, sig})
		need[n.unit] = true
		for _, o := range rel.out {
			for _, t := range o.targets {
				need[t.unit] = true
			}
		}
		for _, e := range rel.incoming {
			need[e.from.unit] = true
		}
	}
	if len(jobs) == 0 {
		return nil
	}
	// Load again the units whose resources were dropped.
	var reload []int
	for u := range need {
		for _, n := range states[u].nodes {
			if n.res == nil {
				reload = append(reload, u)
				break
			}
		}
	}
	sort.Ints(reload)
	a.parallel(ctx, len(reload), func(i int) { a.reload(ctx, states[reload[i]]) })
	a.parallel(ctx, len(jobs), func(i int) {
		j := jobs[i]
		if j.n.res == nil {
			return // reported by reload
		}
		j.n.sig = j.sig
		j.n.findings, j.n.err = a.evaluate(ctx, j.n, j.rel)
	})
	return ctx.Err()
}

// reload loads a unit again and gives its nodes their resources back.
func (a *Analyzer) reload(ctx context.Context, st *unitState) {
	l := st.unit.Load(ctx)
	if l == nil || len(l.Resources) != len(st.nodes) {
		e := finding.InputError{File: st.unit.Name, Message: "changed while linting"}
		if len(st.nodes) > 0 {
			st.nodes[0].err = &e
		}
		return
	}
	for i, n := range st.nodes {
		n.res = l.Resources[i]
		a.validate(n)
	}
}

// countSkips records the rules that could not decide on n for lack of a
// relation. A service's own task definition is what a user lints a service
// with: a reference to one not among the inputs is a warning naming it.
// Everything else a rule may need from around the resource (its roles,
// cluster, target groups, the container-instance roles) is context that
// raw files rarely hold and templates or accounts provide: those skips
// are counted per relation in the summary.
func (a *Analyzer) countSkips(n *node, rel related, res *finding.Result) {
	missing := map[string]string{} // relation → why
	for _, o := range rel.out {
		if o.status != statusUnresolved {
			continue
		}
		if _, seen := missing[o.rel.Name]; seen {
			continue
		}
		if len(o.ref.To) == 0 {
			missing[o.rel.Name] = fmt.Sprintf("%s %s is not known (a placeholder or unresolved value)", describeKind(o.rel.To), o.ref.Text)
		} else {
			missing[o.rel.Name] = fmt.Sprintf("%s %s not among the inputs", describeKind(o.rel.To), o.ref.Text)
		}
	}
	var skipped []string
	missingContext := map[string]bool{}
	for _, r := range a.opts.Rules {
		if !r.Reads(n.kind) {
			continue
		}
		for _, need := range r.Needs {
			if need == kind.InstanceRoles {
				if len(a.opts.InstanceRoles) == 0 && len(rel.roles) == 0 {
					missingContext[need] = true
				}
				continue
			}
			why, ok := missing[need]
			if !ok {
				continue
			}
			if need == primaryRelation {
				skipped = append(skipped, why)
				break
			}
			missingContext[need] = true
		}
	}
	for need := range missingContext {
		if res.Skipped == nil {
			res.Skipped = map[string]int{}
		}
		res.Skipped[need]++
	}
	if len(skipped) == 0 {
		return
	}
	sort.Strings(skipped)
	reasons := uniq(skipped)
	where := n.origin.File
	if where == "" {
		where = n.origin.ARN
	}
	res.Warnings = append(res.Warnings, fmt.Sprintf("%s %s (%s): %d rule%s skipped: %s",
		strings.ToLower(describeKind(n.kind)), n.name, where, len(skipped), plural(len(skipped)), strings.Join(reasons, "; ")))
}

// primaryRelation is the relation whose absence is a warning.
const primaryRelation = "taskDefinition"

func uniq(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// describeKind names a kind in prose: "task definition".
func describeKind(k string) string {
	var b strings.Builder
	for i, r := range k {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return strings.ToLower(b.String())
}

// Input builds the document rules see for one resource.
func Input(r *source.Resource, problems []source.Problem, related *ast.Term) ast.Value {
	items := [][2]*ast.Term{
		{ast.StringTerm("kind"), ast.StringTerm(r.Kind)},
		{ast.StringTerm("name"), ast.StringTerm(r.Name)},
		{ast.StringTerm("resource"), ast.NewTerm(r.Value)},
		{ast.StringTerm("source"), sourceTerm(r.Origin)},
		{ast.StringTerm("related"), related},
	}
	if r.Partial {
		items = append(items, [2]*ast.Term{ast.StringTerm("partial"), ast.BooleanTerm(true)})
	}
	if len(problems) > 0 {
		ps := make([]*ast.Term, len(problems))
		for i, p := range problems {
			path := make([]*ast.Term, len(p.Path))
			for j, seg := range p.Path {
				switch v := seg.(type) {
				case int:
					path[j] = ast.IntNumberTerm(v)
				default:
					path[j] = ast.StringTerm(fmt.Sprint(v))
				}
			}
			ps[i] = ast.ObjectTerm(
				[2]*ast.Term{ast.StringTerm("rule"), ast.StringTerm(p.Rule)},
				[2]*ast.Term{ast.StringTerm("path"), ast.ArrayTerm(path...)},
				[2]*ast.Term{ast.StringTerm("message"), ast.StringTerm(p.Message)},
			)
		}
		items = append(items, [2]*ast.Term{ast.StringTerm("problems"), ast.ArrayTerm(ps...)})
	}
	return ast.NewObject(items...)
}

// evaluate runs the rules over one resource and locates the findings. A
// service whose task definition reference could mean several inputs is
// evaluated against each: findings that hold for all are reported once,
// the others name the candidate they hold for.
func (a *Analyzer) evaluate(ctx context.Context, n *node, rel related) ([]finding.Finding, *finding.InputError) {
	for _, o := range rel.out {
		if o.rel.Name == "taskDefinition" && o.status == statusAmbiguous {
			return a.evaluateCandidates(ctx, n, rel, o.targets)
		}
	}
	return a.evaluateWith(ctx, n, rel, nil)
}

func (a *Analyzer) evaluateWith(ctx context.Context, n *node, rel related, pick *node) ([]finding.Finding, *finding.InputError) {
	r := n.res
	// On an error the engine still returns what the rules that ran
	// reported: one failing user rule must not hide the others' findings.
	reports, err := a.eng.Eval(ctx, Input(r, n.problems, rel.term(a.opts.InstanceRoles, pick)))
	var evalErr *finding.InputError
	if err != nil {
		evalErr = &finding.InputError{File: r.Origin.File, Message: fmt.Sprintf("evaluate %s %s: %v", r.Kind, r.Name, err)}
		if evalErr.File == "" {
			evalErr.File = r.Origin.ARN
		}
	}
	out := make([]finding.Finding, 0, len(reports))
	for _, rep := range reports {
		f := a.toFinding(r, rep)
		for _, step := range a.opts.Post {
			step(r, &f)
		}
		// The path was for the chain (suppression comments); a run keeps
		// every finding until the sorted output, so drop it.
		f.ValuePath = nil
		out = append(out, f)
	}
	return out, evalErr
}

func (a *Analyzer) evaluateCandidates(ctx context.Context, n *node, rel related, cands []*node) ([]finding.Finding, *finding.InputError) {
	var runs [][]finding.Finding
	var ran []*node
	var evalErr *finding.InputError
	for _, c := range cands {
		if c.res == nil {
			continue
		}
		fs, err := a.evaluateWith(ctx, n, rel, c)
		if err != nil && evalErr == nil {
			evalErr = err
		}
		runs, ran = append(runs, fs), append(ran, c)
	}
	// A finding that holds for some candidates only is reported once per
	// candidate it holds for, naming it.
	return newTally(runs).merge(func(f finding.Finding, holds []int) []finding.Finding {
		out := make([]finding.Finding, len(holds))
		for i, h := range holds {
			c := ran[h]
			out[i] = f
			out[i].Message += fmt.Sprintf(" (with task definition %s from %s, one of %d the service's family matches)", c.name, c.origin.File, len(cands))
		}
		return out
	}), evalErr
}

func (a *Analyzer) toFinding(r *source.Resource, rep engine.Report) finding.Finding {
	f := finding.Finding{
		Rule:     rep.Rule,
		Category: rep.Category,
		Severity: rep.Severity,
		Message:  rep.Message,
		Resource: finding.Resource{Kind: r.Kind, Name: r.Name},
		Location: locate(r, rep.Path),
	}
	if len(rep.Path) > 0 && rep.Path[0] == "resource" {
		f.ValuePath = rep.Path[1:]
	}
	if rule := a.eng.Rule(rep.Rule); rule != nil {
		if f.Severity == "" {
			f.Severity = rule.Severity
		}
		f.Remediation = rule.Remediation
		url, ok := a.docs[rule.ID]
		if !ok {
			url = rule.DocsURL(a.opts.Version)
		}
		f.DocsURL = url
	}
	return f
}

// locate turns a path into input into a location: paths into the resource
// go through its locator; anything else (a related resource) is located
// at the resource itself.
func locate(r *source.Resource, path []any) finding.Location {
	if len(path) > 0 && path[0] == "resource" {
		return r.Locator.Locate(path[1:])
	}
	loc := r.Locator.Locate(nil)
	loc.Precision = finding.PrecisionResource
	return loc
}

// SeverityOverrides is the post-processing step that applies configured
// severities by rule id.
func SeverityOverrides(sev map[string]string) Step {
	return func(_ *source.Resource, f *finding.Finding) {
		if s, ok := sev[f.Rule]; ok {
			f.Severity = s
		}
	}
}

// dedupe drops findings identical in rule, location and message, which a
// rule can produce when two paths through its logic reach the same field.
func dedupe(fs []finding.Finding) []finding.Finding {
	type key struct {
		rule, file, arn, name, ptr, msg string
		doc                             int
	}
	seen := make(map[key]struct{}, len(fs))
	out := fs[:0]
	for _, f := range fs {
		k := key{f.Rule, f.Location.File, f.Location.ARN, f.Resource.Name, f.Location.Pointer, f.Message, f.Location.Document}
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
