// Package live is what the CLI knows of reading live AWS accounts: the
// request, the plan of units it yields, and a progress counter. It links
// no AWS SDK. The SDK's service clients cost every process that links
// them about 20 ms of package initialisation, which a pre-commit run of
// `ecslint lint` must not pay: the lint binary leaves the reader out and
// hands `audit` to the ecslint-audit binary, which links package
// source/aws and passes its reader in.
package live

import (
	"context"
	"sync/atomic"

	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/source"
)

// Request says what to audit and how.
type Request struct {
	// Profile is the shared config profile ("" for the default chain).
	Profile string
	// Regions to read; empty means the configured region.
	Regions []string
	// AllRegions reads every region enabled for each account.
	AllRegions bool
	// RoleARNs are roles to assume, one per account; empty audits the
	// caller's own account.
	RoleARNs []string
	// ExternalID is passed when assuming RoleARNs.
	ExternalID string
	// Clusters limits the audit to these cluster names or ARNs.
	Clusters []string
	// SaveDir, when set, receives what was read as describe-* JSON files.
	SaveDir string
	// Concurrency is the number of calls in flight per account and region.
	Concurrency int
	// MaxAttempts is the retryer's attempts per call.
	MaxAttempts int
	// Progress, when set, counts what was read as it happens.
	Progress *Progress
}

// Plan is one planned audit.
type Plan struct {
	// Units are one per account and region.
	Units []source.Unit
	// Accounts are the accounts audited, with the caller identity.
	Accounts []finding.Account
	// Coverage returns every gap recorded so far, sorted; call it after
	// the units have loaded.
	Coverage func() []finding.Gap
}

// Reader resolves credentials, accounts and regions and returns the units
// to load. It fails when the caller's own account cannot be reached (no
// credentials, no region); with RoleARNs, a role it cannot assume is a
// coverage gap, even when that leaves no unit at all.
type Reader func(ctx context.Context, req Request) (*Plan, error)

// Progress counts an audit's work as it happens, for a display; every
// method is safe for concurrent use and a nil Progress counts nothing.
type Progress struct {
	regions, regionsDone atomic.Int64
	resources, gaps      atomic.Int64
}

// Snapshot is a moment of Progress.
type Snapshot struct {
	Regions, RegionsDone, Resources, Gaps int
}

// Snapshot reads the counters.
func (p *Progress) Snapshot() Snapshot {
	if p == nil {
		return Snapshot{}
	}
	return Snapshot{
		Regions:     int(p.regions.Load()),
		RegionsDone: int(p.regionsDone.Load()),
		Resources:   int(p.resources.Load()),
		Gaps:        int(p.gaps.Load()),
	}
}

// AddRegions counts regions to read.
func (p *Progress) AddRegions(n int) {
	if p != nil {
		p.regions.Add(int64(n))
	}
}

// RegionDone counts a region read.
func (p *Progress) RegionDone() {
	if p != nil {
		p.regionsDone.Add(1)
	}
}

// Read counts resources read.
func (p *Progress) Read(n int) {
	if p != nil {
		p.resources.Add(int64(n))
	}
}

// Gap counts a call that failed.
func (p *Progress) Gap() {
	if p != nil {
		p.gaps.Add(1)
	}
}
