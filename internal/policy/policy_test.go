package policy

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var tagsOK = map[string]any{"Project": "Candlefish", "Environment": "dev", "CostCenter": "Engineering", "Owner": "DevOps"}

func res(typ, name string, values map[string]any, refs ...string) InputResource {
	if refs == nil {
		refs = []string{}
	}
	return InputResource{Address: typ + "." + name, BlockAddress: typ + "." + name, Type: typ, Name: name, Mode: "managed",
		Region: "us-east-1", Values: values, TagsAll: tagsOK, References: refs}
}

func data(typ, name string, values map[string]any) InputResource {
	r := res(typ, name, values)
	r.Mode, r.Address, r.BlockAddress, r.TagsAll = "data", "data."+typ+"."+name, "data."+typ+"."+name, nil
	return r
}

var engine *Engine

func TestMain(m *testing.M) {
	var err error
	if engine, err = New(context.Background()); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

func violations(t *testing.T, env string, rs ...InputResource) []string {
	t.Helper()
	vs, err := engine.Eval(context.Background(), &Input{Target: env, Environment: env, Resources: rs})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range vs {
		out = append(out, v.Policy.ID+" "+v.Address+" "+v.Attribute)
	}
	return out
}

// Each policy gets a failing input (the violation must be reported, by that
// policy, on that resource) and a passing one (no violation at all).
func TestPolicies(t *testing.T) {
	kms := "arn:aws:kms:us-east-1:123456789012:key/abc"
	lbSG := res("aws_security_group", "alb", map[string]any{"name": "alb"})
	lb := res("aws_lb", "this", map[string]any{"enable_deletion_protection": true}, "aws_security_group.alb")
	cases := []struct {
		name string
		env  string
		pass []InputResource
		fail []InputResource
		want string // "<policy id> <address> <attribute>"
	}{
		{
			name: "tags", env: "dev",
			pass: []InputResource{res("aws_sns_topic", "a", map[string]any{"kms_master_key_id": kms})},
			fail: []InputResource{func() InputResource {
				r := res("aws_sns_topic", "a", map[string]any{"kms_master_key_id": kms})
				r.Taggable, r.TagsAll = true, map[string]any{"Project": "Candlefish", "Environment": "dev", "Owner": "DevOps"}
				return r
			}()},
			want: "CF-TAG-001 aws_sns_topic.a tags",
		},
		{
			name: "log group without CMK", env: "dev",
			pass: []InputResource{res("aws_cloudwatch_log_group", "a", map[string]any{"kms_key_id": "(known after apply)", "retention_in_days": int64(7)})},
			fail: []InputResource{res("aws_cloudwatch_log_group", "a", map[string]any{"retention_in_days": int64(7)})},
			want: "CF-ENC-001 aws_cloudwatch_log_group.a kms_key_id",
		},
		{
			name: "SNS with the AWS-managed key", env: "dev",
			pass: []InputResource{res("aws_sns_topic", "a", map[string]any{"kms_master_key_id": kms})},
			fail: []InputResource{res("aws_sns_topic", "a", map[string]any{"kms_master_key_id": "alias/aws/sns"})},
			want: "CF-ENC-001 aws_sns_topic.a kms_master_key_id",
		},
		{
			name: "bucket without encryption configuration", env: "dev",
			pass: []InputResource{
				res("aws_s3_bucket", "b", map[string]any{"bucket": "b"}),
				res("aws_s3_bucket_server_side_encryption_configuration", "b", map[string]any{"rule": []any{map[string]any{
					"apply_server_side_encryption_by_default": []any{map[string]any{"sse_algorithm": "aws:kms", "kms_master_key_id": kms}}}}}, "aws_s3_bucket.b"),
			},
			fail: []InputResource{res("aws_s3_bucket", "b", map[string]any{"bucket": "b"})},
			want: "CF-ENC-001 aws_s3_bucket.b ",
		},
		{
			name: "DynamoDB without CMK", env: "dev",
			pass: []InputResource{res("aws_dynamodb_table", "t", map[string]any{"server_side_encryption": []any{map[string]any{"enabled": true, "kms_key_arn": kms}}})},
			fail: []InputResource{res("aws_dynamodb_table", "t", map[string]any{})},
			want: "CF-ENC-001 aws_dynamodb_table.t server_side_encryption",
		},
		{
			name: "wildcard policy document", env: "dev",
			pass: []InputResource{data("aws_iam_policy_document", "p", map[string]any{"statement": []any{map[string]any{"actions": []any{"s3:GetObject"}, "resources": []any{"*"}}}})},
			fail: []InputResource{data("aws_iam_policy_document", "p", map[string]any{"statement": []any{map[string]any{"actions": []any{"*"}, "resources": []any{"*"}}}})},
			want: "CF-IAM-001 data.aws_iam_policy_document.p statement",
		},
		{
			name: "wildcard inline JSON policy", env: "dev",
			pass: []InputResource{res("aws_iam_role_policy", "p", map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}`})},
			fail: []InputResource{res("aws_iam_role_policy", "p", map[string]any{"policy": `{"Statement":{"Effect":"Allow","Action":"*","Resource":["*"]}}`})},
			want: "CF-IAM-001 aws_iam_role_policy.p policy",
		},
		{
			name: "retention in production", env: "production",
			pass: []InputResource{res("aws_cloudwatch_log_group", "a", map[string]any{"kms_key_id": kms, "retention_in_days": int64(90)})},
			fail: []InputResource{res("aws_cloudwatch_log_group", "a", map[string]any{"kms_key_id": kms, "retention_in_days": int64(30)})},
			want: "CF-LOG-001 aws_cloudwatch_log_group.a retention_in_days",
		},
		{
			name: "retention forever in dev", env: "dev",
			pass: []InputResource{res("aws_cloudwatch_log_group", "a", map[string]any{"kms_key_id": kms, "retention_in_days": int64(7)})},
			fail: []InputResource{res("aws_cloudwatch_log_group", "a", map[string]any{"kms_key_id": kms})},
			want: "CF-LOG-001 aws_cloudwatch_log_group.a retention_in_days",
		},
		{
			name: "deletion protection in production", env: "production",
			pass: []InputResource{res("aws_dynamodb_table", "t", map[string]any{"deletion_protection_enabled": true, "server_side_encryption": []any{map[string]any{"enabled": true, "kms_key_arn": kms}}})},
			fail: []InputResource{res("aws_dynamodb_table", "t", map[string]any{"server_side_encryption": []any{map[string]any{"enabled": true, "kms_key_arn": kms}}})},
			want: "CF-DEL-001 aws_dynamodb_table.t deletion_protection_enabled",
		},
		{
			name: "region", env: "dev",
			pass: []InputResource{res("aws_sns_topic", "a", map[string]any{"kms_master_key_id": kms})},
			fail: []InputResource{func() InputResource {
				r := res("aws_sns_topic", "a", map[string]any{"kms_master_key_id": kms})
				r.Region = "eu-west-1"
				return r
			}()},
			want: "CF-REG-001 aws_sns_topic.a ",
		},
		{
			name: "spot share in staging", env: "staging",
			pass: []InputResource{res("aws_ecs_service", "s", map[string]any{"capacity_provider_strategy": []any{
				map[string]any{"capacity_provider": "FARGATE_SPOT", "weight": int64(70)}, map[string]any{"capacity_provider": "FARGATE", "weight": int64(30), "base": int64(1)}}})},
			fail: []InputResource{res("aws_ecs_service", "s", map[string]any{"capacity_provider_strategy": []any{
				map[string]any{"capacity_provider": "FARGATE_SPOT", "weight": int64(1)}}})},
			want: "CF-SPOT-001 aws_ecs_service.s capacity_provider_strategy",
		},
		{
			name: "open ingress to the application", env: "dev",
			pass: []InputResource{lbSG, lb, res("aws_vpc_security_group_ingress_rule", "https", map[string]any{"cidr_ipv4": "0.0.0.0/0", "from_port": int64(443)}, "aws_security_group.alb")},
			fail: []InputResource{lbSG, lb, res("aws_security_group", "app", map[string]any{}),
				res("aws_vpc_security_group_ingress_rule", "ssh", map[string]any{"cidr_ipv4": "0.0.0.0/0", "from_port": int64(22)}, "aws_security_group.app")},
			want: "CF-NET-001 aws_vpc_security_group_ingress_rule.ssh cidr_ipv4",
		},
		{
			name: "old TLS on a listener", env: "dev",
			pass: []InputResource{res("aws_lb_listener", "https", map[string]any{"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})},
			fail: []InputResource{res("aws_lb_listener", "https", map[string]any{"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08"})},
			want: "CF-TLS-001 aws_lb_listener.https ssl_policy",
		},
		{
			name: "plain HTTP listener", env: "dev",
			pass: []InputResource{res("aws_lb_listener", "http", map[string]any{"protocol": "HTTP", "default_action": []any{map[string]any{"type": "redirect", "redirect": []any{map[string]any{"protocol": "HTTPS"}}}}})},
			fail: []InputResource{res("aws_lb_listener", "http", map[string]any{"protocol": "HTTP", "default_action": []any{map[string]any{"type": "forward"}}})},
			want: "CF-TLS-001 aws_lb_listener.http default_action",
		},
		{
			name: "CloudFront viewer TLS", env: "dev",
			pass: []InputResource{res("aws_cloudfront_distribution", "d", map[string]any{"viewer_certificate": []any{map[string]any{"minimum_protocol_version": "TLSv1.2_2021"}}})},
			fail: []InputResource{res("aws_cloudfront_distribution", "d", map[string]any{"viewer_certificate": []any{map[string]any{"cloudfront_default_certificate": true}}})},
			want: "CF-TLS-001 aws_cloudfront_distribution.d viewer_certificate",
		},
		{
			name: "VPC origin without TLS", env: "dev",
			pass: []InputResource{res("aws_cloudfront_vpc_origin", "alb", map[string]any{"vpc_origin_endpoint_config": []any{map[string]any{"origin_protocol_policy": "https-only",
				"origin_ssl_protocols": []any{map[string]any{"items": []any{"TLSv1.2"}, "quantity": int64(1)}}}}})},
			fail: []InputResource{res("aws_cloudfront_vpc_origin", "alb", map[string]any{"vpc_origin_endpoint_config": []any{map[string]any{"origin_protocol_policy": "match-viewer",
				"origin_ssl_protocols": []any{map[string]any{"items": []any{"TLSv1.2"}, "quantity": int64(1)}}}}})},
			want: "CF-TLS-001 aws_cloudfront_vpc_origin.alb vpc_origin_endpoint_config",
		},
		{
			name: "VPC origin with TLS 1.1", env: "dev",
			pass: []InputResource{res("aws_cloudfront_vpc_origin", "alb", map[string]any{"vpc_origin_endpoint_config": []any{map[string]any{"origin_protocol_policy": "https-only",
				"origin_ssl_protocols": []any{map[string]any{"items": []any{"TLSv1.2"}, "quantity": int64(1)}}}}})},
			fail: []InputResource{res("aws_cloudfront_vpc_origin", "alb", map[string]any{"vpc_origin_endpoint_config": []any{map[string]any{"origin_protocol_policy": "https-only",
				"origin_ssl_protocols": []any{map[string]any{"items": []any{"TLSv1.1", "TLSv1.2"}, "quantity": int64(2)}}}}})},
			want: "CF-TLS-001 aws_cloudfront_vpc_origin.alb vpc_origin_endpoint_config",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := violations(t, c.env, c.pass...); len(got) > 0 {
				t.Errorf("passing input reported: %v", got)
			}
			got := violations(t, c.env, c.fail...)
			found := false
			for _, g := range got {
				if g == c.want {
					found = true
				}
			}
			if !found {
				t.Errorf("failing input: want %q among %v", c.want, got)
			}
		})
	}
}

// TestEveryPolicyIsTested keeps TestPolicies complete as policies are added.
func TestEveryPolicyIsTested(t *testing.T) {
	src, err := os.ReadFile("policy_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range engine.Policies {
		if !strings.Contains(string(src), `want: "`+p.ID+" ") {
			t.Errorf("policy %s (%s) has no case in TestPolicies", p.ID, p.File)
		}
	}
	if len(engine.Policies) < 9 {
		t.Errorf("want at least the 9 Candlefish policies, loaded %d", len(engine.Policies))
	}
}

func TestUserPolicyDir(t *testing.T) {
	dir := t.TempDir()
	good := "package candlefish.custom\n\nimport rego.v1\n\nmetadata := {\"id\": \"ACME-001\", \"title\": \"No topics\", \"severity\": \"LOW\"}\n\ndeny contains {\"address\": r.address, \"msg\": \"no topics\"} if {\n\tsome r in input.resources\n\tr.type == \"aws_sns_topic\"\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "custom.rego"), []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := New(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := e.Eval(context.Background(), &Input{Environment: "dev", Resources: []InputResource{res("aws_sns_topic", "a", map[string]any{"kms_master_key_id": "k"})}})
	if err != nil || len(vs) != 1 || vs[0].Policy.ID != "ACME-001" {
		t.Fatalf("custom policy: %v %v", vs, err)
	}
	bad := map[string]string{
		"wrong package": "package acme\n\nimport rego.v1\n\ndeny contains \"x\" if { true }\n",
		"syntax":        "package candlefish.broken\n\ndeny contains x if {\n",
		"no severity":   "package candlefish.nosev\n\nimport rego.v1\n\nmetadata := {\"id\": \"X-1\", \"title\": \"t\"}\n",
	}
	for name, src := range bad {
		d := t.TempDir()
		if err := os.WriteFile(filepath.Join(d, "p.rego"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := New(context.Background(), d); err == nil || !strings.Contains(err.Error(), "p.rego") {
			t.Errorf("%s: want an error naming the file, got %v", name, err)
		}
	}
	if _, err := New(context.Background(), filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing --policy-dir must be an error")
	}
}

func TestFromPlan(t *testing.T) {
	plan := `{"format_version":"1.2","terraform_version":"1.10.5",
	"variables":{"environment":{"value":"production"}},
	"planned_values":{"root_module":{"resources":[
	  {"address":"aws_cloudwatch_log_group.a","mode":"managed","type":"aws_cloudwatch_log_group","name":"a","values":{"name":"a","retention_in_days":30,"region":"us-east-1","tags_all":{"Project":"Candlefish","Environment":"production","CostCenter":"Engineering","Owner":"DevOps"}}}
	]}},
	"resource_changes":[{"address":"aws_cloudwatch_log_group.a","change":{"after_unknown":{"kms_key_id":true,"arn":true}}}],
	"configuration":{"root_module":{"resources":[{"address":"aws_cloudwatch_log_group.a","expressions":{"kms_key_id":{"references":["aws_kms_key.logs.arn","aws_kms_key.logs"]}}}]}}}`
	in, err := FromPlan([]byte(plan), "plan.json", "")
	if err != nil {
		t.Fatal(err)
	}
	if in.Environment != "production" || len(in.Resources) != 1 || in.Resources[0].Values["kms_key_id"] != "(known after apply)" ||
		in.Resources[0].Region != "us-east-1" || strings.Join(in.Resources[0].References, ",") != "aws_kms_key.logs" {
		t.Fatalf("input %+v", in)
	}
	vs, err := engine.Eval(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Policy.ID != "CF-LOG-001" {
		t.Fatalf("want only the retention violation (the unknown key counts as set), got %+v", vs)
	}
	if _, err := FromPlan([]byte(`{"format_version":"0.1"}`), "p", ""); err == nil || !strings.Contains(err.Error(), "format_version") {
		t.Errorf("old format: %v", err)
	}
	if _, err := FromPlan([]byte(`{not json`), "p", ""); err == nil {
		t.Error("broken JSON must be an error")
	}
}
