# Metric alarms on the monitored resources. Every candidate alarm names the
# monitoring depth it starts at (1 basic, 2 enhanced, 3 full); those within
# var.monitoring_depth are created. Keys are stable: they come from the
# variables' map keys, never from resource attributes.
#
# treat_missing_data is chosen per signal: utilisation and error signals that
# are only published with traffic (5xx, throttles, latency) treat silence as
# fine (notBreaching); capacity signals keep their state (missing); running
# tasks treat silence as a failure (breaching), since a service without tasks
# publishes nothing.
#
# Alarms at depth basic (per environment): ECS CPU and memory per service,
# the load balancer's 5xx rate, cache memory per node. Enhanced adds: running
# tasks per service, p99 latency, unhealthy hosts per target group, Aurora
# capacity and connections, cache engine CPU and evictions per node, DynamoDB
# throttles per table, CloudFront 5xx rate. Full: the same alarms with
# 1-minute periods.

locals {
  t = var.alarm_thresholds

  metric_alarm_candidates = merge(
    merge([for k, svc in local.ecs_services : {
      "ecs-${k}-cpu" = {
        min_depth          = 1
        severity           = "warning"
        description        = "ECS service ${k}: average CPU above ${local.t.ecs_cpu_percent} %."
        namespace          = "AWS/ECS"
        metric_name        = "CPUUtilization"
        dimensions         = { ClusterName = local.ecs_cluster_name, ServiceName = svc }
        statistic          = "Average"
        extended_statistic = null
        comparison         = "GreaterThanThreshold"
        threshold          = local.t.ecs_cpu_percent
        treat_missing_data = "notBreaching"
        region             = null
      }
      "ecs-${k}-memory" = {
        min_depth          = 1
        severity           = "warning"
        description        = "ECS service ${k}: average memory above ${local.t.ecs_memory_percent} %."
        namespace          = "AWS/ECS"
        metric_name        = "MemoryUtilization"
        dimensions         = { ClusterName = local.ecs_cluster_name, ServiceName = svc }
        statistic          = "Average"
        extended_statistic = null
        comparison         = "GreaterThanThreshold"
        threshold          = local.t.ecs_memory_percent
        treat_missing_data = "notBreaching"
        region             = null
      }
      # Container Insights (on in the compute module's cluster) publishes it.
      "ecs-${k}-running-tasks" = {
        min_depth          = 2
        severity           = "critical"
        description        = "ECS service ${k}: fewer than ${local.t.ecs_min_running_tasks} running tasks."
        namespace          = "ECS/ContainerInsights"
        metric_name        = "RunningTaskCount"
        dimensions         = { ClusterName = local.ecs_cluster_name, ServiceName = svc }
        statistic          = "Minimum"
        extended_statistic = null
        comparison         = "LessThanThreshold"
        threshold          = local.t.ecs_min_running_tasks
        treat_missing_data = "breaching"
        region             = null
      }
    }]...),

    { for k, v in {
      "alb-p99-latency" = {
        min_depth          = 2
        severity           = "warning"
        description        = "Load balancer: p99 target response time above ${local.t.alb_p99_latency_seconds} s."
        namespace          = "AWS/ApplicationELB"
        metric_name        = "TargetResponseTime"
        dimensions         = { LoadBalancer = local.alb_suffix }
        statistic          = null
        extended_statistic = "p99"
        comparison         = "GreaterThanThreshold"
        threshold          = local.t.alb_p99_latency_seconds
        treat_missing_data = "notBreaching"
        region             = null
      }
    } : k => v if var.alb != null },

    { for k, tg in local.target_groups : "alb-${k}-unhealthy-hosts" => {
      min_depth          = 2
      severity           = "warning"
      description        = "Target group ${k}: more than ${local.t.alb_unhealthy_hosts} unhealthy hosts."
      namespace          = "AWS/ApplicationELB"
      metric_name        = "UnHealthyHostCount"
      dimensions         = { LoadBalancer = local.alb_suffix, TargetGroup = tg }
      statistic          = "Maximum"
      extended_statistic = null
      comparison         = "GreaterThanThreshold"
      threshold          = local.t.alb_unhealthy_hosts
      treat_missing_data = "notBreaching"
      region             = null
    } },

    { for k, v in {
      "aurora-acu" = {
        min_depth          = 2
        severity           = "warning"
        description        = "Aurora cluster: capacity above ${local.t.aurora_acu} ACU (ServerlessDatabaseCapacity)."
        namespace          = "AWS/RDS"
        metric_name        = "ServerlessDatabaseCapacity"
        dimensions         = { DBClusterIdentifier = local.aurora_cluster }
        statistic          = "Average"
        extended_statistic = null
        comparison         = "GreaterThanThreshold"
        threshold          = local.t.aurora_acu
        treat_missing_data = "missing"
        region             = null
      }
      "aurora-connections" = {
        min_depth          = 2
        severity           = "warning"
        description        = "Aurora cluster: more than ${local.t.aurora_connections} database connections."
        namespace          = "AWS/RDS"
        metric_name        = "DatabaseConnections"
        dimensions         = { DBClusterIdentifier = local.aurora_cluster }
        statistic          = "Maximum"
        extended_statistic = null
        comparison         = "GreaterThanThreshold"
        threshold          = local.t.aurora_connections
        treat_missing_data = "missing"
        region             = null
      }
    } : k => v if var.aurora != null },

    merge([for n, node in local.cache_nodes : {
      "cache-${n}-memory" = {
        min_depth          = 1
        severity           = "warning"
        description        = "Cache node ${node}: memory use above ${local.t.cache_memory_percent} % (DatabaseMemoryUsagePercentage)."
        namespace          = "AWS/ElastiCache"
        metric_name        = "DatabaseMemoryUsagePercentage"
        dimensions         = { CacheClusterId = node }
        statistic          = "Average"
        extended_statistic = null
        comparison         = "GreaterThanThreshold"
        threshold          = local.t.cache_memory_percent
        treat_missing_data = "missing"
        region             = null
      }
      "cache-${n}-cpu" = {
        min_depth          = 2
        severity           = "warning"
        description        = "Cache node ${node}: engine CPU above ${local.t.cache_cpu_percent} % (EngineCPUUtilization)."
        namespace          = "AWS/ElastiCache"
        metric_name        = "EngineCPUUtilization"
        dimensions         = { CacheClusterId = node }
        statistic          = "Average"
        extended_statistic = null
        comparison         = "GreaterThanThreshold"
        threshold          = local.t.cache_cpu_percent
        treat_missing_data = "missing"
        region             = null
      }
      "cache-${n}-evictions" = {
        min_depth          = 2
        severity           = "warning"
        description        = "Cache node ${node}: more than ${local.t.cache_evictions} evictions per period."
        namespace          = "AWS/ElastiCache"
        metric_name        = "Evictions"
        dimensions         = { CacheClusterId = node }
        statistic          = "Sum"
        extended_statistic = null
        comparison         = "GreaterThanThreshold"
        threshold          = local.t.cache_evictions
        treat_missing_data = "notBreaching"
        region             = null
      }
    }]...),

    # CloudFront publishes in us-east-1, and an alarm can only notify a topic
    # of its own region: created when the module's region is us-east-1.
    { for k, v in {
      "cloudfront-5xx-rate" = {
        min_depth          = 2
        severity           = "critical"
        description        = "CloudFront distribution: 5xx error rate above ${local.t.cloudfront_5xx_rate_percent} %."
        namespace          = "AWS/CloudFront"
        metric_name        = "5xxErrorRate"
        dimensions         = { DistributionId = local.cloudfront_distribution, Region = "Global" }
        statistic          = "Average"
        extended_statistic = null
        comparison         = "GreaterThanThreshold"
        threshold          = local.t.cloudfront_5xx_rate_percent
        treat_missing_data = "notBreaching"
        region             = "us-east-1"
      }
    } : k => v if var.cloudfront != null && var.region == "us-east-1" },
  )

  # Alarms on metric math: the load balancer's 5xx share of requests and the
  # DynamoDB read+write throttle events.
  expression_alarm_candidates = merge(
    { for k, v in {
      "alb-5xx-rate" = {
        min_depth          = 1
        severity           = "critical"
        description        = "Load balancer: more than ${local.t.alb_5xx_rate_percent} % of requests answered 5xx (load balancer and targets), with at least ${local.t.alb_5xx_min_requests} requests."
        expression         = "IF(FILL(m3, 0) >= ${local.t.alb_5xx_min_requests}, 100 * (FILL(m1, 0) + FILL(m2, 0)) / FILL(m3, 0), 0)"
        label              = "5xx share of requests (%)"
        comparison         = "GreaterThanThreshold"
        threshold          = local.t.alb_5xx_rate_percent
        treat_missing_data = "notBreaching"
        metrics = {
          m1 = { namespace = "AWS/ApplicationELB", metric_name = "HTTPCode_ELB_5XX_Count", stat = "Sum", dimensions = { LoadBalancer = local.alb_suffix } }
          m2 = { namespace = "AWS/ApplicationELB", metric_name = "HTTPCode_Target_5XX_Count", stat = "Sum", dimensions = { LoadBalancer = local.alb_suffix } }
          m3 = { namespace = "AWS/ApplicationELB", metric_name = "RequestCount", stat = "Sum", dimensions = { LoadBalancer = local.alb_suffix } }
        }
      }
    } : k => v if var.alb != null },

    { for k, table in var.dynamodb_table_names : "dynamodb-${k}-throttles" => {
      min_depth          = 2
      severity           = "warning"
      description        = "DynamoDB table ${k}: more than ${local.t.dynamodb_throttles} throttled read and write events per period."
      expression         = "FILL(m1, 0) + FILL(m2, 0)"
      label              = "Throttle events"
      comparison         = "GreaterThanThreshold"
      threshold          = local.t.dynamodb_throttles
      treat_missing_data = "notBreaching"
      metrics = {
        m1 = { namespace = "AWS/DynamoDB", metric_name = "ReadThrottleEvents", stat = "Sum", dimensions = { TableName = table } }
        m2 = { namespace = "AWS/DynamoDB", metric_name = "WriteThrottleEvents", stat = "Sum", dimensions = { TableName = table } }
      }
    } },
  )

  metric_alarms     = var.enable_alarms ? { for k, v in local.metric_alarm_candidates : k => v if v.min_depth <= local.depth_rank } : {}
  expression_alarms = var.enable_alarms ? { for k, v in local.expression_alarm_candidates : k => v if v.min_depth <= local.depth_rank } : {}
}

resource "aws_cloudwatch_metric_alarm" "metric" {
  for_each = local.metric_alarms

  region = each.value.region

  alarm_name          = "${local.name_prefix}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric_name
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  extended_statistic  = each.value.extended_statistic
  period              = local.alarm_period
  evaluation_periods  = var.alarm_evaluation_periods
  comparison_operator = each.value.comparison
  threshold           = each.value.threshold
  treat_missing_data  = each.value.treat_missing_data

  alarm_actions = local.alarm_topic_arns[each.value.severity]
  ok_actions    = local.alarm_topic_arns[each.value.severity]

  tags = merge(var.tags, { Severity = each.value.severity })
}

resource "aws_cloudwatch_metric_alarm" "expression" {
  for_each = local.expression_alarms

  alarm_name          = "${local.name_prefix}-${each.key}"
  alarm_description   = each.value.description
  evaluation_periods  = var.alarm_evaluation_periods
  comparison_operator = each.value.comparison
  threshold           = each.value.threshold
  treat_missing_data  = each.value.treat_missing_data

  metric_query {
    id          = "e1"
    expression  = each.value.expression
    label       = each.value.label
    return_data = true
  }

  dynamic "metric_query" {
    for_each = each.value.metrics

    content {
      id = metric_query.key

      metric {
        namespace   = metric_query.value.namespace
        metric_name = metric_query.value.metric_name
        dimensions  = metric_query.value.dimensions
        stat        = metric_query.value.stat
        period      = local.alarm_period
      }
    }
  }

  alarm_actions = local.alarm_topic_arns[each.value.severity]
  ok_actions    = local.alarm_topic_arns[each.value.severity]

  tags = merge(var.tags, { Severity = each.value.severity })
}
