package awsfake

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
)

// Object is an ECS resource as the ECS API writes it (camelCase JSON).
type Object = map[string]any

// Account is one account's resources.
type Account struct {
	ID        string
	Partition string // "aws" when empty
	// Regions the account has; a region not listed does not exist.
	Regions map[string]*Region
	// Roles and Profiles by name (IAM is global).
	Roles    map[string]*Role
	Profiles map[string]*InstanceProfile
	// Assumable lists the role ARNs other accounts' callers may assume
	// into this account (for --role-arn).
	Assumable map[string]bool
}

// NewAccount returns an empty account.
func NewAccount(id string) *Account {
	return &Account{ID: id, Regions: map[string]*Region{}, Roles: map[string]*Role{}, Profiles: map[string]*InstanceProfile{}, Assumable: map[string]bool{}}
}

func (a *Account) partition() string {
	if a.Partition == "" {
		return "aws"
	}
	return a.Partition
}

// ARN builds an ARN in the account.
func (a *Account) ARN(service, region, resource string) string {
	return "arn:" + a.partition() + ":" + service + ":" + region + ":" + a.ID + ":" + resource
}

// Region returns the region, creating it.
func (a *Account) Region(name string) *Region {
	r := a.Regions[name]
	if r == nil {
		r = &Region{acct: a, Services: map[string][]Object{}, TaskDefinitions: map[string]Object{},
			TaskDefinitionTags: map[string][]Object{}, ContainerInstances: map[string][]Object{}}
		a.Regions[name] = r
	}
	return r
}

// Region is one region's resources.
type Region struct {
	acct *Account
	// Disabled makes the region answer as an opt-in region that is not
	// enabled.
	Disabled bool

	Clusters []Object
	// Services by cluster ARN.
	Services map[string][]Object
	// Deleted are service ARNs ListServices still returns but
	// DescribeServices reports missing (deleted between the two calls).
	Deleted map[string][]string
	// TaskDefinitions by ARN, with their tags apart.
	TaskDefinitions    map[string]Object
	TaskDefinitionTags map[string][]Object
	CapacityProviders  []Object
	// ContainerInstances by cluster ARN.
	ContainerInstances map[string][]Object
	Instances          []Instance
	Groups             []AutoScalingGroup
	Templates          []LaunchTemplateVersion
	Configs            []LaunchConfiguration
	LoadBalancers      []ClassicLoadBalancer
	TargetGroups       []TargetGroup
}

// Enabled reports whether the account has the region enabled.
func (r *Region) Enabled() bool { return !r.Disabled }

// Role is an IAM role.
type Role struct {
	Path                     string `xml:"Path"`
	RoleName                 string `xml:"RoleName"`
	RoleID                   string `xml:"RoleId"`
	Arn                      string `xml:"Arn"`
	CreateDate               string `xml:"CreateDate"`
	AssumeRolePolicyDocument string `xml:"AssumeRolePolicyDocument"`
	MaxSessionDuration       int    `xml:"MaxSessionDuration"`
}

// NewRole returns a role trusted by principal (a service such as
// ecs-tasks.amazonaws.com), its policy URL-encoded as IAM returns it.
func (a *Account) NewRole(name, principal string) *Role {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + principal + `"},"Action":"sts:AssumeRole"}]}`
	r := &Role{Path: "/", RoleName: name, RoleID: "AROA" + strings.ToUpper(name), Arn: "arn:" + a.partition() + ":iam::" + a.ID + ":role/" + name,
		CreateDate: "2024-01-02T03:04:05Z", AssumeRolePolicyDocument: url.PathEscape(doc), MaxSessionDuration: 3600}
	a.Roles[name] = r
	return r
}

// InstanceProfile is an IAM instance profile.
type InstanceProfile struct {
	Path                string `xml:"Path"`
	InstanceProfileName string `xml:"InstanceProfileName"`
	InstanceProfileID   string `xml:"InstanceProfileId"`
	Arn                 string `xml:"Arn"`
	CreateDate          string `xml:"CreateDate"`
	Roles               []Role `xml:"Roles>member"`
}

// NewProfile returns an instance profile holding roles.
func (a *Account) NewProfile(name string, roles ...*Role) *InstanceProfile {
	p := &InstanceProfile{Path: "/", InstanceProfileName: name, InstanceProfileID: "AIPA" + strings.ToUpper(name),
		Arn: "arn:" + a.partition() + ":iam::" + a.ID + ":instance-profile/" + name, CreateDate: "2024-01-02T03:04:05Z"}
	for _, r := range roles {
		p.Roles = append(p.Roles, *r)
	}
	a.Profiles[name] = p
	return p
}

// Instance is an EC2 instance (the fields the audit reads).
type Instance struct {
	InstanceID         string              `xml:"instanceId"`
	InstanceType       string              `xml:"instanceType"`
	IamInstanceProfile *IamInstanceProfile `xml:"iamInstanceProfile,omitempty"`
	MetadataOptions    *MetadataOptions    `xml:"metadataOptions,omitempty"`
}

// IamInstanceProfile names an instance profile in EC2's answers.
type IamInstanceProfile struct {
	Arn  string `xml:"arn,omitempty"`
	ID   string `xml:"id,omitempty"`
	Name string `xml:"name,omitempty"`
}

// MetadataOptions are EC2's instance metadata options.
type MetadataOptions struct {
	HTTPTokens              string `xml:"httpTokens,omitempty"`
	HTTPPutResponseHopLimit int    `xml:"httpPutResponseHopLimit,omitempty"`
	HTTPEndpoint            string `xml:"httpEndpoint,omitempty"`
}

// LaunchTemplateVersion is one version of a launch template.
type LaunchTemplateVersion struct {
	LaunchTemplateID   string             `xml:"launchTemplateId"`
	LaunchTemplateName string             `xml:"launchTemplateName"`
	VersionNumber      int                `xml:"versionNumber"`
	DefaultVersion     bool               `xml:"defaultVersion"`
	Data               LaunchTemplateData `xml:"launchTemplateData"`
}

// LaunchTemplateData is what a template version launches.
type LaunchTemplateData struct {
	ImageID            string              `xml:"imageId,omitempty"`
	IamInstanceProfile *IamInstanceProfile `xml:"iamInstanceProfile,omitempty"`
	MetadataOptions    *MetadataOptions    `xml:"metadataOptions,omitempty"`
	UserData           string              `xml:"userData,omitempty"`
}

// AutoScalingGroup is an Auto Scaling group.
type AutoScalingGroup struct {
	AutoScalingGroupName             string                `xml:"AutoScalingGroupName"`
	AutoScalingGroupARN              string                `xml:"AutoScalingGroupARN"`
	LaunchTemplate                   *LaunchTemplateSpec   `xml:"LaunchTemplate,omitempty"`
	MixedInstancesPolicy             *MixedInstancesPolicy `xml:"MixedInstancesPolicy,omitempty"`
	LaunchConfigurationName          string                `xml:"LaunchConfigurationName,omitempty"`
	MinSize                          int                   `xml:"MinSize"`
	MaxSize                          int                   `xml:"MaxSize"`
	DesiredCapacity                  int                   `xml:"DesiredCapacity"`
	DefaultCooldown                  int                   `xml:"DefaultCooldown"`
	AvailabilityZones                []string              `xml:"AvailabilityZones>member"`
	HealthCheckType                  string                `xml:"HealthCheckType"`
	CreatedTime                      string                `xml:"CreatedTime"`
	NewInstancesProtectedFromScaleIn bool                  `xml:"NewInstancesProtectedFromScaleIn"`
}

// LaunchTemplateSpec is how a group names a template.
type LaunchTemplateSpec struct {
	LaunchTemplateID   string `xml:"LaunchTemplateId,omitempty"`
	LaunchTemplateName string `xml:"LaunchTemplateName,omitempty"`
	Version            string `xml:"Version,omitempty"`
}

// MixedInstancesPolicy names a template for a mixed-instances group.
type MixedInstancesPolicy struct {
	LaunchTemplate struct {
		LaunchTemplateSpecification LaunchTemplateSpec `xml:"LaunchTemplateSpecification"`
	} `xml:"LaunchTemplate"`
}

// LaunchConfiguration is an Auto Scaling launch configuration.
type LaunchConfiguration struct {
	LaunchConfigurationName string          `xml:"LaunchConfigurationName"`
	LaunchConfigurationARN  string          `xml:"LaunchConfigurationARN"`
	ImageID                 string          `xml:"ImageId"`
	InstanceType            string          `xml:"InstanceType"`
	IamInstanceProfile      string          `xml:"IamInstanceProfile,omitempty"`
	UserData                string          `xml:"UserData,omitempty"`
	CreatedTime             string          `xml:"CreatedTime"`
	MetadataOptions         *LCMetadataOpts `xml:"MetadataOptions,omitempty"`
	SecurityGroups          []string        `xml:"SecurityGroups>member"`
}

// LCMetadataOpts are a launch configuration's metadata options.
type LCMetadataOpts struct {
	HTTPTokens              string `xml:"HttpTokens,omitempty"`
	HTTPPutResponseHopLimit int    `xml:"HttpPutResponseHopLimit,omitempty"`
	HTTPEndpoint            string `xml:"HttpEndpoint,omitempty"`
}

// ClassicLoadBalancer is a Classic Load Balancer.
type ClassicLoadBalancer struct {
	LoadBalancerName string `xml:"LoadBalancerName"`
	DNSName          string `xml:"DNSName"`
	Scheme           string `xml:"Scheme"`
	VPCId            string `xml:"VPCId,omitempty"`
	CreatedTime      string `xml:"CreatedTime"`
}

// TargetGroup is an ELBv2 target group.
type TargetGroup struct {
	TargetGroupArn   string   `xml:"TargetGroupArn"`
	TargetGroupName  string   `xml:"TargetGroupName"`
	Protocol         string   `xml:"Protocol"`
	Port             int      `xml:"Port"`
	VpcID            string   `xml:"VpcId"`
	TargetType       string   `xml:"TargetType"`
	LoadBalancerArns []string `xml:"LoadBalancerArns>member"`
}

// iam answers IAM calls.
func (a *Account) iam(w http.ResponseWriter, c *Call) {
	q := queryProtocol{}
	switch c.Action {
	case "GetRole":
		r := a.Roles[str(c, "RoleName")]
		if r == nil {
			q.fail(w, 404, "NoSuchEntity", "The role with name "+str(c, "RoleName")+" cannot be found.")
			return
		}
		writeXML(w, c, struct {
			XMLName xml.Name `xml:"x"`
			Role    *Role    `xml:"Role"`
		}{Role: r})
	case "GetInstanceProfile":
		p := a.Profiles[str(c, "InstanceProfileName")]
		if p == nil {
			q.fail(w, 404, "NoSuchEntity", "Instance Profile "+str(c, "InstanceProfileName")+" cannot be found.")
			return
		}
		writeXML(w, c, struct {
			XMLName         xml.Name         `xml:"x"`
			InstanceProfile *InstanceProfile `xml:"InstanceProfile"`
		}{InstanceProfile: p})
	default:
		q.fail(w, 400, "InvalidAction", "not implemented by the fake: "+c.Action)
	}
}

// sts answers STS calls.
func (s *Server) sts(w http.ResponseWriter, c *Call, a *Account) {
	q := queryProtocol{}
	switch c.Action {
	case "GetCallerIdentity":
		writeXML(w, c, struct {
			XMLName xml.Name `xml:"x"`
			Arn     string   `xml:"Arn"`
			UserID  string   `xml:"UserId"`
			Account string   `xml:"Account"`
		}{Arn: "arn:" + a.partition() + ":iam::" + a.ID + ":user/auditor", UserID: "AIDAFAKE", Account: a.ID})
	case "AssumeRole":
		arn := str(c, "RoleArn")
		s.Lock()
		var target *Account
		for _, t := range s.Accounts {
			if t.Assumable[arn] {
				target = t
			}
		}
		key := ""
		if target != nil {
			key = "ASIA" + target.ID
			s.Keys[key] = target.ID
		}
		s.Unlock()
		if target == nil {
			q.fail(w, 403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole on resource: "+arn)
			return
		}
		type creds struct {
			AccessKeyID     string `xml:"AccessKeyId"`
			SecretAccessKey string `xml:"SecretAccessKey"`
			SessionToken    string `xml:"SessionToken"`
			Expiration      string `xml:"Expiration"`
		}
		writeXML(w, c, struct {
			XMLName         xml.Name `xml:"x"`
			Credentials     creds    `xml:"Credentials"`
			AssumedRoleUser struct {
				AssumedRoleID string `xml:"AssumedRoleId"`
				Arn           string `xml:"Arn"`
			} `xml:"AssumedRoleUser"`
		}{Credentials: creds{AccessKeyID: key, SecretAccessKey: "fake", SessionToken: "fake-token", Expiration: "2099-01-01T00:00:00Z"}})
	default:
		q.fail(w, 400, "InvalidAction", "not implemented by the fake: "+c.Action)
	}
}
