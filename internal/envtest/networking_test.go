package envtest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/envtest"
	"github.com/candlefish-ai/infrastructure/internal/model"
)

// networkingExample is the networking module's example root: a primary VPC
// in us-east-1 (module.networking) peered through transit gateways with a
// standby VPC in us-west-2 (module.standby).
const networkingExample = "terraform/modules/networking/examples/complete"

const (
	primaryModule = "module.networking"
	standbyModule = "module.standby"
)

// inModule returns the managed resources of a type in one module instance.
func inModule(m *model.Model, module, typ string) []*model.Resource {
	var out []*model.Resource
	for _, r := range m.OfType(typ) {
		if r.Module == module {
			out = append(out, r)
		}
	}
	return out
}

// byKey indexes resources by their for_each key.
func byKey(t *testing.T, rs []*model.Resource) map[string]*model.Resource {
	t.Helper()
	out := map[string]*model.Resource{}
	for _, r := range rs {
		k, ok := r.Index.(string)
		if !ok {
			t.Fatalf("%s has no for_each key", r.Address)
		}
		out[k] = r
	}
	return out
}

func keys(rs []*model.Resource) []string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprint(r.Index))
	}
	sort.Strings(out)
	return out
}

// subnetCIDRs returns tier => AZ => cidr_block of a module's subnets.
func subnetCIDRs(t *testing.T, m *model.Model, module string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, r := range inModule(m, module, "aws_subnet") {
		if out[r.Name] == nil {
			out[r.Name] = map[string]any{}
		}
		out[r.Name][fmt.Sprint(r.Index)] = r.Values["cidr_block"]
	}
	return out
}

func TestNetworkingExampleIsValidAndClean(t *testing.T) {
	m := envtest.Dir(t, networkingExample, nil)
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Errorf("validation failures: %v", fs)
	}
	if fs := envtest.Findings(m); len(fs) > 0 {
		t.Errorf("findings: %v", fs)
	}
}

func TestNetworkingSubnetsFourTiersThreeAZs(t *testing.T) {
	m := envtest.Dir(t, networkingExample, nil)
	if n := envtest.Count(m, "aws_subnet", "us-east-1"); n != 12 {
		t.Errorf("want 4 tiers x 3 AZs = 12 subnets in us-east-1, got %d", n)
	}
	want := map[string]map[string]any{
		"private":  {"us-east-1a": "10.30.0.0/20", "us-east-1b": "10.30.16.0/20", "us-east-1c": "10.30.32.0/20"},
		"public":   {"us-east-1a": "10.30.128.0/24", "us-east-1b": "10.30.129.0/24", "us-east-1c": "10.30.130.0/24"},
		"database": {"us-east-1a": "10.30.136.0/24", "us-east-1b": "10.30.137.0/24", "us-east-1c": "10.30.138.0/24"},
		"intra":    {"us-east-1a": "10.30.144.0/24", "us-east-1b": "10.30.145.0/24", "us-east-1c": "10.30.146.0/24"},
	}
	got := subnetCIDRs(t, m, primaryModule)
	for tier, azs := range want {
		for az, cidr := range azs {
			if got[tier][az] != cidr {
				t.Errorf("%s subnet in %s: cidr_block %v, want %v", tier, az, got[tier][az], cidr)
			}
		}
		if len(got[tier]) != len(azs) {
			t.Errorf("%s subnets: %v, want AZs %v", tier, got[tier], azs)
		}
	}
	for _, r := range inModule(m, primaryModule, "aws_subnet") {
		if r.Values["availability_zone"] != r.Index {
			t.Errorf("%s: availability_zone %v differs from its key", r.Address, r.Values["availability_zone"])
		}
		tags, _ := r.Values["tags"].(map[string]any)
		if tags["Tier"] != r.Name || !strings.HasPrefix(fmt.Sprint(tags["Name"]), "candlefish-production-"+r.Name+"-") {
			t.Errorf("%s: tags %v", r.Address, tags)
		}
		if r.Name == "public" && r.Values["map_public_ip_on_launch"] != false {
			t.Errorf("%s maps public IPs on launch", r.Address)
		}
	}
	if n := len(inModule(m, primaryModule, "aws_db_subnet_group")); n != 1 {
		t.Errorf("want one DB subnet group, got %d", n)
	}
	if n := len(inModule(m, primaryModule, "aws_elasticache_subnet_group")); n != 1 {
		t.Errorf("want one ElastiCache subnet group, got %d", n)
	}
	if n := len(inModule(m, primaryModule, "aws_route_table")); n != 6 {
		t.Errorf("want 6 route tables (public, 3 private, database, intra), got %d", n)
	}
	if n := len(inModule(m, primaryModule, "aws_route_table_association")); n != 12 {
		t.Errorf("want 12 route table associations, got %d", n)
	}
	if n := len(inModule(m, primaryModule, "aws_internet_gateway")); n != 1 {
		t.Errorf("want one internet gateway, got %d", n)
	}
}

// natTarget returns what a private default route sends its traffic to:
// "gateway" (nat_gateway_id set, no network_interface_id), "instance" (the
// reverse) or "" with the values when it is neither or both.
func natTarget(r *model.Resource) string {
	gw, eni := r.Values["nat_gateway_id"], r.Values["network_interface_id"]
	switch {
	case gw != nil && eni == nil:
		return "gateway"
	case gw == nil && eni != nil:
		return "instance"
	}
	return ""
}

func TestNetworkingNATModes(t *testing.T) {
	for _, tc := range []struct {
		mode                 string
		gateways, instances  int
		eips, routes         int
		routeTarget, natKeys string
	}{
		{"single", 1, 0, 1, 3, "gateway", "us-east-1a"},
		{"per_az", 3, 0, 3, 3, "gateway", "us-east-1a,us-east-1b,us-east-1c"},
		{"instance", 0, 1, 1, 3, "instance", "us-east-1a"},
		{"none", 0, 0, 0, 0, "", ""},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			m := envtest.Dir(t, networkingExample, map[string]string{"nat_mode": `"` + tc.mode + `"`})
			if fs := envtest.ValidationFailures(m); len(fs) > 0 {
				t.Fatalf("validation failures: %v", fs)
			}
			if n := envtest.Count(m, "aws_nat_gateway", "us-east-1"); n != tc.gateways {
				t.Errorf("NAT gateways in us-east-1: %d, want %d", n, tc.gateways)
			}
			if n := envtest.Count(m, "aws_instance", "us-east-1"); n != tc.instances {
				t.Errorf("NAT instances in us-east-1: %d, want %d", n, tc.instances)
			}
			if n := envtest.Count(m, "aws_eip", "us-east-1"); n != tc.eips {
				t.Errorf("Elastic IPs in us-east-1: %d, want %d", n, tc.eips)
			}
			natRoutes := 0
			for _, r := range inModule(m, primaryModule, "aws_route") {
				if r.Name != "private_nat" {
					continue
				}
				natRoutes++
				if r.Values["destination_cidr_block"] != "0.0.0.0/0" || natTarget(r) != tc.routeTarget {
					t.Errorf("NAT route %s: %v, want 0.0.0.0/0 to the NAT %s", r.Address, r.Values, tc.routeTarget)
				}
			}
			// Every private route table has a default route, unless there is no NAT.
			if natRoutes != tc.routes {
				t.Errorf("0.0.0.0/0 routes to the NAT: %d, want %d", natRoutes, tc.routes)
			}
			// The NAT and its address are keyed by AZ: single and instance
			// use the first one, so switching between them keeps the address.
			nat := append(inModule(m, primaryModule, "aws_nat_gateway"), inModule(m, primaryModule, "aws_instance")...)
			if got := strings.Join(keys(nat), ","); got != tc.natKeys {
				t.Errorf("NAT keys %q, want %q", got, tc.natKeys)
			}
			if got := strings.Join(keys(inModule(m, primaryModule, "aws_eip")), ","); got != tc.natKeys {
				t.Errorf("Elastic IP keys %q, want %q", got, tc.natKeys)
			}
			// The standby keeps its own mode (instance).
			if n, i := envtest.Count(m, "aws_nat_gateway", "us-west-2"), envtest.Count(m, "aws_instance", "us-west-2"); n != 0 || i != 1 {
				t.Errorf("us-west-2: %d NAT gateways and %d NAT instances, want 0 and 1", n, i)
			}
		})
	}
}

func TestNetworkingCIDRsStableWhenAZCountGrows(t *testing.T) {
	two := subnetCIDRs(t, envtest.Dir(t, networkingExample, map[string]string{"az_count": "2"}), primaryModule)
	three := subnetCIDRs(t, envtest.Dir(t, networkingExample, map[string]string{"az_count": "3"}), primaryModule)
	for _, tier := range []string{"public", "private", "database", "intra"} {
		if len(two[tier]) != 2 || len(three[tier]) != 3 {
			t.Fatalf("%s: %d subnets with 2 AZs, %d with 3", tier, len(two[tier]), len(three[tier]))
		}
		for _, az := range []string{"us-east-1a", "us-east-1b"} {
			if two[tier][az] == nil || two[tier][az] != three[tier][az] {
				t.Errorf("%s subnet in %s renumbered: %v with 2 AZs, %v with 3", tier, az, two[tier][az], three[tier][az])
			}
		}
	}
	// Six AZs still fit without overlap, and the first three keep their CIDRs.
	six := subnetCIDRs(t, envtest.Dir(t, networkingExample, map[string]string{"az_count": "6"}), primaryModule)
	seen := map[any]string{}
	for tier, azs := range six {
		for az, cidr := range azs {
			if other, dup := seen[cidr]; dup {
				t.Errorf("%s/%s and %s share %v", tier, az, other, cidr)
			}
			seen[cidr] = tier + "/" + az
			if c, ok := three[tier][az]; ok && c != cidr {
				t.Errorf("%s subnet in %s renumbered with 6 AZs: %v -> %v", tier, az, c, cidr)
			}
		}
	}
}

func TestNetworkingIsolatedTiersHaveNoInternetRoute(t *testing.T) {
	for _, overrides := range []map[string]string{nil, {"nat_mode": `"single"`}, {"nat_mode": `"instance"`}, {"nat_mode": `"none"`}} {
		m := envtest.Dir(t, networkingExample, overrides)
		for _, rt := range inModule(m, primaryModule, "aws_route_table") {
			if routes, ok := rt.Values["route"]; ok && routes != nil {
				if l, isList := routes.([]any); !isList || len(l) > 0 {
					t.Errorf("%s has inline routes %v; routes must be aws_route resources", rt.Address, routes)
				}
			}
		}
		for _, r := range inModule(m, primaryModule, "aws_route") {
			dest := r.Values["destination_cidr_block"]
			switch r.Name {
			case "public_internet_gateway", "private_nat":
				if dest != "0.0.0.0/0" {
					t.Errorf("%s: destination %v", r.Address, dest)
				}
			case "transit_gateway":
				if dest == "0.0.0.0/0" {
					t.Errorf("%s sends 0.0.0.0/0 to the transit gateway", r.Address)
				}
			default:
				t.Errorf("unexpected route %s (%v)", r.Address, dest)
			}
			key := fmt.Sprint(r.Index)
			if (strings.HasPrefix(key, "database/") || strings.HasPrefix(key, "intra/")) && dest == "0.0.0.0/0" {
				t.Errorf("%s gives an isolated tier a default route", r.Address)
			}
		}
		// The database and intra route tables only get the peer's CIDR.
		for _, key := range []string{"database/10.31.0.0/16", "intra/10.31.0.0/16"} {
			found := false
			for _, r := range inModule(m, primaryModule, "aws_route") {
				if r.Index == key {
					found = true
				}
			}
			if !found {
				t.Errorf("no transit gateway route %s", key)
			}
		}
	}
}

func TestNetworkingEndpoints(t *testing.T) {
	t.Run("all interface endpoints", func(t *testing.T) {
		m := envtest.Dir(t, networkingExample, nil)
		gw := byKey(t, inModule(m, primaryModule, "aws_vpc_endpoint"))
		for _, svc := range []string{"s3", "dynamodb"} {
			e, ok := gw[svc]
			if !ok || e.Name != "gateway" || e.Values["vpc_endpoint_type"] != "Gateway" || e.Values["service_name"] != "com.amazonaws.us-east-1."+svc {
				t.Errorf("gateway endpoint %s: %+v", svc, e)
				continue
			}
			if rts, _ := e.Values["route_table_ids"].([]any); len(rts) != 5 {
				t.Errorf("gateway endpoint %s in %d route tables, want 5 (3 private, database, intra)", svc, len(rts))
			}
		}
		want := []string{"ecr.api", "ecr.dkr", "kms", "logs", "secretsmanager", "sts"}
		iface := inModule(m, primaryModule, "aws_vpc_endpoint")
		var got []string
		for _, e := range iface {
			if e.Name != "interface" {
				continue
			}
			got = append(got, fmt.Sprint(e.Index))
			if e.Values["vpc_endpoint_type"] != "Interface" || e.Values["private_dns_enabled"] != true || e.Values["service_name"] != "com.amazonaws.us-east-1."+fmt.Sprint(e.Index) {
				t.Errorf("%s: %v", e.Address, e.Values)
			}
			if subnets, _ := e.Values["subnet_ids"].([]any); len(subnets) != 3 {
				t.Errorf("%s in %d subnets, want the 3 private ones", e.Address, len(subnets))
			}
		}
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("interface endpoints %v, want %v", got, want)
		}
		if n := len(inModule(m, primaryModule, "aws_security_group")); n != 1 {
			t.Errorf("want the endpoints' security group, got %d groups", n)
		}
		rules := inModule(m, primaryModule, "aws_vpc_security_group_ingress_rule")
		if len(rules) != 1 {
			t.Fatalf("want one ingress rule, got %d", len(rules))
		}
		r := rules[0].Values
		if r["cidr_ipv4"] != "10.30.0.0/16" || r["from_port"] != int64(443) || r["to_port"] != int64(443) || r["ip_protocol"] != "tcp" {
			t.Errorf("endpoint ingress rule: %v", r)
		}
		if n := len(inModule(m, primaryModule, "aws_vpc_security_group_egress_rule")); n != 0 {
			t.Errorf("the endpoints' security group needs no egress rule, got %d", n)
		}
	})
	t.Run("gateway endpoints only", func(t *testing.T) {
		m := envtest.Dir(t, networkingExample, map[string]string{"interface_endpoints": "[]"})
		var names []string
		for _, e := range inModule(m, primaryModule, "aws_vpc_endpoint") {
			names = append(names, e.Name+"/"+fmt.Sprint(e.Index))
		}
		sort.Strings(names)
		if strings.Join(names, ",") != "gateway/dynamodb,gateway/s3" {
			t.Errorf("endpoints without interface_endpoints: %v", names)
		}
		if n := len(inModule(m, primaryModule, "aws_security_group")) + len(inModule(m, primaryModule, "aws_vpc_security_group_ingress_rule")); n != 0 {
			t.Errorf("no security group or rule expected without interface endpoints, got %d", n)
		}
	})
	t.Run("some interface endpoints", func(t *testing.T) {
		m := envtest.Dir(t, networkingExample, map[string]string{"interface_endpoints": `["ecr.api", "ecr.dkr"]`})
		var got []string
		for _, e := range inModule(m, primaryModule, "aws_vpc_endpoint") {
			if e.Name == "interface" {
				got = append(got, fmt.Sprint(e.Index))
			}
		}
		sort.Strings(got)
		if strings.Join(got, ",") != "ecr.api,ecr.dkr" {
			t.Errorf("interface endpoints %v, want ecr.api, ecr.dkr", got)
		}
	})
	t.Run("no 0.0.0.0/0 ingress anywhere", func(t *testing.T) {
		m := envtest.Dir(t, networkingExample, nil)
		for _, r := range m.OfType("aws_vpc_security_group_ingress_rule") {
			if c := r.Values["cidr_ipv4"]; c == "0.0.0.0/0" {
				t.Errorf("%s open to the internet", r.Address)
			}
		}
		for _, r := range m.OfType("aws_security_group") {
			if in, ok := r.Values["ingress"]; ok && in != nil {
				t.Errorf("%s has inline ingress %v", r.Address, in)
			}
		}
	})
}

func TestNetworkingTransitGateway(t *testing.T) {
	t.Run("peered", func(t *testing.T) {
		m := envtest.Dir(t, networkingExample, nil)
		if n := envtest.Count(m, "aws_ec2_transit_gateway", "us-east-1"); n != 1 {
			t.Errorf("transit gateways in us-east-1: %d", n)
		}
		if n := envtest.Count(m, "aws_ec2_transit_gateway", "us-west-2"); n != 1 {
			t.Errorf("transit gateways in us-west-2: %d", n)
		}
		if n := envtest.Count(m, "aws_ec2_transit_gateway_vpc_attachment"); n != 2 {
			t.Errorf("VPC attachments: %d, want one per VPC", n)
		}
		peering := m.OfType("aws_ec2_transit_gateway_peering_attachment")
		if len(peering) != 1 || peering[0].Region != "us-east-1" || peering[0].Values["peer_region"] != "us-west-2" {
			t.Fatalf("peering attachment: %+v", peering)
		}
		accepter := m.OfType("aws_ec2_transit_gateway_peering_attachment_accepter")
		if len(accepter) != 1 || accepter[0].Region != "us-west-2" || accepter[0].Provider != "aws.replica" {
			t.Errorf("the accepter must be in the peer region through aws.peer: %+v", accepter)
		}
		routes := map[string]*model.Resource{}
		for _, r := range m.OfType("aws_ec2_transit_gateway_route") {
			routes[r.Region+" "+fmt.Sprint(r.Values["destination_cidr_block"])] = r
		}
		if _, ok := routes["us-east-1 10.31.0.0/16"]; !ok {
			t.Errorf("no static route to the standby CIDR in the primary transit gateway: %v", routes)
		}
		if _, ok := routes["us-west-2 10.30.0.0/16"]; !ok {
			t.Errorf("no static route back to the primary CIDR in the standby transit gateway: %v", routes)
		}
		for module, cidr := range map[string]string{primaryModule: "10.31.0.0/16", standbyModule: "10.30.0.0/16"} {
			n := 0
			for _, r := range inModule(m, module, "aws_route") {
				if r.Name == "transit_gateway" {
					n++
					if r.Values["destination_cidr_block"] != cidr {
						t.Errorf("%s: destination %v, want %s", r.Address, r.Values["destination_cidr_block"], cidr)
					}
				}
			}
			if n != 5 {
				t.Errorf("%s: %d routes to the transit gateway, want 5 (3 private, database, intra)", module, n)
			}
		}
	})
	t.Run("without peer", func(t *testing.T) {
		m := envtest.Dir(t, networkingExample, map[string]string{"enable_transit_gateway_peering": "false"})
		if fs := envtest.ValidationFailures(m); len(fs) > 0 {
			t.Fatalf("validation failures: %v", fs)
		}
		if n := envtest.Count(m, "aws_ec2_transit_gateway"); n != 2 {
			t.Errorf("transit gateways: %d, want 2", n)
		}
		for _, typ := range []string{"aws_ec2_transit_gateway_peering_attachment", "aws_ec2_transit_gateway_peering_attachment_accepter", "aws_ec2_transit_gateway_route"} {
			if n := envtest.Count(m, typ); n != 0 {
				t.Errorf("%s: %d without a peer", typ, n)
			}
		}
		for _, r := range m.OfType("aws_route") {
			if r.Name == "transit_gateway" {
				t.Errorf("%s without a peer", r.Address)
			}
		}
	})
	t.Run("disabled", func(t *testing.T) {
		m := envtest.Dir(t, networkingExample, map[string]string{"enable_transit_gateway": "false", "enable_transit_gateway_peering": "false"})
		if fs := envtest.ValidationFailures(m); len(fs) > 0 {
			t.Fatalf("validation failures: %v", fs)
		}
		for _, typ := range []string{"aws_ec2_transit_gateway", "aws_ec2_transit_gateway_vpc_attachment", "aws_ec2_transit_gateway_peering_attachment"} {
			if n := envtest.Count(m, typ); n != 0 {
				t.Errorf("%s: %d with the transit gateway off", typ, n)
			}
		}
	})
}

func TestNetworkingFlowLogs(t *testing.T) {
	m := envtest.Dir(t, networkingExample, nil)
	groups := inModule(m, primaryModule, "aws_cloudwatch_log_group")
	if len(groups) != 1 {
		t.Fatalf("flow log groups: %d", len(groups))
	}
	g := groups[0].Values
	if g["retention_in_days"] != int64(90) {
		t.Errorf("retention %v, want 90 (the tfvars)", g["retention_in_days"])
	}
	if k, ok := g["kms_key_id"]; !ok || k == nil || k == "" {
		t.Errorf("flow log group not encrypted: kms_key_id %v", k)
	}
	if n := len(inModule(m, primaryModule, "aws_flow_log")); n != 1 {
		t.Errorf("flow logs: %d", n)
	}

	const arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	m = envtest.Dir(t, networkingExample, map[string]string{"log_retention_days": "7", "flow_log_kms_key_arn": `"` + arn + `"`})
	g = inModule(m, primaryModule, "aws_cloudwatch_log_group")[0].Values
	if g["retention_in_days"] != int64(7) || g["kms_key_id"] != arn {
		t.Errorf("log group with retention 7 and a given key: %v", g)
	}
	if n := envtest.Count(m, "aws_kms_key", "us-east-1"); n != 0 {
		t.Errorf("the example still creates a key in us-east-1 when given one: %d", n)
	}
}

// TestNetworkingValidations gives every validation of the module one good
// and one bad value, through the example's root variables.
func TestNetworkingValidations(t *testing.T) {
	for _, tc := range []struct {
		name      string
		good, bad map[string]string
		want      string
	}{
		{"project", map[string]string{"project": `"cf-demo"`}, map[string]string{"project": `"Candlefish!"`}, "project must be 3-20 characters"},
		{"environment", map[string]string{"environment": `"staging"`}, map[string]string{"environment": `"prod"`}, "environment must be one of"},
		{"vpc_cidr prefix", map[string]string{"vpc_cidr": `"10.40.0.0/20"`}, map[string]string{"vpc_cidr": `"10.40.0.0/24"`}, "prefix length between /16 and /20"},
		{"vpc_cidr syntax", map[string]string{"vpc_cidr": `"172.20.0.0/16"`}, map[string]string{"vpc_cidr": `"10.40.0/16"`}, "vpc_cidr must be a valid IPv4 CIDR block"},
		{"vpc_cidr network address", map[string]string{"vpc_cidr": `"10.40.0.0/16"`}, map[string]string{"vpc_cidr": `"10.40.1.0/16"`}, "vpc_cidr must start at its network address"},
		{"flow_log_kms_key_arn",
			map[string]string{"flow_log_kms_key_arn": `"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"`},
			map[string]string{"flow_log_kms_key_arn": `"alias/flow-logs"`}, "flow_log_kms_key_arn must be a KMS key ARN"},
		{"flow_log_traffic_type", map[string]string{"flow_log_traffic_type": `"REJECT"`}, map[string]string{"flow_log_traffic_type": `"DENY"`}, "flow_log_traffic_type must be one of"},
		{"log_retention_days", map[string]string{"log_retention_days": "7"}, map[string]string{"log_retention_days": "10"}, "log_retention_days must be one of"},
		{"region", map[string]string{"region": `"eu-west-1"`}, map[string]string{"region": `"us_east_1"`}, "region must be an AWS region name"},
		{"az_count range", map[string]string{"az_count": "1"}, map[string]string{"az_count": "7"}, "az_count must be a whole number from 1 to 6"},
		{"az_count whole", map[string]string{"az_count": "6"}, map[string]string{"az_count": "2.5"}, "az_count must be a whole number from 1 to 6"},
		{"az_count within az_suffixes",
			map[string]string{"az_count": "3", "az_suffixes": `["a", "b", "c"]`},
			map[string]string{"az_count": "4", "az_suffixes": `["a", "b", "c"]`}, "az_count must not exceed the number of az_suffixes"},
		{"az_suffixes", map[string]string{"az_suffixes": `["b", "c", "d"]`}, map[string]string{"az_suffixes": `["a", "a", "b"]`}, "az_suffixes must be 1 to 6 distinct single lowercase letters"},
		{"az_suffixes letters", map[string]string{"az_suffixes": `["a", "b", "c", "d", "e", "f"]`}, map[string]string{"az_suffixes": `["a", "b", "1a"]`}, "az_suffixes must be 1 to 6 distinct single lowercase letters"},
		{"nat_mode", map[string]string{"nat_mode": `"instance"`}, map[string]string{"nat_mode": `"both"`}, "nat_mode must be one of: single, per_az, instance, none"},
		{"nat_instance_type",
			map[string]string{"nat_mode": `"instance"`, "nat_instance_type": `"t4g.small"`},
			map[string]string{"nat_mode": `"instance"`, "nat_instance_type": `"t3.nano"`}, "nat_instance_type must be a Graviton (arm64) burstable type"},
		{"nat_instance_type not burstable",
			map[string]string{"nat_instance_type": `"t4g.2xlarge"`},
			map[string]string{"nat_instance_type": `"m7g.medium"`}, "nat_instance_type must be a Graviton (arm64) burstable type"},
		{"nat_instance_kms_key_arn",
			map[string]string{"nat_mode": `"instance"`, "nat_instance_kms_key_arn": `"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"`},
			map[string]string{"nat_mode": `"instance"`, "nat_instance_kms_key_arn": `"alias/aws/ebs"`}, "nat_instance_kms_key_arn must be a KMS key ARN"},
		{"nat_instance_egress_tcp_ports",
			map[string]string{"nat_instance_egress_tcp_ports": "[443, 8443]"},
			map[string]string{"nat_instance_egress_tcp_ports": "[443, 70000]"}, "nat_instance_egress_tcp_ports must hold at least one whole port number"},
		{"nat_instance_egress_tcp_ports empty",
			map[string]string{"nat_instance_egress_tcp_ports": "[80]"},
			map[string]string{"nat_instance_egress_tcp_ports": "[]"}, "nat_instance_egress_tcp_ports must hold at least one whole port number"},
		{"interface_endpoints", map[string]string{"interface_endpoints": `["sts"]`}, map[string]string{"interface_endpoints": `["sts", "ec2"]`}, "interface_endpoints may only contain"},
		{"transit_gateway_amazon_side_asn",
			map[string]string{"transit_gateway_amazon_side_asn": "4200000000"},
			map[string]string{"transit_gateway_amazon_side_asn": "65535"}, "transit_gateway_amazon_side_asn must be a private ASN"},
		{"transit_gateway_peer.transit_gateway_id",
			map[string]string{"transit_gateway_peer_id": `"tgw-0123456789abcdef0"`},
			map[string]string{"transit_gateway_peer_id": `"vpc-0123456789abcdef0"`}, "transit_gateway_peer.transit_gateway_id must be a transit gateway ID"},
		{"transit_gateway_peer.region",
			map[string]string{"standby_region": `"eu-west-1"`},
			map[string]string{"standby_region": `"US-WEST-2"`}, "transit_gateway_peer.region must be an AWS region name"},
		{"transit_gateway_peer.cidr_block",
			map[string]string{"standby_vpc_cidr": `"172.16.0.0/16"`},
			map[string]string{"standby_vpc_cidr": `"172.16.0.1/16"`}, "transit_gateway_peer.cidr_block must be an IPv4 CIDR block"},
		{"transit_gateway_peer.cidr_block overlap",
			map[string]string{"standby_vpc_cidr": `"10.29.0.0/16"`},
			map[string]string{"standby_vpc_cidr": `"10.30.16.0/20"`}, "transit_gateway_peer.cidr_block must not overlap vpc_cidr"},
		{"transit_gateway_peer needs the transit gateway",
			map[string]string{"enable_transit_gateway": "false", "enable_transit_gateway_peering": "false"},
			map[string]string{"enable_transit_gateway": "false", "enable_transit_gateway_peering": "true", "transit_gateway_peer_id": `"tgw-0123456789abcdef0"`},
			"transit_gateway_peer needs enable_transit_gateway = true"},
		{"transit_gateway_destination_cidrs",
			map[string]string{"transit_gateway_destination_cidrs": `["192.168.0.0/16"]`},
			map[string]string{"transit_gateway_destination_cidrs": `["192.168.0.0/33"]`}, "transit_gateway_destination_cidrs must be IPv4 CIDR blocks"},
		{"transit_gateway_destination_cidrs overlap",
			map[string]string{"transit_gateway_destination_cidrs": `["10.0.0.0/12"]`},
			map[string]string{"transit_gateway_destination_cidrs": `["10.0.0.0/8"]`}, "transit_gateway_destination_cidrs must not overlap vpc_cidr"},
		{"transit_gateway_destination_cidrs needs the transit gateway",
			map[string]string{"enable_transit_gateway": "false", "enable_transit_gateway_peering": "false", "transit_gateway_destination_cidrs": "[]"},
			map[string]string{"enable_transit_gateway": "false", "enable_transit_gateway_peering": "false", "transit_gateway_destination_cidrs": `["192.168.0.0/16"]`},
			"transit_gateway_destination_cidrs needs enable_transit_gateway = true"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			envtest.ExpectValid(t, networkingExample, tc.good)
			envtest.ExpectInvalid(t, networkingExample, tc.bad, tc.want)
		})
	}
}

// TestNetworkingEveryValidationIsTested keeps TestNetworkingValidations
// complete: each validation block of the module has an error message that
// one of its cases expects.
func TestNetworkingEveryValidationIsTested(t *testing.T) {
	m := envtest.Dir(t, networkingExample, nil)
	var module *model.ModuleDir
	for dir, d := range m.Dirs {
		if strings.HasSuffix(dir, "/terraform/modules/networking") {
			module = d
		}
	}
	if module == nil {
		t.Fatal("networking module not loaded")
	}
	n := 0
	for _, v := range module.Variables {
		n += len(v.Validations)
	}
	// 1 project, 1 environment, 2 vpc_cidr, 1 flow_log_kms_key_arn,
	// 1 flow_log_traffic_type, 1 log_retention_days, 1 region, 2 az_count,
	// 1 az_suffixes, 1 nat_mode, 1 nat_instance_type, 2
	// nat_instance_kms_key_arn (the second in TestNetworkingNATInstanceNeedsAKey:
	// the example always passes a key), 1 nat_instance_egress_tcp_ports,
	// 1 interface_endpoints, 1 ASN, 5 transit_gateway_peer,
	// 3 transit_gateway_destination_cidrs.
	if n != 26 {
		t.Errorf("the module has %d validations; TestNetworkingValidations and TestNetworkingNATInstanceNeedsAKey cover 26: add cases for the new ones", n)
	}
}

// natInstanceKey is the customer-managed key the NAT instance tests pass.
const natInstanceKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

// natInstanceModel evaluates the example with a NAT instance in the primary
// VPC (10.30.0.0/16, three AZs), its volume encrypted with natInstanceKey.
func natInstanceModel(t *testing.T, extra map[string]string) *model.Model {
	t.Helper()
	overrides := map[string]string{"nat_mode": `"instance"`, "nat_instance_kms_key_arn": `"` + natInstanceKey + `"`}
	for k, v := range extra {
		overrides[k] = v
	}
	m := envtest.Dir(t, networkingExample, overrides)
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Fatalf("validation failures: %v", fs)
	}
	return m
}

// named returns the resources of a type and name in the primary module.
func named(m *model.Model, typ, name string) []*model.Resource {
	var out []*model.Resource
	for _, r := range inModule(m, primaryModule, typ) {
		if r.Name == name {
			out = append(out, r)
		}
	}
	return out
}

func refersTo(r *model.Resource, block string) bool {
	for _, ref := range r.References {
		if ref == block {
			return true
		}
	}
	return false
}

func TestNetworkingNATInstance(t *testing.T) {
	m := natInstanceModel(t, nil)
	instances := inModule(m, primaryModule, "aws_instance")
	if len(instances) != 1 || envtest.Count(m, "aws_instance", "us-east-1") != 1 {
		t.Fatalf("want exactly one NAT instance in us-east-1, got %v", keys(instances))
	}
	nat := instances[0]
	const natBlock = primaryModule + ".aws_instance.nat"

	t.Run("one instance in the first AZ, no NAT gateway", func(t *testing.T) {
		if nat.Index != "us-east-1a" || nat.Region != "us-east-1" {
			t.Errorf("NAT instance %s in %s, want key us-east-1a", nat.Address, nat.Region)
		}
		if n := envtest.Count(m, "aws_nat_gateway", "us-east-1"); n != 0 {
			t.Errorf("NAT gateways in us-east-1: %d, want none beside the instance", n)
		}
		if !refersTo(nat, primaryModule+".aws_subnet.public") {
			t.Errorf("the NAT instance is not in a public subnet: references %v", nat.References)
		}
	})

	t.Run("instance settings", func(t *testing.T) {
		v := nat.Values
		for arg, want := range map[string]any{
			"instance_type":               "t4g.nano",
			"source_dest_check":           false,
			"associate_public_ip_address": false,
			"monitoring":                  false,
		} {
			if v[arg] != want {
				t.Errorf("%s = %v, want %v", arg, v[arg], want)
			}
		}
		if k, ok := v["key_name"]; ok && k != nil {
			t.Errorf("key_name = %v: the NAT instance has no SSH key", k)
		}
		if md := first(v["metadata_options"]); md["http_tokens"] != "required" || md["http_endpoint"] != "enabled" {
			t.Errorf("metadata_options %v: IMDSv2 must be required", v["metadata_options"])
		}
		if cs := first(v["credit_specification"]); cs["cpu_credits"] != "standard" {
			t.Errorf("credit_specification %v, want standard credits", v["credit_specification"])
		}
		if !refersTo(nat, primaryModule+".data.aws_ssm_parameter.nat_instance_ami") || !refersTo(nat, primaryModule+".aws_iam_instance_profile.nat_instance") {
			t.Errorf("the instance must take its AMI from the SSM parameter and its profile from the module: %v", nat.References)
		}
		ssm := envtest.DataInModule(m, primaryModule, "aws_ssm_parameter")
		if len(ssm) != 1 || ssm[0].Values["name"] != "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64" {
			t.Errorf("AMI parameter: %+v", ssm)
		}
	})

	t.Run("root volume encrypted with the customer-managed key", func(t *testing.T) {
		root := first(nat.Values["root_block_device"])
		if root["encrypted"] != true || root["kms_key_id"] != natInstanceKey || root["volume_type"] != "gp3" || root["volume_size"] != int64(8) {
			t.Errorf("root_block_device %v, want 8 GB gp3 encrypted with %s", nat.Values["root_block_device"], natInstanceKey)
		}
	})

	t.Run("user data forwards and masquerades persistently", func(t *testing.T) {
		ud, _ := nat.Values["user_data"].(string)
		for _, want := range []string{
			"net.ipv4.ip_forward=1",
			"/etc/sysctl.d/90-nat-instance.conf",
			"ip saddr $VPC_CIDR ip daddr != $VPC_CIDR masquerade",
			`VPC_CIDR="10.30.0.0/16"`,
			"send_redirects=0",
			"systemctl enable --now nat-instance.service",
			"WantedBy=multi-user.target",
		} {
			if !strings.Contains(ud, want) {
				t.Errorf("user_data lacks %q", want)
			}
		}
	})

	t.Run("security group: ingress only from the VPC", func(t *testing.T) {
		sgs := named(m, "aws_security_group", "nat_instance")
		if len(sgs) != 1 {
			t.Fatalf("NAT instance security groups: %d", len(sgs))
		}
		for _, inline := range []string{"ingress", "egress"} {
			if l, ok := sgs[0].Values[inline].([]any); ok && len(l) > 0 {
				t.Errorf("inline %s rules %v: rules must be separate resources", inline, l)
			}
		}
		check := func(rules []*model.Resource, cidr string) []string {
			var ports []string
			for _, r := range rules {
				v := r.Values
				if v["cidr_ipv4"] != cidr || v["ip_protocol"] != "tcp" || v["from_port"] != v["to_port"] {
					t.Errorf("%s: %v, want tcp from %s", r.Address, v, cidr)
				}
				for _, other := range []string{"cidr_ipv6", "prefix_list_id", "referenced_security_group_id"} {
					if x, ok := v[other]; ok && x != nil {
						t.Errorf("%s: %s = %v", r.Address, other, x)
					}
				}
				ports = append(ports, fmt.Sprint(v["from_port"]))
			}
			sort.Strings(ports)
			return ports
		}
		if got := check(named(m, "aws_vpc_security_group_ingress_rule", "nat_instance_from_vpc"), "10.30.0.0/16"); strings.Join(got, ",") != "443,80" {
			t.Errorf("ingress ports %v, want 80 and 443", got)
		}
		if got := check(named(m, "aws_vpc_security_group_egress_rule", "nat_instance_to_internet"), "0.0.0.0/0"); strings.Join(got, ",") != "443,80" {
			t.Errorf("egress ports %v, want 80 and 443", got)
		}
		for _, r := range m.OfType("aws_vpc_security_group_ingress_rule") {
			if c := r.Values["cidr_ipv4"]; c == "0.0.0.0/0" {
				t.Errorf("%s admits 0.0.0.0/0", r.Address)
			}
		}
		// Other ports: the same rules for each.
		m := natInstanceModel(t, map[string]string{"nat_instance_egress_tcp_ports": "[443, 8443]"})
		if got := check(named(m, "aws_vpc_security_group_ingress_rule", "nat_instance_from_vpc"), "10.30.0.0/16"); strings.Join(got, ",") != "443,8443" {
			t.Errorf("ingress ports %v, want 443 and 8443", got)
		}
		if got := check(named(m, "aws_vpc_security_group_egress_rule", "nat_instance_to_internet"), "0.0.0.0/0"); strings.Join(got, ",") != "443,8443" {
			t.Errorf("egress ports %v, want 443 and 8443", got)
		}
	})

	t.Run("private routes to the instance's network interface", func(t *testing.T) {
		routes := named(m, "aws_route", "private_nat")
		if got := strings.Join(keys(routes), ","); got != "us-east-1a,us-east-1b,us-east-1c" {
			t.Errorf("private default routes %q, want one per private route table", got)
		}
		for _, r := range routes {
			if natTarget(r) != "instance" || !model.IsUnknown(r.Values["network_interface_id"]) || !refersTo(r, natBlock) {
				t.Errorf("%s: %v (references %v), want network_interface_id = the NAT instance's primary interface", r.Address, r.Values, r.References)
			}
			if id, ok := r.Values["instance_id"]; ok && id != nil {
				t.Errorf("%s routes to an instance ID; the interface survives recovery", r.Address)
			}
		}
	})

	t.Run("Elastic IP on the instance's interface", func(t *testing.T) {
		eips := inModule(m, primaryModule, "aws_eip")
		if len(eips) != 1 || eips[0].Index != "us-east-1a" || eips[0].Values["domain"] != "vpc" {
			t.Fatalf("Elastic IPs %v", keys(eips))
		}
		if !model.IsUnknown(eips[0].Values["network_interface"]) || !refersTo(eips[0], natBlock) {
			t.Errorf("the Elastic IP is not associated with the NAT instance's interface: %v", eips[0].Values)
		}
	})

	t.Run("recovery alarms", func(t *testing.T) {
		for name, metric := range map[string]string{"nat_instance_recover": "StatusCheckFailed_System", "nat_instance_reboot": "StatusCheckFailed_Instance"} {
			alarms := named(m, "aws_cloudwatch_metric_alarm", name)
			if len(alarms) != 1 {
				t.Fatalf("%s: %d alarms", name, len(alarms))
			}
			v := alarms[0].Values
			if v["namespace"] != "AWS/EC2" || v["metric_name"] != metric || v["period"] != int64(60) || !refersTo(alarms[0], natBlock) {
				t.Errorf("%s: %v", alarms[0].Address, v)
			}
			if actions, _ := v["alarm_actions"].([]any); len(actions) != 1 {
				t.Errorf("%s: alarm_actions %v, want the one EC2 action", alarms[0].Address, v["alarm_actions"])
			}
		}
	})

	t.Run("instance profile: SSM agent only", func(t *testing.T) {
		if ws := envtest.WildcardStatements(m); len(ws) > 0 {
			t.Errorf("statements allowing * on *: %v", ws)
		}
		docs := envtest.DataInModule(m, primaryModule, "aws_iam_policy_document")
		found := false
		for _, d := range docs {
			if d.Name != "nat_instance" {
				continue
			}
			found = true
			for _, s := range d.Values["statement"].([]any) {
				for _, a := range s.(map[string]any)["actions"].([]any) {
					action := a.(string)
					if strings.HasSuffix(action, "*") || action == "ssm:GetParameter" || action == "ssm:GetParameters" || !(strings.HasPrefix(action, "ssm:") || strings.HasPrefix(action, "ssmmessages:") || strings.HasPrefix(action, "ec2messages:")) {
						t.Errorf("the NAT instance may %s", action)
					}
				}
			}
		}
		if !found {
			t.Error("no policy document for the NAT instance's role")
		}
		if n := len(named(m, "aws_iam_role_policy_attachment", "nat_instance")); n != 0 {
			t.Errorf("managed policies attached: %d", n)
		}
	})

	t.Run("other modes create none of it", func(t *testing.T) {
		m := envtest.Dir(t, networkingExample, map[string]string{"nat_mode": `"single"`})
		for _, typ := range []string{"aws_instance", "aws_iam_role", "aws_iam_instance_profile", "aws_cloudwatch_metric_alarm"} {
			for _, r := range inModule(m, primaryModule, typ) {
				if strings.Contains(r.Name, "nat_instance") || r.Name == "nat" {
					t.Errorf("%s with nat_mode single", r.Address)
				}
			}
		}
		if n := len(named(m, "aws_security_group", "nat_instance")); n != 0 {
			t.Errorf("NAT instance security group with nat_mode single")
		}
	})
}

// first returns the first nested block of a value (a list of objects).
func first(v any) map[string]any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		m, _ := l[0].(map[string]any)
		return m
	}
	return nil
}

// TestNetworkingNATInstanceNeedsAKey: the example always passes a key, so
// the rule that instance mode needs one is checked through root modules of
// their own that call the networking module directly, without the argument
// (cfctl's evaluator, like trivy's, skips validations whose inputs an
// explicit null makes unknown, so the key is left out rather than null).
func TestNetworkingNATInstanceNeedsAKey(t *testing.T) {
	root := func(t *testing.T, natMode, key string) string {
		t.Helper()
		dir := t.TempDir()
		rel, err := filepath.Rel(dir, filepath.Join(envtest.Repo(t), "terraform", "modules", "networking"))
		if err != nil {
			t.Fatal(err)
		}
		keyArg := ""
		if key != "" {
			keyArg = fmt.Sprintf("  nat_instance_kms_key_arn = %q\n", key)
		}
		hcl := fmt.Sprintf(`provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "peer"
  region = "us-west-2"
}

module "networking" {
  source = %q

  providers = {
    aws      = aws
    aws.peer = aws.peer
  }

  environment          = "dev"
  region               = "us-east-1"
  vpc_cidr             = "10.10.0.0/16"
  az_count             = 2
  flow_log_kms_key_arn = %q
  nat_mode             = %q
%s}
`, filepath.ToSlash(rel), natInstanceKey, natMode, keyArg)
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(hcl), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	envtest.ExpectInvalid(t, root(t, "instance", ""), nil, `nat_mode = "instance" needs nat_instance_kms_key_arn`)
	envtest.ExpectValid(t, root(t, "single", ""), nil)
	withKey := root(t, "instance", natInstanceKey)
	envtest.ExpectValid(t, withKey, nil)
	// The call really evaluates the module: a NAT instance in the first of two AZs.
	if got := keys(inModule(envtest.Dir(t, withKey, nil), primaryModule, "aws_instance")); len(got) != 1 || got[0] != "us-east-1a" {
		t.Errorf("NAT instances %v, want one in us-east-1a", got)
	}
}
