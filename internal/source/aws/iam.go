package aws

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/source"
)

// iamWant is what the regions of an account want read from IAM, which is
// global: read once per account, after every region has said what it
// needs.
type iamWant struct {
	profiles map[string]bool // ARNs or names
	roles    map[string]bool // ARNs or names
}

func (acct *account) wantProfiles(ids []string) {
	acct.mu.Lock()
	defer acct.mu.Unlock()
	if acct.iamWant.profiles == nil {
		acct.iamWant.profiles = map[string]bool{}
	}
	for _, id := range ids {
		if id != "" {
			acct.iamWant.profiles[id] = true
		}
	}
}

func (acct *account) wantRoles(ids []string) {
	acct.mu.Lock()
	defer acct.mu.Unlock()
	if acct.iamWant.roles == nil {
		acct.iamWant.roles = map[string]bool{}
	}
	for _, id := range ids {
		if id != "" {
			acct.iamWant.roles[id] = true
		}
	}
}

// loadRegion reads one region. The last region of an account to finish
// also reads the account's IAM roles and instance profiles, so that each
// is yielded once however many regions use it, and no unit waits for
// another (units may load in any order, on any number of workers).
func (acct *account) loadRegion(ctx context.Context, region string) *source.Loaded {
	run := acct.newRegionRun(region)
	run.collect(ctx)
	b := acct.builder(region)
	l := &source.Loaded{Format: source.FormatAWS, Resources: b.regional(&run.out)}
	acct.wantRoles(b.roles)
	saved := func(err error) {
		if err != nil {
			l.Errors = append(l.Errors, &source.Error{File: acct.opts.SaveDir, Err: err})
		}
	}
	// A region that could not be saved still counts down: otherwise the
	// account's IAM would go unread, and unsaid.
	if acct.opts.SaveDir != "" {
		saved(save(acct.opts.SaveDir, acct.ID, region, &run.out))
	}
	acct.mu.Lock()
	acct.pending--
	last := acct.pending == 0
	acct.mu.Unlock()
	acct.opts.Progress.RegionDone()
	if last {
		roles, profiles := acct.readIAM(ctx)
		l.Resources = append(l.Resources, acct.builder("").global(roles, profiles)...)
		if acct.opts.SaveDir != "" {
			saved(saveIAM(acct.opts.SaveDir, acct.ID, roles, profiles))
		}
	}
	return l
}

// iamName is the name in an IAM ARN (the last path segment); a name is
// returned as is.
func iamName(id string) string {
	if !strings.HasPrefix(id, "arn:") {
		return id
	}
	return id[strings.LastIndexByte(id, '/')+1:]
}

// readIAM reads the instance profiles and roles the account's regions
// named. Roles inside a profile come with their trust policy, so only
// roles not in any profile are read one by one.
func (acct *account) readIAM(ctx context.Context) ([]iamtypes.Role, []iamtypes.InstanceProfile) {
	acct.mu.Lock()
	want := acct.iamWant
	acct.mu.Unlock()
	th := newThrottle(acct.opts.Concurrency, acct.opts.Pace)
	cfg := acct.cfg.Copy()
	cfg.APIOptions = append(append([]func(*middleware.Stack) error{}, cfg.APIOptions...), th.add)
	client := iam.NewFromConfig(cfg)
	gap := func(api, resource string, err error) {
		acct.audit.gaps.add(finding.Gap{Account: acct.ID, Region: "global", API: api, Resource: resource, Error: describeError(err)})
		acct.opts.Progress.Gap()
	}

	var mu sync.Mutex
	var wg sync.WaitGroup
	var profiles []iamtypes.InstanceProfile
	byName := map[string]bool{}
	for _, id := range slices.Sorted(maps.Keys(want.profiles)) {
		name := iamName(id)
		if byName[name] {
			continue
		}
		byName[name] = true
		wg.Go(func() {
			out, err := client.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: sdk.String(name)})
			if err != nil {
				gap("iam:GetInstanceProfile", id, err)
				return
			}
			if out.InstanceProfile == nil {
				gap("iam:GetInstanceProfile", id, errors.New("malformed answer: no InstanceProfile"))
				return
			}
			mu.Lock()
			profiles = append(profiles, *out.InstanceProfile)
			mu.Unlock()
		})
	}
	wg.Wait()
	roles := map[string]iamtypes.Role{} // by name
	for _, p := range profiles {
		for _, r := range p.Roles {
			roles[sdk.ToString(r.RoleName)] = r
		}
	}
	var fetch []string
	for _, id := range slices.Sorted(maps.Keys(want.roles)) {
		if _, ok := roles[iamName(id)]; !ok {
			roles[iamName(id)] = iamtypes.Role{} // claimed, so it is read once
			fetch = append(fetch, id)
		}
	}
	got := make([]*iamtypes.Role, len(fetch))
	for i, id := range fetch {
		wg.Go(func() {
			out, err := client.GetRole(ctx, &iam.GetRoleInput{RoleName: sdk.String(iamName(id))})
			if err != nil {
				gap("iam:GetRole", id, err)
				return
			}
			if out.Role == nil {
				gap("iam:GetRole", id, errors.New("malformed answer: no Role"))
				return
			}
			got[i] = out.Role
		})
	}
	wg.Wait()
	for i, id := range fetch {
		if got[i] != nil {
			roles[iamName(id)] = *got[i]
		} else {
			delete(roles, iamName(id))
		}
	}
	list := make([]iamtypes.Role, 0, len(roles))
	for _, name := range slices.Sorted(maps.Keys(roles)) {
		list = append(list, roles[name])
	}
	sort.Slice(profiles, func(i, j int) bool {
		return sdk.ToString(profiles[i].InstanceProfileName) < sdk.ToString(profiles[j].InstanceProfileName)
	})
	acct.opts.Progress.Read(len(list) + len(profiles))
	return list, profiles
}
