# The operations dashboard: one graph per signal of each monitored resource,
# two graphs per row. A widget is left out when its resource is not given;
# no dashboard is created when there is nothing to show.
#
# The body is jsonencode() of values computed from the inputs only, so it is
# known when Terraform plans (and in the offline gate) whenever the inputs
# are.

locals {
  # metric widget properties shared by every graph
  graph = {
    view    = "timeSeries"
    stacked = false
    period  = local.dashboard_period
    region  = var.region
  }

  ecs_widgets = [for w in [
    merge(local.graph, {
      title   = "ECS CPU utilisation (%)"
      stat    = "Average"
      metrics = [for k, svc in local.ecs_services : ["AWS/ECS", "CPUUtilization", "ClusterName", local.ecs_cluster_name, "ServiceName", svc, { label = k }]]
      yAxis   = { left = { min = 0, max = 100 } }
    }),
    merge(local.graph, {
      title   = "ECS memory utilisation (%)"
      stat    = "Average"
      metrics = [for k, svc in local.ecs_services : ["AWS/ECS", "MemoryUtilization", "ClusterName", local.ecs_cluster_name, "ServiceName", svc, { label = k }]]
      yAxis   = { left = { min = 0, max = 100 } }
    }),
    merge(local.graph, {
      title = "ECS running and desired tasks"
      stat  = "Average"
      metrics = concat(
        [for k, svc in local.ecs_services : ["ECS/ContainerInsights", "RunningTaskCount", "ClusterName", local.ecs_cluster_name, "ServiceName", svc, { label = "${k} running" }]],
        [for k, svc in local.ecs_services : ["ECS/ContainerInsights", "DesiredTaskCount", "ClusterName", local.ecs_cluster_name, "ServiceName", svc, { label = "${k} desired" }]],
      )
      yAxis = { left = { min = 0 } }
    }),
  ] : w if length(local.ecs_services) > 0]

  alb_widgets = concat([for w in [
    merge(local.graph, {
      title   = "Load balancer requests"
      stat    = "Sum"
      metrics = [["AWS/ApplicationELB", "RequestCount", "LoadBalancer", local.alb_suffix, { label = "requests" }]]
    }),
    merge(local.graph, {
      title = "Load balancer 5xx responses"
      stat  = "Sum"
      metrics = [
        ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", local.alb_suffix, { label = "load balancer 5xx" }],
        ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", local.alb_suffix, { label = "target 5xx" }],
      ]
    }),
    merge(local.graph, {
      title = "Target response time p50 / p99 (s)"
      stat  = "p99"
      metrics = [
        ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", local.alb_suffix, { stat = "p50", label = "p50" }],
        ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", local.alb_suffix, { stat = "p99", label = "p99" }],
      ]
      yAxis = { left = { min = 0 } }
    }),
    ] : w if var.alb != null], [for w in [
    merge(local.graph, {
      title = "Healthy / unhealthy targets"
      stat  = "Maximum"
      metrics = concat(
        [for k, tg in local.target_groups : ["AWS/ApplicationELB", "HealthyHostCount", "TargetGroup", tg, "LoadBalancer", local.alb_suffix, { label = "${k} healthy" }]],
        [for k, tg in local.target_groups : ["AWS/ApplicationELB", "UnHealthyHostCount", "TargetGroup", tg, "LoadBalancer", local.alb_suffix, { label = "${k} unhealthy" }]],
      )
      yAxis = { left = { min = 0 } }
    }),
  ] : w if length(local.target_groups) > 0])

  aurora_widgets = [for w in [
    merge(local.graph, {
      title = "Aurora capacity (ACU)"
      stat  = "Average"
      metrics = [
        ["AWS/RDS", "ServerlessDatabaseCapacity", "DBClusterIdentifier", local.aurora_cluster, { label = "average ACU" }],
        ["AWS/RDS", "ServerlessDatabaseCapacity", "DBClusterIdentifier", local.aurora_cluster, { stat = "Maximum", label = "maximum ACU" }],
      ]
      yAxis = { left = { min = 0 } }
    }),
    merge(local.graph, {
      title   = "Aurora connections"
      stat    = "Maximum"
      metrics = [["AWS/RDS", "DatabaseConnections", "DBClusterIdentifier", local.aurora_cluster, { label = "connections" }]]
      yAxis   = { left = { min = 0 } }
    }),
  ] : w if var.aurora != null]

  cache_widgets = [for w in [
    merge(local.graph, {
      title = "Cache CPU (%)"
      stat  = "Average"
      metrics = concat(
        [for n, node in local.cache_nodes : ["AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", node, { label = "${node} engine" }]],
        [for n, node in local.cache_nodes : ["AWS/ElastiCache", "CPUUtilization", "CacheClusterId", node, { label = "${node} host" }]],
      )
      yAxis = { left = { min = 0, max = 100 } }
    }),
    merge(local.graph, {
      title   = "Cache memory used (%)"
      stat    = "Average"
      metrics = [for n, node in local.cache_nodes : ["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", node, { label = node }]]
      yAxis   = { left = { min = 0, max = 100 } }
    }),
    merge(local.graph, {
      title   = "Cache evictions"
      stat    = "Sum"
      metrics = [for n, node in local.cache_nodes : ["AWS/ElastiCache", "Evictions", "CacheClusterId", node, { label = node }]]
      yAxis   = { left = { min = 0 } }
    }),
  ] : w if length(local.cache_nodes) > 0]

  dynamodb_widgets = [for w in [
    merge(local.graph, {
      title = "DynamoDB throttled events"
      stat  = "Sum"
      metrics = concat(
        [for k, table in var.dynamodb_table_names : ["AWS/DynamoDB", "ReadThrottleEvents", "TableName", table, { label = "${k} read" }]],
        [for k, table in var.dynamodb_table_names : ["AWS/DynamoDB", "WriteThrottleEvents", "TableName", table, { label = "${k} write" }]],
      )
      yAxis = { left = { min = 0 } }
    }),
  ] : w if length(var.dynamodb_table_names) > 0]

  # CloudFront metrics exist only in us-east-1, with Region = Global.
  cloudfront_widgets = [for w in [
    merge(local.graph, {
      title  = "CloudFront error rates (%)"
      region = "us-east-1"
      stat   = "Average"
      metrics = [
        ["AWS/CloudFront", "5xxErrorRate", "DistributionId", local.cloudfront_distribution, "Region", "Global", { label = "5xx" }],
        ["AWS/CloudFront", "TotalErrorRate", "DistributionId", local.cloudfront_distribution, "Region", "Global", { label = "total (4xx + 5xx)" }],
      ]
      yAxis = { left = { min = 0 } }
    }),
  ] : w if var.cloudfront != null]

  canary_widgets = [for w in [
    merge(local.graph, {
      title   = "Canary success (%)"
      stat    = "Average"
      metrics = [for k, c in local.canaries : ["CloudWatchSynthetics", "SuccessPercent", "CanaryName", c.name, { label = k }]]
      yAxis   = { left = { min = 0, max = 100 } }
    }),
  ] : w if length(local.canaries) > 0]

  # Business metrics without dimensions are graphed directly; those with
  # dimensions through a search over the metric name.
  business_widgets = [for w in [
    merge(local.graph, {
      title = "Business metrics (${var.business_metrics_namespace})"
      stat  = "Sum"
      metrics = concat(
        [for k, m in var.business_metrics : [var.business_metrics_namespace, m.metric_name, { label = k }] if length(m.dimensions) == 0],
        [for k, m in var.business_metrics : [{
          id         = "s_${replace(k, "-", "_")}"
          label      = k
          expression = "SEARCH('{${var.business_metrics_namespace},${join(",", keys(m.dimensions))}} MetricName=\"${m.metric_name}\"', 'Sum', ${local.dashboard_period})"
        }] if length(m.dimensions) > 0],
      )
    }),
  ] : w if length(var.business_metrics) > 0]

  widget_properties = concat(
    local.ecs_widgets,
    local.alb_widgets,
    local.aurora_widgets,
    local.cache_widgets,
    local.dynamodb_widgets,
    local.cloudfront_widgets,
    local.canary_widgets,
    local.business_widgets,
  )

  dashboard_widgets = [for i, p in local.widget_properties : {
    type       = "metric"
    x          = (i % 2) * 12
    y          = floor(i / 2) * 6
    width      = 12
    height     = 6
    properties = p
  }]

  dashboards = { for k, body in {
    operations = jsonencode({ widgets = local.dashboard_widgets })
  } : k => body if var.enable_dashboard && length(local.widget_properties) > 0 }
}

resource "aws_cloudwatch_dashboard" "this" {
  for_each = local.dashboards

  dashboard_name = "${local.name_prefix}-${each.key}"
  dashboard_body = each.value

  lifecycle {
    precondition {
      condition     = data.aws_region.current.region == var.region
      error_message = "var.region must be the region of the aws provider the monitoring module runs with."
    }
  }
}
