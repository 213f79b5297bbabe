// Package unresolved is ecslint's one definition of a value it cannot
// know: a deploy-time placeholder ({{ .Env.TAG }}, ${VAR}, <PLACEHOLDER>),
// a Terraform variable without a value, a CloudFormation intrinsic that
// cannot be evaluated, a computed attribute. Every source writes such a
// value with Unknown, and every rule and the secret detector test values
// with the predicates here (exposed to Rego as builtins), so "unknown"
// means one thing everywhere.
package unresolved

import "strings"

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

// Contains reports whether s holds a placeholder anywhere: the value is
// at least partly unknown.
func Contains(s string) bool {
	return strings.Contains(s, "${") || strings.Contains(s, "{{")
}
