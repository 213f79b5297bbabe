// Package config reads .ecslint.yaml: a versioned, strictly validated file
// (unknown keys, rule ids and options are errors, with their line), found in
// the working directory or its parents up to the repository root.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// FileNames are looked for, in this order, when no --config is given.
var FileNames = []string{".ecslint.yaml", ".ecslint.yml"}

// Config is the content of .ecslint.yaml.
type Config struct {
	Version           int                   `yaml:"version"`
	Rules             map[string]RuleConfig `yaml:"rules"`
	InstanceRoles     []string              `yaml:"instance_roles"`
	AllowedRegistries []string              `yaml:"allowed_registries"`
	Ignore            []Ignore              `yaml:"ignore"`
	// Policies are directories of user rules, relative to the config file.
	Policies []string `yaml:"policies"`
	// PolicyTimeout bounds a user rule's evaluation of one resource
	// ("2s"); zero means the engine's default.
	PolicyTimeout time.Duration `yaml:"policy_timeout"`
	// Path is the file the config came from ("" for defaults).
	Path string `yaml:"-"`
}

// RuleConfig tunes one rule (or every rule of a category).
type RuleConfig struct {
	Severity string `yaml:"severity"`
	Enabled  *bool  `yaml:"enabled"`
	// Options are the rule's own settings, validated against its METADATA.
	Options map[string]any `yaml:",inline"`
}

// Ignore suppresses findings; a reason is mandatory.
type Ignore struct {
	Rule      string   `yaml:"rule"`
	Paths     []string `yaml:"paths"`
	Resources []string `yaml:"resources"`
	Reason    string   `yaml:"reason"`
	Expires   string   `yaml:"expires"`
	// ExpiresAt is Expires parsed (zero when none).
	ExpiresAt time.Time `yaml:"-"`
}

// Parse reads and validates a config. name is used in errors.
func Parse(name string, data []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	c.Path = name
	for i, p := range c.Policies {
		if !filepath.IsAbs(p) {
			c.Policies[i] = filepath.Join(filepath.Dir(name), p)
		}
	}
	if c.Version != 1 {
		return nil, fmt.Errorf("%s: version must be 1 (got %d)", name, c.Version)
	}
	if c.PolicyTimeout < 0 {
		return nil, fmt.Errorf("%s: policy_timeout must be positive (got %s)", name, c.PolicyTimeout)
	}
	for i := range c.Ignore {
		ig := &c.Ignore[i]
		if ig.Rule == "" {
			return nil, fmt.Errorf("%s: ignore[%d]: rule is required", name, i)
		}
		if strings.TrimSpace(ig.Reason) == "" {
			return nil, fmt.Errorf("%s: ignore[%d] (%s): a reason is required", name, i, ig.Rule)
		}
		if ig.Expires != "" {
			t, err := time.Parse(time.DateOnly, ig.Expires)
			if err != nil {
				return nil, fmt.Errorf("%s: ignore[%d] (%s): expires must be a date like 2026-12-31", name, i, ig.Rule)
			}
			ig.ExpiresAt = t
		}
		for _, g := range append(append([]string{}, ig.Paths...), ig.Resources...) {
			if _, err := filepath.Match(g, ""); err != nil {
				return nil, fmt.Errorf("%s: ignore[%d] (%s): bad pattern %q", name, i, ig.Rule, g)
			}
		}
	}
	return &c, nil
}

// Load reads the config at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// Discover looks for a config file in dir and its parents up to the
// repository root (a directory holding .git). Outside a repository it
// looks in dir only: a config in some parent directory (a home directory,
// a shared mount) must not silently apply to an unrelated run. It returns
// "" when none.
func Discover(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	root := repositoryRoot(dir)
	for {
		for _, n := range FileNames {
			p := filepath.Join(dir, n)
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
		if root == "" || dir == root {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// repositoryRoot is the nearest directory at or above dir holding .git,
// or "" when there is none.
func repositoryRoot(dir string) string {
	for {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Warnings are legal settings that deserve a second look: an ignore entry
// for every rule that names no path or resource turns the linter off.
func (c *Config) Warnings() []string {
	var out []string
	for i, ig := range c.Ignore {
		if ig.Rule == "*" && len(ig.Paths) == 0 && len(ig.Resources) == 0 {
			out = append(out, fmt.Sprintf("%s: ignore[%d] suppresses every rule on every resource (rule \"*\" without paths or resources)", c.Path, i))
		}
	}
	return out
}

// RuleInfo is what validation needs to know of a rule.
type RuleInfo struct {
	Category string
	Options  []string
}

// Validate checks rule ids, severities and options against the catalog.
// Keys of rules may name a rule or a whole category.
func (c *Config) Validate(rules map[string]RuleInfo, categories []string, severities []string) error {
	ids := make([]string, 0, len(c.Rules))
	for id := range c.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		rc := c.Rules[id]
		info, isRule := rules[id]
		if !isRule && !contains(categories, id) {
			return fmt.Errorf("%s: rules: unknown rule or category %q", c.Path, id)
		}
		if rc.Severity != "" && !contains(severities, rc.Severity) {
			return fmt.Errorf("%s: rules.%s.severity: %q is not one of %s", c.Path, id, rc.Severity, strings.Join(severities, ", "))
		}
		for opt := range rc.Options {
			if !isRule || !contains(info.Options, opt) {
				return fmt.Errorf("%s: rules.%s: unknown option %q", c.Path, id, opt)
			}
		}
	}
	for i, ig := range c.Ignore {
		if _, ok := rules[ig.Rule]; !ok && ig.Rule != "*" {
			return fmt.Errorf("%s: ignore[%d]: unknown rule %q", c.Path, i, ig.Rule)
		}
	}
	return nil
}

func contains(l []string, s string) bool {
	for _, v := range l {
		if v == s {
			return true
		}
	}
	return false
}
