package awsfake

import (
	"encoding/xml"
	"maps"
	"net/http"
	"slices"
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
func (r *Region) serve(w http.ResponseWriter, c *Call) {
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
		queryProtocol{}.fail(w, 400, "InvalidAction", "unknown service")
	}
}

// matches reports whether an ECS identifier (ARN or name) names obj.
func matches(id string, obj Object, arnKey, nameKey string) bool {
	return id == obj[arnKey] || id == obj[nameKey]
}

// find returns the first of objs that id names, or nil.
func find(objs []Object, id, arnKey, nameKey string) Object {
	for _, o := range objs {
		if matches(id, o, arnKey, nameKey) {
			return o
		}
	}
	return nil
}

// describe answers an ECS batch describe: the objects ids name, under key,
// and a MISSING failure for each id that names none.
func describe(w http.ResponseWriter, key string, ids []string, objs []Object, arnKey, nameKey string) {
	var found, failures []Object
	for _, id := range ids {
		if o := find(objs, id, arnKey, nameKey); o != nil {
			found = append(found, o)
		} else {
			failures = append(failures, Object{"arn": id, "reason": "MISSING"})
		}
	}
	writeJSON(w, Object{key: orEmpty(found), "failures": orEmpty(failures)})
}

// cluster returns the ARN of the cluster a call names, or "" once it has
// answered that there is none.
func (r *Region) cluster(w http.ResponseWriter, c *Call) string {
	cl := find(r.Clusters, str(c, "cluster"), "clusterArn", "clusterName")
	if cl == nil {
		jsonError(w, 400, "ClusterNotFoundException", "Cluster not found.")
		return ""
	}
	return cl["clusterArn"].(string)
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
		describe(w, "clusters", ids, r.Clusters, "clusterArn", "clusterName")
	case "ListServices":
		cl := r.cluster(w, c)
		if cl == "" {
			return
		}
		var arns []string
		for _, s := range r.Services[cl] {
			arns = append(arns, s["serviceArn"].(string))
		}
		arns = append(arns, r.Deleted[cl]...)
		items, next := page(arns, token, size)
		writeJSON(w, Object{"serviceArns": orEmpty(items), "nextToken": nilIfEmpty(next)})
	case "DescribeServices":
		ids := strs(c, "services")
		if len(ids) > maxDescribeServices {
			invalid(w, "services can have at most 10 items")
			return
		}
		if cl := r.cluster(w, c); cl != "" {
			describe(w, "services", ids, r.Services[cl], "serviceArn", "serviceName")
		}
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
		describe(w, "capacityProviders", strs(c, "capacityProviders"), r.CapacityProviders, "capacityProviderArn", "name")
	case "ListContainerInstances":
		cl := r.cluster(w, c)
		if cl == "" {
			return
		}
		var arns []string
		for _, ci := range r.ContainerInstances[cl] {
			arns = append(arns, ci["containerInstanceArn"].(string))
		}
		items, next := page(arns, token, size)
		writeJSON(w, Object{"containerInstanceArns": orEmpty(items), "nextToken": nilIfEmpty(next)})
	case "DescribeContainerInstances":
		ids := strs(c, "containerInstances")
		if len(ids) > maxDescribeInstances {
			invalid(w, "too many container instances")
			return
		}
		if cl := r.cluster(w, c); cl != "" {
			// Container instances are named by ARN only.
			describe(w, "containerInstances", ids, r.ContainerInstances[cl], "containerInstanceArn", "containerInstanceArn")
		}
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
	q := queryProtocol{ec2: true}
	switch c.Action {
	case "DescribeRegions":
		type item struct {
			RegionName     string `xml:"regionName"`
			RegionEndpoint string `xml:"regionEndpoint"`
			OptInStatus    string `xml:"optInStatus"`
		}
		var items []item
		for _, name := range slices.Sorted(maps.Keys(r.acct.Regions)) {
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
		ins, missing := named(r.Instances, listParam(c, "InstanceId"), func(in Instance) string { return in.InstanceID })
		if missing != "" {
			q.fail(w, 400, "InvalidInstanceID.NotFound", "The instance ID '"+missing+"' does not exist")
			return
		}
		type reservation struct {
			ReservationID string     `xml:"reservationId"`
			Instances     []Instance `xml:"instancesSet>item"`
		}
		var res []reservation
		for _, in := range ins {
			res = append(res, reservation{ReservationID: "r-" + in.InstanceID, Instances: []Instance{in}})
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

func (r *Region) autoscaling(w http.ResponseWriter, c *Call) {
	q := queryProtocol{}
	switch c.Action {
	case "DescribeAutoScalingGroups":
		names := listParam(c, "AutoScalingGroupNames.member")
		var out []AutoScalingGroup
		for _, g := range r.Groups {
			if len(names) == 0 || slices.Contains(names, g.AutoScalingGroupName) {
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
			if len(names) == 0 || slices.Contains(names, lc.LaunchConfigurationName) {
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
	q := queryProtocol{}
	switch c.Action {
	case "DescribeLoadBalancers":
		names := listParam(c, "LoadBalancerNames.member")
		if len(names) > 20 {
			q.fail(w, 400, "ValidationError", "too many load balancer names")
			return
		}
		out, missing := named(r.LoadBalancers, names, func(lb ClassicLoadBalancer) string { return lb.LoadBalancerName })
		if missing != "" {
			q.fail(w, 400, "LoadBalancerNotFound", "There is no ACTIVE Load Balancer named '"+missing+"'")
			return
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
	q := queryProtocol{}
	switch c.Action {
	case "DescribeTargetGroups":
		out, missing := named(r.TargetGroups, listParam(c, "TargetGroupArns.member"), func(tg TargetGroup) string { return tg.TargetGroupArn })
		if missing != "" {
			q.fail(w, 400, "TargetGroupNotFound", "One or more target groups not found")
			return
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

// named returns the items ids name, in their order, or the first id that
// names none: the query APIs refuse a whole call for one unknown id.
func named[T any](items []T, ids []string, id func(T) string) ([]T, string) {
	var out []T
	for _, want := range ids {
		i := slices.IndexFunc(items, func(it T) bool { return id(it) == want })
		if i < 0 {
			return nil, want
		}
		out = append(out, items[i])
	}
	return out, ""
}
