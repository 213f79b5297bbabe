package aws

import (
	"encoding/base64"
	"math/big"
	"reflect"
	"strconv"
	"time"

	smithy "github.com/aws/smithy-go"
	"github.com/aws/smithy-go/document"
	"github.com/aws/smithy-go/traits"
	"github.com/open-policy-agent/opa/v1/ast"
)

// Timestamp formats, as the protocols write them on the wire.
const (
	epochSeconds = "epoch-seconds" // AWS JSON 1.1 (ECS)
	dateTime     = "date-time"     // the query protocols (IAM, ELB, Auto Scaling)
)

// toValue turns an SDK structure into the value its service puts on the
// wire, with the model's member names: the SDK's Go types carry no JSON
// tags and their field names are Go-cased, but every type of a service
// with schema-based serialisation describes itself member by member to a
// smithy.ShapeSerializer, naming each member's schema. Building the
// document from those calls gives exactly the names the API documents
// (camelCase for ECS, PascalCase for IAM, ELB and Auto Scaling), with no
// list of names to keep in step with the SDK.
//
// One loss is the SDK's: members it holds as plain values rather than
// pointers (a service's enableExecuteCommand, a strategy's base) are
// written only when they differ from their zero value, which is the
// model's default for them, so an explicit false or 0 reads as absent,
// which the API documents as the same thing.
func toValue(v smithy.Serializable, timestamps string) ast.Value {
	b := &treeBuilder{timestamps: timestamps}
	v.Serialize(b)
	if b.root == nil {
		return ast.NewObject()
	}
	return b.root
}

// toObject is toValue for a structure.
func toObject(v smithy.Serializable, timestamps string) ast.Object {
	if o, ok := toValue(v, timestamps).(ast.Object); ok {
		return o
	}
	return ast.NewObject()
}

// frame is an open structure, map, union or list.
type frame struct {
	// schema is the member the frame's value becomes in its parent.
	schema *smithy.Schema
	obj    ast.Object // nil for a list
	arr    []*ast.Term
	// keyed frames (maps, unions) place values under key, set by WriteKey
	// or the union's variant, rather than under the member's name.
	keyed bool
	key   string
}

// treeBuilder implements smithy.ShapeSerializer by building ast values.
type treeBuilder struct {
	stack      []*frame
	root       ast.Value
	timestamps string
}

var _ smithy.ShapeSerializer = (*treeBuilder)(nil)

// put places v where the serializer is: as the member named by schema in
// a structure, under the pending key in a map, appended in a list, or as
// the root.
func (b *treeBuilder) put(schema *smithy.Schema, v ast.Value) {
	if len(b.stack) == 0 {
		b.root = v
		return
	}
	f := b.stack[len(b.stack)-1]
	switch {
	case f.obj == nil:
		f.arr = append(f.arr, ast.NewTerm(v))
	case f.keyed:
		f.obj.Insert(ast.StringTerm(f.key), ast.NewTerm(v))
	case schema != nil:
		f.obj.Insert(ast.StringTerm(schema.MemberName()), ast.NewTerm(v))
	}
}

func (b *treeBuilder) open(f *frame) { b.stack = append(b.stack, f) }

func (b *treeBuilder) close() {
	f := b.stack[len(b.stack)-1]
	b.stack = b.stack[:len(b.stack)-1]
	if f.obj != nil {
		b.put(f.schema, f.obj)
		return
	}
	b.put(f.schema, ast.NewArray(f.arr...))
}

// Bytes implements smithy.ShapeSerializer; the tree is the result.
func (b *treeBuilder) Bytes() []byte { return nil }

// WriteInt8 implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteInt8(s *smithy.Schema, v int8) { b.WriteInt64(s, int64(v)) }

// WriteInt16 implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteInt16(s *smithy.Schema, v int16) { b.WriteInt64(s, int64(v)) }

// WriteInt32 implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteInt32(s *smithy.Schema, v int32) { b.WriteInt64(s, int64(v)) }

// WriteInt64 implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteInt64(s *smithy.Schema, v int64) {
	b.put(s, ast.Number(strconv.FormatInt(v, 10)))
}

// WriteFloat32 implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteFloat32(s *smithy.Schema, v float32) { b.WriteFloat64(s, float64(v)) }

// WriteFloat64 implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteFloat64(s *smithy.Schema, v float64) {
	b.put(s, ast.Number(strconv.FormatFloat(v, 'f', -1, 64)))
}

// WriteBool implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteBool(s *smithy.Schema, v bool) { b.put(s, ast.Boolean(v)) }

// WriteString implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteString(s *smithy.Schema, v string) { b.put(s, ast.String(v)) }

// WriteBigInt implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteBigInt(s *smithy.Schema, v *big.Int) { b.put(s, ast.Number(v.String())) }

// WriteBigFloat implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteBigFloat(s *smithy.Schema, v *big.Float) {
	b.put(s, ast.Number(v.Text('g', -1)))
}

// WriteBlob implements smithy.ShapeSerializer: base64, as every protocol
// here writes blobs.
func (b *treeBuilder) WriteBlob(s *smithy.Schema, v []byte) {
	b.put(s, ast.String(base64.StdEncoding.EncodeToString(v)))
}

// WriteTime implements smithy.ShapeSerializer, in the member's declared
// format or the protocol's default.
func (b *treeBuilder) WriteTime(s *smithy.Schema, v time.Time) {
	format := b.timestamps
	if t, ok := smithy.SchemaTrait[*traits.TimestampFormat](s); ok {
		format = t.Format
	}
	switch format {
	case epochSeconds:
		b.put(s, ast.Number(strconv.FormatFloat(float64(v.UnixMilli())/1e3, 'f', -1, 64)))
	case "http-date":
		b.put(s, ast.String(v.UTC().Format(time.RFC1123)))
	default:
		b.put(s, ast.String(v.UTC().Format(time.RFC3339Nano)))
	}
}

// WriteUnion implements smithy.ShapeSerializer: a union is an object
// holding one member, the variant.
func (b *treeBuilder) WriteUnion(schema, variant *smithy.Schema) {
	b.open(&frame{schema: schema, obj: ast.NewObject(), keyed: true, key: variant.MemberName()})
}

// CloseUnion implements smithy.ShapeSerializer.
func (b *treeBuilder) CloseUnion() { b.close() }

// WriteDocument implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteDocument(s *smithy.Schema, v document.Value) {
	switch vv := v.(type) {
	case document.Boolean:
		b.WriteBool(s, bool(vv))
	case document.Number:
		b.put(s, ast.Number(vv))
	case document.String:
		b.WriteString(s, string(vv))
	case document.List:
		b.WriteList(s)
		for _, item := range vv {
			b.WriteDocument(nil, item)
		}
		b.CloseList()
	case document.Map:
		b.WriteMap(s)
		for k, item := range vv {
			b.WriteKey(nil, k)
			b.WriteDocument(nil, item)
		}
		b.CloseMap()
	default:
		b.WriteNil(s)
	}
}

// WriteNil implements smithy.ShapeSerializer (sparse lists and maps).
func (b *treeBuilder) WriteNil(s *smithy.Schema) { b.put(s, ast.Null{}) }

// WriteStruct implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteStruct(s *smithy.Schema) { b.open(&frame{schema: s, obj: ast.NewObject()}) }

// CloseStruct implements smithy.ShapeSerializer.
func (b *treeBuilder) CloseStruct() { b.close() }

// WriteList implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteList(s *smithy.Schema) { b.open(&frame{schema: s}) }

// CloseList implements smithy.ShapeSerializer.
func (b *treeBuilder) CloseList() { b.close() }

// WriteMap implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteMap(s *smithy.Schema) {
	b.open(&frame{schema: s, obj: ast.NewObject(), keyed: true})
}

// WriteKey implements smithy.ShapeSerializer.
func (b *treeBuilder) WriteKey(_ *smithy.Schema, key string) { b.stack[len(b.stack)-1].key = key }

// CloseMap implements smithy.ShapeSerializer.
func (b *treeBuilder) CloseMap() { b.close() }

// reflectValue turns an EC2 structure into its model shape. The EC2 module
// of the SDK still serialises with generated code rather than schemas, so
// its types cannot describe themselves; their exported field names are the
// model's member names (PascalCase), which is the shape the LaunchTemplate
// kind carries. Nil pointers and empty lists are absent, as on the wire;
// times are RFC 3339, as the EC2 protocol writes them.
func reflectValue(v any) ast.Value {
	return reflectWalk(reflect.ValueOf(v))
}

var timeType = reflect.TypeOf(time.Time{})

func reflectWalk(v reflect.Value) ast.Value {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Type() == timeType {
		return ast.String(v.Interface().(time.Time).UTC().Format(time.RFC3339Nano))
	}
	switch v.Kind() {
	case reflect.String:
		return ast.String(v.String())
	case reflect.Bool:
		return ast.Boolean(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return ast.Number(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return ast.Number(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		return ast.Number(strconv.FormatFloat(v.Float(), 'f', -1, 64))
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return ast.String(base64.StdEncoding.EncodeToString(v.Bytes()))
		}
		if v.Len() == 0 {
			return nil
		}
		terms := make([]*ast.Term, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			if e := reflectWalk(v.Index(i)); e != nil {
				terms = append(terms, ast.NewTerm(e))
			}
		}
		return ast.NewArray(terms...)
	case reflect.Map:
		obj := ast.NewObject()
		iter := v.MapRange()
		for iter.Next() {
			if e := reflectWalk(iter.Value()); e != nil {
				obj.Insert(ast.StringTerm(iter.Key().String()), ast.NewTerm(e))
			}
		}
		return obj
	case reflect.Struct:
		obj := ast.NewObject()
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := v.Field(i)
			if !t.Field(i).IsExported() || (f.Kind() == reflect.String && f.Len() == 0) {
				// The SDK's noSmithyDocumentSerde marker; an enum the
				// answer did not hold (enums are strings, not pointers).
				continue
			}
			if e := reflectWalk(v.Field(i)); e != nil {
				obj.Insert(ast.StringTerm(t.Field(i).Name), ast.NewTerm(e))
			}
		}
		return obj
	}
	return nil
}
