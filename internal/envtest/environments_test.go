package envtest_test

import (
	"strings"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/envtest"
	"github.com/candlefish-ai/infrastructure/internal/model"
)

// The seed's per-environment choices for networking and security (issue 3),
// one row per environment, asserted on the evaluated environments.
func TestEnvironmentsNetworkingAndSecurity(t *testing.T) {
	cases := []struct {
		env                string
		natPrimary         int
		subnetsPrimary     int
		vpcs               int
		tgwPeering         int
		wafACLs            int
		trails, detectors  int
		configRecorders    int
		interfaceEndpoints int
	}{
		{env: "dev", natPrimary: 1, subnetsPrimary: 8, vpcs: 1},
		{env: "staging", natPrimary: 3, subnetsPrimary: 12, vpcs: 1, trails: 1, configRecorders: 1},
		{env: "production", natPrimary: 3, subnetsPrimary: 12, vpcs: 2, tgwPeering: 1, wafACLs: 2, trails: 1, detectors: 1, configRecorders: 1, interfaceEndpoints: 9},
	}
	for _, c := range cases {
		t.Run(c.env, func(t *testing.T) {
			m := envtest.Env(t, c.env)
			check := func(what string, got, want int) {
				t.Helper()
				if got != want {
					t.Errorf("%s: %d, want %d", what, got, want)
				}
			}
			check("NAT gateways in us-east-1", envtest.Count(m, "aws_nat_gateway", "us-east-1"), c.natPrimary)
			check("subnets in us-east-1", envtest.Count(m, "aws_subnet", "us-east-1"), c.subnetsPrimary)
			check("VPCs", envtest.Count(m, "aws_vpc"), c.vpcs)
			check("transit gateway peerings", envtest.Count(m, "aws_ec2_transit_gateway_peering_attachment"), c.tgwPeering)
			check("WAF web ACLs", envtest.Count(m, "aws_wafv2_web_acl"), c.wafACLs)
			check("CloudTrail trails", envtest.Count(m, "aws_cloudtrail"), c.trails)
			check("GuardDuty detectors", envtest.Count(m, "aws_guardduty_detector"), c.detectors)
			check("Config recorders", envtest.Count(m, "aws_config_configuration_recorder"), c.configRecorders)
			check("interface endpoints (per AZ)", interfaceEndpointsPerAZ(m), c.interfaceEndpoints)

			tiers := map[string]int{}
			for _, s := range m.OfType("aws_subnet") {
				if s.Region == "us-east-1" {
					tiers[s.Name]++
				}
			}
			if len(tiers) != 4 {
				t.Errorf("subnet tiers in us-east-1: %v, want public, private, database and intra", tiers)
			}
			for _, k := range m.OfType("aws_kms_key") {
				if k.Values["enable_key_rotation"] != true {
					t.Errorf("%s does not rotate", k.Address)
				}
			}
			for _, f := range envtest.WildcardStatements(m) {
				t.Errorf("IAM statement allows * on *: %s", f)
			}
		})
	}
}

func interfaceEndpointsPerAZ(m *model.Model) int {
	n := 0
	for _, e := range m.OfType("aws_vpc_endpoint") {
		if e.Values["vpc_endpoint_type"] == "Interface" && e.Region == "us-east-1" {
			ids, _ := e.Values["subnet_ids"].([]any)
			n += len(ids)
		}
	}
	return n
}

// Every environment's log groups keep logs as its tier says.
func TestEnvironmentLogRetention(t *testing.T) {
	want := map[string]int64{"dev": 7, "staging": 30, "production": 90}
	for env, days := range want {
		m := envtest.Env(t, env)
		for _, g := range m.OfType("aws_cloudwatch_log_group") {
			if strings.Contains(g.Address, "audit") || strings.Contains(g.Address, "cloudtrail") {
				continue // audit logs follow audit_log_retention_days
			}
			if got, ok := g.Values["retention_in_days"].(int64); !ok || got != days {
				t.Errorf("%s: %s keeps logs %v days, want %d", env, g.Address, g.Values["retention_in_days"], days)
			}
		}
	}
}
