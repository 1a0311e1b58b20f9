package cost

import (
	"fmt"
	"strings"
)

func init() {
	register("KMS", priceKMSKey, "aws_kms_key", "aws_kms_replica_key")
	register("Secrets Manager", priceSecret, "aws_secretsmanager_secret")
	register("WAF", priceWebACL, "aws_wafv2_web_acl")
	register("CloudTrail", priceCloudTrail, "aws_cloudtrail")
	register("Config", priceConfigRecorder, "aws_config_configuration_recorder")
	register("Config", priceConfigRule, "aws_config_config_rule")
	register("GuardDuty", priceGuardDuty, "aws_guardduty_detector")
	register("GuardDuty", priceGuardDutyFeature, "aws_guardduty_detector_feature")
}

func priceKMSKey(e *engine, b *builder) {
	b.line("customer managed key", "kms_key", 1)
	spec := b.text("customer_master_key_spec")
	if s := b.text("key_spec"); s != "" {
		spec = s
	}
	if spec != "" && spec != "SYMMETRIC_DEFAULT" {
		b.noPrice("monthly_requests", "requests to a "+spec+" key")
	} else {
		b.usageLine("requests", "kms_requests", "monthly_requests", perK(10000))
	}
	if rot, _ := boolean(b.r.Values["enable_key_rotation"]); rot {
		e.assume("", "KMS automatic rotation: the first and second rotations of a key each add $1/month from the year they happen; cfctl prices a key's first year ($1/month).")
	}
}

func priceSecret(e *engine, b *builder) {
	b.line("secret", "secretsmanager_secret", 1)
	b.unknownBlocks("replica", "replica secrets")
	if n := len(blocks(b.r.Values["replica"])); n > 0 {
		b.line("replica secrets", "secretsmanager_secret", float64(n)).Note = fmt.Sprintf("%d replica region(s)", n)
	}
	b.usageLine("API calls", "secretsmanager_api", "monthly_requests", perK(10000))
}

// extraFeeRuleGroups are AWS managed rule groups with fees of their own.
var extraFeeRuleGroups = []string{"AWSManagedRulesBotControlRuleSet", "AWSManagedRulesATPRuleSet", "AWSManagedRulesACFPRuleSet", "AWSManagedRulesAntiDDoSRuleSet"}

func priceWebACL(e *engine, b *builder) {
	b.line("web ACL", "waf_acl", 1)
	if b.unknownValue("rule", "rules and rule groups") {
		return
	}
	rules := blocks(b.r.Values["rule"])
	extra := 0.0
	for _, k := range []string{"rule_group_rules", "managed_rule_group_rules"} {
		if v, ok := b.use(k); ok {
			extra += v
		}
	}
	l := b.line("rules and rule groups", "waf_rule", float64(len(rules))+extra)
	l.Note = fmt.Sprintf("%d rule block(s)", len(rules))
	if extra > 0 {
		l.Note += fmt.Sprintf(" + %s from the usage file", trimFloat(extra))
		l.UsageKey = "rule_group_rules"
	}
	for _, r := range rules {
		stmt := first(r["statement"])
		mg := first(stmt["managed_rule_group_statement"])
		name, _ := str(mg["name"])
		for _, paid := range extraFeeRuleGroups {
			if name == paid {
				b.unpricedComponent(name+" fees", "this managed rule group has subscription and request fees that prices.tsv lacks")
			}
		}
	}
	b.usageLine("requests", "waf_requests", "monthly_requests", perMillion)
}

// dataEvents reports whether a trail records data events.
func dataEvents(b *builder) bool {
	for _, s := range blocks(b.r.Values["event_selector"]) {
		if len(blocks(s["data_resource"])) > 0 {
			return true
		}
	}
	for _, s := range blocks(b.r.Values["advanced_event_selector"]) {
		for _, f := range blocks(s["field_selector"]) {
			if field, _ := str(f["field"]); field == "eventCategory" {
				if eq, ok := f["equals"].([]any); ok {
					for _, v := range eq {
						if v == "Data" {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

func priceCloudTrail(e *engine, b *builder) {
	// The first copy of management events in a region costs nothing.
	b.line("management events, first copy", "cloudtrail_management_first", 0).Note = "free"
	if dataEvents(b) {
		b.usageLine("data events", "cloudtrail_data_events", "monthly_data_events", perK(100000))
	} else if v, ok := b.use("monthly_data_events"); ok && v > 0 {
		b.note("monthly_data_events is ignored: the trail has no data event selectors")
	}
	b.noPrice("monthly_additional_management_events", "additional copies of management events")
	if len(blocks(b.r.Values["insight_selector"])) > 0 {
		b.unpricedComponent("Insights events", "prices.tsv has no CloudTrail Insights price")
	}
}

func priceConfigRecorder(e *engine, b *builder) {
	if rm := first(b.r.Values["recording_mode"]); rm != nil {
		if f, _ := str(rm["recording_frequency"]); f == "DAILY" {
			b.unpricedComponent("configuration items", "periodic (DAILY) recording: prices.tsv has the continuous recording price only")
			return
		}
	}
	b.usageLine("configuration items", "config_item", "monthly_config_items", identity)
	if _, ok := b.use("monthly_custom_config_items"); ok {
		b.usageLine("custom configuration items", "config_item", "monthly_custom_config_items", identity)
	}
}

func priceConfigRule(e *engine, b *builder) {
	b.usageLine("rule evaluations", "config_rule_evaluation", "monthly_rule_evaluations", identity)
}

func priceGuardDuty(e *engine, b *builder) {
	if enabled, ok := boolean(b.r.Values["enable"]); ok && !enabled {
		b.note("enable = false: the detector is suspended and analyses nothing")
		return
	}
	b.usageLine("CloudTrail management events analysed", "guardduty_management_events", "monthly_cloudtrail_management_events", perMillion)
	b.usageLine("VPC flow and DNS logs analysed", "guardduty_flow_dns_logs", "monthly_vpc_flow_dns_logs_gb", identity)
	e.assume("", "GuardDuty: the first-tier prices apply to all volume (the tiers below them only lower the cost of very large volumes).")
}

func priceGuardDutyFeature(e *engine, b *builder) {
	status := b.text("status")
	name := b.text("name")
	if !strings.EqualFold(status, "ENABLED") {
		return
	}
	b.unpricedComponent("GuardDuty feature "+name, "prices.tsv has no price for GuardDuty protection plans")
}
