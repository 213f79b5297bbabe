package analyzer

import (
	"testing"

	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
)

// td is a task definition node of family and revision (0: a file without
// one).
func td(order int, family string, revision int) *node {
	n := &node{kind: kind.TaskDefinition, order: order, revision: revision, key: family}
	n.ids = []source.Identity{{Scheme: source.SchemeFamily, Value: family}}
	if revision > 0 {
		n.ids = append(n.ids, source.Identity{Scheme: source.SchemeFamilyRevision, Value: family + ":" + itoa(revision)})
		n.ids = append(n.ids, source.Identity{Scheme: source.SchemeARN, Value: "arn:aws:ecs:us-east-1:123456789012:task-definition/" + family + ":" + itoa(revision)})
	}
	return n
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func TestResolveTaskDefinition(t *testing.T) {
	t.Parallel()
	web1, web2, webFile := td(1, "web", 1), td(2, "web", 2), td(3, "web", 0)
	api, apiDup := td(4, "api", 0), td(5, "api", 0)
	tests := []struct {
		name       string
		nodes      []*node
		ref        string
		want       []*node
		wantStatus string
	}{
		{"exact revision", []*node{web1, web2}, "web:1", []*node{web1}, statusResolved},
		{"family picks the highest revision", []*node{web1, web2}, "web", []*node{web2}, statusResolved},
		{"ARN", []*node{web1, web2}, "arn:aws:ecs:us-east-1:123456789012:task-definition/web:2", []*node{web2}, statusResolved},
		{"file without revision matches any revision", []*node{webFile}, "web:7", []*node{webFile}, statusResolved},
		{"exact revision beats an unversioned file", []*node{webFile, web2}, "web:2", []*node{web2}, statusResolved},
		{"a file without revision is the latest", []*node{web2, webFile}, "web", []*node{webFile}, statusResolved},
		{"missing revision", []*node{web1}, "web:9", nil, statusUnresolved},
		{"unknown family", []*node{web1}, "db", nil, statusUnresolved},
		{"two unversioned files are candidates", []*node{api, apiDup}, "api", []*node{api, apiDup}, statusAmbiguous},
		{"placeholder reference", []*node{web1}, "${TASK_DEF}", nil, statusUnresolved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ix := newIndex(tt.nodes)
			status, got := ix.resolveTaskDefinition(source.Ref{Rel: "taskDefinition", To: source.LiteralIDs(kind.TaskDefinition, tt.ref), Text: tt.ref})
			if status != tt.wantStatus || len(got) != len(tt.want) {
				t.Fatalf("resolve(%q) = %s %v; want %s %v", tt.ref, status, got, tt.wantStatus, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("resolve(%q)[%d] = %v, want %v", tt.ref, i, got[i], tt.want[i])
				}
			}
		})
	}
}
