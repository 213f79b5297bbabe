package engine

import (
	_ "embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/engine/astcodec"
)

// compiled is the embedded rule bundle as OPA's compiler left it, written
// by `go generate` (gen/); TestGeneratedCurrent fails when it is stale.
//
//go:embed bundle.bin
var compiled []byte

// indexStages are the compiler stages a load runs over modules that are
// already compiled: they build the module and rule trees and the indices
// the evaluator looks rules and comprehensions up in, which OPA keeps in
// unexported fields and cannot be stored. Every other stage rewrites or
// checks modules, which the generator's full compile already did.
var indexStages = map[ast.StageID]bool{
	ast.StageSetModuleTree:             true,
	ast.StageSetRuleTree:               true,
	ast.StageBuildRuleIndices:          true,
	ast.StageBuildComprehensionIndices: true,
}

// allStages lists OPA 1.22's compiler stages, in order. A stage OPA adds
// later would run on load too; TestLoadedMatchesCompiled would show it.
var allStages = []ast.StageID{
	ast.StageResolveRefs, ast.StageCheckUnusedImports, ast.StageInitLocalVarGen,
	ast.StageRewriteRuleHeadRefs, ast.StageCheckKeywordOverrides, ast.StageCheckDuplicateImports,
	ast.StageRemoveImports, ast.StageSetModuleTree, ast.StageSetRuleTree, ast.StageRewriteLocalVars,
	ast.StageRewriteTemplateStrings, ast.StageCheckVoidCalls, ast.StageRewritePrintCalls,
	ast.StageRewriteExprTerms, ast.StageParseMetadataBlocks, ast.StageSetAnnotationSet,
	ast.StageRewriteRegoMetadataCalls, ast.StageSetGraph, ast.StageRewriteComprehensionTerms,
	ast.StageRewriteRefsInHead, ast.StageRewriteWithValues, ast.StageCheckRuleConflicts,
	ast.StageCheckUndefinedFuncs, ast.StageCheckSafetyRuleHeads, ast.StageCheckSafetyRuleBodies,
	ast.StageRewriteEquals, ast.StageRewriteDynamicTerms, ast.StageRewriteTestRulesForTracing,
	ast.StageCheckRecursion, ast.StageCheckTypes, ast.StageCheckUnsafeBuiltins,
	ast.StageCheckDeprecatedBuiltins, ast.StageBuildRuleIndices, ast.StageBuildComprehensionIndices,
	ast.StageBuildRequiredCapabilities,
}

// index builds a compiler over compiled modules by running only the index
// stages.
func index(mods map[string]*ast.Module) (*ast.Compiler, error) {
	skip := make([]ast.StageID, 0, len(allStages))
	for _, s := range allStages {
		if !indexStages[s] {
			skip = append(skip, s)
		}
	}
	c := ast.NewCompiler().WithCapabilities(Capabilities()).WithSkipStages(skip...)
	c.Compile(mods)
	if c.Failed() {
		return nil, fmt.Errorf("load compiled rules: %w", c.Errors)
	}
	return c, nil
}

// loadCompiled decodes the embedded bundle; extra (compiled user modules)
// join it before the trees and indices are built.
func loadCompiled(extra map[string]*ast.Module) (*ast.Compiler, error) {
	mods, err := astcodec.Decode(compiled)
	if err != nil {
		return nil, fmt.Errorf("load compiled rules: %w (run %s)", err, generateCmd)
	}
	for name, m := range extra {
		mods[name] = m
	}
	return index(mods)
}

// source is the bundle's Rego source: every non-test module, parsed with
// its METADATA, and the rules among them.
type source struct {
	modules map[string]*ast.Module
	rules   []*catalog.Rule
}

// parseOpts parses Rego v1 with METADATA, as the generator and user
// policies need.
var parseOpts = ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true}

// readSource parses the bundle in fsys: the library under lib/ and one
// folder per rule, <category>/<id>/<id>.rego, whose package must be
// ecslint.rules.<category>["<id>"], so that the id is written once.
func readSource(fsys fs.FS) (*source, error) {
	src := &source{modules: map[string]*ast.Module{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(data), parseOpts)
		if err != nil {
			return err
		}
		src.modules[p] = m
		if strings.Count(p, "/") != 2 || strings.HasPrefix(p, "lib/") {
			return nil
		}
		category, id, err := packageRule(p, m)
		if err != nil {
			return err
		}
		if want := category + "/" + id; path.Dir(p) != want {
			return fmt.Errorf("%s: package %s does not match its folder %s", p, m.Package.Path, path.Dir(p))
		}
		r, err := catalog.NewRule(p, category, id, packageMetadata(m), false)
		if err != nil {
			return err
		}
		src.rules = append(src.rules, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	sort.Slice(src.rules, func(i, j int) bool { return src.rules[i].File < src.rules[j].File })
	return src, nil
}

// packageRule reads a rule's category and id from its package, which must
// be ecslint.rules.<category>["<id>"] and define the report set.
func packageRule(file string, m *ast.Module) (category, id string, err error) {
	ref := m.Package.Path
	bad := func() (string, string, error) {
		return "", "", fmt.Errorf("%s:%d: package must be ecslint.rules.<category>[\"<id>\"], not %s", file, m.Package.Location.Row, strings.TrimPrefix(ref.String(), "data."))
	}
	if len(ref) != 5 || !ref[1].Equal(ast.StringTerm("ecslint")) || !ref[2].Equal(ast.StringTerm("rules")) {
		return bad()
	}
	c, ok1 := ref[3].Value.(ast.String)
	i, ok2 := ref[4].Value.(ast.String)
	if !ok1 || !ok2 || i == "" {
		return bad()
	}
	for _, r := range m.Rules {
		if r.Head.Name == "report" && r.Head.RuleKind() == ast.MultiValue {
			return string(c), string(i), nil
		}
	}
	return "", "", fmt.Errorf("%s: rule package %s defines no `report contains ...` set", file, strings.TrimPrefix(ref.String(), "data."))
}

// packageMetadata is the METADATA block of a module's package, as OPA
// reads it; nil when there is none.
func packageMetadata(m *ast.Module) *catalog.Metadata {
	for _, a := range m.Annotations {
		if a.Scope != "package" {
			continue
		}
		md := &catalog.Metadata{Title: a.Title, Description: a.Description, Custom: a.Custom}
		for _, rr := range a.RelatedResources {
			md.Related = append(md.Related, catalog.Link{URL: rr.Ref.String(), Description: rr.Description})
		}
		return md
	}
	return nil
}

// compileSource runs OPA's whole compile, every check included, over the
// bundle's source with the capability allow-list and the input schema.
// The generator stores its result; tests use it as the reference the
// loaded bundle must match.
func compileSource(src *source, schema *ast.SchemaSet) (*ast.Compiler, error) {
	c := ast.NewCompiler().WithCapabilities(Capabilities()).WithSchemas(schema)
	c.Compile(src.modules)
	if c.Failed() {
		return nil, fmt.Errorf("compile rules: %w", c.Errors)
	}
	return c, nil
}
