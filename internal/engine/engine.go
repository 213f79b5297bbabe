// Package engine evaluates the rules over one input document. The built-in
// bundle is compiled when the binary is built (go generate, gen/) and
// embedded in compiled form, so a run loads it without parsing or
// compiling Rego; user policies are compiled on top of it. A run then
// selects its rules, prepares one query per resource kind over them, and
// evaluates it for each input.
package engine

//go:generate go run ./gen

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown/print"

	"github.com/ecslint/ecslint/internal/catalog"
)

// Deadlines for evaluating the rules over one resource. User policies get
// a short default (a rule takes well under a millisecond); the built-in
// rules only a safety net against a bug that would hang a CI job.
const (
	DefaultPolicyTimeout = 5 * time.Second
	builtinTimeout       = time.Minute
)

// Options says what an engine runs.
type Options struct {
	// Rules are the selected rules, built-in and user; each runs only on
	// the kinds its METADATA lists.
	Rules []*catalog.Rule
	// Policies are the user policies the selected user rules come from.
	Policies *Policies
	// Config is exposed to rules as data.ecslint.config.
	Config map[string]any
	// Print, when set, receives the output of print() in user rules
	// (--debug); without it print() is compiled away.
	Print print.Hook
	// PolicyTimeout bounds a user rule's evaluation of one resource
	// (DefaultPolicyTimeout when zero).
	PolicyTimeout time.Duration
}

// Engine holds the prepared queries, safe for concurrent use.
type Engine struct {
	rules  map[string]*catalog.Rule
	byKind map[string][]*query
}

// query is one prepared query over a set of rules: all the built-in rules
// a kind selects, or one user rule, so that a user rule that runs past its
// deadline can be named and stopped.
type query struct {
	pq       rego.PreparedEvalQuery
	rules    []*catalog.Rule // position i of the result is rules[i]'s report
	deadline time.Duration
	user     bool
	stopped  atomic.Bool
}

// Report is one raw finding as a rule returns it.
type Report struct {
	Rule     string
	Category string
	Message  string
	Path     []any // strings and ints
	Severity string
}

// New loads the compiled bundle, compiles the user policies on top of it,
// and prepares a query per kind over the selected rules.
func New(ctx context.Context, opts Options) (*Engine, error) {
	var user map[string]*ast.Module
	if opts.Policies != nil {
		var err error
		if user, err = opts.Policies.compile(opts.Print != nil); err != nil {
			return nil, err
		}
	}
	c, err := loadCompiled(user)
	if err != nil {
		return nil, err
	}
	return prepare(ctx, c, opts)
}

// prepare builds the engine over a compiler holding every module.
func prepare(ctx context.Context, c *ast.Compiler, opts Options) (*Engine, error) {
	cfg := opts.Config
	if cfg == nil {
		cfg = map[string]any{}
	}
	// Rules read data.ecslint.config on every evaluation: keeping it as
	// AST spares a conversion each time.
	store := inmem.NewFromObjectWithOpts(map[string]any{"ecslint": map[string]any{"config": cfg}},
		inmem.OptReturnASTValuesOnRead(true))
	userTimeout := opts.PolicyTimeout
	if userTimeout <= 0 {
		userTimeout = DefaultPolicyTimeout
	}
	e := &Engine{rules: map[string]*catalog.Rule{}, byKind: map[string][]*query{}}
	builtinByKind := map[string][]*catalog.Rule{}
	for _, r := range opts.Rules {
		e.rules[r.ID] = r
		if !r.User {
			for _, k := range r.Resources {
				builtinByKind[k] = append(builtinByKind[k], r)
			}
			continue
		}
		// One query per user rule, whatever kinds it reads, so that a
		// stopped rule is stopped for all of them.
		q, err := newQuery(ctx, c, store, []*catalog.Rule{r}, opts.Print)
		if err != nil {
			return nil, err
		}
		q.user, q.deadline = true, userTimeout
		for _, k := range r.Resources {
			e.byKind[k] = append(e.byKind[k], q)
		}
	}
	for k, rules := range builtinByKind {
		q, err := newQuery(ctx, c, store, rules, nil)
		if err != nil {
			return nil, err
		}
		q.deadline = builtinTimeout
		e.byKind[k] = append([]*query{q}, e.byKind[k]...)
	}
	return e, nil
}

// newQuery prepares `[data.ecslint.rules.<category>["<id>"].report, ...]`:
// each rule's report set by its full path, which evaluates that rule and
// what it calls, and nothing else of the bundle.
func newQuery(ctx context.Context, c *ast.Compiler, store storage.Store, rules []*catalog.Rule, hook print.Hook) (*query, error) {
	refs := make([]*ast.Term, len(rules))
	for i, r := range rules {
		refs[i] = ast.RefTerm(ast.DefaultRootDocument, ast.StringTerm("ecslint"), ast.StringTerm("rules"),
			ast.StringTerm(r.Category), ast.StringTerm(r.ID), ast.StringTerm("report"))
	}
	args := append([]func(*rego.Rego){
		rego.Compiler(c),
		rego.Store(store),
		rego.ParsedQuery(ast.NewBody(ast.NewExpr(ast.ArrayTerm(refs...)))),
		// The result stays AST: converting it to Go values would be the
		// largest allocation of an evaluation.
		rego.GenerateJSON(func(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }),
	}, builtinOptions()...)
	if hook != nil {
		args = append(args, rego.PrintHook(hook), rego.EnablePrintStatements(true))
	}
	pq, err := rego.New(args...).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("prepare rules: %w", err)
	}
	return &query{pq: pq, rules: rules}, nil
}

// kindOf reads input.kind.
func kindOf(input ast.Value) string {
	obj, ok := input.(ast.Object)
	if !ok {
		return ""
	}
	if t := obj.Get(ast.InternedTerm("kind")); t != nil {
		if s, ok := t.Value.(ast.String); ok {
			return string(s)
		}
	}
	return ""
}

// Eval runs the rules that read input.kind over one input document. When
// some rules fail, it returns the reports of the others with the error.
func (e *Engine) Eval(ctx context.Context, input ast.Value) ([]Report, error) {
	return e.evalKind(ctx, kindOf(input), input)
}

// evalKind runs the queries prepared for kind k over input.
func (e *Engine) evalKind(ctx context.Context, k string, input ast.Value) ([]Report, error) {
	var out []Report
	var errs []error
	for _, q := range e.byKind[k] {
		var err error
		if out, err = q.eval(ctx, input, out); err != nil {
			errs = append(errs, err)
		}
	}
	return out, errors.Join(errs...)
}

func (q *query) eval(ctx context.Context, input ast.Value, out []Report) ([]Report, error) {
	if q.stopped.Load() {
		return out, nil
	}
	ctx, cancel := context.WithTimeout(ctx, q.deadline)
	defer cancel()
	rs, err := q.pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalMetrics(metrics.NoOp()))
	if err != nil {
		return out, q.evalError(ctx, err)
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		return out, fmt.Errorf("%s: no result", q.name())
	}
	var arr *ast.Array
	if t, ok := rs[0].Expressions[0].Value.(*ast.Term); ok {
		arr, _ = t.Value.(*ast.Array)
	}
	if arr == nil || arr.Len() != len(q.rules) {
		return out, fmt.Errorf("%s: unexpected result %v", q.name(), rs[0].Expressions[0].Value)
	}
	var errs []error
	for i, r := range q.rules {
		set, ok := arr.Elem(i).Value.(ast.Set)
		if !ok {
			errs = append(errs, fmt.Errorf("rule %s: report is %s, want a set", r.ID, ast.ValueName(arr.Elem(i).Value)))
			continue
		}
		set.Foreach(func(f *ast.Term) {
			rep, err := toReport(r, f)
			if err != nil {
				errs = append(errs, err)
				return
			}
			out = append(out, rep)
		})
	}
	return out, errors.Join(errs...)
}

// evalError explains a failed evaluation; a user rule past its deadline is
// named and stopped for the rest of the run, since it would cost every
// remaining resource the same wait.
func (q *query) evalError(ctx context.Context, err error) error {
	if ctx.Err() == nil || !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", q.name(), err)
	}
	if q.user {
		q.stopped.Store(true)
		return fmt.Errorf("%s did not finish within %s and is stopped for the rest of the run (--policy-timeout)", q.name(), q.deadline)
	}
	return fmt.Errorf("%s did not finish within %s", q.name(), q.deadline)
}

func (q *query) name() string {
	if q.user {
		return fmt.Sprintf("user rule %s (%s)", q.rules[0].ID, q.rules[0].File)
	}
	return "built-in rules"
}

// toReport checks one finding of rule r: a non-empty message, a path of
// keys and indices, and a severity, when the rule sets one, among the five.
func toReport(r *catalog.Rule, t *ast.Term) (Report, error) {
	rep := Report{Rule: r.ID, Category: r.Category}
	obj, ok := t.Value.(ast.Object)
	if !ok {
		return rep, fmt.Errorf("rule %s: finding is %s, want an object", r.ID, ast.ValueName(t.Value))
	}
	str := func(k string) (string, bool) {
		v := obj.Get(ast.InternedTerm(k))
		if v == nil {
			return "", true
		}
		s, ok := v.Value.(ast.String)
		return string(s), ok
	}
	var okMsg, okSev bool
	rep.Message, okMsg = str("message")
	rep.Severity, okSev = str("severity")
	if !okMsg || rep.Message == "" {
		return rep, fmt.Errorf("rule %s: finding without a string message", r.ID)
	}
	if !okSev || (rep.Severity != "" && catalog.SeverityRank(rep.Severity) == 0) {
		return rep, fmt.Errorf("rule %s: finding severity %v is not one of %s", r.ID, obj.Get(ast.InternedTerm("severity")), strings.Join(catalog.Severities, ", "))
	}
	p := obj.Get(ast.InternedTerm("path"))
	if p == nil {
		return rep, fmt.Errorf("rule %s: finding without a path", r.ID)
	}
	arr, ok := p.Value.(*ast.Array)
	if !ok {
		return rep, fmt.Errorf("rule %s: finding path is not an array", r.ID)
	}
	rep.Path = make([]any, 0, arr.Len())
	for i := 0; i < arr.Len(); i++ {
		switch v := arr.Elem(i).Value.(type) {
		case ast.String:
			rep.Path = append(rep.Path, string(v))
		case ast.Number:
			n, ok := v.Int()
			if !ok {
				return rep, fmt.Errorf("rule %s: finding path index %s is not an integer", r.ID, v)
			}
			rep.Path = append(rep.Path, n)
		default:
			return rep, fmt.Errorf("rule %s: finding path element %s is neither a key nor an index", r.ID, v)
		}
	}
	return rep, nil
}

// Rule returns the selected rule with id.
func (e *Engine) Rule(id string) *catalog.Rule { return e.rules[id] }
