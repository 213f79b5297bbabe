// Package awsfake is an in-process fake of the AWS endpoints ecslint
// audit reads, for tests and benchmarks that must never reach AWS. It
// speaks the real wire protocols (ECS's AWS JSON 1.1; the EC2 query
// protocol; the AWS query protocol of STS, IAM, Elastic Load Balancing
// v1 and v2 and Auto Scaling), so the SDK's whole stack runs against it:
// serialisation, signing, retries, paginators and error decoding. Requests
// are routed by X-Amz-Target or the form's Version, and attributed to an
// account by the access key and to a region by the SigV4 credential
// scope, so one server holds several accounts and regions.
//
// It records every call, may add latency, and injects faults through a
// hook. Only the operations the audit uses are implemented; any other
// answers InvalidAction, and is recorded, so a test sees it.
package awsfake

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Call is one request the fake received.
type Call struct {
	Account, Region string
	// Service is the IAM prefix: ecs, ec2, iam, sts, autoscaling,
	// elasticloadbalancing (v1), elasticloadbalancingv2.
	Service string
	Action  string
	// Params are the request's parameters: the JSON body's top-level
	// members for ECS, the form for the query protocols.
	Params map[string]any
}

// Fault is an injected failure.
type Fault struct {
	// Status is the HTTP status (400 when 0 and Code is set).
	Status  int
	Code    string
	Message string
	// Malformed answers 200 with a body that does not parse.
	Malformed bool
	// Empty answers 200 with a well-formed result that holds nothing.
	Empty bool
	// Hangup closes the connection without an answer, as an endpoint that
	// does not exist would fail.
	Hangup bool
}

// Server is the fake. Set its fields before serving; Accounts may be
// changed between tests under Lock.
type Server struct {
	sync.Mutex
	// Accounts by id.
	Accounts map[string]*Account
	// Keys maps access key ids to the account they authenticate.
	Keys map[string]string
	// Latency is added to every answer.
	Latency time.Duration
	// Fault, when set, may fail a call before it is answered. It is called
	// for one call at a time, so it may keep state (a count, a set) without
	// a lock of its own.
	Fault func(c *Call) *Fault

	calls   []Call
	faultMu sync.Mutex
}

// New returns a server holding one account, reachable with access key
// "AKIDFAKE" (StaticKey).
func New(accounts ...*Account) *Server {
	s := &Server{Accounts: map[string]*Account{}, Keys: map[string]string{}}
	for _, a := range accounts {
		s.Accounts[a.ID] = a
	}
	if len(accounts) > 0 {
		s.Keys[StaticKey] = accounts[0].ID
	}
	return s
}

// StaticKey and StaticSecret are the fake's credentials for the first
// account.
const (
	StaticKey    = "AKIDFAKE"
	StaticSecret = "fake-secret"
)

// Calls returns every call received so far.
func (s *Server) Calls() []Call {
	s.Lock()
	defer s.Unlock()
	return append([]Call(nil), s.calls...)
}

// Count returns how many calls of service:Action were received.
func (s *Server) Count(service, action string) int {
	n := 0
	for _, c := range s.Calls() {
		if c.Service == service && c.Action == action {
			n++
		}
	}
	return n
}

var credentialScope = regexp.MustCompile(`Credential=([^/]+)/[0-9]+/([^/]+)/([^/]+)/aws4_request`)

// queryVersions maps the query protocols' API versions to services.
var queryVersions = map[string]string{
	"2016-11-15": "ec2",
	"2010-05-08": "iam",
	"2011-06-15": "sts",
	"2011-01-01": "autoscaling",
	"2012-06-01": "elasticloadbalancing",
	"2015-12-01": "elasticloadbalancingv2",
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	m := credentialScope.FindStringSubmatch(r.Header.Get("Authorization"))
	if m == nil {
		http.Error(w, "unsigned request", http.StatusForbidden)
		return
	}
	c := &Call{Region: m[2], Params: map[string]any{}}
	s.Lock()
	c.Account = s.Keys[m[1]]
	s.Unlock()
	var proto protocol
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		c.Service = "ecs"
		c.Action = target[strings.LastIndexByte(target, '.')+1:]
		if len(body) > 0 {
			if err := json.Unmarshal(body, &c.Params); err != nil {
				jsonError(w, 400, "SerializationException", err.Error())
				return
			}
		}
		proto = jsonProtocol{}
	} else {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		c.Service = queryVersions[form.Get("Version")]
		c.Action = form.Get("Action")
		for k, v := range form {
			c.Params[k] = v[0]
		}
		proto = queryProtocol{ec2: c.Service == "ec2"}
	}
	s.Lock()
	s.calls = append(s.calls, *c)
	latency, fault := s.Latency, s.Fault
	s.Unlock()
	if latency > 0 {
		time.Sleep(latency)
	}
	if c.Account == "" {
		proto.fail(w, 403, "InvalidClientTokenId", "The security token included in the request is invalid.")
		return
	}
	if fault != nil {
		s.faultMu.Lock()
		f := fault(c)
		s.faultMu.Unlock()
		if f != nil {
			switch {
			case f.Hangup:
				hangup(w)
			case f.Malformed:
				w.Header().Set("Content-Type", proto.contentType())
				w.WriteHeader(http.StatusOK)
				_, _ = io.WriteString(w, "{<not an answer")
			case f.Empty && c.Service == "ecs":
				writeJSON(w, Object{})
			case f.Empty:
				writeXML(w, c, struct {
					XMLName xml.Name `xml:"x"`
				}{})
			default:
				status := f.Status
				if status == 0 {
					status = 400
				}
				proto.fail(w, status, f.Code, f.Message)
			}
			return
		}
	}
	s.Lock()
	acct := s.Accounts[c.Account]
	s.Unlock()
	if c.Service == "sts" {
		s.sts(w, c, acct)
		return
	}
	if c.Service == "iam" {
		acct.iam(w, c)
		return
	}
	region := acct.Regions[c.Region]
	if region == nil {
		// An endpoint for a region that does not exist does not answer.
		hangup(w)
		return
	}
	if !region.Enabled() {
		proto.fail(w, 403, "UnrecognizedClientException", "The security token included in the request is invalid.")
		return
	}
	region.serve(w, c)
}

func hangup(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	w.WriteHeader(http.StatusBadGateway)
}

// protocol writes answers and errors in one wire format.
type protocol interface {
	fail(w http.ResponseWriter, status int, code, msg string)
	contentType() string
}

type jsonProtocol struct{}

func (jsonProtocol) fail(w http.ResponseWriter, status int, code, msg string) {
	jsonError(w, status, code, msg)
}

func (jsonProtocol) contentType() string { return "application/x-amz-json-1.1" }

func jsonError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"__type": code, "message": msg})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	_ = json.NewEncoder(w).Encode(v)
}

// queryProtocol is the AWS query protocol, or EC2's variant of it.
type queryProtocol struct{ ec2 bool }

func (q queryProtocol) contentType() string { return "text/xml" }

func (q queryProtocol) fail(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	if q.ec2 {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>fake</RequestID></Response>`, esc(code), esc(msg))
		return
	}
	fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>fake</RequestId></ErrorResponse>`, esc(code), esc(msg))
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// namespaces of the query protocols' answers.
var namespaces = map[string]string{
	"ec2":                    "http://ec2.amazonaws.com/doc/2016-11-15/",
	"iam":                    "https://iam.amazonaws.com/doc/2010-05-08/",
	"sts":                    "https://sts.amazonaws.com/doc/2011-06-15/",
	"autoscaling":            "http://autoscaling.amazonaws.com/doc/2011-01-01/",
	"elasticloadbalancing":   "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/",
	"elasticloadbalancingv2": "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/",
}

// writeXML answers a query-protocol call. result is marshalled inside
// <ActionResult> (AWS query) or directly in the response (EC2).
func writeXML(w http.ResponseWriter, c *Call, result any) {
	inner, err := xml.Marshal(result)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	// Marshal wraps in the type's element; the answer wants its content.
	content := string(inner)
	if i := strings.IndexByte(content, '>'); i >= 0 && strings.HasSuffix(content, ">") {
		j := strings.LastIndex(content, "</")
		content = content[i+1 : j]
	}
	w.Header().Set("Content-Type", "text/xml")
	ns := namespaces[c.Service]
	if c.Service == "ec2" {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><%sResponse xmlns="%s"><requestId>fake</requestId>%s</%sResponse>`, c.Action, ns, content, c.Action)
		return
	}
	fmt.Fprintf(w, `<%sResponse xmlns="%s"><%sResult>%s</%sResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></%sResponse>`,
		c.Action, ns, c.Action, content, c.Action, c.Action)
}

// listParam reads a query list parameter: prefix.member.N (AWS query) or
// prefix.N (EC2).
func listParam(c *Call, prefix string) []string {
	var out []string
	for i := 1; ; i++ {
		v, ok := c.Params[prefix+"."+strconv.Itoa(i)].(string)
		if !ok {
			return out
		}
		out = append(out, v)
	}
}

func str(c *Call, key string) string {
	s, _ := c.Params[key].(string)
	return s
}

// strs reads a JSON list of strings from an ECS request.
func strs(c *Call, key string) []string {
	l, _ := c.Params[key].([]any)
	out := make([]string, 0, len(l))
	for _, v := range l {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func num(c *Call, key string, def int) int {
	switch v := c.Params[key].(type) {
	case float64:
		return int(v)
	case string:
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return def
}

// page returns items[from:from+size] and the next token ("" at the end).
func page[T any](items []T, token string, size int) ([]T, string) {
	from, _ := strconv.Atoi(token)
	if from > len(items) {
		from = len(items)
	}
	to := min(from+size, len(items))
	next := ""
	if to < len(items) {
		next = strconv.Itoa(to)
	}
	return items[from:to], next
}
