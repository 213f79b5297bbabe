// Package kind names the kinds of resource ecslint loads and the relations
// the analyzer resolves between them. It is a leaf package: the rule
// catalog validates METADATA against these names without importing OPA,
// and every source uses them for the resources it yields.
package kind

// Resource kinds. ECS kinds carry their value in the ECS API shape
// (camelCase members as RegisterTaskDefinition, CreateService,
// CreateCluster and CreateCapacityProvider take them, plus the describe
// output's fields); the other kinds carry the shape of their own service's
// API as the AWS SDK model names the members (PascalCase for the query
// protocols of ELB, IAM, EC2 and Auto Scaling), with the documented
// normalisations listed on each constant.
const (
	// TaskDefinition: RegisterTaskDefinition input or the TaskDefinition
	// of describe-task-definition.
	TaskDefinition = "TaskDefinition"
	// Service: CreateService input or the Service of describe-services.
	Service = "Service"
	// ContainerDefinitions: a bare array of container definitions (what
	// Terraform's container_definitions and many deploy scripts keep),
	// carried as {"containerDefinitions": [...]} so container-level rules
	// read it as they read a task definition, with no task context.
	ContainerDefinitions = "ContainerDefinitions"
	// Cluster: CreateCluster input or the Cluster of describe-clusters.
	Cluster = "Cluster"
	// CapacityProvider: CreateCapacityProvider input or describe output.
	CapacityProvider = "CapacityProvider"
	// LoadBalancer: an ELBv2 LoadBalancer (Type application, network or
	// gateway) or a Classic Load Balancer description with Type "classic"
	// added, so one field tells them apart.
	LoadBalancer = "LoadBalancer"
	// TargetGroup: an ELBv2 TargetGroup.
	TargetGroup = "TargetGroup"
	// Role: an IAM Role with AssumeRolePolicyDocument decoded into an
	// object (the API returns it URL-encoded JSON).
	Role = "Role"
	// InstanceProfile: an IAM InstanceProfile (Roles as the API lists them).
	InstanceProfile = "InstanceProfile"
	// LaunchTemplate: an EC2 launch template version's LaunchTemplateData,
	// or a launch configuration in the same shape where the fields exist
	// (IamInstanceProfile, MetadataOptions, UserData). UserData is the
	// text, not the base64 the API carries it in, whatever the source.
	LaunchTemplate = "LaunchTemplate"
	// AutoScalingGroup: an Auto Scaling group as DescribeAutoScalingGroups
	// returns it.
	AutoScalingGroup = "AutoScalingGroup"
)

// All lists every kind, in the order reports present them.
var All = []string{
	TaskDefinition, Service, ContainerDefinitions, Cluster, CapacityProvider,
	LoadBalancer, TargetGroup, Role, InstanceProfile, LaunchTemplate, AutoScalingGroup,
}

// Valid reports whether k names a kind.
func Valid(k string) bool {
	for _, v := range All {
		if v == k {
			return true
		}
	}
	return false
}

// Relation is a link from one kind to another that the analyzer resolves
// across every source of a run. Name is the key under input.related on the
// resource holding the reference; Reverse is the key under which the
// target sees the referring resources (empty when no rule needs it).
type Relation struct {
	Name    string
	From    string
	To      string
	Many    bool // the source may name several targets (a list under input.related)
	Reverse string
}

// Relations between kinds. Derived relations that follow several links
// (the container-instance roles of a task) are listed in Derived.
var Relations = []Relation{
	{Name: "taskDefinition", From: Service, To: TaskDefinition, Reverse: "services"},
	{Name: "cluster", From: Service, To: Cluster, Reverse: "services"},
	{Name: "loadBalancers", From: Service, To: LoadBalancer, Many: true, Reverse: "services"},
	{Name: "targetGroups", From: Service, To: TargetGroup, Many: true, Reverse: "services"},
	{Name: "taskRole", From: TaskDefinition, To: Role, Reverse: "taskDefinitions"},
	{Name: "executionRole", From: TaskDefinition, To: Role, Reverse: "taskDefinitions"},
	{Name: "capacityProviders", From: Cluster, To: CapacityProvider, Many: true, Reverse: "clusters"},
	{Name: RelInstanceProfiles, From: Cluster, To: InstanceProfile, Many: true, Reverse: "clusters"},
	{Name: "autoScalingGroup", From: CapacityProvider, To: AutoScalingGroup, Reverse: "capacityProviders"},
	{Name: "launchTemplate", From: AutoScalingGroup, To: LaunchTemplate, Reverse: "autoScalingGroups"},
	{Name: "cluster", From: AutoScalingGroup, To: Cluster, Reverse: "autoScalingGroups"},
	{Name: "cluster", From: LaunchTemplate, To: Cluster, Reverse: "launchTemplates"},
	{Name: "instanceProfile", From: LaunchTemplate, To: InstanceProfile, Reverse: "launchTemplates"},
	{Name: "roles", From: InstanceProfile, To: Role, Many: true, Reverse: "instanceProfiles"},
	{Name: "targetGroups", From: LoadBalancer, To: TargetGroup, Many: true, Reverse: "loadBalancers"},
}

// RelInstanceProfiles links a cluster to the instance profiles its EC2
// container instances run with, as only a live account can tell
// (container instance → EC2 instance → instance profile); the roles in
// them are instance roles of the cluster's tasks.
const RelInstanceProfiles = "instanceProfiles"

// Derived relations the analyzer computes by following Relations.
const (
	// InstanceRoles: the IAM role ARNs (or names) the EC2 container
	// instances run with, for a task definition or service: from config,
	// and from cluster → capacity provider → Auto Scaling group → launch
	// template → instance profile → role chains of the same run.
	InstanceRoles = "instanceRoles"
)

// RelationsFrom returns the relations whose references a resource of kind
// k holds.
func RelationsFrom(k string) []Relation {
	var out []Relation
	for _, r := range Relations {
		if r.From == k {
			out = append(out, r)
		}
	}
	return out
}

// Related lists every key a rule may find under input.related, for
// METADATA `custom.related` validation.
func Related() []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, r := range Relations {
		add(r.Name)
		add(r.Reverse)
	}
	add(InstanceRoles)
	return out
}
