package engine

import (
	_ "embed"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
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

// adoptAfter is the stage after which a load hands the compiler the
// decoded modules. Compile copies the modules it is given, deeply, to
// protect the caller's; the decoded modules belong to nobody else, so the
// compiler is given stubs to copy and adopts the real modules here (a copy
// was a sixth of a load, and its memory a third). Removing imports is a
// no-op on compiled modules and runs before the trees are built.
const adoptAfter = ast.StageRemoveImports

// index builds a compiler over compiled modules by running only the index
// stages.
func index(mods map[string]*ast.Module) (*ast.Compiler, error) {
	c := ast.NewCompiler().WithCapabilities(Capabilities())
	var skip []ast.StageID
	for _, s := range c.StagesToRun() {
		if !indexStages[s] && s != adoptAfter {
			skip = append(skip, s)
		}
	}
	c.WithSkipStages(skip...).WithStageAfterID(adoptAfter, ast.CompilerStageDefinition{
		Name:       "AdoptCompiledModules",
		MetricName: "compile_stage_adopt_compiled_modules",
		Stage: func(c *ast.Compiler) *ast.Error {
			maps.Copy(c.Modules, mods)
			return nil
		},
	})
	stubs := make(map[string]*ast.Module, len(mods))
	for name, m := range mods {
		stubs[name] = &ast.Module{Package: m.Package}
	}
	c.Compile(stubs)
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
	mods, err := SourceModules(fsys, false)
	if err != nil {
		return nil, err
	}
	src := &source{modules: mods}
	// In file order: the catalog's order, and the first error is the same
	// on every run.
	for _, p := range slices.Sorted(maps.Keys(mods)) {
		m := mods[p]
		if strings.Count(p, "/") != 2 || strings.HasPrefix(p, "lib/") {
			continue
		}
		category, id, err := packageRule(p, m)
		if err != nil {
			return nil, fmt.Errorf("read rules: %w", err)
		}
		if want := category + "/" + id; path.Dir(p) != want {
			return nil, fmt.Errorf("read rules: %s: package %s does not match its folder %s", p, m.Package.Path, path.Dir(p))
		}
		r, err := catalog.NewRule(p, category, id, packageMetadata(m), false)
		if err != nil {
			return nil, fmt.Errorf("read rules: %w", err)
		}
		src.rules = append(src.rules, r)
	}
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
