package envtest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/candlefish-ai/infrastructure/internal/envtest"
	"github.com/candlefish-ai/infrastructure/internal/model"
)

// computeExample is the compute module's example root: production-like
// (3-20 tasks of 2048/4096 per service, on-demand Graviton, blue/green with
// the deploycheck hook, origin verification).
const computeExample = "terraform/modules/compute/examples/complete"

const computeModule = "module.compute"

// cmpManaged returns the managed resources of a type in the compute module.
func cmpManaged(m *model.Model, typ string) []*model.Resource {
	return envtest.InModule(m, computeModule, typ)
}

// cmpData returns the data sources of a type in the compute module.
func cmpData(m *model.Model, typ string) []*model.Resource {
	return envtest.DataInModule(m, computeModule, typ)
}

// cmpNamed indexes the compute module's resources of one type and name by
// instance key (for_each key, or count index as a string).
func cmpNamed(m *model.Model, typ, name string) map[string]*model.Resource {
	out := map[string]*model.Resource{}
	for _, r := range cmpManaged(m, typ) {
		if r.Name == name {
			out[fmt.Sprint(r.Index)] = r
		}
	}
	return out
}

// cmpOne returns the single instance of a resource, failing the test otherwise.
func cmpOne(t *testing.T, m *model.Model, typ, name, key string) *model.Resource {
	t.Helper()
	r, ok := cmpNamed(m, typ, name)[key]
	if !ok {
		t.Fatalf("%s.%s[%s] not in the evaluated example; have %v", typ, name, key, cmpKeys(cmpNamed(m, typ, name)))
	}
	return r
}

func cmpKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// cmpBlocks reads a nested block value (a list of objects) as maps.
func cmpBlocks(v any) []map[string]any {
	list, _ := v.([]any)
	var out []map[string]any
	for _, e := range list {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// cmpBlock reads a nested block that must appear exactly once.
func cmpBlock(t *testing.T, r *model.Resource, path string) map[string]any {
	t.Helper()
	v, ok := r.Lookup(path)
	if !ok {
		t.Fatalf("%s has no %s", r.Address, path)
	}
	bs := cmpBlocks(v)
	if len(bs) != 1 {
		t.Fatalf("%s: want one %s block, got %v", r.Address, path, v)
	}
	return bs[0]
}

func cmpStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		out = append(out, fmt.Sprint(e))
	}
	return out
}

func cmpEqual(t *testing.T, what string, got, want any) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// cmpModuleDir returns the parsed (static) configuration of the module.
func cmpModuleDir(t *testing.T, m *model.Model) *model.ModuleDir {
	t.Helper()
	for dir, d := range m.Dirs {
		if strings.HasSuffix(dir, "/terraform/modules/compute") {
			return d
		}
	}
	t.Fatal("compute module not loaded")
	return nil
}

// cmpIgnoreChanges reads the lifecycle ignore_changes of a resource block
// from the static configuration: the attribute names it lists.
func cmpIgnoreChanges(t *testing.T, d *model.ModuleDir, resource string) []string {
	t.Helper()
	b, ok := d.Resources[resource]
	if !ok {
		t.Fatalf("no resource %s in the compute module", resource)
	}
	var out []string
	for _, lc := range b.Body.Blocks {
		if lc.Type != "lifecycle" {
			continue
		}
		a, ok := lc.Body.Attributes["ignore_changes"]
		if !ok {
			continue
		}
		exprs, diags := hcl.ExprList(a.Expr)
		if diags.HasErrors() {
			t.Fatalf("%s: ignore_changes is not a list: %s", resource, diags.Error())
		}
		for _, e := range exprs {
			tr, diags := hcl.AbsTraversalForExpr(e)
			if diags.HasErrors() {
				t.Fatalf("%s: ignore_changes entry is not an attribute name: %s", resource, diags.Error())
			}
			out = append(out, tr.RootName())
		}
	}
	return out
}

// cmpReferences lists the roots (local.x, aws_y.z, var.v) an expression refers to.
func cmpReferences(e hclsyntax.Expression) []string {
	var out []string
	for _, tr := range e.Variables() {
		name := tr.RootName()
		if len(tr) > 1 {
			if a, ok := tr[1].(hcl.TraverseAttr); ok {
				name += "." + a.Name
			}
		}
		out = append(out, name)
	}
	return out
}

// cmpFindBlock walks nested blocks by type (a "dynamic" block counts by its
// label, its content block is entered transparently).
func cmpFindBlock(body *hclsyntax.Body, path ...string) []*hclsyntax.Body {
	if len(path) == 0 {
		return []*hclsyntax.Body{body}
	}
	var out []*hclsyntax.Body
	for _, b := range body.Blocks {
		switch {
		case b.Type == path[0]:
			out = append(out, cmpFindBlock(b.Body, path[1:]...)...)
		case b.Type == "dynamic" && len(b.Labels) == 1 && b.Labels[0] == path[0]:
			for _, c := range b.Body.Blocks {
				if c.Type == "content" {
					out = append(out, cmpFindBlock(c.Body, path[1:]...)...)
				}
			}
		}
	}
	return out
}

// cmpLocal returns the expression of a local value of the module.
func cmpLocal(t *testing.T, d *model.ModuleDir, name string) hclsyntax.Expression {
	t.Helper()
	for _, f := range d.Files {
		for _, b := range f.Blocks {
			if b.Type != "locals" {
				continue
			}
			if a, ok := b.Body.Attributes[name]; ok {
				return a.Expr
			}
		}
	}
	t.Fatalf("no local %s in the compute module", name)
	return nil
}

func cmpContains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// cmpStatement returns the statement with a sid of an evaluated policy document.
func cmpStatement(t *testing.T, doc *model.Resource, sid string) map[string]any {
	t.Helper()
	for _, s := range cmpBlocks(doc.Values["statement"]) {
		if s["sid"] == sid {
			return s
		}
	}
	t.Fatalf("%s has no statement %s", doc.Address, sid)
	return nil
}

////////////////////////////////////////////////////////////////////////////////
// The example
////////////////////////////////////////////////////////////////////////////////

func TestComputeExampleIsValidAndClean(t *testing.T) {
	m := envtest.Dir(t, computeExample, nil)
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Errorf("validation failures: %v", fs)
	}
	if fs := envtest.Findings(m); len(fs) > 0 {
		t.Errorf("findings: %v", fs)
	}
	// The internet-facing variant (alb_internal = false) is valid and clean too.
	public := envtest.Dir(t, computeExample, map[string]string{"alb_internal": "false"})
	if fs := envtest.ValidationFailures(public); len(fs) > 0 {
		t.Errorf("internet-facing: validation failures: %v", fs)
	}
	if fs := envtest.Findings(public); len(fs) > 0 {
		t.Errorf("internet-facing: findings: %v", fs)
	}
	if lb := cmpOne(t, public, "aws_lb", "this", "0"); lb.Values["internal"] != false {
		t.Errorf("internet-facing: internal = %v", lb.Values["internal"])
	}
	for typ, want := range map[string]int{
		"aws_ecs_cluster":                    1,
		"aws_ecs_cluster_capacity_providers": 1,
		"aws_ecs_service":                    2,
		"aws_ecs_task_definition":            2,
		"aws_lb":                             1,
		"aws_lb_listener":                    3,
		"aws_lb_target_group":                4,
		"aws_lb_listener_rule":               4,
		"aws_appautoscaling_target":          2,
		"aws_appautoscaling_policy":          7,
		"aws_cloudwatch_metric_alarm":        4,
		"aws_lambda_function":                1,
		"aws_cloudwatch_log_group":           3,
	} {
		if n := len(cmpManaged(m, typ)); n != want {
			t.Errorf("%s: %d in module.compute, want %d", typ, n, want)
		}
	}
}

func TestComputeTaskSizesAndArchitecture(t *testing.T) {
	m := envtest.Dir(t, computeExample, nil)
	tds := cmpNamed(m, "aws_ecs_task_definition", "this")
	if got := cmpKeys(tds); fmt.Sprint(got) != "[api web]" {
		t.Fatalf("task definitions %v, want api and web", got)
	}
	for k, td := range tds {
		cmpEqual(t, k+" cpu", td.Values["cpu"], 2048)
		cmpEqual(t, k+" memory", td.Values["memory"], 4096)
		cmpEqual(t, k+" network_mode", td.Values["network_mode"], "awsvpc")
		cmpEqual(t, k+" requires_compatibilities", cmpStrings(td.Values["requires_compatibilities"]), []string{"FARGATE"})
		rp := cmpBlock(t, td, "runtime_platform")
		cmpEqual(t, k+" cpu_architecture", rp["cpu_architecture"], "ARM64")
		cmpEqual(t, k+" operating_system_family", rp["operating_system_family"], "LINUX")
		cmpEqual(t, k+" family", td.Values["family"], "candlefish-production-"+k)
		// Read-only root file system with /tmp as task storage.
		cmpEqual(t, k+" volumes", len(cmpBlocks(td.Values["volume"])), 1)
	}

	// Sizes and architecture follow the input.
	m = envtest.Dir(t, computeExample, map[string]string{
		"cpu_architecture": `"X86_64"`,
		"services":         `{ web = { image = "img:1", cpu = 256, memory = 512, desired_count = 1, min_count = 1, max_count = 2 } }`,
		"default_service":  `"web"`,
	})
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Fatalf("validation failures: %v", fs)
	}
	td := cmpOne(t, m, "aws_ecs_task_definition", "this", "web")
	cmpEqual(t, "cpu", td.Values["cpu"], 256)
	cmpEqual(t, "memory", td.Values["memory"], 512)
	cmpEqual(t, "cpu_architecture", cmpBlock(t, td, "runtime_platform")["cpu_architecture"], "X86_64")
}

func TestComputeServicesRunPrivately(t *testing.T) {
	m := envtest.Dir(t, computeExample, nil)
	for k, s := range cmpNamed(m, "aws_ecs_service", "this") {
		nc := cmpBlock(t, s, "network_configuration")
		cmpEqual(t, k+" assign_public_ip", nc["assign_public_ip"], false)
		cmpEqual(t, k+" subnets", len(cmpStrings(nc["subnets"])), 3)
		cmpEqual(t, k+" enable_execute_command", s.Values["enable_execute_command"], false)
		cmpEqual(t, k+" propagate_tags", s.Values["propagate_tags"], "SERVICE")
		cmpEqual(t, k+" desired_count", s.Values["desired_count"], 3)
		cmpEqual(t, k+" deployment_controller", cmpBlock(t, s, "deployment_controller")["type"], "ECS")
		lb := cmpBlock(t, s, "load_balancer")
		cmpEqual(t, k+" container_name", lb["container_name"], k)
	}
	if got := cmpIgnoreChanges(t, cmpModuleDir(t, m), "aws_ecs_service.this"); !cmpContains(got, "desired_count") {
		t.Errorf("aws_ecs_service.this ignores %v; desired_count must be ignored so that auto scaling is not undone", got)
	}
}

func TestComputeCapacityProviderStrategy(t *testing.T) {
	for _, tc := range []struct {
		pct  int
		want map[string][2]int64 // provider -> base, weight
	}{
		{0, map[string][2]int64{"FARGATE": {0, 100}}},
		{70, map[string][2]int64{"FARGATE": {1, 30}, "FARGATE_SPOT": {0, 70}}},
		{100, map[string][2]int64{"FARGATE_SPOT": {0, 100}}},
	} {
		t.Run(fmt.Sprint(tc.pct), func(t *testing.T) {
			m := envtest.Dir(t, computeExample, map[string]string{"spot_percentage": fmt.Sprint(tc.pct)})
			if fs := envtest.ValidationFailures(m); len(fs) > 0 {
				t.Fatalf("validation failures: %v", fs)
			}
			check := func(what string, v any) {
				got := map[string][2]int64{}
				for _, s := range cmpBlocks(v) {
					base, _ := s["base"].(int64)
					weight, _ := s["weight"].(int64)
					got[fmt.Sprint(s["capacity_provider"])] = [2]int64{base, weight}
				}
				if fmt.Sprint(got) != fmt.Sprint(tc.want) {
					t.Errorf("%s: strategy %v, want %v (provider: [base weight])", what, got, tc.want)
				}
			}
			for k, s := range cmpNamed(m, "aws_ecs_service", "this") {
				check("service "+k, s.Values["capacity_provider_strategy"])
				if _, ok := s.Values["launch_type"]; ok && s.Values["launch_type"] != nil {
					t.Errorf("service %s sets launch_type %v next to a capacity provider strategy", k, s.Values["launch_type"])
				}
			}
			cp := cmpOne(t, m, "aws_ecs_cluster_capacity_providers", "this", "<nil>")
			check("cluster", cp.Values["default_capacity_provider_strategy"])
			cmpEqual(t, "capacity_providers", cmpStrings(cp.Values["capacity_providers"]), []string{"FARGATE", "FARGATE_SPOT"})
		})
	}
}

func TestComputeClusterContainerInsights(t *testing.T) {
	m := envtest.Dir(t, computeExample, nil)
	c := cmpOne(t, m, "aws_ecs_cluster", "this", "<nil>")
	cmpEqual(t, "cluster name", c.Values["name"], "candlefish-production")
	s := cmpBlock(t, c, "setting")
	cmpEqual(t, "setting", fmt.Sprint(s["name"], "=", s["value"]), "containerInsights=enabled")

	// Off for a pilot light (rolling deployments: blue/green needs it).
	off := envtest.Dir(t, cmpHarness(t, map[string]string{"enable_container_insights": "false", "blue_green": `{ enabled = false }`}), nil)
	if fs := envtest.ValidationFailures(off); len(fs) > 0 {
		t.Fatalf("validation failures: %v", fs)
	}
	s = cmpBlock(t, cmpOne(t, off, "aws_ecs_cluster", "this", "<nil>"), "setting")
	cmpEqual(t, "setting without Container Insights", fmt.Sprint(s["name"], "=", s["value"]), "containerInsights=disabled")
}

// name_suffix makes a second instance's names (a standby region's pilot
// light) differ from the primary's, within AWS's length limits.
func TestComputeNameSuffix(t *testing.T) {
	m := envtest.Dir(t, cmpHarness(t, map[string]string{"name_suffix": `"us-west-2"`}), nil)
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Fatalf("validation failures: %v", fs)
	}
	cmpEqual(t, "cluster name", cmpOne(t, m, "aws_ecs_cluster", "this", "<nil>").Values["name"], "candlefish-production-us-west-2")
	cmpEqual(t, "load balancer name", cmpOne(t, m, "aws_lb", "this", "0").Values["name"], "candlefish-production-us-west-2")
	cmpEqual(t, "task family", cmpOne(t, m, "aws_ecs_task_definition", "this", "web").Values["family"], "candlefish-production-us-west-2-web")
	cmpEqual(t, "log group", cmpOne(t, m, "aws_cloudwatch_log_group", "service", "web").Values["name"], "/ecs/candlefish-production-us-west-2/web")
	cmpEqual(t, "alarm", cmpOne(t, m, "aws_cloudwatch_metric_alarm", "unhealthy_hosts", "web").Values["alarm_name"], "candlefish-production-us-west-2-web-unhealthy-hosts")
	cmpEqual(t, "blue/green role", cmpOne(t, m, "aws_iam_role", "ecs_infrastructure", "0").Values["name"], "candlefish-production-us-west-2-ecs-blue-green")
	cmpEqual(t, "autoscaling resource", cmpOne(t, m, "aws_appautoscaling_target", "this", "web").Values["resource_id"], "service/candlefish-production-us-west-2/web")
	for k, tg := range cmpNamed(m, "aws_lb_target_group", "this") {
		if n := fmt.Sprint(tg.Values["name"]); len(n) > 32 || !strings.HasSuffix(n, "-"+k) {
			t.Errorf("target group %s is named %q: at most 32 characters ending in -%s", k, n, k)
		}
	}
}

// create_alb_access_logs_bucket: the module creates the access logs bucket
// (SSE-S3, public access blocked, versioned, TLS only, writable by Elastic
// Load Balancing of its region under the prefix) and the load balancer logs
// there; without it, the caller's bucket is used and nothing is created.
func TestComputeAlbAccessLogsBucket(t *testing.T) {
	for _, tc := range []struct {
		name      string
		overrides map[string]string
		bucket    string
	}{
		{"derived name", map[string]string{"create_alb_access_logs_bucket": "true", "alb_access_logs_bucket": "null"}, "candlefish-production-alb-logs"},
		{"derived name with suffix", map[string]string{"create_alb_access_logs_bucket": "true", "alb_access_logs_bucket": "null", "name_suffix": `"us-west-2"`}, "candlefish-production-us-west-2-alb-logs"},
		{"given name", map[string]string{"create_alb_access_logs_bucket": "true", "alb_access_logs_bucket": "null", "alb_access_logs_bucket_name": `"candlefish-production-alb-logs-us-west-2"`}, "candlefish-production-alb-logs-us-west-2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := envtest.Dir(t, cmpHarness(t, tc.overrides), nil)
			if fs := envtest.ValidationFailures(m); len(fs) > 0 {
				t.Fatalf("validation failures: %v", fs)
			}
			if fs := envtest.Findings(m); len(fs) > 0 {
				t.Errorf("findings: %v", fs)
			}
			cmpEqual(t, "bucket", cmpOne(t, m, "aws_s3_bucket", "alb_access_logs", "0").Values["bucket"], tc.bucket)
			sse := cmpBlock(t, cmpOne(t, m, "aws_s3_bucket_server_side_encryption_configuration", "alb_access_logs", "0"), "rule.0.apply_server_side_encryption_by_default")
			cmpEqual(t, "sse_algorithm", sse["sse_algorithm"], "AES256")
			pab := cmpOne(t, m, "aws_s3_bucket_public_access_block", "alb_access_logs", "0")
			for _, k := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
				cmpEqual(t, k, pab.Values[k], true)
			}
			v, _ := cmpOne(t, m, "aws_s3_bucket_versioning", "alb_access_logs", "0").Lookup("versioning_configuration.0.status")
			cmpEqual(t, "versioning", v, "Enabled")
			o, _ := cmpOne(t, m, "aws_s3_bucket_ownership_controls", "alb_access_logs", "0").Lookup("rule.0.object_ownership")
			cmpEqual(t, "object_ownership", o, "BucketOwnerEnforced")
			cmpOne(t, m, "aws_s3_bucket_lifecycle_configuration", "alb_access_logs", "0")
			cmpOne(t, m, "aws_s3_bucket_policy", "alb_access_logs", "0")

			docs := cmpData(m, "aws_iam_policy_document")
			var doc *model.Resource
			for _, d := range docs {
				if d.Name == "alb_access_logs" {
					doc = d
				}
			}
			if doc == nil {
				t.Fatal("no alb_access_logs policy document")
			}
			cmpEqual(t, "TLS only", cmpStatement(t, doc, "DenyInsecureTransport")["effect"], "Deny")
			for _, sid := range []string{"AllowELBAccountAccessLogs", "AllowELBLogDeliveryAccessLogs"} {
				st := cmpStatement(t, doc, sid)
				cmpEqual(t, sid+" actions", st["actions"], []any{"s3:PutObject"})
				cmpEqual(t, sid+" effect", st["effect"], "Allow")
			}
			if p := cmpBlocks(cmpStatement(t, doc, "AllowELBLogDeliveryAccessLogs")["principals"]); len(p) != 1 || fmt.Sprint(p[0]["identifiers"]) != "[logdelivery.elasticloadbalancing.amazonaws.com]" {
				t.Errorf("log delivery principal %v", p)
			}

			al := cmpBlock(t, cmpOne(t, m, "aws_lb", "this", "0"), "access_logs")
			cmpEqual(t, "access_logs.bucket", al["bucket"], tc.bucket)
		})
	}

	// The caller's bucket: none created, the load balancer logs to it.
	m := envtest.Dir(t, cmpHarness(t, nil), nil)
	if n := len(cmpManaged(m, "aws_s3_bucket")); n != 0 {
		t.Errorf("%d buckets created without create_alb_access_logs_bucket", n)
	}
	al := cmpBlock(t, cmpOne(t, m, "aws_lb", "this", "0"), "access_logs")
	cmpEqual(t, "access_logs.bucket", al["bucket"], "candlefish-production-alb-logs")

	// The example uses the option.
	ex := envtest.Dir(t, computeExample, nil)
	cmpEqual(t, "example bucket", cmpOne(t, ex, "aws_s3_bucket", "alb_access_logs", "0").Values["bucket"], "candlefish-production-compute-example-alb-logs")
	exl := cmpBlock(t, cmpOne(t, ex, "aws_lb", "this", "0"), "access_logs")
	cmpEqual(t, "example access_logs.bucket", exl["bucket"], "candlefish-production-compute-example-alb-logs")
	exp, _ := cmpOne(t, ex, "aws_s3_bucket_lifecycle_configuration", "alb_access_logs", "0").Lookup("rule.0.expiration.0.days")
	cmpEqual(t, "example retention", exp, 90)
}

// A secret given by ARN is read in the region the ARN names (a standby load
// balancer shares the primary region's secret); a generated one in the
// provider's region.
func TestComputeOriginVerifySecretRegion(t *testing.T) {
	arn := "arn:aws:secretsmanager:us-west-2:111122223333:secret:candlefish/production/alb-origin-verify-AbCdEf"
	m := envtest.Dir(t, cmpHarness(t, map[string]string{
		"origin_verify":            `{ header_name = "X-Origin-Verify", generate_value = false }`,
		"origin_verify_secret_arn": fmt.Sprintf("%q", arn),
	}), nil)
	sv := cmpData(m, "aws_secretsmanager_secret_version")
	if len(sv) != 1 {
		t.Fatalf("%d secret version data sources, want 1", len(sv))
	}
	cmpEqual(t, "secret read", sv[0].Values["secret_id"], arn)
	cmpEqual(t, "secret read in", sv[0].Values["region"], "us-west-2")
	if n := len(cmpManaged(m, "aws_secretsmanager_secret")); n != 0 {
		t.Errorf("%d secrets generated for a given secret, want 0", n)
	}

	gen := envtest.Dir(t, cmpHarness(t, nil), nil)
	sv = cmpData(gen, "aws_secretsmanager_secret_version")
	if len(sv) != 1 || sv[0].Values["region"] != nil {
		t.Errorf("generated secret: read with region %v, want the provider's (null)", sv)
	}
}

func TestComputeAutoscaling(t *testing.T) {
	m := envtest.Dir(t, computeExample, nil)
	targets := cmpNamed(m, "aws_appautoscaling_target", "this")
	if got := cmpKeys(targets); fmt.Sprint(got) != "[api web]" {
		t.Fatalf("autoscaling targets %v", got)
	}
	for k, tg := range targets {
		cmpEqual(t, k+" min_capacity", tg.Values["min_capacity"], 3)
		cmpEqual(t, k+" max_capacity", tg.Values["max_capacity"], 20)
		cmpEqual(t, k+" scalable_dimension", tg.Values["scalable_dimension"], "ecs:service:DesiredCount")
		cmpEqual(t, k+" resource_id", tg.Values["resource_id"], "service/candlefish-production/"+k)
	}
	for _, tc := range []struct{ name, metric string }{
		{"cpu", "ECSServiceAverageCPUUtilization"},
		{"memory", "ECSServiceAverageMemoryUtilization"},
	} {
		for k, p := range cmpNamed(m, "aws_appautoscaling_policy", tc.name) {
			cmpEqual(t, k+" "+tc.name+" policy_type", p.Values["policy_type"], "TargetTrackingScaling")
			tt := cmpBlock(t, p, "target_tracking_scaling_policy_configuration")
			pm := cmpBlock(t, p, "target_tracking_scaling_policy_configuration.0.predefined_metric_specification")
			cmpEqual(t, k+" "+tc.name+" metric", pm["predefined_metric_type"], tc.metric)
			if tt["target_value"] == nil {
				t.Errorf("%s %s policy has no target value", k, tc.name)
			}
		}
		if n := len(cmpNamed(m, "aws_appautoscaling_policy", tc.name)); n != 2 {
			t.Errorf("%d %s policies, want 2", n, tc.name)
		}
	}
	cmpEqual(t, "api cpu target", cmpBlock(t, cmpOne(t, m, "aws_appautoscaling_policy", "cpu", "api"), "target_tracking_scaling_policy_configuration")["target_value"], 60)
	cmpEqual(t, "api memory target", cmpBlock(t, cmpOne(t, m, "aws_appautoscaling_policy", "memory", "api"), "target_tracking_scaling_policy_configuration")["target_value"], 75)

	// Requests per task, blue/green: both target groups' RequestCount over the running tasks.
	req := cmpOne(t, m, "aws_appautoscaling_policy", "requests", "api")
	tt := cmpBlock(t, req, "target_tracking_scaling_policy_configuration")
	cmpEqual(t, "api requests target", tt["target_value"], 800)
	cms := cmpBlock(t, req, "target_tracking_scaling_policy_configuration.0.customized_metric_specification")
	var ids, names []string
	for _, q := range cmpBlocks(cms["metrics"]) {
		ids = append(ids, fmt.Sprint(q["id"]))
		if ms := cmpBlocks(q["metric_stat"]); len(ms) == 1 {
			for _, mt := range cmpBlocks(ms[0]["metric"]) {
				names = append(names, fmt.Sprint(mt["namespace"], "/", mt["metric_name"]))
			}
		}
		if q["id"] == "requests_per_task" {
			cmpEqual(t, "requests expression", q["expression"], "(FILL(requests_blue, 0) + FILL(requests_green, 0)) / tasks")
			cmpEqual(t, "requests return_data", q["return_data"], true)
		}
	}
	cmpEqual(t, "requests metric ids", ids, []string{"requests_blue", "requests_green", "tasks", "requests_per_task"})
	cmpEqual(t, "requests metrics", names, []string{"AWS/ApplicationELB/RequestCount", "AWS/ApplicationELB/RequestCount", "ECS/ContainerInsights/RunningTaskCount"})

	// Rolling: the predefined ALBRequestCountPerTarget.
	rolling := envtest.Dir(t, computeExample, map[string]string{"blue_green": `{ enabled = false }`})
	pm := cmpBlock(t, cmpOne(t, rolling, "aws_appautoscaling_policy", "requests", "web"), "target_tracking_scaling_policy_configuration.0.predefined_metric_specification")
	cmpEqual(t, "rolling requests metric", pm["predefined_metric_type"], "ALBRequestCountPerTarget")

	// The custom metric policy, for api only.
	custom := cmpNamed(m, "aws_appautoscaling_policy", "custom")
	if got := cmpKeys(custom); fmt.Sprint(got) != "[api]" {
		t.Fatalf("custom metric policies %v, want [api]", got)
	}
	ctt := cmpBlock(t, custom["api"], "target_tracking_scaling_policy_configuration")
	cmpEqual(t, "custom target", ctt["target_value"], 50)
	cm := cmpBlock(t, custom["api"], "target_tracking_scaling_policy_configuration.0.customized_metric_specification")
	cmpEqual(t, "custom namespace", cm["namespace"], "Candlefish/API")
	cmpEqual(t, "custom metric_name", cm["metric_name"], "QueueDepthPerTask")
	cmpEqual(t, "custom statistic", cm["statistic"], "Average")
}

func TestComputeScheduledScaling(t *testing.T) {
	m := envtest.Dir(t, computeExample, nil)
	if n := len(cmpManaged(m, "aws_appautoscaling_scheduled_action")); n != 0 {
		t.Errorf("production has %d scheduled actions, want none", n)
	}
	devSchedule := `{
		night   = { schedule = "cron(0 20 ? * MON-FRI *)", min_capacity = 0, max_capacity = 0, timezone = "America/New_York" }
		morning = { schedule = "cron(0 7 ? * MON-FRI *)", min_capacity = 1, max_capacity = 2, timezone = "America/New_York" }
	}`
	m = envtest.Dir(t, computeExample, map[string]string{"scheduled_scaling": devSchedule})
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Fatalf("validation failures: %v", fs)
	}
	actions := cmpNamed(m, "aws_appautoscaling_scheduled_action", "this")
	if got := cmpKeys(actions); fmt.Sprint(got) != "[api/morning api/night web/morning web/night]" {
		t.Fatalf("scheduled actions %v", got)
	}
	night := actions["web/night"]
	cmpEqual(t, "night schedule", night.Values["schedule"], "cron(0 20 ? * MON-FRI *)")
	cmpEqual(t, "night timezone", night.Values["timezone"], "America/New_York")
	cmpEqual(t, "night name", night.Values["name"], "candlefish-production-web-night")
	cmpEqual(t, "night resource_id", night.Values["resource_id"], "service/candlefish-production/web")
	sta := cmpBlock(t, night, "scalable_target_action")
	cmpEqual(t, "night min", sta["min_capacity"], 0)
	cmpEqual(t, "night max", sta["max_capacity"], 0)
	sta = cmpBlock(t, actions["api/morning"], "scalable_target_action")
	cmpEqual(t, "morning min", sta["min_capacity"], 1)
	cmpEqual(t, "morning max", sta["max_capacity"], 2)

	// Limited to some services.
	m = envtest.Dir(t, computeExample, map[string]string{"scheduled_scaling": `{ night = { schedule = "cron(0 20 ? * MON-FRI *)", min_capacity = 0, max_capacity = 0, services = ["web"] } }`})
	if got := cmpKeys(cmpNamed(m, "aws_appautoscaling_scheduled_action", "this")); fmt.Sprint(got) != "[web/night]" {
		t.Errorf("scheduled actions %v, want [web/night]", got)
	}
}

func TestComputeLoadBalancer(t *testing.T) {
	m := envtest.Dir(t, computeExample, nil)
	lb := cmpOne(t, m, "aws_lb", "this", "0")
	cmpEqual(t, "load_balancer_type", lb.Values["load_balancer_type"], "application")
	cmpEqual(t, "internal", lb.Values["internal"], true)
	cmpEqual(t, "drop_invalid_header_fields", lb.Values["drop_invalid_header_fields"], true)
	cmpEqual(t, "enable_deletion_protection", lb.Values["enable_deletion_protection"], true)
	cmpEqual(t, "idle_timeout", lb.Values["idle_timeout"], 60)
	cmpEqual(t, "subnets", len(cmpStrings(lb.Values["subnets"])), 3)
	al := cmpBlock(t, lb, "access_logs")
	cmpEqual(t, "access_logs.enabled", al["enabled"], true)
	cmpEqual(t, "access_logs.prefix", al["prefix"], "alb")
	if al["bucket"] == nil {
		t.Error("access_logs has no bucket")
	}

	listeners := cmpManaged(m, "aws_lb_listener")
	byPort := map[string]*model.Resource{}
	for _, l := range listeners {
		byPort[fmt.Sprint(l.Values["port"])] = l
	}
	if got := cmpKeys(byPort); fmt.Sprint(got) != "[443 80 8443]" {
		t.Fatalf("listener ports %v, want 80, 443 and 8443", got)
	}
	for _, port := range []string{"443", "8443"} {
		l := byPort[port]
		cmpEqual(t, port+" protocol", l.Values["protocol"], "HTTPS")
		if p := fmt.Sprint(l.Values["ssl_policy"]); !strings.HasPrefix(p, "ELBSecurityPolicy-TLS13-1-2-") && !strings.HasPrefix(p, "ELBSecurityPolicy-TLS13-1-3-") {
			t.Errorf("listener %s uses %s, not a TLS 1.3 policy", port, p)
		}
		cmpEqual(t, port+" certificate_arn", l.Values["certificate_arn"], "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789")
	}
	http := cmpBlock(t, byPort["80"], "default_action")
	cmpEqual(t, "http action", http["type"], "redirect")
	rd := cmpBlock(t, byPort["80"], "default_action.0.redirect")
	cmpEqual(t, "redirect", fmt.Sprint(rd["protocol"], ":", rd["port"], " ", rd["status_code"]), "HTTPS:443 HTTP_301")

	// Origin verification: the default action answers 403, every production
	// rule requires the header.
	da := cmpBlock(t, byPort["443"], "default_action")
	cmpEqual(t, "https default action", da["type"], "fixed-response")
	fr := cmpBlock(t, byPort["443"], "default_action.0.fixed_response")
	cmpEqual(t, "https default status", fr["status_code"], "403")
	prod := cmpNamed(m, "aws_lb_listener_rule", "production")
	if got := cmpKeys(prod); fmt.Sprint(got) != "[api web]" {
		t.Fatalf("production rules %v", got)
	}
	for k, r := range prod {
		var header, paths []string
		for _, c := range cmpBlocks(r.Values["condition"]) {
			for _, h := range cmpBlocks(c["http_header"]) {
				header = append(header, fmt.Sprint(h["http_header_name"]))
			}
			for _, p := range cmpBlocks(c["path_pattern"]) {
				paths = append(paths, cmpStrings(p["values"])...)
			}
		}
		cmpEqual(t, k+" origin header condition", header, []string{"X-Origin-Verify"})
		want := map[string][]string{"api": {"/api/*"}, "web": {"/*"}}[k]
		cmpEqual(t, k+" path condition", paths, want)
	}
	cmpEqual(t, "api priority", prod["api"].Values["priority"], 100)
	cmpEqual(t, "web (default) priority", prod["web"].Values["priority"], 50000)

	// Target groups: ip targets with each service's health check.
	for k, tg := range cmpNamed(m, "aws_lb_target_group", "this") {
		cmpEqual(t, k+" target_type", tg.Values["target_type"], "ip")
		hc := cmpBlock(t, tg, "health_check")
		want := map[string]string{"api": "/api/health", "web": "/health"}[strings.SplitN(k, "-", 2)[0]]
		cmpEqual(t, k+" health path", hc["path"], want)
		if n := len(fmt.Sprint(tg.Values["name"])); n > 32 {
			t.Errorf("target group name %v is %d characters, AWS allows 32", tg.Values["name"], n)
		}
	}

	// Deletion protection follows the input; by default only production.
	for _, tc := range []struct {
		overrides map[string]string
		want      bool
	}{
		{map[string]string{"enable_alb_deletion_protection": "false"}, false},
		{map[string]string{"enable_alb_deletion_protection": "null"}, true},
		{map[string]string{"enable_alb_deletion_protection": "null", "environment": `"staging"`, "log_retention_days": "30"}, false},
	} {
		m := envtest.Dir(t, computeExample, tc.overrides)
		cmpEqual(t, fmt.Sprintf("deletion protection with %v", tc.overrides), cmpOne(t, m, "aws_lb", "this", "0").Values["enable_deletion_protection"], tc.want)
	}

	// Without origin verification and blue/green, the default service is the
	// listener's default action and only api has a rule.
	plain := envtest.Dir(t, computeExample, map[string]string{"origin_verify": "null", "blue_green": `{ enabled = false }`})
	for _, l := range cmpManaged(plain, "aws_lb_listener") {
		if fmt.Sprint(l.Values["port"]) == "443" {
			cmpEqual(t, "plain https default action", cmpBlock(t, l, "default_action")["type"], "forward")
		}
	}
	if got := cmpKeys(cmpNamed(plain, "aws_lb_listener_rule", "service")); fmt.Sprint(got) != "[api]" {
		t.Errorf("rolling rules %v, want [api]", got)
	}
}

// Internal (the default): the load balancer is in the private subnets and
// has no public address; internet-facing: in the public subnets. The
// harness's subnet IDs are known, so the subnets themselves are compared.
func TestComputeLoadBalancerSubnets(t *testing.T) {
	private := []string{"subnet-0123456789abcdef2", "subnet-0123456789abcdef3"}
	public := []string{"subnet-0123456789abcdef0", "subnet-0123456789abcdef1"}
	for _, tc := range []struct {
		overrides map[string]string
		internal  bool
		subnets   []string
	}{
		{map[string]string{"alb_internal": "true", "test_listener_cidr_blocks": "{}", "test_listener_security_group_ids": `{ hook = "sg-0123456789abcdef2" }`}, true, private},
		{map[string]string{"alb_internal": "null", "test_listener_cidr_blocks": "{}", "test_listener_security_group_ids": `{ hook = "sg-0123456789abcdef2" }`}, true, private}, // the module's default
		{map[string]string{"alb_internal": "false"}, false, public},
	} {
		t.Run(fmt.Sprint(tc.overrides["alb_internal"]), func(t *testing.T) {
			m := envtest.Dir(t, cmpHarness(t, tc.overrides), nil)
			if fs := envtest.ValidationFailures(m); len(fs) > 0 {
				t.Fatalf("validation failures: %v", fs)
			}
			lb := cmpOne(t, m, "aws_lb", "this", "0")
			cmpEqual(t, "internal", lb.Values["internal"], tc.internal)
			got := cmpStrings(lb.Values["subnets"])
			sort.Strings(got)
			cmpEqual(t, "subnets", got, tc.subnets)
			if tc.internal {
				// The hook's group on the test port; no CIDR rule.
				cmpEqual(t, "test listener group rules", cmpKeys(cmpNamed(m, "aws_vpc_security_group_ingress_rule", "test_listener_from_group")), []string{"hook"})
				cmpEqual(t, "test listener CIDR rules", len(cmpNamed(m, "aws_vpc_security_group_ingress_rule", "test_listener")), 0)
			}
		})
	}
}

func TestComputeBlueGreen(t *testing.T) {
	m := envtest.Dir(t, computeExample, nil)
	d := cmpModuleDir(t, m)

	for k, s := range cmpNamed(m, "aws_ecs_service", "this") {
		dc := cmpBlock(t, s, "deployment_configuration")
		cmpEqual(t, k+" strategy", dc["strategy"], "BLUE_GREEN")
		cmpEqual(t, k+" bake_time_in_minutes", dc["bake_time_in_minutes"], 10)
		hooks := cmpBlocks(dc["lifecycle_hook"])
		if len(hooks) != 1 {
			t.Fatalf("%s: want one lifecycle hook, got %v", k, dc["lifecycle_hook"])
		}
		cmpEqual(t, k+" hook stages", cmpStrings(hooks[0]["lifecycle_stages"]), []string{"POST_TEST_TRAFFIC_SHIFT"})
		ac := cmpBlock(t, s, "load_balancer.0.advanced_configuration")
		for _, arg := range []string{"alternate_target_group_arn", "production_listener_rule", "test_listener_rule", "role_arn"} {
			if _, ok := ac[arg]; !ok || ac[arg] == nil {
				t.Errorf("%s advanced_configuration has no %s", k, arg)
			}
		}
		al := cmpBlock(t, s, "alarms")
		cmpEqual(t, k+" alarms", cmpStrings(al["alarm_names"]), []string{
			"candlefish-production-" + k + "-target-5xx-rate", "candlefish-production-" + k + "-unhealthy-hosts"})
		cmpEqual(t, k+" alarms enable/rollback", fmt.Sprint(al["enable"], al["rollback"]), "true true")
	}

	// The hook is the deploycheck function (static configuration: ARNs are
	// unknown before apply), and ECS's role may invoke it.
	svc := d.Resources["aws_ecs_service.this"]
	var hookRefs []string
	for _, b := range cmpFindBlock(svc.Body, "deployment_configuration", "lifecycle_hook") {
		if a, ok := b.Attributes["hook_target_arn"]; ok {
			hookRefs = append(hookRefs, cmpReferences(a.Expr)...)
		}
	}
	cmpEqual(t, "hook_target_arn refers to", hookRefs, []string{"local.hook_function_arn"})
	if refs := cmpReferences(cmpLocal(t, d, "hook_function_arn")); !cmpContains(refs, "aws_lambda_function.this") || !cmpContains(refs, "var.blue_green") {
		t.Errorf("local.hook_function_arn refers to %v, want aws_lambda_function.this[var.blue_green.hook_function]", refs)
	}
	if bg, _ := m.Variables["blue_green"].(map[string]any); bg["hook_function"] != "deploycheck" {
		t.Errorf("the example's hook function is %v, want deploycheck", bg["hook_function"])
	}
	docs := cmpData(m, "aws_iam_policy_document")
	var infra *model.Resource
	for _, doc := range docs {
		if doc.Name == "ecs_infrastructure" {
			infra = doc
		}
	}
	if infra == nil {
		t.Fatal("no ECS infrastructure policy document")
	}
	inv := cmpStatement(t, infra, "InvokeLifecycleHook")
	cmpEqual(t, "hook permission", cmpStrings(inv["actions"]), []string{"lambda:InvokeFunction"})
	cmpEqual(t, "hook permission resources", len(cmpStrings(inv["resources"])), 1)
	cmpEqual(t, "ModifyRule", cmpStrings(cmpStatement(t, infra, "ShiftTrafficOnRules")["actions"]), []string{"elasticloadbalancing:ModifyRule"})
	cmpEqual(t, "ModifyRule resources (2 production + 2 test rules)", len(cmpStrings(cmpStatement(t, infra, "ShiftTrafficOnRules")["resources"])), 4)
	cmpEqual(t, "target group resources", len(cmpStrings(cmpStatement(t, infra, "RegisterTasksInTargetGroups")["resources"])), 4)
	trust := cmpNamed(m, "aws_iam_role", "ecs_infrastructure")
	if len(trust) != 1 {
		t.Errorf("want one ECS infrastructure role, got %v", cmpKeys(trust))
	}

	// The hook probes the test listener.
	fn := cmpOne(t, m, "aws_lambda_function", "this", "deploycheck")
	env, _ := cmpBlock(t, fn, "environment")["variables"].(map[string]any)
	cmpEqual(t, "TEST_URL", env["TEST_URL"], "https://origin.candlefish.ai:8443")
	cmpEqual(t, "HEALTH_PATH", env["HEALTH_PATH"], "/health")
	cmpEqual(t, "SMOKE_PATHS", env["SMOKE_PATHS"], "/api/health")

	// Green target groups, and test rules that send the test listener's
	// traffic to green; ECS re-weights both rules, Terraform must not.
	if got := cmpKeys(cmpNamed(m, "aws_lb_target_group", "this")); fmt.Sprint(got) != "[api-blue api-green web-blue web-green]" {
		t.Errorf("target groups %v", got)
	}
	weights := func(r *model.Resource) []string {
		var out []string
		for _, tg := range cmpBlocks(mustLookup(t, r, "action.0.forward.0.target_group")) {
			out = append(out, fmt.Sprint(tg["weight"]))
		}
		return out
	}
	for k, r := range cmpNamed(m, "aws_lb_listener_rule", "test") {
		cmpEqual(t, k+" test rule weights (blue, green)", weights(r), []string{"0", "100"})
	}
	for k, r := range cmpNamed(m, "aws_lb_listener_rule", "production") {
		cmpEqual(t, k+" production rule weights (blue, green)", weights(r), []string{"100", "0"})
	}
	if n := len(cmpNamed(m, "aws_lb_listener_rule", "test")); n != 2 {
		t.Errorf("%d test rules, want 2", n)
	}
	for _, res := range []string{"aws_lb_listener_rule.production", "aws_lb_listener_rule.test"} {
		if got := cmpIgnoreChanges(t, d, res); !cmpContains(got, "action") {
			t.Errorf("%s ignores %v; it must ignore action, which ECS re-weights", res, got)
		}
	}
	// The internal load balancer's test listener admits the hook's security
	// group, no CIDR block.
	ing := cmpOne(t, m, "aws_vpc_security_group_ingress_rule", "test_listener_from_group", "lambda")
	cmpEqual(t, "test listener ingress port", fmt.Sprint(ing.Values["from_port"], "-", ing.Values["to_port"]), "8443-8443")
	if ing.Values["referenced_security_group_id"] == nil || ing.Values["cidr_ipv4"] != nil {
		t.Errorf("test listener ingress %v, want the hook's security group", ing.Values)
	}
	if n := len(cmpNamed(m, "aws_vpc_security_group_ingress_rule", "test_listener")); n != 0 {
		t.Errorf("internal: %d test listener rules from CIDR blocks, want 0", n)
	}
	// Internet-facing: the hook's probes come from the NAT gateway's IP.
	public := envtest.Dir(t, computeExample, map[string]string{"alb_internal": "false"})
	ing = cmpOne(t, public, "aws_vpc_security_group_ingress_rule", "test_listener", "nat")
	cmpEqual(t, "public test listener ingress port", fmt.Sprint(ing.Values["from_port"], "-", ing.Values["to_port"]), "8443-8443")
	if n := len(cmpNamed(public, "aws_vpc_security_group_ingress_rule", "test_listener_from_group")); n != 0 {
		t.Errorf("internet-facing: %d test listener rules from groups, want 0", n)
	}

	// Rollback alarms, per service, across blue and green.
	for k, a := range cmpNamed(m, "aws_cloudwatch_metric_alarm", "target_5xx_rate") {
		cmpEqual(t, k+" 5xx threshold", a.Values["threshold"], 5)
		var exprs, metrics []string
		for _, q := range cmpBlocks(a.Values["metric_query"]) {
			if e, ok := q["expression"].(string); ok {
				exprs = append(exprs, e)
			}
			for _, mt := range cmpBlocks(q["metric"]) {
				metrics = append(metrics, fmt.Sprint(mt["metric_name"]))
			}
		}
		sort.Strings(metrics)
		cmpEqual(t, k+" 5xx expression", exprs, []string{"100 * (FILL(errors_blue, 0) + FILL(errors_green, 0)) / (FILL(requests_blue, 0) + FILL(requests_green, 0))"})
		cmpEqual(t, k+" 5xx metrics", metrics, []string{"HTTPCode_Target_5XX_Count", "HTTPCode_Target_5XX_Count", "RequestCount", "RequestCount"})
	}
	for k, a := range cmpNamed(m, "aws_cloudwatch_metric_alarm", "unhealthy_hosts") {
		cmpEqual(t, k+" unhealthy threshold", a.Values["threshold"], 0)
		cmpEqual(t, k+" unhealthy expression", cmpBlocks(a.Values["metric_query"])[0]["expression"], "MAX([unhealthy_blue, unhealthy_green])")
	}

	// Rolling instead: the circuit breaker, one target group, no test listener.
	rolling := envtest.Dir(t, computeExample, map[string]string{"blue_green": `{ enabled = false }`})
	for k, s := range cmpNamed(rolling, "aws_ecs_service", "this") {
		cmpEqual(t, k+" rolling strategy", cmpBlock(t, s, "deployment_configuration")["strategy"], "ROLLING")
		cb := cmpBlock(t, s, "deployment_circuit_breaker")
		cmpEqual(t, k+" circuit breaker", fmt.Sprint(cb["enable"], cb["rollback"]), "true true")
	}
	if got := cmpKeys(cmpNamed(rolling, "aws_lb_target_group", "this")); fmt.Sprint(got) != "[api-blue web-blue]" {
		t.Errorf("rolling target groups %v", got)
	}
	if n := len(cmpManaged(rolling, "aws_lb_listener")); n != 2 {
		t.Errorf("rolling: %d listeners, want 2 (no test listener)", n)
	}
	if n := len(cmpNamed(rolling, "aws_iam_role", "ecs_infrastructure")); n != 0 {
		t.Errorf("rolling: %d ECS infrastructure roles, want 0", n)
	}
}

func mustLookup(t *testing.T, r *model.Resource, path string) any {
	t.Helper()
	v, ok := r.Lookup(path)
	if !ok {
		t.Fatalf("%s has no %s", r.Address, path)
	}
	return v
}

func TestComputeLambdaFunctions(t *testing.T) {
	m := envtest.Dir(t, computeExample, nil)
	fns := cmpManaged(m, "aws_lambda_function")
	if len(fns) == 0 {
		t.Fatal("no Lambda functions")
	}
	groups := map[string]*model.Resource{}
	for _, g := range cmpNamed(m, "aws_cloudwatch_log_group", "lambda") {
		groups[fmt.Sprint(g.Values["name"])] = g
	}
	for _, fn := range fns {
		k := fmt.Sprint(fn.Index)
		cmpEqual(t, k+" runtime", fn.Values["runtime"], "provided.al2023")
		cmpEqual(t, k+" architectures", cmpStrings(fn.Values["architectures"]), []string{"arm64"})
		cmpEqual(t, k+" handler", fn.Values["handler"], "bootstrap")
		cmpEqual(t, k+" tracing", cmpBlock(t, fn, "tracing_config")["mode"], "Active")
		cmpEqual(t, k+" function_name", fn.Values["function_name"], "candlefish-production-"+k)
		lg := cmpBlock(t, fn, "logging_config")["log_group"]
		g, ok := groups[fmt.Sprint(lg)]
		if !ok {
			t.Errorf("%s logs to %v, which is not a log group of the module (%v)", k, lg, cmpKeys(groups))
			continue
		}
		cmpEqual(t, k+" log retention", g.Values["retention_in_days"], 90)
		if v, ok := g.Values["kms_key_id"]; !ok || v == nil || v == "" {
			t.Errorf("%s log group has no KMS key", k)
		}
		if _, ok := fn.Values["vpc_config"]; !ok {
			t.Errorf("%s (vpc = true) has no vpc_config", k)
		}
	}
	// Its own role: its log group, X-Ray, network interfaces; nothing else.
	for _, doc := range cmpData(m, "aws_iam_policy_document") {
		if doc.Name != "lambda" {
			continue
		}
		var sids []string
		for _, s := range cmpBlocks(doc.Values["statement"]) {
			sids = append(sids, fmt.Sprint(s["sid"]))
		}
		cmpEqual(t, "lambda role statements", sids, []string{"WriteOwnLogGroup", "WriteXRayTraces", "ManageVpcNetworkInterfaces"})
		cmpEqual(t, "log actions", cmpStrings(cmpStatement(t, doc, "WriteOwnLogGroup")["actions"]), []string{"logs:CreateLogStream", "logs:PutLogEvents"})
	}
	// Service log groups: KMS and retention too.
	for k, g := range cmpNamed(m, "aws_cloudwatch_log_group", "service") {
		cmpEqual(t, k+" log group", g.Values["name"], "/ecs/candlefish-production/"+k)
		cmpEqual(t, k+" retention", g.Values["retention_in_days"], 90)
		if v := g.Values["kms_key_id"]; v == nil || v == "" {
			t.Errorf("%s log group has no KMS key", k)
		}
	}
}

////////////////////////////////////////////////////////////////////////////////
// Variable validations, through a harness root module whose inputs are all
// known values (the example derives ARNs and IDs from its own resources,
// which leaves their validations unknown before apply).
////////////////////////////////////////////////////////////////////////////////

// cmpHarnessInputs is a complete, valid call of the module.
var cmpHarnessInputs = map[string]string{
	"project":                    `"candlefish"`,
	"environment":                `"production"`,
	"tags":                       `{ Team = "platform" }`,
	"spot_percentage":            `0`,
	"capacity_provider_strategy": `{ FARGATE = { base = 1, weight = 1 } }`,
	"cpu_architecture":           `"ARM64"`,
	"vpc_id":                     `"vpc-0123456789abcdef0"`,
	"public_subnet_ids":          `{ "us-east-1a" = "subnet-0123456789abcdef0", "us-east-1b" = "subnet-0123456789abcdef1" }`,
	"private_subnet_ids":         `{ "us-east-1a" = "subnet-0123456789abcdef2", "us-east-1b" = "subnet-0123456789abcdef3" }`,
	"alb_security_group_id":      `"sg-0123456789abcdef0"`,
	"app_security_group_ids":     `["sg-0123456789abcdef1"]`,
	"lambda_security_group_ids":  `["sg-0123456789abcdef2"]`,
	"task_execution_role_arn":    `"arn:aws:iam::111122223333:role/candlefish-production-ecs-task-execution"`,
	"task_role_arn":              `"arn:aws:iam::111122223333:role/candlefish-production-ecs-task"`,
	"log_kms_key_arn":            `"arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789"`,
	"log_retention_days":         `90`,
	"services": `{
		web = { image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/candlefish/web:1", cpu = 2048, memory = 4096, desired_count = 3, min_count = 3, max_count = 20 }
		api = { image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/candlefish/api:1", cpu = 2048, memory = 4096, port = 8081, path_patterns = ["/api/*"],
		        secrets = { DATABASE_URL = "arn:aws:secretsmanager:us-east-1:111122223333:secret:candlefish/production/database-url-AbCdEf" },
		        autoscaling = { custom_metric = { namespace = "Candlefish/API", metric_name = "QueueDepth", target_value = 50 } } }
	}`,
	"default_service":                  `"web"`,
	"enable_execute_command":           `false`,
	"enable_xray_sidecar":              `true`,
	"xray_daemon_image":                `"public.ecr.aws/xray/aws-xray-daemon:3.x"`,
	"create_alb":                       `true`,
	"alb_internal":                     `false`,
	"test_listener_security_group_ids": `{}`,
	"certificate_arn":                  `"arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"`,
	"alb_ssl_policy":                   `"ELBSecurityPolicy-TLS13-1-2-2021-06"`,
	"alb_idle_timeout":                 `60`,
	"enable_alb_deletion_protection":   `true`,
	"alb_access_logs_bucket":           `"candlefish-production-alb-logs"`,
	"alb_access_logs_prefix":           `"alb"`,
	"origin_verify":                    `{ header_name = "X-Origin-Verify" }`,
	"origin_verify_secret_arn":         `null`,
	"origin_verify_kms_key_arn":        `"arn:aws:kms:us-east-1:111122223333:key/1a1b2c3d-4e5f-6789-abcd-ef0123456789"`,
	"scheduled_scaling":                `{ night = { schedule = "cron(0 20 ? * MON-FRI *)", min_capacity = 0, max_capacity = 0 } }`,
	"blue_green":                       `{ enabled = true, hook_function = "deploycheck", test_hostname = "origin.candlefish.ai" }`,
	"hook_function_arn":                `null`,
	"test_listener_cidr_blocks":        `{ nat = "203.0.113.10/32" }`,
	"alarm_5xx_rate_threshold":         `5`,
	"alarm_actions":                    `["arn:aws:sns:us-east-1:111122223333:candlefish-production-alerts"]`,
	"enable_deployment_alarms":         `true`,
	"lambda_functions":                 `{ deploycheck = { zip_path = "dist/deploycheck.zip", vpc = true } }`,
	"lambda_role_arns":                 `{}`,
}

// cmpHarness writes a root module that calls the module with
// cmpHarnessInputs and the overrides, each passed through an untyped root
// variable set in terraform.tfvars. An input whose value is null is left out
// of the call, so the module sees its default (null), as Terraform does;
// the evaluator would otherwise treat a null passed through as unknown.
func cmpHarness(t *testing.T, overrides map[string]string) string {
	t.Helper()
	moduleDir := filepath.Join(envtest.Repo(t), "terraform", "modules", "compute")
	dir := t.TempDir()
	rel, err := filepath.Rel(dir, moduleDir)
	if err != nil {
		t.Fatal(err)
	}
	inputs := cmpMerge(cmpHarnessInputs, overrides)
	var names []string
	for _, n := range cmpKeys(inputs) {
		if strings.TrimSpace(inputs[n]) != "null" {
			names = append(names, n)
		}
	}
	var main, tfvars strings.Builder
	fmt.Fprintf(&main, "provider \"aws\" {\n  region = \"us-east-1\"\n}\n\nmodule \"compute\" {\n  source = %q\n\n", filepath.ToSlash(rel))
	for _, n := range names {
		fmt.Fprintf(&main, "  %s = var.%s\n", n, n)
	}
	main.WriteString("}\n")
	for _, n := range names {
		fmt.Fprintf(&main, "\nvariable %q {\n  type = any\n}\n", n)
		fmt.Fprintf(&tfvars, "%s = %s\n", n, inputs[n])
	}
	for name, content := range map[string]string{"main.tf": main.String(), "terraform.tfvars": tfvars.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// cmpValidationCase targets one validation block of a module variable.
type cmpValidationCase struct {
	variable  string // the module variable whose validation the case targets
	name      string
	good, bad map[string]string
	want      string // part of the expected error message
}

func cmpOneService(attrs string) map[string]string {
	if attrs != "" {
		attrs = ", " + attrs
	}
	return map[string]string{
		"services":        `{ web = { image = "img:1"` + attrs + ` } }`,
		"default_service": `null`,
	}
}

func cmpLambda(attrs string) map[string]string {
	if attrs != "" {
		attrs = ", " + attrs
	}
	return map[string]string{"lambda_functions": `{ deploycheck = { zip_path = "dist/deploycheck.zip"` + attrs + ` } }`}
}

func cmpMerge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func cmpValidationCases() []cmpValidationCase {
	schedule := func(s string) map[string]string {
		return map[string]string{"scheduled_scaling": `{ night = { ` + s + ` } }`}
	}
	return []cmpValidationCase{
		{"project", "project", map[string]string{"project": `"cf-demo"`}, map[string]string{"project": `"Candlefish!"`}, "project must be 3-20 characters"},
		{"environment", "environment", map[string]string{"environment": `"staging"`}, map[string]string{"environment": `"prod"`}, "environment must be one of"},
		{"spot_percentage", "spot_percentage range", map[string]string{"spot_percentage": "70"}, map[string]string{"spot_percentage": "120"}, "spot_percentage must be a whole number from 0"},
		{"spot_percentage", "spot_percentage null", map[string]string{"spot_percentage": "null"}, map[string]string{"spot_percentage": "33.5"}, "spot_percentage must be a whole number from 0"},
		{"capacity_provider_strategy", "capacity_provider_strategy keys",
			map[string]string{"capacity_provider_strategy": `{ FARGATE_SPOT = { weight = 1 } }`},
			map[string]string{"capacity_provider_strategy": `{ EC2 = { weight = 1 } }`}, "keys must be FARGATE or FARGATE_SPOT"},
		{"capacity_provider_strategy", "capacity_provider_strategy weights",
			map[string]string{"capacity_provider_strategy": `{ FARGATE = { base = 1, weight = 3 }, FARGATE_SPOT = { weight = 7 } }`},
			map[string]string{"capacity_provider_strategy": `{ FARGATE = { weight = 0 } }`}, "weight from 0 to 1000 (at least one above 0)"},
		{"capacity_provider_strategy", "capacity_provider_strategy one base",
			map[string]string{"capacity_provider_strategy": `{ FARGATE = { base = 2, weight = 1 }, FARGATE_SPOT = { weight = 1 } }`},
			map[string]string{"capacity_provider_strategy": `{ FARGATE = { base = 1, weight = 1 }, FARGATE_SPOT = { base = 1, weight = 1 } }`}, "Only one capacity provider"},
		{"name_suffix", "name_suffix syntax", map[string]string{"name_suffix": `"us-west-2"`}, map[string]string{"name_suffix": `"US_West"`}, "name_suffix must be empty or 1-16 lowercase letters"},
		{"name_suffix", "name_suffix length", map[string]string{"name_suffix": `"dr"`}, map[string]string{"name_suffix": `"standby-us-west"`}, "name_suffix must be empty or 1-16 lowercase letters"},
		{"enable_container_insights", "Container Insights for blue/green",
			map[string]string{"enable_container_insights": "false", "blue_green": `{ enabled = false }`},
			map[string]string{"enable_container_insights": "false"}, "blue_green.enabled needs enable_container_insights = true"},
		{"cpu_architecture", "cpu_architecture", map[string]string{"cpu_architecture": `"X86_64"`}, map[string]string{"cpu_architecture": `"arm64"`}, "cpu_architecture must be ARM64 or X86_64"},
		{"vpc_id", "vpc_id", map[string]string{"vpc_id": `"vpc-0a1b2c3d"`}, map[string]string{"vpc_id": `"10.0.0.0/16"`}, "vpc_id must be a VPC ID"},
		{"public_subnet_ids", "public_subnet_ids",
			map[string]string{"public_subnet_ids": `{ "us-east-1a" = "subnet-0a1b2c3d", "us-east-1c" = "subnet-0a1b2c3e" }`},
			map[string]string{"public_subnet_ids": `{ "a" = "subnet-0a1b2c3d", "b" = "subnet-0a1b2c3e" }`}, "public_subnet_ids must map availability zone names"},
		{"private_subnet_ids", "private_subnet_ids",
			map[string]string{"private_subnet_ids": `{ "us-east-1a" = "subnet-0a1b2c3d" }`},
			map[string]string{"private_subnet_ids": `{ "us-east-1a" = "sub-0a1b2c3d" }`}, "private_subnet_ids must map availability zone names"},
		{"alb_security_group_id", "alb_security_group_id", map[string]string{"alb_security_group_id": `"sg-0a1b2c3d"`}, map[string]string{"alb_security_group_id": `"alb"`}, "alb_security_group_id must be a security group ID"},
		{"app_security_group_ids", "app_security_group_ids", map[string]string{"app_security_group_ids": `["sg-0a1b2c3d", "sg-0a1b2c3e"]`}, map[string]string{"app_security_group_ids": `["app"]`}, "app_security_group_ids must be security group IDs"},
		{"task_execution_role_arn", "task_execution_role_arn",
			map[string]string{"task_execution_role_arn": `"arn:aws:iam::111122223333:role/service-role/exec"`},
			map[string]string{"task_execution_role_arn": `"arn:aws:iam::111122223333:user/exec"`}, "task_execution_role_arn must be an IAM role ARN"},
		{"task_role_arn", "task_role_arn", map[string]string{"task_role_arn": `null`}, map[string]string{"task_role_arn": `"ecs-task"`}, "task_role_arn must be an IAM role ARN"},
		{"log_kms_key_arn", "log_kms_key_arn", map[string]string{"log_kms_key_arn": `null`}, map[string]string{"log_kms_key_arn": `"alias/logs"`}, "log_kms_key_arn must be a KMS key ARN"},
		{"log_retention_days", "log_retention_days", map[string]string{"log_retention_days": "7"}, map[string]string{"log_retention_days": "10"}, "log_retention_days must be one of"},

		// services
		{"services", "service keys", cmpOneService(""), map[string]string{"services": `{ Web_1 = { image = "img:1" } }`, "default_service": `null`}, "services keys must be 1-12 characters"},
		{"services", "service cpu/memory", cmpOneService("cpu = 512, memory = 2048"), cmpOneService("cpu = 256, memory = 4096"), "must be a Fargate combination"},
		{"services", "service cpu/memory large", cmpOneService("cpu = 8192, memory = 20480"), cmpOneService("cpu = 8192, memory = 17408"), "must be a Fargate combination"},
		{"services", "service port", cmpOneService("port = 443"), cmpOneService("port = 70000"), "port must be a whole number from 1 to 65535"},
		{"services", "service cpu_architecture", cmpOneService(`cpu_architecture = "X86_64"`), cmpOneService(`cpu_architecture = "arm64"`), "A service's cpu_architecture must be ARM64, X86_64 or null"},
		{"services", "service image", cmpOneService(""), map[string]string{"services": `{ web = { image = " " } }`, "default_service": `null`}, "Each service needs an image"},
		{"services", "service counts", cmpOneService("min_count = 0, desired_count = 1, max_count = 2"), cmpOneService("min_count = 3, desired_count = 2, max_count = 5"), "0 <= min_count <= desired_count <= max_count"},
		{"services", "service health check", cmpOneService(`health_check_path = "/healthz", health_check_matcher = "200,204"`), cmpOneService(`health_check_path = "healthz"`), "health_check_path must start with /"},
		{"services", "service health check matcher", cmpOneService(`health_check_matcher = "200-299"`), cmpOneService(`health_check_matcher = "ok"`), "health_check_path must start with /"},
		{"services", "service grace and deregistration", cmpOneService("health_check_grace = 0, deregistration_delay = 0"), cmpOneService("deregistration_delay = 4000"), "deregistration_delay 0-3600 seconds"},
		{"services", "service variable names", cmpOneService(`environment = { LOG_LEVEL = "info" }`), cmpOneService(`environment = { "1BAD" = "x" }`), "must be valid variable names"},
		{"services", "service secrets", cmpOneService(`secrets = { TOKEN = "arn:aws:ssm:us-east-1:111122223333:parameter/candlefish/token" }`), cmpOneService(`secrets = { TOKEN = "candlefish/token" }`), "Each secret must be a Secrets Manager secret ARN"},
		{"services", "service routing values",
			map[string]string{"services": `{ web = { image = "img:1" }, api = { image = "img:1", host_headers = ["api.candlefish.ai"], path_patterns = ["/v1/*"] } }`},
			map[string]string{"services": `{ web = { image = "img:1" }, api = { image = "img:1", path_patterns = ["api/*"] } }`}, "at most 4 host_headers and path_patterns together"},
		{"services", "service priority range", cmpOneService("priority = 49999"), cmpOneService("priority = 50000"), "priority must be a whole number from 1 to 49999"},
		{"services", "service priorities unique",
			map[string]string{"services": `{ web = { image = "img:1" }, a = { image = "img:1", path_patterns = ["/a/*"], priority = 100 }, b = { image = "img:1", path_patterns = ["/b/*"], priority = 200 } }`},
			map[string]string{"services": `{ web = { image = "img:1" }, a = { image = "img:1", path_patterns = ["/a/*"], priority = 100 }, b = { image = "img:1", path_patterns = ["/b/*"], priority = 100 } }`},
			"Listener rule priorities must be unique"},
		{"services", "service writable paths", cmpOneService(`writable_paths = ["/tmp", "/var/cache"]`), cmpOneService(`writable_paths = ["/"]`), "writable_paths must be absolute directories other than /"},
		{"services", "service autoscaling targets", cmpOneService("autoscaling = { cpu_target = 50, memory_target = 80 }"), cmpOneService("autoscaling = { cpu_target = 150 }"), "cpu_target and memory_target must be percentages"},
		{"services", "service custom metric",
			cmpOneService(`autoscaling = { custom_metric = { namespace = "Candlefish/API", metric_name = "Queue", statistic = "Maximum", target_value = 10 } }`),
			cmpOneService(`autoscaling = { custom_metric = { namespace = "Candlefish/API", metric_name = "Queue", statistic = "Median", target_value = 10 } }`),
			"autoscaling.custom_metric needs a namespace"},
		{"default_service", "default_service key", map[string]string{"default_service": `"web"`}, map[string]string{"default_service": `"admin"`}, "default_service must be a key of services"},
		{"default_service", "default_service takes the rest",
			map[string]string{"services": `{ web = { image = "img:1" }, api = { image = "img:1", path_patterns = ["/api/*"] } }`},
			map[string]string{"services": `{ web = { image = "img:1", path_patterns = ["/web/*"] }, api = { image = "img:1", path_patterns = ["/api/*"] } }`},
			"leave its host_headers and path_patterns empty"},
		{"default_service", "other services need conditions",
			map[string]string{"services": `{ web = { image = "img:1" }, api = { image = "img:1", host_headers = ["api.candlefish.ai"] } }`},
			map[string]string{"services": `{ web = { image = "img:1" }, api = { image = "img:1" } }`},
			"Every service other than the default one needs host_headers or path_patterns"},
		{"xray_daemon_image", "xray_daemon_image",
			map[string]string{"xray_daemon_image": `"111122223333.dkr.ecr.us-east-1.amazonaws.com/xray/daemon:3.3.14"`},
			map[string]string{"xray_daemon_image": `"aws-xray-daemon"`}, "xray_daemon_image must be an image reference"},

		// load balancer
		{"create_alb", "services need the load balancer",
			map[string]string{"create_alb": "false", "services": "{}", "default_service": "null", "blue_green": "{}", "lambda_functions": "{}"},
			map[string]string{"create_alb": "false", "blue_green": "{}"}, "set create_alb = true when services is not empty"},
		{"create_alb", "load balancer inputs",
			map[string]string{"public_subnet_ids": `{ "us-east-1a" = "subnet-0a1b2c3d", "us-east-1b" = "subnet-0a1b2c3e", "us-east-1c" = "subnet-0a1b2c3f" }`},
			map[string]string{"public_subnet_ids": `{ "us-east-1a" = "subnet-0a1b2c3d" }`}, "create_alb = true needs vpc_id, subnets in at least two AZs"},
		{"create_alb", "internal load balancer subnets",
			map[string]string{"alb_internal": "true", "public_subnet_ids": `{}`, "test_listener_cidr_blocks": `{}`},
			map[string]string{"alb_internal": "true", "private_subnet_ids": `{ "us-east-1a" = "subnet-0a1b2c3d" }`, "test_listener_cidr_blocks": `{}`}, "create_alb = true needs vpc_id, subnets in at least two AZs"},
		{"create_alb", "service inputs",
			map[string]string{"app_security_group_ids": `["sg-0a1b2c3d"]`},
			map[string]string{"app_security_group_ids": `[]`}, "Services need private_subnet_ids, app_security_group_ids and task_execution_role_arn"},
		{"certificate_arn", "certificate_arn",
			map[string]string{"certificate_arn": `"arn:aws:acm:us-west-2:111122223333:certificate/1a1b2c3d-4e5f-6789-abcd-ef0123456789"`},
			map[string]string{"certificate_arn": `"arn:aws:iam::111122223333:server-certificate/candlefish"`}, "certificate_arn must be an ACM certificate ARN"},
		{"alb_ssl_policy", "alb_ssl_policy",
			map[string]string{"alb_ssl_policy": `"ELBSecurityPolicy-TLS13-1-3-2021-06"`},
			map[string]string{"alb_ssl_policy": `"ELBSecurityPolicy-TLS13-1-0-2021-06"`}, "alb_ssl_policy must be an ELBSecurityPolicy-TLS13-1-2-*"},
		{"alb_idle_timeout", "alb_idle_timeout", map[string]string{"alb_idle_timeout": "4000"}, map[string]string{"alb_idle_timeout": "0"}, "alb_idle_timeout must be a whole number of seconds from 1 to 4000"},
		{"alb_access_logs_bucket", "alb_access_logs_bucket", map[string]string{"alb_access_logs_bucket": `"candlefish.logs-1"`}, map[string]string{"alb_access_logs_bucket": `"Candlefish_Logs"`}, "alb_access_logs_bucket must be an S3 bucket name"},
		{"create_alb_access_logs_bucket", "create_alb_access_logs_bucket instead of alb_access_logs_bucket",
			map[string]string{"create_alb_access_logs_bucket": "true", "alb_access_logs_bucket": "null"},
			map[string]string{"create_alb_access_logs_bucket": "true"}, "Set exactly one of alb_access_logs_bucket and create_alb_access_logs_bucket"},
		{"create_alb_access_logs_bucket", "create_alb_access_logs_bucket or alb_access_logs_bucket",
			map[string]string{"create_alb_access_logs_bucket": "false"},
			map[string]string{"create_alb_access_logs_bucket": "false", "alb_access_logs_bucket": "null"}, "Set exactly one of alb_access_logs_bucket and create_alb_access_logs_bucket"},
		{"create_alb_access_logs_bucket", "create_alb_access_logs_bucket needs create_alb",
			map[string]string{"create_alb": "false", "services": "{}", "default_service": "null", "blue_green": `{ enabled = false }`, "lambda_functions": "{}", "alb_access_logs_bucket": "null"},
			map[string]string{"create_alb": "false", "services": "{}", "default_service": "null", "blue_green": `{ enabled = false }`, "lambda_functions": "{}", "alb_access_logs_bucket": "null", "create_alb_access_logs_bucket": "true"},
			"create_alb_access_logs_bucket needs create_alb"},
		{"alb_access_logs_bucket_name", "alb_access_logs_bucket_name",
			map[string]string{"create_alb_access_logs_bucket": "true", "alb_access_logs_bucket": "null", "alb_access_logs_bucket_name": `"candlefish-production-alb-logs-us-west-2"`},
			map[string]string{"create_alb_access_logs_bucket": "true", "alb_access_logs_bucket": "null", "alb_access_logs_bucket_name": `"Candlefish_Logs"`}, "alb_access_logs_bucket_name must be an S3 bucket name"},
		{"alb_access_logs_retention_days", "alb_access_logs_retention_days", map[string]string{"alb_access_logs_retention_days": "90"}, map[string]string{"alb_access_logs_retention_days": "0"}, "alb_access_logs_retention_days must be a whole number of days"},
		{"alb_access_logs_prefix", "alb_access_logs_prefix", map[string]string{"alb_access_logs_prefix": `"candlefish/alb"`}, map[string]string{"alb_access_logs_prefix": `"/alb/"`}, "alb_access_logs_prefix must be a key prefix"},
		{"origin_verify", "origin_verify header name",
			map[string]string{"origin_verify": `{ header_name = "X-Candlefish-Origin" }`},
			map[string]string{"origin_verify": `{ header_name = "X-Forwarded-For" }`}, "origin_verify.header_name must be 1-40 letters"},
		{"origin_verify", "origin_verify value source",
			map[string]string{"origin_verify": `{ generate_value = false }`, "origin_verify_secret_arn": `"arn:aws:secretsmanager:us-east-1:111122223333:secret:candlefish/production/origin-verify-AbCdEf"`},
			map[string]string{"origin_verify": `{ generate_value = true }`, "origin_verify_kms_key_arn": `null`}, "origin_verify needs origin_verify_kms_key_arn"},
		{"origin_verify_secret_arn", "origin_verify_secret_arn",
			map[string]string{"origin_verify_secret_arn": `"arn:aws:secretsmanager:us-east-1:111122223333:secret:x-AbCdEf"`},
			map[string]string{"origin_verify_secret_arn": `"candlefish/origin-verify"`}, "origin_verify_secret_arn must be a Secrets Manager secret ARN"},
		{"origin_verify_kms_key_arn", "origin_verify_kms_key_arn",
			map[string]string{"origin_verify_kms_key_arn": `"arn:aws:kms:us-east-1:111122223333:key/2a1b2c3d-4e5f-6789-abcd-ef0123456789"`},
			map[string]string{"origin_verify_kms_key_arn": `"alias/aws/secretsmanager"`}, "origin_verify_kms_key_arn must be a KMS key ARN"},

		// scheduled scaling
		{"scheduled_scaling", "scheduled_scaling keys", map[string]string{"scheduled_scaling": `{ night-stop = { schedule = "rate(1 day)", min_capacity = 0, max_capacity = 0 } }`}, map[string]string{"scheduled_scaling": `{ "Night Stop" = { schedule = "rate(1 day)", min_capacity = 0, max_capacity = 0 } }`}, "scheduled_scaling keys must be 1-32"},
		{"scheduled_scaling", "scheduled_scaling cron", schedule(`schedule = "cron(0 7 ? * MON-FRI *)", min_capacity = 1, max_capacity = 2`), schedule(`schedule = "cron(0 20 * * MON-FRI *)", min_capacity = 0, max_capacity = 0`), "Each schedule must be cron("},
		{"scheduled_scaling", "scheduled_scaling at/rate", schedule(`schedule = "at(2026-12-24T18:00:00)", min_capacity = 0, max_capacity = 0`), schedule(`schedule = "0 20 * * 1-5", min_capacity = 0, max_capacity = 0`), "Each schedule must be cron("},
		{"scheduled_scaling", "scheduled_scaling capacities", schedule(`schedule = "rate(12 hours)", min_capacity = 2, max_capacity = 2`), schedule(`schedule = "rate(12 hours)", min_capacity = 3, max_capacity = 1`), "0 <= min_capacity <= max_capacity <= 1000"},
		{"scheduled_scaling", "scheduled_scaling timezone", schedule(`schedule = "rate(1 day)", min_capacity = 0, max_capacity = 0, timezone = "Europe/Berlin"`), schedule(`schedule = "rate(1 day)", min_capacity = 0, max_capacity = 0, timezone = "Eastern Time"`), "timezone must be UTC or an IANA time zone name"},
		{"scheduled_scaling", "scheduled_scaling services", schedule(`schedule = "rate(1 day)", min_capacity = 0, max_capacity = 0, services = ["api"]`), schedule(`schedule = "rate(1 day)", min_capacity = 0, max_capacity = 0, services = ["worker"]`), "A scheduled action's services must be keys of services"},

		// blue/green
		{"blue_green", "blue_green bake time", map[string]string{"blue_green": `{ enabled = true, bake_time_in_minutes = 0 }`}, map[string]string{"blue_green": `{ enabled = true, bake_time_in_minutes = 2000 }`}, "bake_time_in_minutes must be a whole number from 0 to 1440"},
		{"blue_green", "blue_green stages",
			map[string]string{"blue_green": `{ enabled = true, hook_function = "deploycheck", lifecycle_stages = ["POST_SCALE_UP", "POST_TEST_TRAFFIC_SHIFT"] }`},
			map[string]string{"blue_green": `{ enabled = true, hook_function = "deploycheck", lifecycle_stages = ["AFTER_DEPLOY"] }`}, "lifecycle_stages must list ECS lifecycle stages"},
		{"blue_green", "blue_green test port", map[string]string{"blue_green": `{ enabled = true, test_listener_port = 9443 }`}, map[string]string{"blue_green": `{ enabled = true, test_listener_port = 443 }`}, "test_listener_port must be a whole number from 1 to 65535 other than 80 and 443"},
		{"blue_green", "blue_green one hook",
			map[string]string{"blue_green": `{ enabled = true }`, "hook_function_arn": `"arn:aws:lambda:us-east-1:111122223333:function:candlefish-deploycheck"`},
			map[string]string{"blue_green": `{ enabled = true, hook_function = "deploycheck" }`, "hook_function_arn": `"arn:aws:lambda:us-east-1:111122223333:function:candlefish-deploycheck"`},
			"Set at most one of blue_green.hook_function"},
		{"blue_green", "blue_green hook key", map[string]string{"blue_green": `{ enabled = true, hook_function = "deploycheck" }`}, map[string]string{"blue_green": `{ enabled = true, hook_function = "checker" }`}, "blue_green.hook_function must be a key of lambda_functions"},
		{"blue_green", "blue_green test hostname", map[string]string{"blue_green": `{ enabled = true, test_hostname = "origin.staging.candlefish.ai" }`}, map[string]string{"blue_green": `{ enabled = true, test_hostname = "https://origin.candlefish.ai" }`}, "blue_green.test_hostname must be a DNS name"},
		{"blue_green", "blue_green needs the load balancer",
			map[string]string{"create_alb": "false", "services": "{}", "default_service": "null", "blue_green": `{ enabled = false }`, "lambda_functions": "{}"},
			map[string]string{"create_alb": "false", "services": "{}", "default_service": "null", "blue_green": `{ enabled = true }`, "lambda_functions": "{}"},
			"blue_green.enabled needs the load balancer"},
		{"hook_function_arn", "hook_function_arn",
			map[string]string{"blue_green": `{ enabled = true }`, "hook_function_arn": `"arn:aws:lambda:us-east-1:111122223333:function:deploycheck:live"`},
			map[string]string{"blue_green": `{ enabled = true }`, "hook_function_arn": `"deploycheck"`}, "hook_function_arn must be a Lambda function ARN"},
		{"test_listener_cidr_blocks", "test_listener_cidr_blocks",
			map[string]string{"test_listener_cidr_blocks": `{ nat-a = "203.0.113.10/32", office = "198.51.100.0/24" }`},
			map[string]string{"test_listener_cidr_blocks": `{ anywhere = "0.0.0.0/0" }`}, "0.0.0.0/0 is not allowed"},
		{"test_listener_cidr_blocks", "test_listener_cidr_blocks syntax",
			map[string]string{"test_listener_cidr_blocks": `{ nat = "10.40.0.0/16" }`},
			map[string]string{"test_listener_cidr_blocks": `{ nat = "203.0.113.300/32" }`}, "test_listener_cidr_blocks must map names"},
		{"test_listener_cidr_blocks", "test_listener_cidr_blocks private for an internal load balancer",
			map[string]string{"alb_internal": "true", "test_listener_cidr_blocks": `{ vpc = "10.30.0.0/16", peer = "172.31.0.0/16", lab = "192.168.4.0/24" }`},
			map[string]string{"alb_internal": "true", "test_listener_cidr_blocks": `{ nat = "203.0.113.10/32" }`}, "may only hold private (RFC 1918) IPv4 blocks"},
		{"test_listener_cidr_blocks", "test_listener_cidr_blocks private prefix",
			map[string]string{"alb_internal": "true", "test_listener_cidr_blocks": `{ vpc = "172.16.0.0/12" }`},
			map[string]string{"alb_internal": "true", "test_listener_cidr_blocks": `{ wide = "172.0.0.0/8" }`}, "may only hold private (RFC 1918) IPv4 blocks"},
		{"test_listener_security_group_ids", "test_listener_security_group_ids",
			map[string]string{"test_listener_security_group_ids": `{ deploycheck = "sg-0a1b2c3d" }`},
			map[string]string{"test_listener_security_group_ids": `{ deploycheck = "deploycheck" }`}, "test_listener_security_group_ids must map names"},

		// alarms
		{"alarm_5xx_rate_threshold", "alarm_5xx_rate_threshold", map[string]string{"alarm_5xx_rate_threshold": "0.5"}, map[string]string{"alarm_5xx_rate_threshold": "0"}, "alarm_5xx_rate_threshold must be a percentage"},
		{"alarm_actions", "alarm_actions", map[string]string{"alarm_actions": `[]`}, map[string]string{"alarm_actions": `["arn:aws:sqs:us-east-1:111122223333:alerts"]`}, "alarm_actions must be SNS topic ARNs"},

		// lambda
		{"lambda_functions", "lambda keys", cmpLambda(""), map[string]string{"lambda_functions": `{ Deploy_Check = { zip_path = "dist/deploycheck.zip" } }`, "blue_green": `{ enabled = true }`}, "lambda_functions keys must be 1-24 characters"},
		{"lambda_functions", "lambda package", cmpLambda(`handler = "bootstrap"`), cmpMerge(map[string]string{"lambda_functions": `{ deploycheck = { zip_path = "dist/deploycheck.jar" } }`}), "zip_path ending in .zip"},
		{"lambda_functions", "lambda memory and timeout", cmpLambda("memory = 10240, timeout = 900"), cmpLambda("memory = 64"), "memory must be 128-10240 MB and its timeout 1-900 seconds"},
		{"lambda_functions", "lambda reserved concurrency", cmpLambda("reserved_concurrency = 0"), cmpLambda("reserved_concurrency = -1"), "reserved_concurrency must be a whole number of 0 or more"},
		{"lambda_functions", "lambda vpc", cmpLambda("vpc = true"), cmpMerge(cmpLambda("vpc = true"), map[string]string{"lambda_security_group_ids": "[]"}), "A function with vpc = true needs lambda_security_group_ids"},
		{"lambda_functions", "lambda environment names", cmpLambda(`environment = { TEST_URL = "https://origin.candlefish.ai:8443" }`), cmpLambda(`environment = { AWS_REGION = "us-east-1" }`), "Lambda environment variable names"},
		{"lambda_functions", "lambda policy statements",
			cmpLambda(`policy_statements = [{ sid = "ReadConfig", actions = ["ssm:GetParameter"], resources = ["arn:aws:ssm:us-east-1:111122223333:parameter/candlefish/*"] }]`),
			cmpLambda(`policy_statements = [{ effect = "Permit", actions = ["ssm:GetParameter"], resources = ["*"] }]`),
			"Each policy statement needs effect Allow or Deny"},
		{"lambda_role_arns", "lambda_role_arns",
			map[string]string{"lambda_role_arns": `{ deploycheck = "arn:aws:iam::111122223333:role/candlefish-production-lambda-deploycheck" }`},
			map[string]string{"lambda_role_arns": `{ other = "arn:aws:iam::111122223333:role/x" }`}, "lambda_role_arns must map keys of lambda_functions"},
		{"lambda_security_group_ids", "lambda_security_group_ids", map[string]string{"lambda_security_group_ids": `["sg-0a1b2c3d"]`}, map[string]string{"lambda_security_group_ids": `["lambda"]`}, "lambda_security_group_ids must be security group IDs"},
	}
}

func TestComputeHarnessIsValid(t *testing.T) {
	m := envtest.Dir(t, cmpHarness(t, nil), nil)
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Fatalf("the harness's base inputs fail validation: %v", fs)
	}
	if n := len(cmpManaged(m, "aws_ecs_service")); n != 2 {
		t.Errorf("harness: %d services, want 2", n)
	}
}

// Every validation of the module accepts a good value and rejects a bad one
// with its message. Values are HCL expressions on top of cmpHarnessInputs.
func TestComputeVariableValidations(t *testing.T) {
	for _, tc := range cmpValidationCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			envtest.ExpectValid(t, cmpHarness(t, tc.good), nil)
			envtest.ExpectInvalid(t, cmpHarness(t, tc.bad), nil, tc.want)
		})
	}
}

// Every validation block of the module has a case whose expected message is
// part of that block's error message, so a new validation cannot go untested.
func TestComputeEveryValidationIsTested(t *testing.T) {
	m := envtest.Dir(t, cmpHarness(t, nil), nil)
	d := cmpModuleDir(t, m)
	byVariable := map[string][]string{}
	for _, tc := range cmpValidationCases() {
		if _, ok := d.Variables[tc.variable]; !ok {
			t.Errorf("case %q names %q, which is not a variable of the compute module", tc.name, tc.variable)
		}
		byVariable[tc.variable] = append(byVariable[tc.variable], tc.want)
	}
	blocks := 0
	for name, v := range d.Variables {
		for _, val := range v.Validations {
			blocks++
			msg, diags := val.ErrorMessage.Value(nil)
			if diags.HasErrors() {
				t.Errorf("%s: error message is not a constant string", name)
				continue
			}
			covered := false
			for _, want := range byVariable[name] {
				if strings.Contains(msg.AsString(), want) {
					covered = true
				}
			}
			if !covered {
				t.Errorf("variable %s: no case expects %q", name, msg.AsString())
			}
		}
	}
	if blocks == 0 {
		t.Fatal("no validation blocks found in the compute module")
	}
}

// The environments still pass capacity_provider_strategy: it applies while
// spot_percentage is null.
func TestComputeDeprecatedCapacityProviderStrategy(t *testing.T) {
	m := envtest.Dir(t, cmpHarness(t, map[string]string{
		"spot_percentage":            "null",
		"environment":                `"staging"`,
		"capacity_provider_strategy": `{ FARGATE = { base = 1, weight = 3 }, FARGATE_SPOT = { weight = 7 } }`,
	}), nil)
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Fatalf("validation failures: %v", fs)
	}
	cp := cmpOne(t, m, "aws_ecs_cluster_capacity_providers", "this", "<nil>")
	got := map[string]string{}
	for _, s := range cmpBlocks(cp.Values["default_capacity_provider_strategy"]) {
		got[fmt.Sprint(s["capacity_provider"])] = fmt.Sprint(s["base"], "/", s["weight"])
	}
	cmpEqual(t, "cluster strategy", got, map[string]string{"FARGATE": "1/3", "FARGATE_SPOT": "0/7"})
}
