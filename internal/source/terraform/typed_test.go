package terraform

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/ecsmodel"
)

// TestConvertScalar: arguments take their schema's type as the provider
// converts them, and text that is no JSON number stays text (schema
// validation then reports it) rather than becoming a number no document
// can hold.
func TestConvertScalar(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   ast.Value
		to   ecsmodel.Type
		want ast.Value
	}{
		{ast.String("2"), ecsmodel.Integer, ast.Number("2")},
		{ast.String(" 1.5 "), ecsmodel.Number, ast.Number("1.5")},
		{ast.String("1e3"), ecsmodel.Number, ast.Number("1e3")},
		{ast.String("NaN"), ecsmodel.Number, ast.String("NaN")},
		{ast.String("Inf"), ecsmodel.Integer, ast.String("Inf")},
		{ast.String("0x10"), ecsmodel.Integer, ast.String("0x10")},
		{ast.String("+5"), ecsmodel.Integer, ast.String("+5")},
		{ast.String("true"), ecsmodel.Boolean, ast.Boolean(true)},
		{ast.Number("3"), ecsmodel.String, ast.String("3")},
		{ast.Boolean(false), ecsmodel.String, ast.String("false")},
	}
	for _, tt := range tests {
		if got := convertScalar(tt.in, tt.to); got.Compare(tt.want) != 0 {
			t.Errorf("convertScalar(%v, %v) = %v, want %v", tt.in, tt.to, got, tt.want)
		}
	}
}
