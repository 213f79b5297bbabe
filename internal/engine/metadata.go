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
// statement of a parsed module; nil when there is none.
func packageMetadata(file string, m *ast.Module) (*metadata, error) {
	pkgRow := m.Package.Location.Row
	// The comments directly above the package, contiguous, bottom-up.
	var block []string
	row := pkgRow - 1
	for i := len(m.Comments) - 1; i >= 0; i-- {
		c := m.Comments[i]
		if c.Location.Row >= pkgRow {
			continue
		}
		if c.Location.Row != row {
			break
		}
		block = append(block, string(c.Text))
		row--
	}
	return decodeMetadata(file, block, pkgRow)
}

// sourceMetadata is packageMetadata on a module's source text, for bundle
// files that are parsed only when a run compiles them. pkgLine is the
// 0-based index of the package statement in lines.
func sourceMetadata(file string, lines []string, pkgLine int) (*metadata, error) {
	var block []string
	for i := pkgLine - 1; i >= 0; i-- {
		text, ok := strings.CutPrefix(strings.TrimSpace(lines[i]), "#")
		if !ok {
			break
		}
		block = append(block, text)
	}
	return decodeMetadata(file, block, pkgLine+1)
}

// decodeMetadata decodes the YAML after the METADATA line of a comment
// block given bottom-up (comment texts without the "#"), which ends on the
// line above pkgRow.
func decodeMetadata(file string, block []string, pkgRow int) (*metadata, error) {
	start := -1
	for i, c := range block {
		if strings.TrimSpace(c) == "METADATA" {
			start = i
			break
		}
	}
	if start < 0 {
		return nil, nil
	}
	var buf bytes.Buffer
	for i := start - 1; i >= 0; i-- {
		buf.WriteString(strings.TrimPrefix(block[i], " "))
		buf.WriteByte('\n')
	}
	var md metadata
	if err := yaml.Unmarshal(buf.Bytes(), &md); err != nil {
		return nil, fmt.Errorf("%s:%d: METADATA: %w", file, pkgRow-1-start, err)
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
