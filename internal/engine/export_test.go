package engine

import (
	"context"

	"github.com/open-policy-agent/opa/v1/ast"
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

// EvalAs runs the rules that read kind k over input, whatever input.kind
// says: what a run would report if it routed input as a k. Tests use it to
// show that routing, not a test in the rules, keeps a rule off the kinds
// it does not read.
func (e *Engine) EvalAs(ctx context.Context, k string, input ast.Value) ([]Report, error) {
	return e.evalKind(ctx, k, input)
}

// RunnerBuiltins are ecslint's builtins for OPA's test runner.
func RunnerBuiltins() []*tester.Builtin { return testBuiltins() }
