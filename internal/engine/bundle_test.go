package engine

import (
	"bytes"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/engine/astcodec"
	"github.com/ecslint/ecslint/rules"
)

// TestGeneratedCurrent fails when the compiled bundle or the catalog no
// longer match the Rego under rules/, as TestDocsCurrent does for the docs.
func TestGeneratedCurrent(t *testing.T) {
	t.Parallel()
	bundle, cat, err := Generate(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile(CatalogFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bundle, compiled) || !bytes.Equal(cat, onDisk) {
		t.Fatalf("%s or %s is stale: run %s", BundleFile, CatalogFile, generateCmd)
	}
}

// TestCodecRoundTrip checks that every compiled module reads back as OPA
// left it, rule by rule.
func TestCodecRoundTrip(t *testing.T) {
	t.Parallel()
	src, err := readSource(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := inputSchema()
	if err != nil {
		t.Fatal(err)
	}
	c, err := compileSource(src, schema)
	if err != nil {
		t.Fatal(err)
	}
	data, err := astcodec.Encode(c.Modules)
	if err != nil {
		t.Fatal(err)
	}
	again, err := astcodec.Encode(c.Modules)
	if err != nil || !bytes.Equal(data, again) {
		t.Fatalf("encoding is not deterministic (%v)", err)
	}
	got, err := astcodec.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(c.Modules) {
		t.Fatalf("%d modules read back, want %d", len(got), len(c.Modules))
	}
	for name, want := range c.Modules {
		m := got[name]
		if m == nil {
			t.Errorf("%s: missing", name)
			continue
		}
		if m.RegoVersionSpan() != want.RegoVersionSpan() {
			t.Errorf("%s: rego version %v, want %v", name, m.RegoVersionSpan(), want.RegoVersionSpan())
		}
		if m.Package.Compare(want.Package) != 0 || len(m.Rules) != len(want.Rules) {
			t.Errorf("%s: package %s with %d rules read back, want %s with %d", name, m.Package, len(m.Rules), want.Package, len(want.Rules))
			continue
		}
		for i, r := range m.Rules {
			w := want.Rules[i]
			if !sameRule(r, w) {
				t.Errorf("%s: rule %d differs:\n%s", name, i, cmp.Diff(w.String(), r.String()))
			}
			if r.Location == nil || r.Location.File != w.Location.File || r.Location.Row != w.Location.Row || r.Location.Col != w.Location.Col {
				t.Errorf("%s: rule %d at %v, want %v", name, i, r.Location, w.Location)
			}
		}
	}
	for _, bad := range [][]byte{nil, []byte("nonsense"), data[:len(data)/2]} {
		if _, err := astcodec.Decode(bad); err == nil {
			t.Errorf("decoding %d bytes of a truncated or foreign file succeeded", len(bad))
		}
	}
}

// sameRule compares what evaluation reads of a rule: head, body, default
// and else chain (annotations are not stored).
func sameRule(a, b *ast.Rule) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Head.Compare(b.Head) == 0 && a.Default == b.Default && a.Body.Compare(b.Body) == 0 &&
		a.String() == b.String() && sameRule(a.Else, b.Else)
}
