package validate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ecslint/ecslint/internal/benchgen"
	"github.com/ecslint/ecslint/internal/document"
	"github.com/ecslint/ecslint/internal/kind"
	"github.com/ecslint/ecslint/internal/validate"
)

func parse(t testing.TB, s string) ast.Object {
	t.Helper()
	d, err := document.ParseJSON([]byte(s))
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return d.Value.(ast.Object)
}

// td wraps containers and extra root members into a task definition.
func td(containers string, extra ...string) string {
	members := append([]string{`"family": "web"`, `"containerDefinitions": ` + containers}, extra...)
	return "{" + strings.Join(members, ", ") + "}"
}

const app = `{"name": "app", "image": "nginx:1.27"`

type want struct {
	path    []any
	message string // a substring
}

func TestResource(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		kind  string
		opts  validate.Options
		in    string
		want  []want
		value string // the value rules see, when it differs from in
	}{
		{
			name: "valid register input",
			kind: kind.TaskDefinition,
			in: td(`[`+app+`, "essential": true, "memory": 512, "portMappings": [{"containerPort": 80, "protocol": "tcp"}],
				"environment": [{"name": "A", "value": "b"}], "dockerLabels": {"team": "web"},
				"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/web"}}}]`,
				`"cpu": "256"`, `"memory": "0.5 GB"`, `"networkMode": "awsvpc"`, `"requiresCompatibilities": ["FARGATE"]`,
				`"tags": [{"key": "team", "value": "web"}]`),
		},
		{
			name: "describe output fields are valid",
			kind: kind.TaskDefinition,
			in: td(`[`+app+`}]`, `"taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3"`,
				`"revision": 3`, `"status": "ACTIVE"`, `"compatibilities": ["EC2", "FARGATE"]`,
				`"registeredAt": "2024-05-01T10:00:00.000Z"`, `"registeredBy": "arn:aws:iam::123456789012:user/x"`,
				`"requiresAttributes": [{"name": "com.amazonaws.ecs.capability.logging-driver.awslogs"}]`,
				`"deregisteredAt": 1714557600.5`),
		},
		{
			name: "no container",
			kind: kind.TaskDefinition,
			in:   td(`[]`),
			want: []want{{[]any{"containerDefinitions"}, "containerDefinitions is empty: AWS requires at least 1 ContainerDefinition"}},
		},
		{
			name:  "null container",
			kind:  kind.TaskDefinition,
			in:    td(`[null, ` + app + `}]`),
			want:  []want{{[]any{"containerDefinitions", 0}, "containerDefinitions[0] must be an object (ContainerDefinition), not null"}},
			value: td(`["${invalid value}", ` + app + `}]`),
		},
		{
			name:  "log configuration a string",
			kind:  kind.TaskDefinition,
			in:    td(`[` + app + `, "logConfiguration": "x"}]`),
			want:  []want{{[]any{"containerDefinitions", 0, "logConfiguration"}, "must be an object (LogConfiguration), not a string"}},
			value: td(`[` + app + `}]`),
		},
		{
			name:  "transit encryption a boolean",
			kind:  kind.TaskDefinition,
			in:    td(`[`+app+`}]`, `"volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1", "transitEncryption": true}}]`),
			want:  []want{{[]any{"volumes", 0, "efsVolumeConfiguration", "transitEncryption"}, "volumes[0].efsVolumeConfiguration.transitEncryption must be a string, not a boolean"}},
			value: td(`[`+app+`}]`, `"volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1"}}]`),
		},
		{
			// One problem: the image is there, of the wrong type.
			name:  "image a number",
			kind:  kind.TaskDefinition,
			in:    td(`[{"name": "app", "image": 12345}]`),
			want:  []want{{[]any{"containerDefinitions", 0, "image"}, "must be a string, not a number"}},
			value: td(`[{"name": "app"}]`),
		},
		{
			name: "huge numbers",
			kind: kind.TaskDefinition,
			in:   td(`[`+app+`, "memory": 1e400, "cpu": 4294967296}]`, `"memory": 1e400`),
			want: []want{
				{[]any{"containerDefinitions", 0, "cpu"}, "out of range: AWS takes a 32-bit integer"},
				{[]any{"containerDefinitions", 0, "memory"}, "containerDefinitions[0].memory must be a whole number"},
				{[]any{"memory"}, "memory must be a string, not a number"},
			},
			value: td(`[` + app + `}]`),
		},
		{
			name:  "fractional integer",
			kind:  kind.TaskDefinition,
			in:    td(`[` + app + `, "memory": 512.0, "memoryReservation": 256}]`),
			want:  []want{{[]any{"containerDefinitions", 0, "memory"}, "must be a whole number"}},
			value: td(`[` + app + `, "memoryReservation": 256}]`),
		},
		{
			name:  "string booleans are not coerced",
			kind:  kind.TaskDefinition,
			in:    td(`[` + app + `, "privileged": "true", "essential": "yes"}]`),
			want:  []want{{[]any{"containerDefinitions", 0, "essential"}, "must be a boolean, not a string"}, {[]any{"containerDefinitions", 0, "privileged"}, "must be a boolean, not a string"}},
			value: td(`[` + app + `}]`),
		},
		{
			name:  "string integer",
			kind:  kind.TaskDefinition,
			in:    td(`[` + app + `, "portMappings": [{"containerPort": "80"}]}]`),
			want:  []want{{[]any{"containerDefinitions", 0, "portMappings", 0, "containerPort"}, "must be an integer, not a string"}},
			value: td(`[` + app + `, "portMappings": [{}]}]`),
		},
		{
			name: "enum value",
			kind: kind.TaskDefinition,
			in:   td(`[`+app+`, "portMappings": [{"containerPort": 80, "protocol": "TCP"}]}]`, `"networkMode": "vpc"`),
			// A value that differs in case only is not reported: the API
			// has been seen to read "TCP" as tcp.
			want: []want{
				{[]any{"networkMode"}, "networkMode must be one of bridge, host, awsvpc, none"},
			},
		},
		{
			name: "required members",
			kind: kind.TaskDefinition,
			in:   `{"containerDefinitions": [{"name": "app"}, {"image": "x", "secrets": [{"name": "A"}]}, {"image": null, "name": "b"}]}`,
			want: []want{
				{[]any{"containerDefinitions", 0}, "containerDefinitions[0] lacks image, which AWS requires"},
				{[]any{"containerDefinitions", 1, "secrets", 0}, "containerDefinitions[1].secrets[0] lacks valueFrom"},
				{[]any{"containerDefinitions", 1}, "containerDefinitions[1] lacks name"},
				{[]any{"containerDefinitions", 2}, "containerDefinitions[2] lacks image"},
				{[]any{}, "the task definition lacks family, which AWS requires"},
			},
			value: `{"containerDefinitions": [{"name": "app"}, {"image": "x", "secrets": [{"name": "A"}]}, {"name": "b"}]}`,
		},
		{
			name: "generated family",
			kind: kind.TaskDefinition,
			opts: validate.Options{Generated: []string{"family"}},
			in:   `{"containerDefinitions": [` + app + `}]}`,
		},
		{
			name: "unknown members",
			kind: kind.TaskDefinition,
			in:   td(`[`+app+`, "environmen": [], "Image": "x", "frobnicate": 1}]`, `"foo": 1`),
			want: []want{
				{[]any{"containerDefinitions", 0, "Image"}, "containerDefinitions[0].Image is not a member of ContainerDefinition: did you mean image?"},
				{[]any{"containerDefinitions", 0, "environmen"}, "did you mean environment?"},
				{[]any{"containerDefinitions", 0, "frobnicate"}, "containerDefinitions[0].frobnicate is not a member of ContainerDefinition in the ECS API"},
				{[]any{"foo"}, "foo is not a member of a task definition in the ECS API"},
			},
		},
		{
			// The Terraform provider decodes container_definitions
			// dropping the keys it does not know: AWS never sees them.
			name: "lenient client",
			kind: kind.TaskDefinition,
			opts: validate.Options{Lenient: true},
			in:   td(`[` + app + `, "expanded": true, "frobnicate": 1}]`),
		},
		{
			name: "unknown values fit any slot",
			kind: kind.TaskDefinition,
			in: td(`[`+app+`, "privileged": "${PRIVILEGED}", "memory": "{{ must_env `+"`MEM`"+` }}",
				"logConfiguration": "${var.log}", "portMappings": "${ports}", "environment": ["${env}"]},
				"${extra_container}"]`, `"networkMode": "${mode}"`, `"volumes": "${volumes}"`),
		},
		{
			name:  "map values",
			kind:  kind.TaskDefinition,
			in:    td(`[` + app + `, "dockerLabels": {"a": "b", "n": 1}, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-create-group": true}}}]`),
			want:  []want{{[]any{"containerDefinitions", 0, "dockerLabels", "n"}, "dockerLabels.n must be a string, not a number"}, {[]any{"containerDefinitions", 0, "logConfiguration", "options", "awslogs-create-group"}, "must be a string, not a boolean"}},
			value: td(`[` + app + `, "dockerLabels": {"a": "b"}, "logConfiguration": {"logDriver": "awslogs", "options": {}}}]`),
		},
		{
			name:  "null members are absent",
			kind:  kind.TaskDefinition,
			in:    td(`[`+app+`, "logConfiguration": null, "portMappings": [{"containerPort": 80, "hostPort": null}]}]`, `"taskRoleArn": null`),
			value: td(`[` + app + `, "portMappings": [{"containerPort": 80}]}]`),
		},
		{
			name: "service with members the old hand list lacked",
			kind: kind.Service,
			in: `{"serviceName": "web", "taskDefinition": "web:3", "desiredCount": 2,
				"monitoring": {}, "gatewayConnectors": [{"portName": "http"}],
				"deploymentConfiguration": {"maximumPercent": 200, "deploymentCircuitBreaker": {"enable": true, "rollback": true}},
				"networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"], "assignPublicIp": "DISABLED"}}}`,
		},
		{
			name: "service problems",
			kind: kind.Service,
			in: `{"taskDefinition": "web:3", "desiredCount": "2", "launchType": "fargate",
				"networkConfiguration": {"awsvpcConfiguration": {"assignPublicIp": false}}}`,
			want: []want{
				{[]any{"desiredCount"}, "desiredCount must be an integer, not a string"},
				{[]any{"networkConfiguration", "awsvpcConfiguration", "assignPublicIp"}, "must be a string, not a boolean"},
				{[]any{"networkConfiguration", "awsvpcConfiguration"}, "networkConfiguration.awsvpcConfiguration lacks subnets"},
			},
			value: `{"taskDefinition": "web:3", "launchType": "fargate", "networkConfiguration": {"awsvpcConfiguration": {}}}`,
		},
		{
			// ecspresso and --service-name give the name outside the file.
			name: "service without a name",
			kind: kind.Service,
			in:   `{"taskDefinition": "web:3", "desiredCount": 1}`,
		},
		{
			name: "partial service",
			kind: kind.Service,
			opts: validate.Options{Partial: true},
			in:   `{"service": "web", "cluster": "prod", "forceNewDeployment": true, "desiredCount": 3, "monitoring": {}}`,
		},
		{
			name: "partial service checked as UpdateService input",
			kind: kind.Service,
			opts: validate.Options{Partial: true},
			in:   `{"cluster": "prod", "serviceName": "web", "forceNewDeployment": "yes"}`,
			want: []want{
				{[]any{"forceNewDeployment"}, "forceNewDeployment must be a boolean, not a string"},
				{[]any{"serviceName"}, "serviceName is not a member of an UpdateService input in the ECS API"},
				{[]any{}, "the UpdateService input lacks service, which AWS requires"},
			},
			value: `{"cluster": "prod", "serviceName": "web"}`,
		},
		{
			name: "update-only members in a full service",
			kind: kind.Service,
			in:   `{"serviceName": "web", "service": "web", "forceNewDeployment": true}`,
			want: []want{
				{[]any{"forceNewDeployment"}, "forceNewDeployment is not a member of a service in the ECS API"},
				{[]any{"service"}, "service is not a member of a service in the ECS API"},
			},
		},
		{
			name: "describe-services output",
			kind: kind.Service,
			in: `{"serviceArn": "arn:aws:ecs:us-east-1:123456789012:service/prod/web", "serviceName": "web", "status": "ACTIVE",
				"runningCount": 2, "pendingCount": 0, "createdAt": 1714557600.123, "deployments": [{"id": "ecs-svc/1", "status": "PRIMARY",
				"rolloutState": "COMPLETED", "createdAt": "2024-05-01T10:00:00Z"}], "events": [{"id": "e", "message": "steady"}]}`,
		},
		{
			name:  "container definitions",
			kind:  kind.ContainerDefinitions,
			in:    `{"containerDefinitions": [` + app + `}, {"name": "x", "image": "y", "cpu": "1"}]}`,
			want:  []want{{[]any{"containerDefinitions", 1, "cpu"}, "must be an integer"}},
			value: `{"containerDefinitions": [` + app + `}, {"name": "x", "image": "y"}]}`,
		},
		{
			name: "cluster",
			kind: kind.Cluster,
			in:   `{"clusterName": "prod", "settings": [{"name": "containerInsights", "value": "enhanced"}], "capacityProviders": ["FARGATE"], "serviceConnectDefaults": {"namespace": "ns"}, "status": "ACTIVE", "registeredContainerInstancesCount": 0}`,
		},
		{
			name: "cluster setting name",
			kind: kind.Cluster,
			in:   `{"clusterName": "prod", "settings": [{"name": "insights", "value": "enabled"}]}`,
			want: []want{{[]any{"settings", 0, "name"}, "settings[0].name must be one of containerInsights"}},
		},
		{
			name: "capacity provider",
			kind: kind.CapacityProvider,
			in:   `{"autoScalingGroupProvider": {"managedScaling": {"status": "ENABLED", "targetCapacity": "100"}}}`,
			want: []want{
				{[]any{"autoScalingGroupProvider", "managedScaling", "targetCapacity"}, "must be an integer, not a string"},
				{[]any{"autoScalingGroupProvider"}, "autoScalingGroupProvider lacks autoScalingGroupArn"},
				{[]any{}, "the capacity provider lacks name"},
			},
			value: `{"autoScalingGroupProvider": {"managedScaling": {"status": "ENABLED"}}}`,
		},
		{
			name: "kind outside the ECS model",
			kind: kind.LoadBalancer,
			in:   `{"Type": 1}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := parse(t, tt.in)
			before := in.String()
			got, problems := validate.Resource(tt.kind, in, tt.opts)
			if in.String() != before {
				t.Error("the input was modified")
			}
			var gotWant []want
			for _, p := range problems {
				if p.Rule != validate.RuleSchemaInvalid {
					t.Errorf("rule %q", p.Rule)
				}
				gotWant = append(gotWant, want{p.Path, p.Message})
			}
			if len(gotWant) != len(tt.want) {
				t.Fatalf("problems:\n%s\nwant:\n%s", show(gotWant), show(tt.want))
			}
			for i, w := range tt.want {
				g := gotWant[i]
				if diff := cmp.Diff(w.path, g.path); diff != "" || !strings.Contains(g.message, w.message) {
					t.Errorf("problem %d = %v %q, want %v and %q", i, g.path, g.message, w.path, w.message)
				}
			}
			wantValue := tt.in
			if tt.value != "" {
				wantValue = tt.value
			}
			if w := parse(t, wantValue); got.Compare(w) != 0 {
				t.Errorf("value rules see:\n%v\nwant\n%v", got, w)
			}
			if tt.value == "" && got != in {
				t.Error("an unchanged value was copied")
			}
		})
	}
}

func show(ws []want) string {
	var b strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&b, "  %v %q\n", w.path, w.message)
	}
	return b.String()
}

// TestMessagesQuoteNoValue keeps secrets out of messages: a value is never
// quoted, whatever is wrong with it.
func TestMessagesQuoteNoValue(t *testing.T) {
	t.Parallel()
	const secret = "hunter2-AKIAIOSFODNN7EXAMPLE"
	for _, member := range []string{
		`"environment": [{"name": "PASSWORD", "value": ["` + secret + `"]}]`,
		`"privileged": "` + secret + `"`,
		`"memory": "` + secret + `"`,
		`"ulimits": [{"name": "` + secret + `", "softLimit": 1, "hardLimit": 1}]`,
		`"logConfiguration": {"logDriver": "` + secret + `"}`,
	} {
		_, problems := validate.Resource(kind.TaskDefinition, parse(t, td(`[`+app+`, `+member+`}]`)), validate.Options{})
		if len(problems) != 1 {
			t.Errorf("%s: %d problems", member, len(problems))
		}
		for _, p := range problems {
			if strings.Contains(p.Message, "hunter2") {
				t.Errorf("message quotes the value: %s", p.Message)
			}
		}
	}
}

func TestDisplay(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		path []any
		want string
	}{
		{[]any{"family"}, "family"},
		{[]any{"containerDefinitions", 0, "logConfiguration", "options", "awslogs-group"}, "containerDefinitions[0].logConfiguration.options.awslogs-group"},
		{[]any{"volumes", 12}, "volumes[12]"},
	} {
		if got := validate.Display(tt.path); got != tt.want {
			t.Errorf("Display(%v) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// BenchmarkResource validates typical task definitions from benchgen (8 KB,
// 2.5 containers on average), parsed once outside the loop.
func BenchmarkResource(b *testing.B) {
	var values []ast.Object
	for i := range 64 {
		data, err := benchgen.Config{Seed: 1}.File(i)
		if err != nil {
			b.Fatal(err)
		}
		values = append(values, parse(b, string(data)))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		validate.Resource(kind.TaskDefinition, values[i%len(values)], validate.Options{})
	}
}

func TestDuplicates(t *testing.T) {
	t.Parallel()
	in := `{"taskDefinition": {"family": "web", "containerDefinitions": [{"name": "app", "image": "a",
		"privileged": true, "privileged": false, "dockerLabels": {"a/b": "1", "a/b": "2"}}]},
		"tags": [], "tags": []}`
	d, err := document.ParseJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	td := d.Value.(ast.Object).Get(ast.StringTerm("taskDefinition")).Value
	got := validate.Duplicates(d, "/taskDefinition", td)
	// Ordered as their objects end.
	want := []want{
		{[]any{"containerDefinitions", 0, "dockerLabels", "a/b"}, "containerDefinitions[0].dockerLabels.a/b is given more than once"},
		{[]any{"containerDefinitions", 0, "privileged"}, "containerDefinitions[0].privileged is given more than once in the same object: AWS keeps this last value"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems: %+v", len(got), got)
	}
	for i, w := range want {
		if got[i].Rule != validate.RuleDuplicateKey || !cmp.Equal(got[i].Path, w.path) || !strings.Contains(got[i].Message, w.message) {
			t.Errorf("problem %d = %+v, want %v %q", i, got[i], w.path, w.message)
		}
	}
	if all := validate.Duplicates(d, "", d.Value); len(all) != 3 {
		t.Errorf("whole document: %d problems, want 3", len(all))
	}
}
