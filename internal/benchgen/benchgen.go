// Package benchgen generates realistic ECS task definitions in the
// RegisterTaskDefinition JSON shape, for benchmarks. Output depends only on
// the seed and the file index, so a corpus is reproducible byte for byte
// and any file can be generated on its own.
//
// The shape follows the prototype corpus the performance figures in
// docs/performance.md were measured on: about 8 KB per file pretty-printed,
// 2.5 containers per file on average (1 to 6), about 70 % Fargate, and every
// violation opportunity firing with probability Config.ViolationRate, so
// that the rules see a realistic mix of passing and failing fields.
package benchgen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// DefaultViolationRate is the probability that one violation opportunity
// fires; 0.08 gives a few findings per file and most files with at least one.
const DefaultViolationRate = 0.08

// Config selects a corpus.
type Config struct {
	Seed uint64
	// ViolationRate is the probability of each violation opportunity; 0
	// means DefaultViolationRate, a negative value disables violations.
	ViolationRate float64
}

// Stats describes what Write generated.
type Stats struct {
	Files      int
	Bytes      int64
	Containers int
	EnvVars    int
	Fargate    int
}

func (s Stats) String() string {
	if s.Files == 0 {
		return "0 files"
	}
	f := float64(s.Files)
	return fmt.Sprintf("%d files, %.1f KB/file, %.2f containers/file, %.1f env vars/container, %.0f%% Fargate",
		s.Files, float64(s.Bytes)/f/1024, float64(s.Containers)/f,
		float64(s.EnvVars)/float64(max(s.Containers, 1)), 100*float64(s.Fargate)/f)
}

// Write generates n files named td-00000.json... into dir, creating it.
func Write(dir string, n int, c Config) (Stats, error) {
	var st Stats
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, fmt.Errorf("create corpus directory: %w", err)
	}
	width := max(5, len(strconv.Itoa(n-1)))
	for i := 0; i < n; i++ {
		td := c.TaskDefinition(i)
		data, err := Marshal(td)
		if err != nil {
			return st, fmt.Errorf("marshal task definition %d: %w", i, err)
		}
		name := filepath.Join(dir, fmt.Sprintf("td-%0*d.json", width, i))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return st, fmt.Errorf("write corpus: %w", err)
		}
		st.Files++
		st.Bytes += int64(len(data))
		st.Containers += len(td.ContainerDefinitions)
		for _, cd := range td.ContainerDefinitions {
			st.EnvVars += len(cd.Environment)
		}
		if len(td.RequiresCompatibilities) > 0 && td.RequiresCompatibilities[0] == "FARGATE" {
			st.Fargate++
		}
	}
	return st, nil
}

// Marshal renders a task definition the way the AWS CLI's
// --generate-cli-skeleton files look: two-space indentation.
func Marshal(td *TaskDefinition) ([]byte, error) {
	data, err := json.MarshalIndent(td, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// File returns file i of the corpus, pretty-printed.
func (c Config) File(i int) ([]byte, error) {
	return Marshal(c.TaskDefinition(i))
}

// TaskDefinition builds task definition i of the corpus.
func (c Config) TaskDefinition(i int) *TaskDefinition {
	rate := c.ViolationRate
	switch {
	case rate == 0:
		rate = DefaultViolationRate
	case rate < 0:
		rate = 0
	}
	g := &gen{r: rand.New(rand.NewPCG(c.Seed, uint64(i)+1)), rate: rate, i: i}
	return g.taskDefinition()
}

// gen holds the state of one file's generation.
type gen struct {
	r    *rand.Rand
	rate float64
	i    int
}

// bad reports whether a violation opportunity fires.
func (g *gen) bad() bool { return g.r.Float64() < g.rate }

// chance reports true with probability p, for realistic variety that is not
// itself a violation.
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) intn(n int) int { return g.r.IntN(n) }

func pick[T any](g *gen, xs ...T) T { return xs[g.r.IntN(len(xs))] }

const (
	account = "123456789012"
	region  = "us-east-1"
)

var (
	services = []string{"orders", "payments", "checkout", "catalog", "search", "users", "auth", "billing",
		"inventory", "shipping", "notifications", "reports", "gateway", "recommendations", "media", "ledger"}
	envs  = []string{"prod", "staging", "dev", "qa"}
	teams = []string{"platform", "commerce", "identity", "data", "growth", "payments"}
	// sidecars are the containers a task runs beside its application.
	sidecars       = []string{"envoy", "datadog-agent", "fluent-bit", "otel-collector", "nginx", "xray-daemon", "cloudwatch-agent", "migrate"}
	envNames       = []string{"LOG_LEVEL", "PORT", "NODE_ENV", "APP_ENV", "AWS_REGION", "TZ", "JAVA_OPTS", "DB_HOST", "DB_PORT", "DB_NAME", "REDIS_URL", "CACHE_TTL", "FEATURE_FLAGS", "HTTP_TIMEOUT_MS", "MAX_CONNECTIONS", "WORKER_COUNT", "QUEUE_URL", "TOPIC_ARN", "BUCKET_NAME", "SERVICE_NAME", "OTEL_EXPORTER_OTLP_ENDPOINT", "DD_ENV", "DD_SERVICE", "DD_VERSION", "METRICS_PORT", "GRPC_PORT", "CORS_ORIGINS", "UPSTREAM_URL", "RETRY_ATTEMPTS", "BATCH_SIZE", "LOCALE", "SPRING_PROFILES_ACTIVE", "GOMAXPROCS", "PYTHONUNBUFFERED", "SENTRY_ENVIRONMENT", "RATE_LIMIT_RPS"}
	secretEnvNames = []string{"DB_PASSWORD", "API_KEY", "AWS_SECRET_ACCESS_KEY", "STRIPE_SECRET_KEY", "JWT_SECRET", "GITHUB_TOKEN", "CLIENT_SECRET", "AUTH_TOKEN"}
	secretNames    = []string{"DATABASE_URL", "DB_PASSWORD", "API_KEY", "JWT_SIGNING_KEY", "OAUTH_CLIENT_SECRET", "SENTRY_DSN", "DD_API_KEY", "SMTP_PASSWORD"}
	capsSafe       = []string{"NET_BIND_SERVICE", "CHOWN", "SETUID", "SETGID", "KILL"}
	capsDangerous  = []string{"SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "NET_RAW", "ALL"}
	sensitivePaths = []string{"/var/run/docker.sock", "/", "/etc", "/proc", "/root", "/var/lib/docker"}
	benignPaths    = []string{"/var/log/app", "/ecs/data", "/mnt/cache", "/opt/shared", "/srv/uploads"}
)

// fargatePairs lists valid Fargate cpu units and memory MiB (Linux).
var fargatePairs = func() [][2]int {
	var out [][2]int
	add := func(cpu, from, to, step int) {
		for m := from; m <= to; m += step {
			out = append(out, [2]int{cpu, m})
		}
	}
	add(256, 512, 512, 1)
	add(256, 1024, 2048, 1024)
	add(512, 1024, 4096, 1024)
	add(1024, 2048, 8192, 1024)
	add(2048, 4096, 16384, 1024)
	add(4096, 8192, 30720, 1024)
	add(8192, 16384, 61440, 4096)
	add(16384, 32768, 122880, 8192)
	return out
}()

func (g *gen) taskDefinition() *TaskDefinition {
	svc := pick(g, services...)
	env := pick(g, envs...)
	family := fmt.Sprintf("%s-%s-%d", svc, env, g.i)
	fargate := g.chance(0.7)
	td := &TaskDefinition{Family: family}

	role := func(kind string) string {
		return fmt.Sprintf("arn:aws:iam::%s:role/%s-%s-%s", account, svc, env, kind)
	}
	if !g.bad() {
		td.TaskRoleArn = role("task")
	}
	switch {
	case g.bad():
		// execution role missing
	case g.bad() && td.TaskRoleArn != "":
		td.ExecutionRoleArn = td.TaskRoleArn
	case g.bad():
		td.ExecutionRoleArn = "ecsTaskExecutionRole" // a name, not an ARN
	default:
		td.ExecutionRoleArn = role("execution")
	}

	if fargate {
		td.RequiresCompatibilities = []string{"FARGATE"}
		td.NetworkMode = "awsvpc"
		if g.bad() {
			td.NetworkMode = "bridge"
		}
		p := pick(g, fargatePairs...)
		if g.bad() {
			p[1] = p[0] // memory too small for the cpu
		}
		td.CPU, td.Memory = fargateSize(g, p)
		td.RuntimePlatform = &RuntimePlatform{
			CPUArchitecture:       pick(g, "X86_64", "X86_64", "ARM64"),
			OperatingSystemFamily: "LINUX",
		}
	} else {
		td.RequiresCompatibilities = []string{"EC2"}
		td.NetworkMode = pick(g, "awsvpc", "bridge", "bridge")
		if g.bad() {
			td.NetworkMode = "host"
		}
		if g.chance(0.5) {
			p := pick(g, fargatePairs[:20]...)
			td.CPU, td.Memory = strconv.Itoa(p[0]), strconv.Itoa(p[1])
		}
		if g.bad() {
			td.PidMode = "host"
		}
		if g.bad() {
			td.IpcMode = "host"
		}
	}

	td.Volumes = g.volumes(fargate)
	n := g.containerCount()
	for k := 0; k < n; k++ {
		td.ContainerDefinitions = append(td.ContainerDefinitions, g.container(td, k, svc, env, fargate))
	}
	// dependsOn: sidecars start before the application container.
	if n > 1 && g.chance(0.6) {
		app := &td.ContainerDefinitions[0]
		for _, c := range td.ContainerDefinitions[1:] {
			app.DependsOn = append(app.DependsOn, Dependency{ContainerName: c.Name, Condition: pick(g, "START", "HEALTHY", "COMPLETE")})
		}
		if g.bad() {
			app.DependsOn = append(app.DependsOn, Dependency{ContainerName: "missing-sidecar", Condition: "START"})
		}
	}
	if !g.bad() {
		td.Tags = []Tag{{"Service", svc}, {"Environment", env}, {"Team", pick(g, teams...)}, {"CostCenter", fmt.Sprintf("cc-%04d", g.intn(10000))}}
		if g.chance(0.4) {
			td.Tags = append(td.Tags, Tag{"Owner", pick(g, teams...) + "@example.com"})
		}
	}
	return td
}

// fargateSize renders a cpu/memory pair, sometimes in the "1 vCPU"/"2 GB"
// forms the API also accepts.
func fargateSize(g *gen, p [2]int) (string, string) {
	cpu, mem := strconv.Itoa(p[0]), strconv.Itoa(p[1])
	if g.chance(0.1) && p[0] >= 1024 {
		cpu = fmt.Sprintf("%d vCPU", p[0]/1024)
	}
	if g.chance(0.1) && p[1]%1024 == 0 {
		mem = fmt.Sprintf("%d GB", p[1]/1024)
	}
	return cpu, mem
}

// containerCount is 1..6 with a mean near 2.5.
func (g *gen) containerCount() int {
	return pick(g, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4, 5, 6)
}

func (g *gen) volumes(fargate bool) []Volume {
	var out []Volume
	if g.chance(0.45) {
		v := Volume{Name: "efs-data", EFSVolumeConfiguration: &EFSVolume{
			FileSystemID:  fmt.Sprintf("fs-%08x", g.r.Uint32()),
			RootDirectory: "/",
		}}
		e := v.EFSVolumeConfiguration
		if !g.bad() {
			e.TransitEncryption = "ENABLED"
			e.TransitEncryptionPort = 2049
		} else if g.chance(0.5) {
			e.TransitEncryption = "DISABLED"
		}
		if g.chance(0.6) {
			e.AuthorizationConfig = &EFSAuth{AccessPointID: fmt.Sprintf("fsap-%016x", g.r.Uint64())}
			if !g.bad() {
				e.AuthorizationConfig.IAM = "ENABLED"
				if e.TransitEncryption == "" {
					e.TransitEncryption = "ENABLED"
				}
			}
			e.RootDirectory = ""
		}
		out = append(out, v)
	}
	if g.chance(0.4) {
		v := Volume{Name: "scratch"}
		if !fargate {
			path := pick(g, benignPaths...)
			if g.bad() {
				path = pick(g, sensitivePaths...)
			}
			v.Host = &HostVolume{SourcePath: path}
		}
		out = append(out, v)
	}
	if !fargate && g.chance(0.3) {
		out = append(out, Volume{Name: "docker-cache", DockerVolumeConfiguration: &DockerVolume{
			Scope: pick(g, "task", "shared"), Autoprovision: true, Driver: "local",
			DriverOpts: map[string]string{"type": "tmpfs", "device": "tmpfs"},
			Labels:     map[string]string{"purpose": "cache"},
		}})
	}
	return out
}

func (g *gen) image(name string) string {
	repo := name
	var host string
	switch r := g.r.Float64(); {
	case r < g.rate:
		host = "" // Docker Hub
		repo = pick(g, "library/", "bitnami/", "") + name
	case r < 2*g.rate:
		host = "public.ecr.aws/" + pick(g, "docker/library/", "aws-observability/", "nginx/")
	default:
		host = fmt.Sprintf("%s.dkr.ecr.%s.amazonaws.com/", account, region)
	}
	ref := host + repo
	switch r := g.r.Float64(); {
	case r < g.rate:
		return ref + ":latest"
	case r < 2*g.rate:
		return ref // untagged
	case r < 0.4:
		return fmt.Sprintf("%s@sha256:%016x%016x%016x%016x", ref, g.r.Uint64(), g.r.Uint64(), g.r.Uint64(), g.r.Uint64())
	default:
		return fmt.Sprintf("%s:%d.%d.%d", ref, 1+g.intn(4), g.intn(20), g.intn(30))
	}
}

func (g *gen) container(td *TaskDefinition, k int, svc, env string, fargate bool) Container {
	name := svc
	if k > 0 {
		name = sidecars[(k-1+g.intn(len(sidecars)))%len(sidecars)]
		if k > 1 {
			name = fmt.Sprintf("%s-%d", name, k)
		}
	}
	c := Container{Name: name, Image: g.image(strings.SplitN(name, "-", 2)[0]), Essential: new(k == 0 || g.chance(0.3))}
	if !fargate {
		if !g.bad() {
			c.Memory = pick(g, 256, 512, 1024, 2048)
		} else if g.chance(0.5) {
			c.MemoryReservation = 256
		}
		c.CPU = pick(g, 0, 128, 256, 512)
	} else if g.chance(0.3) {
		c.MemoryReservation = pick(g, 128, 256, 512)
	}

	// Ports: the application and some sidecars listen.
	if k == 0 || g.chance(0.4) {
		port := pick(g, 8080, 3000, 5000, 8000, 9000, 443, 80)
		if g.bad() {
			port = 22
		}
		pm := PortMapping{ContainerPort: port, Protocol: "tcp", Name: fmt.Sprintf("%s-%d", name, port), AppProtocol: pick(g, "http", "http2", "grpc")}
		switch td.NetworkMode {
		case "awsvpc":
			pm.HostPort = port
			if g.bad() {
				pm.HostPort = port + 10000
			}
		case "bridge":
			pm.HostPort = 0
		}
		c.PortMappings = append(c.PortMappings, pm)
		if g.chance(0.3) {
			c.PortMappings = append(c.PortMappings, PortMapping{ContainerPort: 9090, HostPort: hostPortFor(td, 9090), Protocol: "tcp", Name: name + "-metrics"})
		}
	}

	// Environment: 3..27 plain variables, now and then a credential.
	nEnv := 3 + g.intn(25)
	names := g.r.Perm(len(envNames))
	for j := 0; j < nEnv; j++ {
		n := envNames[names[j%len(names)]]
		if j >= len(names) {
			n = fmt.Sprintf("%s_%d", n, j/len(names))
		}
		c.Environment = append(c.Environment, KeyValue{Name: n, Value: g.envValue(n, svc, env)})
	}
	if g.bad() {
		c.Environment = append(c.Environment, KeyValue{Name: pick(g, secretEnvNames...), Value: fmt.Sprintf("s3cr3t-%08x", g.r.Uint32())})
	}
	if g.bad() {
		c.Environment = append(c.Environment, KeyValue{Name: "AWS_ACCESS_KEY_ID", Value: fmt.Sprintf("AKIA%016X", g.r.Uint64())[:20]})
	}

	// Secrets from Secrets Manager and SSM Parameter Store.
	if k == 0 || g.chance(0.3) {
		for j, n := 0, 1+g.intn(4); j < n; j++ {
			sn := secretNames[(j+g.intn(len(secretNames)))%len(secretNames)]
			var from string
			switch {
			case g.bad():
				from = strings.ToLower(sn) // a bare name, not an ARN
			case g.chance(0.5):
				from = fmt.Sprintf("arn:aws:secretsmanager:%s:%s:secret:%s/%s/%s-%06x", region, account, env, svc, strings.ToLower(sn), g.r.Uint32()&0xffffff)
			default:
				from = fmt.Sprintf("arn:aws:ssm:%s:%s:parameter/%s/%s/%s", region, account, env, svc, strings.ToLower(sn))
			}
			c.Secrets = append(c.Secrets, Secret{Name: fmt.Sprintf("%s_%d", sn, j), ValueFrom: from})
		}
	}

	// Logging.
	switch {
	case g.bad():
		// no logConfiguration
	case g.bad():
		c.LogConfiguration = &LogConfig{LogDriver: pick(g, "json-file", "syslog", "none")}
	default:
		c.LogConfiguration = &LogConfig{LogDriver: "awslogs", Options: map[string]string{
			"awslogs-group":         fmt.Sprintf("/ecs/%s-%s", svc, env),
			"awslogs-region":        region,
			"awslogs-stream-prefix": name,
		}}
		if g.bad() {
			delete(c.LogConfiguration.Options, "awslogs-stream-prefix")
		}
		if g.chance(0.3) {
			c.LogConfiguration.Options["awslogs-create-group"] = "true"
		}
	}

	// Mount points on declared volumes (rarely an undeclared one).
	for _, v := range td.Volumes {
		if g.chance(0.6) {
			c.MountPoints = append(c.MountPoints, MountPoint{SourceVolume: v.Name, ContainerPath: "/mnt/" + v.Name, ReadOnly: new(g.chance(0.5))})
		}
	}
	if g.bad() {
		c.MountPoints = append(c.MountPoints, MountPoint{SourceVolume: "undeclared", ContainerPath: "/data"})
	}

	// Linux parameters and capabilities.
	if g.chance(0.7) {
		lp := &LinuxParameters{InitProcessEnabled: new(g.chance(0.5)), Capabilities: &Capabilities{}}
		if !g.bad() {
			lp.Capabilities.Drop = []string{"ALL"}
		} else if g.chance(0.5) {
			lp.Capabilities.Drop = []string{"NET_RAW"}
		}
		if g.chance(0.3) {
			lp.Capabilities.Add = []string{pick(g, capsSafe...)}
		}
		if g.bad() && !fargate {
			lp.Capabilities.Add = append(lp.Capabilities.Add, pick(g, capsDangerous...))
		}
		if !fargate && g.chance(0.3) {
			lp.SharedMemorySize = 64
		}
		c.LinuxParameters = lp
	}

	switch {
	case g.bad():
		c.User = pick(g, "root", "0", "0:0")
	case g.bad():
		// user missing
	default:
		c.User = pick(g, "1000", "1000:1000", "nobody", "app", "65534")
	}
	if g.bad() && !fargate {
		c.Privileged = new(true)
	} else if g.chance(0.3) {
		c.Privileged = new(false)
	}
	if !g.bad() {
		c.ReadonlyRootFilesystem = new(true)
	} else if g.chance(0.5) {
		c.ReadonlyRootFilesystem = new(false)
	}

	if !g.bad() && (k == 0 || g.chance(0.5)) {
		c.HealthCheck = &HealthCheck{
			Command:  []string{"CMD-SHELL", fmt.Sprintf("curl -fsS http://localhost:%d/health || exit 1", 8080)},
			Interval: 30, Timeout: 5, Retries: 3, StartPeriod: pick(g, 0, 10, 30, 60),
		}
	}
	if g.chance(0.5) {
		c.Ulimits = []Ulimit{{Name: "nofile", SoftLimit: 65536, HardLimit: 65536}}
		if g.chance(0.3) {
			c.Ulimits = append(c.Ulimits, Ulimit{Name: "nproc", SoftLimit: 4096, HardLimit: 8192})
		}
	}
	if g.chance(0.6) {
		c.DockerLabels = map[string]string{
			"com.example.service": svc,
			"com.example.env":     env,
			"com.example.team":    pick(g, teams...),
			"com.example.version": fmt.Sprintf("%d.%d.%d", 1+g.intn(4), g.intn(20), g.intn(30)),
		}
	}
	if g.chance(0.2) {
		c.Command = []string{"/app/bin/" + svc, "serve", "--port", "8080"}
	}
	if g.chance(0.3) {
		c.StopTimeout = pick(g, 30, 60, 120)
	}
	return c
}

func hostPortFor(td *TaskDefinition, port int) int {
	if td.NetworkMode == "awsvpc" {
		return port
	}
	return 0
}

func (g *gen) envValue(name, svc, env string) string {
	switch {
	case strings.HasSuffix(name, "PORT"):
		return strconv.Itoa(pick(g, 8080, 9090, 5432, 6379, 3306, 8125))
	case strings.HasSuffix(name, "URL"), strings.HasSuffix(name, "ENDPOINT"):
		return fmt.Sprintf("https://%s.%s.internal.example.com:%d/v1", svc, env, 8000+g.intn(1000))
	case strings.HasSuffix(name, "ARN"):
		return fmt.Sprintf("arn:aws:sns:%s:%s:%s-%s-events", region, account, svc, env)
	case strings.HasSuffix(name, "HOST"):
		return fmt.Sprintf("%s-%s.cluster-c%08x.%s.rds.amazonaws.com", svc, env, g.r.Uint32(), region)
	case name == "JAVA_OPTS":
		return "-XX:+UseContainerSupport -XX:MaxRAMPercentage=75.0 -Dfile.encoding=UTF-8"
	case name == "FEATURE_FLAGS":
		return "new-checkout,fast-search,async-billing"
	default:
		return pick(g, env, svc, "info", "true", "30000", "en_US.UTF-8", "UTC", "production", "25")
	}
}
