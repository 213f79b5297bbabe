package engine

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
)

// query is the router's single entry point.
const query = "data.ecslint.main.findings"

// Options configures which rules run and the data they see.
type Options struct {
	// Rules to compile; nil means every rule enabled by default.
	Rules []*Rule
	// Config is exposed to rules as data.ecslint.config.
	Config map[string]any
	// Trusted skips the capability restriction and the compiler's checking stages (types, unused imports,
	// recursion, capabilities...) that only report errors. The embedded
	// bundle passes them in its own tests, and they are a third of the
	// compile time a pre-commit run pays; user policies never get this.
	Trusted bool
	// Shards compiles the rules as that many separate queries, in parallel.
	// The OPA compiler is single-threaded, so for a run of a few files
	// (a pre-commit hook) compiling on every core beats the ~6 µs an extra
	// query costs per document; large runs use one.
	Shards int
	// FewInputs says the run evaluates only a few documents (a pre-commit
	// hook): compile work that only makes evaluation faster, such as
	// comprehension indices, is skipped, since it costs more than it saves.
	FewInputs bool
	// Schema, when set, type-checks untrusted compiles (user policies)
	// against the input document's JSON Schema.
	Schema *ast.SchemaSet
}

// checkingStages only validate; skipping them changes no compiled rule.
var checkingStages = []ast.StageID{
	ast.StageCheckUnusedImports, ast.StageCheckKeywordOverrides, ast.StageCheckDuplicateImports,
	ast.StageCheckVoidCalls, ast.StageCheckRuleConflicts, ast.StageCheckUndefinedFuncs,
	ast.StageCheckRecursion, ast.StageCheckTypes, ast.StageCheckUnsafeBuiltins,
	ast.StageCheckDeprecatedBuiltins, ast.StageBuildRequiredCapabilities,
	ast.StageRewriteTestRulesForTracing, ast.StageParseMetadataBlocks, ast.StageSetAnnotationSet,
}

// trustedSkips are the stages a compile of the embedded bundle skips: the
// checking stages; the dependency graph, which only they read; and the
// rewrites of print calls, template strings and rego.metadata calls when
// no module's source holds one (about 4 ms of a 38 ms compile together).
func trustedSkips(support []*lazyModule, rules []*Rule) []ast.StageID {
	skip := append([]ast.StageID{ast.StageSetGraph}, checkingStages...)
	mentions := func(s string) bool {
		for _, m := range support {
			if strings.Contains(m.src, s) {
				return true
			}
		}
		for _, r := range rules {
			if strings.Contains(r.mod.src, s) {
				return true
			}
		}
		return false
	}
	if !mentions("print(") {
		skip = append(skip, ast.StageRewritePrintCalls)
	}
	if !mentions("$\"") && !mentions("$`") {
		skip = append(skip, ast.StageRewriteTemplateStrings)
	}
	if !mentions("rego.metadata") {
		skip = append(skip, ast.StageRewriteRegoMetadataCalls)
	}
	return skip
}

// Engine holds the prepared router queries, safe for concurrent use.
type Engine struct {
	pqs   []rego.PreparedEvalQuery
	rules map[string]*Rule
}

// Report is one raw finding as the router returns it.
type Report struct {
	Rule     string
	Category string
	Message  string
	Path     []any // strings and ints
	Severity string
}

// DefaultRules returns the rules enabled by default.
func (c *Catalog) DefaultRules() []*Rule {
	var out []*Rule
	for _, r := range c.Rules {
		if r.Enabled {
			out = append(out, r)
		}
	}
	return out
}

// New compiles the support modules and the given rules, and prepares the
// router query.
func New(ctx context.Context, c *Catalog, opts Options) (*Engine, error) {
	rules := opts.Rules
	if rules == nil {
		rules = c.DefaultRules()
	}
	e := &Engine{rules: make(map[string]*Rule, len(rules))}
	for _, r := range rules {
		e.rules[r.ID] = r
	}
	deps := c.dependencies()
	shards := splitRules(rules, max(opts.Shards, 1), deps)
	support := make([][]*lazyModule, len(shards))
	batch := make([]*lazyModule, 0, len(rules)+len(c.support))
	seen := map[*lazyModule]bool{}
	for i, shard := range shards {
		support[i] = deps.supportFor(shard)
		for _, m := range support[i] {
			if !seen[m] {
				seen[m] = true
				batch = append(batch, m)
			}
		}
		for _, r := range shard {
			batch = append(batch, r.mod)
		}
	}
	// One parallel batch: every module a shard compiles is parsed before
	// any shard starts.
	if _, err := parseLazy(batch); err != nil {
		return nil, fmt.Errorf("parse rules: %w", err)
	}
	e.pqs = make([]rego.PreparedEvalQuery, len(shards))
	errs := make([]error, len(shards))
	var wg sync.WaitGroup
	for i, shard := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.pqs[i], errs[i] = prepare(ctx, c, support[i], shard, opts)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("compile rules: %w", err)
	}
	return e, nil
}

// splitRules deals rules into n groups that cost about the same to
// compile, largest rule first. A rule costs its source and the library
// packages it needs that its group does not compile yet, so rules sharing
// a package tend to share a group and each group compiles less library.
func splitRules(rules []*Rule, n int, deps *dependencies) [][]*Rule {
	if n <= 1 || len(rules) < 2*n {
		return [][]*Rule{rules}
	}
	sorted := append([]*Rule(nil), rules...)
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i].mod.src) > len(sorted[j].mod.src) })
	out := make([][]*Rule, n)
	load := make([]int, n)
	has := make([]map[*lazyModule]bool, n)
	for i := range has {
		has[i] = map[*lazyModule]bool{}
	}
	for _, r := range sorted {
		need := deps.closure(r.mod)
		added := func(k int) int {
			cost := len(r.mod.src)
			for _, m := range need {
				if !has[k][m] {
					cost += len(m.src)
				}
			}
			return cost
		}
		k, best := 0, -1
		for i := range load {
			if total := load[i] + added(i); best < 0 || total < best {
				k, best = i, total
			}
		}
		load[k] = best
		out[k] = append(out[k], r)
		for _, m := range need {
			has[k][m] = true
		}
	}
	return out
}

// prepare compiles the support modules, the user helper modules and one
// group of rules into a prepared router query.
func prepare(ctx context.Context, c *Catalog, support []*lazyModule, rules []*Rule, opts Options) (rego.PreparedEvalQuery, error) {
	args := []func(*rego.Rego){
		rego.Query(query),
		rego.SetRegoVersion(ast.RegoV1),
		rego.GenerateJSON(func(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }),
	}
	args = append(args, builtinOptions()...)
	for _, m := range support {
		args = append(args, rego.ParsedModule(m.mod))
	}
	for _, r := range rules {
		args = append(args, rego.ParsedModule(r.mod.mod))
	}
	for _, name := range sortedNames(c.userModules) {
		args = append(args, rego.ParsedModule(c.userModules[name]))
	}
	if opts.Trusted {
		skip := trustedSkips(support, rules)
		if opts.FewInputs {
			skip = append(skip, ast.StageBuildComprehensionIndices)
		}
		args = append(args, rego.CompilerHook(func(c *ast.Compiler) {
			c.WithSkipStages(skip...)
		}))
	} else {
		args = append(args, rego.Capabilities(Capabilities()))
		if opts.Schema != nil {
			args = append(args, rego.Schemas(opts.Schema))
		}
	}
	cfg := opts.Config
	if cfg == nil {
		cfg = map[string]any{}
	}
	args = append(args, rego.Store(inmem.NewFromObject(map[string]any{"ecslint": map[string]any{"config": cfg}})))
	// Partial evaluation at prepare time (rego.WithPartialEval) was measured
	// and rejected: with this bundle it made evaluation orders of magnitude
	// slower instead of faster.
	return rego.New(args...).PrepareForEval(ctx)
}

// dependencies are the support modules rules need: the router and the
// library packages they refer to, directly or through other library
// packages. Parsing and compiling the rest would only cost start-up time.
// The packages a module needs are read from its source, so that every
// module can be parsed in one parallel batch; TestLibraryReferences checks
// the reading against the parsed references.
type dependencies struct {
	byPkg  map[string]*lazyModule
	always []*lazyModule // compiled with every group of rules
	direct map[*lazyModule][]*lazyModule
}

func (c *Catalog) dependencies() *dependencies {
	d := &dependencies{byPkg: map[string]*lazyModule{}, direct: map[*lazyModule][]*lazyModule{}}
	for _, m := range c.support {
		_, pkg := packageStatement(strings.Split(m.src, "\n"))
		d.byPkg[pkg] = m
		// User helper modules may reach the library without imports, so
		// with user modules loaded every support module is compiled.
		if len(c.userModules) > 0 || !strings.HasPrefix(m.file, "lib/") {
			d.always = append(d.always, m)
		}
	}
	return d
}

// closure is every library module m needs, directly or not.
func (d *dependencies) closure(m *lazyModule) []*lazyModule {
	var out []*lazyModule
	seen := map[*lazyModule]bool{m: true}
	queue := []*lazyModule{m}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		direct, ok := d.direct[cur]
		if !ok {
			for _, pkg := range libPackages(cur.src) {
				if dep := d.byPkg[pkg]; dep != nil {
					direct = append(direct, dep)
				}
			}
			d.direct[cur] = direct
		}
		for _, dep := range direct {
			if !seen[dep] {
				seen[dep] = true
				out = append(out, dep)
				queue = append(queue, dep)
			}
		}
	}
	return out
}

// supportFor returns the support modules a group of rules compiles with,
// sorted by file.
func (d *dependencies) supportFor(rules []*Rule) []*lazyModule {
	need := map[*lazyModule]bool{}
	for _, m := range d.always {
		need[m] = true
		for _, dep := range d.closure(m) {
			need[dep] = true
		}
	}
	for _, r := range rules {
		for _, dep := range d.closure(r.mod) {
			need[dep] = true
		}
	}
	out := make([]*lazyModule, 0, len(need))
	for m := range need {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].file < out[j].file })
	return out
}

// libPrefix starts every reference to a library package.
const libPrefix = "data.ecslint.lib."

// libPackages lists the library packages ("ecslint.lib.x") that Rego
// source refers to, in imports or full references.
func libPackages(src string) []string {
	var out []string
	for {
		i := strings.Index(src, libPrefix)
		if i < 0 {
			return out
		}
		src = src[i+len("data."):]
		end := len("ecslint.lib.")
		for end < len(src) && (src[end] == '_' || ('a' <= src[end] && src[end] <= 'z') || ('A' <= src[end] && src[end] <= 'Z') || ('0' <= src[end] && src[end] <= '9')) {
			end++
		}
		out = append(out, src[:end])
		src = src[end:]
	}
}

func sortedNames(m map[string]*ast.Module) []string {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Eval runs every compiled rule over one input document.
func (e *Engine) Eval(ctx context.Context, input ast.Value) ([]Report, error) {
	if len(e.pqs) == 1 {
		return evalOne(ctx, e.pqs[0], input)
	}
	var out []Report
	for _, pq := range e.pqs {
		reps, err := evalOne(ctx, pq, input)
		if err != nil {
			return nil, err
		}
		out = append(out, reps...)
	}
	return out, nil
}

func evalOne(ctx context.Context, pq rego.PreparedEvalQuery, input ast.Value) ([]Report, error) {
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalMetrics(metrics.NoOp()))
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil
	}
	t, ok := rs[0].Expressions[0].Value.(*ast.Term)
	if !ok {
		return nil, fmt.Errorf("router returned %T", rs[0].Expressions[0].Value)
	}
	set, ok := t.Value.(ast.Set)
	if !ok {
		return nil, fmt.Errorf("router returned %s, want a set", ast.ValueName(t.Value))
	}
	out := make([]Report, 0, set.Len())
	var convErr error
	set.Foreach(func(f *ast.Term) {
		r, err := toReport(f)
		if err != nil {
			convErr = err
			return
		}
		out = append(out, r)
	})
	return out, convErr
}

func toReport(t *ast.Term) (Report, error) {
	obj, ok := t.Value.(ast.Object)
	if !ok {
		return Report{}, fmt.Errorf("finding is %s, want an object", ast.ValueName(t.Value))
	}
	str := func(k string) string {
		if v := obj.Get(ast.StringTerm(k)); v != nil {
			if s, ok := v.Value.(ast.String); ok {
				return string(s)
			}
		}
		return ""
	}
	r := Report{Rule: str("rule"), Category: str("category"), Message: str("message"), Severity: str("severity")}
	if r.Message == "" {
		return r, fmt.Errorf("rule %s: report without a string message", r.Rule)
	}
	p := obj.Get(ast.StringTerm("path"))
	if p == nil {
		return r, fmt.Errorf("rule %s: report without a path", r.Rule)
	}
	arr, ok := p.Value.(*ast.Array)
	if !ok {
		return r, fmt.Errorf("rule %s: report path is not an array", r.Rule)
	}
	for i := 0; i < arr.Len(); i++ {
		switch v := arr.Elem(i).Value.(type) {
		case ast.String:
			r.Path = append(r.Path, string(v))
		case ast.Number:
			n, ok := v.Int()
			if !ok {
				return r, fmt.Errorf("rule %s: report path index %s is not an integer", r.Rule, v)
			}
			r.Path = append(r.Path, n)
		default:
			return r, fmt.Errorf("rule %s: report path element %s is neither string nor integer", r.Rule, v)
		}
	}
	return r, nil
}

// Rule returns the compiled rule with id.
func (e *Engine) Rule(id string) *Rule { return e.rules[id] }
