// Package rules embeds the Rego rule bundle: the router, the shared ECS
// library under lib/, and one folder per rule (<category>/<id>/). Tests and
// examples sit beside each rule; only .rego files are embedded.
package rules

import "embed"

// FS holds every .rego file of the bundle, tests included; the engine
// compiles the non-test files and the Rego test runner uses the rest.
//
//go:embed *.rego lib/*.rego */*/*.rego
var FS embed.FS

// InputSchema is the JSON Schema of the input document rules see; user
// rules are type-checked against it and `ecslint policy schema` prints it.
//
//go:embed input.schema.json
var InputSchema []byte
