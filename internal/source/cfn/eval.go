package cfn

import (
	"encoding/base64"
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/unresolved"
)

// tri is a condition's value: true, false, or not decidable from the
// template alone (a parameter without a default, a pseudo-parameter).
type tri int

const (
	undecided tri = iota
	yes
	no
)

// maxEval bounds the intrinsic calls one resource may evaluate: nested
// functions over mappings and parameters are cheap, but a hostile template
// must not make a run slow.
const maxEval = 100_000

// evaluator evaluates CloudFormation intrinsic functions in one
// resource's properties.
type evaluator struct {
	t *template
	// choice fixes conditions that cannot be decided, for one variant of
	// the resource; conditions not in it evaluate through Fn::If as
	// unknown.
	choice map[string]bool
	// met records the undecidable conditions Fn::If depended on.
	met map[string]bool
	// unresolved names the inputs unknown values stand for.
	unresolved map[string]bool
	condMemo   map[string]tri
	condBusy   map[string]bool
	calls      int
}

func newEvaluator(t *template, choice map[string]bool) *evaluator {
	return &evaluator{t: t, choice: choice, met: map[string]bool{}, unresolved: map[string]bool{},
		condMemo: map[string]tri{}, condBusy: map[string]bool{}}
}

// pseudo-parameters: AWS::NoValue removes the property; the others depend
// on where the stack is deployed and stay unknown.
const noValue = "AWS::NoValue"

// unknownNode is a value ecslint cannot know.
func unknownNode(desc, ptr string) *node {
	return &node{kind: nString, str: unresolved.Unknown(desc), unknown: true, ptr: ptr}
}

func hasPlaceholder(s string) bool { return unresolved.Contains(s) }

// intrinsic recognises a one-key object naming an intrinsic function.
func intrinsic(v ast.Value) (string, ast.Value, bool) {
	obj, ok := v.(ast.Object)
	if !ok || obj.Len() != 1 {
		return "", nil, false
	}
	var name string
	var arg ast.Value
	obj.Foreach(func(k, t *ast.Term) {
		if s, ok := k.Value.(ast.String); ok {
			name, arg = string(s), t.Value
		}
	})
	if name == "Ref" || strings.HasPrefix(name, "Fn::") {
		return name, arg, true
	}
	return "", nil, false
}

// eval evaluates v, written at ptr. It returns nil for a value that
// AWS::NoValue removes.
func (e *evaluator) eval(v ast.Value, ptr string) *node {
	e.calls++
	if e.calls > maxEval {
		return unknownNode("too many intrinsic function calls", ptr)
	}
	if fn, arg, ok := intrinsic(v); ok {
		return e.call(fn, arg, ptr)
	}
	switch x := v.(type) {
	case ast.Object:
		n := &node{kind: nObject, ptr: ptr}
		for _, k := range x.Keys() {
			ks, ok := k.Value.(ast.String)
			if !ok {
				continue
			}
			if c := e.eval(x.Get(k).Value, ptr+"/"+document.EscapeToken(string(ks))); c != nil {
				n.keys = append(n.keys, string(ks))
				n.vals = append(n.vals, c)
			}
		}
		return n
	case *ast.Array:
		n := &node{kind: nArray, ptr: ptr}
		for i := 0; i < x.Len(); i++ {
			if c := e.eval(x.Elem(i).Value, ptr+"/"+strconv.Itoa(i)); c != nil {
				n.vals = append(n.vals, c)
			}
		}
		return n
	}
	return fromValue(v, ptr)
}

// call evaluates one intrinsic function written at ptr (the pointer of
// the property holding it).
func (e *evaluator) call(fn string, arg ast.Value, ptr string) *node {
	argPtr := ptr + "/" + document.EscapeToken(fn)
	switch fn {
	case "Ref":
		s, ok := arg.(ast.String)
		if !ok {
			return unknownNode("Ref", ptr)
		}
		return e.ref(string(s), ptr)
	case "Fn::GetAtt":
		logical, attr := getAttArgs(e, arg, argPtr)
		if logical == "" {
			return unknownNode("Fn::GetAtt", ptr)
		}
		n := unknownNode(logical+"."+attr, ptr)
		if _, ok := e.t.byID[logical]; ok {
			n.links = []link{{logical: logical, attr: attr, text: n.str}}
		}
		return n
	case "Fn::Sub":
		return e.sub(arg, ptr, argPtr)
	case "Fn::Join":
		return e.join(arg, ptr, argPtr)
	case "Fn::Select":
		return e.selectFn(arg, ptr, argPtr)
	case "Fn::Split":
		return e.split(arg, ptr, argPtr)
	case "Fn::FindInMap":
		return e.findInMap(arg, ptr, argPtr)
	case "Fn::If":
		return e.ifFn(arg, ptr, argPtr)
	case "Fn::Base64":
		in := e.eval(arg, argPtr)
		if s, ok := in.text(); ok && in.known() {
			return &node{kind: nString, str: base64.StdEncoding.EncodeToString([]byte(s)), ptr: ptr}
		}
		n := unknownNode("Fn::Base64", ptr)
		n.links = in.allLinks()
		return n
	case "Fn::ImportValue":
		in := e.eval(arg, argPtr)
		desc := "Fn::ImportValue"
		if s, ok := in.text(); ok {
			desc += " " + s
		}
		e.unresolved[desc] = true
		return unknownNode(desc, ptr)
	}
	// Fn::GetAZs, Fn::Cidr, Fn::Transform (AWS::Include), Fn::Length,
	// Fn::ToJsonString, Fn::Equals outside a condition...: values known
	// only at deploy time.
	return unknownNode(fn, ptr)
}

func getAttArgs(e *evaluator, arg ast.Value, argPtr string) (string, string) {
	switch a := arg.(type) {
	case ast.String:
		logical, attr, _ := strings.Cut(string(a), ".")
		return logical, attr
	case *ast.Array:
		if a.Len() != 2 {
			return "", ""
		}
		l, ok := a.Elem(0).Value.(ast.String)
		if !ok {
			return "", ""
		}
		attr, _ := e.eval(a.Elem(1).Value, argPtr+"/1").text()
		return string(l), attr
	}
	return "", ""
}

// ref evaluates Ref to a parameter, pseudo-parameter or resource.
func (e *evaluator) ref(name, ptr string) *node {
	if name == noValue {
		return nil
	}
	if p, ok := e.t.params[name]; ok {
		return e.paramValue(name, p, ptr)
	}
	if strings.HasPrefix(name, "AWS::") {
		return unknownNode(name, ptr)
	}
	n := unknownNode(name, ptr)
	if _, ok := e.t.byID[name]; ok {
		n.links = []link{{logical: name, text: n.str}}
	}
	return n
}

// paramValue is a parameter's value when the stack is created with its
// defaults: the Default, split for list types; unknown when it has none,
// hides it (NoEcho) or is resolved from Parameter Store at deploy time.
func (e *evaluator) paramValue(name string, p *param, ptr string) *node {
	switch {
	case strings.HasPrefix(p.typ, "AWS::SSM::Parameter::Value<"):
		d := ""
		if s, ok := p.def.(ast.String); ok {
			d = " " + string(s)
		}
		return unknownNode("ssm"+d, ptr)
	case !p.hasDefault || p.noEcho:
		e.unresolved["parameter "+name] = true
		return unknownNode(name, ptr)
	}
	isList := p.typ == "CommaDelimitedList" || strings.HasPrefix(p.typ, "List<")
	if arr, ok := p.def.(*ast.Array); ok && isList {
		n := literal(arr, ptr)
		for _, v := range n.vals {
			if s, ok := v.text(); ok {
				v.kind, v.str = nString, s
			}
		}
		return n
	}
	s, ok := fromValue(p.def, ptr).text()
	if !ok {
		return unknownNode(name, ptr)
	}
	if isList {
		n := &node{kind: nArray, ptr: ptr}
		if s != "" {
			for _, part := range strings.Split(s, ",") {
				n.vals = append(n.vals, &node{kind: nString, str: part, ptr: ptr, noSpan: true})
			}
		}
		return n
	}
	return &node{kind: nString, str: s, ptr: ptr}
}

// sub evaluates Fn::Sub: ${Name} and ${Logical.Attr} substitutions, ${!x}
// for a literal ${x}.
func (e *evaluator) sub(arg ast.Value, ptr, argPtr string) *node {
	var tmpl string
	vars := map[string]*node{}
	switch a := arg.(type) {
	case ast.String:
		tmpl = string(a)
	case *ast.Array:
		if a.Len() != 2 {
			return unknownNode("Fn::Sub", ptr)
		}
		s, ok := a.Elem(0).Value.(ast.String)
		if !ok {
			return unknownNode("Fn::Sub", ptr)
		}
		tmpl = string(s)
		if m, ok := a.Elem(1).Value.(ast.Object); ok {
			m.Foreach(func(k, v *ast.Term) {
				if ks, ok := k.Value.(ast.String); ok {
					vars[string(ks)] = e.eval(v.Value, argPtr+"/1/"+document.EscapeToken(string(ks)))
				}
			})
		}
	default:
		return unknownNode("Fn::Sub", ptr)
	}
	out := &node{kind: nString, ptr: ptr}
	var b strings.Builder
	for {
		i := strings.Index(tmpl, "${")
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		b.WriteString(tmpl[:i])
		rest := tmpl[i+2:]
		if strings.HasPrefix(rest, "!") {
			b.WriteString("${")
			tmpl = rest[1:]
			continue
		}
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			b.WriteString(tmpl[i:])
			break
		}
		name := strings.TrimSpace(rest[:j])
		tmpl = rest[j+1:]
		var v *node
		if local, ok := vars[name]; ok {
			v = local
		} else if logical, attr, dotted := strings.Cut(name, "."); dotted && e.t.byID[logical] != nil {
			v = unknownNode(name, ptr)
			v.links = []link{{logical: logical, attr: attr, text: v.str}}
		} else {
			v = e.ref(name, ptr)
		}
		s, ok := v.text()
		if !ok {
			// A list or object cannot be substituted (CloudFormation
			// rejects it); nothing is known of the result.
			s = unresolved.Unknown(name)
		}
		b.WriteString(s)
		if v != nil {
			out.links = append(out.links, v.allLinks()...)
		}
	}
	out.str = b.String()
	return out
}

// join evaluates Fn::Join [delimiter, [values]].
func (e *evaluator) join(arg ast.Value, ptr, argPtr string) *node {
	a, ok := arg.(*ast.Array)
	if !ok || a.Len() != 2 {
		return unknownNode("Fn::Join", ptr)
	}
	// The delimiter must be a literal string; CloudFormation evaluates
	// no function there.
	delim, isText := a.Elem(0).Value.(ast.String)
	list := e.eval(a.Elem(1).Value, argPtr+"/1")
	if !isText || list == nil || list.kind != nArray {
		n := unknownNode("Fn::Join", ptr)
		n.links = list.allLinks()
		return n
	}
	parts := make([]string, 0, len(list.vals))
	out := &node{kind: nString, ptr: ptr}
	for _, v := range list.vals {
		s, ok := v.text()
		if !ok {
			s = unresolved.Unknown("Fn::Join")
		}
		parts = append(parts, s)
		out.links = append(out.links, v.allLinks()...)
	}
	out.str = strings.Join(parts, string(delim))
	return out
}

// selectFn evaluates Fn::Select [index, list].
func (e *evaluator) selectFn(arg ast.Value, ptr, argPtr string) *node {
	a, ok := arg.(*ast.Array)
	if !ok || a.Len() != 2 {
		return unknownNode("Fn::Select", ptr)
	}
	is, _ := e.eval(a.Elem(0).Value, argPtr+"/0").text()
	list := e.eval(a.Elem(1).Value, argPtr+"/1")
	i, err := strconv.Atoi(is)
	if err != nil || list == nil || list.kind != nArray || i < 0 || i >= len(list.vals) {
		n := unknownNode("Fn::Select", ptr)
		n.links = list.allLinks()
		return n
	}
	v := *list.vals[i]
	v.ptr = ptr
	return &v
}

// split evaluates Fn::Split [delimiter, string] on a known string.
func (e *evaluator) split(arg ast.Value, ptr, argPtr string) *node {
	a, ok := arg.(*ast.Array)
	if !ok || a.Len() != 2 {
		return unknownNode("Fn::Split", ptr)
	}
	delim, _ := a.Elem(0).Value.(ast.String)
	in := e.eval(a.Elem(1).Value, argPtr+"/1")
	s, isText := in.text()
	if !isText || !in.known() || delim == "" {
		n := unknownNode("Fn::Split", ptr)
		n.links = in.allLinks()
		return n
	}
	out := &node{kind: nArray, ptr: ptr}
	for _, part := range strings.Split(s, string(delim)) {
		out.vals = append(out.vals, &node{kind: nString, str: part, ptr: ptr, noSpan: true})
	}
	return out
}

// findInMap evaluates Fn::FindInMap [map, top key, second key] with keys
// that evaluate to known strings, and the DefaultValue option of the
// language extensions.
func (e *evaluator) findInMap(arg ast.Value, ptr, argPtr string) *node {
	a, ok := arg.(*ast.Array)
	if !ok || a.Len() < 3 {
		return unknownNode("Fn::FindInMap", ptr)
	}
	keys := make([]string, 3)
	for i := range keys {
		k := e.eval(a.Elem(i).Value, argPtr+"/"+strconv.Itoa(i))
		s, ok := k.text()
		if !ok || !k.known() {
			return unknownNode("Fn::FindInMap", ptr)
		}
		keys[i] = s
	}
	if v := get(get(get(e.t.mappings, keys[0]), keys[1]), keys[2]); v != nil {
		return literal(v, ptr)
	}
	if a.Len() == 4 {
		if d := get(a.Elem(3).Value, "DefaultValue"); d != nil {
			return e.eval(d, argPtr+"/3/DefaultValue")
		}
	}
	return unknownNode("Fn::FindInMap", ptr)
}

// ifFn evaluates Fn::If [condition, then, else]. A condition the
// parameter defaults do not decide takes the branch this variant chose;
// without a choice the value is unknown.
func (e *evaluator) ifFn(arg ast.Value, ptr, argPtr string) *node {
	a, ok := arg.(*ast.Array)
	if !ok || a.Len() != 3 {
		return unknownNode("Fn::If", ptr)
	}
	name, ok := a.Elem(0).Value.(ast.String)
	if !ok {
		return unknownNode("Fn::If", ptr)
	}
	if _, ok := e.t.conds[string(name)]; !ok {
		// CloudFormation rejects an undefined condition; nothing is
		// known of the value.
		return unknownNode("Fn::If "+string(name), ptr)
	}
	branch := 0
	switch e.condition(string(name)) {
	case yes:
		branch = 1
	case no:
		branch = 2
	default:
		c, chosen := e.choice[string(name)]
		if !chosen {
			// Branches that are both wholly unknown (!Ref VpcId or
			// !Ref Vpc) give rules nothing to tell apart: one unknown
			// value, naming both links, spares a variant.
			n := unknownNode("Fn::If "+string(name), ptr)
			a1 := e.eval(a.Elem(1).Value, argPtr+"/1")
			a2 := e.eval(a.Elem(2).Value, argPtr+"/2")
			if a1 != nil && a2 != nil && a1.unknown && a2.unknown {
				n.links = append(a1.allLinks(), a2.allLinks()...)
				return n
			}
			e.met[string(name)] = true
			return n
		}
		branch = 2
		if c {
			branch = 1
		}
	}
	return e.eval(a.Elem(branch).Value, argPtr+"/"+strconv.Itoa(branch))
}

// condition decides a named condition.
func (e *evaluator) condition(name string) tri {
	if v, ok := e.condMemo[name]; ok {
		return v
	}
	def, ok := e.t.conds[name]
	if !ok || e.condBusy[name] {
		return undecided
	}
	e.condBusy[name] = true
	v := e.condValue(def)
	delete(e.condBusy, name)
	e.condMemo[name] = v
	return v
}

func (e *evaluator) condValue(v ast.Value) tri {
	e.calls++
	if e.calls > maxEval {
		return undecided
	}
	obj, ok := v.(ast.Object)
	if !ok || obj.Len() != 1 {
		if b, ok := v.(ast.Boolean); ok {
			return triOf(bool(b))
		}
		return undecided
	}
	var fn string
	var arg ast.Value
	obj.Foreach(func(k, t *ast.Term) {
		s, _ := k.Value.(ast.String)
		fn, arg = string(s), t.Value
	})
	args, _ := arg.(*ast.Array)
	switch fn {
	case "Condition":
		if s, ok := arg.(ast.String); ok {
			return e.condition(string(s))
		}
	case "Fn::Not":
		if args != nil && args.Len() == 1 {
			switch e.condValue(args.Elem(0).Value) {
			case yes:
				return no
			case no:
				return yes
			}
		}
	case "Fn::And", "Fn::Or":
		if args == nil {
			return undecided
		}
		// And is false once any operand is false, Or true once any is
		// true, whatever the undecided ones are.
		stop, result := no, no
		if fn == "Fn::Or" {
			stop, result = yes, yes
		}
		out := yes
		if fn == "Fn::Or" {
			out = no
		}
		for i := 0; i < args.Len(); i++ {
			switch c := e.condValue(args.Elem(i).Value); c {
			case stop:
				return result
			case undecided:
				out = undecided
			}
		}
		return out
	case "Fn::Equals":
		if args == nil || args.Len() != 2 {
			return undecided
		}
		a := e.eval(args.Elem(0).Value, "")
		b := e.eval(args.Elem(1).Value, "")
		as, aok := a.text()
		bs, bok := b.text()
		if !aok || !bok || !a.known() || !b.known() {
			return undecided
		}
		return triOf(as == bs)
	}
	return undecided
}

func triOf(b bool) tri {
	if b {
		return yes
	}
	return no
}

// unresolvedList returns the names of unknown inputs, sorted.
func (e *evaluator) unresolvedList() []string {
	out := make([]string, 0, len(e.unresolved))
	for k := range e.unresolved {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
