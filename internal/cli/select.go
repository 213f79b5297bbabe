package cli

import (
	"github.com/ecslint/ecslint/internal/config"
	"github.com/ecslint/ecslint/internal/engine"
)

// selection is what a run evaluates: the rules, their severity overrides
// and the data rules read as data.ecslint.config.
type selection struct {
	rules    []*engine.Rule
	severity map[string]string
	data     map[string]any
}

// flagSetting finds the most specific --enable/--disable entry for r: its
// id beats its category, which beats "all"; at one level, disable wins.
func flagSetting(r *engine.Rule, enable, disable []string) (on, set bool) {
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
// category, config by rule id, then --enable/--disable flags (most specific wins); finally
// --framework narrows to rules mapped to a framework.
func selectRules(cat *engine.Catalog, cfg *config.Config, fl lintFlags) (*selection, error) {
	infos := map[string]config.RuleInfo{}
	for _, r := range cat.Rules {
		infos[r.ID] = config.RuleInfo{Category: r.Category, Options: r.Options}
	}
	if err := cfg.Validate(infos, engine.Categories, engine.Severities); err != nil {
		return nil, err
	}
	enable, disable := splitList(fl.enable), splitList(fl.disable)
	for _, name := range append(append([]string{}, enable...), disable...) {
		if name != "all" && cat.Rule(name) == nil && !engine.IsCategory(name) {
			return nil, usagef("unknown rule or category %q (see 'ecslint rules')", name)
		}
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
		if on && len(fl.frameworks) > 0 {
			on = false
			for _, fw := range fl.frameworks {
				if len(r.Frameworks[fw]) > 0 {
					on = true
				}
			}
		}
		if on {
			sel.rules = append(sel.rules, r)
		}
	}
	sel.data["options"] = options
	regs := make([]any, 0, len(cfg.AllowedRegistries))
	for _, r := range cfg.AllowedRegistries {
		regs = append(regs, r)
	}
	sel.data["allowed_registries"] = regs
	return sel, nil
}
