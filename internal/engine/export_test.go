package engine

import (
	"context"

	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/ecslint/ecslint/rules"
)

// NewReference builds an engine the way runs did before the bundle was
// compiled at build time: OPA's whole compile of the embedded source, every
// check included. Tests compare the loaded bundle against it.
func NewReference(ctx context.Context, opts Options) (*Engine, error) {
	src, err := readSource(rules.FS)
	if err != nil {
		return nil, err
	}
	schema, err := inputSchema()
	if err != nil {
		return nil, err
	}
	c, err := compileSource(src, schema)
	if err != nil {
		return nil, err
	}
	return prepare(ctx, c, opts)
}

// RunnerBuiltins are ecslint's builtins for OPA's test runner.
func RunnerBuiltins() []*tester.Builtin { return testBuiltins() }
