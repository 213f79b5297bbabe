package awsfake

import (
	"encoding/base64"
	"fmt"
	"strconv"
)

// FleetOptions size a generated fleet.
type FleetOptions struct {
	// Clusters in the region (default 1).
	Clusters int
	// Services over all clusters, spread evenly.
	Services int
	// TaskDefinitions: distinct revisions the services run (at least 1),
	// each shared by several services when fewer than Services.
	TaskDefinitions int
	// ContainerInstances per cluster (default 2).
	ContainerInstances int
}

// Fleet fills a region with a realistic ECS estate: clusters with an EC2
// capacity provider whose Auto Scaling group launches from a template
// (IMDSv1 allowed, hop limit 2) with an instance profile, container
// instances on EC2 instances with that profile, task definitions (every
// tenth privileged, every fifth running with the instance role as its
// task role, every ninth tagged ecslint:ignore for the privileged rule)
// and services (every seventh behind an instance-type target group,
// every eleventh behind a Classic Load Balancer). The account's IAM roles
// and profile are created once.
func Fleet(a *Account, region string, o FleetOptions) *Region {
	if o.Clusters <= 0 {
		o.Clusters = 1
	}
	if o.TaskDefinitions <= 0 {
		o.TaskDefinitions = 1
	}
	if o.ContainerInstances <= 0 {
		o.ContainerInstances = 2
	}
	r := a.Region(region)
	instanceRole := a.Roles["ecsInstanceRole"]
	if instanceRole == nil {
		instanceRole = a.NewRole("ecsInstanceRole", "ec2.amazonaws.com")
		a.NewRole("app-task-role", "ecs-tasks.amazonaws.com")
		a.NewRole("ecsTaskExecutionRole", "ecs-tasks.amazonaws.com")
		a.NewProfile("ecsInstanceProfile", instanceRole)
	}
	profile := a.Profiles["ecsInstanceProfile"]
	var tdARNs []string
	for i := 0; i < o.TaskDefinitions; i++ {
		family := fmt.Sprintf("app-%03d", i/2)
		rev := i%2 + 1
		arn := a.ARN("ecs", region, "task-definition/"+family+":"+strconv.Itoa(rev))
		taskRole := a.Roles["app-task-role"].Arn
		if i%5 == 4 {
			taskRole = instanceRole.Arn
		}
		r.TaskDefinitions[arn] = Object{
			"taskDefinitionArn": arn, "family": family, "revision": float64(rev), "status": "ACTIVE",
			"taskRoleArn": taskRole, "executionRoleArn": a.Roles["ecsTaskExecutionRole"].Arn,
			"networkMode": "awsvpc", "requiresCompatibilities": []any{"EC2"}, "compatibilities": []any{"EC2"},
			"cpu": "256", "memory": "512", "registeredAt": 1700000000.5, "registeredBy": "arn:aws:iam::" + a.ID + ":user/deployer",
			"containerDefinitions": []any{Object{
				"name": "app", "image": a.ID + ".dkr.ecr." + region + ".amazonaws.com/app:1." + strconv.Itoa(i),
				"cpu": float64(256), "memory": float64(512), "essential": true, "privileged": i%10 == 0,
				"portMappings": []any{Object{"containerPort": float64(8080), "hostPort": float64(8080), "protocol": "tcp"}},
				"environment":  []any{Object{"name": "PORT", "value": "8080"}},
				"mountPoints":  []any{}, "volumesFrom": []any{},
				"logConfiguration": Object{"logDriver": "awslogs", "options": Object{"awslogs-group": "/ecs/" + family, "awslogs-region": region}},
			}},
			"volumes": []any{}, "placementConstraints": []any{},
		}
		if i%9 == 0 {
			r.TaskDefinitionTags[arn] = []Object{{"key": "ecslint:ignore", "value": "privileged-container"}}
		}
		tdARNs = append(tdARNs, arn)
	}
	for ci := 0; ci < o.Clusters; ci++ {
		name := "prod-" + strconv.Itoa(ci)
		clusterARN := a.ARN("ecs", region, "cluster/"+name)
		cpName := "cp-" + name
		asgName := "asg-" + name
		asgARN := a.ARN("autoscaling", region, "autoScalingGroup:0000-"+strconv.Itoa(ci)+":autoScalingGroupName/"+asgName)
		ltID := fmt.Sprintf("lt-%017d", ci)
		r.Clusters = append(r.Clusters, Object{
			"clusterArn": clusterARN, "clusterName": name, "status": "ACTIVE",
			"registeredContainerInstancesCount": float64(o.ContainerInstances), "runningTasksCount": float64(0),
			"pendingTasksCount": float64(0), "activeServicesCount": float64(0),
			"capacityProviders": []any{cpName, "FARGATE"},
			"settings":          []any{Object{"name": "containerInsights", "value": "disabled"}},
			"configuration":     Object{"executeCommandConfiguration": Object{"logging": "DEFAULT"}},
			"tags":              []any{Object{"key": "team", "value": "platform"}},
		})
		r.CapacityProviders = append(r.CapacityProviders, Object{
			"capacityProviderArn": a.ARN("ecs", region, "capacity-provider/"+cpName), "name": cpName, "status": "ACTIVE",
			"autoScalingGroupProvider": Object{
				"autoScalingGroupArn":          asgARN,
				"managedScaling":               Object{"status": "ENABLED", "targetCapacity": float64(100)},
				"managedTerminationProtection": "DISABLED",
			},
		})
		r.Groups = append(r.Groups, AutoScalingGroup{
			AutoScalingGroupName: asgName, AutoScalingGroupARN: asgARN,
			LaunchTemplate: &LaunchTemplateSpec{LaunchTemplateID: ltID, LaunchTemplateName: "ecs-" + name, Version: "$Latest"},
			MinSize:        1, MaxSize: 4, DesiredCapacity: 2, DefaultCooldown: 300, AvailabilityZones: []string{region + "a"},
			HealthCheckType: "EC2", CreatedTime: "2024-01-02T03:04:05Z",
		})
		userData := base64.StdEncoding.EncodeToString([]byte("#!/bin/bash\necho ECS_CLUSTER=" + name + " >> /etc/ecs/ecs.config\n"))
		for v := 1; v <= 2; v++ {
			tokens, hops := "required", 1
			if v == 2 {
				tokens, hops = "optional", 2
			}
			r.Templates = append(r.Templates, LaunchTemplateVersion{
				LaunchTemplateID: ltID, LaunchTemplateName: "ecs-" + name, VersionNumber: v, DefaultVersion: v == 1,
				Data: LaunchTemplateData{ImageID: "ami-0123", IamInstanceProfile: &IamInstanceProfile{Arn: profile.Arn},
					MetadataOptions: &MetadataOptions{HTTPTokens: tokens, HTTPPutResponseHopLimit: hops, HTTPEndpoint: "enabled"}, UserData: userData},
			})
		}
		for k := 0; k < o.ContainerInstances; k++ {
			id := fmt.Sprintf("i-%08d%04d%04d", ci, k, len(r.Instances))
			r.ContainerInstances[clusterARN] = append(r.ContainerInstances[clusterARN], Object{
				"containerInstanceArn": a.ARN("ecs", region, "container-instance/"+name+"/"+id[2:]),
				"ec2InstanceId":        id, "status": "ACTIVE", "agentConnected": true,
			})
			r.Instances = append(r.Instances, Instance{InstanceID: id, InstanceType: "m6i.large",
				IamInstanceProfile: &IamInstanceProfile{Arn: profile.Arn, ID: profile.InstanceProfileID},
				MetadataOptions:    &MetadataOptions{HTTPTokens: "optional", HTTPPutResponseHopLimit: 2, HTTPEndpoint: "enabled"}})
		}
	}
	for i := 0; i < o.Services; i++ {
		cl := r.Clusters[i%len(r.Clusters)]
		clusterARN := cl["clusterArn"].(string)
		name := fmt.Sprintf("svc-%04d", i)
		td := tdARNs[i%len(tdARNs)]
		svc := Object{
			"serviceArn": a.ARN("ecs", region, "service/"+cl["clusterName"].(string)+"/"+name), "serviceName": name,
			"clusterArn": clusterARN, "taskDefinition": td, "status": "ACTIVE", "desiredCount": float64(2),
			"runningCount": float64(2), "pendingCount": float64(0), "schedulingStrategy": "REPLICA",
			"capacityProviderStrategy": []any{Object{"capacityProvider": "cp-" + cl["clusterName"].(string), "weight": float64(1), "base": float64(0)}},
			"deploymentConfiguration":  Object{"maximumPercent": float64(200), "minimumHealthyPercent": float64(100), "deploymentCircuitBreaker": Object{"enable": true, "rollback": true}},
			"deployments": []any{Object{"id": "ecs-svc/" + strconv.Itoa(i), "status": "PRIMARY", "taskDefinition": td,
				"desiredCount": float64(2), "runningCount": float64(2), "createdAt": 1700000100.25, "rolloutState": "COMPLETED"}},
			"networkConfiguration": Object{"awsvpcConfiguration": Object{"subnets": []any{"subnet-0abc"}, "securityGroups": []any{"sg-0abc"}, "assignPublicIp": "DISABLED"}},
			"enableExecuteCommand": false, "enableECSManagedTags": true, "propagateTags": "SERVICE", "createdAt": 1700000000.0,
			"loadBalancers": []any{},
		}
		var lbs []any
		if i%7 == 0 {
			tgName := "tg-" + name
			tgARN := a.ARN("elasticloadbalancing", region, "targetgroup/"+tgName+"/0123456789abcdef")
			r.TargetGroups = append(r.TargetGroups, TargetGroup{TargetGroupArn: tgARN, TargetGroupName: tgName, Protocol: "HTTP", Port: 8080, VpcID: "vpc-0abc", TargetType: "instance"})
			lbs = append(lbs, Object{"targetGroupArn": tgARN, "containerName": "app", "containerPort": float64(8080)})
		}
		if i%11 == 0 {
			lbName := "clb-" + name
			r.LoadBalancers = append(r.LoadBalancers, ClassicLoadBalancer{LoadBalancerName: lbName, DNSName: lbName + ".elb.amazonaws.com", Scheme: "internet-facing", CreatedTime: "2024-01-02T03:04:05Z"})
			lbs = append(lbs, Object{"loadBalancerName": lbName, "containerName": "app", "containerPort": float64(8080)})
		}
		if lbs != nil {
			svc["loadBalancers"] = lbs
		}
		r.Services[clusterARN] = append(r.Services[clusterARN], svc)
	}
	return r
}
