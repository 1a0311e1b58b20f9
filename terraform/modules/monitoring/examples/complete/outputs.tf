output "alerts_topic_arn" {
  description = "ARN of the alerts topic."
  value       = module.monitoring.alerts_topic_arn
}

output "critical_topic_arn" {
  description = "ARN of the critical topic (null unless enable_critical_topic)."
  value       = module.monitoring.critical_topic_arn
}

output "dashboard_names" {
  description = "Names of the CloudWatch dashboards, keyed by purpose."
  value       = module.monitoring.dashboard_names
}

output "alarm_arns" {
  description = "ARNs of every alarm, keyed by alarm name without the <project>-<environment>- prefix."
  value       = module.monitoring.alarm_arns
}

output "canary_names" {
  description = "Names of the Synthetics canaries."
  value       = module.monitoring.canary_names
}

output "canary_artifacts_bucket_name" {
  description = "Name of the canary artifacts bucket (null without canaries)."
  value       = module.monitoring.canary_artifacts_bucket_name
}

output "budget_name" {
  description = "Name of the monthly budget."
  value       = module.monitoring.budget_name
}

output "anomaly_monitor_arn" {
  description = "ARN of the Cost Anomaly Detection monitor."
  value       = module.monitoring.anomaly_monitor_arn
}

output "xray_group_arns" {
  description = "ARNs of the X-Ray groups, keyed by purpose."
  value       = module.monitoring.xray_group_arns
}

output "enable_xray_sidecar" {
  description = "Whether the compute module should run the X-Ray daemon sidecar."
  value       = module.monitoring.enable_xray_sidecar
}

output "log_retention_days" {
  description = "Log retention in effect, in days."
  value       = module.monitoring.log_retention_days
}

output "kms_key_arn" {
  description = "ARN of the KMS key the example created (null when create_kms_key is false)."
  value       = local.example_key_arn
}
