// Package suppress decides which findings are suppressed and why: ignore
// entries in .ecslint.yaml (with an optional expiry), `ecslint:ignore` tags
// on task definitions and services, `# ecslint:ignore RULE reason` comments
// in YAML, and a baseline of known findings. Suppressed findings stay in
// the result, marked with their reason and source.
package suppress

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/config"
	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/source"
)

// Directive prefixes.
const (
	tagKey        = "ecslint:ignore"
	commentPrefix = "ecslint:ignore"
)

// Suppressor applies every suppression source.
type Suppressor struct {
	ignores  []config.Ignore
	base     string // directory config paths are relative to
	baseline *Baseline
	today    time.Time
	mu       sync.Mutex // guards warnings; Apply runs on every worker
	warnings []string
}

// New builds a suppressor from config ignore entries, dropping the ones
// that expired before now (with a warning) and an optional baseline.
func New(cfg *config.Config, baseline *Baseline, now time.Time) *Suppressor {
	s := &Suppressor{baseline: baseline}
	if cfg.Path != "" {
		s.base = filepath.Dir(cfg.Path)
	}
	today := now.Truncate(24 * time.Hour)
	s.today = today
	for _, ig := range cfg.Ignore {
		if !ig.ExpiresAt.IsZero() && ig.ExpiresAt.Before(today) {
			s.warnings = append(s.warnings, fmt.Sprintf("%s: ignore entry for %s expired on %s and no longer applies", cfg.Path, ig.Rule, ig.Expires))
			continue
		}
		s.ignores = append(s.ignores, ig)
	}
	return s
}

// Warnings are the suppression problems found so far (expired entries,
// directives without a reason).
func (s *Suppressor) Warnings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for _, w := range s.warnings {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// Apply marks f suppressed when a source says so. r is the resource the
// finding is about. Safe for concurrent use.
func (s *Suppressor) Apply(r *source.Resource, f *finding.Finding) {
	if sup := s.fromConfig(f); sup != nil {
		f.Suppressed = sup
		return
	}
	if sup := s.fromSource(r, f); sup != nil {
		f.Suppressed = sup
		return
	}
	if sup := fromTags(r.Value, f.Rule); sup != nil {
		f.Suppressed = sup
		return
	}
	if sup := s.fromComments(r, f); sup != nil {
		f.Suppressed = sup
		return
	}
	if s.baseline != nil && s.baseline.Has(f) {
		f.Suppressed = &finding.Suppression{Reason: "in the baseline", Source: "baseline " + s.baseline.Path}
	}
}

func (s *Suppressor) fromConfig(f *finding.Finding) *finding.Suppression {
	for _, ig := range s.ignores {
		if ig.Rule != "*" && ig.Rule != f.Rule {
			continue
		}
		if len(ig.Paths) > 0 && !s.matchPath(ig.Paths, f.Location.File) {
			continue
		}
		if len(ig.Resources) > 0 && !matchAny(ig.Resources, f.Resource.Name) && !matchARN(ig.Resources, f.Location.ARN) {
			continue
		}
		src := "config " + ig.Rule
		if ig.Expires != "" {
			src += " until " + ig.Expires
		}
		return &finding.Suppression{Reason: ig.Reason, Source: src}
	}
	return nil
}

// matchARN matches a live resource's ARN against resources entries: an
// ARN, or an ARN glob where * stays within a path segment and ** crosses
// them (arn:aws:ecs:*:123456789012:service/prod/*).
func matchARN(globs []string, arn string) bool {
	return arn != "" && matchAny(globs, arn)
}

// matchPath matches globs (with **) against the file as given and as a
// path relative to the config file's directory.
func (s *Suppressor) matchPath(globs []string, file string) bool {
	cands := []string{filepath.ToSlash(filepath.Clean(file))}
	if s.base != "" {
		if abs, err := filepath.Abs(file); err == nil {
			if baseAbs, err := filepath.Abs(s.base); err == nil {
				if rel, err := filepath.Rel(baseAbs, abs); err == nil && !strings.HasPrefix(rel, "..") {
					cands = append(cands, filepath.ToSlash(rel))
				}
			}
		}
	}
	for _, g := range globs {
		for _, c := range cands {
			if ok, _ := doublestar.Match(g, c); ok {
				return true
			}
		}
	}
	return false
}

func matchAny(globs []string, name string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, name); ok {
			return true
		}
	}
	return false
}

// fromTags reads the resource's tags: `ecslint:ignore` = "RULE RULE ..."
// or `ecslint:ignore:RULE` = reason. Tags survive registration, so a live
// audit honours the same suppression.
func fromTags(obj ast.Object, rule string) *finding.Suppression {
	t := obj.Get(ast.StringTerm("tags"))
	if t == nil {
		return nil
	}
	arr, ok := t.Value.(*ast.Array)
	if !ok {
		return nil
	}
	for i := 0; i < arr.Len(); i++ {
		tag, ok := arr.Elem(i).Value.(ast.Object)
		if !ok {
			continue
		}
		key, _ := getString(tag, "key")
		val, _ := getString(tag, "value")
		switch {
		case key == tagKey:
			for _, id := range strings.Fields(val) {
				if id == rule {
					return &finding.Suppression{Reason: "listed in tag " + tagKey, Source: "tag " + tagKey}
				}
			}
		case key == tagKey+":"+rule && strings.TrimSpace(val) != "":
			return &finding.Suppression{Reason: val, Source: "tag " + key}
		}
	}
	return nil
}

// fromSource applies the suppressions a source declares for the
// resource (CloudFormation Metadata), with the same expiry and reason
// rules as config entries.
func (s *Suppressor) fromSource(r *source.Resource, f *finding.Finding) *finding.Suppression {
	for _, ig := range r.Ignores {
		if ig.Rule != f.Rule && ig.Rule != "all" && ig.Rule != "*" {
			continue
		}
		if strings.TrimSpace(ig.Reason) == "" {
			s.warn(fmt.Sprintf("%s: %s ignore for %s without a reason is not applied", f.Location.File, ig.Source, ig.Rule))
			continue
		}
		if ig.Expires != "" {
			t, err := time.Parse(time.DateOnly, ig.Expires)
			if err != nil {
				s.warn(fmt.Sprintf("%s: %s ignore for %s has an invalid expiry %q (want YYYY-MM-DD) and is not applied", f.Location.File, ig.Source, ig.Rule, ig.Expires))
				continue
			}
			if t.Before(s.today) {
				s.warn(fmt.Sprintf("%s: %s ignore for %s expired on %s and no longer applies", f.Location.File, ig.Source, ig.Rule, ig.Expires))
				continue
			}
		}
		return &finding.Suppression{Reason: ig.Reason, Source: ig.Source}
	}
	return nil
}

// fromComments applies `# ecslint:ignore RULE reason` comments attached to
// the offending field or to any of its parents (YAML, HCL).
func (s *Suppressor) fromComments(r *source.Resource, f *finding.Finding) *finding.Suppression {
	for _, c := range r.Locator.Comments(f.ValuePath) {
		for _, line := range strings.Split(c, "\n") {
			d, ok := parseDirective(line)
			if !ok || (d.rule != f.Rule && d.rule != "all") {
				continue
			}
			if !s.applies(f.Location.File, "ecslint:ignore "+d.rule, d.reason, d.expires, "expires=YYYY-MM-DD") {
				continue
			}
			src := "comment in " + f.Location.File
			if d.expires != "" {
				src += " until " + d.expires
			}
			return &finding.Suppression{Reason: d.reason, Source: src}
		}
	}
	return nil
}

// applies checks a directive's reason and expiry, and says why in a
// warning when it does not apply. what names the directive in the
// warning, form the expiry syntax it takes.
func (s *Suppressor) applies(file, what, reason, expires, form string) bool {
	if strings.TrimSpace(reason) == "" {
		s.warn(fmt.Sprintf("%s: %s without a reason is not applied", file, what))
		return false
	}
	if expires == "" {
		return true
	}
	t, err := time.Parse(time.DateOnly, expires)
	if err != nil {
		s.warn(fmt.Sprintf("%s: %s has an invalid expiry %q (want %s) and is not applied", file, what, expires, form))
		return false
	}
	if t.Before(s.today) {
		s.warn(fmt.Sprintf("%s: %s expired on %s and no longer applies", file, what, expires))
		return false
	}
	return true
}

func (s *Suppressor) warn(w string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.warnings = append(s.warnings, w)
}

// directive is one `ecslint:ignore` comment.
type directive struct {
	rule, reason, expires string
}

// parseDirective reads "# ecslint:ignore RULE reason... [expires=YYYY-MM-DD]"
// (also after // in HCL); the expiry may stand anywhere after the rule.
func parseDirective(line string) (directive, bool) {
	line = strings.TrimSpace(line)
	line = strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(line, "//"), "#"))
	rest, found := strings.CutPrefix(line, commentPrefix)
	if !found || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return directive{}, false
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return directive{}, false
	}
	d := directive{rule: fields[0]}
	var words []string
	for _, w := range fields[1:] {
		if v, ok := strings.CutPrefix(w, "expires="); ok {
			d.expires = v
			continue
		}
		words = append(words, w)
	}
	d.reason = strings.Join(words, " ")
	return d, true
}

func getString(obj ast.Object, key string) (string, bool) {
	t := obj.Get(ast.StringTerm(key))
	if t == nil {
		return "", false
	}
	v, ok := t.Value.(ast.String)
	return string(v), ok
}
