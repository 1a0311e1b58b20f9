# Every feature of the security module, as production uses it: KMS keys,
# secrets (one rotated), ECS and Lambda roles, GitHub OIDC roles, the four
# security groups in a VPC, both WAF web ACLs, CloudTrail, GuardDuty and
# Config. Every input comes from terraform.tfvars.

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

# The VPC the security groups belong to (the networking module's, in the
# environments), unless vpc_id names an existing one. Its default security
# group is stripped of all rules.
resource "aws_vpc" "this" {
  count = var.vpc_id == null ? 1 : 0

  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = "${var.project}-${var.environment}-security-example"
  }
}

resource "aws_default_security_group" "this" {
  count = var.vpc_id == null ? 1 : 0

  vpc_id = aws_vpc.this[0].id
}

module "security" {
  source = "../.."

  project     = var.project
  environment = var.environment
  name_suffix = var.name_suffix
  tags        = var.tags

  kms_services                = var.kms_services
  kms_key_layout              = var.kms_key_layout
  kms_deletion_window_in_days = var.kms_deletion_window_in_days
  kms_key_via_services        = var.kms_key_via_services
  sns_kms_service_principals  = var.sns_kms_service_principals

  secrets                        = var.secrets
  secret_recovery_window_in_days = var.secret_recovery_window_in_days

  ecr_repository_names      = var.ecr_repository_names
  ecs_log_group_names       = var.ecs_log_group_names
  ecs_execution_secret_arns = var.ecs_execution_secret_arns
  ecs_task_secret_arns      = var.ecs_task_secret_arns
  ecs_task_kms_key_arns     = var.ecs_task_kms_key_arns
  s3_bucket_names           = var.s3_bucket_names
  dynamodb_table_names      = var.dynamodb_table_names
  lambda_functions          = var.lambda_functions

  enable_github_oidc              = var.enable_github_oidc
  create_github_oidc_provider     = var.create_github_oidc_provider
  github_oidc_provider_arn        = var.github_oidc_provider_arn
  github_repository               = var.github_repository
  github_branch                   = var.github_branch
  github_plan_allow_pull_requests = var.github_plan_allow_pull_requests
  github_allowed_regions          = var.github_allowed_regions
  terraform_state_bucket_name     = var.terraform_state_bucket_name
  terraform_state_lock_table_name = var.terraform_state_lock_table_name
  terraform_state_kms_key_alias   = var.terraform_state_kms_key_alias

  enable_security_groups       = var.enable_security_groups
  vpc_id                       = var.vpc_id == null ? aws_vpc.this[0].id : var.vpc_id
  vpc_cidr                     = var.vpc_cidr
  alb_ingress_from_cloudfront  = var.alb_ingress_from_cloudfront
  app_port                     = var.app_port
  database_port                = var.database_port
  cache_port                   = var.cache_port
  app_egress_https_cidr_blocks = var.app_egress_https_cidr_blocks

  enable_waf                      = var.enable_waf
  waf_rate_limit                  = var.waf_rate_limit
  waf_log_retention_days          = var.waf_log_retention_days
  waf_common_rule_set_count_rules = var.waf_common_rule_set_count_rules

  enable_cloudtrail                      = var.enable_cloudtrail
  enable_guardduty                       = var.enable_guardduty
  enable_config                          = var.enable_config
  audit_log_retention_days               = var.audit_log_retention_days
  guardduty_finding_publishing_frequency = var.guardduty_finding_publishing_frequency
  guardduty_features                     = var.guardduty_features
  config_rules                           = var.config_rules
  config_recording_frequency             = var.config_recording_frequency
}
