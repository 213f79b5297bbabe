// Package funcs is the table of Terraform functions ecslint evaluates
// statically: go-cty's stdlib where its behaviour matches Terraform's
// documentation, HCL's try/can, and the rest written here against the
// documented behaviour (file reading, templates, encodings, the to*
// conversions). Functions whose result depends on the moment or on the
// outside world (timestamp, uuid) return unknown values: a rule never
// judges them.
package funcs

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// Files is how file functions reach the disk: Read resolves a path as
// Terraform does (relative to the root module's directory) and records it
// as consumed by the unit.
type Files interface {
	Read(name string) ([]byte, error)
}

// Table returns the function table for one evaluation. files may be nil:
// file functions then fail.
func Table(files Files) map[string]function.Function {
	t := map[string]function.Function{
		"abs":             stdlib.AbsoluteFunc,
		"ceil":            stdlib.CeilFunc,
		"chomp":           stdlib.ChompFunc,
		"chunklist":       stdlib.ChunklistFunc,
		"coalesce":        coalesceFunc,
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          stdlib.ConcatFunc,
		"contains":        stdlib.ContainsFunc,
		"csvdecode":       stdlib.CSVDecodeFunc,
		"distinct":        stdlib.DistinctFunc,
		"element":         stdlib.ElementFunc,
		"flatten":         stdlib.FlattenFunc,
		"floor":           stdlib.FloorFunc,
		"format":          stdlib.FormatFunc,
		"formatdate":      stdlib.FormatDateFunc,
		"formatlist":      stdlib.FormatListFunc,
		"indent":          stdlib.IndentFunc,
		"index":           stdlib.IndexFunc,
		"join":            stdlib.JoinFunc,
		"jsondecode":      stdlib.JSONDecodeFunc,
		"jsonencode":      stdlib.JSONEncodeFunc,
		"keys":            stdlib.KeysFunc,
		"log":             stdlib.LogFunc,
		"lower":           stdlib.LowerFunc,
		"max":             stdlib.MaxFunc,
		"merge":           stdlib.MergeFunc,
		"min":             stdlib.MinFunc,
		"parseint":        stdlib.ParseIntFunc,
		"pow":             stdlib.PowFunc,
		"range":           stdlib.RangeFunc,
		"regex":           stdlib.RegexFunc,
		"regexall":        stdlib.RegexAllFunc,
		"replace":         replaceFunc,
		"reverse":         stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc,
		"setproduct":      stdlib.SetProductFunc,
		"setsubtract":     stdlib.SetSubtractFunc,
		"setunion":        stdlib.SetUnionFunc,
		"signum":          stdlib.SignumFunc,
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"split":           stdlib.SplitFunc,
		"strrev":          stdlib.ReverseFunc,
		"substr":          stdlib.SubstrFunc,
		"timeadd":         stdlib.TimeAddFunc,
		"title":           stdlib.TitleFunc,
		"trim":            stdlib.TrimFunc,
		"trimprefix":      stdlib.TrimPrefixFunc,
		"trimsuffix":      stdlib.TrimSuffixFunc,
		"trimspace":       stdlib.TrimSpaceFunc,
		"upper":           stdlib.UpperFunc,
		"values":          stdlib.ValuesFunc,
		"zipmap":          stdlib.ZipmapFunc,

		"try": tryfunc.TryFunc,
		"can": tryfunc.CanFunc,

		"tostring": stdlib.MakeToFunc(cty.String),
		"tonumber": stdlib.MakeToFunc(cty.Number),
		"tobool":   stdlib.MakeToFunc(cty.Bool),
		"toset":    stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tolist":   stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"tomap":    stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),

		"length":        lengthFunc,
		"lookup":        lookupFunc,
		"one":           oneFunc,
		"sum":           sumFunc,
		"alltrue":       allTrueFunc,
		"anytrue":       anyTrueFunc,
		"startswith":    startsWithFunc,
		"endswith":      endsWithFunc,
		"strcontains":   strContainsFunc,
		"base64encode":  base64EncodeFunc,
		"base64decode":  base64DecodeFunc,
		"md5":           hashFunc(md5Sum),
		"sha1":          hashFunc(sha1Sum),
		"sha256":        hashFunc(sha256Sum),
		"sha512":        hashFunc(sha512Sum),
		"basename":      pathFunc(path.Base),
		"dirname":       pathFunc(path.Dir),
		"abspath":       pathFunc(func(s string) string { return s }),
		"pathexpand":    pathFunc(func(s string) string { return s }),
		"yamlencode":    yamlEncodeFunc,
		"yamldecode":    yamlDecodeFunc,
		"list":          legacyListFunc,
		"map":           legacyMapFunc,
		"sensitive":     identityFunc,
		"nonsensitive":  identityFunc,
		"type":          unknownFunc(cty.String),
		"timestamp":     unknownFunc(cty.String),
		"plantimestamp": unknownFunc(cty.String),
		"uuid":          unknownFunc(cty.String),
		"bcrypt":        unknownFunc(cty.String),
		"cidrsubnet":    unknownFunc(cty.String),
		"cidrhost":      unknownFunc(cty.String),
		"cidrnetmask":   unknownFunc(cty.String),
		"cidrsubnets":   unknownFunc(cty.List(cty.String)),
		"urlencode":     urlEncodeFunc,
	}
	t["file"] = fileFunc(files)
	t["fileexists"] = fileExistsFunc(files)
	t["filebase64"] = fileBase64Func(files)
	t["filemd5"] = fileDigestFunc(files, hexDigest(md5Sum))
	t["filesha1"] = fileDigestFunc(files, hexDigest(sha1Sum))
	t["filesha256"] = fileDigestFunc(files, hexDigest(sha256Sum))
	t["filebase64sha256"] = fileDigestFunc(files, func(b []byte) string { return base64.StdEncoding.EncodeToString(sha256Sum(b)) })
	t["templatefile"] = templateFileFunc(files, t)
	return t
}

// lengthFunc is Terraform's length: collections as in cty, and strings by
// grapheme count.
var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{
		Name: "value", Type: cty.DynamicPseudoType,
		AllowDynamicType: true, AllowUnknown: true, AllowMarked: true,
	}},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		if ty == cty.String || ty == cty.DynamicPseudoType || ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType() {
			return cty.Number, nil
		}
		return cty.NilType, errors.New("argument must be a string, a collection type, or a structural type")
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, marks := args[0].Unmark()
		switch {
		case !v.IsKnown():
			return cty.UnknownVal(cty.Number).WithMarks(marks), nil
		case v.IsNull():
			return cty.NilVal, errors.New("argument must not be null")
		case v.Type() == cty.String:
			r, err := stdlib.Strlen(v)
			return r.WithMarks(marks), err
		case v.Type().IsObjectType():
			return cty.NumberIntVal(int64(len(v.Type().AttributeTypes()))).WithMarks(marks), nil
		}
		return v.Length().WithMarks(marks), nil
	},
})

// lookupFunc accepts Terraform 0.11's two-argument form as well: without a
// default a missing key is an error.
var lookupFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "map", Type: cty.DynamicPseudoType, AllowMarked: true},
		{Name: "key", Type: cty.String, AllowMarked: true},
	},
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowMarked: true, AllowNull: true, AllowDynamicType: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		if len(args) > 3 {
			return cty.NilType, errors.New("lookup takes at most three arguments")
		}
		return cty.DynamicPseudoType, nil
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		m, marks := args[0].Unmark()
		k, kmarks := args[1].Unmark()
		if !m.IsKnown() || !k.IsKnown() {
			return cty.DynamicVal.WithMarks(marks, kmarks), nil
		}
		ty := m.Type()
		if isScalarOrSequence(ty) || m.IsNull() {
			return cty.NilVal, errors.New("the first argument must be a map")
		}
		key := k.AsString()
		found := false
		if ty.IsObjectType() {
			found = ty.HasAttribute(key)
		} else {
			found = m.HasIndex(k).True()
		}
		switch {
		case found && ty.IsObjectType():
			return m.GetAttr(key).WithMarks(marks, kmarks), nil
		case found:
			return m.Index(k).WithMarks(marks, kmarks), nil
		case len(args) == 3:
			return args[2].WithMarks(marks, kmarks), nil
		}
		return cty.NilVal, fmt.Errorf("lookup failed to find key %q", key)
	},
})

// coalesceFunc returns the first argument that is neither null nor an
// empty string, all converted to one type (cty's skips null only).
var coalesceFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowDynamicType: true, AllowNull: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		tys := make([]cty.Type, len(args))
		for i, a := range args {
			tys[i] = a.Type()
		}
		ty, _ := convert.UnifyUnsafe(tys)
		if ty == cty.NilType {
			return cty.NilType, errors.New("all arguments must have the same type")
		}
		return ty, nil
	},
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		for _, a := range args {
			v, err := convert.Convert(a, ret)
			if err != nil {
				return cty.NilVal, err
			}
			if !v.IsKnown() {
				return cty.UnknownVal(ret), nil
			}
			if v.IsNull() || ret == cty.String && v.AsString() == "" {
				continue
			}
			return v, nil
		}
		return cty.NilVal, errors.New("no non-null, non-empty-string arguments")
	},
})

func isSequence(ty cty.Type) bool { return ty.IsListType() || ty.IsSetType() || ty.IsTupleType() }

// isScalarOrSequence is true for every type but maps and objects.
func isScalarOrSequence(ty cty.Type) bool { return !ty.IsMapType() && !ty.IsObjectType() }

// oneFunc returns the only element of a list, tuple or set, null for an
// empty one, and fails for more than one.
var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType, AllowMarked: true}},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		switch {
		case ty == cty.DynamicPseudoType:
			return cty.DynamicPseudoType, nil
		case ty.IsListType() || ty.IsSetType():
			return ty.ElementType(), nil
		case ty.IsTupleType():
			switch n := len(ty.TupleElementTypes()); n {
			case 0:
				return cty.DynamicPseudoType, nil
			case 1:
				return ty.TupleElementTypes()[0], nil
			default:
				return cty.NilType, fmt.Errorf("must be a list, set, or tuple value with either zero or one elements, not %d", n)
			}
		}
		return cty.NilType, errors.New("must be a list, set, or tuple value with either zero or one elements")
	},
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		v, marks := args[0].Unmark()
		if !v.IsKnown() {
			return cty.UnknownVal(ret).WithMarks(marks), nil
		}
		if v.IsNull() {
			return cty.NilVal, errors.New("argument must not be null")
		}
		switch v.LengthInt() {
		case 0:
			return cty.NullVal(ret).WithMarks(marks), nil
		case 1:
			it := v.ElementIterator()
			it.Next()
			_, e := it.Element()
			return e.WithMarks(marks), nil
		}
		return cty.NilVal, fmt.Errorf("must be a list, set, or tuple value with either zero or one elements, not %d", v.LengthInt())
	},
})

// sumFunc adds the numbers of a non-empty list, tuple or set.
var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		ty := v.Type()
		if !isSequence(ty) {
			return cty.NilVal, errors.New("argument must be a list, set or tuple of numbers")
		}
		if !v.IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		if v.LengthInt() == 0 {
			return cty.NilVal, errors.New("cannot sum an empty list")
		}
		total := new(big.Float)
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			n, err := convert.Convert(e, cty.Number)
			if err != nil || n.IsNull() {
				return cty.NilVal, errors.New("every element must be a number")
			}
			total.Add(total, n.AsBigFloat())
		}
		return cty.NumberVal(total), nil
	},
})

func boolsFunc(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v := args[0]
			if !v.IsWhollyKnown() {
				return cty.UnknownVal(cty.Bool), nil
			}
			for it := v.ElementIterator(); it.Next(); {
				_, e := it.Element()
				b := !e.IsNull() && e.True()
				if b != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

var (
	allTrueFunc = boolsFunc(true)
	anyTrueFunc = boolsFunc(false)
)

func stringPredicate(f func(s, sub string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "sub", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(f(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

var (
	startsWithFunc  = stringPredicate(strings.HasPrefix)
	endsWithFunc    = stringPredicate(strings.HasSuffix)
	strContainsFunc = stringPredicate(strings.Contains)
)

func stringFunc(f func(string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := f(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			return cty.StringVal(s), nil
		},
	})
}

var (
	base64EncodeFunc = stringFunc(func(s string) (string, error) {
		return base64.StdEncoding.EncodeToString([]byte(s)), nil
	})
	base64DecodeFunc = stringFunc(func(s string) (string, error) {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return "", errors.New("the argument is not valid base64")
		}
		return string(b), nil
	})
	// urlEncodeFunc escapes all but RFC 3986's unreserved characters, a
	// space as %20 (query escaping writes +, which the escaping of + as
	// %2B keeps unambiguous).
	urlEncodeFunc = stringFunc(func(s string) (string, error) {
		return strings.ReplaceAll(url.QueryEscape(s), "+", "%20"), nil
	})
)

func md5Sum(b []byte) []byte    { s := md5.Sum(b); return s[:] }
func sha1Sum(b []byte) []byte   { s := sha1.Sum(b); return s[:] }
func sha256Sum(b []byte) []byte { s := sha256.Sum256(b); return s[:] }
func sha512Sum(b []byte) []byte { s := sha512.Sum512(b); return s[:] }

func hexDigest(h func([]byte) []byte) func([]byte) string {
	return func(b []byte) string { return hex.EncodeToString(h(b)) }
}

func hashFunc(h func([]byte) []byte) function.Function {
	digest := hexDigest(h)
	return stringFunc(func(s string) (string, error) { return digest([]byte(s)), nil })
}

func pathFunc(f func(string) string) function.Function {
	return stringFunc(func(s string) (string, error) { return f(filepath.ToSlash(s)), nil })
}

// replaceFunc is Terraform's replace: a substring, or a regular expression
// when the pattern is wrapped in slashes.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		sub := args[1].AsString()
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
		}
		return stdlib.Replace(args[0], args[1], args[2])
	},
})

var identityFunc = function.New(&function.Spec{
	Params: []function.Parameter{{
		Name: "value", Type: cty.DynamicPseudoType,
		AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true,
	}},
	Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})

// unknownFunc stands for functions whose result ecslint cannot or should
// not know (the time, random ids, network arithmetic no rule reads).
func unknownFunc(ret cty.Type) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{
			Name: "args", Type: cty.DynamicPseudoType,
			AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true,
		},
		Type: function.StaticReturnType(ret),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.UnknownVal(ret), nil },
	})
}

// legacyListFunc and legacyMapFunc are Terraform 0.11's list() and map(),
// still found in old modules; they build a tuple and an object.
var legacyListFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		tys := make([]cty.Type, len(args))
		for i, a := range args {
			tys[i] = a.Type()
		}
		return cty.Tuple(tys), nil
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if len(args) == 0 {
			return cty.EmptyTupleVal, nil
		}
		return cty.TupleVal(args), nil
	},
})

var legacyMapFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowNull: true, AllowDynamicType: true, AllowMarked: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		if len(args)%2 != 0 {
			return cty.NilType, errors.New("map requires an even number of arguments")
		}
		return cty.DynamicPseudoType, nil
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		attrs := make(map[string]cty.Value, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			k, err := convert.Convert(args[i], cty.String)
			if err != nil || !k.IsKnown() || k.IsNull() {
				return cty.DynamicVal, nil
			}
			attrs[k.AsString()] = args[i+1]
		}
		return cty.ObjectVal(attrs), nil
	},
})

func readString(files Files, name string) ([]byte, error) {
	if files == nil {
		return nil, errors.New("files are not available here")
	}
	b, err := files.Read(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return b, nil
}

func fileFunc(files Files) function.Function {
	return stringFunc(func(name string) (string, error) {
		b, err := readString(files, name)
		return string(b), err
	})
}

func fileBase64Func(files Files) function.Function {
	return stringFunc(func(name string) (string, error) {
		b, err := readString(files, name)
		return base64.StdEncoding.EncodeToString(b), err
	})
}

func fileDigestFunc(files Files, digest func([]byte) string) function.Function {
	return stringFunc(func(name string) (string, error) {
		b, err := readString(files, name)
		if err != nil {
			return "", err
		}
		return digest(b), nil
	})
}

func fileExistsFunc(files Files) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if files == nil {
				return cty.UnknownVal(cty.Bool), nil
			}
			_, err := files.Read(args[0].AsString())
			return cty.BoolVal(err == nil), nil
		},
	})
}

// templateFileFunc renders a template file with the given variables. The
// template sees only those variables and the function table without
// templatefile itself, as Terraform documents.
func templateFileFunc(files Files, table map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{
			{Name: "path", Type: cty.String},
			{Name: "vars", Type: cty.DynamicPseudoType, AllowUnknown: true},
		},
		Type: function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			name := args[0].AsString()
			src, err := readString(files, name)
			if err != nil {
				return cty.NilVal, err
			}
			expr, diags := hclsyntax.ParseTemplate(src, name, hcl.InitialPos)
			if diags.HasErrors() {
				return cty.NilVal, fmt.Errorf("parse template %s: %s", name, diags.Error())
			}
			ctx, err := TemplateContext(args[1], table)
			if err != nil {
				return cty.NilVal, err
			}
			v, diags := expr.Value(ctx)
			if diags.HasErrors() {
				return cty.NilVal, fmt.Errorf("render template %s: %s", name, diags.Error())
			}
			return convert.Convert(v, cty.String)
		},
	})
}

// TemplateContext is the evaluation context of a template file: the vars
// object's attributes as variables, and every function but templatefile.
func TemplateContext(vars cty.Value, table map[string]function.Function) (*hcl.EvalContext, error) {
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: map[string]function.Function{}}
	for k, f := range table {
		if k != "templatefile" {
			ctx.Functions[k] = f
		}
	}
	if !vars.IsKnown() {
		return ctx, errors.New("template variables are unknown")
	}
	if vars.IsNull() {
		return ctx, nil
	}
	ty := vars.Type()
	if isScalarOrSequence(ty) {
		return nil, errors.New("template variables must be a map or object")
	}
	for it := vars.ElementIterator(); it.Next(); {
		k, v := it.Element()
		ctx.Variables[k.AsString()] = v
	}
	return ctx, nil
}
