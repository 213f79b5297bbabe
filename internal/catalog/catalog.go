// Package catalog holds the rule catalog: each rule's id, category,
// severity, kinds, relations, frameworks, options and the rest of its
// METADATA. It does not import OPA, so listing, explaining, validating a
// config and reporting never pay for the policy engine. The built-in
// catalog is generated from the bundle's METADATA when the binary is built
// (builtin.go); user policies add their rules at run time.
package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

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

// IsCategory reports whether name is a category.
func IsCategory(name string) bool { return slices.Contains(Categories, name) }

// idPattern is the form of every rule id, built-in or user: lower-case
// words of letters and digits joined by single hyphens.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidID reports whether id has the form of a rule id.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// Link is a related resource of a rule, AWS documentation first.
type Link struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

// Rule is one rule's catalog entry.
type Rule struct {
	ID          string `json:"id"`
	Category    string `json:"category"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Severity    string `json:"severity"`
	Remediation string `json:"remediation"`
	// Resources are the kinds the rule reads; it runs on nothing else.
	Resources []string `json:"resources"`
	// Needs lists the relations (keys of input.related) without which the
	// rule cannot decide (custom.related).
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
	// Docs is a user rule's documentation page (custom.docs_url).
	Docs string `json:"docs_url,omitempty"`
	// File is the rule's path inside the bundle, or the user's file.
	File string `json:"-"`
}

// DocsURL is where a rule's documentation lives: its section of this
// version's docs/rules.md for a built-in rule, the page a user rule names
// (or nothing).
func (r *Rule) DocsURL(version string) string {
	if r.User {
		return r.Docs
	}
	ref := "main"
	if version != "" && version != "dev" {
		ref = "v" + strings.TrimPrefix(version, "v")
	}
	return "https://github.com/ecslint/ecslint/blob/" + ref + "/docs/rules.md#" + r.ID
}

// Reads reports whether the rule evaluates resources of kind k.
func (r *Rule) Reads(k string) bool { return slices.Contains(r.Resources, k) }

// Metadata is a rule package's METADATA annotation as OPA reads it.
type Metadata struct {
	Title       string
	Description string
	Related     []Link
	Custom      map[string]any
}

// legacyResources maps the custom.resources values of the first rule
// format to kinds and the relation they implied, so user policies written
// against them keep working.
var legacyResources = map[string]struct{ kind, needs string }{
	"task":          {kind.TaskDefinition, ""},
	"service":       {kind.Service, ""},
	"service+task":  {kind.Service, "taskDefinition"},
	"task+instance": {kind.TaskDefinition, kind.InstanceRoles},
}

// NewRule builds a rule from its package METADATA and checks that it is
// complete: title, description, severity, remediation and kinds always;
// related resources for built-in rules (a team's own rule may have none).
func NewRule(file, category, id string, md *Metadata, user bool) (*Rule, error) {
	if !IsCategory(category) {
		return nil, fmt.Errorf("%s: unknown category %q (want one of %s)", file, category, strings.Join(Categories, ", "))
	}
	if !ValidID(id) {
		return nil, fmt.Errorf("%s: rule id %q must be lower-case letters and digits joined by hyphens", file, id)
	}
	if md == nil {
		return nil, fmt.Errorf("%s: no package METADATA", file)
	}
	r := &Rule{ID: id, Category: category, File: file, Enabled: true, User: user,
		Title: md.Title, Description: strings.TrimSpace(md.Description), Related: md.Related}
	custom := md.Custom
	r.Severity, _ = custom["severity"].(string)
	remediation, _ := custom["remediation"].(string)
	r.Remediation = strings.TrimSpace(remediation)
	if err := r.readKinds(custom); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if fw, ok := custom["frameworks"].(map[string]any); ok {
		r.Frameworks = map[string][]string{}
		for name, ids := range fw {
			for _, v := range asList(ids) {
				r.Frameworks[name] = append(r.Frameworks[name], fmt.Sprint(v))
			}
		}
	}
	if e, ok := custom["enabled"].(bool); ok {
		r.Enabled = e
	}
	severities, err := severityCases(custom["severities"])
	if err != nil {
		return nil, fmt.Errorf("%s: custom.severities: %w", file, err)
	}
	r.Severities = severities
	if opts, ok := custom["options"].(map[string]any); ok {
		for name := range opts {
			r.Options = append(r.Options, name)
		}
		sort.Strings(r.Options)
	}
	if user {
		r.Docs, _ = custom["docs_url"].(string)
	}
	var missing []string
	for name, v := range map[string]string{"title": r.Title, "description": r.Description, "custom.severity": r.Severity, "custom.remediation": r.Remediation} {
		if v == "" {
			missing = append(missing, name)
		}
	}
	if len(r.Related) == 0 && !user {
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
		return nil, fmt.Errorf("%s: unknown severity %q (want one of %s)", file, r.Severity, strings.Join(Severities, ", "))
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

// readKinds reads custom.resources (kinds, or the legacy names) and
// custom.related (relations).
func (r *Rule) readKinds(custom map[string]any) error {
	for _, v := range asList(custom["resources"]) {
		s, _ := v.(string)
		if legacy, ok := legacyResources[s]; ok {
			r.Resources = append(r.Resources, legacy.kind)
			if legacy.needs != "" {
				r.Needs = append(r.Needs, legacy.needs)
			}
			continue
		}
		if !kind.Valid(s) {
			return fmt.Errorf("custom.resources names %v, not a kind (want %s)", v, strings.Join(kind.All, ", "))
		}
		r.Resources = append(r.Resources, s)
	}
	for _, v := range asList(custom["related"]) {
		s, _ := v.(string)
		if !slices.Contains(kind.Related(), s) {
			return fmt.Errorf("custom.related names %v, not a relation (want %s)", v, strings.Join(kind.Related(), ", "))
		}
		r.Needs = append(r.Needs, s)
	}
	return nil
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

// Catalog is a set of rules, sorted by category then id.
type Catalog struct {
	Rules []*Rule
	byID  map[string]*Rule
}

// New returns a catalog of rules; ids must be unique.
func New(rules ...*Rule) (*Catalog, error) {
	c := &Catalog{byID: make(map[string]*Rule, len(rules))}
	if err := c.Add(rules...); err != nil {
		return nil, err
	}
	return c, nil
}

// Builtin returns the catalog of the embedded rule bundle. Each call
// returns its own catalog, so adding user rules to one changes no other.
func Builtin() *Catalog {
	rules := make([]*Rule, len(builtin))
	for i := range builtin {
		r := builtin[i]
		rules[i] = &r
	}
	c, err := New(rules...)
	if err != nil {
		// The generator checked the ids; a clash here is a broken build.
		panic(err)
	}
	return c
}

// Add adds rules, which must not reuse an id already in the catalog.
func (c *Catalog) Add(rules ...*Rule) error {
	for _, r := range rules {
		if prev := c.byID[r.ID]; prev != nil {
			return fmt.Errorf("%s: rule id %q is already defined by %s", r.File, r.ID, prev.File)
		}
		c.byID[r.ID] = r
		c.Rules = append(c.Rules, r)
	}
	sort.Slice(c.Rules, func(i, j int) bool {
		if c.Rules[i].Category != c.Rules[j].Category {
			return c.Rules[i].Category < c.Rules[j].Category
		}
		return c.Rules[i].ID < c.Rules[j].ID
	})
	return nil
}

// Rule returns the rule with id, or nil.
func (c *Catalog) Rule(id string) *Rule { return c.byID[id] }

// Frameworks lists the frameworks any rule maps to, sorted.
func (c *Catalog) Frameworks() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range c.Rules {
		for name := range r.Frameworks {
			if !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Defaults returns the rules enabled by default.
func (c *Catalog) Defaults() []*Rule {
	var out []*Rule
	for _, r := range c.Rules {
		if r.Enabled {
			out = append(out, r)
		}
	}
	return out
}
