output "alerts_topic_arn" {
  description = "ARN of the SNS topic that receives every alarm, the budget notifications and the immediate cost anomaly alerts."
  value       = aws_sns_topic.alerts.arn
}

output "critical_topic_arn" {
  description = "ARN of the SNS topic that also receives the critical alarms (null unless enable_critical_topic)."
  value       = try(aws_sns_topic.critical[0].arn, null)
}

output "sns_kms_key_service_principals" {
  description = "AWS service principals that publish to the alert topics and so must be allowed to use their KMS key (kms:GenerateDataKey*, kms:Decrypt): give them to the security module's sns_kms_service_principals."
  value       = local.sns_publisher_services
}

output "monitoring_depth" {
  description = "The monitoring depth in effect (basic, enhanced or full)."
  value       = local.monitoring_depth
}

output "dashboard_names" {
  description = "Names of the CloudWatch dashboards, keyed by purpose (operations); empty when no resource is monitored or enable_dashboard is false."
  value       = { for k, d in aws_cloudwatch_dashboard.this : k => d.dashboard_name }
}

output "dashboard_arns" {
  description = "ARNs of the CloudWatch dashboards, keyed by purpose (operations)."
  value       = { for k, d in aws_cloudwatch_dashboard.this : k => d.dashboard_arn }
}

output "alarm_arns" {
  description = "ARNs of every CloudWatch alarm this module creates, keyed by the alarm name without the <project>-<environment>- prefix (e.g. ecs-api-cpu, alb-5xx-rate, canary-home, business-signups)."
  value = merge(
    { for k, a in aws_cloudwatch_metric_alarm.metric : k => a.arn },
    { for k, a in aws_cloudwatch_metric_alarm.expression : k => a.arn },
    { for k, a in aws_cloudwatch_metric_alarm.canary : "canary-${k}" => a.arn },
    { for k, a in aws_cloudwatch_metric_alarm.business : "business-${k}" => a.arn },
  )
}

output "canary_names" {
  description = "Names of the Synthetics canaries, keyed like var.canaries (empty unless enable_canaries)."
  value       = { for k, c in aws_synthetics_canary.this : k => c.name }
}

output "canary_artifacts_bucket_name" {
  description = "Name of the S3 bucket holding the canaries' code and artifacts (null unless enable_canaries)."
  value       = try(aws_s3_bucket.canary_artifacts[0].id, null)
}

output "canary_role_arn" {
  description = "ARN of the IAM role the canaries run with (null unless enable_canaries)."
  value       = try(aws_iam_role.canary[0].arn, null)
}

output "budget_name" {
  description = "Name of the environment's monthly cost budget (null unless enable_budget)."
  value       = try(aws_budgets_budget.this[0].name, null)
}

output "budget_limit_usd" {
  description = "Monthly cost ceiling of the budget, in USD."
  value       = local.budget_limit_usd
}

output "anomaly_monitor_arn" {
  description = "ARN of the Cost Anomaly Detection monitor (null unless enable_cost_anomaly_detection)."
  value       = try(aws_ce_anomaly_monitor.this[0].arn, null)
}

output "anomaly_subscription_arn" {
  description = "ARN of the Cost Anomaly Detection alert subscription (null unless enable_cost_anomaly_detection)."
  value       = try(aws_ce_anomaly_subscription.this[0].arn, null)
}

output "xray_group_arns" {
  description = "ARNs of the X-Ray groups, keyed by purpose (errors, slow); empty unless enable_xray."
  value       = { for k, g in aws_xray_group.this : k => g.arn }
}

output "xray_sampling_rule_arns" {
  description = "ARNs of the X-Ray sampling rules, keyed by purpose (health, default); empty unless enable_xray."
  value       = { for k, r in aws_xray_sampling_rule.this : k => r.arn }
}

output "enable_xray_sidecar" {
  description = "Whether the compute module should run the X-Ray daemon sidecar in its tasks: give it to the compute module's enable_xray_sidecar."
  value       = local.enable_xray_sidecar
}

output "log_retention_days" {
  description = "Log retention in effect, in days (the environment's tier unless log_retention_days is set): give the same number to every module that creates log groups."
  value       = local.log_retention_days
}

output "business_metrics_namespace" {
  description = "CloudWatch namespace of the business metrics."
  value       = var.business_metrics_namespace
}
