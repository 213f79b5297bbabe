package cfn

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/files"
)

// readFile parses a file as the files source does: JSON, else YAML.
func readFile(t testing.TB, path string) *files.File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parseFile(path, data)
}

func parseFile(name string, data []byte) *files.File {
	f := &files.File{Name: name, Data: data}
	if d, err := document.ParseJSON(data); err == nil {
		f.Docs = []*document.Document{d}
		return f
	}
	f.YAML = true
	f.Docs, _ = document.ParseYAML(data)
	return f
}

// golden is what a test pins of a loaded resource.
type golden struct {
	Kind       string            `json:"kind"`
	Name       string            `json:"name"`
	Variant    string            `json:"variant,omitempty"`
	IDs        []string          `json:"ids"`
	Refs       []goldenRef       `json:"refs,omitempty"`
	Unresolved []string          `json:"unresolved,omitempty"`
	Ignores    []source.Ignore   `json:"ignores,omitempty"`
	Construct  string            `json:"construct,omitempty"`
	Value      any               `json:"value"`
	Locations  map[string]string `json:"locations"`
	Comments   map[string]string `json:"comments,omitempty"`
}

type goldenRef struct {
	Rel  string   `json:"rel"`
	Path []any    `json:"path"`
	Text string   `json:"text"`
	To   []string `json:"to"`
}

func toGolden(t *testing.T, r *source.Resource) golden {
	t.Helper()
	g := golden{Kind: r.Kind, Name: r.Name, Variant: r.Variant, Unresolved: r.Unresolved, Ignores: r.Ignores, Locations: map[string]string{}}
	for _, id := range r.IDs {
		g.IDs = append(g.IDs, id.String())
	}
	for _, ref := range r.Refs {
		gr := goldenRef{Rel: ref.Rel, Path: ref.Path, Text: ref.Text, To: []string{}}
		for _, id := range ref.To {
			gr.To = append(gr.To, id.String())
		}
		g.Refs = append(g.Refs, gr)
	}
	if err := json.Unmarshal([]byte(r.Value.String()), &g.Value); err != nil {
		t.Fatal(err)
	}
	loc := r.Locator.(*lazyLocator).get()
	g.Construct = loc.Extra.Construct
	for ptr := range loc.Spans {
		var path []any
		if ptr != "" {
			for _, tok := range strings.Split(ptr[1:], "/") {
				path = append(path, strings.NewReplacer("~1", "/", "~0", "~").Replace(tok))
			}
		}
		l := r.Locator.Locate(path)
		g.Locations[ptr] = fmt.Sprintf("%s %d:%d %s", l.Pointer, l.Start.Line, l.Start.Column, l.Precision)
	}
	for ptr, notes := range loc.Notes {
		if g.Comments == nil {
			g.Comments = map[string]string{}
		}
		g.Comments[ptr] = strings.Join(notes, " | ")
	}
	return g
}

// TestGolden loads each template under testdata/golden and compares the
// resources with the .golden.json beside it; -update rewrites them.
func TestGolden(t *testing.T) {
	t.Parallel()
	inputs, err := filepath.Glob("testdata/golden/*.*")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		if strings.HasSuffix(in, ".golden.json") {
			continue
		}
		t.Run(filepath.Base(in), func(t *testing.T) {
			t.Parallel()
			f := readFile(t, in)
			if !(Format{}).Match(f) {
				t.Fatal("not recognised as a template")
			}
			l := Format{}.Load(context.Background(), f)
			if len(l.Errors) > 0 {
				t.Fatalf("errors: %v", l.Errors)
			}
			var out []golden
			for _, r := range l.Resources {
				out = append(out, toGolden(t, r))
			}
			got, err := json.MarshalIndent(out, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			want := strings.TrimSuffix(in, filepath.Ext(in)) + ".golden.json"
			if *update {
				if err := os.WriteFile(want, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			exp, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(got, exp) {
				t.Errorf("%s differs from %s (run with -update if intended):\n%s", in, want, got)
			}
		})
	}
}

// TestCorpus loads every template of the shared corpus: none may fail
// but the two that are not YAML (Mustache and Go templates of
// templates), and every property of every ECS resource must be a member
// of the ECS API model, so a CloudFormation name that maps to no API
// name cannot slip through.
func TestCorpus(t *testing.T) {
	t.Parallel()
	dir := os.Getenv("ECSLINT_CORPUS")
	if dir == "" {
		t.Skip("ECSLINT_CORPUS not set: the shared corpus is not available")
	}
	var paths []string
	for _, sub := range []string{"cloudformation", "sam"} {
		p, err := filepath.Glob(filepath.Join(dir, sub, "*"))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p...)
	}
	if len(paths) == 0 {
		t.Fatalf("no templates under %s", dir)
	}
	notYAML := map[string]bool{
		"MoveInc__ecs-cloudformation-templates__ECS-Service.template":     true,
		"stelligent__mu__templates-assets-cloudformation-service-ecs.yml": true,
	}
	resources := 0
	for _, p := range paths {
		f := readFile(t, p)
		if notYAML[filepath.Base(p)] {
			if f.Docs != nil {
				t.Errorf("%s: parsed, but it is a template of a template", p)
			}
			continue
		}
		if !(Format{}).Match(f) {
			t.Errorf("%s: not recognised as a template", p)
			continue
		}
		l := Format{}.Load(context.Background(), f)
		for _, e := range l.Errors {
			t.Errorf("%s: %v", p, e)
		}
		for _, r := range l.Resources {
			resources++
			if problems := offModel(r); len(problems) > 0 {
				t.Errorf("%s#%s: not in the %s model: %s", filepath.Base(p), r.Name, r.Kind, strings.Join(problems, ", "))
			}
		}
	}
	if resources < 300 {
		t.Errorf("%d resources from the corpus, want 300 or more", resources)
	}
}

// TestModelWalk converts a task definition, service, cluster and
// capacity provider holding every property CloudFormation documents and
// checks every produced name against the ECS model.
func TestModelWalk(t *testing.T) {
	t.Parallel()
	f := readFile(t, "testdata/every-ecs-property.yaml")
	l := Format{}.Load(context.Background(), f)
	if len(l.Errors) > 0 {
		t.Fatal(l.Errors)
	}
	kinds := map[string]bool{}
	for _, r := range l.Resources {
		kinds[r.Kind] = true
		if problems := offModel(r); len(problems) > 0 {
			t.Errorf("%s: not in the %s model: %s", r.Name, r.Kind, strings.Join(problems, ", "))
		}
	}
	for _, k := range []string{"TaskDefinition", "Service", "Cluster", "CapacityProvider"} {
		if !kinds[k] {
			t.Errorf("no %s in the fixture", k)
		}
	}
}

// offModel lists the value pointers of an ECS resource whose names the
// ECS model does not have.
func offModel(r *source.Resource) []string {
	m := sdkModels()
	var sh *shape
	switch r.Kind {
	case "TaskDefinition":
		sh = m.taskDefinition
	case "Service":
		sh = m.service
	case "Cluster":
		sh = m.cluster
	case "CapacityProvider":
		sh = m.capacityProvider
	default:
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(r.Value.String()), &v); err != nil {
		return []string{err.Error()}
	}
	var out []string
	walkModel(v, sh, "", &out)
	sort.Strings(out)
	return out
}

func walkModel(v any, sh *shape, ptr string, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			switch sh.typ {
			case tObject:
				m, ok := sh.members[k]
				if !ok {
					*out = append(*out, ptr+"/"+k)
					continue
				}
				walkModel(c, m, ptr+"/"+k, out)
			case tMap:
				walkModel(c, sh.elem, ptr+"/"+k, out)
			}
		}
	case []any:
		if sh.typ == tList {
			for i, c := range x {
				walkModel(c, sh.elem, fmt.Sprintf("%s/%d", ptr, i), out)
			}
		}
	}
}
