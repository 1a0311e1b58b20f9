package envtest_test

import (
	"fmt"
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

func TestNetworkingNATModes(t *testing.T) {
	for _, tc := range []struct {
		mode string
		want int
	}{{"single", 1}, {"per_az", 3}, {"none", 0}} {
		t.Run(tc.mode, func(t *testing.T) {
			m := envtest.Dir(t, networkingExample, map[string]string{"nat_mode": `"` + tc.mode + `"`})
			if fs := envtest.ValidationFailures(m); len(fs) > 0 {
				t.Fatalf("validation failures: %v", fs)
			}
			if n := envtest.Count(m, "aws_nat_gateway", "us-east-1"); n != tc.want {
				t.Errorf("NAT gateways in us-east-1: %d, want %d", n, tc.want)
			}
			if n := envtest.Count(m, "aws_eip", "us-east-1"); n != tc.want {
				t.Errorf("Elastic IPs in us-east-1: %d, want %d", n, tc.want)
			}
			natRoutes := 0
			for _, r := range inModule(m, primaryModule, "aws_route") {
				if _, ok := r.Values["nat_gateway_id"]; ok {
					natRoutes++
					if r.Values["destination_cidr_block"] != "0.0.0.0/0" || r.Name != "private_nat_gateway" {
						t.Errorf("unexpected NAT route %s: %v", r.Address, r.Values)
					}
				}
			}
			wantRoutes := 3 // every private route table has a default route...
			if tc.mode == "none" {
				wantRoutes = 0 // ...unless there is no NAT gateway
			}
			if natRoutes != wantRoutes {
				t.Errorf("0.0.0.0/0 routes to NAT gateways: %d, want %d", natRoutes, wantRoutes)
			}
			if tc.mode == "single" {
				nat := inModule(m, primaryModule, "aws_nat_gateway")
				if got := keys(nat); len(got) != 1 || got[0] != "us-east-1a" {
					t.Errorf("the single NAT gateway should be in the first AZ, got %v", got)
				}
			}
			// The standby keeps its own mode (single).
			if n := envtest.Count(m, "aws_nat_gateway", "us-west-2"); n != 1 {
				t.Errorf("NAT gateways in us-west-2: %d, want 1", n)
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
	for _, overrides := range []map[string]string{nil, {"nat_mode": `"single"`}, {"nat_mode": `"none"`}} {
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
			case "public_internet_gateway", "private_nat_gateway":
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
		{"nat_mode", map[string]string{"nat_mode": `"none"`}, map[string]string{"nat_mode": `"both"`}, "nat_mode must be one of: single, per_az, none"},
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
	// 1 az_suffixes, 1 nat_mode, 1 interface_endpoints, 1 ASN,
	// 5 transit_gateway_peer, 3 transit_gateway_destination_cidrs.
	if n != 22 {
		t.Errorf("the module has %d validations; TestNetworkingValidations covers 22: add cases for the new ones", n)
	}
}
