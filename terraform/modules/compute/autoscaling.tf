# Application Auto Scaling of every service between min_count and max_count:
# target tracking on CPU, memory and requests per task, an optional target
# tracking policy on a custom CloudWatch metric, and scheduled actions (the
# dev auto-shutdown at night and on weekends).

locals {
  custom_metric_services = {
    for k, s in local.services : k => s if s.autoscaling.custom_metric != null
  }

  # One action per (service, schedule): "api/night".
  scheduled_actions = {
    for pair in setproduct(local.service_keys, sort(keys(var.scheduled_scaling))) : "${pair[0]}/${pair[1]}" => merge(var.scheduled_scaling[pair[1]], {
      service = pair[0]
      name    = pair[1]
    }) if var.scheduled_scaling[pair[1]].services == null || contains(coalesce(var.scheduled_scaling[pair[1]].services, []), pair[0])
  }
}

resource "aws_appautoscaling_target" "this" {
  for_each = local.services

  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.this[each.key].name}"
  min_capacity       = each.value.min_count
  max_capacity       = each.value.max_count

  tags = var.tags
}

resource "aws_appautoscaling_policy" "cpu" {
  for_each = local.services

  name               = "${local.name_prefix}-${each.key}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.autoscaling.cpu_target
    scale_in_cooldown  = each.value.autoscaling.scale_in_cooldown
    scale_out_cooldown = each.value.autoscaling.scale_out_cooldown

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_policy" "memory" {
  for_each = local.services

  name               = "${local.name_prefix}-${each.key}-memory"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.autoscaling.memory_target
    scale_in_cooldown  = each.value.autoscaling.scale_in_cooldown
    scale_out_cooldown = each.value.autoscaling.scale_out_cooldown

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageMemoryUtilization"
    }
  }
}

# Requests per task. Rolling: the predefined ALBRequestCountPerTarget of the
# (only) target group. Blue/green: production traffic moves between the blue
# and green target groups, so the requests of both are summed and divided by
# the service's running tasks (Container Insights).
resource "aws_appautoscaling_policy" "requests" {
  for_each = local.services

  name               = "${local.name_prefix}-${each.key}-requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id

  dynamic "target_tracking_scaling_policy_configuration" {
    for_each = local.blue_green_enabled ? [] : ["rolling"]

    content {
      target_value       = each.value.autoscaling.requests_per_target
      scale_in_cooldown  = each.value.autoscaling.scale_in_cooldown
      scale_out_cooldown = each.value.autoscaling.scale_out_cooldown

      predefined_metric_specification {
        predefined_metric_type = "ALBRequestCountPerTarget"
        resource_label         = "${aws_lb.this[0].arn_suffix}/${aws_lb_target_group.this["${each.key}-blue"].arn_suffix}"
      }
    }
  }

  dynamic "target_tracking_scaling_policy_configuration" {
    for_each = local.blue_green_enabled ? ["blue-green"] : []

    content {
      target_value       = each.value.autoscaling.requests_per_target
      scale_in_cooldown  = each.value.autoscaling.scale_in_cooldown
      scale_out_cooldown = each.value.autoscaling.scale_out_cooldown

      customized_metric_specification {
        metrics {
          id          = "requests_blue"
          return_data = false

          metric_stat {
            stat = "Sum"

            metric {
              namespace   = "AWS/ApplicationELB"
              metric_name = "RequestCount"

              dimensions {
                name  = "LoadBalancer"
                value = aws_lb.this[0].arn_suffix
              }

              dimensions {
                name  = "TargetGroup"
                value = aws_lb_target_group.this["${each.key}-blue"].arn_suffix
              }
            }
          }
        }

        metrics {
          id          = "requests_green"
          return_data = false

          metric_stat {
            stat = "Sum"

            metric {
              namespace   = "AWS/ApplicationELB"
              metric_name = "RequestCount"

              dimensions {
                name  = "LoadBalancer"
                value = aws_lb.this[0].arn_suffix
              }

              dimensions {
                name  = "TargetGroup"
                value = aws_lb_target_group.this["${each.key}-green"].arn_suffix
              }
            }
          }
        }

        metrics {
          id          = "tasks"
          return_data = false

          metric_stat {
            stat = "Average"

            metric {
              namespace   = "ECS/ContainerInsights"
              metric_name = "RunningTaskCount"

              dimensions {
                name  = "ClusterName"
                value = aws_ecs_cluster.this.name
              }

              dimensions {
                name  = "ServiceName"
                value = aws_ecs_service.this[each.key].name
              }
            }
          }
        }

        metrics {
          id          = "requests_per_task"
          label       = "Requests per task"
          expression  = "(FILL(requests_blue, 0) + FILL(requests_green, 0)) / tasks"
          return_data = true
        }
      }
    }
  }
}

# A custom CloudWatch metric (queue depth, business KPI, ...) with a target.
resource "aws_appautoscaling_policy" "custom" {
  for_each = local.custom_metric_services

  name               = "${local.name_prefix}-${each.key}-custom-metric"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.autoscaling.custom_metric.target_value
    scale_in_cooldown  = each.value.autoscaling.scale_in_cooldown
    scale_out_cooldown = each.value.autoscaling.scale_out_cooldown

    customized_metric_specification {
      namespace   = each.value.autoscaling.custom_metric.namespace
      metric_name = each.value.autoscaling.custom_metric.metric_name
      statistic   = each.value.autoscaling.custom_metric.statistic
      unit        = each.value.autoscaling.custom_metric.unit

      dynamic "dimensions" {
        for_each = each.value.autoscaling.custom_metric.dimensions

        content {
          name  = dimensions.key
          value = dimensions.value
        }
      }
    }
  }
}

# Scheduled bounds, e.g. 0/0 at night and on weekends in dev. Applying during
# such a window restores min_count/max_count until the next scheduled action.
resource "aws_appautoscaling_scheduled_action" "this" {
  for_each = local.scheduled_actions

  name               = "${local.name_prefix}-${each.value.service}-${each.value.name}"
  service_namespace  = aws_appautoscaling_target.this[each.value.service].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[each.value.service].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[each.value.service].resource_id
  schedule           = each.value.schedule
  timezone           = each.value.timezone

  scalable_target_action {
    min_capacity = each.value.min_capacity
    max_capacity = each.value.max_capacity
  }
}
