// Package rules embeds the Rego rule bundle: the shared ECS library under
// lib/ and one folder per rule (<category>/<id>/). Tests and examples sit
// beside each rule; only .rego files are embedded. Runs do not compile this
// source: `go generate ./internal/engine` compiles it into the engine's
// embedded bundle and the rule catalog, and a test fails when they are
// stale. The source stays embedded for what compiles at run time: user
// policies (against lib/) and `ecslint policy test`.
package rules

import "embed"

// FS holds every .rego file of the bundle, tests included.
//
//go:embed lib/*.rego */*/*.rego
var FS embed.FS

// InputSchema is the JSON Schema of the input document rules see; user
// rules are type-checked against it and `ecslint policy schema` prints it.
//
//go:embed input.schema.json
var InputSchema []byte
