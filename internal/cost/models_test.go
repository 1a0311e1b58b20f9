package cost

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/model"
)

// fixture prices testdata/<name> with its usage.yml (when there is one).
func fixture(t *testing.T, name string, traffic float64) *Estimate {
	t.Helper()
	dir := filepath.Join("testdata", name)
	m, err := model.Load(context.Background(), dir, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var u *Usage
	if _, err := os.Stat(filepath.Join(dir, UsageFileName)); err == nil {
		if u, err = LoadUsage(filepath.Join(dir, UsageFileName)); err != nil {
			t.Fatal(err)
		}
	}
	return Compute(name, m.Resources, Options{Usage: u, Traffic: traffic})
}

func resource(t *testing.T, est *Estimate, address string) ResourceCost {
	t.Helper()
	for _, r := range est.Resources {
		if r.Address == address {
			return r
		}
	}
	var have []string
	for _, r := range est.Resources {
		have = append(have, r.Address)
	}
	t.Fatalf("%s is not priced; priced: %s", address, strings.Join(have, ", "))
	return ResourceCost{}
}

func line(t *testing.T, est *Estimate, address, component string) Line {
	t.Helper()
	r := resource(t, est, address)
	for _, l := range r.Lines {
		if l.Component == component {
			return l
		}
	}
	var have []string
	for _, l := range r.Lines {
		have = append(have, l.Component)
	}
	t.Fatalf("%s has no line %q; lines: %s", address, component, strings.Join(have, "; "))
	return Line{}
}

// expect checks a line's quantity and monthly cost against a hand computation.
func expect(t *testing.T, est *Estimate, address, component string, qty, monthly float64) {
	t.Helper()
	l := line(t, est, address, component)
	if math.Abs(l.Quantity-qty) > 1e-6 {
		t.Errorf("%s %q: quantity %v, want %v", address, component, l.Quantity, qty)
	}
	if math.Abs(l.MonthlyUSD-monthly) > 1e-5 {
		t.Errorf("%s %q: $%v per month, want $%v", address, component, l.MonthlyUSD, monthly)
	}
}

func total(t *testing.T, est *Estimate, address string, want float64) {
	t.Helper()
	if got := resource(t, est, address).MonthlyUSD; math.Abs(got-want) > 1e-5 {
		t.Errorf("%s: $%v per month, want $%v", address, got, want)
	}
}

func dependent(est *Estimate, address, key string) bool {
	for _, d := range est.UsageDependent {
		if d.Address == address && d.UsageKey == key {
			return true
		}
	}
	return false
}

func unpriced(est *Estimate, address, component string) (string, bool) {
	for _, u := range est.Unpriced {
		if u.Address == address && u.Component == component {
			return u.Reason, true
		}
	}
	return "", false
}

func TestECSFargate(t *testing.T) {
	est := fixture(t, "ecs", 1)
	// api: ARM 0.5 vCPU / 1 GB, 2 tasks (autoscaling 2-6), FARGATE base 1
	// weight 3, FARGATE_SPOT weight 7: 1 + 0.3 on-demand, 0.7 Spot.
	api := `aws_ecs_service.this["api"]`
	expect(t, est, api, "vCPU, Linux/ARM, on-demand", 0.5*1.3*730, 0.5*1.3*730*0.03238)
	expect(t, est, api, "memory, Linux/ARM, on-demand", 1*1.3*730, 1*1.3*730*0.00356)
	expect(t, est, api, "vCPU, Linux/ARM, Fargate Spot", 0.5*0.7*730, 0.5*0.7*730*0.03238*(1-0.70))
	expect(t, est, api, "memory, Linux/ARM, Fargate Spot", 1*0.7*730, 1*0.7*730*0.00356*(1-0.70))
	if l := line(t, est, api, "vCPU, Linux/ARM, Fargate Spot"); !l.Assumption {
		t.Error("the Spot price rests on an assumed discount: the line must say so")
	}
	// worker: x86 0.25 vCPU / 0.5 GB, launch type FARGATE, 30 GB ephemeral
	// storage (10 above the free 20), X-Ray sidecar with 2M traces.
	w := "aws_ecs_service.worker"
	expect(t, est, w, "vCPU, Linux/x86, on-demand", 0.25*730, 0.25*730*0.04048)
	expect(t, est, w, "memory, Linux/x86, on-demand", 0.5*730, 0.5*730*0.004445)
	expect(t, est, w, "ephemeral storage above 20 GB", 10*730, 10*730*0.000111)
	expect(t, est, w, "X-Ray traces recorded (daemon sidecar)", 2, 2*5.00)
	// batch: no strategy, no launch type: the cluster's default, FARGATE_SPOT.
	b := "aws_ecs_service.batch"
	expect(t, est, b, "vCPU, Linux/x86, Fargate Spot", 0.25*730, 0.25*730*0.04048*0.3)
	expect(t, est, b, "memory, Linux/x86, Fargate Spot", 0.5*730, 0.5*730*0.004445*0.3)
	// Container Insights on the cluster: 20 custom metrics, 4 GB of log events.
	expect(t, est, "aws_ecs_cluster.this", "Container Insights custom metrics", 20, 20*0.30)
	expect(t, est, "aws_ecs_cluster.this", "Container Insights performance log ingestion", 4, 4*0.50)
	found := false
	for _, a := range est.Assumptions {
		found = found || a.PriceID == "fargate_spot_discount"
	}
	if !found {
		t.Error("the Fargate Spot discount is not listed among the assumptions")
	}
}

func TestECSTrafficScalesTasksWithinAutoscaling(t *testing.T) {
	// x10 traffic: api wants 20 tasks, autoscaling caps it at 6 (1 + 5 x 0.3
	// on-demand, 5 x 0.7 Spot); worker has no autoscaling and keeps 1 task.
	est := fixture(t, "ecs", 10)
	api := `aws_ecs_service.this["api"]`
	expect(t, est, api, "vCPU, Linux/ARM, on-demand", 0.5*2.5*730, 0.5*2.5*730*0.03238)
	expect(t, est, api, "vCPU, Linux/ARM, Fargate Spot", 0.5*3.5*730, 0.5*3.5*730*0.03238*0.3)
	expect(t, est, "aws_ecs_service.worker", "vCPU, Linux/x86, on-demand", 0.25*730, 0.25*730*0.04048)
	// Traffic-driven usage scales: 20M traces.
	expect(t, est, "aws_ecs_service.worker", "X-Ray traces recorded (daemon sidecar)", 20, 20*5.00)
}

func TestSplitTasks(t *testing.T) {
	strategy := []map[string]any{
		{"capacity_provider": "FARGATE", "base": int64(1), "weight": int64(1)},
		{"capacity_provider": "FARGATE_SPOT", "weight": int64(3)},
	}
	for _, c := range []struct{ n, od, spot float64 }{{0, 0, 0}, {1, 1, 0}, {5, 2, 3}} {
		s, err := splitTasks(c.n, strategy)
		if err != nil {
			t.Fatal(err)
		}
		if s[0].tasks != c.od || s[1].tasks != c.spot {
			t.Errorf("%v tasks: %+v, want %v on-demand and %v Spot", c.n, s, c.od, c.spot)
		}
	}
}

func TestNetworking(t *testing.T) {
	est := fixture(t, "network", 1)
	expect(t, est, "aws_nat_gateway.this", "NAT gateway", 730, 730*0.045)
	expect(t, est, "aws_nat_gateway.this", "data processed", 100, 100*0.045)
	expect(t, est, "aws_eip.nat", "public IPv4 address", 730, 730*0.005)
	// One endpoint ENI per subnet: 3 AZs.
	expect(t, est, "aws_vpc_endpoint.ecr_api", "interface endpoint, per AZ", 3*730, 3*730*0.01)
	expect(t, est, "aws_vpc_endpoint.ecr_api", "data processed", 50, 50*0.01)
	total(t, est, "aws_vpc_endpoint.s3", 0)
	expect(t, est, "aws_ec2_transit_gateway_vpc_attachment.this", "VPC attachment", 730, 730*0.05)
	expect(t, est, "aws_ec2_transit_gateway_vpc_attachment.this", "data processed", 10, 10*0.02)
	expect(t, est, "aws_ec2_transit_gateway_peering_attachment.this", "peering attachment", 730, 730*0.05)
	expect(t, est, "aws_ec2_transit_gateway_peering_attachment.this", "inter-region data transfer", 5, 5*0.02)
	// The accepter is in us-west-2: the derived us-west-2 price, equal to us-east-1's.
	expect(t, est, "aws_ec2_transit_gateway_peering_attachment_accepter.west", "peering attachment (accepter side)", 730, 730*0.05)
	// ALB: hours, LCUs (the highest dimension: 0.5 GB/h = 0.5 LCU) and one
	// public IPv4 address per subnet.
	expect(t, est, "aws_lb.this", "application load balancer", 730, 730*0.0225)
	expect(t, est, "aws_lb.this", "load balancer capacity units", 0.5*730, 0.5*730*0.008)
	expect(t, est, "aws_lb.this", "public IPv4 addresses (one per subnet)", 3*730, 3*730*0.005)
	// A network load balancer has no price in prices.tsv: unpriced, not $0.
	if reason, ok := unpriced(est, "aws_lb.network", "load balancer"); !ok || !strings.Contains(reason, "network") {
		t.Errorf("the NLB must be unpriced with a reason, got %q", reason)
	}
	for _, r := range est.Resources {
		if r.Address == "aws_lb.network" {
			t.Error("the NLB must not be listed among the priced resources")
		}
	}
	if est.Free[0].Type != "aws_ec2_transit_gateway" {
		t.Errorf("free types: %+v", est.Free)
	}
}

func TestNATWithoutUsageIsUsageDependent(t *testing.T) {
	m, err := model.Load(context.Background(), "testdata/network", model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	est := Compute("network", m.Resources, Options{})
	if !dependent(est, "aws_nat_gateway.this", "monthly_data_processed_gb") {
		t.Error("without a usage file, NAT data processing must be listed as usage-dependent")
	}
	for _, l := range resource(t, est, "aws_nat_gateway.this").Lines {
		if l.Component == "data processed" {
			t.Errorf("no usage file, yet a data processing line: %+v", l)
		}
	}
	total(t, est, "aws_nat_gateway.this", 730*0.045)
}

func TestElastiCache(t *testing.T) {
	est := fixture(t, "data", 1)
	// Valkey nodes cost 0.8 x the Redis OSS price of the same node type.
	expect(t, est, "aws_elasticache_replication_group.valkey", "cache.t4g.micro nodes, Valkey", 2*730, 2*730*0.016*0.80)
	expect(t, est, "aws_elasticache_replication_group.valkey", "snapshot storage", 10, 10*0.085)
	expect(t, est, "aws_elasticache_cluster.redis", "cache.t3.small nodes, Redis OSS", 730, 730*0.034)
	// A member of a replication group is priced with its group.
	total(t, est, "aws_elasticache_cluster.member", 0)
	expect(t, est, "aws_elasticache_serverless_cache.this", "data stored", 2*730, 2*730*0.084)
	expect(t, est, "aws_elasticache_serverless_cache.this", "ElastiCache Processing Units", 10, 10*0.0023)
}

func TestAuroraServerlessV2Global(t *testing.T) {
	est := fixture(t, "data", 1)
	expect(t, est, "aws_rds_cluster.primary", "storage", 20, 20*0.10)
	// (10 writes + 40 reads) per second over a month, in millions.
	expect(t, est, "aws_rds_cluster.primary", "I/O requests", 50*3600*730/1e6, 50*3600*730/1e6*0.20)
	expect(t, est, "aws_rds_cluster_instance.primary[0]", "Serverless v2 capacity", 1*730, 1*730*0.12)
	// 8 ACU asked, the cluster's max_capacity is 4.
	expect(t, est, "aws_rds_cluster_instance.primary[1]", "Serverless v2 capacity", 4*730, 4*730*0.12)
	expect(t, est, "aws_rds_cluster_instance.secondary", "Serverless v2 capacity", 1*730, 1*730*0.12)
	// The primary's 10 writes/s replicated to one secondary region (an assumption).
	expect(t, est, "aws_rds_global_cluster.this", "replicated write I/O", 10*3600*730/1e6, 10*3600*730/1e6*0.20)
	if !line(t, est, "aws_rds_global_cluster.this", "replicated write I/O").Assumption {
		t.Error("replicated write I/O rests on an assumed price: the line must say so")
	}
	if reason, ok := unpriced(est, "aws_rds_cluster_instance.provisioned", "DB instance"); !ok || !strings.Contains(reason, "db.r6g.large") {
		t.Errorf("a provisioned instance class has no price: want it unpriced, got %q", reason)
	}
}

func TestAuroraWithoutUsageBillsTheMinimum(t *testing.T) {
	m, err := model.Load(context.Background(), "testdata/data", model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	est := Compute("data", m.Resources, Options{})
	expect(t, est, "aws_rds_cluster_instance.primary[0]", "Serverless v2 capacity", 0.5*730, 0.5*730*0.12)
	if !dependent(est, "aws_rds_cluster_instance.primary[0]", "capacity_units_per_hr") {
		t.Error("capacity above the minimum must be listed as usage-dependent")
	}
}

func TestS3(t *testing.T) {
	est := fixture(t, "data", 1)
	b := "aws_s3_bucket.data"
	expect(t, est, b, "Standard storage", 100, 100*0.023)
	expect(t, est, b, "Intelligent-Tiering frequent access storage", 50, 50*0.023)
	expect(t, est, b, "Intelligent-Tiering infrequent access storage", 200, 200*0.0125)
	expect(t, est, b, "Intelligent-Tiering monitoring", 100, 100*0.0025)
	expect(t, est, b, "Standard-IA storage", 10, 10*0.0125)
	expect(t, est, b, "Standard PUT, COPY, POST, LIST requests", 1000, 1000*0.005)
	expect(t, est, b, "Standard GET and other requests", 10000, 10000*0.0004)
	// The destination bucket is in us-west-2: cross-region replication transfer.
	expect(t, est, "aws_s3_bucket_replication_configuration.this", "cross-region replication transfer", 50, 50*0.02)
	if !dependent(est, "aws_s3_bucket.replica", "standard.storage_gb") {
		t.Error("a bucket without usage must be usage-dependent")
	}
}

func TestDynamoDB(t *testing.T) {
	est := fixture(t, "data", 1)
	d := "aws_dynamodb_table.on_demand"
	expect(t, est, d, "write request units", 3, 3*0.625)
	expect(t, est, d, "read request units", 8, 8*0.125)
	expect(t, est, d, "storage", 20, 20*0.25)
	// PITR is billed on the table's size when no backup size is given.
	expect(t, est, d, "point-in-time recovery", 20, 20*0.20)
	expect(t, est, d, "replica us-west-2: replicated write request units", 3, 3*0.625)
	expect(t, est, d, "replica us-west-2: storage", 20, 20*0.25)
	expect(t, est, d, "replica us-west-2: point-in-time recovery", 20, 20*0.20)
	p := "aws_dynamodb_table.provisioned"
	expect(t, est, p, "write capacity", 5*730, 5*730*0.00065)
	expect(t, est, p, "read capacity", 10*730, 10*730*0.00013)
	// x10 traffic: read capacity wants 100, autoscaling caps it at 50; write
	// capacity has no autoscaling target and stays 5.
	est10 := fixture(t, "data", 10)
	expect(t, est10, p, "read capacity", 50*730, 50*730*0.00013)
	expect(t, est10, p, "write capacity", 5*730, 5*730*0.00065)
	expect(t, est10, d, "write request units", 30, 30*0.625)
}

func TestKinesis(t *testing.T) {
	est := fixture(t, "data", 1)
	expect(t, est, "aws_kinesis_stream.provisioned", "shards", 2*730, 2*730*0.015)
	expect(t, est, "aws_kinesis_stream.provisioned", "PUT payload units", 6.5, 6.5*0.014)
	expect(t, est, "aws_kinesis_stream.on_demand", "on-demand stream", 730, 730*0.04)
	if _, ok := unpriced(est, "aws_kinesis_stream.on_demand", "on-demand data in and out"); !ok {
		t.Error("on-demand stream data has no price: it must be listed as unpriced")
	}
}

func TestCloudWatchSyntheticsSNSBudgetsLambda(t *testing.T) {
	est := fixture(t, "observe", 1)
	expect(t, est, "aws_cloudwatch_log_group.app", "log ingestion", 10, 10*0.50)
	expect(t, est, "aws_cloudwatch_log_group.app", "log storage", 20, 20*0.03)
	expect(t, est, "aws_cloudwatch_metric_alarm.cpu", "standard-resolution alarm metrics", 1, 0.10)
	// Metric math: each metric in the alarm's queries is billed.
	expect(t, est, "aws_cloudwatch_metric_alarm.error_rate", "standard-resolution alarm metrics", 2, 2*0.10)
	if _, ok := unpriced(est, "aws_cloudwatch_metric_alarm.fast", "high-resolution alarm"); !ok {
		t.Error("a 10-second alarm is high resolution, which has no price: it must be unpriced")
	}
	expect(t, est, "aws_cloudwatch_dashboard.this", "dashboard", 1, 3.00)
	expect(t, est, "aws_cloudwatch_log_metric_filter.errors", "custom metric from the metric filter", 1, 0.30)
	// rate(5 minutes): 730 h x 60 / 5 runs.
	expect(t, est, "aws_synthetics_canary.home", "canary runs", 730*60/5, 730*60/5*0.0012)
	expect(t, est, "aws_synthetics_canary.nightly", "canary runs", 30, 30*0.0012)
	expect(t, est, "aws_sns_topic.alerts", "publishes", 2, 2*0.50)
	expect(t, est, "aws_sns_topic.alerts", "email deliveries", 20, 20*2.00)
	// Three budgets: the third is beyond the account's two free ones.
	expect(t, est, `aws_budgets_budget.monthly["a"]`, "budget (one of the account's first two)", 1, 0)
	expect(t, est, `aws_budgets_budget.monthly["c"]`, "budget beyond the first two", 730.0/24, 730.0/24*0.02)
	expect(t, est, "aws_ce_anomaly_monitor.this", "Cost Anomaly Detection", 1, 0)
	// Lambda on arm64, 512 MB, 1M requests of 200 ms, active tracing.
	expect(t, est, "aws_lambda_function.hook", "requests", 1, 0.20)
	expect(t, est, "aws_lambda_function.hook", "duration, arm64", 1e6*0.2*0.5, 1e6*0.2*0.5*0.0000133334)
	expect(t, est, "aws_lambda_function.hook", "X-Ray traces recorded (active tracing)", 1, 5.00)
	// The budget is the tightest monthly USD cost budget: 80.
	if est.BudgetUSD == nil || *est.BudgetUSD != 80 || est.BudgetAddress != `aws_budgets_budget.monthly["c"]` {
		t.Errorf("budget %v from %s, want 80 from the \"c\" budget", est.BudgetUSD, est.BudgetAddress)
	}
}

func TestCanaryWithCronScheduleNeedsUsage(t *testing.T) {
	m, err := model.Load(context.Background(), "testdata/observe", model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	est := Compute("observe", m.Resources, Options{})
	if !dependent(est, "aws_synthetics_canary.nightly", "monthly_runs") {
		t.Error("a cron schedule gives no run count: the runs must be usage-dependent")
	}
}

func TestCloudFront(t *testing.T) {
	est := fixture(t, "cdn", 1)
	d := "aws_cloudfront_distribution.this"
	expect(t, est, d, "data transfer out (us)", 100, 100*0.085)
	expect(t, est, d, "data transfer out (europe)", 20, 20*0.085)
	expect(t, est, d, "HTTPS requests (us)", 100, 100*0.01)
	expect(t, est, d, "real-time log lines", 2, 2*0.01)
	if _, ok := unpriced(est, d, "data transfer out (asia_pacific)"); !ok {
		t.Error("transfer from Asia Pacific edges has no price: it must be unpriced")
	}
	expect(t, est, "aws_cloudfront_function.rewrite", "invocations", 3, 3*0.10)
	// The distribution uses the function: Lambda@Edge prices, not Lambda's.
	expect(t, est, "aws_lambda_function.edge", "Lambda@Edge requests", 5, 5*0.60)
	expect(t, est, "aws_lambda_function.edge", "Lambda@Edge duration", 5e6*0.05*128/1024, 5e6*0.05*128/1024*0.00005001)
	expect(t, est, "aws_kinesis_stream.logs", "shards", 730, 730*0.015)
}

func TestSecurityServices(t *testing.T) {
	est := fixture(t, "security", 1)
	expect(t, est, "aws_kms_key.this", "customer managed key", 1, 1.00)
	expect(t, est, "aws_kms_key.this", "requests", 100, 100*0.03)
	expect(t, est, "aws_secretsmanager_secret.this", "secret", 1, 0.40)
	expect(t, est, "aws_secretsmanager_secret.this", "replica secrets", 1, 0.40)
	expect(t, est, "aws_secretsmanager_secret.this", "API calls", 10, 10*0.05)
	expect(t, est, "aws_wafv2_web_acl.this", "web ACL", 1, 5.00)
	expect(t, est, "aws_wafv2_web_acl.this", "rules and rule groups", 3, 3*1.00)
	expect(t, est, "aws_wafv2_web_acl.this", "requests", 10, 10*0.60)
	if _, ok := unpriced(est, "aws_wafv2_web_acl.this", "AWSManagedRulesBotControlRuleSet fees"); !ok {
		t.Error("Bot Control has fees of its own that prices.tsv lacks: they must be unpriced")
	}
	expect(t, est, "aws_cloudtrail.this", "management events, first copy", 0, 0)
	expect(t, est, "aws_cloudtrail.this", "data events", 10, 10*0.10)
	expect(t, est, "aws_config_configuration_recorder.this", "configuration items", 5000, 5000*0.003)
	// resource_type_default_usage gives every rule 20,000 evaluations.
	expect(t, est, `aws_config_config_rule.encrypted["rds-storage-encrypted"]`, "rule evaluations", 20000, 20000*0.001)
	expect(t, est, "aws_guardduty_detector.this", "CloudTrail management events analysed", 2, 2*4.00)
	expect(t, est, "aws_guardduty_detector.this", "VPC flow and DNS logs analysed", 10, 10*1.00)
	if _, ok := unpriced(est, "aws_guardduty_detector_feature.s3", "GuardDuty feature S3_DATA_EVENTS"); !ok {
		t.Error("an enabled protection plan has no price: it must be unpriced")
	}
	total(t, est, "aws_guardduty_detector_feature.eks", 0)
}

// TestUnknownTypeIsUnpriced: a type without a cost model is listed as
// unpriced with the reason "no cost model", never counted as $0; free types
// are listed with their source; data sources are neither.
func TestUnknownTypeIsUnpriced(t *testing.T) {
	est := fixture(t, "unknown", 1)
	var reason string
	for _, u := range est.Unpriced {
		if u.Address == "aws_route53_zone.this" && u.Component == "" {
			reason = u.Reason
		}
		if strings.HasPrefix(u.Address, "data.") {
			t.Errorf("a data source is listed as unpriced: %+v", u)
		}
	}
	if reason != "no cost model" {
		t.Errorf("aws_route53_zone: reason %q, want \"no cost model\"", reason)
	}
	for _, r := range est.Resources {
		if r.Address == "aws_route53_zone.this" || r.Address == "aws_iam_role.this" {
			t.Errorf("%s must not be among the priced resources", r.Address)
		}
	}
	if len(est.Free) != 2 || est.Free[0].Type != "aws_ecs_task_definition" || est.Free[1].Type != "aws_iam_role" || est.Free[1].Source == "" {
		t.Errorf("free: %+v", est.Free)
	}
	// desired_count is known only after apply and nothing bounds it.
	if reason, ok := unpriced(est, "aws_ecs_service.app", "Fargate tasks"); !ok || !strings.Contains(reason, "known only after apply") {
		t.Errorf("a task count known only after apply must make the tasks unpriced, got %q", reason)
	}
}

// TestEveryModelledTypeHasAPriceOrFreeEntry guards the lists against each other.
func TestModelsAndFreeListAreDisjoint(t *testing.T) {
	for typ := range freeTypes {
		if HasModel(typ) {
			t.Errorf("%s is both free and priced by a model", typ)
		}
	}
	for typ := range usageSchema {
		if !HasModel(typ) {
			t.Errorf("%s takes usage keys but has no cost model", typ)
		}
	}
}

// A module called for two regions has two autoscaling targets with the same
// resource id: the standby copy at zero tasks costs nothing for its tasks,
// the primary runs its three.
func TestECSServiceTakesItsOwnModulesAutoscaling(t *testing.T) {
	est := fixture(t, "ecs_standby", 1)
	expect(t, est, "module.primary.aws_ecs_service.this", "vCPU, Linux/ARM, on-demand", 1*3*730, 1*3*730*0.03238)
	for _, l := range resource(t, est, "module.standby.aws_ecs_service.this").Lines {
		if l.MonthlyUSD != 0 {
			t.Errorf("standby service at zero tasks: line %q costs %v", l.Component, l.MonthlyUSD)
		}
	}
}
