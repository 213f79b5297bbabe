package config

import (
	"strings"
	"testing"
	"time"
)

// TestPolicyTimeout: policy_timeout takes a Go duration; a negative or
// unreadable one is an error naming the file.
func TestPolicyTimeout(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		value   string
		want    time.Duration
		wantErr string
	}{
		{"", 0, ""},
		{"policy_timeout: 2s", 2 * time.Second, ""},
		{"policy_timeout: 150ms", 150 * time.Millisecond, ""},
		{"policy_timeout: -1s", 0, "policy_timeout must be positive"},
		{"policy_timeout: soon", 0, "soon"},
		{"policy_timeout: 5", 0, "time.Duration"},
	} {
		t.Run(tc.value, func(t *testing.T) {
			t.Parallel()
			c, err := Parse(".ecslint.yaml", []byte("version: 1\n"+tc.value+"\n"))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.HasPrefix(err.Error(), ".ecslint.yaml:") {
					t.Fatalf("error %v, want one naming the file and %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.PolicyTimeout != tc.want {
				t.Errorf("policy timeout %s, want %s", c.PolicyTimeout, tc.want)
			}
		})
	}
}
