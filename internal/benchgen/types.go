package benchgen

// The types mirror RegisterTaskDefinition input, fields in the order the
// AWS API reference lists them; omitempty leaves absent what a user would
// not write.

// TaskDefinition is RegisterTaskDefinition input.
type TaskDefinition struct {
	Family                  string           `json:"family"`
	TaskRoleArn             string           `json:"taskRoleArn,omitempty"`
	ExecutionRoleArn        string           `json:"executionRoleArn,omitempty"`
	NetworkMode             string           `json:"networkMode,omitempty"`
	ContainerDefinitions    []Container      `json:"containerDefinitions"`
	Volumes                 []Volume         `json:"volumes,omitempty"`
	RequiresCompatibilities []string         `json:"requiresCompatibilities,omitempty"`
	CPU                     string           `json:"cpu,omitempty"`
	Memory                  string           `json:"memory,omitempty"`
	Tags                    []Tag            `json:"tags,omitempty"`
	PidMode                 string           `json:"pidMode,omitempty"`
	IpcMode                 string           `json:"ipcMode,omitempty"`
	RuntimePlatform         *RuntimePlatform `json:"runtimePlatform,omitempty"`
}

// Container is a container definition.
type Container struct {
	Name                   string            `json:"name"`
	Image                  string            `json:"image"`
	CPU                    int               `json:"cpu,omitempty"`
	Memory                 int               `json:"memory,omitempty"`
	MemoryReservation      int               `json:"memoryReservation,omitempty"`
	PortMappings           []PortMapping     `json:"portMappings,omitempty"`
	Essential              *bool             `json:"essential,omitempty"`
	Command                []string          `json:"command,omitempty"`
	Environment            []KeyValue        `json:"environment,omitempty"`
	MountPoints            []MountPoint      `json:"mountPoints,omitempty"`
	LinuxParameters        *LinuxParameters  `json:"linuxParameters,omitempty"`
	Secrets                []Secret          `json:"secrets,omitempty"`
	DependsOn              []Dependency      `json:"dependsOn,omitempty"`
	StopTimeout            int               `json:"stopTimeout,omitempty"`
	User                   string            `json:"user,omitempty"`
	Privileged             *bool             `json:"privileged,omitempty"`
	ReadonlyRootFilesystem *bool             `json:"readonlyRootFilesystem,omitempty"`
	DockerLabels           map[string]string `json:"dockerLabels,omitempty"`
	Ulimits                []Ulimit          `json:"ulimits,omitempty"`
	LogConfiguration       *LogConfig        `json:"logConfiguration,omitempty"`
	HealthCheck            *HealthCheck      `json:"healthCheck,omitempty"`
}

// PortMapping is one port of a container.
type PortMapping struct {
	ContainerPort int    `json:"containerPort"`
	HostPort      int    `json:"hostPort,omitempty"`
	Protocol      string `json:"protocol,omitempty"`
	Name          string `json:"name,omitempty"`
	AppProtocol   string `json:"appProtocol,omitempty"`
}

// KeyValue is an environment variable.
type KeyValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Secret injects a Secrets Manager secret or SSM parameter.
type Secret struct {
	Name      string `json:"name"`
	ValueFrom string `json:"valueFrom"`
}

// MountPoint mounts a task volume into a container.
type MountPoint struct {
	SourceVolume  string `json:"sourceVolume"`
	ContainerPath string `json:"containerPath"`
	ReadOnly      *bool  `json:"readOnly,omitempty"`
}

// LinuxParameters holds kernel capabilities and other Linux settings.
type LinuxParameters struct {
	Capabilities       *Capabilities `json:"capabilities,omitempty"`
	InitProcessEnabled *bool         `json:"initProcessEnabled,omitempty"`
	SharedMemorySize   int           `json:"sharedMemorySize,omitempty"`
}

// Capabilities are added to and dropped from Docker's default set.
type Capabilities struct {
	Add  []string `json:"add,omitempty"`
	Drop []string `json:"drop,omitempty"`
}

// Dependency orders container start-up.
type Dependency struct {
	ContainerName string `json:"containerName"`
	Condition     string `json:"condition"`
}

// Ulimit is one resource limit.
type Ulimit struct {
	Name      string `json:"name"`
	SoftLimit int    `json:"softLimit"`
	HardLimit int    `json:"hardLimit"`
}

// LogConfig is a container's log driver.
type LogConfig struct {
	LogDriver string            `json:"logDriver"`
	Options   map[string]string `json:"options,omitempty"`
}

// HealthCheck is a container health check.
type HealthCheck struct {
	Command     []string `json:"command"`
	Interval    int      `json:"interval,omitempty"`
	Timeout     int      `json:"timeout,omitempty"`
	Retries     int      `json:"retries,omitempty"`
	StartPeriod int      `json:"startPeriod,omitempty"`
}

// Volume is a task volume: EFS, bind mount or Docker volume.
type Volume struct {
	Name                      string        `json:"name"`
	Host                      *HostVolume   `json:"host,omitempty"`
	DockerVolumeConfiguration *DockerVolume `json:"dockerVolumeConfiguration,omitempty"`
	EFSVolumeConfiguration    *EFSVolume    `json:"efsVolumeConfiguration,omitempty"`
}

// HostVolume is a bind mount from the host.
type HostVolume struct {
	SourcePath string `json:"sourcePath,omitempty"`
}

// DockerVolume is a Docker-managed volume (EC2 only).
type DockerVolume struct {
	Scope         string            `json:"scope,omitempty"`
	Autoprovision bool              `json:"autoprovision,omitempty"`
	Driver        string            `json:"driver,omitempty"`
	DriverOpts    map[string]string `json:"driverOpts,omitempty"`
	Labels        map[string]string `json:"labels,omitempty"`
}

// EFSVolume is an Amazon EFS file system volume.
type EFSVolume struct {
	FileSystemID          string   `json:"fileSystemId"`
	RootDirectory         string   `json:"rootDirectory,omitempty"`
	TransitEncryption     string   `json:"transitEncryption,omitempty"`
	TransitEncryptionPort int      `json:"transitEncryptionPort,omitempty"`
	AuthorizationConfig   *EFSAuth `json:"authorizationConfig,omitempty"`
}

// EFSAuth is an EFS access point and IAM authorization.
type EFSAuth struct {
	AccessPointID string `json:"accessPointId,omitempty"`
	IAM           string `json:"iam,omitempty"`
}

// RuntimePlatform is the OS and CPU architecture.
type RuntimePlatform struct {
	CPUArchitecture       string `json:"cpuArchitecture,omitempty"`
	OperatingSystemFamily string `json:"operatingSystemFamily,omitempty"`
}

// Tag is a task definition tag.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}
