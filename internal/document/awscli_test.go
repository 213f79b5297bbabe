package document_test

import (
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/document"
)

// TestScalarsAWSCLI reads each plain scalar as the AWS CLI v2 does: its
// --cli-input-yaml loader is ruamel.yaml's safe loader, YAML 1.2 rules by
// default and YAML 1.1 rules under `%YAML 1.1`. The expected tags were
// obtained by running ruamel.yaml's resolver patterns (resolver.py) with
// Python's re on each input; values follow its constructors.
func TestScalarsAWSCLI(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		yaml12 string // the value in JSON notation
		yaml11 string
		goLib  string // ScalarsGo's, where it differs from yaml12
	}{
		// Booleans: YAML 1.1's words are strings under 1.2, which is the
		// CLI's default. PyYAML, unlike ruamel.yaml, has no y/n.
		{in: "yes", yaml12: `"yes"`, yaml11: "true"},
		{in: "Yes", yaml12: `"Yes"`, yaml11: "true"},
		{in: "YES", yaml12: `"YES"`, yaml11: "true"},
		{in: "yES", yaml12: `"yES"`, yaml11: `"yES"`},
		{in: "no", yaml12: `"no"`, yaml11: "false"},
		{in: "No", yaml12: `"No"`, yaml11: "false"},
		{in: "NO", yaml12: `"NO"`, yaml11: "false"},
		{in: "on", yaml12: `"on"`, yaml11: "true"},
		{in: "On", yaml12: `"On"`, yaml11: "true"},
		{in: "ON", yaml12: `"ON"`, yaml11: "true"},
		{in: "off", yaml12: `"off"`, yaml11: "false"},
		{in: "Off", yaml12: `"Off"`, yaml11: "false"},
		{in: "OFF", yaml12: `"OFF"`, yaml11: "false"},
		{in: "y", yaml12: `"y"`, yaml11: "true"},
		{in: "Y", yaml12: `"Y"`, yaml11: "true"},
		{in: "n", yaml12: `"n"`, yaml11: "false"},
		{in: "N", yaml12: `"N"`, yaml11: "false"},
		{in: "true", yaml12: "true", yaml11: "true"},
		{in: "True", yaml12: "true", yaml11: "true"},
		{in: "TRUE", yaml12: "true", yaml11: "true"},
		{in: "tRUE", yaml12: `"tRUE"`, yaml11: `"tRUE"`},
		{in: "False", yaml12: "false", yaml11: "false"},
		// Null.
		{in: "~", yaml12: "null", yaml11: "null"},
		{in: "null", yaml12: "null", yaml11: "null"},
		{in: "Null", yaml12: "null", yaml11: "null"},
		{in: "NULL", yaml12: "null", yaml11: "null"},
		{in: "nULL", yaml12: `"nULL"`, yaml11: `"nULL"`},
		{in: "", yaml12: "null", yaml11: "null"},
		// Integers.
		{in: "123", yaml12: "123", yaml11: "123"},
		{in: "+12", yaml12: "12", yaml11: "12"},
		{in: "-12", yaml12: "-12", yaml11: "-12"},
		{in: "-0", yaml12: "0", yaml11: "0"},
		{in: "012", yaml12: "12", yaml11: "10", goLib: "10"},
		{in: "0755", yaml12: "755", yaml11: "493", goLib: "493"},
		{in: "08", yaml12: "8", yaml11: `"08"`},
		{in: "0_8", yaml12: "8", yaml11: `"0_8"`},
		{in: "0o12", yaml12: "10", yaml11: `"0o12"`},
		{in: "+0o17", yaml12: "15", yaml11: `"+0o17"`},
		{in: "0x1F", yaml12: "31", yaml11: "31"},
		{in: "0X1F", yaml12: `"0X1F"`, yaml11: `"0X1F"`, goLib: "31"},
		{in: "0b101", yaml12: "5", yaml11: "5"},
		{in: "1_000", yaml12: "1000", yaml11: "1000"},
		{in: "1__0", yaml12: "10", yaml11: "10"},
		{in: "_", yaml12: `"_"`, yaml11: `"_"`},
		{in: "0b", yaml12: `"0b"`, yaml11: `"0b"`},
		{in: "99999999999999999999", yaml12: "99999999999999999999", yaml11: "99999999999999999999", goLib: "1e+20"},
		// Base 60, YAML 1.1 only: the trap that turns a "22:22" into 1342.
		{in: "1:30", yaml12: `"1:30"`, yaml11: "90"},
		{in: "22:22", yaml12: `"22:22"`, yaml11: "1342"},
		{in: "80:80", yaml12: `"80:80"`, yaml11: `"80:80"`},
		{in: "1:30.5", yaml12: `"1:30.5"`, yaml11: "90.5"},
		// Floats keep a fraction: an integer member rejects them.
		{in: "1.5", yaml12: "1.5", yaml11: "1.5"},
		{in: "1.0", yaml12: "1.0", yaml11: "1.0", goLib: "1"},
		{in: "1.", yaml12: "1.0", yaml11: "1.0", goLib: "1"},
		{in: "1e3", yaml12: "1000.0", yaml11: "1000.0", goLib: "1000"},
		{in: "1E3", yaml12: "1000.0", yaml11: "1000.0", goLib: "1000"},
		{in: ".5", yaml12: "0.5", yaml11: "0.5"},
		{in: "-.5", yaml12: "-0.5", yaml11: `"-.5"`},
		{in: ".5e3", yaml12: `".5e3"`, yaml11: `".5e3"`, goLib: "500"},
		{in: ".5e+3", yaml12: "500.0", yaml11: "500.0", goLib: "500"},
		{in: "1_000.5", yaml12: "1000.5", yaml11: "1000.5"},
		// JSON has no infinities: the text is kept.
		{in: ".inf", yaml12: `".inf"`, yaml11: `".inf"`},
		{in: "-.inf", yaml12: `"-.inf"`, yaml11: `"-.inf"`},
		{in: ".nan", yaml12: `".nan"`, yaml11: `".nan"`},
		{in: "1e400", yaml12: `"1e400"`, yaml11: `"1e400"`},
		// Timestamps stay text.
		{in: "2024-01-01", yaml12: `"2024-01-01"`, yaml11: `"2024-01-01"`},
		// Quoted and tagged scalars.
		{in: `"yes"`, yaml12: `"yes"`, yaml11: `"yes"`},
		{in: `'12'`, yaml12: `"12"`, yaml11: `"12"`},
		{in: "!!str true", yaml12: `"true"`, yaml11: `"true"`},
		{in: "!!bool yes", yaml12: "true", yaml11: "true", goLib: "error"},
		{in: "!!int '0x10'", yaml12: "16", yaml11: "16"},
		{in: "!!float 1", yaml12: "1.0", yaml11: "1.0", goLib: "1"},
		{in: "!Ref Image", yaml12: `"Image"`, yaml11: `"Image"`},
	}
	read := func(t *testing.T, src string, s document.Scalars) string {
		t.Helper()
		docs, err := document.ParseYAMLWith([]byte(src), document.YAMLOptions{Scalars: s})
		if err != nil {
			return "error"
		}
		return docs[0].Value.(ast.Object).Get(ast.StringTerm("k")).Value.String()
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			doc := "k: " + tt.in + "\n"
			if got := read(t, doc, document.ScalarsAWSCLI); got != tt.yaml12 {
				t.Errorf("YAML 1.2 (the CLI's default): %s, want %s", got, tt.yaml12)
			}
			if got := read(t, "%YAML 1.2\n---\n"+doc, document.ScalarsAWSCLI); got != tt.yaml12 {
				t.Errorf("%%YAML 1.2: %s, want %s", got, tt.yaml12)
			}
			if got := read(t, "# a task definition\n%YAML 1.1\n---\n"+doc, document.ScalarsAWSCLI); got != tt.yaml11 {
				t.Errorf("%%YAML 1.1: %s, want %s", got, tt.yaml11)
			}
			// ScalarsGo reads YAML 1.2 core too: only the listed cases
			// differ.
			want := tt.goLib
			if want == "" {
				want = tt.yaml12
			}
			if got := read(t, doc, document.ScalarsGo); got != want {
				t.Errorf("ScalarsGo (today's default): %s, want %s", got, want)
			}
		})
	}
}

// TestScalarsAWSCLIPositions: rewriting a %YAML 1.2 directive for the
// library keeps every position.
func TestScalarsAWSCLIPositions(t *testing.T) {
	t.Parallel()
	src := "%YAML 1.2\n---\nfamily: web\ncontainerDefinitions:\n  - name: app\n    privileged: yes\n"
	docs, err := document.ParseYAMLWith([]byte(src), document.YAMLOptions{Scalars: document.ScalarsAWSCLI})
	if err != nil {
		t.Fatal(err)
	}
	r, _, exact := docs[0].Lookup("/containerDefinitions/0/privileged")
	if !exact || r.Start != (document.Pos{Line: 6, Column: 5}) {
		t.Errorf("privileged at %+v (exact %v), want 6:5", r.Start, exact)
	}
	if _, err := document.ParseYAML([]byte(src)); err == nil {
		t.Error("ScalarsGo accepted %YAML 1.2: the library's refusal is what the rewrite is for; drop it if that changed")
	}
}

func TestScalarsAWSCLIErrors(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"k: !!bool maybe\n", "k: !!int 12abc\n", "k: !!float 0x1p3\n", "k: !!int 0b_\n"} {
		_, err := document.ParseYAMLWith([]byte(in), document.YAMLOptions{Scalars: document.ScalarsAWSCLI})
		if err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("%q: error %v, want one located on line 1", in, err)
		}
	}
}
