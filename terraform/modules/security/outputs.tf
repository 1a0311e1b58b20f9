################################################################################
# KMS
################################################################################

output "kms_key_arns" {
  description = "ARNs of the customer-managed KMS keys, keyed by service name (with kms_key_layout = shared, every service maps to the one shared key)."
  value       = local.kms_key_arns
}

output "kms_key_ids" {
  description = "IDs of the customer-managed KMS keys, keyed by service name (with kms_key_layout = shared, every service maps to the one shared key)."
  value       = local.kms_key_ids
}

output "kms_alias_names" {
  description = "KMS alias names (alias/<project>-<environment>-<service>), keyed by service name."
  value       = { for service, alias in aws_kms_alias.this : service => alias.name }
}

output "audit_kms_key_arn" {
  description = "ARN of the audit key that encrypts CloudTrail and Config files (null when both are off)."
  value       = try(aws_kms_key.audit[0].arn, null)
}

################################################################################
# Secrets Manager
################################################################################

output "secret_arns" {
  description = "ARNs of the Secrets Manager secrets, keyed by the names given in secrets."
  value       = { for name, s in aws_secretsmanager_secret.this : name => s.arn }
}

output "secret_names" {
  description = "Full names (<project>/<environment>/<name>) of the Secrets Manager secrets, keyed by the names given in secrets."
  value       = { for name, s in aws_secretsmanager_secret.this : name => s.name }
}

################################################################################
# IAM
################################################################################

output "ecs_task_execution_role_arn" {
  description = "ARN of the ECS task-execution role (execution_role_arn of task definitions)."
  value       = try(aws_iam_role.ecs_task_execution[0].arn, null)
}

output "ecs_task_role_arn" {
  description = "ARN of the ECS task role (task_role_arn of task definitions)."
  value       = try(aws_iam_role.ecs_task[0].arn, null)
}

output "ecs_task_role_name" {
  description = "Name of the ECS task role, to attach further policies."
  value       = try(aws_iam_role.ecs_task[0].name, null)
}

output "lambda_role_arns" {
  description = "ARNs of the Lambda execution roles, keyed as lambda_functions."
  value       = { for k, r in aws_iam_role.lambda : k => r.arn }
}

output "github_oidc_provider_arn" {
  description = "ARN of the GitHub Actions OIDC provider the roles trust (created or given; null when enable_github_oidc is off)."
  value       = local.github_oidc_provider_arn
}

output "github_plan_role_arn" {
  description = "ARN of the read-only GitHub Actions plan role (null when enable_github_oidc is off)."
  value       = try(aws_iam_role.github_plan[0].arn, null)
}

output "github_apply_role_arn" {
  description = "ARN of the GitHub Actions apply role (null when enable_github_oidc is off)."
  value       = try(aws_iam_role.github_apply[0].arn, null)
}

################################################################################
# Security groups
################################################################################

output "security_group_ids" {
  description = "Security group IDs keyed by purpose: alb, app, database, cache (empty when enable_security_groups is off)."
  value       = { for purpose, sg in aws_security_group.this : purpose => sg.id }
}

################################################################################
# WAF
################################################################################

output "waf_cloudfront_web_acl_arn" {
  description = "ARN of the CLOUDFRONT web ACL, for the distribution's web_acl_id (null when enable_waf is off)."
  value       = try(aws_wafv2_web_acl.this["cloudfront"].arn, null)
}

output "waf_regional_web_acl_arn" {
  description = "ARN of the REGIONAL web ACL, to associate with the load balancer (null when enable_waf is off)."
  value       = try(aws_wafv2_web_acl.this["regional"].arn, null)
}

output "waf_log_group_names" {
  description = "Names of the WAF log groups, keyed by cloudfront and regional (empty when enable_waf is off)."
  value       = { for k, g in aws_cloudwatch_log_group.waf : k => g.name }
}

################################################################################
# Audit
################################################################################

output "audit_bucket_name" {
  description = "Name of the audit bucket that receives CloudTrail and Config files (null when both are off)."
  value       = try(aws_s3_bucket.audit[0].id, null)
}

output "cloudtrail_arn" {
  description = "ARN of the CloudTrail trail (null when enable_cloudtrail is off)."
  value       = try(aws_cloudtrail.this[0].arn, null)
}

output "guardduty_detector_id" {
  description = "ID of the GuardDuty detector (null when enable_guardduty is off)."
  value       = try(aws_guardduty_detector.this[0].id, null)
}

output "config_recorder_name" {
  description = "Name (and ID) of the AWS Config recorder (null when enable_config is off)."
  value       = try(aws_config_configuration_recorder.this[0].id, null)
}

output "config_rule_arns" {
  description = "ARNs of the AWS Config rules, keyed by rule name (empty when enable_config is off)."
  value       = { for name, r in aws_config_config_rule.this : name => r.arn }
}
