# Business metrics: metric filters on the application's log groups (owned by
# the compute module) publish into var.business_metrics_namespace, by default
# Candlefish/Business. Each custom metric costs 0.30 USD a month beyond the
# account's first ten. Entries with an alarm get one, to the alerts topic
# (and the critical topic when they are marked critical).

resource "aws_cloudwatch_log_metric_filter" "this" {
  for_each = var.business_metrics

  name           = "${local.name_prefix}-${each.key}"
  log_group_name = each.value.log_group_name
  pattern        = each.value.pattern

  metric_transformation {
    namespace     = var.business_metrics_namespace
    name          = each.value.metric_name
    value         = each.value.value
    unit          = each.value.unit
    default_value = each.value.default_value
    dimensions    = length(each.value.dimensions) > 0 ? each.value.dimensions : null
  }
}

locals {
  business_alarms = { for k, m in var.business_metrics : k => m if m.alarm != null }
}

resource "aws_cloudwatch_metric_alarm" "business" {
  for_each = local.business_alarms

  alarm_name          = "${local.name_prefix}-business-${each.key}"
  alarm_description   = "Business metric ${each.value.metric_name} (${var.business_metrics_namespace}): ${each.value.alarm.statistic} ${each.value.alarm.comparison} ${each.value.alarm.threshold}."
  namespace           = var.business_metrics_namespace
  metric_name         = each.value.metric_name
  statistic           = each.value.alarm.statistic
  period              = each.value.alarm.period_seconds
  evaluation_periods  = each.value.alarm.periods
  comparison_operator = each.value.alarm.comparison
  threshold           = each.value.alarm.threshold
  treat_missing_data  = each.value.alarm.treat_missing_data

  alarm_actions = local.alarm_topic_arns[each.value.alarm.critical ? "critical" : "warning"]
  ok_actions    = local.alarm_topic_arns[each.value.alarm.critical ? "critical" : "warning"]

  tags = merge(var.tags, { Severity = each.value.alarm.critical ? "critical" : "warning" })

  depends_on = [aws_cloudwatch_log_metric_filter.this]
}
