// Command gen writes the built-in rule bundle in compiled form
// (internal/engine/bundle.bin) and the rule catalog read from its METADATA
// (internal/catalog/builtin.go). It runs from internal/engine through
// `go generate ./internal/engine` whenever a rule or the library changes;
// TestGeneratedCurrent fails until it has.
package main

import (
	"fmt"
	"os"

	"github.com/ecslint/ecslint/internal/engine"
	"github.com/ecslint/ecslint/rules"
)

func main() {
	bundle, cat, err := engine.Generate(rules.FS)
	if err == nil {
		err = os.WriteFile(engine.BundleFile, bundle, 0o644)
	}
	if err == nil {
		err = os.WriteFile(engine.CatalogFile, cat, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
