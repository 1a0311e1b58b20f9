# Cost control: the environment's monthly budget (the product's ceilings:
# dev 100, staging 400, production 1500 USD) on the costs tagged
# <cost_allocation_tag_key> = <environment>, notifying at 80 % and 100 % of
# actual and 100 % of forecasted spend; and Cost Anomaly Detection with an
# alert subscription.
#
# Both rely on the cost-allocation tag (default Environment, set by the
# providers' default_tags) being activated in the Billing console. Both
# publish to the alerts topic: its policy (sns.tf) lets budgets.amazonaws.com
# and costalerts.amazonaws.com publish, and the topic's KMS key policy must
# let them use the key (kms:GenerateDataKey*, kms:Decrypt).

locals {
  budget_limit_usd = var.budget_limit_usd != null ? var.budget_limit_usd : { dev = 100, staging = 400, production = 1500 }[var.environment]

  # Sets of numbers iterate in ascending order.
  budget_notifications = concat(
    [for t in var.budget_actual_thresholds : { type = "ACTUAL", threshold = t }],
    [for t in var.budget_forecast_thresholds : { type = "FORECASTED", threshold = t }],
  )

  anomaly_threshold_usd = var.anomaly_threshold_usd != null ? var.anomaly_threshold_usd : { dev = 10, staging = 25, production = 100 }[var.environment]
}

resource "aws_budgets_budget" "this" {
  count = var.enable_budget ? 1 : 0

  name         = "${local.name_prefix}-monthly"
  budget_type  = "COST"
  limit_amount = tostring(local.budget_limit_usd)
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  cost_filter {
    name   = "TagKeyValue"
    values = [format("user:%s$%s", var.cost_allocation_tag_key, var.environment)]
  }

  dynamic "notification" {
    for_each = local.budget_notifications

    content {
      comparison_operator        = "GREATER_THAN"
      notification_type          = notification.value.type
      threshold                  = notification.value.threshold
      threshold_type             = "PERCENTAGE"
      subscriber_sns_topic_arns  = var.budget_notify_sns ? [aws_sns_topic.alerts.arn] : []
      subscriber_email_addresses = var.budget_emails
    }
  }

  tags = var.tags

  depends_on = [aws_sns_topic_policy.this]
}

# TAG: a custom monitor of this environment's tagged costs. SERVICE: the
# account-wide monitor by AWS service (one per account).
resource "aws_ce_anomaly_monitor" "this" {
  count = var.enable_cost_anomaly_detection ? 1 : 0

  name              = "${local.name_prefix}-${lower(var.anomaly_monitor_type)}"
  monitor_type      = var.anomaly_monitor_type == "SERVICE" ? "DIMENSIONAL" : "CUSTOM"
  monitor_dimension = var.anomaly_monitor_type == "SERVICE" ? "SERVICE" : null
  monitor_specification = var.anomaly_monitor_type == "SERVICE" ? null : jsonencode({
    And            = null
    CostCategories = null
    Dimensions     = null
    Not            = null
    Or             = null
    Tags = {
      Key          = var.cost_allocation_tag_key
      MatchOptions = null
      Values       = [var.environment]
    }
  })

  tags = var.tags
}

# IMMEDIATE alerts go to the alerts topic (AWS sends them only to SNS);
# DAILY and WEEKLY summaries to anomaly_emails (only by email).
resource "aws_ce_anomaly_subscription" "this" {
  count = var.enable_cost_anomaly_detection ? 1 : 0

  name             = "${local.name_prefix}-cost-anomalies"
  frequency        = var.anomaly_frequency
  monitor_arn_list = [aws_ce_anomaly_monitor.this[0].arn]

  dynamic "subscriber" {
    for_each = var.anomaly_frequency == "IMMEDIATE" ? tomap({ sns = aws_sns_topic.alerts.arn }) : tomap({ for e in var.anomaly_emails : e => e })

    content {
      type    = subscriber.key == "sns" ? "SNS" : "EMAIL"
      address = subscriber.value
    }
  }

  # Impact of at least anomaly_threshold_usd, and of anomaly_threshold_percent
  # when it is set (one of the two blocks below).
  dynamic "threshold_expression" {
    for_each = var.anomaly_threshold_percent == null ? toset(["absolute"]) : toset([])

    content {
      dimension {
        key           = "ANOMALY_TOTAL_IMPACT_ABSOLUTE"
        match_options = ["GREATER_THAN_OR_EQUAL"]
        values        = [tostring(local.anomaly_threshold_usd)]
      }
    }
  }

  dynamic "threshold_expression" {
    for_each = var.anomaly_threshold_percent == null ? toset([]) : toset(["absolute-and-percentage"])

    content {
      and {
        dimension {
          key           = "ANOMALY_TOTAL_IMPACT_ABSOLUTE"
          match_options = ["GREATER_THAN_OR_EQUAL"]
          values        = [tostring(local.anomaly_threshold_usd)]
        }
      }

      and {
        dimension {
          key           = "ANOMALY_TOTAL_IMPACT_PERCENTAGE"
          match_options = ["GREATER_THAN_OR_EQUAL"]
          values        = [tostring(var.anomaly_threshold_percent)]
        }
      }
    }
  }

  tags = var.tags

  depends_on = [aws_sns_topic_policy.this]
}
