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

// The seed's storage rows per environment (issue 4).
func TestEnvironmentsStorage(t *testing.T) {
	cases := []struct {
		env             string
		cacheNodeType   string
		cacheNodes      int64
		replication     bool
		aurora          bool
		minACU, maxACU  float64
		globalDatabase  bool
		dynamoBilling   string
		dynamoReplica   bool
		deletionProtect bool
	}{
		{env: "dev", cacheNodeType: "cache.t4g.micro", cacheNodes: 1, dynamoBilling: "PAY_PER_REQUEST"},
		{env: "staging", cacheNodeType: "cache.t3.small", cacheNodes: 1, replication: true, aurora: true, minACU: 0.5, maxACU: 2, dynamoBilling: "PAY_PER_REQUEST"},
		{env: "production", cacheNodeType: "cache.r7g.large", cacheNodes: 2, replication: true, aurora: true, minACU: 1, maxACU: 16, globalDatabase: true, dynamoBilling: "PROVISIONED", dynamoReplica: true, deletionProtect: true},
	}
	for _, c := range cases {
		t.Run(c.env, func(t *testing.T) {
			m := envtest.Env(t, c.env)
			groups := m.OfType("aws_elasticache_replication_group")
			if len(groups) != 1 {
				t.Fatalf("want one cache replication group, got %d", len(groups))
			}
			g := groups[0].Values
			if g["node_type"] != c.cacheNodeType || g["num_cache_clusters"] != c.cacheNodes {
				t.Errorf("cache: %v x %v, want %s x %d", g["node_type"], g["num_cache_clusters"], c.cacheNodeType, c.cacheNodes)
			}
			multi := c.cacheNodes >= 2
			if g["automatic_failover_enabled"] != multi || g["multi_az_enabled"] != multi {
				t.Errorf("cache failover/multi-AZ %v/%v, want %v", g["automatic_failover_enabled"], g["multi_az_enabled"], multi)
			}
			if g["at_rest_encryption_enabled"] != true || g["transit_encryption_enabled"] != true {
				t.Errorf("cache encryption: at rest %v, in transit %v", g["at_rest_encryption_enabled"], g["transit_encryption_enabled"])
			}
			if got := envtest.Count(m, "aws_s3_bucket_replication_configuration") > 0; got != c.replication {
				t.Errorf("S3 replication %v, want %v", got, c.replication)
			}
			clusters := m.OfType("aws_rds_cluster")
			primary := 0
			for _, cl := range clusters {
				if cl.Region != "us-east-1" {
					continue
				}
				primary++
				sc, _ := cl.Lookup("serverlessv2_scaling_configuration.0.min_capacity")
				mx, _ := cl.Lookup("serverlessv2_scaling_configuration.0.max_capacity")
				if toFloat(sc) != c.minACU || toFloat(mx) != c.maxACU {
					t.Errorf("Aurora ACU %v-%v, want %v-%v", sc, mx, c.minACU, c.maxACU)
				}
				if cl.Values["deletion_protection"] != c.deletionProtect {
					t.Errorf("Aurora deletion protection %v, want %v", cl.Values["deletion_protection"], c.deletionProtect)
				}
				if c.env == "production" && cl.Values["backup_retention_period"] != int64(30) {
					t.Errorf("production Aurora keeps backups %v days, want 30", cl.Values["backup_retention_period"])
				}
			}
			if (primary == 1) != c.aurora {
				t.Errorf("Aurora clusters in us-east-1: %d, want aurora=%v", primary, c.aurora)
			}
			if got := envtest.Count(m, "aws_rds_global_cluster") == 1 && envtest.Count(m, "aws_rds_cluster", "us-west-2") == 1; got != c.globalDatabase {
				t.Errorf("Aurora global database with a us-west-2 secondary: %v, want %v", got, c.globalDatabase)
			}
			tables := m.OfType("aws_dynamodb_table")
			if len(tables) == 0 {
				t.Fatal("no DynamoDB tables")
			}
			for _, tb := range tables {
				if pitr, _ := tb.Lookup("point_in_time_recovery.0.enabled"); pitr != true {
					t.Errorf("%s has no point-in-time recovery", tb.Address)
				}
				if bm := tb.Values["billing_mode"]; bm != c.dynamoBilling && !(bm == nil && c.dynamoBilling == "PROVISIONED") {
					t.Errorf("%s billing %v, want %s", tb.Address, bm, c.dynamoBilling)
				}
				_, hasReplica := tb.Lookup("replica.0.region_name")
				if hasReplica != c.dynamoReplica {
					t.Errorf("%s replica %v, want %v", tb.Address, hasReplica, c.dynamoReplica)
				}
				if tb.Values["deletion_protection_enabled"] != c.deletionProtect {
					t.Errorf("%s deletion protection %v, want %v", tb.Address, tb.Values["deletion_protection_enabled"], c.deletionProtect)
				}
			}
			if c.dynamoBilling == "PROVISIONED" && envtest.Count(m, "aws_appautoscaling_policy") < 2*len(tables) {
				t.Errorf("provisioned tables need read and write autoscaling policies")
			}
		})
	}
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	return -1
}
