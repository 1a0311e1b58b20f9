# WAF v2 web ACLs: one for CloudFront (scope CLOUDFRONT, which AWS only
# accepts in us-east-1, the primary region) and one for the regional load
# balancer. Both run the same rules:
#
#   10  AWSManagedRulesAmazonIpReputationList   known bad sources
#   20  rate limit                              per client IP, 5 minutes
#   30  AWSManagedRulesCommonRuleSet            OWASP-style protections
#   40  AWSManagedRulesKnownBadInputsRuleSet    exploit payloads (Log4j, ...)
#
# and log to CloudWatch log groups named aws-waf-logs-*, encrypted with the
# logs key, with the Authorization and Cookie headers redacted.

locals {
  waf_scopes = {
    for k, v in { cloudfront = "CLOUDFRONT", regional = "REGIONAL" } : k => v if var.enable_waf
  }

  waf_managed_rule_groups = {
    AWSManagedRulesAmazonIpReputationList = 10
    AWSManagedRulesCommonRuleSet          = 30
    AWSManagedRulesKnownBadInputsRuleSet  = 40
  }
}

resource "aws_wafv2_web_acl" "this" {
  for_each = local.waf_scopes

  name        = "${local.name_prefix}-${each.key}"
  description = "${local.name_prefix} ${each.key} web ACL"
  scope       = each.value

  default_action {
    allow {}
  }

  dynamic "rule" {
    for_each = local.waf_managed_rule_groups

    content {
      name     = rule.key
      priority = rule.value

      override_action {
        none {}
      }

      statement {
        managed_rule_group_statement {
          name        = rule.key
          vendor_name = "AWS"

          # Rules of the common rule set that only count (false positives).
          dynamic "rule_action_override" {
            for_each = rule.key == "AWSManagedRulesCommonRuleSet" ? toset(var.waf_common_rule_set_count_rules) : toset([])

            content {
              name = rule_action_override.value

              action_to_use {
                count {}
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${local.name_prefix}-${each.key}-${rule.key}"
        sampled_requests_enabled   = true
      }
    }
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 20

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = var.waf_rate_limit
        aggregate_key_type    = "IP"
        evaluation_window_sec = 300
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.name_prefix}-${each.key}-rate-limit-per-ip"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${local.name_prefix}-${each.key}"
    sampled_requests_enabled   = true
  }

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-${each.key}"
  })

  lifecycle {
    precondition {
      condition     = each.value != "CLOUDFRONT" || local.region == "us-east-1"
      error_message = "A CLOUDFRONT web ACL can only be created in us-east-1: give the module a provider in us-east-1, or set enable_waf = false."
    }
  }
}

resource "aws_cloudwatch_log_group" "waf" {
  for_each = local.waf_scopes

  # WAF only logs to groups whose names start with aws-waf-logs-.
  name              = "aws-waf-logs-${local.name_prefix}-${each.key}"
  retention_in_days = var.waf_log_retention_days
  kms_key_id        = local.kms_key_arns["logs"]

  tags = var.tags
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  for_each = local.waf_scopes

  resource_arn            = aws_wafv2_web_acl.this[each.key].arn
  log_destination_configs = [aws_cloudwatch_log_group.waf[each.key].arn]

  redacted_fields {
    single_header {
      name = "authorization"
    }
  }

  redacted_fields {
    single_header {
      name = "cookie"
    }
  }
}
