package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestBuiltinFates walks OPA's whole builtin list: each builtin is either
// allowed (deterministic, no I/O) or denied with a reason, never both and
// never neither, so upgrading OPA cannot let a new builtin in unexamined.
// A policy calling a denied builtin is rejected at load time, naming it.
func TestBuiltinFates(t *testing.T) {
	t.Parallel()
	allowed := map[string]bool{}
	for _, name := range allowedBuiltins {
		if allowed[name] {
			t.Errorf("%s is listed twice", name)
		}
		allowed[name] = true
	}
	opa := map[string]bool{}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		opa[b.Name] = true
		why, denied := deniedBuiltins[b.Name]
		switch {
		case allowed[b.Name] && denied:
			t.Errorf("%s is both allowed and denied", b.Name)
		case !allowed[b.Name] && !denied:
			t.Errorf("OPA builtin %s has no fate: add it to allowedBuiltins or deniedBuiltins", b.Name)
		case allowed[b.Name] && (b.Nondeterministic || b.IsDeprecated()):
			t.Errorf("%s is allowed but OPA marks it nondeterministic or deprecated", b.Name)
		case denied && why == "":
			t.Errorf("%s is denied without a reason", b.Name)
		}
	}
	for name := range allowed {
		if !opa[name] {
			t.Errorf("allowed builtin %s is not one of this OPA's", name)
		}
	}
	for name := range deniedBuiltins {
		if !opa[name] {
			t.Errorf("denied builtin %s is not one of this OPA's", name)
		}
	}
	caps := map[string]bool{}
	for _, b := range Capabilities().Builtins {
		caps[b.Name] = true
	}
	for name := range opa {
		if caps[name] != allowed[name] {
			t.Errorf("%s: in the capabilities %v, allowed %v", name, caps[name], allowed[name])
		}
	}
	for _, b := range builtins {
		if !caps[b.decl.Name] {
			t.Errorf("ecslint's %s is missing from the capabilities", b.decl.Name)
		}
	}
	if len(Capabilities().AllowNet) != 0 {
		t.Error("capabilities allow network hosts")
	}

	dir := t.TempDir()
	for name := range deniedBuiltins {
		decl := ast.BuiltinMap[name]
		args := strings.TrimSuffix(strings.Repeat("null, ", len(decl.Decl.FuncArgs().Args)), ", ")
		src := "package acme\n\nx := " + name + "(" + args + ")\n"
		file := filepath.Join(dir, strings.ReplaceAll(name, ".", "_")+".rego")
		if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := parseUserFile(file)
		if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), file+":3") {
			t.Errorf("%s: loading a policy that calls it gave %v, want an error naming it and the line", name, err)
		}
	}
}
