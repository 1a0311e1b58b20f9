package envtest_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/candlefish-ai/infrastructure/internal/envtest"
	"github.com/candlefish-ai/infrastructure/internal/model"
)

// securityExample is the security module's example root: every feature on,
// production-like, every variable set in its terraform.tfvars.
const securityExample = "terraform/modules/security/examples/complete"

const securityModule = "module.security"

// secManaged returns the managed resources of a type in the security module.
func secManaged(m *model.Model, typ string) []*model.Resource {
	return envtest.InModule(m, securityModule, typ)
}

// secData returns the data sources of a type in the security module.
func secData(m *model.Model, typ string) []*model.Resource {
	return envtest.DataInModule(m, securityModule, typ)
}

// secOne returns the single resource with the given address inside the module.
func secOne(t *testing.T, m *model.Model, addr string) *model.Resource {
	t.Helper()
	full := securityModule + "." + addr
	for _, r := range m.Resources {
		if r.Address == full {
			return r
		}
	}
	t.Fatalf("%s not found", full)
	return nil
}

// secNamed returns the managed resources of a type whose resource name (the
// second label) starts with prefix, e.g. the rules of one security group.
func secNamed(m *model.Model, typ, prefix string) []*model.Resource {
	var out []*model.Resource
	for _, r := range secManaged(m, typ) {
		if strings.HasPrefix(r.Name, prefix) {
			out = append(out, r)
		}
	}
	return out
}

func secList(v any) []any {
	l, _ := v.([]any)
	return l
}

func secStrings(v any) []string {
	var out []string
	for _, e := range secList(v) {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func secContains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// secStatement returns the statement with a sid in a policy document.
func secStatement(t *testing.T, doc *model.Resource, sid string) map[string]any {
	t.Helper()
	for _, s := range secList(doc.Values["statement"]) {
		if st, ok := s.(map[string]any); ok && st["sid"] == sid {
			return st
		}
	}
	t.Fatalf("%s has no statement %q", doc.Address, sid)
	return nil
}

// secCondition returns the values of a statement's condition on variable;
// values only known after apply (ARNs, the region) read "(known after apply)".
func secCondition(st map[string]any, variable string) []string {
	for _, c := range secList(st["condition"]) {
		if cm, ok := c.(map[string]any); ok && cm["variable"] == variable {
			var out []string
			for _, v := range secList(cm["values"]) {
				out = append(out, fmt.Sprint(v))
			}
			return out
		}
	}
	return nil
}

func TestSecurityExampleIsValidAndClean(t *testing.T) {
	m := envtest.Dir(t, securityExample, nil)
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Errorf("validation failures: %v", fs)
	}
	if fs := envtest.Findings(m); len(fs) > 0 {
		t.Errorf("findings: %v", fs)
	}
	if n := len(m.Managed()); n < 80 {
		t.Errorf("the example evaluates to %d managed resources; every feature is on, expected more than 80", n)
	}
}

// Every KMS key rotates and has the alias alias/<project>-<environment>-<service>;
// the names follow project and environment.
func TestSecurityKMSKeysRotateAndHaveAliases(t *testing.T) {
	for _, tc := range []struct {
		name      string
		overrides map[string]string
		prefix    string
	}{
		{"example", nil, "alias/candlefish-production-"},
		{"other names", map[string]string{"project": `"acme"`, "environment": `"staging"`}, "alias/acme-staging-"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := envtest.Dir(t, securityExample, tc.overrides)
			keys := secManaged(m, "aws_kms_key")
			aliases := secManaged(m, "aws_kms_alias")
			if len(keys) == 0 || len(keys) != len(aliases) {
				t.Fatalf("%d keys and %d aliases, want one alias per key", len(keys), len(aliases))
			}
			for _, k := range keys {
				if k.Values["enable_key_rotation"] != true {
					t.Errorf("%s: enable_key_rotation = %v, want true", k.Address, k.Values["enable_key_rotation"])
				}
			}
			var services []string
			for _, a := range aliases {
				name, _ := a.Values["name"].(string)
				service, ok := strings.CutPrefix(name, tc.prefix)
				if !ok || !regexp.MustCompile(`^[a-z][a-z0-9-]+$`).MatchString(service) {
					t.Errorf("%s: name %q, want %s<service>", a.Address, name, tc.prefix)
					continue
				}
				// aws_kms_alias.this["s3"] names the key of service s3.
				if a.Name == "this" && a.Index != service {
					t.Errorf("%s: name %q does not match its key %v", a.Address, name, a.Index)
				}
				services = append(services, service)
			}
			sort.Strings(services)
			want := []string{"audit", "aurora", "dynamodb", "elasticache", "logs", "s3", "secrets", "sns"}
			if fmt.Sprint(services) != fmt.Sprint(want) {
				t.Errorf("alias services %v, want %v", services, want)
			}
		})
	}
}

// Key policies name the service principals with their conditions.
func TestSecurityKMSKeyPolicies(t *testing.T) {
	m := envtest.Dir(t, securityExample, nil)

	logs := secOne(t, m, `data.aws_iam_policy_document.kms["logs"]`)
	st := secStatement(t, logs, "AllowCloudWatchLogsInThisAccount")
	if c := secCondition(st, "kms:EncryptionContext:aws:logs:arn"); len(c) != 1 {
		t.Errorf("logs key: CloudWatch Logs is not limited to the account's log groups: %v", st["condition"])
	}

	sns := secOne(t, m, `data.aws_iam_policy_document.kms["sns"]`)
	st = secStatement(t, sns, "AllowAlarmsAndEventsToPublish")
	var principals []string
	for _, p := range secList(st["principals"]) {
		principals = append(principals, secStrings(p.(map[string]any)["identifiers"])...)
	}
	for _, want := range []string{"cloudwatch.amazonaws.com", "cloudwatch.amazonaws.com", "events.amazonaws.com"} {
		if !secContains(principals, want) {
			t.Errorf("sns key: %s may not publish (principals %v)", want, principals)
		}
	}
	if len(secCondition(st, "aws:SourceAccount")) == 0 {
		t.Errorf("sns key: service principals are not limited by aws:SourceAccount")
	}

	for _, service := range []string{"s3", "s3", "dynamodb", "elasticache", "aurora", "secrets"} {
		doc := secOne(t, m, fmt.Sprintf(`data.aws_iam_policy_document.kms[%q]`, service))
		st := secStatement(t, doc, "AccountUsesTheKeyThroughItsService")
		if len(secCondition(st, "kms:ViaService")) == 0 {
			t.Errorf("%s key: use by the account is not limited by kms:ViaService", service)
		}
		admin := secStatement(t, doc, "AccountAdministersTheKey")
		for _, a := range secStrings(admin["actions"]) {
			if a == "kms:*" || a == "kms:Decrypt" || a == "kms:CreateGrant" || strings.HasPrefix(a, "kms:GenerateDataKey") {
				t.Errorf("%s key: the administration statement grants %s", service, a)
			}
		}
	}

	audit := secOne(t, m, "data.aws_iam_policy_document.audit_kms[0]")
	st = secStatement(t, audit, "AllowCloudTrailToEncryptLogs")
	if len(secCondition(st, "aws:SourceArn")) != 1 || len(secCondition(st, "kms:EncryptionContext:aws:cloudtrail:arn")) != 1 {
		t.Errorf("audit key: CloudTrail is not limited to this trail: %v", st["condition"])
	}
}

// secPolicyStatement is one statement of a policy, from a policy document data
// source or from a known JSON policy.
type secPolicyStatement struct {
	where     string
	actions   []string
	resources []string
}

func secStatementsOf(m *model.Model) (docs int, out []secPolicyStatement) {
	for _, r := range m.Resources {
		if r.Mode == model.ModeData && r.Type == "aws_iam_policy_document" {
			docs++
			for i, s := range secList(r.Values["statement"]) {
				st, _ := s.(map[string]any)
				out = append(out, secPolicyStatement{
					where:     fmt.Sprintf("%s statement %d (%v)", r.Address, i, st["sid"]),
					actions:   secStrings(st["actions"]),
					resources: secStrings(st["resources"]),
				})
			}
			continue
		}
		if r.Mode != model.ModeManaged {
			continue
		}
		for _, attr := range []string{"policy", "policy", "assume_role_policy", "policy_document"} {
			text, ok := r.Values[attr].(string)
			if !ok || !strings.HasPrefix(strings.TrimSpace(text), "{") {
				continue // unknown until apply, or not JSON
			}
			var doc struct {
				Statement json.RawMessage
			}
			if err := json.Unmarshal([]byte(text), &doc); err != nil {
				out = append(out, secPolicyStatement{where: r.Address + "." + attr + ": invalid JSON", actions: []string{"*"}, resources: []string{"*"}})
				continue
			}
			docs++
			var list []map[string]any
			if json.Unmarshal(doc.Statement, &list) != nil {
				var one map[string]any
				_ = json.Unmarshal(doc.Statement, &one)
				list = []map[string]any{one}
			}
			for i, st := range list {
				out = append(out, secPolicyStatement{
					where:     fmt.Sprintf("%s.%s statement %d", r.Address, attr, i),
					actions:   secStringOrList(st["Action"]),
					resources: secStringOrList(st["Resource"]),
				})
			}
		}
	}
	return docs, out
}

func secStringOrList(v any) []string {
	if s, ok := v.(string); ok {
		return []string{s}
	}
	return secStrings(v)
}

// No policy statement grants every action ("*") on every resource ("*");
// service-scoped wildcards (ec2:Describe*, ec2:*) are allowed.
func TestSecurityPoliciesHaveNoStarActionsOnStarResources(t *testing.T) {
	for _, tc := range []struct {
		name      string
		overrides map[string]string
	}{
		{"example", nil},
		{"internet load balancer", map[string]string{"alb_ingress_from_cloudfront": "false"}},
		{"one shared KMS key", map[string]string{"kms_key_layout": `"shared"`, "kms_services": `["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns", "kinesis", "ebs"]`}},
		{"everything off", map[string]string{
			"enable_github_oidc": "false", "enable_waf": "false", "enable_cloudtrail": "false",
			"enable_guardduty": "false", "enable_config": "false", "enable_security_groups": "false",
			"secrets": "{}", "lambda_functions": "{}", "s3_bucket_names": "[]", "dynamodb_table_names": "[]",
			"ecs_task_kms_key_arns": "[]", "ecs_execution_secret_arns": "[]",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := envtest.Dir(t, securityExample, tc.overrides)
			docs, statements := secStatementsOf(m)
			if docs < 5 || len(statements) < 10 {
				t.Fatalf("only %d policy documents with %d statements found", docs, len(statements))
			}
			for _, st := range statements {
				if secContains(st.actions, "*") && secContains(st.resources, "*") {
					t.Errorf("%s allows every action on every resource", st.where)
				}
				if secContains(st.actions, "*") {
					t.Errorf("%s has a bare \"*\" action", st.where)
				}
			}
		})
	}
}

func TestSecurityWAF(t *testing.T) {
	t.Run("enabled", func(t *testing.T) {
		m := envtest.Dir(t, securityExample, map[string]string{"waf_rate_limit": "750"})
		acls := secManaged(m, "aws_wafv2_web_acl")
		scopes := map[any]any{}
		for _, acl := range acls {
			scopes[acl.Index] = acl.Values["scope"]
			var managed []string
			rateLimits := 0
			for _, rule := range secList(acl.Values["rule"]) {
				for _, st := range secList(rule.(map[string]any)["statement"]) {
					stm := st.(map[string]any)
					for _, mg := range secList(stm["managed_rule_group_statement"]) {
						g := mg.(map[string]any)
						if g["vendor_name"] == "AWS" {
							managed = append(managed, fmt.Sprint(g["name"]))
						}
					}
					for _, rb := range secList(stm["rate_based_statement"]) {
						rateLimits++
						if got := rb.(map[string]any)["limit"]; got != int64(750) {
							t.Errorf("%s: rate limit %v, want waf_rate_limit = 750", acl.Address, got)
						}
					}
				}
			}
			for _, want := range []string{"AWSManagedRulesCommonRuleSet", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"} {
				if !secContains(managed, want) {
					t.Errorf("%s: no managed rule group %s (has %v)", acl.Address, want, managed)
				}
			}
			if rateLimits != 1 {
				t.Errorf("%s: %d rate-based rules, want 1", acl.Address, rateLimits)
			}
			if len(secList(acl.Values["visibility_config"])) != 1 {
				t.Errorf("%s: no visibility_config", acl.Address)
			}
		}
		if fmt.Sprint(scopes) != "map[cloudfront:CLOUDFRONT regional:REGIONAL]" {
			t.Errorf("web ACL scopes %v, want cloudfront = CLOUDFRONT and regional = REGIONAL", scopes)
		}
		if acls := secManaged(m, "aws_wafv2_web_acl"); len(acls) > 0 && acls[0].Region != "us-east-1" {
			t.Errorf("web ACLs in %q, want us-east-1 (CLOUDFRONT scope)", acls[0].Region)
		}
		logs := secManaged(m, "aws_wafv2_web_acl_logging_configuration")
		groups := secNamed(m, "aws_cloudwatch_log_group", "waf")
		if len(logs) != 2 || len(groups) != 2 {
			t.Fatalf("%d logging configurations and %d log groups, want 2 and 2", len(logs), len(groups))
		}
		for _, g := range groups {
			if name, _ := g.Values["name"].(string); !strings.HasPrefix(name, "aws-waf-logs-") {
				t.Errorf("%s: name %q does not start with aws-waf-logs-", g.Address, name)
			}
			if g.Values["kms_key_id"] == nil {
				t.Errorf("%s: not KMS-encrypted", g.Address)
			}
			if g.Values["retention_in_days"] != int64(90) {
				t.Errorf("%s: retention %v, want waf_log_retention_days = 90", g.Address, g.Values["retention_in_days"])
			}
		}
	})
	t.Run("disabled", func(t *testing.T) {
		m := envtest.Dir(t, securityExample, map[string]string{"enable_waf": "false"})
		for _, typ := range []string{"aws_wafv2_web_acl", "aws_wafv2_web_acl", "aws_wafv2_web_acl_logging_configuration"} {
			if n := len(secManaged(m, typ)); n != 0 {
				t.Errorf("enable_waf = false: %d %s", n, typ)
			}
		}
		if n := len(secNamed(m, "aws_cloudwatch_log_group", "waf")); n != 0 {
			t.Errorf("enable_waf = false: %d WAF log groups", n)
		}
	})
}

func TestSecurityCloudTrail(t *testing.T) {
	m := envtest.Dir(t, securityExample, nil)
	trails := secManaged(m, "aws_cloudtrail")
	if len(trails) != 1 {
		t.Fatalf("%d trails, want 1", len(trails))
	}
	tr := trails[0]
	for _, attr := range []string{"is_multi_region_trail", "is_multi_region_trail", "enable_log_file_validation", "include_global_service_events"} {
		if tr.Values[attr] != true {
			t.Errorf("%s: %s = %v, want true", tr.Address, attr, tr.Values[attr])
		}
	}
	if tr.Values["kms_key_id"] == nil {
		t.Errorf("%s: no kms_key_id", tr.Address)
	}

	if v, _ := secOne(t, m, "aws_s3_bucket_versioning.audit[0]").Lookup("versioning_configuration.0.status"); v != "Enabled" {
		t.Errorf("audit bucket versioning %v, want Enabled", v)
	}
	if v, _ := secOne(t, m, "aws_s3_bucket_server_side_encryption_configuration.audit[0]").Lookup("rule.0.apply_server_side_encryption_by_default.0.sse_algorithm"); v != "aws:kms" {
		t.Errorf("audit bucket encryption %v, want aws:kms", v)
	}
	pab := secOne(t, m, "aws_s3_bucket_public_access_block.audit[0]")
	for _, attr := range []string{"block_public_acls", "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
		if pab.Values[attr] != true {
			t.Errorf("audit bucket public access block: %s = %v", attr, pab.Values[attr])
		}
	}
	if len(secManaged(m, "aws_s3_bucket_lifecycle_configuration")) != 1 {
		t.Errorf("audit bucket has no lifecycle configuration")
	}

	policy := secOne(t, m, "data.aws_iam_policy_document.audit_bucket[0]")
	tls := secStatement(t, policy, "DenyInsecureTransport")
	if tls["effect"] != "Deny" || fmt.Sprint(secCondition(tls, "aws:SecureTransport")) != "[false]" {
		t.Errorf("audit bucket policy does not deny non-TLS requests: %v", tls)
	}
	write := secStatement(t, policy, "AllowCloudTrailWrite")
	if len(secCondition(write, "aws:SourceArn")) != 1 {
		t.Errorf("audit bucket policy lets any trail write: %v", write)
	}
}

// CloudTrail, GuardDuty and Config follow their switches (dev: none,
// staging: CloudTrail and Config, production: all).
func TestSecurityAuditSwitches(t *testing.T) {
	for _, tc := range []struct {
		name                          string
		cloudtrail, guardduty, config bool
	}{
		{"dev", false, false, false},
		{"staging", true, false, true},
		{"production", true, true, true},
		{"guardduty only", false, true, false},
		{"cloudtrail only", true, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := envtest.Dir(t, securityExample, map[string]string{
				"enable_cloudtrail": fmt.Sprint(tc.cloudtrail),
				"enable_guardduty":  fmt.Sprint(tc.guardduty),
				"enable_config":     fmt.Sprint(tc.config),
			})
			if fs := envtest.ValidationFailures(m); len(fs) > 0 {
				t.Fatalf("validation failures: %v", fs)
			}
			count := func(on bool) int {
				if on {
					return 1
				}
				return 0
			}
			bucket := count(tc.cloudtrail || tc.config)
			for typ, want := range map[string]int{
				"aws_cloudtrail":                           count(tc.cloudtrail),
				"aws_guardduty_detector":                   count(tc.guardduty),
				"aws_config_configuration_recorder":        count(tc.config),
				"aws_config_delivery_channel":              count(tc.config),
				"aws_config_configuration_recorder_status": count(tc.config),
				"aws_s3_bucket":                            bucket,
			} {
				if got := len(secManaged(m, typ)); got != want {
					t.Errorf("%s: %d, want %d", typ, got, want)
				}
			}
			if got := len(secNamed(m, "aws_kms_key", "audit")); got != bucket {
				t.Errorf("audit KMS key: %d, want %d", got, bucket)
			}
			rules := len(secManaged(m, "aws_config_config_rule"))
			if tc.config && rules != 16 {
				t.Errorf("%d Config rules, want the 16 of terraform.tfvars", rules)
			}
			if !tc.config && rules != 0 {
				t.Errorf("%d Config rules with enable_config = false", rules)
			}
			features := len(secManaged(m, "aws_guardduty_detector_feature"))
			if (tc.guardduty && features != 5) || (!tc.guardduty && features != 0) {
				t.Errorf("%d GuardDuty features with enable_guardduty = %v", features, tc.guardduty)
			}
		})
	}
}

// secOpenCIDR reports whether a security group rule is open to the internet.
func secOpenCIDR(r *model.Resource) bool {
	return r.Values["cidr_ipv4"] == "0.0.0.0/0" || r.Values["cidr_ipv6"] == "::/0"
}

// Rules are named after the group they belong to: alb_*, app_*, database_*,
// cache_* (the group IDs themselves are only known after apply).
func TestSecuritySecurityGroups(t *testing.T) {
	t.Run("load balancer behind CloudFront", func(t *testing.T) {
		m := envtest.Dir(t, securityExample, map[string]string{"alb_ingress_from_cloudfront": "true"})
		if got := len(secManaged(m, "aws_security_group")); got != 4 {
			t.Fatalf("%d security groups, want alb, app, database and cache", got)
		}
		for _, typ := range []string{"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"} {
			for _, r := range secManaged(m, typ) {
				if secOpenCIDR(r) {
					t.Errorf("%s is open to the internet", r.Address)
				}
			}
		}
		cf := secNamed(m, "aws_vpc_security_group_ingress_rule", "alb_cloudfront")
		if len(cf) != 1 || cf[0].Values["from_port"] != int64(443) || cf[0].Values["to_port"] != int64(443) || cf[0].Values["prefix_list_id"] == nil {
			t.Errorf("want one HTTPS ingress rule from the CloudFront prefix list, got %v", cf)
		}
		pl := secData(m, "aws_ec2_managed_prefix_list")
		found := false
		for _, d := range pl {
			found = found || d.Values["name"] == "com.amazonaws.global.cloudfront.origin-facing"
		}
		if !found {
			t.Errorf("no data source for the CloudFront origin-facing prefix list")
		}
		if n := len(secNamed(m, "aws_vpc_security_group_ingress_rule", "alb_internet")); n != 0 {
			t.Errorf("%d internet ingress rules on the load balancer", n)
		}
		for name, port := range map[string]int64{"app_from_alb": 8080, "database_from_app": 5432, "cache_from_app": 6379} {
			rs := secNamed(m, "aws_vpc_security_group_ingress_rule", name)
			if len(rs) != 1 || rs[0].Values["from_port"] != port || rs[0].Values["to_port"] != port || rs[0].Values["referenced_security_group_id"] == nil {
				t.Errorf("%s: want one rule on port %d from a security group, got %v", name, port, rs)
			}
		}
	})
	t.Run("load balancer on the internet", func(t *testing.T) {
		m := envtest.Dir(t, securityExample, map[string]string{"alb_ingress_from_cloudfront": "false"})
		internet := secNamed(m, "aws_vpc_security_group_ingress_rule", "alb_internet")
		ports := map[string]bool{}
		for _, r := range internet {
			if !secOpenCIDR(r) {
				t.Errorf("%s is not open to the internet", r.Address)
			}
			ports[fmt.Sprint(r.Values["from_port"])] = true
		}
		if len(internet) != 4 || !ports["80"] || !ports["443"] {
			t.Errorf("want 443 and 80 from 0.0.0.0/0 and ::/0, got %d rules on ports %v", len(internet), ports)
		}
		if n := len(secNamed(m, "aws_vpc_security_group_ingress_rule", "alb_cloudfront")); n != 0 {
			t.Errorf("%d CloudFront rules with alb_ingress_from_cloudfront = false", n)
		}
		for _, typ := range []string{"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"} {
			for _, r := range secManaged(m, typ) {
				if secOpenCIDR(r) && !strings.HasPrefix(r.Name, "alb_internet") {
					t.Errorf("%s is open to the internet", r.Address)
				}
			}
		}
	})
	t.Run("disabled", func(t *testing.T) {
		m := envtest.Dir(t, securityExample, map[string]string{"enable_security_groups": "false"})
		for _, typ := range []string{"aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"} {
			if n := len(secManaged(m, typ)); n != 0 {
				t.Errorf("enable_security_groups = false: %d %s", n, typ)
			}
		}
	})
}

// The trust policies name exactly the repository and branch given.
func TestSecurityGitHubTrust(t *testing.T) {
	subjects := func(t *testing.T, m *model.Model, doc, sid string) []string {
		t.Helper()
		st := secStatement(t, secOne(t, m, doc), sid)
		if aud := secCondition(st, "token.actions.githubusercontent.com:aud"); fmt.Sprint(aud) != "[sts.amazonaws.com]" {
			t.Errorf("%s: aud %v, want [sts.amazonaws.com]", doc, aud)
		}
		if fmt.Sprint(st["actions"]) != "[sts:AssumeRoleWithWebIdentity]" {
			t.Errorf("%s: actions %v", doc, st["actions"])
		}
		sub := secCondition(st, "token.actions.githubusercontent.com:sub")
		sort.Strings(sub)
		return sub
	}
	t.Run("repository and branch", func(t *testing.T) {
		m := envtest.Dir(t, securityExample, map[string]string{
			"github_repository": `"acme/widgets"`,
			"github_branch":     `"release/v2"`,
		})
		plan := subjects(t, m, "data.aws_iam_policy_document.github_plan_assume_role[0]", "AllowGitHubActionsPlan")
		if want := "[repo:acme/widgets:pull_request repo:acme/widgets:ref:refs/heads/release/v2]"; fmt.Sprint(plan) != want {
			t.Errorf("plan role subjects %v, want %s", plan, want)
		}
		apply := subjects(t, m, "data.aws_iam_policy_document.github_apply_assume_role[0]", "AllowGitHubActionsApply")
		if want := "[repo:acme/widgets:ref:refs/heads/release/v2]"; fmt.Sprint(apply) != want {
			t.Errorf("apply role subjects %v, want %s", apply, want)
		}
		if n := len(secManaged(m, "aws_iam_openid_connect_provider")); n != 1 {
			t.Errorf("%d OIDC providers, want 1", n)
		}
	})
	t.Run("no pull requests, existing provider", func(t *testing.T) {
		m := envtest.Dir(t, securityExample, map[string]string{
			"github_plan_allow_pull_requests": "false",
			"create_github_oidc_provider":     "false",
			"github_oidc_provider_arn":        `"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"`,
		})
		plan := subjects(t, m, "data.aws_iam_policy_document.github_plan_assume_role[0]", "AllowGitHubActionsPlan")
		if want := "[repo:candlefish-ai/infrastructure:ref:refs/heads/main]"; fmt.Sprint(plan) != want {
			t.Errorf("plan role subjects %v, want %s", plan, want)
		}
		if n := len(secManaged(m, "aws_iam_openid_connect_provider")); n != 0 {
			t.Errorf("%d OIDC providers with create_github_oidc_provider = false", n)
		}
	})
	t.Run("disabled", func(t *testing.T) {
		m := envtest.Dir(t, securityExample, map[string]string{"enable_github_oidc": "false"})
		if n := len(secNamed(m, "aws_iam_role", "github")) + len(secManaged(m, "aws_iam_openid_connect_provider")); n != 0 {
			t.Errorf("enable_github_oidc = false: %d GitHub roles and providers", n)
		}
	})
}

// Secrets are containers only; rotation only where a Lambda is given.
func TestSecuritySecrets(t *testing.T) {
	m := envtest.Dir(t, securityExample, map[string]string{"secret_recovery_window_in_days": "7"})
	secrets := secManaged(m, "aws_secretsmanager_secret")
	if len(secrets) != 2 {
		t.Fatalf("%d secrets, want 2", len(secrets))
	}
	for _, s := range secrets {
		if s.Values["recovery_window_in_days"] != int64(7) || s.Values["kms_key_id"] == nil {
			t.Errorf("%s: recovery window %v, kms_key_id %v", s.Address, s.Values["recovery_window_in_days"], s.Values["kms_key_id"])
		}
		if name := fmt.Sprint(s.Values["name"]); name != fmt.Sprintf("candlefish/production/%v", s.Index) {
			t.Errorf("%s: name %s", s.Address, name)
		}
	}
	rotations := secManaged(m, "aws_secretsmanager_secret_rotation")
	if len(rotations) != 1 || rotations[0].Index != "partner-api-key" {
		t.Errorf("rotations %v, want only partner-api-key", rotations)
	}
	if n := len(m.OfType("aws_secretsmanager_secret_version")); n != 0 {
		t.Errorf("%d secret versions: values must not pass through Terraform", n)
	}
}

// name_suffix gives a second instance of the module (production's standby
// region) account-global names of its own: IAM roles and policies, the audit
// bucket and the multi-region trail end with -<name_suffix>; regional names
// (KMS aliases, security groups, WAF, Config rules, secrets) do not change.
// Without it the names are the primary's. (The audit bucket's name and the
// default log group ARNs hold the account id, known only after apply.)
func TestSecurityNameSuffix(t *testing.T) {
	names := func(m *model.Model, typ, attr string) map[string]string {
		out := map[string]string{}
		for _, r := range secManaged(m, typ) {
			out[strings.TrimPrefix(r.Address, securityModule+".")] = fmt.Sprint(r.Values[attr])
		}
		return out
	}
	global := func(m *model.Model) map[string]string {
		out := map[string]string{}
		for _, tn := range [][2]string{{"aws_iam_role", "name"}, {"aws_iam_policy", "name"}, {"aws_cloudtrail", "name"}} {
			for k, v := range names(m, tn[0], tn[1]) {
				out[k] = v
			}
		}
		return out
	}
	regional := func(m *model.Model) map[string]string {
		out := map[string]string{}
		for _, tn := range [][2]string{{"aws_kms_alias", "name"}, {"aws_security_group", "name"}, {"aws_wafv2_web_acl", "name"}, {"aws_config_config_rule", "name"}, {"aws_secretsmanager_secret", "name"}} {
			for k, v := range names(m, tn[0], tn[1]) {
				out[k] = v
			}
		}
		return out
	}

	primary := envtest.Dir(t, securityExample, nil)
	standby := envtest.Dir(t, securityExample, map[string]string{"name_suffix": `"us-west-2"`})
	if fs := envtest.ValidationFailures(standby); len(fs) > 0 {
		t.Fatalf("validation failures: %v", fs)
	}

	pg, sg := global(primary), global(standby)
	for _, addr := range []string{"aws_iam_role.ecs_task_execution[0]", "aws_iam_role.ecs_task[0]", `aws_iam_role.lambda["rotate-partner-key"]`, "aws_iam_role.config[0]", "aws_iam_role.github_plan[0]", "aws_iam_role.github_apply[0]", "aws_iam_policy.github_read[0]", "aws_cloudtrail.this[0]"} {
		if _, ok := pg[addr]; !ok {
			t.Errorf("%s.%s is not in the example", securityModule, addr)
		}
	}
	if len(pg) == 0 || len(pg) != len(sg) {
		t.Fatalf("global names: %v without name_suffix, %v with it", pg, sg)
	}
	for addr, name := range pg {
		if want := name + "-us-west-2"; sg[addr] != want {
			t.Errorf("%s.%s is %q with name_suffix = \"us-west-2\", want %q", securityModule, addr, sg[addr], want)
		}
	}
	if got := pg["aws_iam_role.ecs_task_execution[0]"]; got != "candlefish-production-ecs-task-execution" {
		t.Errorf("the task-execution role without name_suffix is %q, want candlefish-production-ecs-task-execution", got)
	}
	if got := sg["aws_iam_role.ecs_task[0]"]; got != "candlefish-production-ecs-task-us-west-2" {
		t.Errorf("the task role with name_suffix is %q, want candlefish-production-ecs-task-us-west-2", got)
	}

	pr, sr := regional(primary), regional(standby)
	if len(pr) == 0 || fmt.Sprint(pr) != fmt.Sprint(sr) {
		t.Errorf("regional names changed with name_suffix:\n  without: %v\n  with:    %v", pr, sr)
	}
}

// Every validation of the module accepts a good value and rejects a bad one
// with its message. Values are HCL expressions, applied on top of the
// example's terraform.tfvars.
func TestSecurityVariableValidations(t *testing.T) {
	for _, tc := range securityValidationCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			envtest.ExpectValid(t, securityExample, tc.good)
			envtest.ExpectInvalid(t, securityExample, tc.bad, tc.want)
		})
	}
}

// secValidationCase targets one validation block of a variable.
type secValidationCase struct {
	variable string // the module variable whose validation the case targets
	name     string
	good     map[string]string
	bad      map[string]string
	want     string // part of the expected error message
}

func securityValidationCases(t *testing.T) []secValidationCase {
	t.Helper()
	lambdaStatement := func(effect, actions, resources string) string {
		return fmt.Sprintf(`{ f = { policy_statements = [{ effect = %q, actions = %s, resources = %s }] } }`, effect, actions, resources)
	}
	return []secValidationCase{
		{"project", "project", map[string]string{"project": `"acme-2"`}, map[string]string{"project": `"Acme_Project"`}, "project must be 3-20 characters"},
		{"environment", "environment", map[string]string{"environment": `"staging"`}, map[string]string{"environment": `"prod"`}, "environment must be one of"},
		{"name_suffix", "name_suffix syntax", map[string]string{"name_suffix": `"us-west-2"`}, map[string]string{"name_suffix": `"US_West"`}, "name_suffix must be empty or 1-16 lowercase letters"},
		{"name_suffix", "name_suffix length", map[string]string{"name_suffix": `"dr"`}, map[string]string{"name_suffix": `"standby-us-west"`}, "name_suffix must be empty or 1-16 lowercase letters"},
		{"name_suffix", "name_suffix and Lambda role names",
			map[string]string{"name_suffix": `"standby-dr"`, "lambda_functions": `{ abcdefghijklmnopqrstuvwx = {} }`},
			map[string]string{"name_suffix": `"standby-dr"`, "lambda_functions": `{ abcdefghijklmnopqrstuvwxy = {} }`},
			"name_suffix makes a Lambda role name"},
		{"kms_services", "kms_services names",
			map[string]string{"kms_services": `["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns", "ebs"]`},
			map[string]string{"kms_services": `["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns", "Bad Name"]`},
			"kms_services must be a non-empty set of names"},
		{"kms_services", "kms_services required keys",
			map[string]string{"kms_services": `["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns"]`},
			map[string]string{"kms_services": `["s3", "logs"]`},
			"kms_services must include s3, dynamodb"},
		{"kms_services", "kms_services without audit",
			map[string]string{"kms_services": `["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns", "backup"]`},
			map[string]string{"kms_services": `["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns", "audit"]`},
			"kms_services must not include audit"},
		{"kms_key_layout", "kms_key_layout values", map[string]string{"kms_key_layout": `"shared"`}, map[string]string{"kms_key_layout": `"per-service"`}, "kms_key_layout must be per_service or shared"},
		{"kms_key_layout", "kms_key_layout Sids",
			map[string]string{"kms_key_layout": `"shared"`, "kms_services": `["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns", "ebs-2x", "ebs3x"]`},
			map[string]string{"kms_key_layout": `"shared"`, "kms_services": `["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns", "ebs-2x", "ebs2x"]`},
			"kms_services must stay distinct"},
		{"kms_deletion_window_in_days", "kms_deletion_window_in_days", map[string]string{"kms_deletion_window_in_days": "7"}, map[string]string{"kms_deletion_window_in_days": "45"}, "kms_deletion_window_in_days must be a whole number between 7 and 30"},
		{"kms_key_via_services", "kms_key_via_services keys",
			map[string]string{"kms_key_via_services": `{ secrets = ["secretsmanager", "rds"] }`},
			map[string]string{"kms_key_via_services": `{ ebs = ["ec2"] }`},
			"kms_key_via_services keys must be names listed in kms_services"},
		{"kms_key_via_services", "kms_key_via_services values",
			map[string]string{"kms_key_via_services": `{ logs = [] }`},
			map[string]string{"kms_key_via_services": `{ s3 = ["S3 service"] }`},
			"kms_key_via_services values must be AWS service endpoint prefixes"},
		{"sns_kms_service_principals", "sns_kms_service_principals",
			map[string]string{"sns_kms_service_principals": `["cloudwatch.amazonaws.com", "budgets.amazonaws.com"]`},
			map[string]string{"sns_kms_service_principals": `["cloudwatch"]`},
			"sns_kms_service_principals must be a non-empty list"},
		{"secrets", "secrets names",
			map[string]string{"secrets": `{ "db/reporting-url" = { description = "Reporting database URL." } }`},
			map[string]string{"secrets": `{ "bad name" = { description = "x" } }`},
			"secrets names must be"},
		{"secrets", "secrets descriptions",
			map[string]string{"secrets": `{ token = { description = "A token." } }`},
			map[string]string{"secrets": `{ token = { description = "   " } }`},
			"secrets descriptions must be non-empty"},
		{"secrets", "secrets rotation_lambda_arn",
			map[string]string{"secrets": `{ token = { description = "x", rotation_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate:live" } }`},
			map[string]string{"secrets": `{ token = { description = "x", rotation_lambda_arn = "arn:aws:s3:::rotate" } }`},
			"secrets rotation_lambda_arn must be null or a Lambda function ARN"},
		{"secrets", "secrets rotation_days",
			map[string]string{"secrets": `{ token = { description = "x", rotation_days = 1000 } }`},
			map[string]string{"secrets": `{ token = { description = "x", rotation_days = 0 } }`},
			"secrets rotation_days must be a whole number of days between 1 and 1000"},
		{"secret_recovery_window_in_days", "secret_recovery_window_in_days", map[string]string{"secret_recovery_window_in_days": "0"}, map[string]string{"secret_recovery_window_in_days": "3"}, "secret_recovery_window_in_days must be 0 or a whole number between 7 and 30"},
		{"ecr_repository_names", "ecr_repository_names", map[string]string{"ecr_repository_names": `["candlefish/*"]`}, map[string]string{"ecr_repository_names": `["Candlefish API"]`}, "ecr_repository_names must be ECR repository names"},
		{"ecs_log_group_names", "ecs_log_group_names", map[string]string{"ecs_log_group_names": `["/ecs/candlefish-production/api"]`}, map[string]string{"ecs_log_group_names": `["logs: api"]`}, "ecs_log_group_names must be CloudWatch log group names"},
		{"ecs_execution_secret_arns", "ecs_execution_secret_arns",
			map[string]string{"ecs_execution_secret_arns": `["arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"]`},
			map[string]string{"ecs_execution_secret_arns": `["db-password"]`},
			"ecs_execution_secret_arns must be Secrets Manager secret ARNs"},
		{"ecs_task_secret_arns", "ecs_task_secret_arns",
			map[string]string{"ecs_task_secret_arns": `["arn:aws:secretsmanager:us-west-2:123456789012:secret:api-key-AbCdEf"]`},
			map[string]string{"ecs_task_secret_arns": `["arn:aws:ssm:us-east-1:123456789012:parameter/api-key"]`},
			"ecs_task_secret_arns must be Secrets Manager secret ARNs"},
		{"ecs_task_kms_key_arns", "ecs_task_kms_key_arns",
			map[string]string{"ecs_task_kms_key_arns": `["arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab"]`},
			map[string]string{"ecs_task_kms_key_arns": `["alias/candlefish-production-s3"]`},
			"ecs_task_kms_key_arns must be KMS key ARNs"},
		{"s3_bucket_names", "s3_bucket_names", map[string]string{"s3_bucket_names": `["candlefish.production-data"]`}, map[string]string{"s3_bucket_names": `["Candlefish_Data"]`}, "s3_bucket_names must be S3 bucket names"},
		{"dynamodb_table_names", "dynamodb_table_names", map[string]string{"dynamodb_table_names": `["Sessions_v2.table"]`}, map[string]string{"dynamodb_table_names": `["ab"]`}, "dynamodb_table_names must be DynamoDB table names"},
		{"lambda_functions", "lambda_functions keys", map[string]string{"lambda_functions": `{ thumbnailer = {} }`}, map[string]string{"lambda_functions": `{ Thumbnailer_Function = {} }`}, "lambda_functions keys must be"},
		{"lambda_functions", "lambda_functions function_name",
			map[string]string{"lambda_functions": `{ f = { function_name = "Legacy_Function-1" } }`},
			map[string]string{"lambda_functions": `{ f = { function_name = "legacy function" } }`},
			"lambda_functions function_name must be null or a Lambda function name"},
		{"lambda_functions", "lambda_functions effect and sid",
			map[string]string{"lambda_functions": lambdaStatement("Deny", `["s3:DeleteObject"]`, `["arn:aws:s3:::b/*"]`)},
			map[string]string{"lambda_functions": lambdaStatement("Permit", `["s3:GetObject"]`, `["arn:aws:s3:::b/*"]`)},
			"lambda_functions policy_statements effect must be Allow or Deny"},
		{"lambda_functions", "lambda_functions actions",
			map[string]string{"lambda_functions": lambdaStatement("Allow", `["sqs:SendMessage", "sqs:Get*"]`, `["arn:aws:sqs:us-east-1:123456789012:jobs"]`)},
			map[string]string{"lambda_functions": lambdaStatement("Allow", `["*"]`, `["arn:aws:sqs:us-east-1:123456789012:jobs"]`)},
			"lambda_functions policy_statements actions must be a non-empty list"},
		{"lambda_functions", "lambda_functions resources",
			map[string]string{"lambda_functions": lambdaStatement("Allow", `["cloudwatch:PutMetricData"]`, `["*"]`)},
			map[string]string{"lambda_functions": lambdaStatement("Allow", `["s3:GetObject"]`, `["my-bucket/*"]`)},
			"lambda_functions policy_statements resources must be a non-empty list of ARNs"},
		{"lambda_functions", "lambda_functions whole service on everything",
			map[string]string{"lambda_functions": lambdaStatement("Allow", `["s3:*"]`, `["arn:aws:s3:::candlefish-production-uploads/*"]`)},
			map[string]string{"lambda_functions": lambdaStatement("Allow", `["s3:*"]`, `["*"]`)},
			"must not grant a whole service (<service>:*) on all resources"},
		{"enable_github_oidc", "enable_github_oidc needs a repository",
			map[string]string{"enable_github_oidc": "false", "github_repository": `""`},
			map[string]string{"enable_github_oidc": "true", "github_repository": `""`},
			"enable_github_oidc = true needs github_repository"},
		{"enable_github_oidc", "enable_github_oidc needs a provider",
			map[string]string{"create_github_oidc_provider": "false", "github_oidc_provider_arn": `"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"`},
			map[string]string{"create_github_oidc_provider": "false", "github_oidc_provider_arn": `""`},
			"needs github_oidc_provider_arn"},
		{"github_oidc_provider_arn", "github_oidc_provider_arn",
			map[string]string{"github_oidc_provider_arn": `"arn:aws-us-gov:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"`},
			map[string]string{"github_oidc_provider_arn": `"arn:aws:iam::123456789012:oidc-provider/accounts.google.com"`},
			"github_oidc_provider_arn must be empty or"},
		{"github_repository", "github_repository", map[string]string{"github_repository": `"acme-corp/widgets.js"`}, map[string]string{"github_repository": `"not a repo"`}, "github_repository must be empty or owner/repo"},
		{"github_branch", "github_branch", map[string]string{"github_branch": `"release/v2.1"`}, map[string]string{"github_branch": `"feature/*"`}, "github_branch must be a Git branch name"},
		{"github_branch", "github_branch dots", map[string]string{"github_branch": `"hotfix_1"`}, map[string]string{"github_branch": `"main/../prod"`}, "github_branch must be a Git branch name"},
		{"github_allowed_regions", "github_allowed_regions", map[string]string{"github_allowed_regions": `["eu-west-1", "us-gov-west-1"]`}, map[string]string{"github_allowed_regions": `["mars-1"]`}, "github_allowed_regions must be a non-empty list of AWS region names"},
		{"terraform_state_bucket_name", "terraform_state_bucket_name", map[string]string{"terraform_state_bucket_name": `"acme-terraform-state"`}, map[string]string{"terraform_state_bucket_name": `"Acme_State"`}, "terraform_state_bucket_name must be null or an S3 bucket name"},
		{"terraform_state_lock_table_name", "terraform_state_lock_table_name", map[string]string{"terraform_state_lock_table_name": `"acme-locks"`}, map[string]string{"terraform_state_lock_table_name": `"x"`}, "terraform_state_lock_table_name must be null or a DynamoDB table name"},
		{"terraform_state_kms_key_alias", "terraform_state_kms_key_alias", map[string]string{"terraform_state_kms_key_alias": `"alias/acme/state"`}, map[string]string{"terraform_state_kms_key_alias": `"alias/aws/s3"`}, "terraform_state_kms_key_alias must be null or a customer alias"},
		{"enable_security_groups", "enable_security_groups needs the VPC",
			map[string]string{"enable_security_groups": "false", "vpc_cidr": `""`},
			map[string]string{"enable_security_groups": "true", "vpc_cidr": `""`},
			"enable_security_groups = true needs vpc_id and vpc_cidr"},
		{"vpc_id", "vpc_id", map[string]string{"vpc_id": `"vpc-0123456789abcdef0"`}, map[string]string{"vpc_id": `"vpc-xyz"`}, "vpc_id must be empty or a VPC ID"},
		{"vpc_cidr", "vpc_cidr", map[string]string{"vpc_cidr": `"10.40.0.0/20"`}, map[string]string{"vpc_cidr": `"10.0.0.0/8"`}, "vpc_cidr must be empty or a valid IPv4 CIDR block"},
		{"vpc_cidr", "vpc_cidr syntax", map[string]string{"vpc_cidr": `"172.16.0.0/16"`}, map[string]string{"vpc_cidr": `"10.300.0.0/16"`}, "vpc_cidr must be empty or a valid IPv4 CIDR block"},
		{"app_port", "app_port", map[string]string{"app_port": "3000"}, map[string]string{"app_port": "70000"}, "app_port must be a whole number between 1 and 65535"},
		{"database_port", "database_port", map[string]string{"database_port": "5433"}, map[string]string{"database_port": "0"}, "database_port must be a whole number between 1 and 65535"},
		{"cache_port", "cache_port", map[string]string{"cache_port": "6380"}, map[string]string{"cache_port": "6379.5"}, "cache_port must be a whole number between 1 and 65535"},
		{"app_egress_https_cidr_blocks", "app_egress_https_cidr_blocks", map[string]string{"app_egress_https_cidr_blocks": `["198.51.100.0/24", "192.0.2.10/32"]`}, map[string]string{"app_egress_https_cidr_blocks": `["0.0.0.0/0"]`}, "app_egress_https_cidr_blocks must be IPv4 CIDR blocks"},
		{"waf_rate_limit", "waf_rate_limit", map[string]string{"waf_rate_limit": "100"}, map[string]string{"waf_rate_limit": "5"}, "waf_rate_limit must be a whole number between 10 and 2000000000"},
		{"waf_log_retention_days", "waf_log_retention_days", map[string]string{"waf_log_retention_days": "365"}, map[string]string{"waf_log_retention_days": "10"}, "waf_log_retention_days must be one of"},
		{"waf_common_rule_set_count_rules", "waf_common_rule_set_count_rules", map[string]string{"waf_common_rule_set_count_rules": `["NoUserAgent_HEADER"]`}, map[string]string{"waf_common_rule_set_count_rules": `["no user agent"]`}, "waf_common_rule_set_count_rules must be rule names"},
		{"audit_log_retention_days", "audit_log_retention_days", map[string]string{"audit_log_retention_days": "180"}, map[string]string{"audit_log_retention_days": "90"}, "audit_log_retention_days must be a whole number between 180 and 3653"},
		{"guardduty_finding_publishing_frequency", "guardduty_finding_publishing_frequency", map[string]string{"guardduty_finding_publishing_frequency": `"ONE_HOUR"`}, map[string]string{"guardduty_finding_publishing_frequency": `"DAILY"`}, "guardduty_finding_publishing_frequency must be one of"},
		{"guardduty_features", "guardduty_features", map[string]string{"guardduty_features": `["S3_DATA_EVENTS"]`}, map[string]string{"guardduty_features": `["S3_DATA_EVENTS", "MAGIC"]`}, "guardduty_features must contain only"},
		{"guardduty_features", "guardduty_features runtime monitoring",
			map[string]string{"guardduty_features": `["EKS_RUNTIME_MONITORING"]`},
			map[string]string{"guardduty_features": `["EKS_RUNTIME_MONITORING", "RUNTIME_MONITORING"]`},
			"guardduty_features may contain EKS_RUNTIME_MONITORING or RUNTIME_MONITORING, not both"},
		{"config_rules", "config_rules", map[string]string{"config_rules": `["restricted-ssh"]`}, map[string]string{"config_rules": `["restricted-ssh", "no-such-rule"]`}, "config_rules must contain only"},
		{"config_recording_frequency", "config_recording_frequency", map[string]string{"config_recording_frequency": `"DAILY"`}, map[string]string{"config_recording_frequency": `"HOURLY"`}, "config_recording_frequency must be one of"},
	}
}

// Every validation block of the module has at least one case above, so that
// a new validation cannot go untested.
func TestSecurityEveryValidationIsTested(t *testing.T) {
	m := envtest.Dir(t, securityExample, nil)
	cases := map[string]int{}
	for _, tc := range securityValidationCases(t) {
		cases[tc.variable]++
	}
	blocks := 0
	for dir, d := range m.Dirs {
		if !strings.HasSuffix(dir, "/modules/security") {
			continue
		}
		for name, v := range d.Variables {
			blocks += len(v.Validations)
			if n := len(v.Validations); cases[name] < n {
				t.Errorf("variable %s has %d validation blocks but %d cases in securityValidationCases", name, n, cases[name])
			}
			delete(cases, name)
		}
	}
	if blocks == 0 {
		t.Fatal("no validation blocks found in the security module")
	}
	for name := range cases {
		t.Errorf("securityValidationCases names %q, which is not a variable of the security module", name)
	}
}

// secSharedKMSFile switches the example to dev's key layout: one key shared by
// every service (kms_key_layout = "shared", nine services).
const secSharedKMSFile = securityExample + "/shared-kms.tfvars"

// secSharedKMS evaluates the example with shared-kms.tfvars, then overrides.
func secSharedKMS(t *testing.T, overrides map[string]string) *model.Model {
	t.Helper()
	path := filepath.Join(envtest.Repo(t), secSharedKMSFile)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	vars := map[string]string{}
	for name, a := range f.Body.(*hclsyntax.Body).Attributes {
		vars[name] = string(a.Expr.Range().SliceBytes(src))
	}
	if vars["kms_key_layout"] != `"shared"` {
		t.Fatalf("%s does not set kms_key_layout = \"shared\": %v", secSharedKMSFile, vars)
	}
	for k, v := range overrides {
		vars[k] = v
	}
	return envtest.Dir(t, securityExample, vars)
}

// secKMSServices returns the kms_services the module was called with, sorted.
func secKMSServices(t *testing.T, m *model.Model) []string {
	t.Helper()
	for _, mi := range m.Modules {
		if mi.Address == securityModule {
			s := secStrings(mi.Inputs["kms_services"])
			sort.Strings(s)
			if len(s) == 0 {
				t.Fatalf("%s: no kms_services input: %v", securityModule, mi.Inputs["kms_services"])
			}
			return s
		}
	}
	t.Fatalf("%s not found", securityModule)
	return nil
}

// secKMSEval evaluates expressions of the security module as Terraform's plan
// would, for what the offline model cannot tell: which key instance an alias
// or an output names. The ARNs and key IDs are only known after apply, so
// aws_kms_key.this holds the instances the model has, with made-up ARNs
// ("arn-of-<key>") and IDs ("id-of-<key>"); indexing an instance that does
// not exist fails, as it would fail the plan. Variables are the module's
// inputs; locals are evaluated from their expressions, on demand.
type secKMSEval struct {
	t      *testing.T
	m      *model.Model
	dir    *model.ModuleDir
	inputs map[string]any
	keys   cty.Value
	locals map[string]cty.Value
}

func newSecKMSEval(t *testing.T, m *model.Model) *secKMSEval {
	t.Helper()
	e := &secKMSEval{t: t, m: m, locals: map[string]cty.Value{}}
	for _, mi := range m.Modules {
		if mi.Address == securityModule {
			e.dir, e.inputs = m.Dirs[mi.Dir], mi.Inputs
		}
	}
	if e.dir == nil {
		t.Fatalf("%s not found", securityModule)
	}
	keys := map[string]cty.Value{}
	for _, k := range secNamed(m, "aws_kms_key", "this") {
		if k.Name != "this" {
			continue
		}
		name := fmt.Sprint(k.Index)
		keys[name] = cty.ObjectVal(map[string]cty.Value{
			"arn":    cty.StringVal("arn-of-" + name),
			"key_id": cty.StringVal("id-of-" + name),
		})
	}
	if len(keys) == 0 {
		t.Fatal("no aws_kms_key.this instances")
	}
	e.keys = cty.MapVal(keys)
	return e
}

// variable converts the module's input (or the variable's default) to its type.
func (e *secKMSEval) variable(name string) cty.Value {
	e.t.Helper()
	v := e.dir.Variables[name]
	if v == nil {
		e.t.Fatalf("var.%s is not declared", name)
	}
	in, ok := e.inputs[name]
	if !ok {
		if !v.HasDefault {
			e.t.Fatalf("var.%s has neither an input nor a default", name)
		}
		return v.Default
	}
	raw, err := json.Marshal(in)
	if err != nil {
		e.t.Fatal(err)
	}
	val, err := ctyjson.Unmarshal(raw, v.Type)
	if err != nil {
		e.t.Fatalf("var.%s = %s: %v", name, raw, err)
	}
	return val
}

// local evaluates a local value of the module.
func (e *secKMSEval) local(name string) cty.Value {
	e.t.Helper()
	if v, ok := e.locals[name]; ok {
		return v
	}
	for _, body := range e.dir.Files {
		for _, b := range body.Blocks {
			if a, ok := b.Body.Attributes[name]; ok && b.Type == "locals" {
				v := e.eval(a.Expr, nil)
				e.locals[name] = v
				return v
			}
		}
	}
	e.t.Fatalf("local.%s is not declared in the security module", name)
	return cty.NilVal
}

// eval evaluates an expression of the module; each holds each.key and
// each.value where the expression is in a for_each block.
func (e *secKMSEval) eval(expr hclsyntax.Expression, each map[string]cty.Value) cty.Value {
	e.t.Helper()
	vars, locals := map[string]cty.Value{}, map[string]cty.Value{}
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}}
	for _, tr := range expr.Variables() {
		steps := model.AttrSteps(tr)
		switch root := tr.RootName(); {
		case root == "var" && len(steps) > 0:
			vars[steps[0]] = e.variable(steps[0])
		case root == "local" && len(steps) > 0:
			locals[steps[0]] = e.local(steps[0])
		case root == "each" && each != nil:
			ctx.Variables["each"] = cty.ObjectVal(each)
		case root == "aws_kms_key" && len(steps) > 0 && steps[0] == "this":
			ctx.Variables["aws_kms_key"] = cty.ObjectVal(map[string]cty.Value{"this": e.keys})
		default:
			e.t.Fatalf("%s: cannot evaluate a reference to %s offline", expr.Range(), root)
		}
	}
	ctx.Variables["var"] = cty.ObjectVal(vars)
	ctx.Variables["local"] = cty.ObjectVal(locals)
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		e.t.Fatalf("%s: %v", expr.Range(), diags)
	}
	return v
}

// attr evaluates an attribute of a resource block of the module.
func (e *secKMSEval) attr(resource, name string, each map[string]cty.Value) cty.Value {
	e.t.Helper()
	b := e.dir.Resources[resource]
	if b == nil || b.Body.Attributes[name] == nil {
		e.t.Fatalf("%s.%s is not in the security module", resource, name)
	}
	return e.eval(b.Body.Attributes[name].Expr, each)
}

// output evaluates the value of an output of the module, as a map of strings.
func (e *secKMSEval) output(name string) map[string]string {
	e.t.Helper()
	for _, body := range e.dir.Files {
		for _, b := range body.Blocks {
			if b.Type == "output" && len(b.Labels) == 1 && b.Labels[0] == name {
				out := map[string]string{}
				for k, v := range e.eval(b.Body.Attributes["value"].Expr, nil).AsValueMap() {
					out[k] = v.AsString()
				}
				return out
			}
		}
	}
	e.t.Fatalf("output %s is not in the security module", name)
	return nil
}

// Every alias, output and consumer of a service's key names the right key
// instance: the service's own key per service, the shared key otherwise.
// (The offline evaluation cannot tell: every ARN and key ID is unknown, and
// an index into a missing instance evaluates to unknown too, where Terraform's
// plan fails.)
func TestSecurityKMSKeyOfEachService(t *testing.T) {
	for _, tc := range []struct {
		layout string
		load   func(t *testing.T) *model.Model
		key    func(service string) string
	}{
		{"per_service", func(t *testing.T) *model.Model { return envtest.Dir(t, securityExample, nil) }, func(s string) string { return s }},
		{"shared", func(t *testing.T) *model.Model { return secSharedKMS(t, nil) }, func(string) string { return "shared" }},
	} {
		t.Run(tc.layout, func(t *testing.T) {
			m := tc.load(t)
			services := secKMSServices(t, m)
			e := newSecKMSEval(t, m)

			want := map[string]string{}
			for _, s := range services {
				want[s] = tc.key(s)
			}
			var keys []string
			for k := range e.keys.AsValueMap() {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			var wantKeys []string
			for _, k := range want {
				if !secContains(wantKeys, k) {
					wantKeys = append(wantKeys, k)
				}
			}
			sort.Strings(wantKeys)
			if fmt.Sprint(keys) != fmt.Sprint(wantKeys) {
				t.Errorf("aws_kms_key.this instances %v, want %v", keys, wantKeys)
			}

			aliases := map[string]bool{}
			for _, a := range secManaged(m, "aws_kms_alias") {
				if a.Name != "this" {
					continue
				}
				s := fmt.Sprint(a.Index)
				aliases[s] = true
				got := e.attr("aws_kms_alias.this", "target_key_id", map[string]cty.Value{"key": cty.StringVal(s), "value": cty.StringVal(s)})
				if got.AsString() != "id-of-"+want[s] {
					t.Errorf("%s targets %s, want the key %q", a.Address, got.AsString(), want[s])
				}
				if !secContains(a.References, securityModule+".aws_kms_key.this") {
					t.Errorf("%s does not refer to aws_kms_key.this: %v", a.Address, a.References)
				}
			}
			for _, s := range services {
				if !aliases[s] {
					t.Errorf("no alias for %s", s)
				}
			}
			if len(aliases) != len(services) {
				t.Errorf("%d aliases for %d services", len(aliases), len(services))
			}

			for out, prefix := range map[string]string{"kms_key_arns": "arn-of-", "kms_key_ids": "id-of-"} {
				got := e.output(out)
				if len(got) != len(services) {
					t.Errorf("output %s has %d services, want %d: %v", out, len(got), len(services), got)
				}
				for _, s := range services {
					if got[s] != prefix+want[s] {
						t.Errorf("output %s[%q] = %q, want %s%s", out, s, got[s], prefix, want[s])
					}
				}
			}

			// The module's own consumers: the secrets, the WAF log groups.
			if got := e.local("secrets_kms_key_arn").AsString(); got != "arn-of-"+want["secrets"] {
				t.Errorf("secrets are encrypted with %s, want the key %q", got, want["secrets"])
			}
			if got := e.attr("aws_cloudwatch_log_group.waf", "kms_key_id", map[string]cty.Value{"key": cty.StringVal("regional")}).AsString(); got != "arn-of-"+want["logs"] {
				t.Errorf("WAF log groups are encrypted with %s, want the key %q", got, want["logs"])
			}
		})
	}
}

// Nothing in the module indexes aws_kms_key.this but through local.kms_key_of
// (a service's key), and nothing iterates over it: aws_kms_key.this["logs"]
// does not exist in the shared layout, and iterating over the keys would give
// one entry, "shared", instead of one per service.
func TestSecurityKMSKeysOnlyThroughTheirService(t *testing.T) {
	m := envtest.Dir(t, securityExample, nil)
	e := newSecKMSEval(t, m)
	isKeys := func(x hclsyntax.Expression) bool {
		st, ok := x.(*hclsyntax.ScopeTraversalExpr)
		return ok && len(st.Traversal) == 2 && st.Traversal.RootName() == "aws_kms_key" && fmt.Sprint(model.AttrSteps(st.Traversal)) == "[this]"
	}
	var bad []string
	refs := 0
	for path, body := range e.dir.Files {
		allowed := map[hclsyntax.Expression]bool{}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		_ = hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
			if ix, ok := n.(*hclsyntax.IndexExpr); ok && isKeys(ix.Collection) {
				if strings.HasPrefix(string(ix.Key.Range().SliceBytes(src)), "local.kms_key_of[") {
					allowed[ix.Collection] = true
				}
			}
			return nil
		})
		_ = hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
			st, ok := n.(*hclsyntax.ScopeTraversalExpr)
			if !ok || st.Traversal.RootName() != "aws_kms_key" || len(st.Traversal) < 2 {
				return nil
			}
			if steps := model.AttrSteps(st.Traversal); len(steps) == 0 || steps[0] != "this" {
				return nil
			}
			refs++
			if !allowed[st] {
				bad = append(bad, fmt.Sprintf("%s: %s", st.Range(), st.Range().SliceBytes(src)))
			}
			return nil
		})
	}
	if refs == 0 {
		t.Fatal("no reference to aws_kms_key.this found in the security module")
	}
	for _, b := range bad {
		t.Errorf("%s: use local.kms_key_arns[<service>] (or index aws_kms_key.this with local.kms_key_of[<service>])", b)
	}
}

// secSid is the Sid suffix of a service's statements in the shared key's
// policy: the service's name, capitalised, without hyphens.
func secSid(service string) string {
	var b strings.Builder
	for _, part := range strings.Split(service, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// secConditionVariables lists a statement's condition variables, sorted.
func secConditionVariables(st map[string]any) []string {
	var out []string
	for _, c := range secList(st["condition"]) {
		if cm, ok := c.(map[string]any); ok {
			out = append(out, fmt.Sprint(cm["variable"]))
		}
	}
	sort.Strings(out)
	return out
}

// secPolicyJSON renders a policy document's statements as the IAM JSON the
// provider produces (indented), with every value only known after apply
// replaced by 64 characters, more than any ARN, region or account it stands for.
func secPolicyJSON(t *testing.T, doc *model.Resource) []byte {
	t.Helper()
	known := func(v any) any {
		if model.IsUnknown(v) || v == model.UnknownText {
			return strings.Repeat("x", 64)
		}
		return v
	}
	var statements []map[string]any
	for _, s := range secList(doc.Values["statement"]) {
		st := s.(map[string]any)
		out := map[string]any{"Sid": st["sid"], "Effect": st["effect"], "Action": st["actions"], "Resource": st["resources"]}
		principals := map[string][]any{}
		for _, p := range secList(st["principals"]) {
			pm := p.(map[string]any)
			for _, id := range secList(pm["identifiers"]) {
				principals[fmt.Sprint(pm["type"])] = append(principals[fmt.Sprint(pm["type"])], known(id))
			}
		}
		out["Principal"] = principals
		conditions := map[string]map[string][]any{}
		for _, c := range secList(st["condition"]) {
			cm := c.(map[string]any)
			test := fmt.Sprint(cm["test"])
			if conditions[test] == nil {
				conditions[test] = map[string][]any{}
			}
			for _, v := range secList(cm["values"]) {
				conditions[test][fmt.Sprint(cm["variable"])] = append(conditions[test][fmt.Sprint(cm["variable"])], known(v))
			}
		}
		if len(conditions) > 0 {
			out["Condition"] = conditions
		}
		statements = append(statements, out)
	}
	b, err := json.MarshalIndent(map[string]any{"Version": "2012-10-17", "Statement": statements}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// kms_key_layout = "shared" (shared-kms.tfvars, dev's nine services): one key,
// rotated, with the deletion window given, an alias per service, a clean gate;
// its policy is every service's statements, each with a Sid of its own and
// only its own service's conditions.
func TestSecurityKMSSharedKey(t *testing.T) {
	// secrets through two services: the values of one statement's
	// kms:ViaService must not leak into another's.
	m := secSharedKMS(t, map[string]string{"kms_key_via_services": `{ ebs = ["ec2"], secrets = ["secretsmanager", "rds"] }`})
	if fs := envtest.ValidationFailures(m); len(fs) > 0 {
		t.Fatalf("validation failures: %v", fs)
	}
	if fs := envtest.Findings(m); len(fs) > 0 {
		t.Errorf("findings: %v", fs)
	}
	services := secKMSServices(t, m)
	if len(services) != 9 {
		t.Fatalf("kms_services %v, want dev's nine (shared-kms.tfvars)", services)
	}

	keys := secNamed(m, "aws_kms_key", "this")
	if len(keys) != 1 || keys[0].Index != "shared" {
		t.Fatalf("keys %v, want exactly one, aws_kms_key.this[\"shared\"]", keys)
	}
	key := keys[0]
	if key.Values["enable_key_rotation"] != true || key.Values["deletion_window_in_days"] != int64(7) {
		t.Errorf("%s: rotation %v, deletion window %v; want true and kms_deletion_window_in_days = 7", key.Address, key.Values["enable_key_rotation"], key.Values["deletion_window_in_days"])
	}
	if n := len(secManaged(m, "aws_kms_key")); n != 2 {
		t.Errorf("%d KMS keys, want the shared key and the audit key", n)
	}
	for _, s := range services {
		if d := fmt.Sprint(key.Values["description"]); !strings.Contains(d, s) {
			t.Errorf("%s: description %q does not name %s", key.Address, d, s)
		}
	}
	var aliases []string
	for _, a := range secManaged(m, "aws_kms_alias") {
		if a.Name == "this" {
			aliases = append(aliases, fmt.Sprint(a.Values["name"]))
			if a.Values["target_key_id"] == nil {
				t.Errorf("%s has no target_key_id", a.Address)
			}
		}
	}
	sort.Strings(aliases)
	var want []string
	for _, s := range services {
		want = append(want, "alias/candlefish-production-"+s)
	}
	if fmt.Sprint(aliases) != fmt.Sprint(want) {
		t.Errorf("aliases %v, want %v", aliases, want)
	}

	docs := secData(m, "aws_iam_policy_document")
	var doc *model.Resource
	for _, d := range docs {
		if d.Name == "kms" {
			if doc != nil || d.Index != "shared" {
				t.Fatalf("key policies %v, want only data.aws_iam_policy_document.kms[\"shared\"]", d.Address)
			}
			doc = d
		}
	}
	if doc == nil {
		t.Fatal("no key policy for the shared key")
	}

	sids := map[string]int{}
	for _, s := range secList(doc.Values["statement"]) {
		st := s.(map[string]any)
		sid := fmt.Sprint(st["sid"])
		sids[sid]++
		if !regexp.MustCompile(`^[A-Za-z0-9]+$`).MatchString(sid) {
			t.Errorf("Sid %q is not alphanumeric", sid)
		}
		for _, a := range secStrings(st["actions"]) {
			if a == "*" || a == "kms:*" {
				t.Errorf("%s grants %s", sid, a)
			}
		}
		if sid != "AccountAdministersTheKey" && len(secList(st["condition"])) == 0 {
			t.Errorf("%s has no condition: only the administration statement may", sid)
		}
	}
	for sid, n := range sids {
		if n > 1 {
			t.Errorf("Sid %s appears %d times", sid, n)
		}
	}

	via := map[string]int{"aurora": 1, "dynamodb": 1, "ebs": 1, "elasticache": 1, "kinesis": 1, "s3": 1, "secrets": 2, "sns": 1}
	for _, s := range services {
		use, grants := "AccountUsesTheKeyThroughItsService"+secSid(s), "AccountGrantsTheKeyToItsServiceResources"+secSid(s)
		if s == "logs" {
			// CloudWatch Logs uses the key as a service principal only.
			if sids[use]+sids[grants] != 0 {
				t.Errorf("the account may use the key through the logs service: %v", sids)
			}
			continue
		}
		st := secStatement(t, doc, use)
		if got := fmt.Sprint(secConditionVariables(st)); got != "[kms:CallerAccount kms:ViaService]" {
			t.Errorf("%s: conditions on %s, want kms:CallerAccount and kms:ViaService", use, got)
		}
		if n := len(secCondition(st, "kms:ViaService")); n != via[s] {
			t.Errorf("%s: %d kms:ViaService values, want %s's own %d", use, n, s, via[s])
		}
		if fmt.Sprint(st["actions"]) != "[kms:Decrypt kms:DescribeKey kms:Encrypt kms:GenerateDataKey* kms:ReEncrypt*]" {
			t.Errorf("%s: actions %v", use, st["actions"])
		}
		st = secStatement(t, doc, grants)
		if got := fmt.Sprint(secConditionVariables(st)); got != "[kms:GrantIsForAWSResource kms:ViaService]" {
			t.Errorf("%s: conditions on %s, want kms:GrantIsForAWSResource and kms:ViaService", grants, got)
		}
		if n := len(secCondition(st, "kms:ViaService")); n != via[s] {
			t.Errorf("%s: %d kms:ViaService values, want %s's own %d", grants, n, s, via[s])
		}
	}

	st := secStatement(t, doc, "AllowCloudWatchLogsInThisAccount")
	if len(secCondition(st, "kms:EncryptionContext:aws:logs:arn")) != 1 {
		t.Errorf("CloudWatch Logs is not limited to the account's log groups: %v", st["condition"])
	}
	st = secStatement(t, doc, "AllowCloudFrontToReadAssets")
	if fmt.Sprint(st["actions"]) != "[kms:Decrypt]" || len(secCondition(st, "aws:SourceArn")) != 1 {
		t.Errorf("CloudFront: actions %v, conditions %v; want kms:Decrypt for this account's distributions", st["actions"], st["condition"])
	}
	st = secStatement(t, doc, "AllowAlarmsAndEventsToPublish")
	if len(secCondition(st, "aws:SourceAccount")) != 1 {
		t.Errorf("the SNS publishers are not limited by aws:SourceAccount: %v", st["condition"])
	}
	admin := secStatement(t, doc, "AccountAdministersTheKey")
	for _, a := range secStrings(admin["actions"]) {
		if a == "kms:Decrypt" || a == "kms:CreateGrant" || strings.HasPrefix(a, "kms:GenerateDataKey") {
			t.Errorf("the administration statement grants %s", a)
		}
	}
	// The administration statement, two per service but logs, CloudWatch
	// Logs, CloudFront and the SNS publishers.
	if n, want := len(sids), 1+2*(len(services)-1)+3; n != want {
		t.Errorf("%d statements, want %d", n, want)
	}
	if w := envtest.WildcardStatements(m); len(w) > 0 {
		t.Errorf("statements allowing * on *: %v", w)
	}

	size := len(secPolicyJSON(t, doc))
	t.Logf("shared key policy for %d services: about %d bytes", len(services), size)
	if size > 32768 {
		t.Errorf("the shared key policy is about %d bytes, over KMS's 32 KB", size)
	}
}

// kms_key_layout = "per_service" (the example's, and the default) keeps a key
// per service with its own policy and plain Sids; the shared layout leaves no
// per-service key behind.
func TestSecurityKMSLayouts(t *testing.T) {
	for _, tc := range []struct {
		name      string
		load      func(t *testing.T) *model.Model
		perKey    bool
		wantSids  string
		notSidFor string
	}{
		{"per_service", func(t *testing.T) *model.Model { return envtest.Dir(t, securityExample, nil) }, true, "AccountUsesTheKeyThroughItsService", ""},
		{"per_service with dev's services", func(t *testing.T) *model.Model {
			return secSharedKMS(t, map[string]string{"kms_key_layout": `"per_service"`})
		}, true, "AccountUsesTheKeyThroughItsService", ""},
		{"default", func(t *testing.T) *model.Model {
			return envtest.Dir(t, securityExample, map[string]string{"kms_key_layout": "null"})
		}, true, "AccountUsesTheKeyThroughItsService", ""},
		{"shared", func(t *testing.T) *model.Model { return secSharedKMS(t, nil) }, false, "AccountUsesTheKeyThroughItsServiceS3", "AccountUsesTheKeyThroughItsService"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.load(t)
			if fs := envtest.ValidationFailures(m); len(fs) > 0 {
				t.Fatalf("validation failures: %v", fs)
			}
			services := secKMSServices(t, m)
			keys := secNamed(m, "aws_kms_key", "this")
			policies := 0
			for _, d := range secData(m, "aws_iam_policy_document") {
				if d.Name == "kms" {
					policies++
				}
			}
			want := 1
			if tc.perKey {
				want = len(services)
			}
			if len(keys) != want || policies != want {
				t.Fatalf("%d keys and %d key policies for %d services, want %d", len(keys), policies, len(services), want)
			}
			for _, k := range keys {
				if k.Values["enable_key_rotation"] != true {
					t.Errorf("%s: no rotation", k.Address)
				}
				if tc.perKey {
					if k.Values["description"] != fmt.Sprintf("candlefish-production %v encryption key", k.Index) {
						t.Errorf("%s: description %v", k.Address, k.Values["description"])
					}
					if tags, _ := k.Values["tags"].(map[string]any); tags["Service"] != k.Index {
						t.Errorf("%s: Service tag %v", k.Address, tags["Service"])
					}
				}
			}
			doc := secOne(t, m, fmt.Sprintf(`data.aws_iam_policy_document.kms[%q]`, map[bool]string{true: "s3", false: "shared"}[tc.perKey]))
			secStatement(t, doc, tc.wantSids)
			if tc.notSidFor != "" {
				for _, s := range secList(doc.Values["statement"]) {
					if s.(map[string]any)["sid"] == tc.notSidFor {
						t.Errorf("the shared policy has an unsuffixed %s", tc.notSidFor)
					}
				}
			}
			if tc.perKey {
				// Each key's policy names its own service only.
				for _, s := range services {
					d := secOne(t, m, fmt.Sprintf(`data.aws_iam_policy_document.kms[%q]`, s))
					n := len(secList(d.Values["statement"]))
					wantN := map[string]int{"logs": 2, "s3": 4, "sns": 4}[s]
					if wantN == 0 {
						wantN = 3
					}
					if n != wantN {
						t.Errorf("%s key policy: %d statements, want %d", s, n, wantN)
					}
				}
			}
		})
	}
}
