variable "region" {
  type        = string
  description = "AWS region of the example: us-east-1, where CloudFront-scope WAF web ACLs must be created."
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR block of the example VPC, also passed to the module as vpc_cidr."
}

variable "vpc_id" {
  type        = string
  description = "ID of an existing VPC for the security groups; null creates the example VPC."
}

variable "project" {
  type        = string
  description = "Project name used as the first part of resource names (3-20 lowercase letters, digits and hyphens)."
}

variable "environment" {
  type        = string
  description = "Deployment environment: one of dev, staging or production."
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into the tags of every resource, on top of the provider default_tags."
}

variable "name_suffix" {
  type        = string
  description = "Last part of the module's account-global names (IAM roles and policies, audit bucket, trail) for a second instance of the module, e.g. us-west-2; empty for the primary."
}

variable "kms_services" {
  type        = set(string)
  description = "Services that get their own customer-managed KMS key and alias (alias/<project>-<environment>-<service>); at least s3, dynamodb, elasticache, aurora, logs, secrets and sns."
}

variable "kms_key_layout" {
  type        = string
  description = "per_service: one customer-managed key per service (staging, production); shared: one key for every service, with an alias per service (dev's throwaway data; shared-kms.tfvars)."
}

variable "kms_deletion_window_in_days" {
  type        = number
  description = "Waiting period, in days, before a scheduled KMS key deletion takes effect (7-30)."
}

variable "kms_key_via_services" {
  type        = map(list(string))
  description = "Per key (a kms_services name), the AWS services through which principals of the account may use it (kms:ViaService <service>.<region>.amazonaws.com), replacing the default for that key. Defaults: s3 = [s3], dynamodb = [dynamodb], elasticache = [elasticache], aurora = [rds], secrets = [secretsmanager], sns = [sns], logs = [] (CloudWatch Logs only)."
}

variable "sns_kms_service_principals" {
  type        = list(string)
  description = "AWS service principals that may publish to SNS topics encrypted with the sns key (limited to this account by aws:SourceAccount)."
}

variable "secrets" {
  type = map(object({
    description         = string
    rotation_lambda_arn = optional(string)
    rotation_days       = optional(number, 30)
    read_by_task_role   = optional(bool, false)
  }))
  description = "Application secrets by name (created as <project>/<environment>/<name>, encrypted with the secrets key, without a value). rotation_lambda_arn turns on rotation every rotation_days; the ECS task-execution role may read every secret (to inject it), the task role only those with read_by_task_role = true."
}

variable "secret_recovery_window_in_days" {
  type        = number
  description = "Days Secrets Manager keeps a deleted secret recoverable: 0 (delete at once) or 7-30."
}

variable "ecr_repository_names" {
  type        = list(string)
  description = "ECR repositories (in this account and region) the ECS task-execution role may pull from; wildcards allowed. Empty means <project>-* and <project>/*."
}

variable "ecs_log_group_names" {
  type        = list(string)
  description = "CloudWatch log groups the ECS task-execution role may write container logs to. Empty means /ecs/<project>-<environment>."
}

variable "ecs_execution_secret_arns" {
  type        = list(string)
  description = "ARNs of secrets created elsewhere that ECS injects into containers (e.g. Aurora's managed master user secret), on top of the module's own secrets."
}

variable "ecs_task_secret_arns" {
  type        = list(string)
  description = "ARNs of secrets created elsewhere that the application (ECS task role) reads at run time."
}

variable "ecs_task_kms_key_arns" {
  type        = list(string)
  description = "ARNs of further KMS keys the application may use directly (Encrypt, Decrypt, GenerateDataKey); the module's s3, dynamodb and secrets keys are granted automatically, through their services, when buckets, tables or secrets are given."
}

variable "s3_bucket_names" {
  type        = list(string)
  description = "S3 buckets the application (ECS task role) may list and read, write and delete objects in."
}

variable "dynamodb_table_names" {
  type        = list(string)
  description = "DynamoDB tables (in this account and region) the application (ECS task role) may read and write, with their indexes."
}

variable "lambda_functions" {
  type = map(object({
    function_name = optional(string)
    edge          = optional(bool, false)
    vpc_access    = optional(bool, false)
    policy_statements = optional(list(object({
      sid       = optional(string)
      effect    = optional(string, "Allow")
      actions   = list(string)
      resources = list(string)
    })), [])
  }))
  description = "Lambda execution roles by key (role <project>-<environment>-lambda-<key>). Each may write to its own log group (function_name, default <project>-<environment>-<key>; edge = true for Lambda@Edge), write X-Ray traces, manage VPC network interfaces when vpc_access = true, and do what policy_statements add."
}

variable "enable_github_oidc" {
  type        = bool
  description = "Create the GitHub Actions plan and apply roles (and, with create_github_oidc_provider, the OIDC provider). Needs github_repository."
}

variable "create_github_oidc_provider" {
  type        = bool
  description = "Create the account's token.actions.githubusercontent.com OIDC provider (there is one per account: create it in one environment and give the others github_oidc_provider_arn)."
}

variable "github_oidc_provider_arn" {
  type        = string
  description = "ARN of an existing token.actions.githubusercontent.com OIDC provider, used when create_github_oidc_provider = false; empty (or null) otherwise."
}

variable "github_repository" {
  type        = string
  description = "GitHub repository, as owner/repo, whose workflows may assume the plan and apply roles; empty (or null) when enable_github_oidc is off."
}

variable "github_branch" {
  type        = string
  description = "Branch whose workflows may assume the apply role (and the plan role): the trust policies name repo:<owner>/<repo>:ref:refs/heads/<branch>."
}

variable "github_plan_allow_pull_requests" {
  type        = bool
  description = "Let workflows run for pull requests (subject repo:<owner>/<repo>:pull_request) assume the read-only plan role."
}

variable "github_allowed_regions" {
  type        = list(string)
  description = "AWS regions the plan and apply roles may act in (aws:RequestedRegion); us-east-1 is always added for the global services (IAM, CloudFront, Route 53)."
}

variable "terraform_state_bucket_name" {
  type        = string
  description = "S3 bucket of the Terraform state, which the GitHub roles read and lock. Null means <project>-terraform-state (terraform/backend)."
}

variable "terraform_state_lock_table_name" {
  type        = string
  description = "DynamoDB table that locks the Terraform state. Null means <project>-terraform-locks."
}

variable "terraform_state_kms_key_alias" {
  type        = string
  description = "Alias of the KMS key that encrypts the Terraform state. Null means alias/<project>-terraform-state."
}

variable "enable_security_groups" {
  type        = bool
  description = "Create the load balancer, application, database and cache security groups in vpc_id. Needs vpc_id and vpc_cidr."
}

variable "alb_ingress_from_cloudfront" {
  type        = bool
  description = "true: the load balancer accepts HTTPS (443) only from CloudFront's origin-facing managed prefix list; false: HTTPS (443) and HTTP (80) from the whole internet (IPv4 and IPv6)."
}

variable "app_port" {
  type        = number
  description = "TCP port the application containers listen on (1-65535)."
}

variable "database_port" {
  type        = number
  description = "TCP port of the database (Aurora PostgreSQL: 5432)."
}

variable "cache_port" {
  type        = number
  description = "TCP port of the cache (ElastiCache Redis: 6379)."
}

variable "app_egress_https_cidr_blocks" {
  type        = list(string)
  description = "Further IPv4 CIDR blocks the application may reach over HTTPS (e.g. a partner API through the NAT gateway); the open internet (/0) is not allowed."
}

variable "enable_waf" {
  type        = bool
  description = "Create the WAF v2 web ACLs: one with scope CLOUDFRONT (the module's provider must be in us-east-1) and one REGIONAL for the load balancer."
}

variable "waf_rate_limit" {
  type        = number
  description = "Requests per client IP per 5 minutes above which the rate-based rule blocks (10-2000000000)."
}

variable "waf_log_retention_days" {
  type        = number
  description = "Retention of the WAF log groups, in days; one of the values CloudWatch Logs accepts."
}

variable "waf_common_rule_set_count_rules" {
  type        = list(string)
  description = "Rules of AWSManagedRulesCommonRuleSet that only count instead of block (e.g. SizeRestrictions_BODY for large uploads)."
}

variable "enable_cloudtrail" {
  type        = bool
  description = "Create a multi-region CloudTrail trail with log file validation, delivering to the audit bucket with the audit key."
}

variable "enable_guardduty" {
  type        = bool
  description = "Create a GuardDuty detector (one per account and region) with guardduty_features."
}

variable "enable_config" {
  type        = bool
  description = "Create an AWS Config recorder (one per account and region), its delivery channel to the audit bucket and the config_rules."
}

variable "audit_log_retention_days" {
  type        = number
  description = "Days CloudTrail and Config files are kept in the audit bucket (180-3653); they move to STANDARD_IA after 30 days and GLACIER after 90."
}

variable "guardduty_finding_publishing_frequency" {
  type        = string
  description = "How often GuardDuty publishes updates of findings: FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS."
}

variable "guardduty_features" {
  type        = set(string)
  description = "GuardDuty protection plans to turn on (RUNTIME_MONITORING also manages the ECS Fargate agent)."
}

variable "config_rules" {
  type        = set(string)
  description = "AWS managed Config rules to deploy (created as <project>-<environment>-<rule>), from the module's baseline catalogue."
}

variable "config_recording_frequency" {
  type        = string
  description = "How often AWS Config records changes: CONTINUOUS or DAILY (cheaper)."
}
