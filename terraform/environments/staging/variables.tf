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

variable "primary_region" {
  type        = string
  description = "AWS region that hosts the environment: us-east-1 or us-west-2 (normally us-east-1)."
  default     = "us-east-1"

  validation {
    condition     = contains(["us-east-1", "us-west-2"], var.primary_region)
    error_message = "primary_region must be one of: us-east-1, us-west-2."
  }
}

variable "standby_region" {
  type        = string
  description = "AWS region used for replicas and disaster recovery: us-east-1 or us-west-2 (normally us-west-2)."
  default     = "us-west-2"

  validation {
    condition     = contains(["us-east-1", "us-west-2"], var.standby_region)
    error_message = "standby_region must be one of: us-east-1, us-west-2."
  }

  validation {
    condition     = var.standby_region != var.primary_region
    error_message = "standby_region must differ from primary_region."
  }
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR block of the environment's VPC, e.g. 10.10.0.0/16 (prefix length /16 to /20)."

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 20, false)
    error_message = "vpc_cidr must be a valid IPv4 CIDR block such as 10.10.0.0/16, with a prefix length between /16 and /20 (the networking module's subnet plan)."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the environment's CloudWatch log groups, in days; one of the values CloudWatch Logs accepts."

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
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

variable "kms_key_layout" {
  type        = string
  description = "per_service: one customer-managed KMS key per service (staging, production); shared: one key for every service, with an alias per service ($1 a month instead of about $8; only for throwaway data, dev). See the security module's README."
  default     = "per_service"

  validation {
    condition     = contains(["per_service", "shared"], var.kms_key_layout)
    error_message = "kms_key_layout must be per_service or shared."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags for every resource, on top of the provider default_tags (Project, Environment, CostCenter, Owner)."
  default     = {}
}

variable "az_count" {
  type        = number
  description = "Availability zones the VPC spans (2 in dev, 3 in staging and production)."

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 3 && floor(var.az_count) == var.az_count
    error_message = "az_count must be 2 or 3."
  }
}

variable "az_suffixes" {
  type        = list(string)
  description = "Letters of the primary region's AZs, in the order they are taken (the first az_count). AZ letters map to different AZ IDs in each account: leave out a letter whose AZ is use1-az3, where CloudFront VPC origins cannot reach the load balancer (the plan stops there with this advice). Only ever append to it in a running environment: an AZ's position fixes its subnets' CIDRs."
  default     = ["a", "b", "c", "d", "e", "f"]

  validation {
    condition     = length(var.az_suffixes) >= 2 && length(var.az_suffixes) <= 6 && alltrue([for s in var.az_suffixes : can(regex("^[a-z]$", s))]) && length(distinct(var.az_suffixes)) == length(var.az_suffixes)
    error_message = "az_suffixes must be 2 to 6 distinct single lowercase letters, e.g. [\"a\", \"b\", \"d\"]."
  }
}

variable "nat_mode" {
  type        = string
  description = "Outbound internet for the private subnets: instance (one t4g.nano NAT instance, dev: about $8 a month instead of $37), single (one shared NAT gateway), per_az (one NAT gateway per AZ, staging and production) or none."

  validation {
    condition     = contains(["instance", "single", "per_az", "none"], var.nat_mode)
    error_message = "nat_mode must be one of: instance, single, per_az, none."
  }
}

variable "interface_endpoints" {
  type        = set(string)
  description = "Interface VPC endpoints in the private subnets (ecr.api, ecr.dkr, logs, secretsmanager, kms, sts); each costs about $7.30 a month per AZ."
  default     = []
}

variable "enable_standby_region" {
  type        = bool
  description = "Build the us-west-2 standby: KMS keys, a VPC peered through transit gateways, and the replicas the storage module adds (production)."
  default     = false
}

variable "standby_vpc_cidr" {
  type        = string
  description = "IPv4 CIDR block of the standby VPC (must not overlap vpc_cidr); used when enable_standby_region is true."
  default     = "10.31.0.0/16"

  validation {
    condition     = can(cidrhost(var.standby_vpc_cidr, 0)) && try(tonumber(split("/", var.standby_vpc_cidr)[1]) >= 16 && tonumber(split("/", var.standby_vpc_cidr)[1]) <= 20, false)
    error_message = "standby_vpc_cidr must be a valid IPv4 CIDR block with a prefix length between /16 and /20."
  }
}

variable "standby_az_count" {
  type        = number
  description = "Availability zones of the standby VPC (2 keeps the pilot light cheap)."
  default     = 2

  validation {
    condition     = var.standby_az_count >= 2 && var.standby_az_count <= 3 && floor(var.standby_az_count) == var.standby_az_count
    error_message = "standby_az_count must be 2 or 3."
  }
}

variable "secret_recovery_window_in_days" {
  type        = number
  description = "Days a deleted Secrets Manager secret can be restored (0 deletes at once; otherwise 7-30)."
  default     = 30

  validation {
    condition     = var.secret_recovery_window_in_days == 0 || (var.secret_recovery_window_in_days >= 7 && var.secret_recovery_window_in_days <= 30)
    error_message = "secret_recovery_window_in_days must be 0 or between 7 and 30."
  }
}

variable "github_repository" {
  type        = string
  description = "GitHub repository (owner/name) whose Actions may plan and apply through OIDC roles; empty turns the roles off."
  default     = ""

  validation {
    condition     = var.github_repository == "" || can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name (letters, digits, '.', '_' and '-'), or empty."
  }
}

variable "github_branch" {
  type        = string
  description = "Branch whose workflows may apply (the plan role also accepts pull requests)."
  default     = "main"

  validation {
    condition     = can(regex("^[A-Za-z0-9._/-]+$", var.github_branch))
    error_message = "github_branch must be a branch name (letters, digits, '.', '_', '/' and '-')."
  }
}

variable "enable_waf" {
  type        = bool
  description = "WAF web ACLs for CloudFront and the load balancer (production in the seed's cost tables)."
  default     = false
}

variable "enable_cloudtrail" {
  type        = bool
  description = "Multi-region CloudTrail trail (staging and production)."
  default     = false
}

variable "enable_config" {
  type        = bool
  description = "AWS Config recorder and managed rules (staging and production)."
  default     = false
}

variable "enable_guardduty" {
  type        = bool
  description = "GuardDuty detector (production)."
  default     = false
}

variable "audit_log_retention_days" {
  type        = number
  description = "Days the CloudTrail and Config bucket keeps objects, and the audit log groups keep events."
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.audit_log_retention_days)
    error_message = "audit_log_retention_days must be one of the values CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "bucket_name_suffix" {
  type        = string
  description = "Suffix that makes the S3 bucket names globally unique, e.g. the account id; empty for none."
  default     = ""
}

variable "deletion_protection" {
  type        = bool
  description = "Deletion protection on the stateful resources (Aurora, DynamoDB, the load balancer): true in production."
  default     = false
}

variable "enable_s3_replication" {
  type        = bool
  description = "Replicate the S3 buckets to the standby region (staging and production)."
  default     = false
}

variable "dynamodb_tables" {
  type = map(object({
    hash_key         = string
    range_key        = optional(string)
    attributes       = map(string)
    ttl_attribute    = optional(string)
    billing_mode     = optional(string)
    table_class      = optional(string, "STANDARD")
    stream_view_type = optional(string)
    global_secondary_indexes = optional(map(object({
      hash_key           = string
      range_key          = optional(string)
      projection_type    = optional(string, "ALL")
      non_key_attributes = optional(list(string))
    })), {})
  }))
  description = "The application's DynamoDB tables, keyed by purpose (the storage module documents every field and validates them)."
  default     = {}
}

variable "dynamodb_billing_mode" {
  type        = string
  description = "PAY_PER_REQUEST (dev, staging) or PROVISIONED with target-tracking autoscaling (production)."
  default     = "PAY_PER_REQUEST"

  validation {
    condition     = contains(["PAY_PER_REQUEST", "PROVISIONED"], var.dynamodb_billing_mode)
    error_message = "dynamodb_billing_mode must be PAY_PER_REQUEST or PROVISIONED."
  }
}

variable "dynamodb_autoscaling" {
  type = object({
    read_min_capacity  = optional(number, 5)
    read_max_capacity  = optional(number, 100)
    write_min_capacity = optional(number, 5)
    write_max_capacity = optional(number, 100)
    target_utilization = optional(number, 70)
  })
  description = "Capacity range (units) and target utilization (percent) of PROVISIONED tables; the storage module validates it."
  default     = {}
}

variable "cache_engine" {
  type        = string
  description = "ElastiCache engine: valkey (cheaper, the default) or redis."
  default     = "valkey"

  validation {
    condition     = contains(["valkey", "redis"], var.cache_engine)
    error_message = "cache_engine must be valkey or redis."
  }
}

variable "cache_node_type" {
  type        = string
  description = "ElastiCache node type (dev cache.t4g.micro, the current-generation equivalent of the seed's cache.t3.micro; staging cache.t3.small; production cache.r7g.large)."

  validation {
    condition     = can(regex("^cache\\.[a-z0-9]+\\.[a-z0-9]+$", var.cache_node_type))
    error_message = "cache_node_type must be an ElastiCache node type such as cache.t4g.micro or cache.r7g.large."
  }
}

variable "cache_num_nodes" {
  type        = number
  description = "Cache nodes: 1, or 2 and more for automatic failover across AZs."
  default     = 1

  validation {
    condition     = var.cache_num_nodes >= 1 && var.cache_num_nodes <= 6 && floor(var.cache_num_nodes) == var.cache_num_nodes
    error_message = "cache_num_nodes must be a whole number from 1 to 6."
  }
}

variable "cache_snapshot_retention_days" {
  type        = number
  description = "Days ElastiCache keeps automatic snapshots (0 turns them off)."
  default     = 1

  validation {
    condition     = var.cache_snapshot_retention_days >= 0 && var.cache_snapshot_retention_days <= 35
    error_message = "cache_snapshot_retention_days must be between 0 and 35."
  }
}

variable "enable_cache_slow_log" {
  type        = bool
  description = "Deliver the cache's slow log to CloudWatch Logs."
  default     = false
}

variable "enable_aurora" {
  type        = bool
  description = "Aurora Serverless v2 PostgreSQL (staging and production)."
  default     = false
}

variable "aurora_min_capacity" {
  type        = number
  description = "Aurora Serverless v2 minimum ACUs (staging 0: pauses when idle; production 1). 0 is not allowed with the standby region's global database."
  default     = 0.5

  validation {
    condition     = var.aurora_min_capacity >= 0 && var.aurora_min_capacity <= 256
    error_message = "aurora_min_capacity must be between 0 and 256."
  }
}

variable "aurora_max_capacity" {
  type        = number
  description = "Aurora Serverless v2 maximum ACUs (staging 2, production 16)."
  default     = 2

  validation {
    condition     = var.aurora_max_capacity >= 1 && var.aurora_max_capacity <= 256
    error_message = "aurora_max_capacity must be between 1 and 256."
  }
}

variable "aurora_backup_retention_days" {
  type        = number
  description = "Days of Aurora automated backups (30 in production, as the seed's DR section says)."
  default     = 7

  validation {
    condition     = var.aurora_backup_retention_days >= 1 && var.aurora_backup_retention_days <= 35
    error_message = "aurora_backup_retention_days must be between 1 and 35."
  }
}

variable "spot_percentage" {
  type        = number
  description = "Share of tasks on Fargate Spot, in percent: dev 100, staging 70, production 0 (the seed's cost tables)."

  validation {
    condition     = var.spot_percentage >= 0 && var.spot_percentage <= 100
    error_message = "spot_percentage must be between 0 and 100."
  }
}

variable "services" {
  type = map(object({
    image             = optional(string)
    cpu               = number
    memory            = number
    port              = optional(number, 8080)
    health_check_path = optional(string, "/health")
    desired_count     = number
    min_count         = number
    max_count         = number
    environment       = optional(map(string), {})
    secrets           = optional(map(string), {})
    path_patterns     = optional(list(string), [])
    priority          = optional(number)
  }))
  description = "ECS services, keyed by name: size (CPU units, MiB), task counts and routing; the compute module validates Fargate sizes and ranges. image defaults to <account>.dkr.ecr.<region>.amazonaws.com/<project>/<name>:<image_tag>."
}

variable "default_service" {
  type        = string
  description = "The service the load balancer's default rule sends traffic to (a key of services)."
  default     = "web"
}

variable "image_tag" {
  type        = string
  description = "Tag of the services' default images in ECR (a release tag or a commit SHA)."
  default     = "latest"

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag must be a Docker tag: letters, digits, '_', '.' and '-', at most 128 characters."
  }
}

variable "scheduled_scaling" {
  type = map(object({
    schedule     = string
    min_capacity = number
    max_capacity = number
    timezone     = optional(string, "UTC")
  }))
  description = "Scheduled scaling actions (dev's night and weekend shutdown), keyed by name; see the compute module."
  default     = {}
}

variable "enable_blue_green" {
  type        = bool
  description = "Blue/green deployments checked by the deploycheck Lambda (build dist/deploycheck.zip with `make lambda` before plan); rolling deployments otherwise."
  default     = false
}

variable "hosted_zone_name" {
  type        = string
  description = "Public Route 53 hosted zone that holds the environment's names, e.g. candlefish.ai."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.hosted_zone_name))
    error_message = "hosted_zone_name must be a DNS name such as candlefish.ai."
  }
}

variable "app_hostname" {
  type        = string
  description = "Public host name of the environment (CloudFront), inside hosted_zone_name, e.g. dev.candlefish.ai; the load balancer answers CloudFront as origin.<app_hostname>."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.app_hostname))
    error_message = "app_hostname must be a DNS name such as dev.candlefish.ai."
  }
}

variable "enable_cdn_webgl_edge_function" {
  type        = bool
  description = "A Lambda@Edge function on the WebGL behaviours' origin responses that sets Content-Encoding and Content-Type of precompressed WebGL builds, whose *.data, *.br and *.gz patterns it adds (production; build dist/edge-webgl.zip with `make lambda` before plan)."
  default     = false
}

variable "enable_cdn_realtime_logs" {
  type        = bool
  description = "CloudFront real-time logs to a KMS-encrypted Kinesis stream (production)."
  default     = false
}

variable "monitoring_depth" {
  type        = string
  description = "How much CloudWatch watches: basic (dev), enhanced (staging) or full (production); see the monitoring module."

  validation {
    condition     = contains(["basic", "enhanced", "full"], var.monitoring_depth)
    error_message = "monitoring_depth must be basic, enhanced or full."
  }
}

variable "alert_emails" {
  type        = set(string)
  description = "Addresses that receive the environment's alarms, budget and anomaly alerts (each confirms its SNS subscription once)."
  default     = []

  validation {
    condition     = alltrue([for e in var.alert_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "alert_emails must be email addresses."
  }
}

variable "enable_critical_alerts" {
  type        = bool
  description = "A second SNS topic for critical alarms, to page on (production)."
  default     = false
}

variable "enable_canaries" {
  type        = bool
  description = "CloudWatch Synthetics canaries (heartbeat and API) against https://<app_hostname> (production)."
  default     = false
}

variable "monthly_budget_usd" {
  type        = number
  description = "AWS Budgets monthly ceiling in USD with alerts at 80 % and 100 % of actual and 100 % of forecast (the seed: dev 100, staging 400, production 1500)."

  validation {
    condition     = var.monthly_budget_usd > 0
    error_message = "monthly_budget_usd must be a positive amount."
  }
}

variable "standby_nat_mode" {
  type        = string
  description = "NAT in the standby VPC while it is a pilot light: none (nothing there calls out; saves about $37 a month) or single. failover_to_standby = true gives it a single NAT gateway whatever this says: the standby tasks reach ECR, CloudWatch Logs and Secrets Manager through it."
  default     = "none"

  validation {
    condition     = contains(["single", "none"], var.standby_nat_mode)
    error_message = "standby_nat_mode must be none or single."
  }
}

variable "standby_aurora_instances" {
  type        = number
  description = "db.serverless instances of the us-west-2 Aurora secondary while it is a pilot light (0-15). 0 (production's default) keeps it headless: it replicates the storage but runs no compute, saving the minimum capacity's $88 a month; failover_to_standby = true gives it at least one instance, which takes about 10 minutes to create, before it can be promoted."
  default     = 0

  validation {
    condition     = var.standby_aurora_instances >= 0 && var.standby_aurora_instances <= 15 && floor(var.standby_aurora_instances) == var.standby_aurora_instances
    error_message = "standby_aurora_instances must be a whole number between 0 and 15."
  }
}

variable "failover_to_standby" {
  type        = bool
  description = "The disaster-recovery switch (production): true scales the us-west-2 pilot light (module.compute_standby) to the primary services' min_count, gives the standby VPC a NAT gateway and points CloudFront's load balancer origin at the standby load balancer's VPC origin, by the name origin-<standby_region>.<app_hostname>. false: the standby runs no tasks. Needs enable_standby_region; see terraform/docs/disaster-recovery.md."
  default     = false

  validation {
    condition     = !var.failover_to_standby || var.enable_standby_region
    error_message = "failover_to_standby = true needs enable_standby_region = true: without the standby region there is nothing to fail over to."
  }
}
