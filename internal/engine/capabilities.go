package engine

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
)

// allowedBuiltins are the OPA builtins rules may call: deterministic ones
// that reach neither the network, the file system, the clock nor the
// process environment, and whose work from a small argument is small: a
// builtin runs to its end whatever the deadline (OPA checks it between
// steps and in a few builtins only), so one that can loop or allocate
// without bound would hang the run past --policy-timeout. It is an
// allow-list, so a builtin a newer OPA adds stays out until someone
// decides its fate here (TestBuiltinFates fails until then). A policy file in a repository runs on CI runners that hold
// credentials: it must not be able to read or send anything, nor depend on
// when or where it runs.
var allowedBuiltins = []string{
	// operators and the compiler's own helpers
	"and", "assign", "div", "eq", "equal", "gt", "gte", "lt", "lte", "minus", "mul", "neq", "or",
	"plus", "rem", "internal.member_2", "internal.member_3", "internal.print", "internal.template_string",
	"internal.test_case", "print", "trace",
	// numbers, aggregates, sets, arrays, objects, types
	"abs", "ceil", "floor", "round", "numbers.range", "numbers.range_step", "to_number", "format_int",
	"count", "max", "min", "product", "sort", "sum", "intersection", "union",
	"array.concat", "array.flatten", "array.reverse", "array.slice",
	"bits.and", "bits.negate", "bits.or", "bits.rsh", "bits.xor",
	"object.filter", "object.get", "object.keys", "object.remove", "object.subset", "object.union",
	"object.union_n", "json.filter", "json.patch", "json.remove", "walk", "graph.reachable",
	"is_array", "is_boolean", "is_null", "is_number", "is_object", "is_set", "is_string", "type_name",
	// strings and regular expressions
	"concat", "contains", "endswith", "indexof", "indexof_n", "lower", "replace", "split", "sprintf",
	"startswith", "strings.any_prefix_match", "strings.any_suffix_match", "strings.count",
	"strings.replace_n", "strings.reverse", "strings.split_n", "substring",
	"trim", "trim_left", "trim_prefix", "trim_right", "trim_space", "trim_suffix", "upper",
	"regex.find_all_string_submatch_n", "regex.find_n", "regex.globs_match", "regex.is_valid",
	"regex.match", "regex.replace", "regex.split", "regex.template_match", "glob.match", "glob.quote_meta",
	// encodings and parsers
	"base64.decode", "base64.encode", "base64.is_valid", "base64url.decode", "base64url.encode",
	"base64url.encode_no_pad", "hex.decode", "hex.encode", "json.is_valid", "json.marshal",
	"json.marshal_with_options", "json.unmarshal", "yaml.is_valid", "yaml.marshal", "yaml.unmarshal",
	"urlquery.decode", "urlquery.decode_object", "urlquery.encode", "urlquery.encode_object",
	"uri.is_valid", "uri.parse", "units.parse", "units.parse_bytes", "semver.compare", "semver.is_valid",
	"uuid.parse", "net.cidr_contains", "net.cidr_contains_matches", "net.cidr_expand",
	"net.cidr_intersects", "net.cidr_is_valid", "net.cidr_merge",
	"graphql.is_valid", "graphql.parse", "graphql.parse_and_verify", "graphql.parse_query",
	"graphql.parse_schema", "graphql.schema_is_valid", "rego.parse_module", "rego.metadata.chain",
	"rego.metadata.rule",
	// hashes, signatures and certificates over the values given
	"crypto.hmac.equal", "crypto.hmac.md5", "crypto.hmac.sha1", "crypto.hmac.sha256",
	"crypto.hmac.sha512", "crypto.md5", "crypto.sha1", "crypto.sha256", "crypto.parse_private_keys",
	"crypto.x509.parse_certificate_request", "crypto.x509.parse_certificates",
	"crypto.x509.parse_keypair", "crypto.x509.parse_rsa_private_key",
	"io.jwt.decode", "io.jwt.verify_eddsa", "io.jwt.verify_es256", "io.jwt.verify_es384",
	"io.jwt.verify_es512", "io.jwt.verify_hs256", "io.jwt.verify_hs384", "io.jwt.verify_hs512",
	"io.jwt.verify_ps256", "io.jwt.verify_ps384", "io.jwt.verify_ps512", "io.jwt.verify_rs256",
	"io.jwt.verify_rs384", "io.jwt.verify_rs512",
	// calendar arithmetic on the times given (time zones come from the
	// tz database compiled into the binary or the system's)
	"time.add_date", "time.clock", "time.date", "time.diff", "time.format", "time.parse_duration_ns",
	"time.parse_ns", "time.parse_rfc3339_ns", "time.weekday",
}

// deniedBuiltins are the OPA builtins rules may not call, with the reason
// a policy author is told.
var deniedBuiltins = map[string]string{
	"http.send":              "it reaches the network",
	"net.lookup_ip_addr":     "it reaches the network (DNS)",
	"json.match_schema":      "a schema's $ref may read local files or URLs",
	"json.verify_schema":     "a schema's $ref may read local files or URLs",
	"opa.runtime":            "it reads the process environment",
	"providers.aws.sign_req": "it signs requests with credentials and the clock; policies send nothing",
	"time.now_ns":            "it reads the clock, so results would depend on when the run happens",
	"io.jwt.decode_verify":   "it reads the clock, so results would depend on when the run happens",
	"crypto.x509.parse_and_verify_certificates":              "it reads the clock, so results would depend on when the run happens",
	"crypto.x509.parse_and_verify_certificates_with_options": "it reads the clock, so results would depend on when the run happens",
	"io.jwt.encode_sign":                                     "it is random",
	"io.jwt.encode_sign_raw":                                 "it is random",
	"rand.intn":                                              "it is random",
	"strings.render_template":                                "a Go template can loop without end ({{range 100000000000}}), past any deadline",
	"graph.reachable_paths":                                  "a small graph can have exponentially many paths, built past any deadline (graph.reachable is allowed)",
	"bits.lsh":                                               "one call can build a number of gigabytes, past any deadline",
	"uuid.rfc4122":                                           "it is random",
	"all":                                                    "it is deprecated (use every)",
	"any":                                                    "it is deprecated (use some ... in)",
	"cast_array":                                             "it is deprecated",
	"cast_boolean":                                           "it is deprecated",
	"cast_null":                                              "it is deprecated",
	"cast_object":                                            "it is deprecated",
	"cast_set":                                               "it is deprecated",
	"cast_string":                                            "it is deprecated",
	"net.cidr_overlap":                                       "it is deprecated (use net.cidr_contains)",
	"re_match":                                               "it is deprecated (use regex.match)",
	"set_diff":                                               "it is deprecated (use minus)",
}

// Capabilities is the builtin set every compile uses, built-in bundle and
// user policies alike: the allowed OPA builtins and ecslint's own, and no
// network access for schema references.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	allowed := make(map[string]bool, len(allowedBuiltins))
	for _, name := range allowedBuiltins {
		allowed[name] = true
	}
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if allowed[b.Name] {
			kept = append(kept, b)
		}
	}
	for _, b := range builtins {
		kept = append(kept, b.decl)
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// checkBuiltins rejects a module that calls or refers to an OPA builtin
// outside the allow-list, naming it and why, before OPA's compiler would
// report it as merely undefined.
func checkBuiltins(file string, m *ast.Module) error {
	allowed := map[string]bool{}
	for _, name := range allowedBuiltins {
		allowed[name] = true
	}
	var err error
	ast.WalkRefs(m, func(r ast.Ref) bool {
		if err != nil {
			return true
		}
		name := r.String()
		if _, ok := ast.BuiltinMap[name]; !ok || allowed[name] {
			return false
		}
		why := deniedBuiltins[name]
		if why == "" {
			why = "it is not on ecslint's list of safe builtins"
		}
		line := 0
		if loc := r[0].Location; loc != nil {
			line = loc.Row
		}
		err = fmt.Errorf("policy %s:%d: calls %s, which ecslint does not allow: %s", file, line, name, why)
		return true
	})
	return err
}
