package cli

import (
	"strings"

	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/config"
)

// selection is what a run evaluates: the rules, their severity overrides
// and the data rules read as data.ecslint.config.
type selection struct {
	rules    []*catalog.Rule
	severity map[string]string
	data     map[string]any
}

// flagSetting finds the most specific --enable/--disable entry for r: its
// id beats its category, which beats "all"; at one level, disable wins.
func flagSetting(r *catalog.Rule, enable, disable []string) (on, set bool) {
	for _, name := range []string{r.ID, r.Category, "all"} {
		if contains(disable, name) {
			return false, true
		}
		if contains(enable, name) {
			return true, true
		}
	}
	return false, false
}

// selectRules applies, in increasing precedence: rule defaults, config by
// category, config by rule id, then --enable/--disable flags (most specific
// wins); finally --framework narrows to rules mapped to a framework. A
// selection that runs nothing is an error: a gate that checks nothing must
// not pass.
func selectRules(cat *catalog.Catalog, cfg *config.Config, fl lintFlags) (*selection, error) {
	infos := map[string]config.RuleInfo{}
	for _, r := range cat.Rules {
		infos[r.ID] = config.RuleInfo{Category: r.Category, Options: r.Options}
	}
	if err := cfg.Validate(infos, catalog.Categories, catalog.Severities); err != nil {
		return nil, err
	}
	enable, disable := splitList(fl.enable), splitList(fl.disable)
	for _, name := range append(append([]string{}, enable...), disable...) {
		if name != "all" && cat.Rule(name) == nil && !catalog.IsCategory(name) {
			return nil, usagef("unknown rule or category %q (see 'ecslint rules')", name)
		}
	}
	frameworks := splitList(fl.frameworks)
	if err := checkFrameworks(cat, frameworks); err != nil {
		return nil, err
	}
	sel := &selection{severity: map[string]string{}, data: map[string]any{}}
	options := map[string]any{}
	for _, r := range cat.Rules {
		on := r.Enabled
		for _, key := range []string{r.Category, r.ID} {
			rc, ok := cfg.Rules[key]
			if !ok {
				continue
			}
			if rc.Enabled != nil {
				on = *rc.Enabled
			}
			if rc.Severity != "" {
				sel.severity[r.ID] = rc.Severity
			}
		}
		if rc, ok := cfg.Rules[r.ID]; ok && len(rc.Options) > 0 {
			options[r.ID] = rc.Options
		}
		if v, ok := flagSetting(r, enable, disable); ok {
			on = v
		}
		if on && len(frameworks) > 0 {
			on = false
			for _, fw := range frameworks {
				if len(r.Frameworks[fw]) > 0 {
					on = true
				}
			}
		}
		if on {
			sel.rules = append(sel.rules, r)
		}
	}
	if len(sel.rules) == 0 {
		return nil, usagef("no rules to run: the config, --enable/--disable and --framework leave none selected (see 'ecslint rules')")
	}
	sel.data["options"] = options
	regs := make([]any, 0, len(cfg.AllowedRegistries))
	for _, r := range cfg.AllowedRegistries {
		regs = append(regs, r)
	}
	sel.data["allowed_registries"] = regs
	return sel, nil
}

// checkFrameworks rejects a --framework no rule maps to; names are
// case-sensitive, as they are in METADATA and the output.
func checkFrameworks(cat *catalog.Catalog, names []string) error {
	known := cat.Frameworks()
	for _, name := range names {
		if contains(known, name) {
			continue
		}
		for _, k := range known {
			if strings.EqualFold(k, name) {
				return usagef("unknown framework %q: did you mean %q?", name, k)
			}
		}
		return usagef("unknown framework %q (want one of %s)", name, strings.Join(known, ", "))
	}
	return nil
}
