# Observability and cost control of one environment. The resources are split
# by purpose:
#   sns.tf        KMS-encrypted alert topics, their policies and subscriptions
#   dashboards.tf the operations dashboard
#   alarms.tf     metric alarms on the monitored resources
#   metrics.tf    business metrics from log metric filters, and their alarms
#   xray.tf       X-Ray sampling rules, groups and encryption
#   synthetics.tf Synthetics canaries, their bucket, role, log groups, alarms
#   budgets.tf    the monthly budget and cost anomaly detection
#
# What is created depends on monitoring_depth (basic, enhanced, full) and the
# enable_* switches; the defaults follow the environment's tier.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  name_prefix = "${var.project}-${var.environment}"

  # Short environment code for names AWS limits to 32 characters (X-Ray
  # sampling rules and groups): <project>-<code> is at most 24 characters.
  env_code     = { dev = "dev", staging = "stg", production = "prd" }[var.environment]
  short_prefix = "${var.project}-${local.env_code}"

  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  # Depth: 1 basic, 2 enhanced, 3 full. Each alarm names the depth it starts at.
  monitoring_depth = coalesce(var.monitoring_depth, { dev = "basic", staging = "enhanced", production = "full" }[var.environment])
  depth_rank       = { basic = 1, enhanced = 2, full = 3 }[local.monitoring_depth]

  log_retention_days = var.log_retention_days != null ? var.log_retention_days : { dev = 7, staging = 30, production = 90 }[var.environment]

  # Periods of alarms and dashboard graphs.
  alarm_period     = var.alarm_period_seconds != null ? var.alarm_period_seconds : (local.depth_rank >= 3 ? 60 : 300)
  dashboard_period = local.depth_rank >= 3 ? 60 : 300

  # Service principals that publish to the alert topics: CloudWatch alarms,
  # AWS Budgets and Cost Anomaly Detection. The KMS key of the topics must let
  # them use it (the security module's sns_kms_service_principals).
  sns_publisher_services = ["cloudwatch.amazonaws.com", "budgets.amazonaws.com", "costalerts.amazonaws.com"]

  # Monitored resources, normalised: full ARNs are reduced to the suffixes
  # CloudWatch uses as dimension values.
  ecs_cluster_name = var.ecs == null ? null : var.ecs.cluster_name
  ecs_services     = var.ecs == null ? {} : var.ecs.service_names

  alb_suffix = var.alb == null ? null : replace(var.alb.arn_suffix, "/^.*:loadbalancer\\//", "")
  target_groups = var.alb == null ? {} : {
    for k, tg in var.alb.target_group_arn_suffixes : k => replace(tg, "/^.*:(targetgroup\\/)/", "$1")
  }

  aurora_cluster = var.aurora == null ? null : var.aurora.cluster_identifier

  # Cluster-mode-disabled replication groups name their nodes <id>-001, -002...
  cache_nodes = var.elasticache == null ? {} : {
    for i in range(1, var.elasticache.node_count + 1) : format("%03d", i) => format("%s-%03d", var.elasticache.replication_group_id, i)
  }

  cloudfront_distribution = var.cloudfront == null ? null : var.cloudfront.distribution_id
}
