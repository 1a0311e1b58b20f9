package envtest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/candlefish-ai/infrastructure/internal/envtest"
	"github.com/candlefish-ai/infrastructure/internal/model"
)

// cdnExample is the CDN module's example root, production-like:
// PriceClass_All, WAF, real-time logs on (PROVISIONED, one shard), access
// logs, edge functions on the default and API behaviours, the index rewrite
// function on /static/* and the module's WebGL Lambda@Edge function on the
// WebGL behaviours' origin responses. Every variable is set in its tfvars.
const cdnExample = "terraform/modules/cdn/examples/complete"

const cdnModule = "module.cdn"

// The example's patterns, in the order of its tfvars.
var (
	cdnAPIPatterns    = []string{"/api/*"}
	cdnWebGLPatterns  = []string{"*.wasm", "*.data", "*.glb", "*.gltf", "*.bin", "*.ktx2", "*.basis", "*.drc", "*.br", "*.gz"}
	cdnStaticPatterns = []string{"/static/*", "*.js", "*.css"}
)

// cdnManaged returns the managed resources of a type in the CDN module.
func cdnManaged(m *model.Model, typ string) []*model.Resource {
	return envtest.InModule(m, cdnModule, typ)
}

// cdnOne returns the single resource or data source with the given address
// inside the module.
func cdnOne(t *testing.T, m *model.Model, addr string) *model.Resource {
	t.Helper()
	full := cdnModule + "." + addr
	for _, r := range m.Resources {
		if r.Address == full {
			return r
		}
	}
	t.Fatalf("%s not found", full)
	return nil
}

// cdnDistribution returns the module's only distribution.
func cdnDistribution(t *testing.T, m *model.Model) *model.Resource {
	t.Helper()
	ds := cdnManaged(m, "aws_cloudfront_distribution")
	if len(ds) != 1 {
		t.Fatalf("%d distributions, want 1", len(ds))
	}
	return ds[0]
}

// cdnBlocks returns nested blocks (lists of objects); a dynamic block with
// no element, which the evaluator reports as unknown, is none.
func cdnBlocks(v any) []map[string]any {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	var out []map[string]any
	for _, e := range list {
		if o, ok := e.(map[string]any); ok {
			out = append(out, o)
		}
	}
	return out
}

func cdnStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		out = append(out, fmt.Sprint(e))
	}
	return out
}

// cdnSet reports whether a value is configured: known and not null, or
// known only after apply (an ID or ARN of a resource).
func cdnSet(v any) bool {
	if v == nil {
		return false
	}
	if s, ok := v.(string); ok {
		return s != ""
	}
	return true
}

// cdnOrdered returns the ordered cache behaviours and fails when the
// evaluator could not expand them.
func cdnOrdered(t *testing.T, d *model.Resource) []map[string]any {
	t.Helper()
	bs := cdnBlocks(d.Values["ordered_cache_behavior"])
	if len(bs) == 0 {
		t.Fatalf("%s has no ordered_cache_behavior (value %v)", d.Address, d.Values["ordered_cache_behavior"])
	}
	return bs
}

// cdnDefault returns the default cache behaviour.
func cdnDefault(t *testing.T, d *model.Resource) map[string]any {
	t.Helper()
	bs := cdnBlocks(d.Values["default_cache_behavior"])
	if len(bs) != 1 {
		t.Fatalf("%s: %d default_cache_behavior blocks, want 1 (value %v)", d.Address, len(bs), d.Values["default_cache_behavior"])
	}
	return bs[0]
}

// cdnBehavior returns the ordered behaviour with a path pattern.
func cdnBehavior(t *testing.T, d *model.Resource, pattern string) map[string]any {
	t.Helper()
	for _, b := range cdnOrdered(t, d) {
		if b["path_pattern"] == pattern {
			return b
		}
	}
	t.Fatalf("%s has no behaviour for %s", d.Address, pattern)
	return nil
}

// cdnOrigins indexes a distribution's origins by origin_id.
func cdnOrigins(t *testing.T, d *model.Resource) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, o := range cdnBlocks(d.Values["origin"]) {
		out[fmt.Sprint(o["origin_id"])] = o
	}
	return out
}

// cdnAssociations lists a behaviour's edge function associations as
// "event_type=arn" strings, Lambda@Edge and CloudFront Functions apart.
func cdnAssociations(b map[string]any) (lambdas, functions []string) {
	for _, a := range cdnBlocks(b["lambda_function_association"]) {
		lambdas = append(lambdas, fmt.Sprintf("%v=%v", a["event_type"], a["lambda_arn"]))
	}
	for _, a := range cdnBlocks(b["function_association"]) {
		functions = append(functions, fmt.Sprintf("%v=%v", a["event_type"], a["function_arn"]))
	}
	return lambdas, functions
}

func TestCDNExampleIsValidAndClean(t *testing.T) {
	m := envtest.Dir(t, cdnExample, nil)
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Errorf("validation failures: %v", fs)
	}
	if fs := envtest.Findings(m); len(fs) > 0 {
		t.Errorf("findings: %v", fs)
	}
	for typ, want := range map[string]int{
		"aws_cloudfront_distribution":             1,
		"aws_cloudfront_vpc_origin":               2,
		"aws_cloudfront_origin_access_control":    1,
		"aws_cloudfront_cache_policy":             1,
		"aws_cloudfront_response_headers_policy":  1,
		"aws_cloudfront_realtime_log_config":      1,
		"aws_kinesis_stream":                      1,
		"aws_iam_role":                            2,
		"aws_iam_role_policy":                     2,
		"aws_lambda_function":                     1,
		"aws_cloudfront_function":                 1,
		"aws_cloudwatch_log_delivery_source":      1,
		"aws_cloudwatch_log_delivery_destination": 1,
		"aws_cloudwatch_log_delivery":             1,
	} {
		if n := len(cdnManaged(m, typ)); n != want {
			t.Errorf("%d %s in the module, want %d", n, typ, want)
		}
	}
	// Every taggable resource gets the cost-allocation tags from the
	// provider's default_tags (the CF-TAG-001 policy would report it too).
	for _, r := range m.Managed() {
		for _, tag := range []string{"Project", "Environment", "CostCenter", "Owner"} {
			if _, ok := r.DefaultTags[tag]; !ok {
				t.Errorf("%s: provider default_tags lack %s", r.Address, tag)
			}
		}
	}
}

// The price class follows price_class, or the environment when it is null.
func TestCDNPriceClass(t *testing.T) {
	for _, tc := range []struct {
		overrides map[string]string
		want      string
	}{
		{nil, "PriceClass_All"},
		{map[string]string{"price_class": `"PriceClass_100"`}, "PriceClass_100"},
		{map[string]string{"price_class": `"PriceClass_200"`}, "PriceClass_200"},
		{map[string]string{"price_class": `"PriceClass_All"`}, "PriceClass_All"},
		{map[string]string{"price_class": "null", "environment": `"dev"`}, "PriceClass_100"},
		{map[string]string{"price_class": "null", "environment": `"staging"`}, "PriceClass_200"},
		{map[string]string{"price_class": "null", "environment": `"production"`}, "PriceClass_All"},
	} {
		t.Run(fmt.Sprint(tc.overrides), func(t *testing.T) {
			m := envtest.Dir(t, cdnExample, tc.overrides)
			if got := cdnDistribution(t, m).Values["price_class"]; got != tc.want {
				t.Errorf("price_class = %v, want %s", got, tc.want)
			}
		})
	}
}

// The ordered behaviours: API first, then one per WebGL pattern, then the
// static ones; WebGL never compressed, static compressed.
func TestCDNCacheBehaviours(t *testing.T) {
	m := envtest.Dir(t, cdnExample, nil)
	d := cdnDistribution(t, m)
	ordered := cdnOrdered(t, d)

	var patterns []string
	for _, b := range ordered {
		patterns = append(patterns, fmt.Sprint(b["path_pattern"]))
	}
	want := append(append(append([]string{}, cdnAPIPatterns...), cdnWebGLPatterns...), cdnStaticPatterns...)
	if len(ordered) < 3 || fmt.Sprint(patterns) != fmt.Sprint(want) {
		t.Fatalf("ordered behaviours %v, want %v (api, webgl, static)", patterns, want)
	}

	for _, p := range cdnAPIPatterns {
		b := cdnBehavior(t, d, p)
		if b["target_origin_id"] != "alb" || len(cdnStrings(b["allowed_methods"])) != 7 || b["viewer_protocol_policy"] != "redirect-to-https" {
			t.Errorf("api %s: origin %v, methods %v, viewer protocol %v; want alb, all seven, redirect-to-https", p, b["target_origin_id"], b["allowed_methods"], b["viewer_protocol_policy"])
		}
		if !cdnSet(b["cache_policy_id"]) || !cdnSet(b["origin_request_policy_id"]) {
			t.Errorf("api %s: no cache or origin request policy", p)
		}
	}
	for _, p := range cdnWebGLPatterns {
		b := cdnBehavior(t, d, p)
		if b["compress"] != false {
			t.Errorf("webgl %s: compress = %v, want false", p, b["compress"])
		}
		if b["target_origin_id"] != "assets" || !cdnSet(b["cache_policy_id"]) {
			t.Errorf("webgl %s: origin %v, cache policy %v; want the assets bucket and the WebGL policy", p, b["target_origin_id"], b["cache_policy_id"])
		}
	}
	for _, p := range cdnStaticPatterns {
		b := cdnBehavior(t, d, p)
		if b["compress"] != true || b["target_origin_id"] != "assets" {
			t.Errorf("static %s: compress %v, origin %v; want true, assets", p, b["compress"], b["target_origin_id"])
		}
	}
	def := cdnDefault(t, d)
	if def["target_origin_id"] != "alb" || len(cdnStrings(def["allowed_methods"])) != 7 || def["viewer_protocol_policy"] != "redirect-to-https" {
		t.Errorf("default behaviour: origin %v, methods %v, viewer protocol %v", def["target_origin_id"], def["allowed_methods"], def["viewer_protocol_policy"])
	}
	for _, b := range ordered {
		if b["viewer_protocol_policy"] != "redirect-to-https" {
			t.Errorf("%v: viewer_protocol_policy %v, want redirect-to-https", b["path_pattern"], b["viewer_protocol_policy"])
		}
	}

	// The WebGL cache policy: long TTLs, gzip and brotli off.
	cp := cdnOne(t, m, "aws_cloudfront_cache_policy.webgl")
	if cp.Values["default_ttl"] != int64(2592000) || cp.Values["max_ttl"] != int64(31536000) {
		t.Errorf("webgl cache policy TTLs default %v max %v, want 2592000 and 31536000", cp.Values["default_ttl"], cp.Values["max_ttl"])
	}
	for _, enc := range []string{"enable_accept_encoding_gzip", "enable_accept_encoding_brotli"} {
		if v, _ := cp.Lookup("parameters_in_cache_key_and_forwarded_to_origin.0." + enc); v != false {
			t.Errorf("webgl cache policy %s = %v, want false", enc, v)
		}
	}
	refs := strings.Join(d.References, " ")
	for _, ref := range []string{
		"module.cdn.aws_cloudfront_cache_policy.webgl",
		`module.cdn.data.aws_cloudfront_cache_policy.managed`,
		`module.cdn.data.aws_cloudfront_origin_request_policy.managed`,
	} {
		if !strings.Contains(refs, ref) {
			t.Errorf("the distribution does not use %s (references %v)", ref, d.References)
		}
	}
	names := map[string]bool{}
	for _, r := range m.Resources {
		if r.Module == cdnModule && r.Mode == model.ModeData && strings.HasPrefix(r.Type, "aws_cloudfront_") {
			names[fmt.Sprint(r.Values["name"])] = true
		}
	}
	for _, n := range []string{"Managed-CachingOptimized", "Managed-CachingDisabled", "Managed-AllViewerExceptHostHeader", "Managed-CORS-S3Origin"} {
		if !names[n] {
			t.Errorf("managed policy %s is not looked up (have %v)", n, names)
		}
	}

	// Other patterns follow the variables, WebGL still before static.
	m = envtest.Dir(t, cdnExample, map[string]string{
		"webgl_path_patterns":  `["*.unityweb", "/models/*"]`,
		"static_path_patterns": `["/static/*", "/fonts/*"]`,
		"api_path_patterns":    `["/api/*", "/graphql"]`,
	})
	patterns = nil
	for _, b := range cdnOrdered(t, cdnDistribution(t, m)) {
		patterns = append(patterns, fmt.Sprintf("%v:%v", b["path_pattern"], b["compress"]))
	}
	if got, want := strings.Join(patterns, " "), "/api/*:true /graphql:true *.unityweb:false /models/*:false /static/*:true /fonts/*:true"; got != want {
		t.Errorf("behaviours %s, want %s", got, want)
	}
}

// One response headers policy, on every behaviour: HSTS with preload, CSP,
// frame, content-type and referrer headers, Server-Timing.
func TestCDNResponseHeadersPolicy(t *testing.T) {
	m := envtest.Dir(t, cdnExample, map[string]string{
		"hsts_max_age_seconds":        "31536000",
		"content_security_policy":     `"default-src 'self'"`,
		"server_timing_sampling_rate": "25",
	})
	p := cdnOne(t, m, "aws_cloudfront_response_headers_policy.this")
	checks := map[string]any{
		"security_headers_config.0.strict_transport_security.0.access_control_max_age_sec": int64(31536000),
		"security_headers_config.0.strict_transport_security.0.preload":                    true,
		"security_headers_config.0.strict_transport_security.0.include_subdomains":         true,
		"security_headers_config.0.content_security_policy.0.content_security_policy":      "default-src 'self'",
		"security_headers_config.0.content_type_options.0.override":                        true,
		"security_headers_config.0.frame_options.0.frame_option":                           "DENY",
		"security_headers_config.0.referrer_policy.0.referrer_policy":                      "strict-origin-when-cross-origin",
		"server_timing_headers_config.0.enabled":                                           true,
		"server_timing_headers_config.0.sampling_rate":                                     int64(25),
	}
	for path, want := range checks {
		if got, _ := p.Lookup(path); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}

	d := cdnDistribution(t, m)
	behaviours := append(cdnOrdered(t, d), cdnDefault(t, d))
	for _, b := range behaviours {
		if !cdnSet(b["response_headers_policy_id"]) {
			t.Errorf("behaviour %v has no response headers policy", b["path_pattern"])
		}
	}
	if !strings.Contains(strings.Join(d.References, " "), "module.cdn.aws_cloudfront_response_headers_policy.this") {
		t.Errorf("the distribution does not reference the response headers policy: %v", d.References)
	}
}

// Real-time logs: a KMS-encrypted stream, a least-privilege role and a
// configuration on the default and API behaviours; nothing when off.
func TestCDNRealtimeLogs(t *testing.T) {
	m := envtest.Dir(t, cdnExample, nil)
	d := cdnDistribution(t, m)
	if v := cdnDefault(t, d)["realtime_log_config_arn"]; !cdnSet(v) {
		t.Errorf("default behaviour: realtime_log_config_arn %v, want the configuration", v)
	}
	for _, b := range cdnOrdered(t, d) {
		api := b["target_origin_id"] == "alb"
		if got := cdnSet(b["realtime_log_config_arn"]); got != api {
			t.Errorf("%v: real-time logs %v, want %v (API behaviours only)", b["path_pattern"], got, api)
		}
	}

	stream := cdnOne(t, m, "aws_kinesis_stream.realtime_logs[0]")
	if stream.Values["encryption_type"] != "KMS" || !cdnSet(stream.Values["kms_key_id"]) {
		t.Errorf("stream: encryption_type %v, kms_key_id %v; want KMS with the example's key", stream.Values["encryption_type"], stream.Values["kms_key_id"])
	}
	if v, _ := stream.Lookup("stream_mode_details.0.stream_mode"); v != "PROVISIONED" || stream.Values["shard_count"] != int64(1) {
		t.Errorf("stream: mode %v with %v shards, want PROVISIONED with 1", v, stream.Values["shard_count"])
	}

	cfg := cdnOne(t, m, "aws_cloudfront_realtime_log_config.this[0]")
	if cfg.Values["sampling_rate"] != int64(10) || len(cdnStrings(cfg.Values["fields"])) == 0 {
		t.Errorf("realtime log config: sampling %v, fields %v", cfg.Values["sampling_rate"], cfg.Values["fields"])
	}
	if v, _ := cfg.Lookup("endpoint.0.stream_type"); v != "Kinesis" {
		t.Errorf("realtime log config: stream_type %v, want Kinesis", v)
	}

	// The role: CloudFront assumes it; it may only write to the stream.
	assume := cdnOne(t, m, "data.aws_iam_policy_document.realtime_logs_assume[0]")
	if got := fmt.Sprint(cdnStrings(assume.Values["statement"].([]any)[0].(map[string]any)["principals"].([]any)[0].(map[string]any)["identifiers"])); got != "[cloudfront.amazonaws.com]" {
		t.Errorf("role trust: principals %s, want cloudfront.amazonaws.com", got)
	}
	doc := cdnOne(t, m, "data.aws_iam_policy_document.realtime_logs[0]")
	var actions []string
	for _, s := range cdnBlocks(doc.Values["statement"]) {
		actions = append(actions, cdnStrings(s["actions"])...)
		for _, r := range cdnStrings(s["resources"]) {
			if strings.Contains(r, "*") {
				t.Errorf("role policy: resource %s has a wildcard", r)
			}
		}
	}
	sort.Strings(actions)
	if got, want := strings.Join(actions, " "), "kinesis:DescribeStream kinesis:DescribeStreamSummary kinesis:PutRecord kinesis:PutRecords kms:GenerateDataKey"; got != want {
		t.Errorf("role policy actions %s, want %s", got, want)
	}

	// ON_DEMAND has no shard count.
	m = envtest.Dir(t, cdnExample, map[string]string{"realtime_log_stream_mode": `"ON_DEMAND"`})
	stream = cdnOne(t, m, "aws_kinesis_stream.realtime_logs[0]")
	if v, _ := stream.Lookup("stream_mode_details.0.stream_mode"); v != "ON_DEMAND" || stream.Values["shard_count"] != nil {
		t.Errorf("ON_DEMAND stream: mode %v, shard_count %v; want ON_DEMAND without shard_count", v, stream.Values["shard_count"])
	}

	// Off: no stream, no role, no configuration, no ARN on any behaviour.
	m = envtest.Dir(t, cdnExample, map[string]string{"enable_realtime_logs": "false"})
	for _, typ := range []string{"aws_kinesis_stream", "aws_cloudfront_realtime_log_config", "aws_iam_role", "aws_iam_role_policy"} {
		for _, r := range cdnManaged(m, typ) {
			if strings.Contains(r.Address, "realtime_logs") || typ == "aws_kinesis_stream" || typ == "aws_cloudfront_realtime_log_config" {
				t.Errorf("real-time logs off: %s", r.Address)
			}
		}
	}
	if n := envtest.Count(m, "aws_kms_key"); n != 0 {
		t.Errorf("real-time logs off: the example still creates %d KMS keys", n)
	}
	d = cdnDistribution(t, m)
	if v := cdnDefault(t, d)["realtime_log_config_arn"]; v != nil {
		t.Errorf("real-time logs off: default behaviour realtime_log_config_arn = %v, want null", v)
	}
	for _, b := range cdnOrdered(t, d) {
		if b["realtime_log_config_arn"] != nil {
			t.Errorf("real-time logs off: %v has realtime_log_config_arn %v", b["path_pattern"], b["realtime_log_config_arn"])
		}
	}
}

// Viewers: TLS 1.2 with the ACM certificate (SNI), HTTP/2 and 3, IPv6, WAF.
func TestCDNViewerSettings(t *testing.T) {
	m := envtest.Dir(t, cdnExample, nil)
	d := cdnDistribution(t, m)
	for path, want := range map[string]any{
		"viewer_certificate.0.minimum_protocol_version": "TLSv1.2_2021",
		"viewer_certificate.0.ssl_support_method":       "sni-only",
		"viewer_certificate.0.acm_certificate_arn":      "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555",
		"http_version":    "http2and3",
		"is_ipv6_enabled": true,
		"enabled":         true,
		"web_acl_id":      "arn:aws:wafv2:us-east-1:123456789012:global/webacl/candlefish-production-cloudfront/12345678-1234-1234-1234-123456789012",
		"restrictions.0.geo_restriction.0.restriction_type": "none",
	} {
		if got, _ := d.Lookup(path); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
	if v, _ := d.Lookup("viewer_certificate.0.cloudfront_default_certificate"); v == true {
		t.Errorf("the distribution uses the default certificate")
	}
	if got := fmt.Sprint(cdnStrings(d.Values["aliases"])); got != "[candlefish.ai www.candlefish.ai]" {
		t.Errorf("aliases %s", got)
	}
	if n := len(cdnBlocks(d.Values["custom_error_response"])); n != 3 {
		t.Errorf("%d custom error responses, want 3", n)
	}

	m = envtest.Dir(t, cdnExample, map[string]string{"geo_restriction": `{ restriction_type = "whitelist", locations = ["US", "CA"] }`})
	d = cdnDistribution(t, m)
	if v, _ := d.Lookup("restrictions.0.geo_restriction.0.locations"); fmt.Sprint(cdnStrings(v)) != "[US CA]" {
		t.Errorf("geo restriction locations %v, want [US CA]", v)
	}
}

// Origins: the load balancer over HTTPS only with TLS 1.2 and the secret
// header, through the VPC origin of alb_vpc_origin (the example's internal
// load balancers) or as a custom origin (alb_domain_name, internet-facing);
// the assets bucket through origin access control.
func TestCDNOrigins(t *testing.T) {
	const (
		primaryARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/candlefish-production/0123456789abcdef"
		standbyARN = "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/candlefish-production-us-west-2/fedcba9876543210"
	)
	m := envtest.Dir(t, cdnExample, map[string]string{"origin_verify_header_name": `"X-Candlefish-Origin"`})
	d := cdnDistribution(t, m)
	origins := cdnOrigins(t, d)
	if len(origins) != 2 {
		t.Fatalf("origins %v, want alb and assets", origins)
	}

	// The VPC origins: one per load balancer, HTTPS only with TLS 1.2 on
	// 443, each with its load balancer's ARN, managed through us-east-1.
	vpcOrigins := map[string]*model.Resource{}
	for _, o := range cdnManaged(m, "aws_cloudfront_vpc_origin") {
		vpcOrigins[fmt.Sprint(o.Index)] = o
	}
	for key, arn := range map[string]string{"primary": primaryARN, "standby": standbyARN} {
		o := vpcOrigins[key]
		if o == nil {
			t.Fatalf("no VPC origin %s: %v", key, vpcOrigins)
		}
		ec := cdnBlocks(o.Values["vpc_origin_endpoint_config"])
		if len(ec) != 1 || ec[0]["arn"] != arn || ec[0]["origin_protocol_policy"] != "https-only" || ec[0]["https_port"] != int64(443) || ec[0]["name"] != "candlefish-production-"+key {
			t.Errorf("VPC origin %s: %v, want %s over HTTPS only on 443", key, ec, arn)
			continue
		}
		if p := cdnBlocks(ec[0]["origin_ssl_protocols"]); len(p) != 1 || fmt.Sprint(cdnStrings(p[0]["items"])) != "[TLSv1.2]" || p[0]["quantity"] != int64(1) {
			t.Errorf("VPC origin %s: origin_ssl_protocols %v, want TLSv1.2", key, p)
		}
		if o.Region != "us-east-1" {
			t.Errorf("VPC origin %s managed in %s, want us-east-1 (CloudFront)", key, o.Region)
		}
	}

	// The load balancer origin: the primary's VPC origin, by the name its
	// certificate covers, with the secret header.
	alb := origins["alb"]
	if alb["domain_name"] != "origin.candlefish.ai" {
		t.Errorf("alb origin domain %v, want origin.candlefish.ai", alb["domain_name"])
	}
	v := cdnBlocks(alb["vpc_origin_config"])
	if len(v) != 1 || !cdnSet(v[0]["vpc_origin_id"]) || v[0]["origin_read_timeout"] != int64(30) || v[0]["origin_keepalive_timeout"] != int64(5) {
		t.Errorf("alb origin: vpc_origin_config %v, want the VPC origin's ID, 30 s read and 5 s keep-alive timeouts", v)
	}
	if c := cdnBlocks(alb["custom_origin_config"]); len(c) != 0 {
		t.Errorf("alb origin: custom_origin_config %v next to the VPC origin", c)
	}
	if !strings.Contains(strings.Join(d.References, " "), "module.cdn.aws_cloudfront_vpc_origin.alb") {
		t.Errorf("the distribution does not refer to the VPC origins: %v", d.References)
	}
	h := cdnBlocks(alb["custom_header"])
	if len(h) != 1 || h[0]["name"] != "X-Candlefish-Origin" || !cdnSet(h[0]["value"]) {
		t.Errorf("alb origin: custom_header %v, want X-Candlefish-Origin with the secret's value", h)
	}
	if !strings.Contains(strings.Join(d.References, " "), "module.cdn.data.aws_secretsmanager_secret_version.origin_verify") {
		t.Errorf("the origin header does not come from the secret: references %v", d.References)
	}

	// The failover: the standby's VPC origin, by the standby's name.
	standby := cdnOrigins(t, cdnDistribution(t, envtest.Dir(t, cdnExample, map[string]string{"alb_vpc_origin": `"standby"`})))["alb"]
	if standby["domain_name"] != "origin-us-west-2.candlefish.ai" || len(cdnBlocks(standby["vpc_origin_config"])) != 1 {
		t.Errorf("alb origin with alb_vpc_origin = standby: %v", standby)
	}

	// An internet-facing load balancer: a custom origin, HTTPS only with
	// TLS 1.2 on 443, and no VPC origin.
	pub := envtest.Dir(t, cdnMinimalRoot(t, nil), nil)
	if fs := envtest.ValidationFailures(pub); len(fs) > 0 {
		t.Fatalf("custom origin: validation failures %v", fs)
	}
	if n := len(cdnManaged(pub, "aws_cloudfront_vpc_origin")); n != 0 {
		t.Errorf("custom origin: %d VPC origins, want 0", n)
	}
	palb := cdnOrigins(t, cdnDistribution(t, pub))["alb"]
	if palb["domain_name"] != "origin.dev.candlefish.ai" {
		t.Errorf("custom origin domain %v", palb["domain_name"])
	}
	c := cdnBlocks(palb["custom_origin_config"])
	if len(c) != 1 || c[0]["origin_protocol_policy"] != "https-only" || fmt.Sprint(cdnStrings(c[0]["origin_ssl_protocols"])) != "[TLSv1.2]" || c[0]["https_port"] != int64(443) {
		t.Errorf("alb origin: custom_origin_config %v, want https-only with TLSv1.2 on 443", c)
	}
	if v := cdnBlocks(palb["vpc_origin_config"]); len(v) != 0 {
		t.Errorf("custom origin: vpc_origin_config %v", v)
	}

	// A VPC origin only, in the minimal call too (alb_domain_name left out).
	vpcOnly := envtest.Dir(t, cdnMinimalRoot(t, map[string]string{
		"alb_domain_name":             "-",
		"alb_vpc_origin":              `"primary"`,
		"alb_vpc_origin_domain_names": `{ primary = "origin.dev.candlefish.ai" }`,
		"alb_vpc_origin_arns":         `{ primary = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/candlefish-dev/0123456789abcdef" }`,
	}), nil)
	if fs := envtest.ValidationFailures(vpcOnly); len(fs) > 0 {
		t.Errorf("VPC origin only: validation failures %v", fs)
	}
	valb := cdnOrigins(t, cdnDistribution(t, vpcOnly))["alb"]
	if valb["domain_name"] != "origin.dev.candlefish.ai" || len(cdnBlocks(valb["vpc_origin_config"])) != 1 || len(cdnBlocks(valb["custom_origin_config"])) != 0 {
		t.Errorf("VPC origin only: alb origin %v", valb)
	}

	secret := cdnOne(t, m, "data.aws_secretsmanager_secret_version.origin_verify")
	if secret.Values["secret_id"] != "arn:aws:secretsmanager:us-east-1:123456789012:secret:candlefish/production/origin-verify-Ab12Cd" || secret.Values["region"] != "us-east-1" {
		t.Errorf("origin verify secret read as %v in %v", secret.Values["secret_id"], secret.Values["region"])
	}

	assets := origins["assets"]
	if assets["domain_name"] != "candlefish-production-assets.s3.us-east-1.amazonaws.com" || !cdnSet(assets["origin_access_control_id"]) || assets["custom_origin_config"] != nil {
		t.Errorf("assets origin %v, want the bucket through origin access control", assets)
	}
	oac := cdnOne(t, m, "aws_cloudfront_origin_access_control.assets")
	for k, want := range map[string]string{"origin_access_control_origin_type": "s3", "signing_behavior": "always", "signing_protocol": "sigv4"} {
		if oac.Values[k] != want {
			t.Errorf("origin access control %s = %v, want %s", k, oac.Values[k], want)
		}
	}

	// The bucket policy the storage module attaches: this distribution only.
	doc := cdnOne(t, m, "data.aws_iam_policy_document.assets_bucket")
	st := cdnBlocks(doc.Values["statement"])
	if len(st) != 1 {
		t.Fatalf("assets bucket policy: %d statements, want 1", len(st))
	}
	p := cdnBlocks(st[0]["principals"])
	cond := cdnBlocks(st[0]["condition"])
	if fmt.Sprint(cdnStrings(st[0]["actions"])) != "[s3:GetObject]" ||
		fmt.Sprint(cdnStrings(st[0]["resources"])) != "[arn:aws:s3:::candlefish-production-assets/*]" ||
		len(p) != 1 || fmt.Sprint(cdnStrings(p[0]["identifiers"])) != "[cloudfront.amazonaws.com]" ||
		len(cond) != 1 || cond[0]["variable"] != "AWS:SourceArn" {
		t.Errorf("assets bucket policy statement %v", st[0])
	}
}

// Edge functions land on the behaviours they name; the index rewrite
// function on /static/* only; the module's WebGL Lambda@Edge function on
// the WebGL behaviours' origin responses (its ARN is known after apply).
func TestCDNEdgeFunctions(t *testing.T) {
	const (
		requestID = "arn:aws:cloudfront::123456789012:function/candlefish-production-request-id"
		edgeAuth  = "arn:aws:lambda:us-east-1:123456789012:function:candlefish-production-edge-auth:7"
		webglHdrs = "arn:aws:lambda:us-east-1:123456789012:function:candlefish-production-webgl-headers:3"
	)
	m := envtest.Dir(t, cdnExample, nil)
	d := cdnDistribution(t, m)

	lambdas, functions := cdnAssociations(cdnDefault(t, d))
	if fmt.Sprint(functions) != "[viewer-request="+requestID+"]" || len(lambdas) != 0 {
		t.Errorf("default: functions %v, lambdas %v", functions, lambdas)
	}
	lambdas, functions = cdnAssociations(cdnBehavior(t, d, "/api/*"))
	if fmt.Sprint(lambdas) != "[viewer-request="+edgeAuth+"]" || len(functions) != 0 {
		t.Errorf("api: lambdas %v, functions %v", lambdas, functions)
	}
	if a := cdnBlocks(cdnBehavior(t, d, "/api/*")["lambda_function_association"]); len(a) != 1 || a[0]["include_body"] != true {
		t.Errorf("api: include_body not set: %v", a)
	}
	for _, p := range cdnWebGLPatterns {
		lambdas, functions = cdnAssociations(cdnBehavior(t, d, p))
		if fmt.Sprint(lambdas) != "[origin-response="+model.UnknownText+"]" || len(functions) != 0 {
			t.Errorf("webgl %s: lambdas %v, functions %v; want the module's WebGL function on origin-response", p, lambdas, functions)
		}
	}
	lambdas, functions = cdnAssociations(cdnBehavior(t, d, "/static/*"))
	if fmt.Sprint(functions) != "[viewer-request="+model.UnknownText+"]" || len(lambdas) != 0 {
		t.Errorf("/static/*: functions %v, lambdas %v; want the index rewrite function", functions, lambdas)
	}
	for _, p := range []string{"*.js", "*.css"} {
		if lambdas, functions = cdnAssociations(cdnBehavior(t, d, p)); len(lambdas)+len(functions) != 0 {
			t.Errorf("%s: associations %v %v, want none", p, lambdas, functions)
		}
	}
	fn := cdnOne(t, m, "aws_cloudfront_function.index_rewrite[0]")
	if fn.Values["runtime"] != "cloudfront-js-2.0" || fn.Values["publish"] != true || !strings.Contains(fmt.Sprint(fn.Values["code"]), "index.html") {
		t.Errorf("index rewrite function: runtime %v, publish %v", fn.Values["runtime"], fn.Values["publish"])
	}

	// Without the module's function, a webgl entry of edge_functions takes
	// the WebGL behaviours' origin responses.
	m = envtest.Dir(t, cdnExample, map[string]string{
		"enable_webgl_edge_function": "false",
		"edge_functions":             `[{ behavior = "webgl", event_type = "origin-response", kind = "lambda", arn = "` + webglHdrs + `" }]`,
	})
	d = cdnDistribution(t, m)
	for _, p := range cdnWebGLPatterns {
		if lambdas, _ = cdnAssociations(cdnBehavior(t, d, p)); fmt.Sprint(lambdas) != "[origin-response="+webglHdrs+"]" {
			t.Errorf("webgl %s without the module's function: lambdas %v, want edge_functions' webgl origin-response", p, lambdas)
		}
	}

	// Without edge functions, the index rewrite and the WebGL function: no
	// association anywhere.
	m = envtest.Dir(t, cdnExample, map[string]string{"edge_functions": "[]", "enable_index_rewrite_function": "false", "enable_webgl_edge_function": "false"})
	d = cdnDistribution(t, m)
	if n := len(cdnManaged(m, "aws_cloudfront_function")); n != 0 {
		t.Errorf("%d CloudFront Functions with enable_index_rewrite_function off", n)
	}
	for _, b := range append(cdnOrdered(t, d), cdnDefault(t, d)) {
		if lambdas, functions := cdnAssociations(b); len(lambdas)+len(functions) != 0 {
			t.Errorf("%v: associations %v %v, want none", b["path_pattern"], lambdas, functions)
		}
	}
}

// The WebGL Lambda@Edge function: on in the example, a published Node.js
// function in us-east-1 (whatever the provider's region), a role that
// Lambda and Lambda@Edge assume and that may only write its own logs, and
// an origin-response association on every WebGL behaviour with the
// function's published version; off, none of it.
func TestCDNWebGLEdgeFunction(t *testing.T) {
	const name = "candlefish-production-webgl-edge"
	m := envtest.Dir(t, cdnExample, nil)
	fns := cdnManaged(m, "aws_lambda_function")
	if len(fns) != 1 || fns[0].Address != cdnModule+".aws_lambda_function.webgl_edge[0]" {
		t.Fatalf("Lambda functions in the module: %v, want aws_lambda_function.webgl_edge[0]", fns)
	}
	fn := fns[0]
	runtime := fmt.Sprint(fn.Values["runtime"])
	for k, ok := range map[string]bool{
		"region us-east-1 (" + fmt.Sprint(fn.Values["region"]) + ", provider " + fn.Region + ")": fn.Values["region"] == "us-east-1" && fn.Region == "us-east-1",
		"publish":                           fn.Values["publish"] == true,
		"runtime nodejs (" + runtime + ")":  regexp.MustCompile(`^nodejs[0-9]+\.x$`).MatchString(runtime),
		"handler index.handler":             fn.Values["handler"] == "index.handler",
		"function_name " + name:             fn.Values["function_name"] == name,
		"architectures [x86_64]":            fmt.Sprint(cdnStrings(fn.Values["architectures"])) == "[x86_64]",
		"filename dist/edge-webgl.zip":      strings.HasSuffix(fmt.Sprint(fn.Values["filename"]), "dist/edge-webgl.zip"),
		"source_code_hash":                  cdnSet(fn.Values["source_code_hash"]),
		"no environment (Lambda@Edge)":      fn.Values["environment"] == nil,
		"no dead_letter_config":             fn.Values["dead_letter_config"] == nil,
		"no vpc_config":                     fn.Values["vpc_config"] == nil,
		"role from aws_iam_role.webgl_edge": slices.Contains(fn.References, cdnModule+".aws_iam_role.webgl_edge"),
	} {
		if !ok {
			t.Errorf("WebGL edge function: want %s; values %v", k, fn.Values)
		}
	}

	// Trusted by Lambda and Lambda@Edge, nothing else.
	assume := cdnOne(t, m, "data.aws_iam_policy_document.webgl_edge_assume[0]")
	var principals, assumeActions []string
	for _, st := range cdnBlocks(assume.Values["statement"]) {
		assumeActions = append(assumeActions, cdnStrings(st["actions"])...)
		for _, p := range cdnBlocks(st["principals"]) {
			principals = append(principals, fmt.Sprintf("%v:%s", p["type"], strings.Join(cdnStrings(p["identifiers"]), ",")))
		}
	}
	if got := strings.Join(principals, " "); got != "Service:lambda.amazonaws.com,edgelambda.amazonaws.com" || fmt.Sprint(assumeActions) != "[sts:AssumeRole]" {
		t.Errorf("role trust: %s %v, want Service lambda.amazonaws.com and edgelambda.amazonaws.com, sts:AssumeRole", got, assumeActions)
	}
	role := cdnOne(t, m, "aws_iam_role.webgl_edge[0]")
	if !slices.Contains(role.References, cdnModule+".data.aws_iam_policy_document.webgl_edge_assume") {
		t.Errorf("the role does not use the trust document: %v", role.References)
	}

	// Its policy: CloudWatch Logs of its own log groups, in any region (the
	// replicas log where they run), no wildcard action, no "*" resource.
	doc := cdnOne(t, m, "data.aws_iam_policy_document.webgl_edge[0]")
	logGroup := "arn:aws:logs:*:123456789012:log-group:/aws/lambda/us-east-1." + name
	var actions []string
	for _, st := range cdnBlocks(doc.Values["statement"]) {
		if st["effect"] != "Allow" {
			t.Errorf("policy statement %v: effect %v", st["sid"], st["effect"])
		}
		for _, a := range cdnStrings(st["actions"]) {
			actions = append(actions, a)
			if strings.Contains(a, "*") {
				t.Errorf("policy statement %v: wildcard action %s", st["sid"], a)
			}
		}
		for _, r := range cdnStrings(st["resources"]) {
			if r != logGroup && r != logGroup+":*" {
				t.Errorf("policy statement %v: resource %s, want %s[:*]", st["sid"], r, logGroup)
			}
		}
	}
	sort.Strings(actions)
	if got, want := strings.Join(actions, " "), "logs:CreateLogGroup logs:CreateLogStream logs:PutLogEvents"; got != want {
		t.Errorf("policy actions %s, want %s", got, want)
	}
	for _, w := range envtest.WildcardStatements(m) {
		t.Errorf("statement allowing * on *: %s", w)
	}
	rp := cdnOne(t, m, "aws_iam_role_policy.webgl_edge[0]")
	for _, ref := range []string{cdnModule + ".aws_iam_role.webgl_edge", cdnModule + ".data.aws_iam_policy_document.webgl_edge"} {
		if !slices.Contains(rp.References, ref) {
			t.Errorf("the role policy does not use %s: %v", ref, rp.References)
		}
	}

	// Every WebGL behaviour, and only those, runs it on origin-response, by
	// the published version (qualified_arn, known after apply).
	d := cdnDistribution(t, m)
	if !slices.Contains(d.References, cdnModule+".aws_lambda_function.webgl_edge") {
		t.Errorf("the distribution does not reference the function: %v", d.References)
	}
	webgl := map[string]bool{}
	for _, p := range cdnWebGLPatterns {
		webgl[p] = true
	}
	for _, b := range cdnOrdered(t, d) {
		var events []string
		for _, a := range cdnBlocks(b["lambda_function_association"]) {
			if model.IsUnknown(a["lambda_arn"]) {
				events = append(events, fmt.Sprintf("%v/include_body=%v", a["event_type"], a["include_body"]))
			}
		}
		want := ""
		if webgl[fmt.Sprint(b["path_pattern"])] {
			want = "origin-response/include_body=false"
		}
		if got := strings.Join(events, " "); got != want {
			t.Errorf("%v: the module's function on %q, want %q", b["path_pattern"], got, want)
		}
	}
	if lambdas, _ := cdnAssociations(cdnDefault(t, d)); len(lambdas) != 0 {
		t.Errorf("default behaviour: lambdas %v, want none", lambdas)
	}
	src, err := os.ReadFile(filepath.Join(envtest.Repo(t), "terraform/modules/cdn/distribution.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`arn\s*=\s*aws_lambda_function\.webgl_edge\[0\]\.qualified_arn`).Match(src) {
		t.Errorf("distribution.tf does not associate aws_lambda_function.webgl_edge[0].qualified_arn: CloudFront takes published versions only")
	}

	// A module whose provider is in us-west-2 still makes it in us-east-1.
	m = envtest.Dir(t, cdnExample, map[string]string{"region": `"us-west-2"`})
	if fn := cdnOne(t, m, "aws_lambda_function.webgl_edge[0]"); fn.Values["region"] != "us-east-1" {
		t.Errorf("provider in us-west-2: the function's region is %v, want us-east-1", fn.Values["region"])
	}

	// Off: no function, role, policy or document, no association.
	m = envtest.Dir(t, cdnExample, map[string]string{"enable_webgl_edge_function": "false", "webgl_edge_function_zip_path": "null"})
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Errorf("off: validation failures %v", fs)
	}
	for _, r := range m.Resources {
		if r.Module == cdnModule && (strings.Contains(r.Address, "webgl_edge") || r.Type == "aws_lambda_function") {
			t.Errorf("off: %s exists", r.Address)
		}
	}
	d = cdnDistribution(t, m)
	if slices.Contains(d.References, cdnModule+".aws_lambda_function.webgl_edge") {
		t.Errorf("off: the distribution references the function")
	}
	for _, p := range cdnWebGLPatterns {
		if lambdas, _ := cdnAssociations(cdnBehavior(t, d, p)); len(lambdas) != 0 {
			t.Errorf("off: webgl %s has lambdas %v", p, lambdas)
		}
	}
}

// Access logs: standard logging v2 from us-east-1 to the logs bucket's prefix.
func TestCDNStandardLogs(t *testing.T) {
	m := envtest.Dir(t, cdnExample, nil)
	src := cdnOne(t, m, "aws_cloudwatch_log_delivery_source.access_logs[0]")
	if src.Values["log_type"] != "ACCESS_LOGS" || src.Values["region"] != "us-east-1" || !cdnSet(src.Values["resource_arn"]) {
		t.Errorf("delivery source %v", src.Values)
	}
	dst := cdnOne(t, m, "aws_cloudwatch_log_delivery_destination.access_logs[0]")
	if v, _ := dst.Lookup("delivery_destination_configuration.0.destination_resource_arn"); v != "arn:aws:s3:::candlefish-production-logs/cloudfront" {
		t.Errorf("delivery destination %v, want arn:aws:s3:::candlefish-production-logs/cloudfront", v)
	}
	if dst.Values["output_format"] != "w3c" {
		t.Errorf("output format %v, want w3c", dst.Values["output_format"])
	}
	if d := cdnDistribution(t, m); d.Values["logging_config"] != nil {
		t.Errorf("legacy logging_config is set: %v", d.Values["logging_config"])
	}

	m = envtest.Dir(t, cdnExample, map[string]string{"enable_standard_logs": "false"})
	for _, typ := range []string{"aws_cloudwatch_log_delivery_source", "aws_cloudwatch_log_delivery_destination", "aws_cloudwatch_log_delivery"} {
		if n := len(cdnManaged(m, typ)); n != 0 {
			t.Errorf("standard logs off: %d %s", n, typ)
		}
	}
}

// cdnValidationCase targets one validation block of a module variable.
type cdnValidationCase struct {
	variable string // the module variable whose validation the case targets
	name     string
	good     map[string]string
	bad      map[string]string
	want     string // part of the expected error message
}

// cdnMinimalCases names the cases whose good and bad values are module
// arguments of a minimal root module (cdnMinimalRoot) instead of overrides
// of the example's variables. Arguments left out keep their defaults: the
// only way to give the module a null, since the evaluator reads a null
// module argument as unknown (and skips the validations that depend on it).
var cdnMinimalCases = map[string]bool{
	"alb_domain_name":                   true,
	"one load balancer origin":          true,
	"WebGL function zip path required":  true,
	"realtime_log_kms_key_arn required": true,
	"standard_logs_bucket_arn required": true,
	"web_acl_id required in production": true,
}

// cdnMinimalRoot writes a root module that calls the CDN module with its
// required inputs plus args (HCL expressions by argument name) and returns
// its directory.
func cdnMinimalRoot(t *testing.T, args map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	module, err := filepath.Rel(dir, filepath.Join(envtest.Repo(t), "terraform/modules/cdn"))
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]string{
		"environment":                        `"dev"`,
		"alb_domain_name":                    `"origin.dev.candlefish.ai"`,
		"origin_verify_secret_arn":           `"arn:aws:secretsmanager:us-east-1:123456789012:secret:candlefish/dev/origin-verify-Ab12Cd"`,
		"assets_bucket_regional_domain_name": `"candlefish-dev-assets.s3.us-east-1.amazonaws.com"`,
		"aliases":                            `["dev.candlefish.ai"]`,
		"acm_certificate_arn":                `"arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"`,
	}
	for k, v := range args {
		all[k] = v
		if v == "-" { // left out: the module's default
			delete(all, k)
		}
	}
	names := make([]string, 0, len(all))
	for k := range all {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("provider \"aws\" {\n  region = \"us-east-1\"\n}\n\nmodule \"cdn\" {\n  source = \"" + filepath.ToSlash(module) + "\"\n")
	for _, k := range names {
		b.WriteString("  " + k + " = " + all[k] + "\n")
	}
	b.WriteString("}\n")
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func cdnValidationCases() []cdnValidationCase {
	const (
		fnARN     = `"arn:aws:cloudfront::123456789012:function/candlefish-headers"`
		lambdaARN = `"arn:aws:lambda:us-east-1:123456789012:function:candlefish-edge:4"`
	)
	edge := func(entries ...string) string { return "[" + strings.Join(entries, ", ") + "]" }
	fn := func(behavior, event, arn string) string {
		return fmt.Sprintf(`{ behavior = %q, event_type = %q, kind = "function", arn = %s }`, behavior, event, arn)
	}
	lambda := func(behavior, event, arn string, includeBody bool) string {
		return fmt.Sprintf(`{ behavior = %q, event_type = %q, kind = "lambda", arn = %s, include_body = %t }`, behavior, event, arn, includeBody)
	}
	webgl21 := make([]string, 21)
	for i := range webgl21 {
		webgl21[i] = fmt.Sprintf(`"*.ext%d"`, i)
	}
	webgl21[0] = `"*.br"` // the example's WebGL function needs one
	webgl20 := "[" + strings.Join(webgl21[:20], ", ") + "]"
	return []cdnValidationCase{
		{"project", "project", map[string]string{"project": `"acme-2"`}, map[string]string{"project": `"Acme_Project"`}, "project must be 3-20 characters"},
		{"environment", "environment", map[string]string{"environment": `"staging"`}, map[string]string{"environment": `"prod"`}, "environment must be one of"},
		{"alb_domain_name", "alb_domain_name",
			map[string]string{"alb_domain_name": `"origin.dev.candlefish.ai"`},
			map[string]string{"alb_domain_name": `"candlefish-dev-123456.us-east-1.elb.amazonaws.com"`},
			"alb_domain_name must be a lowercase DNS name"},
		{"alb_vpc_origin_domain_names", "alb_vpc_origin_domain_names keys",
			map[string]string{"alb_vpc_origin_domain_names": `{ primary = "origin.candlefish.ai", dr-2 = "origin-dr.candlefish.ai" }`, "alb_vpc_origin_arns": `{ primary = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/0123456789abcdef", dr-2 = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/b/0123456789abcdef" }`},
			map[string]string{"alb_vpc_origin_domain_names": `{ primary = "origin.candlefish.ai", Standby = "origin-us-west-2.candlefish.ai" }`, "alb_vpc_origin_arns": `{ primary = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/0123456789abcdef", Standby = "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/b/0123456789abcdef" }`},
			"alb_vpc_origin_domain_names keys must be 1-16 characters"},
		{"alb_vpc_origin_domain_names", "alb_vpc_origin_domain_names values",
			map[string]string{"alb_vpc_origin_domain_names": `{ primary = "origin.candlefish.ai", standby = "origin-us-west-2.candlefish.ai" }`},
			map[string]string{"alb_vpc_origin_domain_names": `{ primary = "internal-candlefish-production-123.us-east-1.elb.amazonaws.com", standby = "origin-us-west-2.candlefish.ai" }`},
			"alb_vpc_origin_domain_names values must be lowercase DNS names"},
		{"alb_vpc_origin_arns", "alb_vpc_origin_arns keys",
			map[string]string{"alb_vpc_origin_domain_names": `{ primary = "origin.candlefish.ai" }`, "alb_vpc_origin_arns": `{ primary = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/0123456789abcdef" }`},
			map[string]string{"alb_vpc_origin_arns": `{ primary = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/0123456789abcdef" }`},
			"alb_vpc_origin_arns must have exactly the keys of alb_vpc_origin_domain_names"},
		{"alb_vpc_origin_arns", "alb_vpc_origin_arns load balancers in VPC-origin Regions",
			map[string]string{"alb_vpc_origin_arns": `{ primary = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/0123456789abcdef", standby = "arn:aws:elasticloadbalancing:eu-central-2:123456789012:loadbalancer/app/b/fedcba9876543210" }`},
			map[string]string{"alb_vpc_origin_arns": `{ primary = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/0123456789abcdef", standby = "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/b/fedcba9876543210" }`},
			"alb_vpc_origin_arns values must be Application Load Balancer ARNs"},
		{"alb_vpc_origin_arns", "alb_vpc_origin_arns unsupported Region",
			map[string]string{"alb_vpc_origin_arns": `{ primary = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/0123456789abcdef", standby = "arn:aws:elasticloadbalancing:mx-central-1:123456789012:loadbalancer/app/b/fedcba9876543210" }`},
			map[string]string{"alb_vpc_origin_arns": `{ primary = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/0123456789abcdef", standby = "arn:aws:elasticloadbalancing:ap-southeast-6:123456789012:loadbalancer/app/b/fedcba9876543210" }`},
			"in a Region that supports CloudFront VPC origins"},
		{"alb_vpc_origin", "one load balancer origin",
			map[string]string{"alb_domain_name": `"origin.dev.candlefish.ai"`},
			map[string]string{"alb_domain_name": `"origin.dev.candlefish.ai"`, "alb_vpc_origin": `"primary"`, "alb_vpc_origin_domain_names": `{ primary = "origin.dev.candlefish.ai" }`, "alb_vpc_origin_arns": `{ primary = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/0123456789abcdef" }`},
			"Set exactly one of alb_vpc_origin"},
		{"alb_vpc_origin", "alb_vpc_origin key",
			map[string]string{"alb_vpc_origin": `"standby"`},
			map[string]string{"alb_vpc_origin": `"secondary"`},
			"alb_vpc_origin must be a key of alb_vpc_origin_domain_names"},
		{"origin_verify_header_name", "origin_verify_header_name",
			map[string]string{"origin_verify_header_name": `"X-Candlefish-Origin"`},
			map[string]string{"origin_verify_header_name": `"X-Forwarded-For"`},
			"origin_verify_header_name must be 1-40 letters"},
		{"origin_verify_secret_arn", "origin_verify_secret_arn",
			map[string]string{"origin_verify_secret_arn": `"arn:aws:secretsmanager:us-west-2:123456789012:secret:cdn-origin-XyZ123"`},
			map[string]string{"origin_verify_secret_arn": `"candlefish/production/origin-verify"`},
			"origin_verify_secret_arn must be a Secrets Manager secret ARN"},
		{"assets_bucket_regional_domain_name", "assets_bucket_regional_domain_name",
			map[string]string{"assets_bucket_regional_domain_name": `"candlefish-dev-assets.s3.us-west-2.amazonaws.com"`},
			map[string]string{"assets_bucket_regional_domain_name": `"candlefish-dev-assets.s3.amazonaws.com"`},
			"assets_bucket_regional_domain_name must be an S3 regional domain name"},
		{"api_path_patterns", "api_path_patterns",
			map[string]string{"api_path_patterns": `["/api/*", "/graphql"]`},
			map[string]string{"api_path_patterns": `["*"]`},
			"api_path_patterns must hold at least one distinct CloudFront path pattern"},
		{"webgl_path_patterns", "webgl_path_patterns format",
			map[string]string{"webgl_path_patterns": `["*.wasm", "*.glb", "*.unityweb", "*.br"]`},
			map[string]string{"webgl_path_patterns": `["*.wasm", "*.wasm"]`},
			"webgl_path_patterns must hold at least one distinct CloudFront path pattern"},
		{"webgl_path_patterns", "patterns shared between kinds",
			map[string]string{"webgl_path_patterns": `["*.wasm", "/static/models/*"]`},
			map[string]string{"webgl_path_patterns": `["*.wasm", "*.js"]`},
			"must not share a pattern"},
		{"webgl_path_patterns", "at most 24 ordered behaviours",
			map[string]string{"webgl_path_patterns": webgl20},
			map[string]string{"webgl_path_patterns": "[" + strings.Join(webgl21, ", ") + "]"},
			"must hold at most 24 patterns"},
		{"static_path_patterns", "static_path_patterns",
			map[string]string{"static_path_patterns": `["/static/*", "/fonts/*"]`},
			map[string]string{"static_path_patterns": `[]`},
			"static_path_patterns must hold at least one distinct CloudFront path pattern"},
		{"webgl_cache_ttl", "webgl_cache_ttl",
			map[string]string{"webgl_cache_ttl": `{ min = 0, default = 86400, max = 31536000 }`},
			map[string]string{"webgl_cache_ttl": `{ min = 100, default = 10, max = 31536000 }`},
			"webgl_cache_ttl must be whole seconds"},
		{"hsts_max_age_seconds", "hsts_max_age_seconds",
			map[string]string{"hsts_max_age_seconds": "31536000"},
			map[string]string{"hsts_max_age_seconds": "86400"},
			"hsts_max_age_seconds must be a whole number of seconds between 31536000"},
		{"content_security_policy", "content_security_policy",
			map[string]string{"content_security_policy": `"default-src 'self'; frame-ancestors 'none'"`},
			map[string]string{"content_security_policy": `""`},
			"content_security_policy must be a non-empty, single-line policy"},
		{"server_timing_sampling_rate", "server_timing_sampling_rate",
			map[string]string{"server_timing_sampling_rate": "12.3456"},
			map[string]string{"server_timing_sampling_rate": "101"},
			"server_timing_sampling_rate must be a percentage between 0 and 100"},
		{"realtime_log_sampling_rate", "realtime_log_sampling_rate",
			map[string]string{"realtime_log_sampling_rate": "100"},
			map[string]string{"realtime_log_sampling_rate": "0"},
			"realtime_log_sampling_rate must be a whole number between 1 and 100"},
		{"realtime_log_fields", "realtime_log_fields",
			map[string]string{"realtime_log_fields": `["timestamp", "c-ip", "sc-status", "cmcd-session-id"]`},
			map[string]string{"realtime_log_fields": `["timestamp", "client-ip"]`},
			"realtime_log_fields must be distinct CloudFront real-time log fields"},
		{"realtime_log_stream_mode", "realtime_log_stream_mode",
			map[string]string{"realtime_log_stream_mode": `"ON_DEMAND"`},
			map[string]string{"realtime_log_stream_mode": `"SERVERLESS"`},
			"realtime_log_stream_mode must be ON_DEMAND or PROVISIONED"},
		{"realtime_log_shard_count", "realtime_log_shard_count",
			map[string]string{"realtime_log_shard_count": "4"},
			map[string]string{"realtime_log_shard_count": "0"},
			"realtime_log_shard_count must be a whole number between 1 and 100"},
		{"realtime_log_retention_hours", "realtime_log_retention_hours",
			map[string]string{"realtime_log_retention_hours": "168"},
			map[string]string{"realtime_log_retention_hours": "12"},
			"realtime_log_retention_hours must be a whole number of hours between 24 and 8760"},
		{"realtime_log_kms_key_arn", "realtime_log_kms_key_arn format",
			map[string]string{"create_realtime_log_kms_key": "false", "realtime_log_kms_key_arn": `"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"`},
			map[string]string{"create_realtime_log_kms_key": "false", "realtime_log_kms_key_arn": `"alias/candlefish-production-kinesis"`},
			"realtime_log_kms_key_arn must be a KMS key ARN"},
		{"realtime_log_kms_key_arn", "realtime_log_kms_key_arn required",
			map[string]string{"enable_realtime_logs": "true", "realtime_log_kms_key_arn": `"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"`},
			map[string]string{"enable_realtime_logs": "true"},
			"realtime_log_kms_key_arn is required when enable_realtime_logs is true"},
		{"standard_logs_bucket_arn", "standard_logs_bucket_arn format",
			map[string]string{"standard_logs_bucket_arn": `"arn:aws:s3:::candlefish-dev-logs"`},
			map[string]string{"standard_logs_bucket_arn": `"candlefish-dev-logs"`},
			"standard_logs_bucket_arn must be an S3 bucket ARN"},
		{"standard_logs_bucket_arn", "standard_logs_bucket_arn required",
			map[string]string{"enable_standard_logs": "false"},
			map[string]string{"enable_standard_logs": "true"},
			"standard_logs_bucket_arn is required when enable_standard_logs is true"},
		{"standard_logs_prefix", "standard_logs_prefix",
			map[string]string{"standard_logs_prefix": `"cdn/cloudfront"`},
			map[string]string{"standard_logs_prefix": `"/cloudfront/"`},
			"standard_logs_prefix must be an S3 key prefix"},
		{"standard_logs_output_format", "standard_logs_output_format",
			map[string]string{"standard_logs_output_format": `"parquet"`},
			map[string]string{"standard_logs_output_format": `"csv"`},
			"standard_logs_output_format must be one of"},
		{"edge_functions", "edge_functions behavior",
			map[string]string{"edge_functions": edge(fn("webgl", "viewer-response", fnARN))},
			map[string]string{"edge_functions": edge(fn("images", "viewer-response", fnARN))},
			"edge_functions behavior must be one of"},
		{"edge_functions", "edge_functions event_type",
			map[string]string{"edge_functions": edge(lambda("static", "origin-response", lambdaARN, false))},
			map[string]string{"edge_functions": edge(lambda("api", "origin-error", lambdaARN, false))},
			"edge_functions event_type must be one of"},
		{"edge_functions", "edge_functions kind",
			map[string]string{"edge_functions": edge(fn("default", "viewer-request", fnARN))},
			map[string]string{"edge_functions": `[{ behavior = "default", event_type = "viewer-request", kind = "edge", arn = ` + fnARN + ` }]`},
			"edge_functions kind must be lambda"},
		{"edge_functions", "CloudFront Functions on viewer events only",
			map[string]string{"edge_functions": edge(fn("api", "viewer-response", fnARN))},
			map[string]string{"edge_functions": edge(fn("api", "origin-request", fnARN))},
			"only run on viewer-request and viewer-response events"},
		{"edge_functions", "Lambda@Edge version ARN",
			map[string]string{"edge_functions": edge(lambda("default", "viewer-request", lambdaARN, false))},
			map[string]string{"edge_functions": edge(lambda("default", "viewer-request", `"arn:aws:lambda:us-east-1:123456789012:function:candlefish-edge:$LATEST"`, false))},
			"must be a published version ARN in us-east-1"},
		{"edge_functions", "CloudFront Function ARN",
			map[string]string{"edge_functions": edge(fn("default", "viewer-response", fnARN))},
			map[string]string{"edge_functions": edge(fn("default", "viewer-response", lambdaARN))},
			"must be a CloudFront Function ARN"},
		{"edge_functions", "include_body",
			map[string]string{"edge_functions": edge(lambda("api", "viewer-request", lambdaARN, true))},
			map[string]string{"edge_functions": edge(lambda("api", "origin-response", lambdaARN, true))},
			"include_body can only be true for Lambda@Edge on viewer-request or origin-request"},
		{"edge_functions", "one function per event",
			map[string]string{"edge_functions": edge(lambda("static", "origin-request", lambdaARN, false), lambda("webgl", "origin-request", lambdaARN, false))},
			map[string]string{"edge_functions": edge(lambda("api", "origin-request", lambdaARN, false), lambda("api", "origin-request", lambdaARN, true))},
			"at most one function per behavior and event_type"},
		{"edge_functions", "no mix on viewer events",
			map[string]string{"edge_functions": edge(fn("webgl", "viewer-request", fnARN), lambda("webgl", "origin-request", lambdaARN, false))},
			map[string]string{"edge_functions": edge(fn("default", "viewer-request", fnARN), lambda("default", "viewer-response", lambdaARN, false))},
			"cannot mix Lambda@Edge and CloudFront Functions on the viewer events"},
		{"edge_functions", "static viewer-request taken by the index rewrite",
			map[string]string{"enable_index_rewrite_function": "true", "edge_functions": edge(fn("static", "viewer-response", fnARN))},
			map[string]string{"enable_index_rewrite_function": "true", "edge_functions": edge(fn("static", "viewer-request", fnARN))},
			"cannot have a static viewer-request function while enable_index_rewrite_function is true"},
		{"edge_functions", "no origin triggers on a VPC origin",
			map[string]string{"edge_functions": edge(lambda("api", "viewer-request", lambdaARN, true), lambda("default", "viewer-response", lambdaARN, false), lambda("static", "origin-request", lambdaARN, false))},
			map[string]string{"edge_functions": edge(lambda("default", "origin-response", lambdaARN, false))},
			"cannot put Lambda@Edge on the origin-request or origin-response events of the api and default behaviours"},
		{"edge_functions", "webgl origin-response taken by the WebGL function",
			map[string]string{"enable_webgl_edge_function": "true", "edge_functions": edge(lambda("webgl", "origin-request", lambdaARN, false))},
			map[string]string{"enable_webgl_edge_function": "true", "edge_functions": edge(lambda("webgl", "origin-response", lambdaARN, false))},
			"cannot have a webgl origin-response function while enable_webgl_edge_function is true"},
		{"enable_webgl_edge_function", "WebGL function reaches precompressed files",
			map[string]string{"enable_webgl_edge_function": "true", "webgl_path_patterns": `["*.wasm", "/webgl/*"]`},
			map[string]string{"enable_webgl_edge_function": "true", "webgl_path_patterns": `["*.wasm", "*.glb"]`},
			"enable_webgl_edge_function needs a webgl_path_patterns entry that reaches precompressed files"},
		{"webgl_edge_function_zip_path", "WebGL function zip path format",
			map[string]string{"webgl_edge_function_zip_path": `"dist/edge-webgl.zip"`},
			map[string]string{"webgl_edge_function_zip_path": `"lambda/edge-webgl/index.js"`},
			"webgl_edge_function_zip_path is required when enable_webgl_edge_function is true and must end in .zip"},
		{"webgl_edge_function_zip_path", "WebGL function zip path required",
			map[string]string{"enable_webgl_edge_function": "true", "webgl_path_patterns": `["*.wasm", "*.br"]`, "webgl_edge_function_zip_path": `"dist/edge-webgl.zip"`},
			map[string]string{"enable_webgl_edge_function": "true", "webgl_path_patterns": `["*.wasm", "*.br"]`},
			"webgl_edge_function_zip_path is required when enable_webgl_edge_function is true"},
		{"price_class", "price_class",
			map[string]string{"price_class": `"PriceClass_200"`},
			map[string]string{"price_class": `"PriceClass_300"`},
			"price_class must be one of"},
		{"web_acl_id", "web_acl_id format",
			map[string]string{"web_acl_id": `"arn:aws:wafv2:us-east-1:123456789012:global/webacl/other/abcdef01-2345-6789-abcd-ef0123456789"`},
			map[string]string{"web_acl_id": `"arn:aws:wafv2:us-east-1:123456789012:regional/webacl/other/abcdef01-2345-6789-abcd-ef0123456789"`},
			"web_acl_id must be the ARN of a CLOUDFRONT-scope WAFv2 web ACL"},
		{"web_acl_id", "web_acl_id required in production",
			map[string]string{"environment": `"staging"`},
			map[string]string{"environment": `"production"`},
			"web_acl_id is required in production"},
		{"aliases", "aliases",
			map[string]string{"aliases": `["dev.candlefish.ai", "*.dev.candlefish.ai"]`},
			map[string]string{"aliases": `[]`},
			"aliases must hold 1-100 distinct lowercase domain names"},
		{"acm_certificate_arn", "acm_certificate_arn",
			map[string]string{"acm_certificate_arn": `"arn:aws:acm:us-east-1:123456789012:certificate/22222222-3333-1444-5555-666666666666"`},
			map[string]string{"acm_certificate_arn": `"arn:aws:acm:us-west-2:123456789012:certificate/22222222-3333-1444-5555-666666666666"`},
			"acm_certificate_arn must be an ACM certificate ARN in us-east-1"},
		{"geo_restriction", "geo_restriction",
			map[string]string{"geo_restriction": `{ restriction_type = "blacklist", locations = ["KP"] }`},
			map[string]string{"geo_restriction": `{ restriction_type = "whitelist", locations = [] }`},
			"geo_restriction.restriction_type must be none, whitelist or blacklist"},
		{"custom_error_responses", "custom_error_responses error_code",
			map[string]string{"custom_error_responses": `[{ error_code = 404, response_code = 404, response_page_path = "/static/errors/404.html" }]`},
			map[string]string{"custom_error_responses": `[{ error_code = 418 }]`},
			"custom_error_responses error_code must be distinct"},
		{"custom_error_responses", "custom_error_responses page",
			map[string]string{"custom_error_responses": `[{ error_code = 403, response_code = 200, response_page_path = "/index.html" }]`},
			map[string]string{"custom_error_responses": `[{ error_code = 403, response_page_path = "/index.html" }]`},
			"custom_error_responses response_code and response_page_path go together"},
		{"custom_error_responses", "custom_error_responses error_caching_min_ttl",
			map[string]string{"custom_error_responses": `[{ error_code = 500, error_caching_min_ttl = 0 }]`},
			map[string]string{"custom_error_responses": `[{ error_code = 500, error_caching_min_ttl = -1 }]`},
			"custom_error_responses error_caching_min_ttl must be a whole number"},
	}
}

func TestCDNVariableValidations(t *testing.T) {
	for _, tc := range cdnValidationCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if cdnMinimalCases[tc.name] {
				envtest.ExpectValid(t, cdnMinimalRoot(t, tc.good), nil)
				envtest.ExpectInvalid(t, cdnMinimalRoot(t, tc.bad), nil, tc.want)
				return
			}
			envtest.ExpectValid(t, cdnExample, tc.good)
			envtest.ExpectInvalid(t, cdnExample, tc.bad, tc.want)
		})
	}
}

// Every validation block of the module has a case, and each case names a
// variable of the module.
func TestCDNEveryValidationIsTested(t *testing.T) {
	m := envtest.Dir(t, cdnExample, nil)
	cases := map[string]int{}
	for _, tc := range cdnValidationCases() {
		cases[tc.variable]++
	}
	blocks := 0
	for dir, d := range m.Dirs {
		if !strings.HasSuffix(dir, "/modules/cdn") {
			continue
		}
		for name, v := range d.Variables {
			blocks += len(v.Validations)
			if n := len(v.Validations); cases[name] < n {
				t.Errorf("variable %s has %d validation blocks but %d cases in cdnValidationCases", name, n, cases[name])
			}
			delete(cases, name)
		}
	}
	if blocks == 0 {
		t.Fatal("no validation blocks found in the CDN module")
	}
	for name := range cases {
		t.Errorf("cdnValidationCases names %q, which is not a variable of the CDN module", name)
	}
}
