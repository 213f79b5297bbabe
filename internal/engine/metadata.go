package engine

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"
)

// metadata is a package's METADATA block: the OPA annotation schema, read
// with a plain YAML parser. OPA's own annotation processing (on by
// ast.ParserOptions.ProcessAnnotation) doubles the parse time of the bundle,
// which every pre-commit run pays; TestMetadataMatchesOPA checks that both
// readings agree on every rule.
type metadata struct {
	Scope            string         `yaml:"scope"`
	Title            string         `yaml:"title"`
	Description      string         `yaml:"description"`
	RelatedResources []any          `yaml:"related_resources"`
	Custom           map[string]any `yaml:"custom"`
}

// packageMetadata reads the METADATA comment block right above the package
// statement; nil when there is none.
func packageMetadata(file string, m *ast.Module) (*metadata, error) {
	pkgRow := m.Package.Location.Row
	// The comments directly above the package, contiguous.
	var block []*ast.Comment
	row := pkgRow - 1
	for i := len(m.Comments) - 1; i >= 0; i-- {
		c := m.Comments[i]
		if c.Location.Row >= pkgRow {
			continue
		}
		if c.Location.Row != row {
			break
		}
		block = append(block, c)
		row--
	}
	// block is bottom-up; find the METADATA line and keep what follows it.
	start := -1
	for i, c := range block {
		if strings.TrimSpace(string(c.Text)) == "METADATA" {
			start = i
			break
		}
	}
	if start < 0 {
		return nil, nil
	}
	var buf bytes.Buffer
	for i := start - 1; i >= 0; i-- {
		line := block[i].Text
		line = bytes.TrimPrefix(line, []byte(" "))
		buf.Write(line)
		buf.WriteByte('\n')
	}
	var md metadata
	if err := yaml.Unmarshal(buf.Bytes(), &md); err != nil {
		return nil, fmt.Errorf("%s:%d: METADATA: %w", file, block[start].Location.Row, err)
	}
	if md.Scope != "" && md.Scope != "package" {
		return nil, nil
	}
	return &md, nil
}

// links reads related_resources entries: a URL string or {ref, description}.
func (md *metadata) links() []Link {
	var out []Link
	for _, rr := range md.RelatedResources {
		switch v := rr.(type) {
		case string:
			out = append(out, Link{URL: v})
		case map[string]any:
			ref, _ := v["ref"].(string)
			desc, _ := v["description"].(string)
			if ref != "" {
				out = append(out, Link{URL: ref, Description: desc})
			}
		}
	}
	return out
}
