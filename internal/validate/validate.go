// Package validate checks a resource's value against the ECS API model
// (package ecsmodel), as the AWS CLI's parameter validation checks a
// --cli-input-json document: member types, enum values, required members,
// integer ranges and unknown members. Every defect becomes one problem,
// located by its path into the value, for the schema-invalid rule to
// report; and the value comes back without the members of the wrong type,
// so that no rule reads a string where AWS has a boolean.
//
// A value ecslint cannot know (unresolved.Contains) fits every slot: it is
// never judged. Coercions a source applies (CloudFormation reading "true"
// as a boolean) happen before validation, in the source.
package validate

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/ecsmodel"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/source"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// Rule ids of the problems this package reports.
const (
	// RuleSchemaInvalid reports a value AWS rejects for its type, enum,
	// range, a missing required member or an unknown member.
	RuleSchemaInvalid = "schema-invalid"
	// RuleDuplicateKey reports a key given twice in one object.
	RuleDuplicateKey = "duplicate-key"
)

// Options says what the source knows about a resource.
type Options struct {
	// Partial is set for a document that names only what it changes: an
	// update-service input, checked against UpdateService's input. A
	// partial document of a kind without an update input has no member
	// required at its root.
	Partial bool
	// Generated lists root members the source fills in when they are
	// absent (CloudFormation names a task definition family or a service
	// itself), which are then not required.
	Generated []string
	// Lenient is set when the client between the document and AWS drops
	// members it does not know (the Terraform provider decodes
	// container_definitions that way): they are then not defects, since
	// AWS never sees them.
	Lenient bool
}

// suppliedOutside are root members that deploy tools commonly give
// outside the document: ecspresso takes a service's name from its own
// config, and `aws ecs create-service --service-name web --cli-input-json
// file://service.json` from the command line. Their absence proves nothing.
var suppliedOutside = map[string][]string{
	kind.Service: {"serviceName"},
}

// invalid stands in for a list element of the wrong type, so the indices
// of the elements after it, which rules report paths with, do not move.
var invalid = ast.String(unresolved.Unknown("invalid value"))

// Resource checks value, a resource of kind k in the API shape. It returns
// the value rules should see and one problem per defect, in the order of
// the value's sorted keys. Members of the wrong type are removed from their
// object; list elements of the wrong type are replaced by an unknown value.
// Enum values AWS does not know and unknown members are reported but kept,
// since their type is right. value itself is never modified: unchanged
// parts are shared. A kind outside the ECS model is returned as is.
func Resource(k string, value ast.Object, o Options) (ast.Object, []source.Problem) {
	root, name := ecsmodel.Root(k), rootNames[k]
	if u := ecsmodel.UpdateRoot(k); o.Partial && u != nil {
		root, name, o.Partial = u, updateNames[k], false
	}
	if root == nil {
		return value, nil
	}
	c := &checker{kind: k, rootName: name, opts: o}
	c.member = c.checkMember
	out, v := c.object(value, root, true)
	if v == keep {
		return value, c.problems
	}
	return out.(ast.Object), c.problems
}

// Check is Resource for a loaded resource, with the options its origin
// implies: the form analyzer.Options.Validate takes.
func Check(r *source.Resource) (ast.Object, []source.Problem) {
	o := Options{Partial: r.Partial}
	switch r.Origin.Format {
	case source.FormatTerraform, source.FormatTerraformPlan:
		o.Lenient = true
	}
	return Resource(r.Kind, r.Value, o)
}

// verdict is what the caller does with a checked value.
type verdict uint8

const (
	keep    verdict = iota // valid, unchanged
	replace                // valid once the returned value replaces it
	drop                   // of the wrong type
)

type checker struct {
	kind string
	// rootName names the resource in messages ("task definition").
	rootName string
	opts     Options
	// path holds object keys as their *ast.Term and list indices as ints,
	// which an interface holds without allocating; report turns it into
	// strings and ints.
	path     []any
	problems []source.Problem
	frame    frame
	// member is c.checkMember, bound once: Foreach takes it per object.
	member func(k, t *ast.Term)
}

func (c *checker) report(format string, args ...any) {
	c.problems = append(c.problems, source.Problem{
		Rule:    RuleSchemaInvalid,
		Path:    c.pathNow(),
		Message: fmt.Sprintf(format, args...),
	})
}

// pathNow is c.path with keys as strings.
func (c *checker) pathNow() []any {
	out := make([]any, len(c.path))
	for i, p := range c.path {
		if t, ok := p.(*ast.Term); ok {
			p = string(t.Value.(ast.String))
		}
		out[i] = p
	}
	return out
}

// check checks v against s at c.path.
func (c *checker) check(v ast.Value, s *ecsmodel.Shape) (ast.Value, verdict) {
	if str, ok := v.(ast.String); ok {
		// Most strings sit where any string goes: the unknown-value test
		// is only paid where it decides.
		switch {
		case s.Type == ecsmodel.String:
			if s.Enum != nil && !s.HasEnum(string(str)) && !unresolved.Contains(string(str)) && !c.caseOnly(string(str), s) {
				c.badEnum(s)
			}
			return v, keep
		case s.Type == ecsmodel.Any, s.Type == ecsmodel.Timestamp, unresolved.Contains(string(str)):
			return v, keep
		}
	}
	switch s.Type {
	case ecsmodel.Any:
		return v, keep
	case ecsmodel.Boolean:
		if _, ok := v.(ast.Boolean); ok {
			return v, keep
		}
	case ecsmodel.Integer:
		if n, ok := v.(ast.Number); ok {
			return v, c.integer(n, s.Bits)
		}
	case ecsmodel.Number:
		if n, ok := v.(ast.Number); ok {
			if f, err := strconv.ParseFloat(string(n), 64); err != nil || math.IsInf(f, 0) {
				c.report("%s is out of the range of a number", c.where())
				return v, drop
			}
			return v, keep
		}
	case ecsmodel.Timestamp:
		switch v.(type) {
		case ast.String, ast.Number:
			return v, keep
		}
	case ecsmodel.List:
		if a, ok := v.(*ast.Array); ok {
			return c.list(a, s)
		}
	case ecsmodel.Map, ecsmodel.Structure:
		if o, ok := v.(ast.Object); ok {
			return c.object(o, s, false)
		}
	}
	c.report("%s must be %s, not %s", c.where(), expected(s), typeName(v))
	return v, drop
}

// integer checks that n is written as a whole number (the AWS CLI rejects
// 1.0 and 1e3 for an integer, as Python reads them as floats) within bits.
func (c *checker) integer(n ast.Number, bits int) verdict {
	text := string(n)
	if strings.ContainsAny(text, ".eE") {
		c.report("%s must be a whole number", c.where())
		return drop
	}
	if bits == 0 {
		return keep
	}
	if _, err := strconv.ParseInt(text, 10, bits); err != nil {
		var b big.Int
		if _, ok := b.SetString(text, 10); !ok {
			c.report("%s must be a whole number", c.where())
		} else {
			c.report("%s is out of range: AWS takes a %d-bit integer here", c.where(), bits)
		}
		return drop
	}
	return keep
}

// caseOnly is true when v differs from an enum value in case alone. Such
// a value is not reported: the ECS API has been seen to read some enums
// whatever their case (a port mapping's "TCP"), and a wrong critical
// finding costs more than a missed one.
func (c *checker) caseOnly(v string, s *ecsmodel.Shape) bool {
	for _, e := range s.Enum {
		if strings.EqualFold(e, v) {
			return true
		}
	}
	return false
}

func (c *checker) badEnum(s *ecsmodel.Shape) {
	c.report("%s must be one of %s", c.where(), strings.Join(s.Enum, ", "))
}

func (c *checker) list(a *ast.Array, s *ecsmodel.Shape) (ast.Value, verdict) {
	if a.Len() < s.MinItems {
		c.report("%s is empty: AWS requires at least %d %s", c.where(), s.MinItems, elementName(s))
	}
	var out []*ast.Term
	for i := 0; i < a.Len(); i++ {
		c.path = append(c.path, i)
		nv, v := c.check(a.Elem(i).Value, s.Elem)
		c.path = c.path[:len(c.path)-1]
		if v == keep {
			continue
		}
		if out == nil {
			out = make([]*ast.Term, a.Len())
			for j := 0; j < a.Len(); j++ {
				out[j] = a.Elem(j)
			}
		}
		if v == drop {
			nv = invalid
		}
		out[i] = ast.NewTerm(nv)
	}
	if out == nil {
		return a, keep
	}
	return ast.NewArray(out...), replace
}

// edit is a change to one member of an object.
type edit struct {
	key   *ast.Term
	value ast.Value // nil: remove the member
}

// frame is the state of the object being checked; member updates it.
type frame struct {
	shape *ecsmodel.Shape
	root  bool
	edits []edit
	// present has bit i set when shape.Required[i] is there, not null.
	present uint64
}

// object checks a structure's members or a map's values. A null member is
// taken as absent, as every AWS SDK sends it, and removed.
func (c *checker) object(o ast.Object, s *ecsmodel.Shape, root bool) (ast.Value, verdict) {
	saved := c.frame
	c.frame = frame{shape: s, root: root}
	o.Foreach(c.member)
	f := c.frame
	c.frame = saved
	for i, r := range s.Required {
		if f.present&(1<<i) != 0 || root && (c.opts.Partial || slices.Contains(c.opts.Generated, r) || slices.Contains(suppliedOutside[c.kind], r)) {
			continue
		}
		c.report("%s lacks %s, which AWS requires", c.where(), r)
	}
	if len(f.edits) == 0 {
		return o, keep
	}
	out := ast.NewObjectWithCapacity(o.Len())
	o.Foreach(func(k, t *ast.Term) {
		for _, e := range f.edits {
			if e.key == k {
				if e.value != nil {
					out.Insert(k, ast.NewTerm(e.value))
				}
				return
			}
		}
		out.Insert(k, t)
	})
	return out, replace
}

// checkMember checks one member of the object in c.frame. It is a method value
// made once per resource, rather than a closure per object, which
// allocated more than the rest of validation.
func (c *checker) checkMember(k, t *ast.Term) {
	key, ok := k.Value.(ast.String)
	if !ok {
		return
	}
	s := c.frame.shape
	var ms *ecsmodel.Shape
	if s.Type == ecsmodel.Map {
		ms = s.Elem
	} else if ms = s.Members[string(key)]; ms == nil {
		if c.opts.Lenient {
			return
		}
		c.path = append(c.path, k)
		c.unknown(string(key), s, c.frame.root)
		c.path = c.path[:len(c.path)-1]
		return
	}
	if _, null := t.Value.(ast.Null); null && s.Type == ecsmodel.Structure {
		c.frame.edits = append(c.frame.edits, edit{key: k})
		return
	}
	for i, r := range s.Required {
		if r == string(key) {
			c.frame.present |= 1 << i
		}
	}
	c.path = append(c.path, k)
	nv, v := c.check(t.Value, ms)
	c.path = c.path[:len(c.path)-1]
	switch v {
	case drop:
		c.frame.edits = append(c.frame.edits, edit{key: k})
	case replace:
		c.frame.edits = append(c.frame.edits, edit{key: k, value: nv})
	}
}

// unknown reports a member the structure does not have: the AWS CLI
// rejects the document, and other clients drop the member silently.
func (c *checker) unknown(key string, s *ecsmodel.Shape, root bool) {
	owner := s.Name
	if root {
		owner = article(c.rootName) + " " + c.rootName
	}
	if near := nearest(key, s.Members); near != "" {
		c.report("%s is not a member of %s: did you mean %s?", c.where(), owner, near)
		return
	}
	c.report("%s is not a member of %s in the ECS API", c.where(), owner)
}

// rootNames name each kind's value in messages.
var rootNames = map[string]string{
	kind.TaskDefinition:       "task definition",
	kind.Service:              "service",
	kind.ContainerDefinitions: "container definitions document",
	kind.Cluster:              "cluster",
	kind.CapacityProvider:     "capacity provider",
}

// updateNames name each kind's update input in messages.
var updateNames = map[string]string{
	kind.Service: "UpdateService input",
}

func article(noun string) string {
	if strings.ContainsRune("AEIOUaeiou", rune(noun[0])) {
		return "an"
	}
	return "a"
}

// where names the current path as a reader writes it:
// containerDefinitions[0].logConfiguration.
func (c *checker) where() string {
	if len(c.path) == 0 {
		return "the " + c.rootName
	}
	return Display(c.pathNow())
}

// Display writes a path into a resource as a reader writes it:
// containerDefinitions[0].logConfiguration.
func Display(path []any) string {
	var b strings.Builder
	for i, p := range path {
		switch x := p.(type) {
		case int:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(x))
			b.WriteByte(']')
		default:
			if i > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, x)
		}
	}
	return b.String()
}

// nearest returns the member name key was most likely meant as: one that
// differs in case only, or by one edit (two for longer names); "" when
// none is that close. Ties go to the first name in sorted order.
func nearest(key string, members map[string]*ecsmodel.Shape) string {
	limit := 2
	if len(key) >= 8 {
		limit = 3
	}
	best, bestDist := "", limit
	lower := strings.ToLower(key)
	for m := range members {
		if strings.EqualFold(m, key) {
			return m
		}
		d := distance(lower, strings.ToLower(m), limit)
		if d < bestDist || d == bestDist && d < limit && m < best {
			best, bestDist = m, d
		}
	}
	return best
}

// distance is the Levenshtein distance of a and b, or limit when it is
// at least limit.
func distance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

func expected(s *ecsmodel.Shape) string {
	switch s.Type {
	case ecsmodel.Boolean:
		return "a boolean"
	case ecsmodel.String:
		return "a string"
	case ecsmodel.Integer:
		return "an integer"
	case ecsmodel.Number:
		return "a number"
	case ecsmodel.Timestamp:
		return "a timestamp"
	case ecsmodel.List:
		return "a list"
	case ecsmodel.Map:
		return "an object"
	case ecsmodel.Structure:
		return "an object (" + s.Name + ")"
	}
	return "a value"
}

func typeName(v ast.Value) string {
	switch v.(type) {
	case ast.Null:
		return "null"
	case ast.Boolean:
		return "a boolean"
	case ast.Number:
		return "a number"
	case ast.String:
		return "a string"
	case *ast.Array:
		return "a list"
	case ast.Object:
		return "an object"
	}
	return "a " + ast.ValueName(v)
}

func elementName(s *ecsmodel.Shape) string {
	if s.Elem != nil && s.Elem.Type == ecsmodel.Structure {
		return s.Elem.Name
	}
	return "element"
}
