package engine

import (
	"io/fs"

	"github.com/ecslint/ecslint/internal/catalog"
	"github.com/ecslint/ecslint/internal/engine/astcodec"
)

// Generated files, relative to this package, and the command that writes
// them.
const (
	BundleFile  = "bundle.bin"
	CatalogFile = "../catalog/builtin.go"
	generateCmd = "go generate ./internal/engine"
)

// Generate compiles the bundle in fsys with every check of OPA's compiler,
// the capability allow-list and the input schema, and returns the compiled
// modules in the form the engine embeds and the catalog as Go source.
func Generate(fsys fs.FS) (bundle, catalogSource []byte, err error) {
	src, err := readSource(fsys)
	if err != nil {
		return nil, nil, err
	}
	schema, err := inputSchema()
	if err != nil {
		return nil, nil, err
	}
	c, err := compileSource(src, schema)
	if err != nil {
		return nil, nil, err
	}
	if bundle, err = astcodec.Encode(c.Modules); err != nil {
		return nil, nil, err
	}
	if catalogSource, err = catalog.GoSource(generateCmd, src.rules); err != nil {
		return nil, nil, err
	}
	return bundle, catalogSource, nil
}
