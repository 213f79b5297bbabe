package funcs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	"go.yaml.in/yaml/v3"
)

// yamlEncodeFunc renders a value as a YAML document, through its JSON
// form so that objects, maps, tuples and sets encode as Terraform's do
// (keys sorted, block style).
var yamlEncodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowDynamicType: true}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.IsWhollyKnown() {
			return cty.UnknownVal(cty.String), nil
		}
		raw, err := ctyjson.Marshal(v, v.Type())
		if err != nil {
			return cty.NilVal, err
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var x any
		if err := dec.Decode(&x); err != nil {
			return cty.NilVal, err
		}
		out, err := yaml.Marshal(yamlNumbers(x))
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(string(out)), nil
	},
})

// yamlNumbers turns json.Number into values the YAML encoder writes as
// plain numbers.
func yamlNumbers(x any) any {
	switch v := x.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case map[string]any:
		for k, e := range v {
			v[k] = yamlNumbers(e)
		}
	case []any:
		for i, e := range v {
			v[i] = yamlNumbers(e)
		}
	}
	return x
}

// yamlDecodeFunc parses one YAML document: mappings become objects,
// sequences tuples, and scalars strings, numbers, booleans or null by the
// YAML 1.2 core schema.
var yamlDecodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "src", Type: cty.String}},
	Type:   function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(args[0].AsString()), &doc); err != nil {
			return cty.NilVal, fmt.Errorf("invalid YAML: %w", err)
		}
		if doc.Kind == 0 {
			return cty.NullVal(cty.DynamicPseudoType), nil
		}
		return yamlValue(&doc, 0)
	},
})

func yamlValue(n *yaml.Node, depth int) (cty.Value, error) {
	if depth > 256 {
		return cty.NilVal, errors.New("YAML nested too deep")
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return cty.NullVal(cty.DynamicPseudoType), nil
		}
		return yamlValue(n.Content[0], depth+1)
	case yaml.AliasNode:
		return yamlValue(n.Alias, depth+1)
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			return cty.EmptyTupleVal, nil
		}
		vals := make([]cty.Value, len(n.Content))
		for i, c := range n.Content {
			v, err := yamlValue(c, depth+1)
			if err != nil {
				return cty.NilVal, err
			}
			vals[i] = v
		}
		return cty.TupleVal(vals), nil
	case yaml.MappingNode:
		attrs := make(map[string]cty.Value, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := yamlValue(n.Content[i+1], depth+1)
			if err != nil {
				return cty.NilVal, err
			}
			attrs[n.Content[i].Value] = v
		}
		return cty.ObjectVal(attrs), nil
	}
	return yamlScalar(n), nil
}

func yamlScalar(n *yaml.Node) cty.Value {
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return cty.StringVal(n.Value)
	}
	switch n.ShortTag() {
	case "!!null":
		return cty.NullVal(cty.DynamicPseudoType)
	case "!!bool":
		b, _ := strconv.ParseBool(strings.ToLower(n.Value))
		return cty.BoolVal(b)
	case "!!int", "!!float":
		if f, ok := new(big.Float).SetString(n.Value); ok {
			return cty.NumberVal(f)
		}
	}
	return cty.StringVal(n.Value)
}
