# Every feature of the monitoring module, as production uses it: the
# operations dashboard over an ECS service pair, a load balancer, an Aurora
# Serverless v2 cluster, a two-node cache, two DynamoDB tables and a
# CloudFront distribution (placeholder names, see terraform.tfvars); every
# alarm of monitoring_depth full to an alerts and a critical topic with email
# and HTTPS subscriptions; business metrics from a log group; X-Ray sampling,
# groups and encryption; two Synthetics canaries; the 1500 USD budget and
# cost anomaly detection.
#
# The example brings the customer-managed KMS key the security module provides
# in an environment (unless create_kms_key is false: then the *_kms_key_arn
# variables go to the module as they are).

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "Candlefish"
      Environment = var.environment
      CostCenter  = "Engineering"
      Owner       = "DevOps"
    }
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id       = data.aws_caller_identity.current.account_id
  account_root_arn = "arn:${data.aws_partition.current.partition}:iam::${local.account_id}:root"

  example_key_arn = try(aws_kms_key.this[0].arn, null)

  # The module's sns_kms_key_service_principals output: who publishes to the
  # alert topics.
  alert_publishers = ["cloudwatch.amazonaws.com", "budgets.amazonaws.com", "costalerts.amazonaws.com"]
}

# Key policy: the account administers and uses the key through IAM (the
# canary role writes its artifacts with it through S3, X-Ray encrypts traces
# with it); CloudWatch Logs of the region encrypts this account's log groups;
# CloudWatch alarms, AWS Budgets and Cost Anomaly Detection of this account
# publish to the encrypted topics.
data "aws_iam_policy_document" "key" {
  count = var.create_kms_key ? 1 : 0

  statement {
    sid       = "EnableAccountAdministration"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }
  }

  statement {
    sid    = "AllowCloudWatchLogs"
    effect = "Allow"
    actions = [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${data.aws_partition.current.partition}:logs:${var.region}:${local.account_id}:log-group:*"]
    }
  }

  statement {
    sid       = "AllowAlertPublishers"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = local.alert_publishers
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_kms_key" "this" {
  count = var.create_kms_key ? 1 : 0

  description             = "${var.project}-${var.environment} monitoring example"
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy                  = data.aws_iam_policy_document.key[0].json
}

module "monitoring" {
  source = "../.."

  project          = var.project
  environment      = var.environment
  region           = var.region
  tags             = var.tags
  monitoring_depth = var.monitoring_depth

  kms_key_arn           = var.create_kms_key ? local.example_key_arn : var.kms_key_arn
  logs_kms_key_arn      = var.create_kms_key ? local.example_key_arn : var.logs_kms_key_arn
  artifacts_kms_key_arn = var.create_kms_key ? local.example_key_arn : var.artifacts_kms_key_arn
  xray_kms_key_arn      = var.create_kms_key ? local.example_key_arn : var.xray_kms_key_arn

  alert_emails             = var.alert_emails
  alert_https_endpoints    = var.alert_https_endpoints
  enable_critical_topic    = var.enable_critical_topic
  critical_alert_emails    = var.critical_alert_emails
  critical_https_endpoints = var.critical_https_endpoints

  log_retention_days = var.log_retention_days

  ecs                  = var.ecs
  alb                  = var.alb
  aurora               = var.aurora
  elasticache          = var.elasticache
  dynamodb_table_names = var.dynamodb_table_names
  cloudfront           = var.cloudfront

  enable_dashboard         = var.enable_dashboard
  enable_alarms            = var.enable_alarms
  alarm_thresholds         = var.alarm_thresholds
  alarm_period_seconds     = var.alarm_period_seconds
  alarm_evaluation_periods = var.alarm_evaluation_periods

  enable_xray                = var.enable_xray
  enable_xray_encryption     = var.enable_xray_encryption
  enable_xray_sidecar        = var.enable_xray_sidecar
  xray_sampling_rate         = var.xray_sampling_rate
  xray_reservoir_size        = var.xray_reservoir_size
  xray_service_name          = var.xray_service_name
  xray_health_check_path     = var.xray_health_check_path
  xray_slow_response_seconds = var.xray_slow_response_seconds

  business_metrics_namespace = var.business_metrics_namespace
  business_metrics           = var.business_metrics

  enable_canaries                 = var.enable_canaries
  canary_base_url                 = var.canary_base_url
  canaries                        = var.canaries
  canary_schedule_expression      = var.canary_schedule_expression
  canary_runtime_version          = var.canary_runtime_version
  canary_alarm_evaluation_periods = var.canary_alarm_evaluation_periods

  enable_budget              = var.enable_budget
  budget_limit_usd           = var.budget_limit_usd
  budget_actual_thresholds   = var.budget_actual_thresholds
  budget_forecast_thresholds = var.budget_forecast_thresholds
  budget_notify_sns          = var.budget_notify_sns
  budget_emails              = var.budget_emails
  cost_allocation_tag_key    = var.cost_allocation_tag_key

  enable_cost_anomaly_detection = var.enable_cost_anomaly_detection
  anomaly_monitor_type          = var.anomaly_monitor_type
  anomaly_frequency             = var.anomaly_frequency
  anomaly_emails                = var.anomaly_emails
  anomaly_threshold_usd         = var.anomaly_threshold_usd
  anomaly_threshold_percent     = var.anomaly_threshold_percent
}
