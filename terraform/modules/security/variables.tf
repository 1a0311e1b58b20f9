################################################################################
# General
################################################################################

variable "project" {
  type        = string
  description = "Project name used as the first part of resource names (3-20 lowercase letters, digits and hyphens)."
  default     = "candlefish"

  validation {
    condition     = can(regex("^[a-z0-9-]{3,20}$", var.project))
    error_message = "project must be 3-20 characters of lowercase letters, digits and hyphens."
  }
}

variable "environment" {
  type        = string
  description = "Deployment environment: one of dev, staging or production."

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be one of: dev, staging, production."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into the tags of every resource, on top of the provider default_tags."
  default     = {}
}

variable "name_suffix" {
  type        = string
  description = "Optional last part of the names of the account-global resources the module creates (IAM roles and policies, the audit bucket, the multi-region trail): <name>-<name_suffix>, e.g. <project>-<environment>-ecs-task-execution-us-west-2. Use it for a second instance of the module, e.g. us-west-2 for a standby region, so that those names differ from the primary's; regional names (KMS aliases, secrets, security groups, WAF, Config) stay as they are. As the compute module's name_suffix; the default ECS log groups become /ecs/<project>-<environment>-<name_suffix>/*. Empty: none."
  default     = ""

  validation {
    condition     = var.name_suffix == "" || (can(regex("^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$", var.name_suffix)) && length("${var.project}-${var.environment}-${var.name_suffix}") <= 32)
    error_message = "name_suffix must be empty or 1-16 lowercase letters, digits and hyphens (not at either end), and <project>-<environment>-<name_suffix> may be at most 32 characters (as in the compute module; the role and bucket names then stay within IAM's 64 and S3's 63 characters)."
  }

  validation {
    condition     = var.name_suffix == "" || alltrue([for k in keys(var.lambda_functions) : length("${var.project}-${var.environment}-lambda-${k}-${var.name_suffix}") <= 64])
    error_message = "name_suffix makes a Lambda role name (<project>-<environment>-lambda-<key>-<name_suffix>) longer than IAM's 64 characters: use a shorter name_suffix or lambda_functions key."
  }
}

################################################################################
# KMS
################################################################################

variable "kms_services" {
  type        = set(string)
  description = "Services that get a customer-managed KMS key (their own, or the shared key with kms_key_layout = shared) and an alias alias/<project>-<environment>-<service>; at least s3, dynamodb, elasticache, aurora, logs, secrets and sns."
  default     = ["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns"]

  validation {
    condition     = length(var.kms_services) > 0 && alltrue([for s in var.kms_services : can(regex("^[a-z][a-z0-9-]{1,31}$", s))])
    error_message = "kms_services must be a non-empty set of names of 2-32 lowercase letters, digits and hyphens, starting with a letter."
  }

  validation {
    condition     = length(setsubtract(["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns"], var.kms_services)) == 0
    error_message = "kms_services must include s3, dynamodb, elasticache, aurora, logs, secrets and sns (other modules and this one use those keys); add others as needed."
  }

  validation {
    condition     = !contains(var.kms_services, "audit")
    error_message = "kms_services must not include audit: the audit key (CloudTrail, Config) is created by enable_cloudtrail / enable_config."
  }
}

variable "kms_key_layout" {
  type        = string
  description = "per_service (the default): one customer-managed key per kms_services entry, $1 a month each. shared: one key for all of them ($1 a month), rotated and with the same deletion window, whose policy holds every service's statements, each still limited to its own service (kms:ViaService, or its service principal with its conditions); every alias alias/<project>-<environment>-<service> and kms_key_arns[<service>] point at it. The price is isolation: only the policies' conditions (kms:ViaService, encryption contexts) separate the services, not separate keys, so a principal or service allowed to decrypt with the key through its own service path can decrypt the other services' data under that key that reaches it that way (an IAM grant on kms_key_arns[<service>] is a grant on every service's key), and disabling or deleting the key stops every service at once. For throwaway data only (dev); staging and production keep per_service. Switching an existing environment replaces its keys (see the README)."
  default     = "per_service"
  nullable    = false

  validation {
    condition     = contains(["per_service", "shared"], var.kms_key_layout)
    error_message = "kms_key_layout must be per_service or shared."
  }

  validation {
    condition     = var.kms_key_layout != "shared" || length(distinct([for s in var.kms_services : replace(title(s), "-", "")])) == length(var.kms_services)
    error_message = "kms_key_layout = shared names each service's key policy statements after the service without hyphens (AccountUsesTheKeyThroughItsServiceS3): kms_services must stay distinct that way (not both ebs-2x and ebs2x)."
  }
}

variable "allow_cloudfront_s3_decrypt" {
  type        = bool
  description = "Let CloudFront (this account's distributions) decrypt with the s3 key, so it can serve the SSE-KMS assets bucket through origin access control."
  default     = true
}

variable "kms_deletion_window_in_days" {
  type        = number
  description = "Waiting period, in days, before a scheduled KMS key deletion takes effect (7-30)."
  default     = 30

  validation {
    condition     = var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30 && floor(var.kms_deletion_window_in_days) == var.kms_deletion_window_in_days
    error_message = "kms_deletion_window_in_days must be a whole number between 7 and 30."
  }
}

variable "kms_key_via_services" {
  type        = map(list(string))
  description = "Per key (a kms_services name), the AWS services through which principals of the account may use it (kms:ViaService <service>.<region>.amazonaws.com), replacing the default for that key. Defaults: s3 = [s3], dynamodb = [dynamodb], elasticache = [elasticache], aurora = [rds], secrets = [secretsmanager], sns = [sns], logs = [] (CloudWatch Logs only)."
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.kms_key_via_services) : contains(var.kms_services, k)])
    error_message = "kms_key_via_services keys must be names listed in kms_services."
  }

  validation {
    condition     = alltrue(flatten([for k, v in var.kms_key_via_services : [for s in v : can(regex("^[a-z0-9][a-z0-9.-]{1,62}$", s))]]))
    error_message = "kms_key_via_services values must be AWS service endpoint prefixes such as s3, rds or secretsmanager (lowercase letters, digits, dots and hyphens)."
  }
}

variable "sns_kms_service_principals" {
  type        = list(string)
  description = "AWS service principals that may publish to SNS topics encrypted with the sns key (limited to this account by aws:SourceAccount)."
  default     = ["cloudwatch.amazonaws.com", "events.amazonaws.com", "budgets.amazonaws.com", "costalerts.amazonaws.com"]

  validation {
    condition     = length(var.sns_kms_service_principals) > 0 && alltrue([for p in var.sns_kms_service_principals : can(regex("^[a-z0-9][a-z0-9.-]*\\.amazonaws\\.com$", p))])
    error_message = "sns_kms_service_principals must be a non-empty list of AWS service principals such as cloudwatch.amazonaws.com or events.amazonaws.com."
  }
}

################################################################################
# Secrets Manager
################################################################################

variable "secrets" {
  type = map(object({
    description         = string
    rotation_lambda_arn = optional(string)
    rotation_days       = optional(number, 30)
    read_by_task_role   = optional(bool, false)
  }))
  description = "Application secrets by name (created as <project>/<environment>/<name>, encrypted with the secrets key, without a value). rotation_lambda_arn turns on rotation every rotation_days; the ECS task-execution role may read every secret (to inject it), the task role only those with read_by_task_role = true."
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.secrets) : can(regex("^[A-Za-z0-9][A-Za-z0-9/_+=.@-]{0,127}$", k))])
    error_message = "secrets names must be 1-128 characters of letters, digits and /_+=.@- starting with a letter or digit."
  }

  validation {
    condition     = alltrue([for s in values(var.secrets) : length(trimspace(s.description)) > 0 && length(s.description) <= 2048])
    error_message = "secrets descriptions must be non-empty and at most 2048 characters."
  }

  validation {
    condition     = alltrue([for s in values(var.secrets) : s.rotation_lambda_arn == null ? true : can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$", s.rotation_lambda_arn))])
    error_message = "secrets rotation_lambda_arn must be null or a Lambda function ARN: arn:<partition>:lambda:<region>:<account-id>:function:<name>[:<alias-or-version>]."
  }

  validation {
    condition     = alltrue([for s in values(var.secrets) : s.rotation_days >= 1 && s.rotation_days <= 1000 && floor(s.rotation_days) == s.rotation_days])
    error_message = "secrets rotation_days must be a whole number of days between 1 and 1000."
  }
}

variable "secret_recovery_window_in_days" {
  type        = number
  description = "Days Secrets Manager keeps a deleted secret recoverable: 0 (delete at once) or 7-30."
  default     = 30

  validation {
    condition     = var.secret_recovery_window_in_days == 0 || (var.secret_recovery_window_in_days >= 7 && var.secret_recovery_window_in_days <= 30 && floor(var.secret_recovery_window_in_days) == var.secret_recovery_window_in_days)
    error_message = "secret_recovery_window_in_days must be 0 or a whole number between 7 and 30."
  }
}

################################################################################
# IAM: ECS and Lambda roles
################################################################################

variable "enable_ecs_roles" {
  type        = bool
  description = "Create the ECS task-execution and task roles, <project>-<environment>-ecs-task-execution[-<name_suffix>] and <project>-<environment>-ecs-task[-<name_suffix>]. IAM role names are global: a second instance of the module (a standby region) creates them only with a name_suffix, or turns this off."
  default     = true
}

variable "ecr_repository_names" {
  type        = list(string)
  description = "ECR repositories (in this account and region) the ECS task-execution role may pull from; wildcards allowed. Empty means <project>-* and <project>/*."
  default     = []

  validation {
    condition     = alltrue([for r in var.ecr_repository_names : can(regex("^[a-z0-9*][a-z0-9._/*-]{0,255}$", r))])
    error_message = "ecr_repository_names must be ECR repository names (lowercase letters, digits, . _ - /, and * as a wildcard), at most 256 characters."
  }
}

variable "ecs_log_group_names" {
  type        = list(string)
  description = "CloudWatch log groups (in this account and region) the ECS task-execution role may write container logs to. Empty means every group under /ecs/<project>-<environment>/, or /ecs/<project>-<environment>-<name_suffix>/ with a name_suffix (the compute module names its groups /ecs/<project>-<environment>[-<name_suffix>]/<service>)."
  default     = []

  validation {
    condition     = alltrue([for g in var.ecs_log_group_names : can(regex("^[A-Za-z0-9_./#-]{1,512}$", g))])
    error_message = "ecs_log_group_names must be CloudWatch log group names: 1-512 characters of letters, digits and _ . / # -."
  }
}

variable "ecs_execution_secret_arns" {
  type        = list(string)
  description = "ARNs of secrets created elsewhere that ECS injects into containers (e.g. Aurora's managed master user secret), on top of the module's own secrets."
  default     = []

  validation {
    condition     = alltrue([for a in var.ecs_execution_secret_arns : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", a))])
    error_message = "ecs_execution_secret_arns must be Secrets Manager secret ARNs: arn:<partition>:secretsmanager:<region>:<account-id>:secret:<name>."
  }
}

variable "ecs_task_secret_arns" {
  type        = list(string)
  description = "ARNs of secrets created elsewhere that the application (ECS task role) reads at run time."
  default     = []

  validation {
    condition     = alltrue([for a in var.ecs_task_secret_arns : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", a))])
    error_message = "ecs_task_secret_arns must be Secrets Manager secret ARNs: arn:<partition>:secretsmanager:<region>:<account-id>:secret:<name>."
  }
}

variable "ecs_task_kms_key_arns" {
  type        = list(string)
  description = "ARNs of further KMS keys the application may use directly (Encrypt, Decrypt, GenerateDataKey); the module's s3, dynamodb and secrets keys are granted automatically, through their services, when buckets, tables or secrets are given."
  default     = []

  validation {
    condition     = alltrue([for a in var.ecs_task_kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-z0-9-]+$", a))])
    error_message = "ecs_task_kms_key_arns must be KMS key ARNs: arn:<partition>:kms:<region>:<account-id>:key/<key-id>."
  }
}

variable "s3_bucket_names" {
  type        = list(string)
  description = "S3 buckets the application (ECS task role) may list and read, write and delete objects in."
  default     = []

  validation {
    condition     = alltrue([for b in var.s3_bucket_names : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", b)) && !can(regex("\\.\\.", b))])
    error_message = "s3_bucket_names must be S3 bucket names: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit."
  }
}

variable "dynamodb_table_names" {
  type        = list(string)
  description = "DynamoDB tables (in this account and region) the application (ECS task role) may read and write, with their indexes."
  default     = []

  validation {
    condition     = alltrue([for t in var.dynamodb_table_names : can(regex("^[A-Za-z0-9_.-]{3,255}$", t))])
    error_message = "dynamodb_table_names must be DynamoDB table names: 3-255 letters, digits, underscores, dots and hyphens."
  }
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
  description = "Lambda execution roles by key (role <project>-<environment>-lambda-<key>[-<name_suffix>]). Each may write to its own log group (function_name, default <project>-<environment>-<key>; edge = true for Lambda@Edge), write X-Ray traces, manage VPC network interfaces when vpc_access = true, and do what policy_statements add."
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.lambda_functions) : can(regex("^[a-z0-9][a-z0-9-]{0,24}$", k))])
    error_message = "lambda_functions keys must be 1-25 lowercase letters, digits and hyphens, starting with a letter or digit."
  }

  validation {
    condition     = alltrue([for f in values(var.lambda_functions) : f.function_name == null ? true : can(regex("^[A-Za-z0-9_-]{1,64}$", f.function_name))])
    error_message = "lambda_functions function_name must be null or a Lambda function name: 1-64 letters, digits, hyphens and underscores."
  }

  validation {
    condition     = alltrue(flatten([for f in values(var.lambda_functions) : [for s in f.policy_statements : contains(["Allow", "Deny"], s.effect) && (s.sid == null ? true : can(regex("^[A-Za-z0-9]+$", s.sid)))]]))
    error_message = "lambda_functions policy_statements effect must be Allow or Deny, and sid (optional) only letters and digits."
  }

  validation {
    condition     = alltrue(flatten([for f in values(var.lambda_functions) : [for s in f.policy_statements : length(s.actions) > 0 && alltrue([for a in s.actions : can(regex("^[a-z0-9-]+:[A-Za-z0-9*]+$", a))])]]))
    error_message = "lambda_functions policy_statements actions must be a non-empty list of <service>:<action> names (a bare \"*\" is not allowed)."
  }

  validation {
    condition     = alltrue(flatten([for f in values(var.lambda_functions) : [for s in f.policy_statements : length(s.resources) > 0 && alltrue([for r in s.resources : r == "*" || startswith(r, "arn:")])]]))
    error_message = "lambda_functions policy_statements resources must be a non-empty list of ARNs (or \"*\" for actions without resource-level permissions)."
  }

  validation {
    condition     = alltrue(flatten([for f in values(var.lambda_functions) : [for s in f.policy_statements : !(contains(s.resources, "*") && anytrue([for a in s.actions : endswith(a, ":*")]))]]))
    error_message = "lambda_functions policy_statements must not grant a whole service (<service>:*) on all resources (\"*\"): name the actions or the ARNs."
  }
}

################################################################################
# GitHub Actions OIDC
################################################################################

variable "enable_github_oidc" {
  type        = bool
  description = "Create the GitHub Actions plan and apply roles (and, with create_github_oidc_provider, the OIDC provider). Needs github_repository."
  default     = false

  validation {
    condition     = !var.enable_github_oidc || var.github_repository != ""
    error_message = "enable_github_oidc = true needs github_repository (owner/repo)."
  }

  validation {
    condition     = !var.enable_github_oidc || var.create_github_oidc_provider || var.github_oidc_provider_arn != ""
    error_message = "enable_github_oidc = true with create_github_oidc_provider = false needs github_oidc_provider_arn (the account's existing provider)."
  }
}

variable "create_github_oidc_provider" {
  type        = bool
  description = "Create the account's token.actions.githubusercontent.com OIDC provider (there is one per account: create it in one environment and give the others github_oidc_provider_arn)."
  default     = true
}

variable "github_oidc_provider_arn" {
  type        = string
  description = "ARN of an existing token.actions.githubusercontent.com OIDC provider, used when create_github_oidc_provider = false; empty (or null) otherwise."
  default     = ""
  nullable    = false

  validation {
    condition     = var.github_oidc_provider_arn == "" || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com$", var.github_oidc_provider_arn))
    error_message = "github_oidc_provider_arn must be empty or arn:<partition>:iam::<account-id>:oidc-provider/token.actions.githubusercontent.com."
  }
}

variable "github_repository" {
  type        = string
  description = "GitHub repository, as owner/repo, whose workflows may assume the plan and apply roles; empty (or null) when enable_github_oidc is off."
  default     = ""
  nullable    = false

  validation {
    condition     = var.github_repository == "" || can(regex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?/[A-Za-z0-9._-]{1,100}$", var.github_repository))
    error_message = "github_repository must be empty or owner/repo: an owner of 1-39 letters, digits and inner hyphens, a slash, and a repository name of 1-100 letters, digits, dots, hyphens and underscores."
  }
}

variable "github_branch" {
  type        = string
  description = "Branch whose workflows may assume the apply role (and the plan role): the trust policies name repo:<owner>/<repo>:ref:refs/heads/<branch>."
  default     = "main"

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9._/-]{0,254}$", var.github_branch)) && !can(regex("(\\.\\.|//|/$|\\.$|\\.lock$|/\\.)", var.github_branch))
    error_message = "github_branch must be a Git branch name such as main or release/v1: letters, digits and . _ / -, not starting with - . or /, without .., //, /. or a trailing /, . or .lock, and no wildcards."
  }
}

variable "github_plan_allow_pull_requests" {
  type        = bool
  description = "Let workflows run for pull requests (subject repo:<owner>/<repo>:pull_request) assume the read-only plan role."
  default     = true
}

variable "github_allowed_regions" {
  type        = list(string)
  description = "AWS regions the plan and apply roles may act in (aws:RequestedRegion); us-east-1 is always added for the global services (IAM, CloudFront, Route 53)."
  default     = ["us-east-1", "us-west-2"]

  validation {
    condition     = length(var.github_allowed_regions) > 0 && alltrue([for r in var.github_allowed_regions : can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", r))])
    error_message = "github_allowed_regions must be a non-empty list of AWS region names such as us-east-1 and us-west-2."
  }
}

variable "terraform_state_bucket_name" {
  type        = string
  description = "S3 bucket of the Terraform state, which the GitHub roles read and lock. Null means <project>-terraform-state (terraform/backend)."
  default     = null

  validation {
    condition     = var.terraform_state_bucket_name == null ? true : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.terraform_state_bucket_name))
    error_message = "terraform_state_bucket_name must be null or an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit."
  }
}

variable "terraform_state_lock_table_name" {
  type        = string
  description = "DynamoDB table that locks the Terraform state. Null means <project>-terraform-locks."
  default     = null

  validation {
    condition     = var.terraform_state_lock_table_name == null ? true : can(regex("^[A-Za-z0-9_.-]{3,255}$", var.terraform_state_lock_table_name))
    error_message = "terraform_state_lock_table_name must be null or a DynamoDB table name: 3-255 letters, digits, underscores, dots and hyphens."
  }
}

variable "terraform_state_kms_key_alias" {
  type        = string
  description = "Alias of the KMS key that encrypts the Terraform state. Null means alias/<project>-terraform-state."
  default     = null

  validation {
    condition     = var.terraform_state_kms_key_alias == null ? true : can(regex("^alias/[A-Za-z0-9/_-]{1,250}$", var.terraform_state_kms_key_alias)) && !can(regex("^alias/aws/", var.terraform_state_kms_key_alias))
    error_message = "terraform_state_kms_key_alias must be null or a customer alias such as alias/candlefish-terraform-state (not alias/aws/...)."
  }
}

################################################################################
# Security groups
################################################################################

variable "enable_security_groups" {
  type        = bool
  description = "Create the load balancer, application, database and cache security groups in vpc_id. Needs vpc_id and vpc_cidr."
  default     = false

  validation {
    condition     = !var.enable_security_groups || (var.vpc_cidr != "" && var.vpc_id != "")
    error_message = "enable_security_groups = true needs vpc_id and vpc_cidr."
  }
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC the security groups belong to; empty (or null) when enable_security_groups is off."
  default     = ""
  nullable    = false

  validation {
    condition     = var.vpc_id == "" || can(regex("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", var.vpc_id))
    error_message = "vpc_id must be empty or a VPC ID such as vpc-0123456789abcdef0."
  }
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR block of the VPC (e.g. 10.10.0.0/16): the application reaches interface VPC endpoints there over HTTPS; empty (or null) when enable_security_groups is off."
  default     = ""
  nullable    = false

  validation {
    condition     = var.vpc_cidr == "" || can(cidrhost(var.vpc_cidr, 0)) && try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 28, false)
    error_message = "vpc_cidr must be empty or a valid IPv4 CIDR block such as 10.10.0.0/16, with a prefix length between /16 and /28."
  }
}

variable "alb_ingress_from_cloudfront" {
  type        = bool
  description = "true: the load balancer accepts HTTPS (443) only from CloudFront's origin-facing managed prefix list, which serves an internet-facing load balancer and an internal one behind CloudFront VPC origins alike (from the first apply); false: HTTPS (443) and HTTP (80) from the whole internet (IPv4 and IPv6)."
  default     = true
}

variable "app_port" {
  type        = number
  description = "TCP port the application containers listen on (1-65535)."
  default     = 8080

  validation {
    condition     = var.app_port >= 1 && var.app_port <= 65535 && floor(var.app_port) == var.app_port
    error_message = "app_port must be a whole number between 1 and 65535."
  }
}

variable "database_port" {
  type        = number
  description = "TCP port of the database (Aurora PostgreSQL: 5432)."
  default     = 5432

  validation {
    condition     = var.database_port >= 1 && var.database_port <= 65535 && floor(var.database_port) == var.database_port
    error_message = "database_port must be a whole number between 1 and 65535."
  }
}

variable "cache_port" {
  type        = number
  description = "TCP port of the cache (ElastiCache Redis: 6379)."
  default     = 6379

  validation {
    condition     = var.cache_port >= 1 && var.cache_port <= 65535 && floor(var.cache_port) == var.cache_port
    error_message = "cache_port must be a whole number between 1 and 65535."
  }
}

variable "allow_app_https_through_nat" {
  type        = bool
  description = "Let the application reach HTTPS anywhere through the NAT gateways: needed to pull images and ship logs when the VPC has no ECR/Logs/Secrets Manager interface endpoints (cheaper; dev and staging). Off when the endpoints exist."
  default     = false
}

variable "app_egress_https_cidr_blocks" {
  type        = list(string)
  description = "Further IPv4 CIDR blocks the application may reach over HTTPS (e.g. a partner API through the NAT gateway); the open internet (/0) is not allowed."
  default     = []

  validation {
    condition     = alltrue([for c in var.app_egress_https_cidr_blocks : can(cidrhost(c, 0)) && can(regex("^[0-9.]+/([1-9]|[12][0-9]|3[0-2])$", c))])
    error_message = "app_egress_https_cidr_blocks must be IPv4 CIDR blocks such as 203.0.113.0/24, with a prefix length between /1 and /32 (0.0.0.0/0 is not allowed)."
  }
}

################################################################################
# WAF
################################################################################

variable "enable_waf" {
  type        = bool
  description = "Create the WAF v2 web ACLs: one with scope CLOUDFRONT (the module's provider must be in us-east-1) and one REGIONAL for the load balancer."
  default     = false
}

variable "waf_rate_limit" {
  type        = number
  description = "Requests per client IP per 5 minutes above which the rate-based rule blocks (10-2000000000)."
  default     = 2000

  validation {
    condition     = var.waf_rate_limit >= 10 && var.waf_rate_limit <= 2000000000 && floor(var.waf_rate_limit) == var.waf_rate_limit
    error_message = "waf_rate_limit must be a whole number between 10 and 2000000000."
  }
}

variable "waf_log_retention_days" {
  type        = number
  description = "Retention of the WAF log groups, in days; one of the values CloudWatch Logs accepts."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.waf_log_retention_days)
    error_message = "waf_log_retention_days must be one of: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "waf_common_rule_set_count_rules" {
  type        = list(string)
  description = "Rules of AWSManagedRulesCommonRuleSet that only count instead of block (e.g. SizeRestrictions_BODY for large uploads)."
  default     = []

  validation {
    condition     = alltrue([for r in var.waf_common_rule_set_count_rules : can(regex("^[A-Za-z0-9_]{1,128}$", r))])
    error_message = "waf_common_rule_set_count_rules must be rule names of the common rule set, such as SizeRestrictions_BODY (letters, digits and underscores)."
  }
}

################################################################################
# Audit: CloudTrail, GuardDuty, Config
################################################################################

variable "enable_cloudtrail" {
  type        = bool
  description = "Create a multi-region CloudTrail trail with log file validation, delivering to the audit bucket with the audit key."
  default     = false
}

variable "enable_guardduty" {
  type        = bool
  description = "Create a GuardDuty detector (one per account and region) with guardduty_features."
  default     = false
}

variable "enable_config" {
  type        = bool
  description = "Create an AWS Config recorder (one per account and region), its delivery channel to the audit bucket and the config_rules."
  default     = false
}

variable "audit_log_retention_days" {
  type        = number
  description = "Days CloudTrail and Config files are kept in the audit bucket (180-3653); they move to STANDARD_IA after 30 days and GLACIER after 90."
  default     = 365

  validation {
    condition     = var.audit_log_retention_days >= 180 && var.audit_log_retention_days <= 3653 && floor(var.audit_log_retention_days) == var.audit_log_retention_days
    error_message = "audit_log_retention_days must be a whole number between 180 and 3653."
  }
}

variable "guardduty_finding_publishing_frequency" {
  type        = string
  description = "How often GuardDuty publishes updates of findings: FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS."
  default     = "SIX_HOURS"

  validation {
    condition     = contains(["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"], var.guardduty_finding_publishing_frequency)
    error_message = "guardduty_finding_publishing_frequency must be one of: FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS."
  }
}

variable "guardduty_features" {
  type        = set(string)
  description = "GuardDuty protection plans to turn on (RUNTIME_MONITORING also manages the ECS Fargate agent)."
  default     = ["S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS"]

  validation {
    condition     = length(setsubtract(var.guardduty_features, ["S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "EKS_RUNTIME_MONITORING", "LAMBDA_NETWORK_LOGS", "RUNTIME_MONITORING"])) == 0
    error_message = "guardduty_features must contain only: S3_DATA_EVENTS, EKS_AUDIT_LOGS, EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS, EKS_RUNTIME_MONITORING, LAMBDA_NETWORK_LOGS, RUNTIME_MONITORING."
  }

  validation {
    condition     = !(contains(var.guardduty_features, "EKS_RUNTIME_MONITORING") && contains(var.guardduty_features, "RUNTIME_MONITORING"))
    error_message = "guardduty_features may contain EKS_RUNTIME_MONITORING or RUNTIME_MONITORING, not both (RUNTIME_MONITORING includes EKS)."
  }
}

variable "config_rules" {
  type        = set(string)
  description = "AWS managed Config rules to deploy (created as <project>-<environment>-<rule>), from the module's baseline catalogue."
  default = [
    "cloudtrail-enabled",
    "cmk-backing-key-rotation-enabled",
    "dynamodb-pitr-enabled",
    "encrypted-volumes",
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

  validation {
    condition = length(setsubtract(var.config_rules, [
      "cloudtrail-enabled", "cmk-backing-key-rotation-enabled", "dynamodb-pitr-enabled", "encrypted-volumes",
      "guardduty-enabled-centralized", "iam-password-policy", "iam-root-access-key-check", "rds-storage-encrypted",
      "restricted-ssh", "root-account-mfa-enabled", "s3-bucket-public-read-prohibited", "s3-bucket-public-write-prohibited",
      "s3-bucket-server-side-encryption-enabled", "s3-bucket-ssl-requests-only", "vpc-default-security-group-closed", "vpc-flow-logs-enabled",
    ])) == 0
    error_message = "config_rules must contain only: cloudtrail-enabled, cmk-backing-key-rotation-enabled, dynamodb-pitr-enabled, encrypted-volumes, guardduty-enabled-centralized, iam-password-policy, iam-root-access-key-check, rds-storage-encrypted, restricted-ssh, root-account-mfa-enabled, s3-bucket-public-read-prohibited, s3-bucket-public-write-prohibited, s3-bucket-server-side-encryption-enabled, s3-bucket-ssl-requests-only, vpc-default-security-group-closed, vpc-flow-logs-enabled."
  }
}

variable "config_recording_frequency" {
  type        = string
  description = "How often AWS Config records changes: CONTINUOUS or DAILY (cheaper)."
  default     = "CONTINUOUS"

  validation {
    condition     = contains(["CONTINUOUS", "DAILY"], var.config_recording_frequency)
    error_message = "config_recording_frequency must be one of: CONTINUOUS, DAILY."
  }
}
