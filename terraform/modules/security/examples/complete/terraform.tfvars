# Production-like: every feature on. Every variable is set here so that
# tests can override any of them (internal/envtest/security_test.go).

region      = "us-east-1"
project     = "candlefish"
environment = "production"
name_suffix = ""
tags        = {}

vpc_cidr = "10.30.0.0/16"
vpc_id   = null

# KMS
kms_services                = ["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns"]
kms_key_layout              = "per_service"
kms_deletion_window_in_days = 30
kms_key_via_services        = {}
sns_kms_service_principals  = ["cloudwatch.amazonaws.com", "events.amazonaws.com"]

# Secrets Manager: containers only, values are put by operators or rotation.
secrets = {
  "app/config" = {
    description       = "Application configuration (JSON)."
    read_by_task_role = true
  }
  "partner-api-key" = {
    description         = "API key of the payment partner, rotated by a Lambda."
    rotation_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:candlefish-production-rotate-partner-key"
    rotation_days       = 30
  }
}
secret_recovery_window_in_days = 30

# ECS and Lambda roles
ecr_repository_names      = ["candlefish/api", "candlefish/worker"]
ecs_log_group_names       = ["/ecs/candlefish-production"]
ecs_execution_secret_arns = ["arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!cluster-0a1b2c3d-AbCdEf"]
ecs_task_secret_arns      = []
ecs_task_kms_key_arns     = ["arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
s3_bucket_names           = ["candlefish-production-assets", "candlefish-production-uploads"]
dynamodb_table_names      = ["candlefish-production-sessions", "candlefish-production-events"]

lambda_functions = {
  rotate-partner-key = {
    vpc_access = true
    policy_statements = [
      {
        sid = "RotateThePartnerSecret"
        actions = [
          "secretsmanager:DescribeSecret",
          "secretsmanager:GetSecretValue",
          "secretsmanager:PutSecretValue",
          "secretsmanager:UpdateSecretVersionStage",
        ]
        resources = ["arn:aws:secretsmanager:us-east-1:123456789012:secret:candlefish/production/partner-api-key-*"]
      },
    ]
  }
  edge-headers = {
    function_name = "candlefish-production-edge-headers"
    edge          = true
  }
}

# GitHub Actions OIDC
enable_github_oidc              = true
create_github_oidc_provider     = true
github_oidc_provider_arn        = ""
github_repository               = "candlefish-ai/infrastructure"
github_branch                   = "main"
github_plan_allow_pull_requests = true
github_allowed_regions          = ["us-east-1", "us-west-2"]
terraform_state_bucket_name     = "candlefish-terraform-state"
terraform_state_lock_table_name = "candlefish-terraform-locks"
terraform_state_kms_key_alias   = "alias/candlefish-terraform-state"

# Security groups
enable_security_groups       = true
alb_ingress_from_cloudfront  = true
app_port                     = 8080
database_port                = 5432
cache_port                   = 6379
app_egress_https_cidr_blocks = ["203.0.113.0/24"]

# WAF
enable_waf                      = true
waf_rate_limit                  = 2000
waf_log_retention_days          = 90
waf_common_rule_set_count_rules = ["SizeRestrictions_BODY"]

# Audit
enable_cloudtrail                      = true
enable_guardduty                       = true
enable_config                          = true
audit_log_retention_days               = 2557
guardduty_finding_publishing_frequency = "FIFTEEN_MINUTES"
guardduty_features                     = ["S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS", "RUNTIME_MONITORING"]
config_rules = [
  "cloudtrail-enabled",
  "cmk-backing-key-rotation-enabled",
  "dynamodb-pitr-enabled",
  "encrypted-volumes",
  "guardduty-enabled-centralized",
  "iam-password-policy",
  "iam-root-access-key-check",
  "rds-storage-encrypted",
  "restricted-ssh",
  "root-account-mfa-enabled",
  "s3-bucket-public-read-prohibited",
  "s3-bucket-public-write-prohibited",
  "s3-bucket-server-side-encryption-enabled",
  "s3-bucket-ssl-requests-only",
  "vpc-default-security-group-closed",
  "vpc-flow-logs-enabled",
]
config_recording_frequency = "CONTINUOUS"
