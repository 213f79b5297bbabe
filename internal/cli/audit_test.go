package cli_test

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ecslint/ecslint/internal/cli"
	"github.com/ecslint/ecslint/internal/source/aws/awsfake"
)

type auditOut struct {
	Summary struct {
		Resources int
		Accounts  []struct {
			ID, Partition, Caller string
			Regions               []string
		}
	}
	Findings []struct {
		Rule     string
		Resource struct{ Kind, Name string }
		Location struct {
			File, ARN, Pointer, Precision string
		}
		Suppressed *struct{ Reason, Source string }
	}
	Coverage []struct{ Account, Region, API, Resource, Error string }
}

// auditEnv points the SDK's standard environment at a fake endpoint with
// static credentials, as a user's CI would point at AWS: the default
// chain, AWS_ENDPOINT_URL, no shared files, no instance metadata.
// t.Setenv keeps these tests sequential.
func auditEnv(t *testing.T) *awsfake.Server {
	t.Helper()
	a := awsfake.NewAccount("111111111111")
	awsfake.Fleet(a, "eu-west-1", awsfake.FleetOptions{Services: 12, TaskDefinitions: 12})
	s := awsfake.New(a)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	empty := write(t, t.TempDir(), "empty", "")
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL": srv.URL, "AWS_ACCESS_KEY_ID": awsfake.StaticKey, "AWS_SECRET_ACCESS_KEY": awsfake.StaticSecret,
		"AWS_SESSION_TOKEN": "", "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "", "AWS_PROFILE": "",
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": empty, "AWS_SHARED_CREDENTIALS_FILE": empty,
		"AWS_ROLE_ARN": "", "AWS_WEB_IDENTITY_TOKEN_FILE": "", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "",
	} {
		t.Setenv(k, v)
	}
	t.Cleanup(func() {
		for _, c := range s.Calls() {
			// AssumeRole is how --role-arn reaches an account; it changes
			// nothing there.
			if !strings.HasPrefix(c.Action, "List") && !strings.HasPrefix(c.Action, "Describe") && !strings.HasPrefix(c.Action, "Get") && c.Action != "AssumeRole" {
				t.Errorf("non-read-only call: %s:%s", c.Service, c.Action)
			}
		}
	})
	return s
}

func decodeAudit(t *testing.T, s string) auditOut {
	t.Helper()
	var out auditOut
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatalf("decode: %v\n%s", err, s)
	}
	return out
}

func TestAudit(t *testing.T) {
	s := auditEnv(t)
	dir := t.TempDir()
	code, stdout, stderr := runIn(t, dir, "audit", "--format", "json")
	if code != cli.ExitFindings {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	out := decodeAudit(t, stdout)
	if len(out.Coverage) != 0 || len(out.Summary.Accounts) != 1 || out.Summary.Accounts[0].ID != "111111111111" {
		t.Errorf("coverage %v, accounts %+v", out.Coverage, out.Summary.Accounts)
	}
	got := map[string][]string{}
	for _, f := range out.Findings {
		if f.Location.ARN == "" || f.Location.File != "" {
			t.Errorf("%s on %s located at %+v, want an ARN", f.Rule, f.Resource.Name, f.Location)
		}
		key := f.Rule
		if f.Suppressed != nil {
			key += " (suppressed: " + f.Suppressed.Source + ")"
		}
		got[key] = append(got[key], f.Resource.Name)
	}
	// app-000:1 is privileged and tagged ecslint:ignore for it in the
	// account; app-005:1 is privileged with no tag.
	if want := []string{"app-005:1"}; !equal(got["privileged-container"], want) {
		t.Errorf("privileged-container on %v, want %v", got["privileged-container"], want)
	}
	if want := []string{"app-000:1"}; !equal(got["privileged-container (suppressed: tag ecslint:ignore)"], want) {
		t.Errorf("suppressed privileged-container on %v, want %v (all: %v)", got["privileged-container (suppressed: tag ecslint:ignore)"], want, got)
	}
	// Every fifth revision runs with the instance role that only the
	// account tells (container instances → EC2 → instance profile).
	if want := []string{"app-002:1", "app-004:2"}; !equal(got["task-role-is-instance-role"], want) {
		t.Errorf("task-role-is-instance-role on %v, want %v", got["task-role-is-instance-role"], want)
	}
	if n := s.Count("ecs", "DescribeTaskDefinition"); n != 12 {
		t.Errorf("%d DescribeTaskDefinition calls, want one per revision (12)", n)
	}

	t.Run("partial coverage exits 3 unless allowed", func(t *testing.T) {
		s.Lock()
		s.Fault = func(c *awsfake.Call) *awsfake.Fault {
			if c.Service == "ec2" {
				return &awsfake.Fault{Code: "UnauthorizedOperation", Message: "You are not authorized to perform this operation."}
			}
			return nil
		}
		s.Unlock()
		t.Cleanup(func() { s.Lock(); s.Fault = nil; s.Unlock() })
		code, stdout, stderr := runIn(t, dir, "audit")
		if code != cli.ExitPartial {
			t.Fatalf("exit %d, want 3: %s", code, stderr)
		}
		if !strings.Contains(stdout, "coverage: partial") || !strings.Contains(stdout, "111111111111 eu-west-1 ec2:DescribeInstances") {
			t.Errorf("text output does not say what was not read:\n%s", stdout)
		}
		if code, _, _ := runIn(t, dir, "audit", "--allow-partial"); code != cli.ExitFindings {
			t.Errorf("--allow-partial: exit %d, want 1", code)
		}
		code, stdout, _ = runIn(t, dir, "audit", "--allow-partial", "--format", "json")
		if out := decodeAudit(t, stdout); code != cli.ExitFindings || len(out.Coverage) != 2 {
			t.Errorf("json: exit %d, coverage %+v", code, out.Coverage)
		}
	})

	t.Run("config ignores by ARN glob", func(t *testing.T) {
		cfg := write(t, t.TempDir(), ".ecslint.yaml", `version: 1
ignore:
  - rule: privileged-container
    resources: ["arn:aws:ecs:*:111111111111:task-definition/app-00*"]
    reason: legacy hosts, tracked in SEC-12
`)
		_, stdout, stderr := runIn(t, dir, "audit", "--format", "json", "--config", cfg)
		for _, f := range decodeAudit(t, stdout).Findings {
			if f.Rule == "privileged-container" && f.Suppressed == nil {
				t.Errorf("privileged-container on %s not suppressed by the ARN glob (%s)", f.Location.ARN, stderr)
			}
		}
	})

	t.Run("saved describe output lints the same", func(t *testing.T) {
		save := t.TempDir()
		_, live, _ := runIn(t, dir, "audit", "--format", "json", "--save", save)
		_, offline, stderr := runIn(t, dir, "lint", "--format", "json", save)
		if !strings.Contains(offline, "findings") {
			t.Fatalf("lint of the saved files failed: %s", stderr)
		}
		// The files hold the ECS resources; what only the account tells
		// (the instance roles, the roles' trust policies) is not in them.
		onlyLive := map[string]bool{"task-role-is-instance-role": true, "role-not-assumable-by-tasks": true}
		pick := func(o auditOut) []string {
			var out []string
			for _, f := range o.Findings {
				if f.Resource.Kind == "TaskDefinition" && f.Suppressed == nil && !onlyLive[f.Rule] {
					out = append(out, f.Rule+" "+f.Resource.Name)
				}
			}
			sort.Strings(out)
			return out
		}
		if l, o := pick(decodeAudit(t, live)), pick(decodeAudit(t, offline)); !equal(l, o) || len(l) == 0 {
			t.Errorf("task definition findings differ:\naudit: %v\nlint:  %v", l, o)
		}
		if _, err := os.Stat(filepath.Join(save, "111111111111", "eu-west-1", "describe-task-definition-app-000-1.json")); err != nil {
			t.Error(err)
		}
	})

	t.Run("SARIF names the ARN as a logical location", func(t *testing.T) {
		_, stdout, _ := runIn(t, dir, "audit", "--format", "sarif")
		if !strings.Contains(stdout, `"fullyQualifiedName": "arn:aws:ecs:eu-west-1:111111111111:task-definition/app-005:1"`) {
			t.Errorf("no logical location with the ARN:\n%.2000s", stdout)
		}
		schemaPath := os.Getenv("ECSLINT_SARIF_SCHEMA")
		if schemaPath == "" {
			t.Skip("ECSLINT_SARIF_SCHEMA is not set; .ci/run sets it to the shared SARIF 2.1.0 schema")
		}
		sch, err := jsonschema.NewCompiler().Compile(schemaPath)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(stdout))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(doc); err != nil {
			t.Errorf("audit SARIF is not valid SARIF 2.1.0: %v", err)
		}
	})

	t.Run("no account reachable through --role-arn is coverage, not a usage error", func(t *testing.T) {
		code, stdout, stderr := runIn(t, dir, "audit", "--format", "json", "--role-arn", "arn:aws:iam::444444444444:role/audit")
		if code != cli.ExitPartial {
			t.Fatalf("exit %d, want 3: %s", code, stderr)
		}
		if out := decodeAudit(t, stdout); len(out.Coverage) != 1 || out.Coverage[0].Account != "444444444444" {
			t.Errorf("coverage %+v, want the role that could not be assumed", out.Coverage)
		}
	})

	t.Run("usage errors", func(t *testing.T) {
		for _, args := range [][]string{
			{"audit", "somewhere"},
			{"audit", "--region", "Europe"},
			{"audit", "--region", "eu-west-1", "--all-regions"},
		} {
			if code, _, _ := runIn(t, dir, args...); code != cli.ExitError {
				t.Errorf("%v: exit %d, want 2", args, code)
			}
		}
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
