# Two alarms per service, on its target groups (blue and green with
# blue/green, so they follow production traffic whichever colour serves
# it): the targets' 5xx rate and unhealthy hosts. Attached to the service's
# deployments (enable_deployment_alarms), they fail and roll back a
# deployment that goes to ALARM.

resource "aws_cloudwatch_metric_alarm" "target_5xx_rate" {
  for_each = local.services

  alarm_name          = "${local.name_prefix}-${each.key}-target-5xx-rate"
  alarm_description   = "More than ${var.alarm_5xx_rate_threshold} % of the requests to ${each.key} answered 5xx by its tasks for 3 minutes."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alarm_5xx_rate_threshold
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions

  metric_query {
    id          = "error_rate"
    label       = "Target 5xx rate (%)"
    expression  = "100 * (${join(" + ", [for c in local.target_group_colours : "FILL(errors_${c}, 0)"])}) / (${join(" + ", [for c in local.target_group_colours : "FILL(requests_${c}, 0)"])})"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = toset(local.target_group_colours)

    content {
      id = "errors_${metric_query.key}"

      metric {
        namespace   = "AWS/ApplicationELB"
        metric_name = "HTTPCode_Target_5XX_Count"
        period      = 60
        stat        = "Sum"
        dimensions = {
          LoadBalancer = aws_lb.this[0].arn_suffix
          TargetGroup  = aws_lb_target_group.this["${each.key}-${metric_query.key}"].arn_suffix
        }
      }
    }
  }

  dynamic "metric_query" {
    for_each = toset(local.target_group_colours)

    content {
      id = "requests_${metric_query.key}"

      metric {
        namespace   = "AWS/ApplicationELB"
        metric_name = "RequestCount"
        period      = 60
        stat        = "Sum"
        dimensions = {
          LoadBalancer = aws_lb.this[0].arn_suffix
          TargetGroup  = aws_lb_target_group.this["${each.key}-${metric_query.key}"].arn_suffix
        }
      }
    }
  }

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "unhealthy_hosts" {
  for_each = local.services

  alarm_name          = "${local.name_prefix}-${each.key}-unhealthy-hosts"
  alarm_description   = "At least one task of ${each.key} failed its load balancer health check for 3 minutes."
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions

  metric_query {
    id          = "unhealthy"
    label       = "Unhealthy targets"
    expression  = "MAX([${join(", ", [for c in local.target_group_colours : "unhealthy_${c}"])}])"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = toset(local.target_group_colours)

    content {
      id = "unhealthy_${metric_query.key}"

      metric {
        namespace   = "AWS/ApplicationELB"
        metric_name = "UnHealthyHostCount"
        period      = 60
        stat        = "Maximum"
        dimensions = {
          LoadBalancer = aws_lb.this[0].arn_suffix
          TargetGroup  = aws_lb_target_group.this["${each.key}-${metric_query.key}"].arn_suffix
        }
      }
    }
  }

  tags = var.tags
}
