package cfn

import (
	"context"
	"testing"
)

// FuzzLoad feeds arbitrary bytes through the template loader: it may
// reject them, never panic, hang or produce a resource without a
// locator.
func FuzzLoad(f *testing.F) {
	// Small seeds: the fuzzer mutates large templates too slowly to
	// explore them.
	for _, seed := range []string{
		"Resources: {T: {Type: AWS::ECS::Service, Properties: {TaskDefinition: !Ref T}}}",
		"Conditions: {A: !Condition A}\nResources: {T: {Type: AWS::ECS::Cluster, Properties: {ClusterName: !If [A, !If [A, a, b], c]}}}",
		"Parameters: {P: {Type: CommaDelimitedList, Default: 'a,b'}}\nResources: {T: {Type: AWS::ECS::TaskDefinition, Properties: {Cpu: !Select [1, !Ref P], Family: !Join ['-', !Split [',', !Sub '${P}']]}}}",
		"Mappings: {M: {a: {b: 1}}}\nResources: {T: {Type: AWS::ECS::TaskDefinition, Properties: {Memory: !FindInMap [M, a, b], TaskRoleArn: !GetAtt R.Arn}}, R: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: '{}'}}}",
		`{"Resources": {"L": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"UserData": {"Fn::Base64": {"Fn::Sub": "ECS_CLUSTER=${C}"}}}}}, "C": {"Type": "AWS::ECS::Cluster"}}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file := parseFile("fuzz.yaml", data)
		if !(Format{}).Match(file) {
			return
		}
		l := Format{}.Load(context.Background(), file)
		for _, r := range l.Resources {
			if r.Locator == nil || r.Value == nil || len(r.IDs) == 0 {
				t.Fatalf("incomplete resource %+v", r)
			}
			r.Locator.Locate([]any{"containerDefinitions", 0, "image"})
		}
	})
}
