package document

import (
	"bytes"
	"errors"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"
)

// Scalars selects how plain YAML scalars (unquoted, untagged) become
// values: `yes`, `0755`, `1_000` read differently under different rules.
type Scalars uint8

const (
	// ScalarsGo is the YAML library's reading: YAML 1.2's core schema
	// (true/false, null, decimal, 0o and 0x integers), plus 0755 read as
	// an octal. It is ParseYAML's.
	ScalarsGo Scalars = iota
	// ScalarsAWSCLI reads scalars as the AWS CLI v2 reads
	// --cli-input-yaml: with ruamel.yaml's safe loader, which applies its
	// YAML 1.2 rules unless the stream declares `%YAML 1.1`, and then its
	// YAML 1.1 rules (yes/no/on/off/y/n booleans, 0755 octals, 1:30
	// sexagesimals). `privileged: yes` is therefore the string "yes" for
	// the CLI, which it rejects as no boolean, unless the file says
	// %YAML 1.1. Floats keep a fraction (1.0, not 1), as the CLI reads
	// them as floats that an integer member rejects.
	ScalarsAWSCLI
	// ScalarsYAML11 reads scalars by YAML 1.1's rules, as ScalarsAWSCLI
	// does under `%YAML 1.1`, whatever the stream declares:
	// CloudFormation reads templates as YAML 1.1, where an unquoted yes
	// is true (and a timestamp such as 2010-09-09 stays a string).
	ScalarsYAML11
)

// YAMLOptions tunes ParseYAMLWith.
type YAMLOptions struct {
	Scalars Scalars
	// Rewrite, when set, may rewrite each document's node tree before it
	// is converted, keeping the nodes' lines and columns: CloudFormation
	// turns its short-form tags (!Ref X) into the long form ({Ref: X})
	// this way, so positions survive. Its error fails the stream like a
	// syntax error.
	Rewrite func(*yaml.Node) error
}

// yamlVersion finds the version of a `%YAML` directive before the first
// document of a stream, with the offset of its text in data; "" when there
// is none. The AWS CLI reads one document per file, so the first
// document's directive is the one that counts.
func yamlVersion(data []byte) (string, int) {
	i := 0
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		i = 3
	}
	for i < len(data) {
		end := bytes.IndexByte(data[i:], '\n')
		if end < 0 {
			end = len(data) - i
		}
		line := bytes.TrimRight(data[i:i+end], " \t\r")
		switch {
		case len(bytes.TrimLeft(line, " \t")) == 0 || line[0] == '#':
		case bytes.HasPrefix(line, []byte("%YAML ")) || bytes.HasPrefix(line, []byte("%YAML\t")):
			rest := bytes.TrimLeft(line[len("%YAML "):], " \t")
			v, _, _ := bytes.Cut(rest, []byte("#"))
			v = bytes.TrimRight(v, " \t")
			return string(v), i + (len(line) - len(rest))
		case line[0] == '%':
		default:
			return "", 0
		}
		i += end + 1
	}
	return "", 0
}

// cliScalars applies ruamel.yaml's implicit resolvers and safe
// constructors, for one version of YAML.
type cliScalars struct{ v11 bool }

// The implicit resolvers of ruamel.yaml (resolver.py), by version. A plain
// scalar takes the tag of the first that matches, tried in this order:
// bool, float, int, null, timestamp; a scalar matching none is a string.
var (
	bool12  = regexp.MustCompile(`^(?:true|True|TRUE|false|False|FALSE)$`)
	bool11  = regexp.MustCompile(`^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$`)
	float12 = regexp.MustCompile(`^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`)
	float11 = regexp.MustCompile(`^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`)
	int12   = regexp.MustCompile(`^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$`)
	int11   = regexp.MustCompile(`^(?:[-+]?0b[0-1_]+|[-+]?0?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$`)
	null    = regexp.MustCompile(`^(?:~|null|Null|NULL|)$`)
	stamp   = regexp.MustCompile(`^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$`)
)

// resolve is the tag of a plain scalar.
func (r cliScalars) resolve(s string) string {
	boolRE, floatRE, intRE := bool12, float12, int12
	if r.v11 {
		boolRE, floatRE, intRE = bool11, float11, int11
	}
	switch {
	case boolRE.MatchString(s):
		return "!!bool"
	case floatRE.MatchString(s):
		return "!!float"
	// ruamel.yaml tries the int resolver only on scalars starting with a
	// sign or a digit, which keeps "_" a string.
	case s != "" && strings.IndexByte("-+0123456789", s[0]) >= 0 && intRE.MatchString(s):
		return "!!int"
	case null.MatchString(s):
		return "!!null"
	case stamp.MatchString(s):
		return "!!timestamp"
	}
	return "!!str"
}

// scalar turns a scalar node into a value: quoted and block scalars are
// strings, explicitly tagged ones take their tag, plain ones are resolved.
func (r cliScalars) scalar(c *yamlConverter, n *yaml.Node) (ast.Value, error) {
	tag := "!!str"
	switch {
	case n.Style&yaml.TaggedStyle != 0:
		tag = n.ShortTag()
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0:
		tag = r.resolve(n.Value)
	}
	switch tag {
	case "!!null":
		return ast.Null{}, nil
	case "!!bool":
		switch strings.ToLower(n.Value) {
		case "yes", "y", "true", "on":
			return ast.Boolean(true), nil
		case "no", "n", "false", "off":
			return ast.Boolean(false), nil
		}
		return nil, c.errAt(n, "invalid boolean")
	case "!!int":
		v, ok := r.integer(n.Value)
		if !ok {
			return nil, c.errAt(n, "invalid integer")
		}
		return v, nil
	case "!!float":
		v, ok := r.float(n.Value)
		if !ok {
			return nil, c.errAt(n, "invalid number")
		}
		return v, nil
	}
	// Strings, timestamps, binary and application tags (!Ref) keep the
	// text as written, as ScalarsGo does.
	return ast.String(n.Value), nil
}

// integer is ruamel.yaml's construct_yaml_int: underscores dropped; 0b,
// 0x and 0o prefixes; under YAML 1.1 a leading 0 is octal and colons
// separate base-60 digits; otherwise decimal, leading zeros included.
func (r cliScalars) integer(s string) (ast.Value, bool) {
	s = strings.ReplaceAll(s, "_", "")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	var n big.Int
	ok := false
	switch {
	case s == "0":
		ok = true
	case strings.HasPrefix(s, "0b"):
		_, ok = n.SetString(s[2:], 2)
	case strings.HasPrefix(s, "0x"):
		_, ok = n.SetString(s[2:], 16)
	case strings.HasPrefix(s, "0o"):
		_, ok = n.SetString(s[2:], 8)
	case r.v11 && strings.HasPrefix(s, "0"):
		_, ok = n.SetString(s, 8)
	case r.v11 && strings.Contains(s, ":"):
		ok = true
		for _, part := range strings.Split(s, ":") {
			var d big.Int
			if _, ok = d.SetString(part, 10); !ok {
				break
			}
			n.Mul(&n, big.NewInt(60))
			n.Add(&n, &d)
		}
	default:
		_, ok = n.SetString(s, 10)
	}
	if !ok {
		return nil, false
	}
	if neg {
		n.Neg(&n)
	}
	return ast.Number(n.String()), true
}

// float is ruamel.yaml's construct_yaml_float. JSON has no infinities nor
// NaN: those keep their text, as ScalarsGo does.
func (r cliScalars) float(text string) (ast.Value, bool) {
	s := strings.ToLower(strings.ReplaceAll(text, "_", ""))
	sign := 1.0
	if strings.HasPrefix(s, "-") {
		sign = -1
	}
	s = strings.TrimLeft(s, "+-")
	var f float64
	switch {
	case s == ".inf" || s == ".nan":
		return ast.String(text), true
	case r.v11 && strings.Contains(s, ":"):
		for _, part := range strings.Split(s, ":") {
			d, err := strconv.ParseFloat(part, 64)
			if err != nil || strings.ContainsAny(part, "xpn") {
				return nil, false
			}
			f = f*60 + d
		}
	default:
		// ParseFloat also takes hex floats, inf and nan, which Python's
		// float() does not.
		if strings.ContainsAny(s, "xpin") {
			return nil, false
		}
		var err error
		if f, err = strconv.ParseFloat(s, 64); err != nil && !errors.Is(err, strconv.ErrRange) {
			return nil, false
		}
	}
	f *= sign
	if math.IsInf(f, 0) {
		return ast.String(text), true
	}
	out := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(out, ".e") {
		out += ".0"
	}
	return ast.Number(out), true
}
