package cli

import (
	"github.com/spf13/pflag"

	"github.com/ecslint/ecslint/internal/source/terraform"
)

// tfVarFlag is --var or --var-file: both append to one list, because
// Terraform applies them in the order given on the command line.
type tfVarFlag struct {
	list *[]terraform.VarArg
	file bool
}

func (f tfVarFlag) String() string { return "" }

func (f tfVarFlag) Type() string {
	if f.file {
		return "file"
	}
	return "name=value"
}

func (f tfVarFlag) Set(s string) error {
	if f.file {
		*f.list = append(*f.list, terraform.VarArg{File: s})
		return nil
	}
	v, err := terraform.ParseVar(s)
	if err != nil {
		return err
	}
	*f.list = append(*f.list, v)
	return nil
}

// addTerraformFlags declares --var and --var-file.
func addTerraformFlags(fs *pflag.FlagSet, list *[]terraform.VarArg) {
	fs.Var(tfVarFlag{list: list}, "var", "Terraform variable value for every root linted, as terraform -var (repeatable)")
	fs.Var(tfVarFlag{list: list, file: true}, "var-file", "Terraform .tfvars or .tfvars.json file for every root linted, as terraform -var-file (repeatable)")
}
