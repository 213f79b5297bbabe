package suppress

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/ecslint/ecslint/internal/finding"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// Entry identifies a finding without line numbers, so a baseline survives
// edits elsewhere in the file: rule, file, resource and the JSON pointer of
// the offending field.
type Entry struct {
	Rule     string `json:"rule"`
	File     string `json:"file"`
	Resource string `json:"resource"`
	Pointer  string `json:"pointer"`
}

// Baseline is a recorded set of findings.
type Baseline struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
	// Path is where the baseline was read from; files are relative to its
	// directory.
	Path string `json:"-"`
	set  map[Entry]struct{}
}

// entry keys f with its file relative to dir.
func entry(f *finding.Finding, dir string) Entry {
	file := f.Location.File
	if abs, err := filepath.Abs(file); err == nil {
		if dabs, err := filepath.Abs(dir); err == nil {
			if rel, err := filepath.Rel(dabs, abs); err == nil {
				file = rel
			}
		}
	}
	return Entry{Rule: f.Rule, File: filepath.ToSlash(file), Resource: f.Resource.Kind + " " + f.Resource.Name, Pointer: f.Location.Pointer}
}

// WriteBaseline records every unsuppressed finding of r, with paths
// relative to the directory of the baseline file at path.
func WriteBaseline(w io.Writer, path string, r *finding.Result) error {
	b := Baseline{Version: BaselineVersion, Findings: []Entry{}}
	seen := map[Entry]bool{}
	for i := range r.Findings {
		if r.Findings[i].Suppressed != nil {
			continue
		}
		e := entry(&r.Findings[i], filepath.Dir(path))
		if !seen[e] {
			seen[e] = true
			b.Findings = append(b.Findings, e)
		}
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		x, y := b.Findings[i], b.Findings[j]
		if x.File != y.File {
			return x.File < y.File
		}
		if x.Resource != y.Resource {
			return x.Resource < y.Resource
		}
		if x.Rule != y.Rule {
			return x.Rule < y.Rule
		}
		return x.Pointer < y.Pointer
	})
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(b)
}

// LoadBaseline reads a baseline file.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline %s: version %d, want %d", path, b.Version, BaselineVersion)
	}
	b.Path = path
	b.set = make(map[Entry]struct{}, len(b.Findings))
	for _, e := range b.Findings {
		b.set[e] = struct{}{}
	}
	return &b, nil
}

// Has reports whether f was recorded.
func (b *Baseline) Has(f *finding.Finding) bool {
	_, ok := b.set[entry(f, filepath.Dir(b.Path))]
	return ok
}
