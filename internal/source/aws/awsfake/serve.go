package awsfake

import (
	"encoding/xml"
	"net/http"
	"strconv"
)

// ECS limits the fake enforces as ECS does.
const (
	maxDescribeServices  = 10
	maxDescribeInstances = 100
	maxDescribeClusters  = 100
	maxList              = 100
)

// serve answers a regional call.
func (r *Region) serve(w http.ResponseWriter, c *Call, a *Account) {
	switch c.Service {
	case "ecs":
		r.ecs(w, c)
	case "ec2":
		r.ec2(w, c)
	case "autoscaling":
		r.autoscaling(w, c)
	case "elasticloadbalancing":
		r.elb(w, c)
	case "elasticloadbalancingv2":
		r.elbv2(w, c)
	default:
		queryProtocol{service: c.Service}.fail(w, 400, "InvalidAction", "unknown service")
	}
	_ = a
}

// matches reports whether an ECS identifier (ARN or name) names obj.
func matches(id string, obj Object, arnKey, nameKey string) bool {
	return id == obj[arnKey] || id == obj[nameKey]
}

func (r *Region) cluster(id string) Object {
	for _, cl := range r.Clusters {
		if matches(id, cl, "clusterArn", "clusterName") {
			return cl
		}
	}
	return nil
}

func invalid(w http.ResponseWriter, msg string) {
	jsonError(w, 400, "InvalidParameterException", msg)
}

func (r *Region) ecs(w http.ResponseWriter, c *Call) {
	size := num(c, "maxResults", maxList)
	if size > maxList || size < 1 {
		invalid(w, "maxResults must be between 1 and 100")
		return
	}
	token, _ := c.Params["nextToken"].(string)
	switch c.Action {
	case "ListClusters":
		arns := make([]string, 0, len(r.Clusters))
		for _, cl := range r.Clusters {
			arns = append(arns, cl["clusterArn"].(string))
		}
		items, next := page(arns, token, size)
		writeJSON(w, Object{"clusterArns": items, "nextToken": nilIfEmpty(next)})
	case "DescribeClusters":
		ids := strs(c, "clusters")
		if len(ids) > maxDescribeClusters {
			invalid(w, "too many clusters")
			return
		}
		var found, failures []Object
		for _, id := range ids {
			if cl := r.cluster(id); cl != nil {
				found = append(found, cl)
			} else {
				failures = append(failures, Object{"arn": id, "reason": "MISSING"})
			}
		}
		writeJSON(w, Object{"clusters": orEmpty(found), "failures": orEmpty(failures)})
	case "ListServices":
		cl := r.cluster(str(c, "cluster"))
		if cl == nil {
			jsonError(w, 400, "ClusterNotFoundException", "Cluster not found.")
			return
		}
		var arns []string
		for _, s := range r.Services[cl["clusterArn"].(string)] {
			arns = append(arns, s["serviceArn"].(string))
		}
		arns = append(arns, r.Deleted[cl["clusterArn"].(string)]...)
		items, next := page(arns, token, size)
		writeJSON(w, Object{"serviceArns": orEmpty(items), "nextToken": nilIfEmpty(next)})
	case "DescribeServices":
		cl := r.cluster(str(c, "cluster"))
		ids := strs(c, "services")
		if len(ids) > maxDescribeServices {
			invalid(w, "services can have at most 10 items")
			return
		}
		if cl == nil {
			jsonError(w, 400, "ClusterNotFoundException", "Cluster not found.")
			return
		}
		var found, failures []Object
		for _, id := range ids {
			var hit Object
			for _, s := range r.Services[cl["clusterArn"].(string)] {
				if matches(id, s, "serviceArn", "serviceName") {
					hit = s
				}
			}
			if hit != nil {
				found = append(found, hit)
			} else {
				failures = append(failures, Object{"arn": id, "reason": "MISSING"})
			}
		}
		writeJSON(w, Object{"services": orEmpty(found), "failures": orEmpty(failures)})
	case "DescribeTaskDefinition":
		id := str(c, "taskDefinition")
		td := r.TaskDefinitions[id]
		if td == nil {
			for _, t := range r.TaskDefinitions {
				if id == t["family"].(string)+":"+strconv.Itoa(int(t["revision"].(float64))) {
					td = t
				}
			}
		}
		if td == nil {
			jsonError(w, 400, "ClientException", "Unable to describe task definition.")
			return
		}
		out := Object{"taskDefinition": td}
		if include := strs(c, "include"); len(include) == 1 && include[0] == "TAGS" {
			out["tags"] = orEmpty(r.TaskDefinitionTags[td["taskDefinitionArn"].(string)])
		}
		writeJSON(w, out)
	case "DescribeCapacityProviders":
		ids := strs(c, "capacityProviders")
		var found, failures []Object
		for _, id := range ids {
			var hit Object
			for _, cp := range r.CapacityProviders {
				if matches(id, cp, "capacityProviderArn", "name") {
					hit = cp
				}
			}
			if hit != nil {
				found = append(found, hit)
			} else {
				failures = append(failures, Object{"arn": id, "reason": "MISSING"})
			}
		}
		writeJSON(w, Object{"capacityProviders": orEmpty(found), "failures": orEmpty(failures)})
	case "ListContainerInstances":
		cl := r.cluster(str(c, "cluster"))
		if cl == nil {
			jsonError(w, 400, "ClusterNotFoundException", "Cluster not found.")
			return
		}
		var arns []string
		for _, ci := range r.ContainerInstances[cl["clusterArn"].(string)] {
			arns = append(arns, ci["containerInstanceArn"].(string))
		}
		items, next := page(arns, token, size)
		writeJSON(w, Object{"containerInstanceArns": orEmpty(items), "nextToken": nilIfEmpty(next)})
	case "DescribeContainerInstances":
		cl := r.cluster(str(c, "cluster"))
		ids := strs(c, "containerInstances")
		if len(ids) > maxDescribeInstances {
			invalid(w, "too many container instances")
			return
		}
		if cl == nil {
			jsonError(w, 400, "ClusterNotFoundException", "Cluster not found.")
			return
		}
		var found, failures []Object
		for _, id := range ids {
			var hit Object
			for _, ci := range r.ContainerInstances[cl["clusterArn"].(string)] {
				if ci["containerInstanceArn"] == id {
					hit = ci
				}
			}
			if hit != nil {
				found = append(found, hit)
			} else {
				failures = append(failures, Object{"arn": id, "reason": "MISSING"})
			}
		}
		writeJSON(w, Object{"containerInstances": orEmpty(found), "failures": orEmpty(failures)})
	default:
		jsonError(w, 400, "InvalidAction", "not implemented by the fake: "+c.Action)
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func orEmpty[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}

func (r *Region) ec2(w http.ResponseWriter, c *Call) {
	q := queryProtocol{ec2: true, service: "ec2", action: c.Action}
	switch c.Action {
	case "DescribeRegions":
		type item struct {
			RegionName     string `xml:"regionName"`
			RegionEndpoint string `xml:"regionEndpoint"`
			OptInStatus    string `xml:"optInStatus"`
		}
		var items []item
		for _, name := range sortedRegions(r.acct) {
			status := "opt-in-not-required"
			if r.acct.Regions[name].Disabled {
				status = "not-opted-in"
			}
			items = append(items, item{RegionName: name, RegionEndpoint: "ec2." + name + ".amazonaws.com", OptInStatus: status})
		}
		writeXML(w, c, struct {
			XMLName xml.Name `xml:"x"`
			Items   []item   `xml:"regionInfo>item"`
		}{Items: items})
	case "DescribeInstances":
		ids := listParam(c, "InstanceId")
		type reservation struct {
			ReservationID string     `xml:"reservationId"`
			Instances     []Instance `xml:"instancesSet>item"`
		}
		var res []reservation
		for _, id := range ids {
			found := false
			for _, in := range r.Instances {
				if in.InstanceID == id {
					res = append(res, reservation{ReservationID: "r-" + id, Instances: []Instance{in}})
					found = true
				}
			}
			if !found {
				q.fail(w, 400, "InvalidInstanceID.NotFound", "The instance ID '"+id+"' does not exist")
				return
			}
		}
		writeXML(w, c, struct {
			XMLName      xml.Name      `xml:"x"`
			Reservations []reservation `xml:"reservationSet>item"`
		}{Reservations: res})
	case "DescribeLaunchTemplateVersions":
		id, name := str(c, "LaunchTemplateId"), str(c, "LaunchTemplateName")
		versions := listParam(c, "LaunchTemplateVersion")
		var out []LaunchTemplateVersion
		var all []LaunchTemplateVersion
		for _, v := range r.Templates {
			if (id != "" && v.LaunchTemplateID == id) || (name != "" && v.LaunchTemplateName == name) {
				all = append(all, v)
			}
		}
		if len(all) == 0 {
			q.fail(w, 400, "InvalidLaunchTemplateId.NotFound", "The specified launch template does not exist.")
			return
		}
		for _, want := range versions {
			for _, v := range all {
				latest := true
				for _, o := range all {
					latest = latest && o.VersionNumber <= v.VersionNumber
				}
				if want == strconv.Itoa(v.VersionNumber) || (want == "$Default" && v.DefaultVersion) || (want == "$Latest" && latest) {
					out = append(out, v)
				}
			}
		}
		writeXML(w, c, struct {
			XMLName  xml.Name                `xml:"x"`
			Versions []LaunchTemplateVersion `xml:"launchTemplateVersionSet>item"`
		}{Versions: out})
	default:
		q.fail(w, 400, "InvalidAction", "not implemented by the fake: "+c.Action)
	}
}

func sortedRegions(a *Account) []string {
	m := map[string]bool{}
	for k := range a.Regions {
		m[k] = true
	}
	return sortedNames(m)
}

func (r *Region) autoscaling(w http.ResponseWriter, c *Call) {
	q := queryProtocol{service: "autoscaling", action: c.Action}
	switch c.Action {
	case "DescribeAutoScalingGroups":
		names := listParam(c, "AutoScalingGroupNames.member")
		var out []AutoScalingGroup
		for _, g := range r.Groups {
			if len(names) == 0 || contains(names, g.AutoScalingGroupName) {
				out = append(out, g)
			}
		}
		items, next := page(out, str(c, "NextToken"), num(c, "MaxRecords", 50))
		writeXML(w, c, struct {
			XMLName   xml.Name           `xml:"x"`
			Groups    []AutoScalingGroup `xml:"AutoScalingGroups>member"`
			NextToken string             `xml:"NextToken,omitempty"`
		}{Groups: items, NextToken: next})
	case "DescribeLaunchConfigurations":
		names := listParam(c, "LaunchConfigurationNames.member")
		var out []LaunchConfiguration
		for _, lc := range r.Configs {
			if len(names) == 0 || contains(names, lc.LaunchConfigurationName) {
				out = append(out, lc)
			}
		}
		items, next := page(out, str(c, "NextToken"), num(c, "MaxRecords", 50))
		writeXML(w, c, struct {
			XMLName   xml.Name              `xml:"x"`
			Configs   []LaunchConfiguration `xml:"LaunchConfigurations>member"`
			NextToken string                `xml:"NextToken,omitempty"`
		}{Configs: items, NextToken: next})
	default:
		q.fail(w, 400, "InvalidAction", "not implemented by the fake: "+c.Action)
	}
}

func (r *Region) elb(w http.ResponseWriter, c *Call) {
	q := queryProtocol{service: "elasticloadbalancing", action: c.Action}
	switch c.Action {
	case "DescribeLoadBalancers":
		names := listParam(c, "LoadBalancerNames.member")
		if len(names) > 20 {
			q.fail(w, 400, "ValidationError", "too many load balancer names")
			return
		}
		var out []ClassicLoadBalancer
		for _, n := range names {
			found := false
			for _, lb := range r.LoadBalancers {
				if lb.LoadBalancerName == n {
					out = append(out, lb)
					found = true
				}
			}
			if !found {
				q.fail(w, 400, "LoadBalancerNotFound", "There is no ACTIVE Load Balancer named '"+n+"'")
				return
			}
		}
		if len(names) == 0 {
			out = r.LoadBalancers
		}
		items, next := page(out, str(c, "Marker"), num(c, "PageSize", 400))
		writeXML(w, c, struct {
			XMLName    xml.Name              `xml:"x"`
			LBs        []ClassicLoadBalancer `xml:"LoadBalancerDescriptions>member"`
			NextMarker string                `xml:"NextMarker,omitempty"`
		}{LBs: items, NextMarker: next})
	default:
		q.fail(w, 400, "InvalidAction", "not implemented by the fake: "+c.Action)
	}
}

func (r *Region) elbv2(w http.ResponseWriter, c *Call) {
	q := queryProtocol{service: "elasticloadbalancingv2", action: c.Action}
	switch c.Action {
	case "DescribeTargetGroups":
		arns := listParam(c, "TargetGroupArns.member")
		var out []TargetGroup
		for _, a := range arns {
			found := false
			for _, tg := range r.TargetGroups {
				if tg.TargetGroupArn == a {
					out = append(out, tg)
					found = true
				}
			}
			if !found {
				q.fail(w, 400, "TargetGroupNotFound", "One or more target groups not found")
				return
			}
		}
		items, next := page(out, str(c, "Marker"), num(c, "PageSize", 400))
		writeXML(w, c, struct {
			XMLName    xml.Name      `xml:"x"`
			TGs        []TargetGroup `xml:"TargetGroups>member"`
			NextMarker string        `xml:"NextMarker,omitempty"`
		}{TGs: items, NextMarker: next})
	default:
		q.fail(w, 400, "InvalidAction", "not implemented by the fake: "+c.Action)
	}
}

func contains(l []string, s string) bool {
	for _, v := range l {
		if v == s {
			return true
		}
	}
	return false
}
