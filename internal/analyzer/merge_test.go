package analyzer

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ecslint/ecslint/internal/finding"
)

func TestMergeVariants(t *testing.T) {
	t.Parallel()
	f := func(rule, ptr, msg string) finding.Finding {
		return finding.Finding{Rule: rule, Message: msg, Location: finding.Location{Pointer: ptr}}
	}
	both := f("task-role-missing", "/Resources/T/Properties", "no task role")
	one := f("privileged-container", "/Resources/T/Properties/ContainerDefinitions/0/Privileged/Fn::If/1", "privileged")
	other := f("host-network-mode", "/Resources/T/Properties/NetworkMode/Fn::If/2", "host")
	got := mergeVariants(
		[]string{"IsProd=true", "IsProd=false"},
		[][]finding.Finding{{both, one}, {other, both}},
	)
	wantOne, wantOther := one, other
	wantOne.Message += " (only when IsProd=true)"
	wantOther.Message += " (only when IsProd=false)"
	if diff := cmp.Diff([]finding.Finding{both, wantOne, wantOther}, got); diff != "" {
		t.Errorf("mergeVariants (-want +got):\n%s", diff)
	}
	single := []finding.Finding{both}
	if diff := cmp.Diff(single, mergeVariants([]string{""}, [][]finding.Finding{single})); diff != "" {
		t.Errorf("one variant (-want +got):\n%s", diff)
	}
}
