// Package engine compiles the embedded Rego bundle once and evaluates every
// enabled rule over one input document through a single prepared query.
// It also reads the rule catalog (ids, categories and METADATA) from the
// parsed modules: annotations are the only place a rule's facts live.
package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/kind"
)

// Severities from most to least severe.
var Severities = []string{"critical", "high", "medium", "low", "info"}

// SeverityRank orders severities: critical is 5, info 1, unknown 0.
func SeverityRank(s string) int {
	for i, v := range Severities {
		if v == s {
			return len(Severities) - i
		}
	}
	return 0
}

// Categories a rule may live in.
var Categories = []string{"correctness", "security", "reliability", "observability"}

// Link is a related resource of a rule, AWS documentation first.
type Link struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

// Rule is one rule's catalog entry, read from its METADATA.
type Rule struct {
	ID          string   `json:"id"`
	Category    string   `json:"category"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Severity    string   `json:"severity"`
	Remediation string   `json:"remediation"`
	Resources   []string `json:"resources"`
	// Needs lists the relations (keys of input.related) without which the
	// rule cannot decide: when one is unresolved the rule is skipped for
	// that resource and the skip is counted (custom.related).
	Needs      []string            `json:"related,omitempty"`
	Frameworks map[string][]string `json:"frameworks,omitempty"`
	Enabled    bool                `json:"enabled"`
	Related    []Link              `json:"related_resources"`
	Options    []string            `json:"options,omitempty"`
	// Severities are the findings reported at another severity than the
	// rule's (custom.severities), for explain and the docs.
	Severities []SeverityCase `json:"severities,omitempty"`
	// User is true for rules loaded with --policy.
	User bool `json:"user,omitempty"`
	// File is the rule's path inside the bundle.
	File string `json:"-"`
	mod  *lazyModule
}

// Catalog is the parsed bundle: the rules and the modules they need.
type Catalog struct {
	Rules []*Rule
	byID  map[string]*Rule
	// support holds the router and library modules, compiled with the rules
	// that need them.
	support map[string]*lazyModule
	// userModules are helper modules of user policies.
	userModules map[string]*ast.Module
	// testFiles are the Rego tests, parsed only for the test runner.
	testFiles []string
	fsys      fs.FS
}

// Rule returns the rule with id, or nil.
func (c *Catalog) Rule(id string) *Rule { return c.byID[id] }

// Categories reports whether name is a category.
func IsCategory(name string) bool {
	for _, c := range Categories {
		if c == name {
			return true
		}
	}
	return false
}

// LoadCatalog reads the bundle's non-test .rego files of fsys and checks
// that each rule's folder and package agree and its METADATA is complete.
// The METADATA and package statement are read from the source; a module is
// parsed only when a run compiles it (parsing every file was a third of a
// pre-commit run). Test files are parsed only when the test runner asks.
func LoadCatalog(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{byID: map[string]*Rule{}, support: map[string]*lazyModule{}, fsys: fsys}
	var ruleMods []*lazyModule
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		if strings.HasSuffix(p, "_test.rego") {
			c.testFiles = append(c.testFiles, p)
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		m := newLazyModule(p, string(src))
		if strings.Count(p, "/") != 2 || strings.HasPrefix(p, "lib/") {
			c.support[p] = m
		} else {
			ruleMods = append(ruleMods, m)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	// Reading METADATA (YAML) is most of this: done on every CPU.
	rules := make([]*Rule, len(ruleMods))
	errs := make([]error, len(ruleMods))
	onEveryCPU(len(ruleMods), func(i int) { rules[i], errs[i] = ruleFromSource(ruleMods[i]) })
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	for _, r := range rules {
		if prev := c.byID[r.ID]; prev != nil {
			return nil, fmt.Errorf("load rules: %s: rule id %q already defined in %s", r.File, r.ID, prev.File)
		}
		c.byID[r.ID] = r
		c.Rules = append(c.Rules, r)
	}
	sortRules(c.Rules)
	return c, nil
}

func sortRules(rules []*Rule) {
	sort.Slice(rules, func(i, j int) bool {
		if rules[i].Category != rules[j].Category {
			return rules[i].Category < rules[j].Category
		}
		return rules[i].ID < rules[j].ID
	})
}

// lazyModule is a module parsed on first use, once, safe for concurrent use.
type lazyModule struct {
	file string
	src  string
	once sync.Once
	mod  *ast.Module
	err  error
}

func newLazyModule(file, src string) *lazyModule { return &lazyModule{file: file, src: src} }

// parsedModule wraps a module that is already parsed (user policies).
func parsedModule(file string, m *ast.Module) *lazyModule {
	l := &lazyModule{file: file, mod: m}
	l.once.Do(func() {})
	return l
}

func (l *lazyModule) module() (*ast.Module, error) {
	l.once.Do(func() {
		l.mod, l.err = ast.ParseModuleWithOpts(l.file, l.src, ast.ParserOptions{RegoVersion: ast.RegoV1})
	})
	return l.mod, l.err
}

// onEveryCPU calls f(0) ... f(n-1) on GOMAXPROCS goroutines and waits.
func onEveryCPU(n int, f func(i int)) {
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), n)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(i)
			}
		}(w)
	}
	wg.Wait()
}

// parseLazy parses the modules not parsed yet on every CPU and returns
// them parsed, in order.
func parseLazy(mods []*lazyModule) ([]*ast.Module, error) {
	out := make([]*ast.Module, len(mods))
	errs := make([]error, len(mods))
	onEveryCPU(len(mods), func(i int) { out[i], errs[i] = mods[i].module() })
	return out, errors.Join(errs...)
}

// parseAll parses files on every CPU.
func parseAll(fsys fs.FS, files []string) ([]*ast.Module, error) {
	mods := make([]*lazyModule, len(files))
	for i, p := range files {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		mods[i] = newLazyModule(p, string(src))
	}
	return parseLazy(mods)
}

func parseFile(fsys fs.FS, p string) (*ast.Module, error) {
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, err
	}
	return ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
}

// ruleFromSource reads a rule's identity from its package statement and its
// METADATA from the comments above it, without parsing the module. The
// package must agree with the folder, so the id is written exactly once.
func ruleFromSource(m *lazyModule) (*Rule, error) {
	lines := strings.Split(m.src, "\n")
	pkgLine, _ := packageStatement(lines)
	if pkgLine < 0 {
		return nil, fmt.Errorf("%s: no package statement", m.file)
	}
	category, id, err := rulePackageLine(m.file, pkgLine+1, strings.TrimSpace(lines[pkgLine]))
	if err != nil {
		return nil, err
	}
	md, err := sourceMetadata(m.file, lines, pkgLine)
	if err != nil {
		return nil, err
	}
	r, err := ruleMetadata(m.file, md, category, id)
	if err != nil {
		return nil, err
	}
	r.mod = m
	return r, nil
}

// packageStatement finds a module's package statement in its source lines
// without parsing them: its index and the package ("ecslint.lib.x"), or -1
// when there is none.
func packageStatement(lines []string) (int, string) {
	for i, l := range lines {
		if rest, ok := strings.CutPrefix(l, "package "); ok {
			return i, strings.TrimSpace(rest)
		}
	}
	return -1, ""
}

// rulePackageLine reads a bundle rule's package statement, which must be
// written `package ecslint.rules.<category>["<id>"]`, without the Rego
// parser (creating one per file was a fifth of loading the catalog), and
// checks it against the rule's folder.
func rulePackageLine(file string, row int, line string) (category, id string, err error) {
	rest := strings.TrimPrefix(line, "package ecslint.rules.")
	category, quoted, ok := strings.Cut(rest, "[")
	if rest == line || !ok || !strings.HasPrefix(quoted, `"`) || !strings.HasSuffix(quoted, `"]`) || len(quoted) < 4 {
		return "", "", fmt.Errorf("%s:%d: package must be written ecslint.rules.<category>[\"<id>\"], not %q", file, row, line)
	}
	id = quoted[1 : len(quoted)-2]
	if want := category + "/" + id; path.Dir(file) != want {
		return "", "", fmt.Errorf("%s:%d: package %s does not match its folder %s", file, row, strings.TrimPrefix(line, "package "), path.Dir(file))
	}
	return category, id, nil
}

// legacyResources maps the custom.resources values of the first rule
// format to kinds and the relation they implied.
var legacyResources = map[string]struct{ kind, needs string }{
	"task":          {kind.TaskDefinition, ""},
	"service":       {kind.Service, ""},
	"service+task":  {kind.Service, "taskDefinition"},
	"task+instance": {kind.TaskDefinition, kind.InstanceRoles},
}

// ruleMetadata builds a rule from its package METADATA and checks that it
// is complete.
func ruleMetadata(file string, ann *metadata, category, id string) (*Rule, error) {
	if !IsCategory(category) {
		return nil, fmt.Errorf("%s: unknown category %q (want one of %s)", file, category, strings.Join(Categories, ", "))
	}
	r := &Rule{ID: id, Category: category, File: file, Enabled: true}
	if ann == nil {
		return nil, fmt.Errorf("%s: no package METADATA", file)
	}
	r.Title, r.Description = ann.Title, strings.TrimSpace(ann.Description)
	r.Related = ann.links()
	r.Severity, _ = ann.Custom["severity"].(string)
	r.Remediation, _ = ann.Custom["remediation"].(string)
	r.Remediation = strings.TrimSpace(r.Remediation)
	for _, v := range asList(ann.Custom["resources"]) {
		s, _ := v.(string)
		if legacy, ok := legacyResources[s]; ok {
			// The names rules used before kinds (task, service+task...)
			// keep working for user policies written against them.
			r.Resources = append(r.Resources, legacy.kind)
			if legacy.needs != "" {
				r.Needs = append(r.Needs, legacy.needs)
			}
			continue
		}
		if !kind.Valid(s) {
			return nil, fmt.Errorf("%s: custom.resources names %v, not a kind (want %s)", file, v, strings.Join(kind.All, ", "))
		}
		r.Resources = append(r.Resources, s)
	}
	for _, v := range asList(ann.Custom["related"]) {
		s, _ := v.(string)
		if !slices.Contains(kind.Related(), s) {
			return nil, fmt.Errorf("%s: custom.related names %v, not a relation (want %s)", file, v, strings.Join(kind.Related(), ", "))
		}
		r.Needs = append(r.Needs, s)
	}
	if fw, ok := ann.Custom["frameworks"].(map[string]any); ok {
		r.Frameworks = map[string][]string{}
		for name, ids := range fw {
			for _, v := range asList(ids) {
				r.Frameworks[name] = append(r.Frameworks[name], fmt.Sprint(v))
			}
		}
	}
	if e, ok := ann.Custom["enabled"].(bool); ok {
		r.Enabled = e
	}
	severities, err := severityCases(ann.Custom["severities"])
	if err != nil {
		return nil, fmt.Errorf("%s: custom.severities: %w", file, err)
	}
	r.Severities = severities
	if opts, ok := ann.Custom["options"].(map[string]any); ok {
		for name := range opts {
			r.Options = append(r.Options, name)
		}
		sort.Strings(r.Options)
	}
	var missing []string
	for name, v := range map[string]string{"title": r.Title, "description": r.Description, "custom.severity": r.Severity, "custom.remediation": r.Remediation} {
		if v == "" {
			missing = append(missing, name)
		}
	}
	if len(r.Related) == 0 {
		missing = append(missing, "related_resources")
	}
	if len(r.Resources) == 0 {
		missing = append(missing, "custom.resources")
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("%s: METADATA lacks %s", file, strings.Join(missing, ", "))
	}
	if SeverityRank(r.Severity) == 0 {
		return nil, fmt.Errorf("%s: unknown severity %q", file, r.Severity)
	}
	for _, c := range r.Severities {
		if c.Severity == r.Severity {
			return nil, fmt.Errorf("%s: custom.severities lists %s, the rule's own severity", file, c.Severity)
		}
	}
	return r, nil
}

// SeverityCase is a kind of finding a rule reports at another severity
// than its own, and when.
type SeverityCase struct {
	Severity string `json:"severity"`
	When     string `json:"when"`
}

// severityCases reads custom.severities: a list of {severity, when}.
func severityCases(v any) ([]SeverityCase, error) {
	var out []SeverityCase
	for _, e := range asList(v) {
		m, _ := e.(map[string]any)
		sev, _ := m["severity"].(string)
		when, _ := m["when"].(string)
		if SeverityRank(sev) == 0 || strings.TrimSpace(when) == "" {
			return nil, fmt.Errorf("want entries {severity: critical|high|medium|low|info, when: ...}, got %v", e)
		}
		out = append(out, SeverityCase{Severity: sev, When: strings.TrimSpace(when)})
	}
	return out, nil
}

func asList(v any) []any {
	switch l := v.(type) {
	case []any:
		return l
	case nil:
		return nil
	default:
		return []any{l}
	}
}

// DocsURL is where a rule's page lives in the generated docs.
func (r *Rule) DocsURL(version string) string {
	ref := "main"
	if version != "" && version != "dev" {
		ref = "v" + strings.TrimPrefix(version, "v")
	}
	return "https://github.com/ecslint/ecslint/blob/" + ref + "/docs/rules.md#" + r.ID
}

// Modules parses the bundle and the test files and returns every module,
// tests included, keyed by file name: what the Rego test runner needs.
func (c *Catalog) Modules() (map[string]*ast.Module, error) {
	tests, err := parseAll(c.fsys, c.testFiles)
	if err != nil {
		return nil, err
	}
	var lazy []*lazyModule
	for _, m := range c.support {
		lazy = append(lazy, m)
	}
	for _, r := range c.Rules {
		lazy = append(lazy, r.mod)
	}
	mods, err := parseLazy(lazy)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*ast.Module, len(mods)+len(tests))
	for i, m := range mods {
		out[lazy[i].file] = m
	}
	for i, m := range tests {
		out[c.testFiles[i]] = m
	}
	return out, nil
}

// TestModule parses the test module of a rule; nil when there is none.
func (c *Catalog) TestModule(r *Rule) (*ast.Module, error) {
	name := path.Dir(r.File) + "/" + r.ID + "_test.rego"
	for _, f := range c.testFiles {
		if f == name {
			return parseFile(c.fsys, name)
		}
	}
	return nil, nil
}

// Reads reports whether the rule evaluates resources of kind k, from its
// custom.resources METADATA.
func (r *Rule) Reads(k string) bool {
	return slices.Contains(r.Resources, k)
}
