package aws

import (
	"context"
	"fmt"
	"strings"
	"sync"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go/middleware"
	"golang.org/x/time/rate"
)

// newRetryer is the SDK's standard retryer with more attempts than its
// default of 3 and no client-side retry quota: the quota protects
// multi-tenant services from retry storms, but an audit that gives up
// under sustained throttling would leave holes, so it waits instead
// (backing off, honouring the service's retry-after hints).
func newRetryer(opts Options) sdk.Retryer {
	attempts := opts.MaxAttempts
	if attempts <= 0 {
		attempts = 10
	}
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = attempts
		o.RateLimiter = ratelimit.None
		if opts.Backoff != nil {
			o.Backoff = retry.BackoffDelayerFunc(opts.Backoff)
		}
	})
}

// readOnly reports whether an operation only reads. STS's AssumeRole is
// how --role-arn reaches other accounts and changes nothing in them.
func readOnly(op string) bool {
	for _, p := range []string{"List", "Describe", "Get"} {
		if strings.HasPrefix(op, p) {
			return true
		}
	}
	return op == "AssumeRole"
}

// apiOptions are the middlewares every client carries: the read-only
// guard, which refuses any other operation before it is signed, and the
// call counter.
func (a *Audit) apiOptions() []func(*middleware.Stack) error {
	return []func(*middleware.Stack) error{
		func(s *middleware.Stack) error {
			return s.Initialize.Add(middleware.InitializeMiddlewareFunc("ecslintReadOnly",
				func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
					op := awsmiddleware.GetOperationName(ctx)
					if !readOnly(op) {
						return middleware.InitializeOutput{}, middleware.Metadata{}, fmt.Errorf("ecslint audit is read-only: refusing %s", apiName(awsmiddleware.GetServiceID(ctx), op))
					}
					a.calls.add(apiName(awsmiddleware.GetServiceID(ctx), op))
					return next.HandleInitialize(ctx, in)
				}), middleware.Before)
		},
	}
}

// apiName is "service:Operation" with the IAM action prefix of the
// service, as the README's policy and coverage gaps name calls.
func apiName(serviceID, op string) string {
	prefix := map[string]string{
		"ECS": "ecs", "EC2": "ec2", "IAM": "iam", "STS": "sts", "Auto Scaling": "autoscaling",
		"Elastic Load Balancing": "elasticloadbalancing", "Elastic Load Balancing v2": "elasticloadbalancing",
	}[serviceID]
	if prefix == "" {
		prefix = strings.ToLower(strings.ReplaceAll(serviceID, " ", ""))
	}
	return prefix + ":" + op
}

// callCounter counts operations sent.
type callCounter struct {
	mu     sync.Mutex
	counts map[string]int
}

func (c *callCounter) add(api string) {
	c.mu.Lock()
	c.counts[api]++
	c.mu.Unlock()
}

func (c *callCounter) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.counts))
	for k, v := range c.counts {
		out[k] = v
	}
	return out
}

// defaultPace is the sustained request rate per second that an audit
// keeps per account, region and service. ECS throttles per account and
// region with token buckets whose documented refill rate for read actions
// is 20 per second (cluster reads such as DescribeClusters): the audit
// stays below it so that it does not starve the account's own deployments.
// The other services' read limits are higher; IAM is global per account
// and the most easily throttled.
var defaultPace = map[string]float64{
	"ECS": 15, "EC2": 20, "Auto Scaling": 10, "Elastic Load Balancing": 10,
	"Elastic Load Balancing v2": 10, "IAM": 10,
}

// throttle bounds one account and region: at most n calls in flight over
// all its clients, and each service paced at its sustained rate. Each
// attempt waits, retries included, so a burst of retries is paced too.
type throttle struct {
	slots    chan struct{}
	mu       sync.Mutex
	limiters map[string]*rate.Limiter
	pace     map[string]float64
}

func newThrottle(concurrency int, pace map[string]float64) *throttle {
	if concurrency <= 0 {
		concurrency = 8
	}
	p := map[string]float64{}
	for k, v := range defaultPace {
		p[k] = v
	}
	for k, v := range pace {
		p[k] = v
	}
	return &throttle{slots: make(chan struct{}, concurrency), limiters: map[string]*rate.Limiter{}, pace: p}
}

func (t *throttle) limiter(service string) *rate.Limiter {
	t.mu.Lock()
	defer t.mu.Unlock()
	l := t.limiters[service]
	if l == nil {
		r := t.pace[service]
		if r <= 0 {
			r = 10
		}
		l = rate.NewLimiter(rate.Limit(r), max(1, int(r)))
		t.limiters[service] = l
	}
	return l
}

// add installs the throttle after the retry middleware, so it applies to
// every attempt.
func (t *throttle) add(s *middleware.Stack) error {
	return s.Finalize.Insert(middleware.FinalizeMiddlewareFunc("ecslintThrottle",
		func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
			if err := t.limiter(awsmiddleware.GetServiceID(ctx)).Wait(ctx); err != nil {
				return middleware.FinalizeOutput{}, middleware.Metadata{}, err
			}
			select {
			case t.slots <- struct{}{}:
			case <-ctx.Done():
				return middleware.FinalizeOutput{}, middleware.Metadata{}, ctx.Err()
			}
			defer func() { <-t.slots }()
			return next.HandleFinalize(ctx, in)
		}), "Retry", middleware.After)
}
