output "kms_key_arns" {
  description = "ARNs of the customer-managed KMS keys, keyed by service name."
  value       = module.security.kms_key_arns
}

output "kms_alias_names" {
  description = "KMS alias names, keyed by service name."
  value       = module.security.kms_alias_names
}

output "audit_kms_key_arn" {
  description = "ARN of the audit key (CloudTrail, Config)."
  value       = module.security.audit_kms_key_arn
}

output "secret_arns" {
  description = "ARNs of the Secrets Manager secrets, keyed by name."
  value       = module.security.secret_arns
}

output "ecs_task_execution_role_arn" {
  description = "ARN of the ECS task-execution role."
  value       = module.security.ecs_task_execution_role_arn
}

output "ecs_task_role_arn" {
  description = "ARN of the ECS task role."
  value       = module.security.ecs_task_role_arn
}

output "lambda_role_arns" {
  description = "ARNs of the Lambda execution roles, keyed as lambda_functions."
  value       = module.security.lambda_role_arns
}

output "github_plan_role_arn" {
  description = "ARN of the GitHub Actions plan role (AWS_PLAN_ROLE_ARN in the workflow)."
  value       = module.security.github_plan_role_arn
}

output "github_apply_role_arn" {
  description = "ARN of the GitHub Actions apply role."
  value       = module.security.github_apply_role_arn
}

output "security_group_ids" {
  description = "Security group IDs keyed by purpose: alb, app, database, cache."
  value       = module.security.security_group_ids
}

output "waf_cloudfront_web_acl_arn" {
  description = "ARN of the CLOUDFRONT web ACL."
  value       = module.security.waf_cloudfront_web_acl_arn
}

output "waf_regional_web_acl_arn" {
  description = "ARN of the REGIONAL web ACL."
  value       = module.security.waf_regional_web_acl_arn
}

output "cloudtrail_arn" {
  description = "ARN of the CloudTrail trail."
  value       = module.security.cloudtrail_arn
}

output "guardduty_detector_id" {
  description = "ID of the GuardDuty detector."
  value       = module.security.guardduty_detector_id
}

output "config_recorder_name" {
  description = "Name of the AWS Config recorder."
  value       = module.security.config_recorder_name
}
