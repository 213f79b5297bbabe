package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/ecslint/ecslint/internal/source"
)

// VarArg is one --var or --var-file flag. Terraform applies them in the
// order given, after the files it reads by itself.
type VarArg struct {
	// File is a .tfvars or .tfvars.json file (--var-file).
	File string
	// Name and Value are one --var NAME=VALUE.
	Name, Value string
}

// ParseVar splits a --var argument.
func ParseVar(s string) (VarArg, error) {
	name, value, ok := strings.Cut(s, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return VarArg{}, fmt.Errorf("--var %q: want NAME=VALUE", name)
	}
	return VarArg{Name: name, Value: value}, nil
}

// rawValue is a variable's value before the declared type applies: an
// expression from a file, or a string from the command line.
type rawValue struct {
	expr hcl.Expression
	flag *string
}

// rootValues collects the root module's variable values with Terraform's
// precedence (later wins): terraform.tfvars, terraform.tfvars.json,
// *.auto.tfvars(.json) in lexical order, then --var and --var-file in the
// order given. Environment variables (TF_VAR_*) are not read, so a run
// depends on its files and flags only.
func rootValues(dir string, args []VarArg, read func(string) ([]byte, error)) (map[string]rawValue, int, []*source.Error) {
	vals := map[string]rawValue{}
	var errs []*source.Error
	files := 0
	load := func(name string, required bool) {
		src, err := read(name)
		if err != nil {
			if required || !os.IsNotExist(err) {
				errs = append(errs, &source.Error{File: name, Err: err})
			}
			return
		}
		files++
		f, diags := parseSyntax(name, src)
		errs = append(errs, located(diags)...)
		if f == nil {
			return
		}
		attrs, diags := f.Body.JustAttributes()
		errs = append(errs, located(diags)...)
		for n, a := range attrs {
			vals[n] = rawValue{expr: a.Expr}
		}
	}
	load(filepath.Join(dir, "terraform.tfvars"), false)
	load(filepath.Join(dir, "terraform.tfvars.json"), false)
	auto, _ := filepath.Glob(filepath.Join(dir, "*.auto.tfvars"))
	autoJSON, _ := filepath.Glob(filepath.Join(dir, "*.auto.tfvars.json"))
	auto = append(auto, autoJSON...)
	sort.Slice(auto, func(i, j int) bool { return filepath.Base(auto[i]) < filepath.Base(auto[j]) })
	for _, f := range auto {
		load(f, false)
	}
	for _, a := range args {
		if a.File != "" {
			load(a.File, true)
			continue
		}
		v := a.Value
		vals[a.Name] = rawValue{flag: &v}
	}
	return vals, files, errs
}

// value evaluates a raw value: a flag's text is the string itself for
// primitive and unspecified types and an HCL expression otherwise, as
// Terraform reads -var.
func (v *variable) value(raw rawValue) (cty.Value, error) {
	if raw.flag != nil {
		if v.typ.IsPrimitiveType() || v.typ == cty.DynamicPseudoType {
			return cty.StringVal(*raw.flag), nil
		}
		expr, diags := hclsyntax.ParseExpression([]byte(*raw.flag), "--var "+v.name, hcl.InitialPos)
		if diags.HasErrors() {
			return cty.NilVal, fmt.Errorf("--var %s: %s", v.name, diags.Error())
		}
		raw = rawValue{expr: expr}
	}
	val, diags := safeValue(raw.expr, nil)
	if diags.HasErrors() {
		return cty.NilVal, fmt.Errorf("variable %s: %s", v.name, diags[0].Summary)
	}
	return val, nil
}

func located(diags hcl.Diagnostics) []*source.Error {
	var out []*source.Error
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		e := &source.Error{Err: fmt.Errorf("%s", strings.TrimSpace(d.Summary+"; "+d.Detail))}
		if d.Subject != nil {
			e.File, e.Line, e.Col = d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column
		}
		out = append(out, e)
	}
	return out
}
