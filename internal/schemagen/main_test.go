package schemagen_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/ecslint/ecslint/internal/schemagen"
)

// TestInputSchemaCurrent fails when rules/input.schema.json differs from
// what the SDK model generates; ECSLINT_UPDATE_DOCS=1 rewrites it.
func TestInputSchemaCurrent(t *testing.T) {
	t.Parallel()
	want, err := schemagen.Generate()
	if err != nil {
		t.Fatal(err)
	}
	const file = "../../rules/input.schema.json"
	if os.Getenv("ECSLINT_UPDATE_DOCS") != "" {
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("rules/input.schema.json is stale: run ECSLINT_UPDATE_DOCS=1 go test ./internal/schemagen/")
	}
	for _, field := range []string{`"containerDefinitions"`, `"s3filesVolumeConfiguration"`, `"taskRoleArn"`, `"loadBalancers"`, `"deploymentConfiguration"`, `"roleArn"`, `"problems"`, `"partial"`} {
		if !bytes.Contains(want, []byte(field)) {
			t.Errorf("schema lacks %s", field)
		}
	}
}
