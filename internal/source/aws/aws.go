// Package aws is the live-account source: it reads what runs in AWS
// accounts (ECS clusters, services, the task definition revisions they
// use, capacity providers, the container instances behind them with their
// Auto Scaling groups, launch templates, instance profiles and roles, and
// the load balancers and target groups services name) and yields them as
// source resources in their API shapes, located by ARN.
//
// One unit is one account and region. It calls only read operations
// (List*, Describe*, Get*, and sts:AssumeRole for --role-arn), enforced by
// a middleware on every client, paced and bounded per account and region,
// with a retryer that waits out throttling bursts. Every call that fails is
// recorded as a coverage gap rather than dropped, so an audit that could
// not read everything says so.
package aws

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/ecslint/ecslint/internal/finding"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/source/live"
)

// Options say what to audit and how: the request from the command line,
// and the knobs tests and benchmarks turn.
type Options struct {
	live.Request
	// Pace overrides the sustained request rates per second by service id
	// ("ECS"); see defaultPace.
	Pace map[string]float64
	// LoadOptions are added to the SDK's config loading (tests point
	// endpoints at a fake and pass static credentials here).
	LoadOptions []func(*config.LoadOptions) error
	// Backoff, when set, replaces the retryer's backoff (tests: no wait).
	Backoff func(attempt int, err error) (time.Duration, error)
	// HTTPClient, when set, sends every request.
	HTTPClient *http.Client
}

// Audit is one planned audit: its units, and the coverage gaps found while
// planning and loading them.
type Audit struct {
	// Units are one per account and region.
	Units []source.Unit
	// Accounts are the accounts audited, with the caller identity.
	Accounts []Account

	gaps  *gapSink
	calls *callCounter
}

// Account is one audited account.
type Account struct {
	ID        string
	Partition string
	// Caller is the ARN the audit runs as in this account.
	Caller  string
	Regions []string
}

// Coverage returns every gap recorded so far, sorted; call it after the
// units have loaded.
func (a *Audit) Coverage() []finding.Gap { return a.gaps.list() }

// Live is Plan as the CLI's live.Reader: the request from the command
// line, the plan in the SDK-free terms the CLI uses.
func Live(ctx context.Context, req live.Request) (*live.Plan, error) {
	a, err := Plan(ctx, Options{Request: req})
	if err != nil {
		return nil, err
	}
	p := &live.Plan{Units: a.Units, Coverage: a.Coverage}
	for _, acct := range a.Accounts {
		p.Accounts = append(p.Accounts, finding.Account{ID: acct.ID, Partition: acct.Partition, Caller: acct.Caller, Regions: acct.Regions})
	}
	return p, nil
}

// Calls returns the number of API operations sent, by "service:Operation"
// (retries not counted).
func (a *Audit) Calls() map[string]int { return a.calls.snapshot() }

var regionPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d+$`)

// Plan resolves credentials, accounts and regions and returns the units to
// load. It fails when no account could be reached at all (no credentials,
// no region): that is a usage problem, not a coverage gap. An account that
// cannot be assumed, or whose regions cannot be listed, is a gap.
func Plan(ctx context.Context, opts Options) (*Audit, error) {
	for _, r := range opts.Regions {
		if !regionPattern.MatchString(r) {
			return nil, fmt.Errorf("--region %q is not a region name (like eu-west-1)", r)
		}
	}
	if len(opts.Regions) > 0 && opts.AllRegions {
		return nil, errors.New("--region and --all-regions exclude each other")
	}
	a := &Audit{gaps: &gapSink{}, calls: &callCounter{counts: map[string]int{}}}
	base, err := a.loadConfig(ctx, opts)
	if err != nil {
		return nil, err
	}
	if base.Region == "" && len(opts.Regions) == 0 {
		if !opts.AllRegions {
			return nil, errors.New("no region: give --region or --all-regions, or configure one (AWS_REGION, profile)")
		}
		// DescribeRegions needs a region to call; any commercial one lists
		// the partition's regions.
		base.Region = "us-east-1"
	}
	if base.Region == "" {
		base.Region = opts.Regions[0]
	}
	targets := []sdk.Config{base}
	if len(opts.RoleARNs) > 0 {
		targets = targets[:0]
		stsClient := sts.NewFromConfig(base)
		for _, arn := range opts.RoleARNs {
			cfg := base.Copy()
			cfg.Credentials = sdk.NewCredentialsCache(stscreds.NewAssumeRoleProvider(stsClient, arn, func(o *stscreds.AssumeRoleOptions) {
				o.RoleSessionName = "ecslint-audit"
				if opts.ExternalID != "" {
					o.ExternalID = sdk.String(opts.ExternalID)
				}
			}))
			targets = append(targets, cfg)
		}
	}
	reachable := 0
	for i, cfg := range targets {
		acct, ok := a.account(ctx, cfg, opts, i)
		if !ok {
			continue
		}
		reachable++
		a.Accounts = append(a.Accounts, acct.Account)
		opts.Progress.AddRegions(len(acct.Regions))
		for _, region := range acct.Regions {
			a.Units = append(a.Units, acct.unit(region))
		}
	}
	if reachable == 0 && len(opts.RoleARNs) == 0 {
		gaps := a.gaps.list()
		if len(gaps) > 0 {
			return nil, fmt.Errorf("cannot reach AWS: %s", gaps[0].Error)
		}
	}
	return a, nil
}

// loadConfig loads the SDK's default configuration (environment, shared
// config and SSO profiles, web identity, container and instance roles,
// AWS_ENDPOINT_URL variables) with the audit's retryer and guards.
func (a *Audit) loadConfig(ctx context.Context, opts Options) (sdk.Config, error) {
	load := []func(*config.LoadOptions) error{
		config.WithRetryer(func() sdk.Retryer { return newRetryer(opts) }),
		config.WithAPIOptions(a.apiOptions()),
	}
	if opts.Profile != "" {
		load = append(load, config.WithSharedConfigProfile(opts.Profile))
	}
	if opts.HTTPClient != nil {
		load = append(load, config.WithHTTPClient(opts.HTTPClient))
	}
	load = append(load, opts.LoadOptions...)
	cfg, err := config.LoadDefaultConfig(ctx, load...)
	if err != nil {
		return cfg, fmt.Errorf("load AWS configuration: %w", err)
	}
	return cfg, nil
}

// account resolves one account: the caller identity (which gives the
// account id and the partition) and its regions.
func (a *Audit) account(ctx context.Context, cfg sdk.Config, opts Options, i int) (*account, bool) {
	label := "default credentials"
	if len(opts.RoleARNs) > 0 {
		label = opts.RoleARNs[i]
	}
	id, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		a.gaps.add(finding.Gap{Account: accountOf(label), Region: cfg.Region, API: "sts:GetCallerIdentity", Resource: label, Error: describeError(err)})
		return nil, false
	}
	acct := &account{
		Account: Account{ID: sdk.ToString(id.Account), Caller: sdk.ToString(id.Arn), Partition: partitionOf(sdk.ToString(id.Arn))},
		cfg:     cfg,
		opts:    opts,
		audit:   a,
	}
	switch {
	case opts.AllRegions:
		regions, err := enabledRegions(ctx, cfg)
		if err != nil {
			a.gaps.add(finding.Gap{Account: acct.ID, Region: cfg.Region, API: "ec2:DescribeRegions", Error: describeError(err)})
			return nil, false
		}
		acct.Regions = regions
	case len(opts.Regions) > 0:
		acct.Regions = dedupe(opts.Regions)
	default:
		acct.Regions = []string{cfg.Region}
	}
	acct.pending = len(acct.Regions)
	return acct, true
}

// enabledRegions lists the regions the account has enabled (opted-in or
// not requiring it).
func enabledRegions(ctx context.Context, cfg sdk.Config) ([]string, error) {
	out, err := ec2.NewFromConfig(cfg).DescribeRegions(ctx, &ec2.DescribeRegionsInput{})
	if err != nil {
		return nil, err
	}
	var regions []string
	for _, r := range out.Regions {
		if status := sdk.ToString(r.OptInStatus); status == "not-opted-in" {
			continue
		}
		regions = append(regions, sdk.ToString(r.RegionName))
	}
	sort.Strings(regions)
	return regions, nil
}

// accountOf is the account id in a role ARN, for gaps about roles that
// could not be assumed.
func accountOf(arn string) string {
	parts := strings.Split(arn, ":")
	if len(parts) >= 6 && strings.HasPrefix(arn, "arn:") {
		return parts[4]
	}
	return ""
}

// partitionOf reads the partition from an ARN ("aws", "aws-cn",
// "aws-us-gov"); the audit never assumes "aws".
func partitionOf(arn string) string {
	parts := strings.SplitN(arn, ":", 3)
	if len(parts) >= 2 && parts[0] == "arn" {
		return parts[1]
	}
	return "aws"
}

func dedupe(l []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range l {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// account is one account being audited: its configuration and the global
// (IAM) reads its regions share.
type account struct {
	Account
	cfg   sdk.Config
	opts  Options
	audit *Audit

	mu sync.Mutex
	// pending counts regions still loading; the last one reads IAM, which
	// is global, once for the whole account.
	pending int
	iamWant iamWant
}

// unit is the source unit of one region.
func (acct *account) unit(region string) source.Unit {
	return source.Unit{
		Name:     "aws:" + acct.ID + ":" + region,
		Explicit: true,
		Load: func(ctx context.Context) *source.Loaded {
			return acct.loadRegion(ctx, region)
		},
	}
}
