package aws

import (
	"encoding/base64"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

func TestDecodeUserData(t *testing.T) {
	t.Parallel()
	script := "#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\n"
	tests := []struct {
		name string
		in   *ast.Term
		want *ast.Term
	}{
		{"base64 text is decoded", ast.StringTerm(base64.StdEncoding.EncodeToString([]byte(script))), ast.StringTerm(script)},
		{"not base64 stays", ast.StringTerm("not base64!"), ast.StringTerm("not base64!")},
		{"binary stays encoded", ast.StringTerm(base64.StdEncoding.EncodeToString([]byte{0x1f, 0x8b, 0xff, 0xfe})), ast.StringTerm(base64.StdEncoding.EncodeToString([]byte{0x1f, 0x8b, 0xff, 0xfe}))},
		{"absent", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := ast.NewObject()
			if tt.in != nil {
				v.Insert(ast.StringTerm("UserData"), tt.in)
			}
			decodeUserData(v)
			got := v.Get(ast.StringTerm("UserData"))
			if (got == nil) != (tt.want == nil) || (got != nil && !got.Equal(tt.want)) {
				t.Errorf("UserData = %v, want %v", got, tt.want)
			}
		})
	}
}
