package envtest_test

import (
	"fmt"
	"maps"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/candlefish-ai/infrastructure/internal/envtest"
	"github.com/candlefish-ai/infrastructure/internal/model"
)

// The seed's per-environment choices for networking and security (issue 3),
// one row per environment, asserted on the evaluated environments.
func TestEnvironmentsNetworkingAndSecurity(t *testing.T) {
	cases := []struct {
		env                string
		natPrimary         int
		natInstances       int
		subnetsPrimary     int
		vpcs               int
		tgwPeering         int
		wafACLs            int
		trails, detectors  int
		configRecorders    int
		interfaceEndpoints int
	}{
		{env: "dev", natInstances: 1, subnetsPrimary: 8, vpcs: 1},
		{env: "staging", natPrimary: 2, subnetsPrimary: 8, vpcs: 1, trails: 1, configRecorders: 1},
		{env: "production", natPrimary: 3, subnetsPrimary: 12, vpcs: 2, tgwPeering: 1, wafACLs: 2, trails: 1, detectors: 1, configRecorders: 1},
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
			check("NAT instances in us-east-1", envtest.Count(m, "aws_instance", "us-east-1"), c.natInstances)
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
		{env: "staging", cacheNodeType: "cache.t3.small", cacheNodes: 1, replication: true, aurora: true, minACU: 0, maxACU: 2, dynamoBilling: "PAY_PER_REQUEST"},
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

// toFloat reads a number the evaluator wrote as int64, float64 or a numeric
// string; -1 for anything else.
func toFloat(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	case string: // a number in a string attribute (budgets' limit_amount, task cpu)
		if f, err := strconv.ParseFloat(x, 64); err == nil {
			return f
		}
	}
	return -1
}

// The seed's compute, CDN and monitoring rows per environment (issues 4, 5, 6).
func TestEnvironmentsComputeCDNMonitoring(t *testing.T) {
	cases := []struct {
		env              string
		cpu, memory      int64
		spotShare        float64
		minTasks         int64
		maxTasks         int64
		scheduledActions int
		blueGreen        bool
		priceClass       string
		realtimeLogs     bool
		minAlarms        int
		canaries         int
		budget           string
	}{
		{env: "dev", cpu: 256, memory: 512, spotShare: 100, minTasks: 1, maxTasks: 2, scheduledActions: 2, priceClass: "PriceClass_100", budget: "100"},
		{env: "staging", cpu: 512, memory: 1024, spotShare: 70, minTasks: 2, maxTasks: 4, priceClass: "PriceClass_200", budget: "400"},
		{env: "production", cpu: 2048, memory: 4096, spotShare: 0, minTasks: 3, maxTasks: 20, blueGreen: true, priceClass: "PriceClass_All", realtimeLogs: true, minAlarms: 8, canaries: 1, budget: "1500"},
	}
	for _, c := range cases {
		t.Run(c.env, func(t *testing.T) {
			m := envtest.Env(t, c.env)
			tds := m.OfType("aws_ecs_task_definition")
			if len(tds) == 0 {
				t.Fatal("no task definition")
			}
			for _, td := range tds {
				if fmt.Sprint(td.Values["cpu"]) != strconv.FormatInt(c.cpu, 10) || fmt.Sprint(td.Values["memory"]) != strconv.FormatInt(c.memory, 10) {
					t.Errorf("%s: %v CPU / %v MB, want %d / %d", td.Address, td.Values["cpu"], td.Values["memory"], c.cpu, c.memory)
				}
				if arch, _ := td.Lookup("runtime_platform.0.cpu_architecture"); arch != "ARM64" {
					t.Errorf("%s runs on %v, want Graviton (ARM64)", td.Address, arch)
				}
			}
			for _, svc := range m.OfType("aws_ecs_service") {
				spot, total := 0.0, 0.0
				strategy, _ := svc.Values["capacity_provider_strategy"].([]any)
				for _, s := range strategy {
					st := s.(map[string]any)
					w := toFloat(st["weight"])
					total += w
					if st["capacity_provider"] == "FARGATE_SPOT" {
						spot += w
					}
				}
				if total == 0 || spot*100/total != c.spotShare {
					t.Errorf("%s: spot share %v%% (strategy %v), want %v%%", svc.Address, spot*100/total, strategy, c.spotShare)
				}
				wantStrategy := "ROLLING"
				if c.blueGreen && svc.Module == "module.compute" {
					wantStrategy = "BLUE_GREEN" // the pilot light in us-west-2 deploys rolling
				}
				if got, _ := svc.Lookup("deployment_configuration.0.strategy"); got != wantStrategy && !(got == nil && wantStrategy == "ROLLING") {
					t.Errorf("%s: deployment strategy %v, want %s", svc.Address, got, wantStrategy)
				}
			}
			targets := 0
			for _, at := range envtest.InModule(m, "module.compute", "aws_appautoscaling_target") {
				if at.Values["service_namespace"] != "ecs" {
					continue
				}
				targets++
				if at.Values["min_capacity"] != c.minTasks || at.Values["max_capacity"] != c.maxTasks {
					t.Errorf("%s: %v-%v tasks, want %d-%d", at.Address, at.Values["min_capacity"], at.Values["max_capacity"], c.minTasks, c.maxTasks)
				}
			}
			if targets == 0 {
				t.Error("no ECS autoscaling target")
			}
			check := func(what string, got, want int) {
				t.Helper()
				if got != want {
					t.Errorf("%s: %d, want %d", what, got, want)
				}
			}
			check("scheduled scaling actions", envtest.Count(m, "aws_appautoscaling_scheduled_action"), c.scheduledActions)
			check("deploycheck functions", len(envtest.InModule(m, "module.compute", "aws_lambda_function")), map[bool]int{true: 1, false: 0}[c.blueGreen])
			check("WebGL Lambda@Edge functions", len(envtest.InModule(m, "module.cdn", "aws_lambda_function")), map[bool]int{true: 1, false: 0}[c.env == "production"])

			dists := m.OfType("aws_cloudfront_distribution")
			if len(dists) != 1 {
				t.Fatalf("want one distribution, got %d", len(dists))
			}
			d := dists[0]
			if d.Values["price_class"] != c.priceClass {
				t.Errorf("price class %v, want %s", d.Values["price_class"], c.priceClass)
			}
			behaviours, _ := d.Values["ordered_cache_behavior"].([]any)
			if len(behaviours) < 3 {
				t.Errorf("want at least three ordered cache behaviours, got %d", len(behaviours))
			}
			webgl := 0
			for _, b := range behaviours {
				bh := b.(map[string]any)
				if p, _ := bh["path_pattern"].(string); strings.HasSuffix(p, ".wasm") || strings.HasSuffix(p, ".glb") {
					webgl++
					if bh["compress"] != false {
						t.Errorf("WebGL behaviour %s compresses", p)
					}
				}
				if bh["response_headers_policy_id"] == nil {
					t.Errorf("behaviour %v has no response headers policy", bh["path_pattern"])
				}
			}
			if webgl < 2 {
				t.Errorf("want WebGL behaviours for .wasm and .glb, found %d", webgl)
			}
			if got := envtest.Count(m, "aws_cloudfront_realtime_log_config") == 1; got != c.realtimeLogs {
				t.Errorf("real-time logs %v, want %v", got, c.realtimeLogs)
			}
			if c.minAlarms > 0 && envtest.Count(m, "aws_cloudwatch_metric_alarm") < c.minAlarms {
				t.Errorf("alarms: %d, want at least %d", envtest.Count(m, "aws_cloudwatch_metric_alarm"), c.minAlarms)
			}
			// The dashboard's for_each depends on values only known after
			// apply here, which the offline evaluator cannot expand; the
			// monitoring example's tests check its widgets with known inputs.
			if got := envtest.Count(m, "aws_synthetics_canary"); (got > 0) != (c.canaries > 0) {
				t.Errorf("canaries: %d, want some=%v", got, c.canaries > 0)
			}
			budgets := m.OfType("aws_budgets_budget")
			if len(budgets) != 1 || fmt.Sprint(budgets[0].Values["limit_amount"]) != c.budget {
				var got any
				if len(budgets) > 0 {
					got = budgets[0].Values["limit_amount"]
				}
				t.Errorf("budget %v, want one at %s USD", got, c.budget)
			}
		})
	}
}

// The backend (issue 6): a versioned, KMS-encrypted, private, TLS-only state
// bucket replicated to us-west-2, and the lock table the seed names.
func TestBackend(t *testing.T) {
	m := envtest.Dir(t, "terraform/backend", nil)
	check := func(what string, got, want int) {
		t.Helper()
		if got != want {
			t.Errorf("%s: %d, want %d", what, got, want)
		}
	}
	check("state buckets in us-east-1", envtest.Count(m, "aws_s3_bucket", "us-east-1"), 1)
	check("replica buckets in us-west-2", envtest.Count(m, "aws_s3_bucket", "us-west-2"), 1)
	check("replication configurations", envtest.Count(m, "aws_s3_bucket_replication_configuration"), 1)
	check("public access blocks", envtest.Count(m, "aws_s3_bucket_public_access_block"), 2)
	check("bucket policies (TLS only)", envtest.Count(m, "aws_s3_bucket_policy"), 2)
	for _, v := range m.OfType("aws_s3_bucket_versioning") {
		if s, _ := v.Lookup("versioning_configuration.0.status"); s != "Enabled" {
			t.Errorf("%s: versioning %v", v.Address, s)
		}
	}
	for _, e := range m.OfType("aws_s3_bucket_server_side_encryption_configuration") {
		if a, _ := e.Lookup("rule.0.apply_server_side_encryption_by_default.0.sse_algorithm"); a != "aws:kms" {
			t.Errorf("%s: encryption %v, want aws:kms", e.Address, a)
		}
	}
	tables := m.OfType("aws_dynamodb_table")
	if len(tables) != 1 || tables[0].Values["name"] != "candlefish-terraform-locks" || tables[0].Values["hash_key"] != "LockID" {
		t.Fatalf("want the candlefish-terraform-locks table keyed by LockID, got %v", tables)
	}
	if pitr, _ := tables[0].Lookup("point_in_time_recovery.0.enabled"); pitr != true {
		t.Error("the lock table has no point-in-time recovery")
	}
	if sse, _ := tables[0].Lookup("server_side_encryption.0.enabled"); sse != true {
		t.Error("the lock table is not encrypted with the state key")
	}
	for _, k := range m.OfType("aws_kms_key") {
		if k.Values["enable_key_rotation"] != true {
			t.Errorf("%s does not rotate", k.Address)
		}
	}
}

// Environments differ only in inputs: every .tf file is the same in dev,
// staging and production (terraform.tfvars, backend.hcl and usage.yml differ).
func TestEnvironmentsDifferOnlyInInputs(t *testing.T) {
	root := envtest.Repo(t)
	read := func(env string) map[string]string {
		files, _ := filepath.Glob(filepath.Join(root, "terraform", "environments", env, "*.tf"))
		out := map[string]string{}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.Base(f)] = string(b)
		}
		return out
	}
	dev := read("dev")
	if len(dev) < 5 {
		t.Fatalf("dev has only %d .tf files", len(dev))
	}
	for _, env := range []string{"staging", "production"} {
		other := read(env)
		if len(other) != len(dev) {
			t.Errorf("%s has %d .tf files, dev %d", env, len(other), len(dev))
		}
		for name, src := range dev {
			if other[name] != src {
				t.Errorf("%s/%s differs from dev/%s: put the difference in terraform.tfvars", env, name, name)
			}
		}
	}
}

// The pilot light (issue 6): production's ECS service in us-west-2 at zero
// tasks, behind its own load balancer and certificate there, reachable only
// from CloudFront with the primary's origin header; dev and staging have none
// of it.
const pilotLightModule = "module.compute_standby[0]"

// standbyOne returns the only managed resource of a type in a module,
// failing the test otherwise.
func plOne(t *testing.T, m *model.Model, module, typ string) *model.Resource {
	t.Helper()
	rs := envtest.InModule(m, module, typ)
	if len(rs) != 1 {
		t.Fatalf("%s: %d %s, want 1", module, len(rs), typ)
	}
	return rs[0]
}

// rootOne returns a root-module resource by type and name (instance 0).
func plRoot(t *testing.T, m *model.Model, typ, name string) *model.Resource {
	t.Helper()
	for _, r := range envtest.InModule(m, "", typ) {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("%s.%s is not in the evaluated environment", typ, name)
	return nil
}

func plRefers(r *model.Resource, addr string) bool {
	for _, ref := range r.References {
		if ref == addr {
			return true
		}
	}
	return false
}

// albOriginDomain is the domain CloudFront's load balancer origin points at.
func plOriginDomain(t *testing.T, m *model.Model) any {
	t.Helper()
	d := plOne(t, m, "module.cdn", "aws_cloudfront_distribution")
	origins, _ := d.Values["origin"].([]any)
	for _, o := range origins {
		if om, _ := o.(map[string]any); om["origin_id"] == "alb" {
			return om["domain_name"]
		}
	}
	t.Fatalf("the distribution has no alb origin: %v", origins)
	return nil
}

func TestEnvironmentsPilotLightOnlyInProduction(t *testing.T) {
	for _, env := range []string{"dev", "staging"} {
		t.Run(env, func(t *testing.T) {
			m := envtest.Env(t, env)
			for _, r := range m.Resources {
				if r.Module == pilotLightModule || strings.Contains(r.Address, "standby") {
					t.Errorf("%s has %s", env, r.Address)
				}
			}
			for _, typ := range []string{"aws_ecs_cluster", "aws_ecs_service", "aws_lb", "aws_acm_certificate"} {
				if n := envtest.Count(m, typ, "us-west-2"); n != 0 {
					t.Errorf("%s: %d %s in us-west-2, want 0", env, n, typ)
				}
			}
			if got := plOriginDomain(t, m); got != "origin."+env+".candlefish.ai" {
				t.Errorf("%s: CloudFront's load balancer origin %v, want origin.%s.candlefish.ai", env, got, env)
			}
		})
	}
}

func TestEnvironmentsPilotLight(t *testing.T) {
	m := envtest.Env(t, "production")
	if fs := envtest.Findings(m); len(fs) > 0 {
		t.Errorf("findings: %v", fs)
	}

	// Cluster, service and task definition in us-west-2, at zero tasks.
	cluster := plOne(t, m, pilotLightModule, "aws_ecs_cluster")
	svc := plOne(t, m, pilotLightModule, "aws_ecs_service")
	td := plOne(t, m, pilotLightModule, "aws_ecs_task_definition")
	target := plOne(t, m, pilotLightModule, "aws_appautoscaling_target")
	alb := plOne(t, m, pilotLightModule, "aws_lb")
	logs := plOne(t, m, pilotLightModule, "aws_cloudwatch_log_group")
	for _, r := range []*model.Resource{cluster, svc, td, target, alb, logs} {
		if r.Region != "us-west-2" {
			t.Errorf("%s is in %q, want us-west-2", r.Address, r.Region)
		}
	}
	if cluster.Values["name"] != "candlefish-production-us-west-2" {
		t.Errorf("standby cluster %v, want candlefish-production-us-west-2", cluster.Values["name"])
	}
	if s, _ := cluster.Lookup("setting.0.value"); s != "disabled" {
		t.Errorf("standby Container Insights %v, want disabled while idle", s)
	}
	if svc.Values["desired_count"] != int64(0) {
		t.Errorf("standby desired_count %v, want 0", svc.Values["desired_count"])
	}
	if target.Values["min_capacity"] != int64(0) || target.Values["max_capacity"] != int64(20) {
		t.Errorf("standby autoscaling %v-%v, want 0-20", target.Values["min_capacity"], target.Values["max_capacity"])
	}
	if !strings.HasPrefix(fmt.Sprint(target.Values["resource_id"]), "service/candlefish-production-us-west-2/") {
		t.Errorf("standby autoscaling target %v scales another cluster's service", target.Values["resource_id"])
	}
	primaryTD := plOne(t, m, "module.compute", "aws_ecs_task_definition")
	for _, attr := range []string{"cpu", "memory"} {
		if fmt.Sprint(td.Values[attr]) != fmt.Sprint(primaryTD.Values[attr]) {
			t.Errorf("standby task %s %v, primary %v", attr, td.Values[attr], primaryTD.Values[attr])
		}
	}
	if arch, _ := td.Lookup("runtime_platform.0.cpu_architecture"); arch != "ARM64" {
		t.Errorf("standby task runs on %v, want ARM64", arch)
	}
	// The standby tasks' roles are module.security_standby's (name_suffix),
	// with the names they had when standby.tf declared them; the moved
	// blocks there keep them in an existing state.
	if !plRefers(td, "module.security_standby[0].aws_iam_role.ecs_task_execution") || !plRefers(td, "module.security_standby[0].aws_iam_role.ecs_task") ||
		plRefers(td, "module.security.aws_iam_role.ecs_task_execution") {
		t.Errorf("standby task definition's roles: references %v, want module.security_standby[0]'s", td.References)
	}
	for name, want := range map[string]string{
		"ecs_task_execution": "candlefish-production-ecs-task-execution-us-west-2",
		"ecs_task":           "candlefish-production-ecs-task-us-west-2",
	} {
		var role *model.Resource
		for _, r := range envtest.InModule(m, "module.security_standby[0]", "aws_iam_role") {
			if r.Name == name {
				role = r
			}
		}
		if role == nil || role.Values["name"] != want {
			t.Errorf("module.security_standby[0].aws_iam_role.%s: %v, want %s", name, role, want)
		}
	}
	for _, r := range m.Resources {
		if r.Module == "" && (r.Type == "aws_iam_role" || r.Type == "aws_iam_role_policy") && strings.Contains(r.Name, "standby") {
			t.Errorf("%s: the standby's roles belong to module.security_standby", r.Address)
		}
	}
	if n := envtest.Count(m, "aws_lambda_function", "us-west-2"); n != 0 {
		t.Errorf("%d Lambda functions in us-west-2, want none (no deploycheck in the standby)", n)
	}
	if n := envtest.Count(m, "aws_nat_gateway", "us-west-2"); n != 0 {
		t.Errorf("%d NAT gateways in us-west-2 while idle, want 0", n)
	}

	// Logs encrypted with the standby region's logs key.
	if !plRefers(logs, "module.security_standby[0].aws_kms_key.this") || logs.Values["retention_in_days"] != int64(90) {
		t.Errorf("standby log group: references %v, retention %v; want the standby logs key and 90 days", logs.References, logs.Values["retention_in_days"])
	}

	// The load balancer: internal, reached by CloudFront only (through its
	// own VPC origin), with the standby security group and its own
	// certificate.
	if alb.Values["internal"] != true || alb.Values["enable_deletion_protection"] != true {
		t.Errorf("standby load balancer internal=%v deletion protection=%v", alb.Values["internal"], alb.Values["enable_deletion_protection"])
	}
	if !plRefers(alb, "module.security_standby[0].aws_security_group.this") {
		t.Errorf("standby load balancer's security group does not come from module.security_standby: %v", alb.References)
	}
	if lb, _ := alb.Lookup("access_logs.0.bucket"); lb != "candlefish-production-alb-logs-us-west-2" {
		t.Errorf("standby access logs go to %v", lb)
	}
	// The bucket is module.compute_standby's (create_alb_access_logs_bucket),
	// by the name it had in standby.tf; the moved blocks there keep it.
	if b := plOne(t, m, pilotLightModule, "aws_s3_bucket"); b.Name != "alb_access_logs" || b.Region != "us-west-2" || b.Values["bucket"] != "candlefish-production-alb-logs-us-west-2" {
		t.Errorf("standby access logs bucket %s in %s named %v", b.Address, b.Region, b.Values["bucket"])
	}
	if sse := plOne(t, m, pilotLightModule, "aws_s3_bucket_server_side_encryption_configuration"); sse.Region != "us-west-2" {
		t.Errorf("%s in %s", sse.Address, sse.Region)
	}
	cf := 0
	for _, r := range envtest.InModule(m, "module.security_standby[0]", "aws_vpc_security_group_ingress_rule") {
		switch r.Name {
		case "alb_cloudfront":
			cf++
			if !plRefers(r, "module.security_standby[0].data.aws_ec2_managed_prefix_list.cloudfront") || fmt.Sprint(r.Values["from_port"]) != "443" {
				t.Errorf("%s: want 443 from CloudFront's origin-facing prefix list", r.Address)
			}
		case "alb_internet":
			t.Errorf("%s opens the standby load balancer to the internet", r.Address)
		}
	}
	if cf != 1 {
		t.Errorf("standby load balancer ingress from CloudFront: %d rules, want 1", cf)
	}
	cert := plRoot(t, m, "aws_acm_certificate", "standby")
	if cert.Region != "us-west-2" || cert.Values["domain_name"] != "origin-us-west-2.candlefish.ai" || cert.Values["validation_method"] != "DNS" {
		t.Errorf("standby certificate %v in %s, validation %v", cert.Values["domain_name"], cert.Region, cert.Values["validation_method"])
	}
	if v := plRoot(t, m, "aws_acm_certificate_validation", "standby"); v.Region != "us-west-2" {
		t.Errorf("standby certificate validated in %s", v.Region)
	}
	var https *model.Resource
	for _, l := range envtest.InModule(m, pilotLightModule, "aws_lb_listener") {
		if fmt.Sprint(l.Values["port"]) == "443" {
			https = l
		}
	}
	if https == nil || !plRefers(https, "aws_acm_certificate_validation.standby") {
		t.Fatalf("the standby HTTPS listener does not use the standby certificate")
	}
	record := plRoot(t, m, "aws_route53_record", "origin_standby")
	if record.Values["name"] != "origin-us-west-2.candlefish.ai" || !plRefers(record, pilotLightModule+".aws_lb.this") {
		t.Errorf("standby origin record %v, references %v", record.Values["name"], record.References)
	}

	// One origin secret: the standby reads the primary's, generates none,
	// and requires the header CloudFront sends.
	if n := len(envtest.InModule(m, pilotLightModule, "aws_secretsmanager_secret")); n != 0 {
		t.Errorf("the standby generates %d origin secrets of its own, want 0", n)
	}
	sv := envtest.DataInModule(m, pilotLightModule, "aws_secretsmanager_secret_version")
	if len(sv) != 1 || !plRefers(sv[0], "module.compute.aws_secretsmanager_secret.origin_verify") {
		t.Fatalf("the standby does not read the primary's origin secret: %v", sv)
	}
	rule := plOne(t, m, pilotLightModule, "aws_lb_listener_rule")
	if h, _ := rule.Lookup("condition.1.http_header.0.http_header_name"); h != "X-Origin-Verify" {
		t.Errorf("standby rule header %v, want X-Origin-Verify", h)
	}

	// In normal operation CloudFront uses the primary.
	if got := plOriginDomain(t, m); got != "origin.candlefish.ai" {
		t.Errorf("CloudFront's load balancer origin %v, want origin.candlefish.ai", got)
	}
}

// The switch: the standby runs the primary's minimum and CloudFront's load
// balancer origin is the standby load balancer's name.
func TestEnvironmentsFailoverToStandby(t *testing.T) {
	prod := filepath.Join("terraform", "environments", "production")
	m := envtest.Dir(t, prod, map[string]string{"failover_to_standby": "true"})
	if fs := envtest.Findings(m); len(fs) > 0 {
		t.Errorf("findings: %v", fs)
	}
	primaryMin := plOne(t, m, "module.compute", "aws_appautoscaling_target").Values["min_capacity"]
	if primaryMin != int64(3) {
		t.Fatalf("primary minimum %v, want production's 3", primaryMin)
	}
	svc := plOne(t, m, pilotLightModule, "aws_ecs_service")
	target := plOne(t, m, pilotLightModule, "aws_appautoscaling_target")
	if svc.Values["desired_count"] != primaryMin || target.Values["min_capacity"] != primaryMin {
		t.Errorf("standby desired %v, min %v; want the primary's minimum %v", svc.Values["desired_count"], target.Values["min_capacity"], primaryMin)
	}
	cert := plRoot(t, m, "aws_acm_certificate", "standby").Values["domain_name"]
	record := plRoot(t, m, "aws_route53_record", "origin_standby").Values["name"]
	if got := plOriginDomain(t, m); got != "origin-us-west-2.candlefish.ai" || got != cert || got != record {
		t.Errorf("CloudFront's load balancer origin %v, want the standby's name (certificate %v, record %v)", got, cert, record)
	}
	if n := envtest.Count(m, "aws_nat_gateway", "us-west-2"); n != 1 {
		t.Errorf("%d NAT gateways in us-west-2 during failover, want 1", n)
	}
	// Through the standby's VPC origin, whose load balancer is the standby's.
	albOriginThroughVPCOrigin(t, m, "standby", "origin-us-west-2.candlefish.ai")
	if s, _ := plOne(t, m, pilotLightModule, "aws_ecs_cluster").Lookup("setting.0.value"); s != "enabled" {
		t.Errorf("standby Container Insights %v during failover, want enabled", s)
	}

	envtest.ExpectValid(t, prod, map[string]string{"failover_to_standby": "true"})
	envtest.ExpectInvalid(t, prod, map[string]string{"failover_to_standby": "true", "enable_standby_region": "false"},
		"failover_to_standby = true needs enable_standby_region = true")
}

// Every ECS service's log group is one its security module's task-execution
// role may write to, in the primary region and in production's standby
// region: the awslogs driver creates a stream in it before the container
// starts, so a role naming another group stops every task at launch. (The
// policy's ARNs hold the account id, known only after apply, so the check
// reads the module input the ARNs are built from, and that the policy is
// evaluated in the log groups' region, which the ARNs take from the
// module's provider.)
func TestEnvironmentsTaskExecutionRoleNamesTheServiceLogGroups(t *testing.T) {
	for _, env := range []string{"dev", "staging", "production"} {
		t.Run(env, func(t *testing.T) {
			t.Parallel()
			m := envtest.Env(t, env)
			pairs := [][2]string{{"module.security", "module.compute"}}
			if env == "production" {
				pairs = append(pairs, [2]string{"module.security_standby[0]", pilotLightModule})
			}
			for _, p := range pairs {
				security, compute := p[0], p[1]
				var mi *model.ModuleInstance
				for _, x := range m.Modules {
					if x.Address == security {
						mi = x
					}
				}
				if mi == nil {
					t.Fatalf("%s is not in the evaluated environment", security)
				}
				if on, ok := mi.Inputs["enable_ecs_roles"]; ok && on != true {
					t.Errorf("%s: enable_ecs_roles = %v, but %s's tasks use its roles", security, on, compute)
				}
				allowed, _ := mi.Inputs["ecs_log_group_names"].([]any)
				policy := envtest.DataInModule(m, security, "aws_iam_policy_document")
				region := ""
				for _, d := range policy {
					if d.Name == "ecs_task_execution" {
						region = d.Region
					}
				}
				groups := envtest.InModule(m, compute, "aws_cloudwatch_log_group")
				if len(groups) == 0 {
					t.Fatalf("no log groups in %s", compute)
				}
				n := 0
				for _, r := range groups {
					if r.Name != "service" {
						continue
					}
					n++
					if !slices.Contains(allowed, r.Values["name"]) {
						t.Errorf("%s is %v; %s's ecs_log_group_names %v does not name it, so its tasks cannot start", r.Address, r.Values["name"], security, allowed)
					}
					if r.Region != region {
						t.Errorf("%s is in %q; %s's task-execution policy names log groups in %q", r.Address, r.Region, security, region)
					}
				}
				if n == 0 {
					t.Errorf("no service log groups in %s", compute)
				}
			}
		})
	}
}

// The load balancers are internal, behind CloudFront VPC origins
// (docs/architecture.md): no public IPv4 address, private subnets, and a
// security group that admits CloudFront's origin-facing prefix list and, for
// the blue/green test listener, the deploycheck hook's group, never a CIDR
// block on the internet. CloudFront's load balancer origin goes through the
// VPC origin of the primary load balancer.
func TestEnvironmentsLoadBalancersBehindVPCOrigins(t *testing.T) {
	for _, env := range []string{"dev", "staging", "production"} {
		t.Run(env, func(t *testing.T) {
			t.Parallel()
			m := envtest.Env(t, env)
			root := vpcRootDir(t, m)
			lbs := m.OfType("aws_lb")
			wantLBs := map[string]int{"dev": 1, "staging": 1, "production": 2}[env]
			if len(lbs) != wantLBs {
				t.Fatalf("%d load balancers, want %d", len(lbs), wantLBs)
			}
			azs := map[string]int{"dev": 2, "staging": 2, "production": 3}[env]
			for _, lb := range lbs {
				if lb.Values["internal"] != true {
					t.Errorf("%s: internal = %v, want true (no public IPv4 addresses)", lb.Address, lb.Values["internal"])
				}
				want := azs
				if lb.Module == pilotLightModule {
					want = 2
				}
				if n := len(cmpStrings(lb.Values["subnets"])); n != want {
					t.Errorf("%s: %d subnets, want %d (one private subnet per AZ)", lb.Address, n, want)
				}
			}
			// Both compute calls make the load balancer internal in their
			// VPC's private subnets.
			calls := map[string][2]string{"compute": {"module.networking.private_subnet_ids", "module.security.security_group_ids"}}
			if env == "production" {
				calls["compute_standby"] = [2]string{"module.networking_standby.private_subnet_ids", "module.security_standby.security_group_ids"}
			}
			for call, want := range calls {
				mc := vpcModuleCall(t, root, call)
				if got := vpcAttrText(t, mc, "alb_internal"); got != "true" {
					t.Errorf("module %s: alb_internal = %s, want true", call, got)
				}
				if got := vpcTraversals(t, mc, "private_subnet_ids"); fmt.Sprint(got) != "["+want[0]+"]" {
					t.Errorf("module %s: private_subnet_ids from %v, want %s", call, got, want[0])
				}
			}
			for _, mi := range m.Modules {
				if (mi.Address == "module.compute" || mi.Address == pilotLightModule) && mi.Inputs["alb_internal"] != true {
					t.Errorf("%s: alb_internal input %v, want true", mi.Address, mi.Inputs["alb_internal"])
				}
			}

			// The load balancers' security groups: CloudFront's prefix list on
			// 443, the hook's group on the test port, no CIDR block.
			for _, r := range m.OfType("aws_vpc_security_group_ingress_rule") {
				toALB := (strings.HasPrefix(r.Module, "module.security") && strings.HasPrefix(r.Name, "alb_")) ||
					r.Module == "module.compute" || r.Module == pilotLightModule
				if !toALB {
					continue
				}
				if v, ok := r.Values["cidr_ipv6"]; ok && v != nil {
					t.Errorf("%s admits the IPv6 block %v to a load balancer", r.Address, v)
				}
				if v, ok := r.Values["cidr_ipv4"]; ok && v != nil && !vpcPrivateCIDR(fmt.Sprint(v)) {
					t.Errorf("%s admits %v to a load balancer: no 0.0.0.0/0 and no public block", r.Address, v)
				}
				switch r.Name {
				case "alb_cloudfront":
					if !cdnSet(r.Values["prefix_list_id"]) || fmt.Sprint(r.Values["from_port"], "-", r.Values["to_port"]) != "443-443" {
						t.Errorf("%s: want 443 from CloudFront's origin-facing prefix list", r.Address)
					}
				case "test_listener_from_group":
					if r.Index != "deploycheck" || !plRefers(r, "aws_security_group.deploycheck") || fmt.Sprint(r.Values["from_port"]) != "8443" {
						t.Errorf("%s: want 8443 from the deploycheck hook's security group (references %v)", r.Address, r.References)
					}
				default:
					t.Errorf("%s: unexpected ingress to a load balancer", r.Address)
				}
			}
			hook := len(envtest.InModule(m, "module.compute", "aws_lambda_function")) > 0
			if n := len(cmpNamedIn(m, "module.compute", "aws_vpc_security_group_ingress_rule", "test_listener_from_group")); (n == 1) != hook {
				t.Errorf("%d test listener rules from the hook's group, want one exactly with the hook (%v)", n, hook)
			}
			if hook {
				// The hook reaches the test listener inside the VPC: egress to
				// the load balancer's group on 8443, and nothing else to 8443.
				var toALB int
				for _, r := range envtest.InModule(m, "", "aws_vpc_security_group_egress_rule") {
					if fmt.Sprint(r.Values["from_port"]) == "8443" {
						if r.Name != "deploycheck_test_listener" || !plRefers(r, "module.security.aws_security_group.this") || r.Values["cidr_ipv4"] != nil {
							t.Errorf("%s: 8443 out of the hook goes elsewhere than the load balancer's group", r.Address)
						}
						toALB++
					}
				}
				if toALB != 1 {
					t.Errorf("%d egress rules of the hook to the test listener, want 1", toALB)
				}
			}
			// The NAT instance (dev) passes only what the private subnets
			// still need: the test listener is not reached through it.
			for _, r := range envtest.InModule(m, "module.networking", "aws_vpc_security_group_egress_rule") {
				if fmt.Sprint(r.Values["from_port"]) == "8443" {
					t.Errorf("%s: the NAT still passes 8443", r.Address)
				}
			}

			albOriginThroughVPCOrigin(t, m, "primary", "origin."+map[string]string{"dev": "dev.", "staging": "staging.", "production": ""}[env]+"candlefish.ai")
			wantVPCOrigins := []string{"primary"}
			if env == "production" {
				wantVPCOrigins = []string{"primary", "standby"}
			}
			var got []string
			for _, o := range envtest.InModule(m, "module.cdn", "aws_cloudfront_vpc_origin") {
				got = append(got, fmt.Sprint(o.Index))
				if o.Region != "us-east-1" {
					t.Errorf("%s is managed in %s, want us-east-1 (CloudFront)", o.Address, o.Region)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(wantVPCOrigins) {
				t.Errorf("VPC origins %v, want %v", got, wantVPCOrigins)
			}
		})
	}
}

// albOriginThroughVPCOrigin checks that CloudFront's load balancer origin is
// the VPC origin key of module.cdn, by the name domain, and that this VPC
// origin's endpoint is the load balancer of that key: primary the compute
// module's, standby the pilot light's. The ARNs and IDs are known only
// after apply, so the chain is read from the evaluated module inputs and
// the configuration: the environment maps each key to a compute module's
// alb_arn output, which is its aws_lb; the CDN module makes one VPC origin
// per key with that key's ARN and points the origin at the VPC origin of
// alb_vpc_origin.
func albOriginThroughVPCOrigin(t *testing.T, m *model.Model, key, domain string) {
	t.Helper()
	var cdn *model.ModuleInstance
	for _, mi := range m.Modules {
		if mi.Address == "module.cdn" {
			cdn = mi
		}
	}
	if cdn == nil {
		t.Fatal("no module.cdn")
	}
	if cdn.Inputs["alb_vpc_origin"] != key {
		t.Errorf("module.cdn alb_vpc_origin = %v, want %s", cdn.Inputs["alb_vpc_origin"], key)
	}
	if names, _ := cdn.Inputs["alb_vpc_origin_domain_names"].(map[string]any); names[key] != domain {
		t.Errorf("module.cdn alb_vpc_origin_domain_names[%s] = %v, want %s", key, names[key], domain)
	}
	if got := plOriginDomain(t, m); got != domain {
		t.Errorf("CloudFront's load balancer origin domain %v, want %s (the name the load balancer's certificate covers)", got, domain)
	}
	d := plOne(t, m, "module.cdn", "aws_cloudfront_distribution")
	origins, _ := d.Values["origin"].([]any)
	for _, o := range origins {
		om, _ := o.(map[string]any)
		if om["origin_id"] != "alb" {
			continue
		}
		if v := cdnBlocks(om["vpc_origin_config"]); len(v) != 1 || !cdnSet(v[0]["vpc_origin_id"]) {
			t.Errorf("the load balancer origin has vpc_origin_config %v, want one with the VPC origin's ID", om["vpc_origin_config"])
		}
		if c := cdnBlocks(om["custom_origin_config"]); len(c) != 0 {
			t.Errorf("the load balancer origin also has custom_origin_config %v", c)
		}
	}
	if !plRefers(d, "module.cdn.aws_cloudfront_vpc_origin.alb") {
		t.Errorf("the distribution does not refer to the VPC origins: %v", d.References)
	}
	var vo *model.Resource
	for _, o := range envtest.InModule(m, "module.cdn", "aws_cloudfront_vpc_origin") {
		if o.Index == key {
			vo = o
		}
	}
	if vo == nil {
		t.Fatalf("no VPC origin %s", key)
	}
	ec := cdnBlocks(vo.Values["vpc_origin_endpoint_config"])
	if len(ec) != 1 || ec[0]["origin_protocol_policy"] != "https-only" || ec[0]["https_port"] != int64(443) {
		t.Errorf("%s: endpoint %v, want HTTPS only on 443", vo.Address, ec)
	} else if p := cdnBlocks(ec[0]["origin_ssl_protocols"]); len(p) != 1 || fmt.Sprint(cdnStrings(p[0]["items"])) != "[TLSv1.2]" {
		t.Errorf("%s: origin_ssl_protocols %v, want TLSv1.2", vo.Address, p)
	}

	// The configuration: key => which load balancer.
	root := vpcRootDir(t, m)
	arns := vpcObjectItems(t, vpcModuleCall(t, root, "cdn"), "alb_vpc_origin_arns")
	want := map[string]string{"primary": "module.compute.alb_arn", "standby": "module.compute_standby.alb_arn"}[key]
	if arns[key] != want {
		t.Errorf("module.cdn alb_vpc_origin_arns[%s] = %s, want %s; all: %v", key, arns[key], want, arns)
	}
	// compute's alb_arn is its load balancer's ARN.
	var compute *model.ModuleDir
	for dir, md := range m.Dirs {
		if strings.HasSuffix(dir, "/terraform/modules/compute") {
			compute = md
		}
	}
	if compute == nil {
		t.Fatal("compute module not loaded")
	}
	out := vpcBlock(t, compute, "output", "alb_arn")
	if refs := vpcTraversals(t, out, "value"); fmt.Sprint(refs) != "[aws_lb.this.arn]" {
		t.Errorf("compute's alb_arn output is %v, want aws_lb.this[0].arn", refs)
	}
	// In the CDN module: the VPC origin of each key takes that key's ARN, and
	// the origin's vpc_origin_id is the VPC origin of alb_vpc_origin's key.
	var cdnDir *model.ModuleDir
	for dir, md := range m.Dirs {
		if strings.HasSuffix(dir, "/terraform/modules/cdn") {
			cdnDir = md
		}
	}
	if cdnDir == nil {
		t.Fatal("cdn module not loaded")
	}
	vpcRes := cdnDir.Resources["aws_cloudfront_vpc_origin.alb"]
	if vpcRes == nil {
		t.Fatal("no aws_cloudfront_vpc_origin.alb in the CDN module")
	}
	var arnExpr string
	for _, b := range cmpFindBlock(vpcRes.Body, "vpc_origin_endpoint_config") {
		if a, ok := b.Attributes["arn"]; ok {
			arnExpr = vpcSource(t, a.Expr)
		}
	}
	if arnExpr != "var.alb_vpc_origin_arns[each.key]" {
		t.Errorf("the VPC origins' arn is %q, want var.alb_vpc_origin_arns[each.key]", arnExpr)
	}
	dist := cdnDir.Resources["aws_cloudfront_distribution.this"]
	var idExpr, forEach []string
	for _, b := range dist.Body.Blocks {
		if b.Type != "dynamic" || b.Labels[0] != "origin" {
			continue
		}
		for _, c := range b.Body.Blocks {
			for _, v := range c.Body.Blocks {
				if v.Type == "dynamic" && v.Labels[0] == "vpc_origin_config" {
					forEach = append(forEach, vpcSource(t, v.Body.Attributes["for_each"].Expr))
					for _, cc := range cmpFindBlock(v.Body, "content") {
						idExpr = append(idExpr, vpcSource(t, cc.Attributes["vpc_origin_id"].Expr))
					}
				}
			}
		}
	}
	if fmt.Sprint(idExpr) != "[aws_cloudfront_vpc_origin.alb[vpc_origin_config.value].id]" || fmt.Sprint(forEach) != "[origin.value.vpc_origin ? [origin.value.key] : []]" {
		t.Errorf("the distribution's vpc_origin_config: for_each %v, vpc_origin_id %v; want the VPC origin of the origin's key", forEach, idExpr)
	}
	var localKey string
	for _, f := range cdnDir.Files {
		for _, b := range f.Blocks {
			if b.Type != "locals" {
				continue
			}
			if a, ok := b.Body.Attributes["alb_origin"]; ok {
				if oc, ok := a.Expr.(*hclsyntax.ObjectConsExpr); ok {
					for _, it := range oc.Items {
						if hcl.ExprAsKeyword(it.KeyExpr) == "key" {
							localKey = vpcSource(t, it.ValueExpr)
						}
					}
				}
			}
		}
	}
	if localKey != "var.alb_vpc_origin" {
		t.Errorf("local.alb_origin.key is %q, want var.alb_vpc_origin", localKey)
	}
}

func vpcRootDir(t *testing.T, m *model.Model) *model.ModuleDir {
	t.Helper()
	d, ok := m.Dirs[m.Root]
	if !ok {
		t.Fatalf("root module %s not loaded", m.Root)
	}
	return d
}

func vpcModuleCall(t *testing.T, d *model.ModuleDir, name string) *hclsyntax.Body {
	t.Helper()
	mc, ok := d.ModuleCalls[name]
	if !ok {
		t.Fatalf("no module %q in %s", name, d.Dir)
	}
	return mc.Block.Body
}

// vpcBlock returns the body of a top-level block (type and first label).
func vpcBlock(t *testing.T, d *model.ModuleDir, typ, label string) *hclsyntax.Body {
	t.Helper()
	for _, f := range d.Files {
		for _, b := range f.Blocks {
			if b.Type == typ && len(b.Labels) > 0 && b.Labels[0] == label {
				return b.Body
			}
		}
	}
	t.Fatalf("no %s %q in %s", typ, label, d.Dir)
	return nil
}

// vpcSource is an expression's source text.
func vpcSource(t *testing.T, e hclsyntax.Expression) string {
	t.Helper()
	r := e.Range()
	src, err := os.ReadFile(r.Filename)
	if err != nil {
		t.Fatal(err)
	}
	return string(src[r.Start.Byte:r.End.Byte])
}

func vpcAttrText(t *testing.T, body *hclsyntax.Body, name string) string {
	t.Helper()
	a, ok := body.Attributes[name]
	if !ok {
		return ""
	}
	return vpcSource(t, a.Expr)
}

// vpcTraversals lists the references of an attribute, as attribute paths
// without indexes (module.compute_standby[0].alb_arn: module.compute_standby.alb_arn).
func vpcTraversals(t *testing.T, body *hclsyntax.Body, name string) []string {
	t.Helper()
	a, ok := body.Attributes[name]
	if !ok {
		t.Fatalf("no argument %s", name)
	}
	var out []string
	for _, tr := range a.Expr.Variables() {
		out = append(out, model.TraversalName(tr))
	}
	return out
}

// vpcObjectItems maps the keys of every object constructor in an
// attribute's expression (through merge() and conditionals) to the
// reference its value is.
func vpcObjectItems(t *testing.T, body *hclsyntax.Body, name string) map[string]string {
	t.Helper()
	a, ok := body.Attributes[name]
	if !ok {
		t.Fatalf("no argument %s", name)
	}
	out := map[string]string{}
	hclsyntax.VisitAll(a.Expr, func(n hclsyntax.Node) hcl.Diagnostics {
		oc, ok := n.(*hclsyntax.ObjectConsExpr)
		if !ok {
			return nil
		}
		for _, it := range oc.Items {
			var refs []string
			for _, tr := range it.ValueExpr.Variables() {
				refs = append(refs, model.TraversalName(tr))
			}
			out[hcl.ExprAsKeyword(it.KeyExpr)] = strings.Join(refs, ",")
		}
		return nil
	})
	return out
}

// vpcPrivateCIDR: inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.
func vpcPrivateCIDR(c string) bool {
	_, n, err := net.ParseCIDR(c)
	if err != nil || n.IP.To4() == nil {
		return false
	}
	ones, _ := n.Mask.Size()
	for _, p := range []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"} {
		_, block, _ := net.ParseCIDR(p)
		bo, _ := block.Mask.Size()
		if block.Contains(n.IP) && ones >= bo {
			return true
		}
	}
	return false
}

// cmpNamedIn lists a module's resources of one type and name.
func cmpNamedIn(m *model.Model, module, typ, name string) []*model.Resource {
	var out []*model.Resource
	for _, r := range envtest.InModule(m, module, typ) {
		if r.Name == name {
			out = append(out, r)
		}
	}
	return out
}

// AZ letters map to different AZ IDs in each account, and CloudFront VPC
// origins cannot reach a load balancer in use1-az3: the compute module looks
// up the zone ID of each internal load balancer's AZ (its precondition stops
// the plan on use1-az3), and az_suffixes lets an environment skip that AZ.
func TestEnvironmentsCanSkipAnAZ(t *testing.T) {
	m := envtest.Dir(t, "terraform/environments/production", map[string]string{"az_suffixes": `["a", "b", "d"]`})
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Fatalf("validation failures: %v", fs)
	}
	azs := map[string]bool{}
	for _, s := range envtest.InModule(m, "module.networking", "aws_subnet") {
		azs[fmt.Sprint(s.Values["availability_zone"])] = true
	}
	if !azs["us-east-1d"] || azs["us-east-1c"] || len(azs) != 3 {
		t.Errorf("subnets in %v, want us-east-1a, 1b and 1d", slices.Sorted(maps.Keys(azs)))
	}
	// The compute module's load balancer stops the plan on use1-az3. (Its
	// AZ lookups' zone IDs are known only at plan time; the offline
	// evaluator does not expand them, so the check reads the declaration.)
	var lb *hclsyntax.Block
	for _, md := range m.Dirs {
		if strings.HasSuffix(md.Dir, "/modules/compute") {
			lb = md.Resources["aws_lb.this"]
		}
	}
	if lb == nil {
		t.Fatal("no aws_lb.this in the compute module")
	}
	found := false
	for _, b := range lb.Body.Blocks {
		for _, pre := range b.Body.Blocks {
			if b.Type == "lifecycle" && pre.Type == "precondition" {
				src, _ := os.ReadFile(pre.Range().Filename)
				found = found || strings.Contains(string(pre.Range().SliceBytes(src)), `"use1-az3"`)
			}
		}
	}
	if !found {
		t.Error("aws_lb.this has no precondition on the AZ use1-az3")
	}
	bad := envtest.Dir(t, "terraform/environments/production", map[string]string{"az_suffixes": `["a"]`})
	if !slices.ContainsFunc(envtest.ValidationFailures(bad), func(s string) bool { return strings.Contains(s, "az_suffixes must be 2 to 6") }) {
		t.Errorf("az_suffixes = [\"a\"] should fail validation, got %v", envtest.ValidationFailures(bad))
	}
}
