package envtest_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/candlefish-ai/infrastructure/internal/envtest"
	"github.com/candlefish-ai/infrastructure/internal/model"
)

// monitoringExample is the monitoring module's example root, production-like:
// monitoring_depth full over two ECS services, a load balancer with one
// target group, Aurora, a two-node cache, two DynamoDB tables and a
// CloudFront distribution; an alerts and a critical topic (2 emails + 1 HTTPS
// endpoint, 1 + 1); three business metrics (two with alarms); X-Ray with
// encryption; two canaries (home, api) every 5 minutes; a 1500 USD budget;
// a tag-based anomaly monitor. Every variable is set in its tfvars.
const monitoringExample = "terraform/modules/monitoring/examples/complete"

const monitoringModule = "module.monitoring"

// Valid KMS key ARNs for the cases that bring their own keys.
const (
	monKeyA = `"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"`
	monKeyB = `"arn:aws:kms:us-east-1:123456789012:key/abcd1234-ab12-cd34-ef56-abcdef123456"`
)

// The example's HTTPS endpoints.
const (
	monAlertURL    = "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue"
	monCriticalURL = "https://events.pagerduty.com/integration/fedcba9876543210fedcba9876543210/enqueue"
)

// monURLKey is how the module keys an HTTPS subscription: the first 16 hex
// digits of the URL's SHA-256, so that plans do not print integration keys.
func monURLKey(u string) string {
	sum := sha256.Sum256([]byte(u))
	return hex.EncodeToString(sum[:])[:16]
}

// monManaged returns the managed resources of a type in the monitoring module.
func monManaged(m *model.Model, typ string) []*model.Resource {
	return envtest.InModule(m, monitoringModule, typ)
}

// monData returns the data sources of a type in the monitoring module.
func monData(m *model.Model, typ string) []*model.Resource {
	return envtest.DataInModule(m, monitoringModule, typ)
}

// monNamed returns the managed resources of a type and name in the module,
// keyed by their index ("" for a single resource).
func monNamed(m *model.Model, typ, name string) map[string]*model.Resource {
	out := map[string]*model.Resource{}
	for _, r := range monManaged(m, typ) {
		if r.Name != name {
			continue
		}
		key := ""
		if r.Index != nil {
			key = fmt.Sprint(r.Index)
		}
		out[key] = r
	}
	return out
}

func monKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// monBlocks returns a nested block value as a list of objects.
func monBlocks(v any) []map[string]any {
	list, _ := v.([]any)
	var out []map[string]any
	for _, e := range list {
		if o, ok := e.(map[string]any); ok {
			out = append(out, o)
		}
	}
	return out
}

// monStrings returns a list value's elements as strings.
func monStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		out = append(out, fmt.Sprint(e))
	}
	return out
}

// monNumber returns a numeric value (numbers or numeric strings).
func monNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case string:
		var f float64
		_, err := fmt.Sscan(n, &f)
		return f, err == nil
	}
	return 0, false
}

// monSet reports whether a value is configured: known and non-empty, or
// known only after apply (an ARN of a resource the example creates).
func monSet(v any) bool {
	if v == nil {
		return false
	}
	if model.IsUnknown(v) {
		return true
	}
	s, isString := v.(string)
	return !isString || s != ""
}

// monTLSOnly reports whether a bucket policy document denies every S3
// action on the bucket and its objects to everyone without TLS.
func monTLSOnly(doc *model.Resource) bool {
	for _, st := range monBlocks(doc.Values["statement"]) {
		if st["effect"] != "Deny" || fmt.Sprint(monStrings(st["actions"])) != "[s3:*]" || len(monStrings(st["resources"])) != 2 {
			continue
		}
		for _, p := range monBlocks(st["principals"]) {
			if p["type"] != "*" || fmt.Sprint(monStrings(p["identifiers"])) != "[*]" {
				continue
			}
			for _, c := range monBlocks(st["condition"]) {
				if c["test"] == "Bool" && c["variable"] == "aws:SecureTransport" && fmt.Sprint(monStrings(c["values"])) == "[false]" {
					return true
				}
			}
		}
	}
	return false
}

func monRefers(r *model.Resource, block string) bool {
	for _, ref := range r.References {
		if ref == block {
			return true
		}
	}
	return false
}

// monAlarms returns every CloudWatch alarm of the module, keyed by its name
// without the <project>-<environment>- prefix.
func monAlarms(t *testing.T, m *model.Model) map[string]*model.Resource {
	t.Helper()
	out := map[string]*model.Resource{}
	for _, r := range monManaged(m, "aws_cloudwatch_metric_alarm") {
		name, _ := r.Values["alarm_name"].(string)
		if !strings.HasPrefix(name, "candlefish-") {
			t.Fatalf("%s: alarm name %v", r.Address, r.Values["alarm_name"])
		}
		parts := strings.SplitN(name, "-", 3)
		out[parts[2]] = r
	}
	return out
}

func TestMonitoringExampleIsValidAndClean(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, nil)
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Errorf("validation failures: %v", fs)
	}
	if fs := envtest.Findings(m); len(fs) > 0 {
		t.Errorf("findings: %v", fs)
	}
}

// monMinimalRoot writes a root module that calls the monitoring module the
// way the environments do today: project, environment, kms_key_arn and tags
// only.
func monMinimalRoot(t *testing.T, env string) string {
	t.Helper()
	return monRoot(t, env, nil)
}

// monRoot writes a root module that calls the monitoring module with
// project, environment, kms_key_arn, tags and the given inputs (HCL
// expressions). Inputs left out take the module's defaults, which is how
// the gate sees a null: it skips module inputs set to null explicitly.
func monRoot(t *testing.T, env string, inputs map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	rel, err := filepath.Rel(dir, filepath.Join(envtest.Repo(t), "terraform", "modules", "monitoring"))
	if err != nil {
		t.Fatal(err)
	}
	src := `provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      Project     = "Candlefish"
      Environment = "` + env + `"
      CostCenter  = "Engineering"
      Owner       = "DevOps"
    }
  }
}

module "monitoring" {
  source = "` + filepath.ToSlash(rel) + `"

  project     = "candlefish"
  environment = "` + env + `"
  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  tags        = {}
` + monInputs(inputs) + `}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func monInputs(inputs map[string]string) string {
	var b strings.Builder
	for _, k := range monKeys(inputs) {
		b.WriteString("  " + k + " = " + inputs[k] + "\n")
	}
	return b.String()
}

// TestMonitoringExistingCallStillWorks: the environments call the module with
// project, environment, kms_key_arn and tags only; that stays valid and gives
// the alerts topic, the environment's budget, anomaly detection and X-Ray,
// with the environment's defaults, and nothing that needs other inputs.
func TestMonitoringExistingCallStillWorks(t *testing.T) {
	for env, budget := range map[string]float64{"dev": 100, "staging": 400, "production": 1500} {
		t.Run(env, func(t *testing.T) {
			m := envtest.Dir(t, monMinimalRoot(t, env), nil)
			if fs := envtest.ValidationFailures(m); len(fs) > 0 {
				t.Errorf("validation failures: %v", fs)
			}
			if fs := envtest.Findings(m); len(fs) > 0 {
				t.Errorf("findings: %v", fs)
			}
			for typ, want := range map[string]int{
				"aws_sns_topic": 1, "aws_sns_topic_policy": 1, "aws_budgets_budget": 1,
				"aws_ce_anomaly_monitor": 1, "aws_ce_anomaly_subscription": 1,
				"aws_xray_sampling_rule": 2, "aws_xray_group": 2, "aws_xray_encryption_config": 0,
				"aws_synthetics_canary": 0, "aws_s3_bucket": 0, "aws_cloudwatch_dashboard": 0,
				"aws_cloudwatch_metric_alarm": 0, "aws_cloudwatch_log_group": 0, "aws_sns_topic_subscription": 0,
			} {
				if n := len(monManaged(m, typ)); n != want {
					t.Errorf("%d %s, want %d", n, typ, want)
				}
			}
			if b := monManaged(m, "aws_budgets_budget"); len(b) == 1 {
				if n, _ := monNumber(b[0].Values["limit_amount"]); n != budget {
					t.Errorf("budget %v, want %v", b[0].Values["limit_amount"], budget)
				}
			}
		})
	}
}

// ---------------------------------------------------------------------------
// Dashboard
// ---------------------------------------------------------------------------

// monDashboardMetrics parses the operations dashboard's body and returns, by
// namespace, the metric arrays of its widgets, and the widgets.
func monDashboard(t *testing.T, m *model.Model) (widgets []map[string]any, byNamespace map[string][][]any) {
	t.Helper()
	ds := monNamed(m, "aws_cloudwatch_dashboard", "this")
	d, ok := ds["operations"]
	if !ok || len(ds) != 1 {
		t.Fatalf("dashboards %v, want operations", monKeys(ds))
	}
	if d.Values["dashboard_name"] != "candlefish-production-operations" {
		t.Errorf("dashboard_name %v", d.Values["dashboard_name"])
	}
	body, ok := d.Values["dashboard_body"].(string)
	if !ok {
		t.Fatalf("dashboard_body is not known: %v", d.Values["dashboard_body"])
	}
	var parsed struct {
		Widgets []map[string]any `json:"widgets"`
	}
	if err := json.Unmarshal([]byte(body), &parsed); err != nil {
		t.Fatalf("dashboard_body is not JSON: %v", err)
	}
	byNamespace = map[string][][]any{}
	for _, w := range parsed.Widgets {
		props, _ := w["properties"].(map[string]any)
		metrics, _ := props["metrics"].([]any)
		for _, mt := range metrics {
			arr, _ := mt.([]any)
			if len(arr) > 0 {
				if ns, ok := arr[0].(string); ok {
					byNamespace[ns] = append(byNamespace[ns], arr)
				}
			}
		}
	}
	return parsed.Widgets, byNamespace
}

func TestMonitoringDashboard(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, nil)
	widgets, byNS := monDashboard(t, m)

	wantMetrics := map[string][]string{
		"AWS/ECS":               {"CPUUtilization", "MemoryUtilization"},
		"ECS/ContainerInsights": {"RunningTaskCount"},
		"AWS/ApplicationELB":    {"RequestCount", "HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count", "TargetResponseTime", "UnHealthyHostCount"},
		"AWS/RDS":               {"ServerlessDatabaseCapacity", "DatabaseConnections"},
		"AWS/ElastiCache":       {"EngineCPUUtilization", "DatabaseMemoryUsagePercentage", "Evictions"},
		"AWS/DynamoDB":          {"ReadThrottleEvents", "WriteThrottleEvents"},
		"AWS/CloudFront":        {"5xxErrorRate", "TotalErrorRate"},
		"CloudWatchSynthetics":  {"SuccessPercent"},
		"Candlefish/Business":   {"Signups", "PaymentFailures"},
	}
	for ns, names := range wantMetrics {
		got := map[string]bool{}
		for _, arr := range byNS[ns] {
			if len(arr) > 1 {
				got[fmt.Sprint(arr[1])] = true
			}
		}
		for _, n := range names {
			if !got[n] {
				t.Errorf("no %s %s widget metric (have %v)", ns, n, got)
			}
		}
	}

	// p50 and p99 latency.
	stats := map[string]bool{}
	for _, arr := range byNS["AWS/ApplicationELB"] {
		if arr[1] == "TargetResponseTime" {
			if opts, ok := arr[len(arr)-1].(map[string]any); ok {
				stats[fmt.Sprint(opts["stat"])] = true
			}
		}
	}
	if !stats["p50"] || !stats["p99"] {
		t.Errorf("latency statistics %v, want p50 and p99", stats)
	}

	// Dimensions come from the inputs.
	wantDims := map[string]string{
		"AWS/ECS":            "candlefish-production-api",
		"AWS/ApplicationELB": "app/candlefish-production/50dc6c495c0c9188",
		"AWS/RDS":            "candlefish-production-aurora",
		"AWS/ElastiCache":    "candlefish-production-cache-002",
		"AWS/DynamoDB":       "candlefish-production-sessions",
		"AWS/CloudFront":     "E2QWRUHAPOMQZL",
	}
	for ns, want := range wantDims {
		found := false
		for _, arr := range byNS[ns] {
			for _, e := range arr {
				if e == want {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("no %s metric with dimension value %s", ns, want)
		}
	}

	// CloudFront widgets read us-east-1 with Region = Global; the others the
	// module's region.
	for _, w := range widgets {
		props, _ := w["properties"].(map[string]any)
		metrics, _ := props["metrics"].([]any)
		isCF := false
		for _, mt := range metrics {
			if arr, ok := mt.([]any); ok && len(arr) > 0 && arr[0] == "AWS/CloudFront" {
				isCF = true
				if fmt.Sprint(arr[4:6]) != "[Region Global]" {
					t.Errorf("CloudFront metric %v lacks Region = Global", arr)
				}
			}
		}
		if isCF && props["region"] != "us-east-1" {
			t.Errorf("CloudFront widget in region %v", props["region"])
		}
		if props["region"] == nil || w["width"] == nil || w["height"] == nil {
			t.Errorf("widget %v lacks region or size", props["title"])
		}
	}
	if len(widgets) != 16 {
		t.Errorf("%d widgets, want 16 (3 ECS, 4 load balancer, 2 Aurora, 3 cache, 1 DynamoDB, 1 CloudFront, 1 canaries, 1 business)", len(widgets))
	}
}

// TestMonitoringDashboardSkipsMissingResources: widgets only for the inputs
// given; no dashboard at all without any.
func TestMonitoringDashboardSkipsMissingResources(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, map[string]string{
		"aurora":           "null",
		"cloudfront":       "null",
		"elasticache":      "null",
		"business_metrics": "{}",
		"enable_canaries":  "false",
	})
	_, byNS := monDashboard(t, m)
	for _, ns := range []string{"AWS/RDS", "AWS/CloudFront", "AWS/ElastiCache", "CloudWatchSynthetics", "Candlefish/Business"} {
		if len(byNS[ns]) > 0 {
			t.Errorf("%s widgets without the resource", ns)
		}
	}
	for _, ns := range []string{"AWS/ECS", "AWS/ApplicationELB", "AWS/DynamoDB"} {
		if len(byNS[ns]) == 0 {
			t.Errorf("no %s widgets", ns)
		}
	}

	none := envtest.Dir(t, monitoringExample, map[string]string{
		"ecs": "null", "alb": "null", "aurora": "null", "elasticache": "null", "cloudfront": "null",
		"dynamodb_table_names": "{}", "business_metrics": "{}", "enable_canaries": "false",
	})
	if n := len(monManaged(none, "aws_cloudwatch_dashboard")); n != 0 {
		t.Errorf("%d dashboards with nothing to show", n)
	}
	if n := len(monManaged(none, "aws_cloudwatch_metric_alarm")); n != 0 {
		t.Errorf("%d alarms with nothing to watch", n)
	}
}

// ---------------------------------------------------------------------------
// Alarms and topics
// ---------------------------------------------------------------------------

func TestMonitoringAlarms(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, nil)
	alarms := monAlarms(t, m)
	want := []string{
		"alb-5xx-rate", "alb-api-unhealthy-hosts", "alb-p99-latency",
		"aurora-acu", "aurora-connections",
		"business-payment-failures", "business-signups",
		"cache-001-cpu", "cache-001-evictions", "cache-001-memory",
		"cache-002-cpu", "cache-002-evictions", "cache-002-memory",
		"canary-api", "canary-home",
		"cloudfront-5xx-rate",
		"dynamodb-events-throttles", "dynamodb-sessions-throttles",
		"ecs-api-cpu", "ecs-api-memory", "ecs-api-running-tasks",
		"ecs-worker-cpu", "ecs-worker-memory", "ecs-worker-running-tasks",
	}
	if got := monKeys(alarms); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("alarms\n got %v\nwant %v", got, want)
	}
	if len(alarms) < 8 {
		t.Fatalf("%d alarms, want at least 8", len(alarms))
	}

	critical := map[string]bool{"alb-5xx-rate": true, "canary-api": true, "canary-home": true, "cloudfront-5xx-rate": true,
		"ecs-api-running-tasks": true, "ecs-worker-running-tasks": true, "business-payment-failures": true}
	for name, a := range alarms {
		actions := monStrings(a.Values["alarm_actions"])
		if len(actions) == 0 || !monRefers(a, monitoringModule+".aws_sns_topic.alerts") {
			t.Errorf("%s: alarm_actions %v do not notify the alerts topic (references %v)", name, actions, a.References)
		}
		wantActions := 1
		if critical[name] {
			wantActions = 2
			if !monRefers(a, monitoringModule+".aws_sns_topic.critical") {
				t.Errorf("%s: critical alarm does not notify the critical topic", name)
			}
		}
		if len(actions) != wantActions {
			t.Errorf("%s: %d alarm actions, want %d", name, len(actions), wantActions)
		}
		if tmd := a.Values["treat_missing_data"]; tmd == nil || tmd == "" {
			t.Errorf("%s: treat_missing_data not chosen", name)
		}
	}

	for name, want := range map[string]string{
		"ecs-api-running-tasks": "breaching",
		"alb-5xx-rate":          "notBreaching",
		"aurora-acu":            "missing",
		"canary-home":           "breaching",
		"business-signups":      "breaching",
	} {
		if got := alarms[name].Values["treat_missing_data"]; got != want {
			t.Errorf("%s: treat_missing_data %v, want %s", name, got, want)
		}
	}

	// CloudFront's alarm lives in us-east-1 with Region = Global.
	cf := alarms["cloudfront-5xx-rate"]
	if cf.Values["region"] != "us-east-1" || cf.Values["metric_name"] != "5xxErrorRate" {
		t.Errorf("cloudfront alarm: region %v metric %v", cf.Values["region"], cf.Values["metric_name"])
	}
	if dims, _ := cf.Values["dimensions"].(map[string]any); dims["Region"] != "Global" || dims["DistributionId"] != "E2QWRUHAPOMQZL" {
		t.Errorf("cloudfront alarm dimensions %v", cf.Values["dimensions"])
	}

	// p99 latency uses the extended statistic, thresholds default sanely.
	lat := alarms["alb-p99-latency"]
	if lat.Values["extended_statistic"] != "p99" {
		t.Errorf("latency alarm statistic %v", lat.Values["extended_statistic"])
	}
	if n, _ := monNumber(lat.Values["threshold"]); n != 2 {
		t.Errorf("latency threshold %v, want 2", lat.Values["threshold"])
	}
	if n, _ := monNumber(alarms["ecs-api-cpu"].Values["period"]); n != 60 {
		t.Errorf("full depth period %v, want 60", alarms["ecs-api-cpu"].Values["period"])
	}

	// The 5xx rate divides 5xx by requests.
	rate := alarms["alb-5xx-rate"]
	ids := map[string]bool{}
	for _, q := range monBlocks(rate.Values["metric_query"]) {
		ids[fmt.Sprint(q["id"])] = true
		if q["id"] == "e1" && !strings.Contains(fmt.Sprint(q["expression"]), "/ FILL(m3, 0)") {
			t.Errorf("5xx rate expression %v", q["expression"])
		}
	}
	if len(ids) != 4 {
		t.Errorf("5xx rate queries %v, want e1, m1, m2, m3", ids)
	}
}

// TestMonitoringAlarmThresholds: thresholds are inputs.
func TestMonitoringAlarmThresholds(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, map[string]string{
		"alarm_thresholds": `{ ecs_cpu_percent = 65, aurora_acu = 10 }`,
	})
	alarms := monAlarms(t, m)
	if n, _ := monNumber(alarms["ecs-api-cpu"].Values["threshold"]); n != 65 {
		t.Errorf("cpu threshold %v, want 65", alarms["ecs-api-cpu"].Values["threshold"])
	}
	if n, _ := monNumber(alarms["aurora-acu"].Values["threshold"]); n != 10 {
		t.Errorf("ACU threshold %v, want 10", alarms["aurora-acu"].Values["threshold"])
	}
	if n, _ := monNumber(alarms["ecs-api-memory"].Values["threshold"]); n != 85 {
		t.Errorf("memory threshold %v, want the default 85", alarms["ecs-api-memory"].Values["threshold"])
	}
}

// TestMonitoringDepth counts the alarms and dashboards per depth (the cost
// knob): basic keeps the essentials with 5-minute periods.
func TestMonitoringDepth(t *testing.T) {
	for _, tc := range []struct {
		depth  string
		alarms int
		period float64
	}{
		// 4 ECS (cpu, memory x 2), 5xx rate, 2 cache memory, 2 canaries, 2 business.
		{"basic", 11, 300},
		// + 2 running tasks, p99, unhealthy hosts, 2 Aurora, 4 cache cpu and
		// evictions, 2 DynamoDB, CloudFront.
		{"enhanced", 24, 300},
		{"full", 24, 60},
	} {
		t.Run(tc.depth, func(t *testing.T) {
			m := envtest.Dir(t, monitoringExample, map[string]string{"monitoring_depth": `"` + tc.depth + `"`})
			alarms := monAlarms(t, m)
			if len(alarms) != tc.alarms {
				t.Errorf("%d alarms, want %d: %v", len(alarms), tc.alarms, monKeys(alarms))
			}
			if n := len(monManaged(m, "aws_cloudwatch_dashboard")); n != 1 {
				t.Errorf("%d dashboards, want 1", n)
			}
			if p, _ := monNumber(alarms["ecs-api-cpu"].Values["period"]); p != tc.period {
				t.Errorf("period %v, want %v", p, tc.period)
			}
			insights := false
			for _, g := range monManaged(m, "aws_xray_group") {
				if v, _ := g.Lookup("insights_configuration.0.insights_enabled"); v == true {
					insights = true
				}
			}
			if insights != (tc.depth == "full") {
				t.Errorf("X-Ray Insights %v at depth %s", insights, tc.depth)
			}
		})
	}

	// Alarms can be switched off altogether; canary and business alarms stay.
	m := envtest.Dir(t, monitoringExample, map[string]string{"enable_alarms": "false"})
	if got := monKeys(monAlarms(t, m)); fmt.Sprint(got) != "[business-payment-failures business-signups canary-api canary-home]" {
		t.Errorf("alarms with enable_alarms = false: %v", got)
	}
}

func TestMonitoringTopicsAndSubscriptions(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, nil)
	topics := monNamed(m, "aws_sns_topic", "alerts")
	for k, v := range monNamed(m, "aws_sns_topic", "critical") {
		topics["critical"+k] = v
	}
	if len(topics) != 2 {
		t.Fatalf("topics %v, want alerts and critical", monKeys(topics))
	}
	for k, tp := range topics {
		if !monSet(tp.Values["kms_master_key_id"]) {
			t.Errorf("topic %s is not KMS-encrypted", k)
		}
		if !monRefers(tp, "aws_kms_key.this") {
			t.Errorf("topic %s is not encrypted with the example's key: %v", k, tp.References)
		}
	}

	subs := monNamed(m, "aws_sns_topic_subscription", "this")
	want := []string{
		"alerts:email:ops@candlefish.ai",
		"alerts:email:platform@candlefish.ai",
		"alerts:https:" + monURLKey(monAlertURL),
		"critical:email:oncall@candlefish.ai",
		"critical:https:" + monURLKey(monCriticalURL),
	}
	sort.Strings(want)
	if got := monKeys(subs); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("subscriptions\n got %v\nwant %v", got, want)
	}
	endpoints := map[string]string{"alerts:https:" + monURLKey(monAlertURL): monAlertURL, "critical:https:" + monURLKey(monCriticalURL): monCriticalURL}
	for k, s := range subs {
		parts := strings.SplitN(k, ":", 3)
		endpoint := parts[2]
		if e, ok := endpoints[k]; ok {
			endpoint = e
		}
		if s.Values["protocol"] != parts[1] || s.Values["endpoint"] != endpoint {
			t.Errorf("%s: protocol %v endpoint %v", k, s.Values["protocol"], s.Values["endpoint"])
		}
		if s.Values["endpoint_auto_confirms"] != (parts[1] == "https") {
			t.Errorf("%s: endpoint_auto_confirms %v", k, s.Values["endpoint_auto_confirms"])
		}
	}

	// Topic policies let alarms, budgets and anomaly detection publish, and
	// deny publishing without TLS.
	policies := map[string]*model.Resource{}
	for _, d := range monData(m, "aws_iam_policy_document") {
		if d.Name == "topic" {
			policies[fmt.Sprint(d.Index)] = d
		}
	}
	if fmt.Sprint(monKeys(policies)) != "[alerts critical]" {
		t.Fatalf("topic policies %v", monKeys(policies))
	}
	for k, d := range policies {
		var publishers []string
		tls := false
		for _, st := range monBlocks(d.Values["statement"]) {
			for _, p := range monBlocks(st["principals"]) {
				if p["type"] == "Service" {
					publishers = append(publishers, monStrings(p["identifiers"])...)
				}
			}
			for _, c := range monBlocks(st["condition"]) {
				if st["effect"] == "Deny" && c["variable"] == "aws:SecureTransport" {
					tls = true
				}
			}
		}
		sort.Strings(publishers)
		if fmt.Sprint(publishers) != "[budgets.amazonaws.com cloudwatch.amazonaws.com costalerts.amazonaws.com]" {
			t.Errorf("%s topic publishers %v", k, publishers)
		}
		if !tls {
			t.Errorf("%s topic policy does not deny publishing without TLS", k)
		}
	}

	// Without the critical topic: one topic, its subscriptions dropped, every
	// alarm notifies the alerts topic alone.
	one := envtest.Dir(t, monitoringExample, map[string]string{"enable_critical_topic": "false", "alert_https_endpoints": "[]"})
	if n := len(monManaged(one, "aws_sns_topic")); n != 1 {
		t.Errorf("%d topics without the critical one", n)
	}
	if got := monKeys(monNamed(one, "aws_sns_topic_subscription", "this")); fmt.Sprint(got) != "[alerts:email:ops@candlefish.ai alerts:email:platform@candlefish.ai]" {
		t.Errorf("subscriptions %v", got)
	}
	for name, a := range monAlarms(t, one) {
		if n := len(monStrings(a.Values["alarm_actions"])); n != 1 {
			t.Errorf("%s: %d actions without the critical topic", name, n)
		}
	}
}

// ---------------------------------------------------------------------------
// Canaries
// ---------------------------------------------------------------------------

func TestMonitoringCanaries(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, nil)
	canaries := monNamed(m, "aws_synthetics_canary", "this")
	if fmt.Sprint(monKeys(canaries)) != "[api home]" {
		t.Fatalf("canaries %v, want api and home", monKeys(canaries))
	}
	alarms := monAlarms(t, m)
	for k, c := range canaries {
		if c.Values["name"] != "candlefish-production-"+k {
			t.Errorf("%s: name %v", k, c.Values["name"])
		}
		if c.Values["runtime_version"] != "syn-nodejs-puppeteer-15.0" {
			t.Errorf("%s: runtime %v", k, c.Values["runtime_version"])
		}
		if v, _ := c.Lookup("schedule.0.expression"); v != "rate(5 minutes)" {
			t.Errorf("%s: schedule %v", k, v)
		}
		if v, _ := c.Lookup("artifact_config.0.s3_encryption.0.encryption_mode"); v != "SSE_KMS" {
			t.Errorf("%s: artifacts encryption %v", k, v)
		}
		if v, _ := c.Lookup("artifact_config.0.s3_encryption.0.kms_key_arn"); !monSet(v) {
			t.Errorf("%s: artifacts are not encrypted with a KMS key", k)
		}
		if v, _ := c.Lookup("run_config.0.environment_variables.TARGET_URL"); v != "https://app.candlefish.ai" {
			t.Errorf("%s: TARGET_URL %v", k, v)
		}
		if !monRefers(c, monitoringModule+".aws_s3_object.canary_code") || !monRefers(c, monitoringModule+".aws_iam_role.canary") {
			t.Errorf("%s: does not run the uploaded code with the canary role: %v", k, c.References)
		}
		a, ok := alarms["canary-"+k]
		if !ok {
			t.Errorf("%s: no alarm", k)
			continue
		}
		dims, _ := a.Values["dimensions"].(map[string]any)
		if a.Values["metric_name"] != "SuccessPercent" || a.Values["comparison_operator"] != "LessThanThreshold" || dims["CanaryName"] != c.Values["name"] {
			t.Errorf("%s: alarm %v %v %v", k, a.Values["metric_name"], a.Values["comparison_operator"], dims)
		}
		if n, _ := monNumber(a.Values["threshold"]); n != 100 {
			t.Errorf("%s: alarm threshold %v, want 100", k, a.Values["threshold"])
		}
		if n, _ := monNumber(a.Values["period"]); n != 300 {
			t.Errorf("%s: alarm period %v, want the schedule's 300", k, a.Values["period"])
		}
	}
	if v, _ := canaries["home"].Values["handler"].(string); v != "heartbeat.handler" {
		t.Errorf("home handler %v", canaries["home"].Values["handler"])
	}
	if v, _ := canaries["api"].Values["handler"].(string); v != "api.handler" {
		t.Errorf("api handler %v", canaries["api"].Values["handler"])
	}

	// The artifacts bucket: versioned, SSE-KMS with a bucket key, private,
	// owner-enforced, TLS only, artifacts expire.
	if n := len(monManaged(m, "aws_s3_bucket")); n != 1 {
		t.Fatalf("%d buckets, want the artifacts bucket", n)
	}
	if v, _ := monNamed(m, "aws_s3_bucket_versioning", "canary_artifacts")["0"].Lookup("versioning_configuration.0.status"); v != "Enabled" {
		t.Errorf("versioning %v", v)
	}
	sse := monNamed(m, "aws_s3_bucket_server_side_encryption_configuration", "canary_artifacts")["0"]
	if v, _ := sse.Lookup("rule.0.apply_server_side_encryption_by_default.0.sse_algorithm"); v != "aws:kms" {
		t.Errorf("sse_algorithm %v", v)
	}
	if v, _ := sse.Lookup("rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id"); !monSet(v) {
		t.Error("no KMS key on the artifacts bucket")
	}
	if v, _ := sse.Lookup("rule.0.bucket_key_enabled"); v != true {
		t.Errorf("bucket_key_enabled %v", v)
	}
	pab := monNamed(m, "aws_s3_bucket_public_access_block", "canary_artifacts")["0"]
	for _, a := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
		if pab.Values[a] != true {
			t.Errorf("%s %v", a, pab.Values[a])
		}
	}
	if v, _ := monNamed(m, "aws_s3_bucket_ownership_controls", "canary_artifacts")["0"].Lookup("rule.0.object_ownership"); v != "BucketOwnerEnforced" {
		t.Errorf("object ownership %v", v)
	}
	lc := monNamed(m, "aws_s3_bucket_lifecycle_configuration", "canary_artifacts")["0"]
	if v, _ := lc.Lookup("rule.0.expiration.0.days"); fmt.Sprint(v) != "90" {
		t.Errorf("artifacts expire after %v days, want the log retention 90", v)
	}
	var bucketPolicy *model.Resource
	for _, d := range monData(m, "aws_iam_policy_document") {
		if d.Name == "canary_artifacts_bucket" {
			bucketPolicy = d
		}
	}
	if bucketPolicy == nil || !monTLSOnly(bucketPolicy) {
		t.Error("the artifacts bucket policy does not deny requests without TLS")
	}
	if n := len(monData(m, "archive_file")); n != 1 {
		t.Errorf("%d archive_file data sources, want 1", n)
	}
}

// TestMonitoringCanaryRole: least privilege, no "*" action, PutMetricData
// only in the CloudWatchSynthetics namespace, logs only for its own groups.
func TestMonitoringCanaryRole(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, nil)
	var doc *model.Resource
	for _, d := range monData(m, "aws_iam_policy_document") {
		if d.Name == "canary" {
			doc = d
		}
	}
	if doc == nil {
		t.Fatal("no canary policy document")
	}
	sids := map[string]map[string]any{}
	for _, st := range monBlocks(doc.Values["statement"]) {
		sids[fmt.Sprint(st["sid"])] = st
		for _, a := range monStrings(st["actions"]) {
			if a == "*" || strings.HasSuffix(a, ":*") {
				t.Errorf("statement %v allows %s", st["sid"], a)
			}
		}
	}
	metrics := sids["PublishCanaryMetrics"]
	if metrics == nil || fmt.Sprint(monStrings(metrics["actions"])) != "[cloudwatch:PutMetricData]" {
		t.Fatalf("metrics statement %v", metrics)
	}
	cond := monBlocks(metrics["condition"])
	if len(cond) != 1 || cond[0]["variable"] != "cloudwatch:namespace" || fmt.Sprint(monStrings(cond[0]["values"])) != "[CloudWatchSynthetics]" {
		t.Errorf("PutMetricData condition %v", cond)
	}
	logs := sids["WriteOwnLogs"]
	resources := monStrings(logs["resources"])
	if len(resources) != 2 {
		t.Errorf("log resources %v, want one per canary", resources)
	}
	for _, r := range resources {
		if !strings.Contains(r, ":log-group:/aws/lambda/cwsyn-candlefish-production-") && !model.IsUnknown(r) && !strings.Contains(r, "known after apply") {
			t.Errorf("log resource %s is not a canary's own log group", r)
		}
	}
	if a := fmt.Sprint(monStrings(logs["actions"])); strings.Contains(a, "CreateLogGroup") {
		t.Errorf("the role may create log groups: %s", a)
	}
}

func TestMonitoringCanariesDisabled(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, map[string]string{"enable_canaries": "false"})
	for _, typ := range []string{
		"aws_synthetics_canary", "aws_s3_bucket", "aws_s3_object", "aws_iam_role", "aws_iam_role_policy", "aws_cloudwatch_log_group",
	} {
		if n := len(monManaged(m, typ)); n != 0 {
			t.Errorf("%d %s without canaries", n, typ)
		}
	}
	if n := len(monData(m, "archive_file")); n != 0 {
		t.Errorf("%d archive_file without canaries", n)
	}
	for name := range monAlarms(t, m) {
		if strings.HasPrefix(name, "canary-") {
			t.Errorf("canary alarm %s without canaries", name)
		}
	}
	for _, arr := range func() map[string][][]any { _, b := monDashboard(t, m); return b }()["CloudWatchSynthetics"] {
		t.Errorf("canary widget %v without canaries", arr)
	}
}

// ---------------------------------------------------------------------------
// Budget and anomaly detection
// ---------------------------------------------------------------------------

func TestMonitoringBudget(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, nil)
	bs := monManaged(m, "aws_budgets_budget")
	if len(bs) != 1 {
		t.Fatalf("%d budgets, want 1", len(bs))
	}
	b := bs[0]
	if n, ok := monNumber(b.Values["limit_amount"]); !ok || n != 1500 {
		t.Errorf("limit_amount %v, want 1500", b.Values["limit_amount"])
	}
	for k, want := range map[string]string{"budget_type": "COST", "time_unit": "MONTHLY", "limit_unit": "USD", "name": "candlefish-production-monthly"} {
		if b.Values[k] != want {
			t.Errorf("%s %v, want %s", k, b.Values[k], want)
		}
	}
	f := monBlocks(b.Values["cost_filter"])
	if len(f) != 1 || f[0]["name"] != "TagKeyValue" || fmt.Sprint(monStrings(f[0]["values"])) != "[user:Environment$production]" {
		t.Errorf("cost_filter %v", f)
	}
	var got []string
	for _, n := range monBlocks(b.Values["notification"]) {
		th, _ := monNumber(n["threshold"])
		got = append(got, fmt.Sprintf("%v %g", n["notification_type"], th))
		if n["threshold_type"] != "PERCENTAGE" || n["comparison_operator"] != "GREATER_THAN" {
			t.Errorf("notification %v", n)
		}
		if len(monStrings(n["subscriber_sns_topic_arns"])) != 1 || fmt.Sprint(monStrings(n["subscriber_email_addresses"])) != "[finance@candlefish.ai]" {
			t.Errorf("notification subscribers %v %v", n["subscriber_sns_topic_arns"], n["subscriber_email_addresses"])
		}
	}
	sort.Strings(got)
	if fmt.Sprint(got) != "[ACTUAL 100 ACTUAL 80 FORECASTED 100]" {
		t.Errorf("notifications %v, want 80 and 100 actual, 100 forecasted", got)
	}

	// The limit follows the input, and defaults to the environment's ceiling.
	for _, tc := range []struct {
		overrides map[string]string
		want      float64
	}{
		{map[string]string{"budget_limit_usd": "400"}, 400},
		{map[string]string{"budget_limit_usd": "null", "environment": `"dev"`, "log_retention_days": "7"}, 100},
		{map[string]string{"budget_limit_usd": "null", "environment": `"staging"`, "log_retention_days": "30"}, 400},
		{map[string]string{"budget_limit_usd": "null"}, 1500},
	} {
		m := envtest.Dir(t, monitoringExample, tc.overrides)
		b := monManaged(m, "aws_budgets_budget")
		if len(b) != 1 {
			t.Fatalf("%v: %d budgets", tc.overrides, len(b))
		}
		if n, _ := monNumber(b[0].Values["limit_amount"]); n != tc.want {
			t.Errorf("%v: limit %v, want %v", tc.overrides, b[0].Values["limit_amount"], tc.want)
		}
	}
	if n := len(monManaged(envtest.Dir(t, monitoringExample, map[string]string{"enable_budget": "false"}), "aws_budgets_budget")); n != 0 {
		t.Errorf("%d budgets with enable_budget = false", n)
	}
}

func TestMonitoringAnomalyDetection(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, nil)
	mons := monManaged(m, "aws_ce_anomaly_monitor")
	subs := monManaged(m, "aws_ce_anomaly_subscription")
	if len(mons) != 1 || len(subs) != 1 {
		t.Fatalf("%d monitors, %d subscriptions, want 1 and 1", len(mons), len(subs))
	}
	mon := mons[0]
	if mon.Values["monitor_type"] != "CUSTOM" {
		t.Errorf("monitor_type %v", mon.Values["monitor_type"])
	}
	var spec struct {
		Tags struct {
			Key    string
			Values []string
		}
	}
	if err := json.Unmarshal([]byte(fmt.Sprint(mon.Values["monitor_specification"])), &spec); err != nil || spec.Tags.Key != "Environment" || fmt.Sprint(spec.Tags.Values) != "[production]" {
		t.Errorf("monitor_specification %v (%v)", mon.Values["monitor_specification"], err)
	}
	sub := subs[0]
	if sub.Values["frequency"] != "IMMEDIATE" {
		t.Errorf("frequency %v", sub.Values["frequency"])
	}
	if s := monBlocks(sub.Values["subscriber"]); len(s) != 1 || s[0]["type"] != "SNS" || !monRefers(sub, monitoringModule+".aws_sns_topic.alerts") {
		t.Errorf("subscribers %v", s)
	}
	var dims []string
	for _, and := range monBlocks(monBlocks(sub.Values["threshold_expression"])[0]["and"]) {
		for _, d := range monBlocks(and["dimension"]) {
			dims = append(dims, fmt.Sprintf("%v>=%v", d["key"], monStrings(d["values"])))
		}
	}
	if fmt.Sprint(dims) != "[ANOMALY_TOTAL_IMPACT_ABSOLUTE>=[100] ANOMALY_TOTAL_IMPACT_PERCENTAGE>=[10]]" {
		t.Errorf("threshold expression %v", dims)
	}

	// Account-wide by service; daily email summaries; the USD threshold alone.
	m = envtest.Dir(t, monitoringExample, map[string]string{
		"anomaly_monitor_type": `"SERVICE"`, "anomaly_frequency": `"DAILY"`,
		"anomaly_emails": `["finance@candlefish.ai"]`, "anomaly_threshold_percent": "null",
	})
	mon = monManaged(m, "aws_ce_anomaly_monitor")[0]
	if mon.Values["monitor_type"] != "DIMENSIONAL" || mon.Values["monitor_dimension"] != "SERVICE" {
		t.Errorf("service monitor %v %v", mon.Values["monitor_type"], mon.Values["monitor_dimension"])
	}
	sub = monManaged(m, "aws_ce_anomaly_subscription")[0]
	if s := monBlocks(sub.Values["subscriber"]); len(s) != 1 || s[0]["type"] != "EMAIL" || s[0]["address"] != "finance@candlefish.ai" {
		t.Errorf("email subscribers %v", s)
	}
	d, _ := sub.Lookup("threshold_expression.0.dimension.0.key")
	v, _ := sub.Lookup("threshold_expression.0.dimension.0.values.0")
	if d != "ANOMALY_TOTAL_IMPACT_ABSOLUTE" || v != "100" {
		t.Errorf("threshold %v %v", d, v)
	}
}

// ---------------------------------------------------------------------------
// Log retention, X-Ray, business metrics
// ---------------------------------------------------------------------------

func TestMonitoringLogRetention(t *testing.T) {
	for _, tc := range []struct {
		overrides map[string]string
		want      float64
	}{
		{nil, 90},
		{map[string]string{"log_retention_days": "365"}, 365},
		{map[string]string{"log_retention_days": "null"}, 90},
		{map[string]string{"environment": `"staging"`, "log_retention_days": "null"}, 30},
		{map[string]string{"environment": `"dev"`, "log_retention_days": "null"}, 7},
	} {
		m := envtest.Dir(t, monitoringExample, tc.overrides)
		groups := monManaged(m, "aws_cloudwatch_log_group")
		if len(groups) != 2 {
			t.Errorf("%v: %d log groups, want one per canary", tc.overrides, len(groups))
		}
		for _, g := range groups {
			if n, _ := monNumber(g.Values["retention_in_days"]); n != tc.want {
				t.Errorf("%v: %s keeps logs %v days, want %v", tc.overrides, g.Address, g.Values["retention_in_days"], tc.want)
			}
			if !monSet(g.Values["kms_key_id"]) {
				t.Errorf("%s has no KMS key", g.Address)
			}
		}
		// The canaries keep their runs as long (Synthetics allows 455 days).
		for _, c := range monManaged(m, "aws_synthetics_canary") {
			if n, _ := monNumber(c.Values["success_retention_period"]); n != tc.want {
				t.Errorf("%v: %s keeps runs %v days", tc.overrides, c.Address, c.Values["success_retention_period"])
			}
		}
	}
}

func TestMonitoringXRay(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, nil)
	rules := monNamed(m, "aws_xray_sampling_rule", "this")
	if fmt.Sprint(monKeys(rules)) != "[default health]" {
		t.Fatalf("sampling rules %v", monKeys(rules))
	}
	if n, _ := monNumber(rules["default"].Values["fixed_rate"]); n != 0.05 {
		t.Errorf("default rate %v, want 0.05", rules["default"].Values["fixed_rate"])
	}
	if n, _ := monNumber(rules["health"].Values["fixed_rate"]); n != 0 || rules["health"].Values["url_path"] != "/health*" {
		t.Errorf("health rule %v %v", rules["health"].Values["fixed_rate"], rules["health"].Values["url_path"])
	}
	for k, r := range rules {
		if name, _ := r.Values["rule_name"].(string); len(name) > 32 || !strings.HasPrefix(name, "candlefish-prd-") {
			t.Errorf("%s: rule_name %v", k, r.Values["rule_name"])
		}
	}
	groups := monNamed(m, "aws_xray_group", "this")
	if fmt.Sprint(monKeys(groups)) != "[errors slow]" {
		t.Fatalf("groups %v", monKeys(groups))
	}
	if groups["slow"].Values["filter_expression"] != "responsetime > 2" || !strings.Contains(fmt.Sprint(groups["errors"].Values["filter_expression"]), "fault = true") {
		t.Errorf("filters %v / %v", groups["slow"].Values["filter_expression"], groups["errors"].Values["filter_expression"])
	}
	enc := monManaged(m, "aws_xray_encryption_config")
	if len(enc) != 1 || enc[0].Values["type"] != "KMS" || !monSet(enc[0].Values["key_id"]) {
		t.Errorf("encryption config %v", enc)
	}

	// The rate follows the environment when not given.
	m = envtest.Dir(t, monitoringExample, map[string]string{"xray_sampling_rate": "null", "environment": `"staging"`, "log_retention_days": "30"})
	if n, _ := monNumber(monNamed(m, "aws_xray_sampling_rule", "this")["default"].Values["fixed_rate"]); n != 0.1 {
		t.Errorf("staging rate %v, want 0.1", n)
	}

	m = envtest.Dir(t, monitoringExample, map[string]string{"enable_xray": "false"})
	for _, typ := range []string{"aws_xray_sampling_rule", "aws_xray_group", "aws_xray_encryption_config"} {
		if n := len(monManaged(m, typ)); n != 0 {
			t.Errorf("%d %s with enable_xray = false", n, typ)
		}
	}
}

func TestMonitoringBusinessMetrics(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, nil)
	filters := monNamed(m, "aws_cloudwatch_log_metric_filter", "this")
	if fmt.Sprint(monKeys(filters)) != "[order-value payment-failures signups]" {
		t.Fatalf("filters %v", monKeys(filters))
	}
	for k, f := range filters {
		if v, _ := f.Lookup("metric_transformation.0.namespace"); v != "Candlefish/Business" {
			t.Errorf("%s: namespace %v", k, v)
		}
		if f.Values["log_group_name"] != "/ecs/candlefish-production/api" {
			t.Errorf("%s: log group %v", k, f.Values["log_group_name"])
		}
	}
	if v, _ := filters["order-value"].Lookup("metric_transformation.0.value"); v != "$.amount" {
		t.Errorf("order-value value %v", v)
	}
	if v, _ := filters["order-value"].Lookup("metric_transformation.0.dimensions.Currency"); v != "$.currency" {
		t.Errorf("order-value dimensions %v", v)
	}
	alarms := monNamed(m, "aws_cloudwatch_metric_alarm", "business")
	if fmt.Sprint(monKeys(alarms)) != "[payment-failures signups]" {
		t.Errorf("business alarms %v", monKeys(alarms))
	}
	s := alarms["signups"]
	if s.Values["comparison_operator"] != "LessThanThreshold" || s.Values["namespace"] != "Candlefish/Business" || s.Values["metric_name"] != "Signups" {
		t.Errorf("signups alarm %v %v %v", s.Values["comparison_operator"], s.Values["namespace"], s.Values["metric_name"])
	}
	if n, _ := monNumber(s.Values["period"]); n != 3600 {
		t.Errorf("signups period %v", s.Values["period"])
	}
}

// ---------------------------------------------------------------------------
// Validations
// ---------------------------------------------------------------------------

// monOwnKeys makes the example hand its four *_kms_key_arn variables to the
// module as they are, all valid, plus the overrides.
func monOwnKeys(overrides map[string]string) map[string]string {
	out := map[string]string{
		"create_kms_key":        "false",
		"kms_key_arn":           monKeyA,
		"logs_kms_key_arn":      monKeyA,
		"artifacts_kms_key_arn": monKeyB,
		"xray_kms_key_arn":      monKeyB,
	}
	for k, v := range overrides {
		out[k] = v
	}
	return out
}

// monMetric writes a business_metrics map of one entry "m" whose body is
// the given attributes on top of a valid log group, pattern and metric name.
func monMetric(attrs string) string {
	return `{ m = { log_group_name = "/ecs/app", pattern = "{ $.event = \"x\" }", metric_name = "X"` + attrs + ` } }`
}

type monCase struct {
	name      string
	good, bad map[string]string
	want      string
}

func monValidationCases() []monCase {
	o := func(kv ...string) map[string]string {
		out := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	return []monCase{
		{"project", o("project", `"cf-demo"`), o("project", `"Candlefish!"`), "project must be 3-20 characters"},
		{"environment", o("environment", `"staging"`), o("environment", `"prod"`), "environment must be one of"},
		{"region", o("region", `"us-west-2"`), o("region", `"eu-west-1"`), "region must be one of: us-east-1, us-west-2"},
		{"monitoring_depth", o("monitoring_depth", `"basic"`), o("monitoring_depth", `"maximal"`), "monitoring_depth must be null or one of"},

		{"kms_key_arn", monOwnKeys(nil), monOwnKeys(o("kms_key_arn", `"alias/alerts"`)), "kms_key_arn must be a KMS key ARN"},
		{"logs_kms_key_arn format", monOwnKeys(nil), monOwnKeys(o("logs_kms_key_arn", `"alias/logs"`)), "logs_kms_key_arn must be null or a KMS key ARN"},
		{"artifacts_kms_key_arn format", monOwnKeys(nil), monOwnKeys(o("artifacts_kms_key_arn", `"arn:aws:s3:::bucket"`)), "artifacts_kms_key_arn must be null or a KMS key ARN"},
		{"xray_kms_key_arn format", monOwnKeys(nil), monOwnKeys(o("xray_kms_key_arn", `"key/1234"`)), "xray_kms_key_arn must be null or a KMS key ARN"},

		{"alert_emails", o("alert_emails", `["sre+alerts@candlefish.ai"]`), o("alert_emails", `["ops.candlefish.ai"]`), "alert_emails must be email addresses"},
		{"alert_https_endpoints", o("alert_https_endpoints", `["https://hooks.example.com:8443/sns"]`), o("alert_https_endpoints", `["http://hooks.example.com/sns"]`), "alert_https_endpoints must be https:// URLs"},
		{"critical_alert_emails", o("critical_alert_emails", `["pager@candlefish.ai"]`), o("critical_alert_emails", `["pager@"]`), "critical_alert_emails must be email addresses"},
		{"critical_https_endpoints", o("critical_https_endpoints", `["https://api.opsgenie.com/v1/json/amazonsns?apiKey=x"]`), o("critical_https_endpoints", `["ftp://pager"]`), "critical_https_endpoints must be https:// URLs"},

		{"log_retention_days values", o("log_retention_days", "365"), o("log_retention_days", "100"), "log_retention_days must be null or one of"},
		{"log_retention_days tier",
			o("environment", `"dev"`, "log_retention_days", "7"),
			o("environment", `"production"`, "log_retention_days", "30"), "log_retention_days must fit the environment's tier"},

		{"ecs service keys", o("ecs", `{ cluster_name = "c", service_names = { api_v2 = "svc" } }`), o("ecs", `{ cluster_name = "c", service_names = { "API v2" = "svc" } }`), "ecs.service_names keys must be"},
		{"ecs services", o("ecs", `{ cluster_name = "c", service_names = { api = "svc" } }`), o("ecs", `{ cluster_name = "c", service_names = {} }`), "ecs.service_names must name at least one service"},
		{"alb target group keys",
			o("alb", `{ arn_suffix = "app/lb/0123abcd", target_group_arn_suffixes = { web = "targetgroup/web/0123abcd" } }`),
			o("alb", `{ arn_suffix = "app/lb/0123abcd", target_group_arn_suffixes = { "Web!" = "targetgroup/web/0123abcd" } }`), "alb.target_group_arn_suffixes keys must be"},
		{"alb arn_suffix",
			o("alb", `{ arn_suffix = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/lb/0123abcd" }`),
			o("alb", `{ arn_suffix = "net/lb/0123abcd" }`), "alb.arn_suffix must be an application load balancer's ARN suffix"},
		{"aurora", o("aurora", `{ cluster_identifier = "db-1" }`), o("aurora", `{ cluster_identifier = "DB_1" }`), "aurora.cluster_identifier must be an RDS cluster identifier"},
		{"elasticache id", o("elasticache", `{ replication_group_id = "cache-1" }`), o("elasticache", `{ replication_group_id = "1cache" }`), "elasticache.replication_group_id must be"},
		{"elasticache node_count", o("elasticache", `{ replication_group_id = "cache", node_count = 6 }`), o("elasticache", `{ replication_group_id = "cache", node_count = 7 }`), "elasticache.node_count must be a whole number from 1 to 6"},
		{"dynamodb_table_names", o("dynamodb_table_names", `{ orders = "t-orders" }`), o("dynamodb_table_names", `{ "Orders!" = "t-orders" }`), "dynamodb_table_names keys must be"},

		{"alarm_thresholds percentages", o("alarm_thresholds", `{ ecs_cpu_percent = 100 }`), o("alarm_thresholds", `{ ecs_cpu_percent = 150 }`), "alarm_thresholds percentages"},
		{"alarm_thresholds counts", o("alarm_thresholds", `{ cache_evictions = 0 }`), o("alarm_thresholds", `{ cache_evictions = -1 }`), "alarm_thresholds counts"},
		{"alarm_thresholds latency", o("alarm_thresholds", `{ alb_p99_latency_seconds = 0.5 }`), o("alarm_thresholds", `{ alb_p99_latency_seconds = 0 }`), "alarm_thresholds.alb_p99_latency_seconds"},
		{"alarm_thresholds ACU", o("alarm_thresholds", `{ aurora_acu = 16 }`), o("alarm_thresholds", `{ aurora_acu = 300 }`), "alarm_thresholds.aurora_acu"},
		{"alarm_thresholds connections", o("alarm_thresholds", `{ aurora_connections = 1 }`), o("alarm_thresholds", `{ aurora_connections = 0 }`), "alarm_thresholds.aurora_connections"},
		{"alarm_period_seconds", o("alarm_period_seconds", "120"), o("alarm_period_seconds", "45"), "alarm_period_seconds must be null, 10, 30 or a multiple of 60"},
		{"alarm_evaluation_periods", o("alarm_evaluation_periods", "1"), o("alarm_evaluation_periods", "11"), "alarm_evaluation_periods must be a whole number from 1 to 10"},

		{"xray_sampling_rate", o("xray_sampling_rate", "1"), o("xray_sampling_rate", "1.5"), "xray_sampling_rate must be null or a number from 0 to 1"},
		{"xray_reservoir_size", o("xray_reservoir_size", "0"), o("xray_reservoir_size", "2.5"), "xray_reservoir_size must be a whole number from 0 to 1000"},
		{"xray_service_name", o("xray_service_name", `"candlefish-staging-*"`), o("xray_service_name", `""`), "xray_service_name must be 1-64 characters"},
		{"xray_health_check_path", o("xray_health_check_path", `"/healthz"`), o("xray_health_check_path", `"healthz"`), "xray_health_check_path must start with /"},
		{"xray_slow_response_seconds", o("xray_slow_response_seconds", "0.5"), o("xray_slow_response_seconds", "0"), "xray_slow_response_seconds must be greater than 0"},

		{"business_metrics_namespace", o("business_metrics_namespace", `"Candlefish/Revenue"`), o("business_metrics_namespace", `"AWS/Business"`), "business_metrics_namespace must be"},
		{"business_metrics keys", o("business_metrics", monMetric("")), o("business_metrics", `{ "Sign Ups" = { log_group_name = "/ecs/app", pattern = "x", metric_name = "X" } }`), "business_metrics keys must be"},
		{"business_metrics log_group_name", o("business_metrics", monMetric("")), o("business_metrics", `{ m = { log_group_name = "ecs app", pattern = "x", metric_name = "X" } }`), "business_metrics log_group_name must be"},
		{"business_metrics metric_name", o("business_metrics", monMetric("")), o("business_metrics", `{ m = { log_group_name = "/ecs/app", pattern = "x", metric_name = "Sign ups" } }`), "business_metrics pattern must be at most 1024 characters and metric_name"},
		{"business_metrics unit", o("business_metrics", monMetric(`, unit = "Milliseconds"`)), o("business_metrics", monMetric(`, unit = "Dollars"`)), "business_metrics unit must be a CloudWatch unit"},
		{"business_metrics value", o("business_metrics", monMetric(`, value = "$.amount"`)), o("business_metrics", monMetric(`, value = "amount"`)), "business_metrics value must be a number"},
		{"business_metrics default_value and dimensions",
			o("business_metrics", monMetric(`, default_value = 0`)),
			o("business_metrics", monMetric(`, default_value = 0, dimensions = { Plan = "$.plan" }`)), "may have a default_value or dimensions, not both"},
		{"business_metrics dimensions",
			o("business_metrics", monMetric(`, dimensions = { A = "$.a", B = "$.b", C = "$.c" }`)),
			o("business_metrics", monMetric(`, dimensions = { A = "$.a", B = "$.b", C = "$.c", D = "$.d" }`)), "dimensions may hold at most 3 entries"},
		{"business_metrics alarm with dimensions",
			o("business_metrics", monMetric(`, alarm = { threshold = 1, comparison = "GreaterThanThreshold" }`)),
			o("business_metrics", monMetric(`, dimensions = { A = "$.a" }, alarm = { threshold = 1, comparison = "GreaterThanThreshold" }`)), "entries with dimensions cannot have an alarm"},
		{"business_metrics alarm comparison",
			o("business_metrics", monMetric(`, alarm = { threshold = 1, comparison = "LessThanOrEqualToThreshold" }`)),
			o("business_metrics", monMetric(`, alarm = { threshold = 1, comparison = "Above" }`)), "alarm.comparison must be one of"},
		{"business_metrics alarm statistic",
			o("business_metrics", monMetric(`, alarm = { threshold = 1, comparison = "GreaterThanThreshold", statistic = "Maximum" }`)),
			o("business_metrics", monMetric(`, alarm = { threshold = 1, comparison = "GreaterThanThreshold", statistic = "p99" }`)), "alarm.statistic must be one of"},
		{"business_metrics alarm periods",
			o("business_metrics", monMetric(`, alarm = { threshold = 1, comparison = "GreaterThanThreshold", periods = 10 }`)),
			o("business_metrics", monMetric(`, alarm = { threshold = 1, comparison = "GreaterThanThreshold", periods = 0 }`)), "alarm.periods must be a whole number from 1 to 10"},
		{"business_metrics alarm period_seconds",
			o("business_metrics", monMetric(`, alarm = { threshold = 1, comparison = "GreaterThanThreshold", period_seconds = 86400 }`)),
			o("business_metrics", monMetric(`, alarm = { threshold = 1, comparison = "GreaterThanThreshold", period_seconds = 90 }`)), "alarm.period_seconds must be a multiple of 60"},
		{"business_metrics alarm treat_missing_data",
			o("business_metrics", monMetric(`, alarm = { threshold = 1, comparison = "GreaterThanThreshold", treat_missing_data = "ignore" }`)),
			o("business_metrics", monMetric(`, alarm = { threshold = 1, comparison = "GreaterThanThreshold", treat_missing_data = "zero" }`)), "alarm.treat_missing_data must be one of"},

		{"canary_base_url", o("canary_base_url", `"https://staging.candlefish.ai/app"`), o("canary_base_url", `"http://app.candlefish.ai"`), "canary_base_url must be null or an https:// URL"},
		{"canaries keys", o("canaries", `{ checkout = { type = "api" } }`), o("canaries", `{ "Check Out" = { type = "api" } }`), "canaries keys must be"},
		{"canaries type", o("canaries", `{ home = { type = "heartbeat" } }`), o("canaries", `{ home = { type = "browser" } }`), "canaries type must be heartbeat or api"},
		{"canaries path", o("canaries", `{ api = { type = "api", path = "/v1/status?full=1" } }`), o("canaries", `{ api = { type = "api", path = "v1/status" } }`), "canaries path must start with /"},
		{"canaries method", o("canaries", `{ api = { type = "api", method = "HEAD" } }`), o("canaries", `{ api = { type = "api", method = "FETCH" } }`), "canaries method must be one of"},
		{"canaries expected_status", o("canaries", `{ api = { type = "api", expected_status = 204 } }`), o("canaries", `{ api = { type = "api", expected_status = 700 } }`), "canaries expected_status must be an HTTP status code"},
		{"canary_schedule_expression", o("canary_schedule_expression", `"cron(0/10 * * * ? *)"`), o("canary_schedule_expression", `"rate(2 hours)"`), "canary_schedule_expression must be null, rate(1 minute)"},
		{"canary_runtime_version", o("canary_runtime_version", `"syn-nodejs-puppeteer-9.1"`), o("canary_runtime_version", `"syn-nodejs-puppeteer-6.2"`), "canary_runtime_version must be syn-nodejs-puppeteer"},
		{"canary_runtime_version family", o("canary_runtime_version", `"syn-nodejs-puppeteer-10.0"`), o("canary_runtime_version", `"syn-python-selenium-5.0"`), "canary_runtime_version must be syn-nodejs-puppeteer"},
		{"canary_alarm_evaluation_periods", o("canary_alarm_evaluation_periods", "5"), o("canary_alarm_evaluation_periods", "6"), "canary_alarm_evaluation_periods must be a whole number from 1 to 5"},

		{"budget_limit_usd", o("budget_limit_usd", "100"), o("budget_limit_usd", "0"), "budget_limit_usd must be null or an amount greater than 0"},
		{"budget_actual_thresholds", o("budget_actual_thresholds", "[50, 80, 100]"), o("budget_actual_thresholds", "[0, 100]"), "budget_actual_thresholds must be percentages"},
		{"budget_forecast_thresholds", o("budget_forecast_thresholds", "[100, 120]"), o("budget_forecast_thresholds", "[2000]"), "budget_forecast_thresholds must be percentages"},
		{"budget notifications at most 10",
			o("budget_actual_thresholds", "[20, 30, 40, 50, 60, 70, 80, 90, 100]", "budget_forecast_thresholds", "[100]"),
			o("budget_actual_thresholds", "[10, 20, 30, 40, 50, 60, 70, 80, 90, 100]", "budget_forecast_thresholds", "[100]"), "together may hold at most 10 thresholds"},
		{"budget_emails", o("budget_emails", `["cfo@candlefish.ai"]`), o("budget_emails", `["cfo at candlefish"]`), "budget_emails must be at most 10 email addresses"},
		{"budget needs a subscriber",
			o("budget_notify_sns", "false", "budget_emails", `["cfo@candlefish.ai"]`),
			o("budget_notify_sns", "false", "budget_emails", "[]"), "The budget needs a subscriber"},
		{"cost_allocation_tag_key", o("cost_allocation_tag_key", `"Stage"`), o("cost_allocation_tag_key", `"aws:createdBy"`), "cost_allocation_tag_key must be a user tag key"},
		{"anomaly_monitor_type", o("anomaly_monitor_type", `"SERVICE"`), o("anomaly_monitor_type", `"ACCOUNT"`), "anomaly_monitor_type must be TAG or SERVICE"},
		{"anomaly_frequency", o("anomaly_frequency", `"IMMEDIATE"`), o("anomaly_frequency", `"HOURLY"`), "anomaly_frequency must be one of"},
		{"anomaly_frequency needs emails",
			o("anomaly_frequency", `"WEEKLY"`, "anomaly_emails", `["finance@candlefish.ai"]`),
			o("anomaly_frequency", `"WEEKLY"`, "anomaly_emails", "[]"), "anomaly_frequency DAILY or WEEKLY needs anomaly_emails"},
		{"anomaly_emails", o("anomaly_emails", `["finance@candlefish.ai"]`), o("anomaly_emails", `["finance"]`), "anomaly_emails must be at most 10 email addresses"},
		{"anomaly_threshold_usd", o("anomaly_threshold_usd", "0.5"), o("anomaly_threshold_usd", "0"), "anomaly_threshold_usd must be null or greater than 0"},
		{"anomaly_threshold_percent", o("anomaly_threshold_percent", "null"), o("anomaly_threshold_percent", "0"), "anomaly_threshold_percent must be null or greater than 0"},
	}
}

// monDirectValidationCases are validations that look at an input left null:
// the gate skips module inputs set to null explicitly (the example passes
// every variable through), so their good and bad inputs go to a root that
// calls the module directly and leaves the null ones out (monRoot).
func monDirectValidationCases() []monCase {
	o := func(kv ...string) map[string]string {
		out := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	return []monCase{
		{"logs_kms_key_arn with canaries",
			o("enable_canaries", "true", "canary_base_url", `"https://app.candlefish.ai"`, "artifacts_kms_key_arn", monKeyB, "logs_kms_key_arn", monKeyA),
			o("enable_canaries", "true", "canary_base_url", `"https://app.candlefish.ai"`, "artifacts_kms_key_arn", monKeyB),
			"logs_kms_key_arn must be set when enable_canaries is true"},
		{"artifacts_kms_key_arn with canaries",
			o("enable_canaries", "true", "canary_base_url", `"https://app.candlefish.ai"`, "logs_kms_key_arn", monKeyA, "artifacts_kms_key_arn", monKeyB),
			o("enable_canaries", "true", "canary_base_url", `"https://app.candlefish.ai"`, "logs_kms_key_arn", monKeyA),
			"artifacts_kms_key_arn must be set when enable_canaries is true"},
		{"enable_xray_encryption needs a key",
			o("enable_xray_encryption", "true", "xray_kms_key_arn", monKeyB),
			o("enable_xray_encryption", "true"), "enable_xray_encryption needs xray_kms_key_arn"},
		{"enable_canaries needs a URL",
			o("enable_canaries", "true", "logs_kms_key_arn", monKeyA, "artifacts_kms_key_arn", monKeyB, "canary_base_url", `"https://app.candlefish.ai"`),
			o("enable_canaries", "true", "logs_kms_key_arn", monKeyA, "artifacts_kms_key_arn", monKeyB), "enable_canaries needs canary_base_url"},
	}
}

// TestMonitoringValidations gives every validation of the module one good
// and one bad value, through the example's root variables.
func TestMonitoringValidations(t *testing.T) {
	for _, tc := range monValidationCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			envtest.ExpectValid(t, monitoringExample, tc.good)
			envtest.ExpectInvalid(t, monitoringExample, tc.bad, tc.want)
		})
	}
	for _, tc := range monDirectValidationCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			envtest.ExpectValid(t, monRoot(t, "production", tc.good), nil)
			envtest.ExpectInvalid(t, monRoot(t, "production", tc.bad), nil, tc.want)
		})
	}
}

// TestMonitoringEveryValidationIsTested keeps TestMonitoringValidations
// complete: each validation block of the module has an error message that
// one of its cases expects.
func TestMonitoringEveryValidationIsTested(t *testing.T) {
	m := envtest.Dir(t, monitoringExample, nil)
	var module *model.ModuleDir
	for dir, d := range m.Dirs {
		if strings.HasSuffix(dir, "/terraform/modules/monitoring") {
			module = d
		}
	}
	if module == nil {
		t.Fatal("monitoring module not loaded")
	}
	cases := append(monValidationCases(), monDirectValidationCases()...)
	n := 0
	for name, v := range module.Variables {
		for _, val := range v.Validations {
			n++
			msg, diags := val.ErrorMessage.Value(&hcl.EvalContext{})
			if diags.HasErrors() || msg.IsNull() || !msg.IsKnown() || msg.Type() != cty.String {
				t.Errorf("%s: error message is not a plain string", name)
				continue
			}
			text := msg.AsString()
			covered := false
			for _, tc := range cases {
				if strings.Contains(text, tc.want) {
					covered = true
				}
			}
			if !covered {
				t.Errorf("%s: no case expects %q", name, text)
			}
		}
	}
	if n > len(cases) {
		t.Errorf("the module has %d validations and only %d cases", n, len(cases))
	}
}
