package analyzer

import "testing"

func TestParseTaskDefRef(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ref  string
		want tdIdentity
	}{
		{"web", tdIdentity{family: "web"}},
		{"web:3", tdIdentity{family: "web", revision: 3}},
		{"arn:aws:ecs:us-east-1:123456789012:task-definition/web:12", tdIdentity{family: "web", revision: 12}},
		{"arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/my_app-2:1", tdIdentity{family: "my_app-2", revision: 1}},
		{"web:latest", tdIdentity{family: "web:latest"}},
		{"", tdIdentity{}},
	}
	for _, tt := range tests {
		if got := parseTaskDefRef(tt.ref); got != tt.want {
			t.Errorf("parseTaskDefRef(%q) = %+v, want %+v", tt.ref, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	web1 := &tdEntry{id: tdIdentity{"web", 1}}
	web2 := &tdEntry{id: tdIdentity{"web", 2}}
	webFile := &tdEntry{id: tdIdentity{"web", 0}}
	api := &tdEntry{id: tdIdentity{"api", 0}}
	apiDup := &tdEntry{id: tdIdentity{"api", 0}}
	tests := []struct {
		name       string
		byFamily   map[string][]*tdEntry
		ref        string
		want       *tdEntry
		wantStatus string
	}{
		{"exact revision", map[string][]*tdEntry{"web": {web1, web2}}, "web:1", web1, statusResolved},
		{"family picks the highest revision", map[string][]*tdEntry{"web": {web1, web2}}, "web", web2, statusResolved},
		{"ARN", map[string][]*tdEntry{"web": {web1, web2}}, "arn:aws:ecs:us-east-1:123456789012:task-definition/web:2", web2, statusResolved},
		{"file without revision matches any revision", map[string][]*tdEntry{"web": {webFile}}, "web:7", webFile, statusResolved},
		{"exact revision beats an unversioned file", map[string][]*tdEntry{"web": {webFile, web2}}, "web:2", web2, statusResolved},
		{"missing revision", map[string][]*tdEntry{"web": {web1}}, "web:9", nil, statusUnresolved},
		{"unknown family", map[string][]*tdEntry{"web": {web1}}, "db", nil, statusUnresolved},
		{"two unversioned files", map[string][]*tdEntry{"api": {api, apiDup}}, "api", nil, statusAmbiguous},
		{"empty reference", map[string][]*tdEntry{"web": {web1}}, "", nil, statusUnresolved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, status := resolve(parseTaskDefRef(tt.ref), tt.byFamily)
			if got != tt.want || status != tt.wantStatus {
				t.Errorf("resolve(%q) = %v, %s; want %v, %s", tt.ref, got, status, tt.want, tt.wantStatus)
			}
		})
	}
}
