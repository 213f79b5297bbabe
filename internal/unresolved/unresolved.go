// Package unresolved is ecslint's one definition of a value it cannot
// know: a deploy-time placeholder ({{ .Env.TAG }}, ${VAR}, <PLACEHOLDER>),
// a Terraform variable without a value, a CloudFormation intrinsic that
// cannot be evaluated, a computed attribute. Every source writes such a
// value with Unknown, and every rule and the secret detector test values
// with the predicates here (exposed to Rego as builtins), so "unknown"
// means one thing everywhere.
//
// A value may be partly known: "${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:1.2"
// is an ECR image with a version tag whatever the placeholders hold. Mask
// keeps the literal parts and replaces each placeholder by Hole, so that
// parsers judge what is written and treat only the holes as unknown.
package unresolved

import "strings"

// Hole is what Mask writes in place of each placeholder: U+E000, a
// private-use character that no AWS field accepts, so it cannot be
// mistaken for literal text. A string holding it counts as unresolved.
const Hole = "\uE000"

// Unknown returns the canonical form of a value ecslint cannot know. desc
// names what it stands for ("var.image", "Fn::GetAtt TaskRole.Arn",
// "AWS::AccountId") and is shown to users in the summary; it is the
// shell/Terraform/CloudFormation interpolation form ${...}, so a value
// that is partly known ("${AWS::AccountId}.dkr.ecr...") reads the same
// whether a template or ecslint wrote it. A source that knows nothing
// about a value of any type (a boolean, a number, an object) writes this
// string in its place: rules never judge it, and schema validation skips
// it.
func Unknown(desc string) string {
	desc = strings.NewReplacer("{", "(", "}", ")").Replace(strings.TrimSpace(desc))
	if desc == "" {
		desc = "unknown"
	}
	return "${" + desc + "}"
}

// Contains reports whether s holds a placeholder anywhere: the value is at
// least partly unknown. Rules never judge such a value as a whole; they
// may still judge its literal parts through Mask. A blank string is not a
// placeholder: ECS reads it as a field not set. Only in an unfilled AWS CLI
// skeleton (every name blank) are blanks fields left to fill in, which the
// rule library recognises from the document.
func Contains(s string) bool {
	found := false
	scan(s, func(int, int) bool {
		found = true
		return false
	})
	return found
}

// Mask returns s with every placeholder replaced by Hole, or s itself when
// it holds none.
func Mask(s string) string {
	var b strings.Builder
	last, masked := 0, false
	scan(s, func(start, end int) bool {
		if !masked {
			b.Grow(len(s))
			masked = true
		}
		b.WriteString(s[last:start])
		b.WriteString(Hole)
		last = end
		return true
	})
	if !masked {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// IntrinsicKey reports whether k is the key of a CloudFormation intrinsic
// function object ({"Ref": ...}, {"Fn::GetAtt": ...}): such an object in
// place of a value is a value only CloudFormation knows.
func IntrinsicKey(k string) bool {
	return k == "Ref" || strings.HasPrefix(k, "Fn::")
}

// trigger marks the bytes that can start a placeholder; 0xEE starts the
// UTF-8 encoding of Hole. Most values hold none of them and are settled by
// one pass over their bytes.
var trigger = func() (t [256]bool) {
	for _, c := range []byte("{$<%#_@") {
		t[c] = true
	}
	t[Hole[0]] = true
	return t
}()

// scan calls yield with the byte range of each placeholder in s, left to
// right, until yield returns false.
func scan(s string, yield func(start, end int) bool) {
	i := 0
	for i < len(s) && !trigger[s[i]] {
		i++
	}
	if i == len(s) {
		return
	}
	if printfVerb(s) {
		yield(0, len(s))
		return
	}
	c := cursor{s: s, markup: strings.Contains(s, "</"), last: -1}
	for i < len(s) {
		if !trigger[s[i]] {
			i++
			continue
		}
		if end := c.placeholderAt(i); end > i {
			if !yield(i, end) {
				return
			}
			i, c.last = end, end
			continue
		}
		i++
	}
}

// cursor is the state of a scan: the string, whether it holds markup
// (a closing tag such as </p>, so <name> in it is HTML or XML, not a
// placeholder), and the end of the last placeholder found.
type cursor struct {
	s      string
	markup bool
	last   int
}

// apart reports whether the character before s[i] separates a token from
// what precedes it: the start of the string, a placeholder that ends
// there (so "${A}%B%" and its mask read the same), or a character that is
// not a letter or a digit.
func (c *cursor) apart(i int) bool {
	return i == 0 || i == c.last || !isAlnum(c.s[i-1])
}

// placeholderAt returns the end of the placeholder that starts at s[i], or
// -1.
func (c *cursor) placeholderAt(i int) int {
	s := c.s
	rest := s[i:]
	switch s[i] {
	case '{':
		if strings.HasPrefix(rest, "{{{") { // Handlebars {{{ x }}}
			if end := closeAt(s, i+3, "}}}"); end > 0 {
				return end
			}
		}
		switch {
		case strings.HasPrefix(rest, "{{"): // Go templates, Jinja, Handlebars, CloudFormation {{resolve:...}}
			return closeAt(s, i+2, "}}")
		case strings.HasPrefix(rest, "{%"): // Jinja statements
			return closeAt(s, i+2, "%}")
		}
	case '$':
		if len(rest) < 2 {
			return -1
		}
		switch n := rest[1]; {
		case n == '{': // ${VAR}, ${VAR:-default}, Terraform ${var.x}
			return balanced(s, i+2, '{', '}')
		case n == '(': // $(cmd), Azure Pipelines and make $(VAR)
			return balanced(s, i+2, '(', ')')
		case n == '$': // $$$VAR$$$ (ECS agent tests), $$VAR$$
			return dollarRun(s, i)
		case !c.shellBoundary(i):
			return -1
		case nameStart(n): // $VAR
			return nameEnd(s, i+1)
		case isDigit(n): // $1: a shell positional parameter
			return i + 2
		}
	case '#':
		if strings.HasPrefix(rest, "#{") { // Octopus #{Var}, Replace Tokens #{VAR}#
			end := balanced(s, i+2, '{', '}')
			if end > 0 && end < len(s) && s[end] == '#' {
				end++
			}
			return end
		}
	case '%':
		if strings.HasPrefix(rest, "%{") { // Terraform %{ if } directives
			return balanced(s, i+2, '{', '}')
		}
		return c.delimited(i, "%") // %VAR% (Windows, Azure)
	case '@':
		return c.delimited(i, "@@") // @@VAR@@
	case '_':
		// __TOKEN__; a name without capitals is a Python dunder (__init__).
		if end := c.delimited(i, "__"); end > 0 && strings.ContainsFunc(s[i:end], isUpper) {
			return end
		}
	case '<':
		if strings.HasPrefix(rest, "<%") { // ERB, EJS <%= x %>
			return closeAt(s, i+2, "%>")
		}
		if !c.markup {
			return c.angle(i)
		}
	default:
		if strings.HasPrefix(rest, Hole) {
			return i + len(Hole)
		}
	}
	return -1
}

// maxSpan bounds how far a placeholder's closing delimiter is looked for.
// Real placeholders are short; the bound keeps a value of thousands of
// unclosed "{{" or "${" linear to scan instead of quadratic.
const maxSpan = 1024

// window is s[from:], at most maxSpan bytes of it.
func window(s string, from int) string {
	return s[from:min(len(s), from+maxSpan)]
}

// closeAt returns the end of the first close at or after from, or -1.
func closeAt(s string, from int, close string) int {
	if k := strings.Index(window(s, from), close); k >= 0 {
		return from + k + len(close)
	}
	return -1
}

// balanced returns the end of the bracket closing the one opened just
// before from, counting nested pairs; -1 when it is never closed or
// encloses nothing.
func balanced(s string, from int, open, close byte) int {
	depth := 1
	for k, b := range []byte(window(s, from)) {
		switch b {
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				if k == 0 {
					return -1
				}
				return from + k + 1
			}
		}
	}
	return -1
}

// dollarRun matches $$VAR$$ with runs of two or more dollars on each side
// ($$$TEST_REGION$$$, $$$$IMAGE$$$$). "pa$$word" has no closing run.
func dollarRun(s string, i int) int {
	k := i
	for k < len(s) && s[k] == '$' {
		k++
	}
	if k-i < 2 || k == len(s) || !nameStart(s[k]) {
		return -1
	}
	k = nameEnd(s, k)
	j := k
	for j < len(s) && s[j] == '$' {
		j++
	}
	if j-k < 2 {
		return -1
	}
	return j
}

// shellBoundary reports whether a "$" at s[i] can start a shell variable:
// at the start of the value or after a separator that templates put
// between a variable and literal text (/ : = . , ; - _ quotes, brackets,
// space). A "$" after a letter, a digit or punctuation such as "!" is
// literal text ("Pa$sw0rd", "x!$y"), the usual look-alike in passwords.
func (c *cursor) shellBoundary(i int) bool {
	if i == 0 || i == c.last {
		return true
	}
	return strings.IndexByte(" \t\n/:=.,;-_\"'([{@", c.s[i-1]) >= 0
}

// delimited matches d NAME d (%VAR%, @@VAR@@, __TOKEN__): a name that
// starts with a letter and holds letters, digits, "_", "." and "-",
// standing apart from letters and digits on both sides ("p%ss%word" and
// "100%" are literal text).
func (c *cursor) delimited(i int, d string) int {
	s := c.s
	if !strings.HasPrefix(s[i:], d) || !c.apart(i) {
		return -1
	}
	from := i + len(d)
	if from >= len(s) || !isLetter(s[from]) {
		return -1
	}
	for k := from; k < len(s); k++ {
		if strings.HasPrefix(s[k:], d) {
			end := k + len(d)
			if end < len(s) && isAlnum(s[end]) {
				return -1
			}
			return end
		}
		if b := s[k]; !isAlnum(b) && b != '_' && b != '.' && b != '-' {
			return -1
		}
	}
	return -1
}

// angle matches <NAME>: a letter, then up to 63 letters, digits, "_", ".",
// ":", "-" or spaces, not ending in a space (<PLACEHOLDER>,
// <your-account-id>, <task role ARN>). Not after a letter or a digit (which
// also rules out a regular expression's (?P<name>), nor after "?" ((?<name>)
// or "<" (<<EOF).
func (c *cursor) angle(i int) int {
	s := c.s
	if !c.apart(i) || i > 0 && i != c.last && (s[i-1] == '?' || s[i-1] == '<') {
		return -1
	}
	from := i + 1
	if from >= len(s) || !isLetter(s[from]) {
		return -1
	}
	for k := from; k < len(s) && k-from <= 64; k++ {
		switch b := s[k]; {
		case b == '>':
			if s[k-1] == ' ' {
				return -1
			}
			return k + 1
		case !isAlnum(b) && !strings.ContainsRune("_.:- ", rune(b)):
			return -1
		}
	}
	return -1
}

// printfVerb: the whole value is a printf verb (%s, %-10d), the slot of a
// value a script formats in later.
func printfVerb(s string) bool {
	if len(s) < 2 || s[0] != '%' {
		return false
	}
	for k := 1; k < len(s)-1; k++ {
		if !isDigit(s[k]) && !strings.ContainsRune("-+ #.", rune(s[k])) {
			return false
		}
	}
	return strings.IndexByte("sdvqxf", s[len(s)-1]) >= 0
}

// nameEnd returns the end of the shell variable name starting at s[k].
func nameEnd(s string, k int) int {
	for k < len(s) && (isAlnum(s[k]) || s[k] == '_') {
		k++
	}
	return k
}

// nameStart: a shell variable name starts with a letter or "_".
func nameStart(c byte) bool { return isLetter(c) || c == '_' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isUpper(r rune) bool { return 'A' <= r && r <= 'Z' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlnum(c byte) bool { return isLetter(c) || isDigit(c) }
