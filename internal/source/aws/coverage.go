package aws

import (
	"errors"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	smithy "github.com/aws/smithy-go"

	"github.com/ecslint/ecslint/internal/finding"
)

// gapSink collects coverage gaps from every unit.
type gapSink struct {
	mu   sync.Mutex
	gaps []finding.Gap
}

func (g *gapSink) add(gap finding.Gap) {
	g.mu.Lock()
	g.gaps = append(g.gaps, gap)
	g.mu.Unlock()
}

func (g *gapSink) list() []finding.Gap {
	g.mu.Lock()
	out := append([]finding.Gap(nil), g.gaps...)
	g.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Account != b.Account:
			return a.Account < b.Account
		case a.Region != b.Region:
			return a.Region < b.Region
		case a.API != b.API:
			return a.API < b.API
		case a.Resource != b.Resource:
			return a.Resource < b.Resource
		}
		return a.Error < b.Error
	})
	return out
}

// describeError is what a gap says of a failed call: the service's error
// code and message when it answered, else what went wrong on the way
// (retries exhausted, a connection that failed, an answer that did not
// parse). It never holds credentials: the SDK's errors do not carry them.
func describeError(err error) string {
	var api smithy.APIError
	prefix := ""
	var quota *retry.MaxAttemptsError
	if errors.As(err, &quota) {
		prefix = "gave up after " + strconv.Itoa(quota.Attempt) + " attempts: "
	}
	if errors.As(err, &api) {
		msg := api.ErrorMessage()
		if msg == "" {
			return prefix + api.ErrorCode()
		}
		return prefix + api.ErrorCode() + ": " + firstLine(msg)
	}
	var de *smithy.DeserializationError
	if errors.As(err, &de) {
		return prefix + "malformed answer: " + firstLine(de.Err.Error())
	}
	var oe *smithy.OperationError
	if errors.As(err, &oe) {
		return prefix + firstLine(oe.Err.Error())
	}
	return prefix + firstLine(err.Error())
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	const limit = 300
	if len(s) > limit {
		s = s[:limit] + "..."
	}
	return strings.TrimSpace(s)
}
