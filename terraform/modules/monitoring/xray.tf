# X-Ray: sampling rules (the environment's rate, health checks never
# traced), groups for errors and slow requests (X-Ray Insights on with
# monitoring_depth full), and optionally the account-and-region-wide trace
# encryption with a customer-managed key.
#
# Traces cost 5 USD per million recorded beyond the first 100,000 a month;
# the sampling rate is the knob. The X-Ray daemon sidecar that sends them from
# the ECS tasks is the compute module's (output enable_xray_sidecar).

locals {
  xray_sampling_rate = var.xray_sampling_rate != null ? var.xray_sampling_rate : { dev = 0.1, staging = 0.1, production = 0.05 }[var.environment]

  xray_sampling_rules = {
    # Health checks are frequent and say nothing: never traced.
    health = {
      priority       = 100
      url_path       = var.xray_health_check_path
      fixed_rate     = 0
      reservoir_size = 0
    }
    default = {
      priority       = 1000
      url_path       = "*"
      fixed_rate     = local.xray_sampling_rate
      reservoir_size = var.xray_reservoir_size
    }
  }

  xray_groups = {
    errors = "fault = true OR error = true"
    slow   = "responsetime > ${var.xray_slow_response_seconds}"
  }

  enable_xray_sidecar = var.enable_xray_sidecar != null ? var.enable_xray_sidecar : (var.enable_xray && local.depth_rank >= 2)
}

resource "aws_xray_sampling_rule" "this" {
  for_each = { for k, v in local.xray_sampling_rules : k => v if var.enable_xray }

  rule_name      = "${local.short_prefix}-${each.key}"
  priority       = each.value.priority
  version        = 1
  reservoir_size = each.value.reservoir_size
  fixed_rate     = each.value.fixed_rate
  url_path       = each.value.url_path
  host           = "*"
  http_method    = "*"
  service_type   = "*"
  service_name   = var.xray_service_name
  resource_arn   = "*"

  tags = var.tags
}

resource "aws_xray_group" "this" {
  for_each = { for k, v in local.xray_groups : k => v if var.enable_xray }

  group_name        = "${local.short_prefix}-${each.key}"
  filter_expression = each.value

  insights_configuration {
    insights_enabled      = local.depth_rank >= 3
    notifications_enabled = local.depth_rank >= 3
  }

  tags = var.tags
}

# One per account and region: see var.enable_xray_encryption.
resource "aws_xray_encryption_config" "this" {
  count = var.enable_xray && var.enable_xray_encryption ? 1 : 0

  type   = "KMS"
  key_id = var.xray_kms_key_arn
}
