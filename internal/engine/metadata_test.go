package engine

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/rules"
)

// TestMetadataMatchesOPA checks that the fast METADATA reader agrees with
// OPA's annotation processing on every rule of the bundle.
func TestMetadataMatchesOPA(t *testing.T) {
	t.Parallel()
	cat, err := LoadCatalog(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cat.Rules {
		src, err := fs.ReadFile(rules.FS, r.File)
		if err != nil {
			t.Fatal(err)
		}
		m, err := ast.ParseModuleWithOpts(r.File, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatalf("%s: OPA rejects the annotations: %v", r.File, err)
		}
		var ann *ast.Annotations
		for _, a := range m.Annotations {
			if a.Scope == "package" {
				ann = a
			}
		}
		if ann == nil {
			t.Fatalf("%s: OPA finds no package METADATA", r.File)
		}
		var related []Link
		for _, rr := range ann.RelatedResources {
			related = append(related, Link{URL: rr.Ref.String(), Description: rr.Description})
		}
		want := map[string]any{
			"title":       ann.Title,
			"description": strings.TrimSpace(ann.Description),
			"related":     related,
			"severity":    ann.Custom["severity"],
			"remediation": strings.TrimSpace(ann.Custom["remediation"].(string)),
		}
		got := map[string]any{
			"title":       r.Title,
			"description": r.Description,
			"related":     r.Related,
			"severity":    r.Severity,
			"remediation": r.Remediation,
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: METADATA read differently from OPA (-opa +ecslint):\n%s", r.File, diff)
		}
		if e, ok := ann.Custom["enabled"].(bool); ok && e != r.Enabled {
			t.Errorf("%s: enabled %v, OPA reads %v", r.File, r.Enabled, e)
		}
	}
}

// TestLibraryReferences checks that the library packages supportFor reads
// from each module's source include every library package its parsed
// references reach, so no rule compiles without a package it needs.
func TestLibraryReferences(t *testing.T) {
	t.Parallel()
	cat, err := LoadCatalog(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	mods, err := cat.Modules()
	if err != nil {
		t.Fatal(err)
	}
	for file, m := range mods {
		if strings.HasSuffix(file, "_test.rego") {
			continue
		}
		src, err := fs.ReadFile(rules.FS, file)
		if err != nil {
			t.Fatal(err)
		}
		read := map[string]bool{}
		for _, pkg := range libPackages(string(src)) {
			read["data."+pkg] = true
		}
		ast.WalkRefs(m, func(ref ast.Ref) bool {
			own := ref.HasPrefix(m.Package.Path)
			if len(ref) >= 4 && !own && strings.HasPrefix(ref[:4].String(), libPrefix) && !read[ref[:4].String()] {
				t.Errorf("%s refers to %s, which its source does not name as %s...", file, ref[:4], libPrefix)
			}
			return false
		})
	}
}

func TestRulePackageLine(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		line, wantErr string
	}{
		{`package ecslint.rules.security["privileged-container"]`, ""},
		{`package ecslint.rules.security.privileged`, "must be written"},
		{`package ecslint.rules.security[privileged-container]`, "must be written"},
		{`package other.security["privileged-container"]`, "must be written"},
		{`package ecslint.rules.security[""]`, "must be written"},
		{`package ecslint.rules.reliability["privileged-container"]`, "does not match its folder"},
	} {
		cat, id, err := rulePackageLine("security/privileged-container/privileged-container.rego", 7, tc.line)
		switch {
		case tc.wantErr == "" && (err != nil || cat != "security" || id != "privileged-container"):
			t.Errorf("%s: got %q %q %v", tc.line, cat, id, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: error %v, want one with %q", tc.line, err, tc.wantErr)
		}
	}
}
