# ---------------------------------------------------------------------------
# Common
# ---------------------------------------------------------------------------

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

variable "replica_region" {
  type        = string
  description = "Region of the aws.replica provider (the standby region, normally us-west-2): where the S3 replica buckets, the DynamoDB replicas and the Aurora secondary cluster live. Must be the region the aws.replica provider is configured with."
  default     = "us-west-2"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.replica_region))
    error_message = "replica_region must be an AWS region name such as us-west-2."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention, in days, of the CloudWatch log groups this module creates (ElastiCache slow log, Aurora PostgreSQL log); one of the values CloudWatch Logs accepts."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "secret_recovery_window_in_days" {
  type        = number
  description = "Days Secrets Manager keeps a deleted secret (the ElastiCache AUTH token, the Aurora global database's master password) before erasing it: 0 (immediately) or 7-30."
  default     = 30

  validation {
    condition     = var.secret_recovery_window_in_days == 0 || (var.secret_recovery_window_in_days >= 7 && var.secret_recovery_window_in_days <= 30 && floor(var.secret_recovery_window_in_days) == var.secret_recovery_window_in_days)
    error_message = "secret_recovery_window_in_days must be 0 or a whole number between 7 and 30."
  }
}

# ---------------------------------------------------------------------------
# KMS keys (from the security module; replica-region keys from the caller)
# ---------------------------------------------------------------------------

variable "s3_kms_key_arn" {
  type        = string
  description = "ARN of the customer-managed KMS key (primary region) that encrypts the S3 buckets (SSE-KMS with bucket keys); the logs bucket uses SSE-S3, see the README."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.s3_kms_key_arn))
    error_message = "s3_kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<key-id>."
  }
}

variable "replica_s3_kms_key_arn" {
  type        = string
  description = "ARN of a KMS key in replica_region that encrypts the S3 replica buckets; null creates one there (with rotation) when enable_replication is true."
  default     = null

  validation {
    condition     = var.replica_s3_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.replica_s3_kms_key_arn))
    error_message = "replica_s3_kms_key_arn must be null or a KMS key ARN: arn:aws:kms:<region>:<account>:key/<key-id>."
  }
}

variable "dynamodb_kms_key_arn" {
  type        = string
  description = "ARN of the customer-managed KMS key (primary region) that encrypts the DynamoDB tables."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.dynamodb_kms_key_arn))
    error_message = "dynamodb_kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<key-id>."
  }
}

variable "replica_dynamodb_kms_key_arn" {
  type        = string
  description = "ARN of the KMS key in replica_region that encrypts the DynamoDB replicas; required when enable_dynamodb_replica is true."
  default     = null

  validation {
    condition     = var.replica_dynamodb_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.replica_dynamodb_kms_key_arn))
    error_message = "replica_dynamodb_kms_key_arn must be null or a KMS key ARN: arn:aws:kms:<region>:<account>:key/<key-id>."
  }
}

variable "elasticache_kms_key_arn" {
  type        = string
  description = "ARN of the customer-managed KMS key that encrypts the ElastiCache replication group at rest (and its snapshots)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.elasticache_kms_key_arn))
    error_message = "elasticache_kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<key-id>."
  }
}

variable "aurora_kms_key_arn" {
  type        = string
  description = "ARN of the customer-managed KMS key that encrypts the Aurora cluster's storage and Performance Insights data."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.aurora_kms_key_arn))
    error_message = "aurora_kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<key-id>."
  }
}

variable "secrets_kms_key_arn" {
  type        = string
  description = "ARN of the customer-managed KMS key that encrypts this module's secrets: the ElastiCache AUTH token and the Aurora master user secret."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.secrets_kms_key_arn))
    error_message = "secrets_kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<key-id>."
  }
}

variable "cloudwatch_logs_kms_key_arn" {
  type        = string
  description = "ARN of a KMS key that CloudWatch Logs may use (the security module's logs key) to encrypt the primary region's log groups of this module; null leaves them with CloudWatch's own encryption."
  default     = null

  validation {
    condition     = var.cloudwatch_logs_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.cloudwatch_logs_kms_key_arn))
    error_message = "cloudwatch_logs_kms_key_arn must be null or a KMS key ARN: arn:aws:kms:<region>:<account>:key/<key-id>."
  }
}

# ---------------------------------------------------------------------------
# S3
# ---------------------------------------------------------------------------

variable "buckets" {
  type = map(object({
    intelligent_tiering_days           = optional(number, 0)
    noncurrent_version_expiration_days = optional(number, 90)
    noncurrent_versions_to_keep        = optional(number, 3)
    abort_incomplete_multipart_days    = optional(number, 7)
    expiration_days                    = optional(number)
    replicate                          = optional(bool)
    force_destroy                      = optional(bool, false)
    cloudfront_distribution_arns       = optional(list(string), [])
  }))
  description = <<-EOT
    S3 buckets keyed by purpose; each is named <project>-<environment>-<purpose>[-<bucket_name_suffix>]. The key "logs" is required:
    it is the log bucket (S3 server access logs of the other buckets, ALB and CloudFront access logs), encrypted with SSE-S3 and never
    replicated. Per bucket: intelligent_tiering_days (lifecycle transition of current versions to INTELLIGENT_TIERING, >= 0),
    noncurrent_version_expiration_days (>= 1) and noncurrent_versions_to_keep (0-100 newest noncurrent versions kept past that age),
    abort_incomplete_multipart_days (>= 1), expiration_days (null = never; otherwise current versions expire after that many days,
    more than intelligent_tiering_days), replicate (null follows enable_replication; false opts a bucket out), force_destroy, and
    cloudfront_distribution_arns (CloudFront distributions allowed to read the bucket through origin access control).
  EOT
  default = {
    assets  = {}
    uploads = {}
    logs = {
      intelligent_tiering_days           = 30
      noncurrent_version_expiration_days = 30
      noncurrent_versions_to_keep        = 0
      expiration_days                    = 365
    }
  }

  validation {
    condition     = contains(keys(var.buckets), "logs")
    error_message = "buckets must contain the key \"logs\": the log bucket that receives S3, ALB and CloudFront access logs."
  }

  validation {
    condition     = alltrue([for k in keys(var.buckets) : can(regex("^[a-z0-9][a-z0-9-]{0,30}[a-z0-9]$", k))])
    error_message = "buckets keys (purposes) must be 2-32 lowercase letters, digits and hyphens, starting and ending with a letter or digit."
  }

  validation {
    condition     = alltrue([for k in keys(var.buckets) : length("${var.project}-${var.environment}-${k}-replica${var.bucket_name_suffix == "" ? "" : "-${var.bucket_name_suffix}"}") <= 63])
    error_message = "buckets: every bucket name <project>-<environment>-<purpose>-replica[-<bucket_name_suffix>] must be at most 63 characters; shorten the purpose or the suffix."
  }

  validation {
    condition = alltrue([for b in values(var.buckets) :
      b.intelligent_tiering_days >= 0 && floor(b.intelligent_tiering_days) == b.intelligent_tiering_days &&
      b.noncurrent_version_expiration_days >= 1 && floor(b.noncurrent_version_expiration_days) == b.noncurrent_version_expiration_days &&
      b.noncurrent_versions_to_keep >= 0 && b.noncurrent_versions_to_keep <= 100 && floor(b.noncurrent_versions_to_keep) == b.noncurrent_versions_to_keep &&
      b.abort_incomplete_multipart_days >= 1 && floor(b.abort_incomplete_multipart_days) == b.abort_incomplete_multipart_days
    ])
    error_message = "buckets lifecycle settings must be whole numbers: intelligent_tiering_days >= 0, noncurrent_version_expiration_days >= 1, noncurrent_versions_to_keep 0-100, abort_incomplete_multipart_days >= 1."
  }

  validation {
    condition     = alltrue([for b in values(var.buckets) : b.expiration_days == null ? true : (floor(b.expiration_days) == b.expiration_days && b.expiration_days > b.intelligent_tiering_days)])
    error_message = "buckets expiration_days must be null or a whole number of days greater than intelligent_tiering_days."
  }

  validation {
    condition     = try(var.buckets["logs"].replicate != true, true)
    error_message = "buckets[\"logs\"].replicate must be null or false: the log bucket (SSE-S3) is not replicated."
  }

  validation {
    condition     = alltrue(flatten([for b in values(var.buckets) : [for a in b.cloudfront_distribution_arns : can(regex("^arn:aws[a-z-]*:cloudfront::[0-9]{12}:distribution/[A-Z0-9]+$", a))]]))
    error_message = "buckets cloudfront_distribution_arns must be CloudFront distribution ARNs: arn:aws:cloudfront::<account>:distribution/<ID>."
  }
}

variable "bucket_name_suffix" {
  type        = string
  description = "Optional suffix appended to every bucket name (after a hyphen) to make it globally unique, e.g. the account ID; empty for none. Up to 20 lowercase letters, digits and hyphens."
  default     = ""

  validation {
    condition     = var.bucket_name_suffix == "" || can(regex("^[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?$", var.bucket_name_suffix))
    error_message = "bucket_name_suffix must be empty or 1-20 lowercase letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "enable_replication" {
  type        = bool
  description = "Replicate the buckets (all but logs, and those with replicate = false) to replica buckets in replica_region, SSE-KMS objects included (staging and production)."
  default     = false
}

variable "replication_storage_class" {
  type        = string
  description = "Storage class of the replicas in replica_region: STANDARD, STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER or DEEP_ARCHIVE. STANDARD_IA halves the cost of a standby copy that is rarely read."
  default     = "STANDARD_IA"

  validation {
    condition     = contains(["STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"], var.replication_storage_class)
    error_message = "replication_storage_class must be one of: STANDARD, STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE."
  }
}

variable "replica_kms_deletion_window_in_days" {
  type        = number
  description = "Waiting period, in days, before a scheduled deletion of the replica buckets' KMS key (created when replica_s3_kms_key_arn is null) takes effect (7-30)."
  default     = 30

  validation {
    condition     = var.replica_kms_deletion_window_in_days >= 7 && var.replica_kms_deletion_window_in_days <= 30 && floor(var.replica_kms_deletion_window_in_days) == var.replica_kms_deletion_window_in_days
    error_message = "replica_kms_deletion_window_in_days must be a whole number between 7 and 30."
  }
}

variable "enable_alb_log_delivery" {
  type        = bool
  description = "Let Elastic Load Balancing write ALB access logs to the logs bucket under alb/ (the bucket policy grants the regional ELB account and the log delivery service)."
  default     = true
}

variable "enable_cloudfront_log_delivery" {
  type        = bool
  description = "Let CloudFront standard logging (v2, through CloudWatch Logs vended delivery) write access logs to the logs bucket under cloudfront/. Legacy CloudFront logging needs bucket ACLs and is not supported (see the README)."
  default     = true
}

# ---------------------------------------------------------------------------
# DynamoDB
# ---------------------------------------------------------------------------

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
  description = <<-EOT
    DynamoDB tables keyed by purpose; each is named <project>-<environment>-<purpose>. attributes maps every key attribute
    (of the table and of its global secondary indexes, and only those) to its type: S, N or B. ttl_attribute names the TTL
    attribute (null: no TTL). billing_mode overrides dynamodb_billing_mode for one table (PAY_PER_REQUEST or PROVISIONED).
    table_class: STANDARD or STANDARD_INFREQUENT_ACCESS. stream_view_type enables a stream (KEYS_ONLY, NEW_IMAGE, OLD_IMAGE,
    NEW_AND_OLD_IMAGES); with enable_dynamodb_replica every table streams NEW_AND_OLD_IMAGES. global_secondary_indexes are keyed
    by index name, with projection_type ALL, KEYS_ONLY or INCLUDE (non_key_attributes only with INCLUDE).
  EOT
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.dynamodb_tables) : can(regex("^[a-z0-9][a-z0-9_.-]{0,62}$", k))])
    error_message = "dynamodb_tables keys must be 1-63 lowercase letters, digits, underscores, dots and hyphens, starting with a letter or digit."
  }

  validation {
    condition     = alltrue(flatten([for t in values(var.dynamodb_tables) : [for type in values(t.attributes) : contains(["S", "N", "B"], type)]]))
    error_message = "dynamodb_tables attribute types must be S, N or B."
  }

  validation {
    condition = alltrue([for t in values(var.dynamodb_tables) : alltrue(concat(
      [contains(keys(t.attributes), t.hash_key), t.range_key == null ? true : contains(keys(t.attributes), t.range_key)],
      [for g in values(t.global_secondary_indexes) : contains(keys(t.attributes), g.hash_key) && (g.range_key == null ? true : contains(keys(t.attributes), g.range_key))]
    ))])
    error_message = "dynamodb_tables: every hash_key and range_key (of a table or of its global secondary indexes) must be declared in the table's attributes."
  }

  validation {
    condition = alltrue([for t in values(var.dynamodb_tables) : length(setsubtract(keys(t.attributes), compact(concat(
      [t.hash_key, t.range_key == null ? "" : t.range_key],
      flatten([for g in values(t.global_secondary_indexes) : [g.hash_key, g.range_key == null ? "" : g.range_key]])
    )))) == 0])
    error_message = "dynamodb_tables: attributes may only declare key attributes (hash or range key of the table or of a global secondary index); DynamoDB rejects unused attribute definitions."
  }

  validation {
    condition     = alltrue([for t in values(var.dynamodb_tables) : t.billing_mode == null ? true : contains(["PAY_PER_REQUEST", "PROVISIONED"], t.billing_mode)])
    error_message = "dynamodb_tables billing_mode must be null, PAY_PER_REQUEST or PROVISIONED."
  }

  validation {
    condition     = alltrue([for t in values(var.dynamodb_tables) : contains(["STANDARD", "STANDARD_INFREQUENT_ACCESS"], t.table_class)])
    error_message = "dynamodb_tables table_class must be STANDARD or STANDARD_INFREQUENT_ACCESS."
  }

  validation {
    condition     = alltrue([for t in values(var.dynamodb_tables) : t.stream_view_type == null ? true : contains(["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"], t.stream_view_type)])
    error_message = "dynamodb_tables stream_view_type must be null, KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES."
  }

  validation {
    condition = alltrue(flatten([for t in values(var.dynamodb_tables) : [for g in values(t.global_secondary_indexes) :
      contains(["ALL", "KEYS_ONLY", "INCLUDE"], g.projection_type) && (g.projection_type == "INCLUDE" ? length(coalesce(g.non_key_attributes, [])) > 0 : g.non_key_attributes == null)
    ]]))
    error_message = "dynamodb_tables global_secondary_indexes projection_type must be ALL, KEYS_ONLY or INCLUDE; INCLUDE needs non_key_attributes, the others must not set them."
  }

  validation {
    condition     = !var.enable_dynamodb_replica || alltrue([for t in values(var.dynamodb_tables) : t.stream_view_type == null || t.stream_view_type == "NEW_AND_OLD_IMAGES"])
    error_message = "dynamodb_tables stream_view_type must be null or NEW_AND_OLD_IMAGES when enable_dynamodb_replica is true (global tables replicate through a NEW_AND_OLD_IMAGES stream)."
  }
}

variable "dynamodb_billing_mode" {
  type        = string
  description = "Default billing mode of the tables: PAY_PER_REQUEST (on-demand; dev, staging) or PROVISIONED with target-tracking autoscaling (production)."
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
  description = "Capacity of the PROVISIONED tables and their global secondary indexes: read and write capacity units between min and max (the table starts at min), kept near target_utilization percent by target-tracking autoscaling."
  default     = {}

  validation {
    condition = alltrue([for pair in [
      [var.dynamodb_autoscaling.read_min_capacity, var.dynamodb_autoscaling.read_max_capacity],
      [var.dynamodb_autoscaling.write_min_capacity, var.dynamodb_autoscaling.write_max_capacity],
    ] : pair[0] >= 1 && pair[1] >= pair[0] && pair[1] <= 40000 && floor(pair[0]) == pair[0] && floor(pair[1]) == pair[1]])
    error_message = "dynamodb_autoscaling capacities must be whole numbers with 1 <= min <= max <= 40000, for read and for write."
  }

  validation {
    condition     = var.dynamodb_autoscaling.target_utilization >= 20 && var.dynamodb_autoscaling.target_utilization <= 90
    error_message = "dynamodb_autoscaling target_utilization must be between 20 and 90 (percent)."
  }
}

variable "dynamodb_deletion_protection" {
  type        = bool
  description = "Enable deletion protection on the tables and their replicas (true in production)."
  default     = true
}

variable "dynamodb_point_in_time_recovery_days" {
  type        = number
  description = "Point-in-time recovery window of the tables, in days (1-35). Point-in-time recovery is always on."
  default     = 35

  validation {
    condition     = var.dynamodb_point_in_time_recovery_days >= 1 && var.dynamodb_point_in_time_recovery_days <= 35 && floor(var.dynamodb_point_in_time_recovery_days) == var.dynamodb_point_in_time_recovery_days
    error_message = "dynamodb_point_in_time_recovery_days must be a whole number between 1 and 35."
  }
}

variable "enable_dynamodb_replica" {
  type        = bool
  description = "Make every table a global table with a replica in replica_region (encrypted with replica_dynamodb_kms_key_arn, point-in-time recovery on); production."
  default     = false

  validation {
    condition     = !var.enable_dynamodb_replica || try(length(var.replica_dynamodb_kms_key_arn) > 0, false)
    error_message = "enable_dynamodb_replica needs replica_dynamodb_kms_key_arn: the KMS key in replica_region that encrypts the replicas."
  }
}

# ---------------------------------------------------------------------------
# ElastiCache
# ---------------------------------------------------------------------------

variable "enable_cache" {
  type        = bool
  description = "Create the ElastiCache replication group (Valkey or Redis OSS) and its AUTH token secret."
  default     = true

  validation {
    condition     = !var.enable_cache || (try(length(var.cache_subnet_group_name) > 0, false) && length(var.cache_security_group_ids) > 0)
    error_message = "enable_cache needs cache_subnet_group_name and at least one cache_security_group_ids entry."
  }
}

variable "cache_engine" {
  type        = string
  description = "Cache engine: valkey (default; about 20 % cheaper per node than redis on ElastiCache) or redis."
  default     = "valkey"

  validation {
    condition     = contains(["valkey", "redis"], var.cache_engine)
    error_message = "cache_engine must be valkey or redis."
  }
}

variable "cache_engine_version" {
  type        = string
  description = "Engine version as <major>.<minor>: valkey 7.2, 8.0 or 8.1; redis 7.0 or 7.1. The parameter group family (valkey7, valkey8, redis7) follows from it."
  default     = "8.0"

  validation {
    condition     = contains(var.cache_engine == "valkey" ? ["7.2", "8.0", "8.1"] : ["7.0", "7.1"], var.cache_engine_version)
    error_message = "cache_engine_version must be 7.2, 8.0 or 8.1 for valkey, or 7.0 or 7.1 for redis."
  }
}

variable "cache_node_type" {
  type        = string
  description = "Node type: cache.t4g.micro (dev default, Graviton, cheaper than the seed's cache.t3.micro which stays selectable), cache.t3.small (staging), cache.r7g.large (production)..."
  default     = "cache.t4g.micro"

  validation {
    condition     = can(regex("^cache\\.[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.cache_node_type))
    error_message = "cache_node_type must be an ElastiCache node type such as cache.t4g.micro, cache.t3.small or cache.r7g.large."
  }
}

variable "cache_num_nodes" {
  type        = number
  description = "Number of nodes (one primary and num - 1 replicas, 1-6). With 2 or more, automatic failover and Multi-AZ are enabled."
  default     = 1

  validation {
    condition     = var.cache_num_nodes >= 1 && var.cache_num_nodes <= 6 && floor(var.cache_num_nodes) == var.cache_num_nodes
    error_message = "cache_num_nodes must be a whole number between 1 and 6."
  }
}

variable "cache_subnet_group_name" {
  type        = string
  description = "Name of the ElastiCache subnet group (networking module's elasticache_subnet_group_name); required with enable_cache."
  default     = null
}

variable "cache_security_group_ids" {
  type        = list(string)
  description = "Security group IDs of the cache (security module's cache group); at least one with enable_cache."
  default     = []

  validation {
    condition     = alltrue([for id in var.cache_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))])
    error_message = "cache_security_group_ids must be security group IDs (sg-0123456789abcdef0)."
  }
}

variable "cache_snapshot_retention_days" {
  type        = number
  description = "Days of automatic snapshots to keep (0-35; 0 disables them). One snapshot per cluster is free."
  default     = 1

  validation {
    condition     = var.cache_snapshot_retention_days >= 0 && var.cache_snapshot_retention_days <= 35 && floor(var.cache_snapshot_retention_days) == var.cache_snapshot_retention_days
    error_message = "cache_snapshot_retention_days must be a whole number between 0 and 35."
  }
}

variable "cache_snapshot_window" {
  type        = string
  description = "Daily UTC window of the automatic snapshots, hh:mm-hh:mm (at least 60 minutes, not overlapping cache_maintenance_window)."
  default     = "03:00-04:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", var.cache_snapshot_window))
    error_message = "cache_snapshot_window must be hh:mm-hh:mm in UTC, e.g. 03:00-04:00."
  }
}

variable "cache_maintenance_window" {
  type        = string
  description = "Weekly UTC maintenance window, ddd:hh:mm-ddd:hh:mm (ddd: mon..sun)."
  default     = "sun:05:00-sun:06:00"

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.cache_maintenance_window))
    error_message = "cache_maintenance_window must be ddd:hh:mm-ddd:hh:mm in UTC with ddd one of mon, tue, wed, thu, fri, sat, sun, e.g. sun:05:00-sun:06:00."
  }
}

variable "cache_parameters" {
  type        = map(string)
  description = "Parameters of the cache parameter group (name => value), e.g. { \"maxmemory-policy\" = \"volatile-lru\" }."
  default     = {}
}

variable "enable_cache_slow_log" {
  type        = bool
  description = "Deliver the cache's slow log to a CloudWatch log group (retention log_retention_days)."
  default     = false
}

variable "cache_auth_token_version" {
  type        = number
  description = "Version of the cache AUTH token: bump it (1, 2, ...) to generate a new random token, store it in the secret and rotate the cache to it."
  default     = 1

  validation {
    condition     = var.cache_auth_token_version >= 1 && floor(var.cache_auth_token_version) == var.cache_auth_token_version
    error_message = "cache_auth_token_version must be a whole number >= 1."
  }
}

# ---------------------------------------------------------------------------
# Aurora Serverless v2 PostgreSQL
# ---------------------------------------------------------------------------

variable "enable_aurora" {
  type        = bool
  description = "Create the Aurora Serverless v2 PostgreSQL cluster (staging, production)."
  default     = false

  validation {
    condition     = !var.enable_aurora || (try(length(var.aurora_db_subnet_group_name) > 0, false) && length(var.aurora_security_group_ids) > 0)
    error_message = "enable_aurora needs aurora_db_subnet_group_name and at least one aurora_security_group_ids entry."
  }
}

variable "aurora_engine_version" {
  type        = string
  description = "Aurora PostgreSQL version as <major>.<minor> (major 13-17), e.g. 16.6; the cluster parameter group family (aurora-postgresql16) follows from it."
  default     = "16.6"

  validation {
    condition     = can(regex("^(1[3-7])\\.[0-9]+$", var.aurora_engine_version))
    error_message = "aurora_engine_version must be <major>.<minor> with major 13-17, e.g. 16.6."
  }
}

variable "aurora_min_capacity" {
  type        = number
  description = "Minimum Aurora capacity units (ACU) of each instance, 0-256 in steps of 0.5 (production 1). 0 lets an idle cluster pause after aurora_seconds_until_auto_pause (not with a global database): the first connection after a pause waits about 15 seconds."
  default     = 0.5

  validation {
    condition     = var.aurora_min_capacity >= 0 && var.aurora_min_capacity <= 256 && floor(var.aurora_min_capacity * 2) == var.aurora_min_capacity * 2
    error_message = "aurora_min_capacity must be between 0 and 256 in steps of 0.5."
  }
}

variable "aurora_seconds_until_auto_pause" {
  type        = number
  description = "Idle seconds before a cluster with aurora_min_capacity = 0 pauses (300-86400). Ignored when the minimum is above 0."
  default     = 3600

  validation {
    condition     = var.aurora_seconds_until_auto_pause >= 300 && var.aurora_seconds_until_auto_pause <= 86400 && floor(var.aurora_seconds_until_auto_pause) == var.aurora_seconds_until_auto_pause
    error_message = "aurora_seconds_until_auto_pause must be a whole number of seconds between 300 and 86400."
  }
}

variable "aurora_max_capacity" {
  type        = number
  description = "Maximum Aurora capacity units (ACU) of each instance, 1-256 in steps of 0.5, at least aurora_min_capacity (staging 2, production 16)."
  default     = 2

  validation {
    condition     = var.aurora_max_capacity >= 1 && var.aurora_max_capacity <= 256 && floor(var.aurora_max_capacity * 2) == var.aurora_max_capacity * 2
    error_message = "aurora_max_capacity must be between 1 and 256 in steps of 0.5."
  }

  validation {
    condition     = var.aurora_max_capacity >= var.aurora_min_capacity
    error_message = "aurora_max_capacity must be greater than or equal to aurora_min_capacity."
  }
}

variable "aurora_instance_count" {
  type        = number
  description = "Number of db.serverless instances in the primary cluster (1-15): one writer, the others readers and failover targets."
  default     = 1

  validation {
    condition     = var.aurora_instance_count >= 1 && var.aurora_instance_count <= 15 && floor(var.aurora_instance_count) == var.aurora_instance_count
    error_message = "aurora_instance_count must be a whole number between 1 and 15."
  }
}

variable "aurora_db_subnet_group_name" {
  type        = string
  description = "Name of the DB subnet group of the primary cluster (networking module's db_subnet_group_name); required with enable_aurora."
  default     = null
}

variable "aurora_security_group_ids" {
  type        = list(string)
  description = "Security group IDs of the primary cluster (security module's database group); at least one with enable_aurora."
  default     = []

  validation {
    condition     = alltrue([for id in var.aurora_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))])
    error_message = "aurora_security_group_ids must be security group IDs (sg-0123456789abcdef0)."
  }
}

variable "aurora_database_name" {
  type        = string
  description = "Name of the database created in the cluster: 1-63 letters, digits and underscores, starting with a letter."
  default     = "candlefish"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,62}$", var.aurora_database_name))
    error_message = "aurora_database_name must be 1-63 letters, digits and underscores, starting with a letter."
  }
}

variable "aurora_master_username" {
  type        = string
  description = "Master user name: 1-63 letters, digits and underscores, starting with a letter, not a PostgreSQL/RDS reserved name (postgres, rdsadmin, admin...)."
  default     = "candlefish_admin"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,62}$", var.aurora_master_username)) && !contains(["postgres", "rdsadmin", "rdsrepladmin", "rds_superuser", "admin", "root"], lower(var.aurora_master_username))
    error_message = "aurora_master_username must be 1-63 letters, digits and underscores starting with a letter, and not postgres, rdsadmin, rdsrepladmin, rds_superuser, admin or root."
  }
}

variable "aurora_backup_retention_days" {
  type        = number
  description = "Days of automated backups (1-35; 30 in production)."
  default     = 7

  validation {
    condition     = var.aurora_backup_retention_days >= 1 && var.aurora_backup_retention_days <= 35 && floor(var.aurora_backup_retention_days) == var.aurora_backup_retention_days
    error_message = "aurora_backup_retention_days must be a whole number between 1 and 35."
  }
}

variable "aurora_backup_window" {
  type        = string
  description = "Daily UTC window of the automated backups, hh:mm-hh:mm (at least 30 minutes, not overlapping aurora_maintenance_window)."
  default     = "03:00-04:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", var.aurora_backup_window))
    error_message = "aurora_backup_window must be hh:mm-hh:mm in UTC, e.g. 03:00-04:00."
  }
}

variable "aurora_maintenance_window" {
  type        = string
  description = "Weekly UTC maintenance window of the cluster and its instances, ddd:hh:mm-ddd:hh:mm (ddd: mon..sun)."
  default     = "sun:05:00-sun:06:00"

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.aurora_maintenance_window))
    error_message = "aurora_maintenance_window must be ddd:hh:mm-ddd:hh:mm in UTC with ddd one of mon, tue, wed, thu, fri, sat, sun, e.g. sun:05:00-sun:06:00."
  }
}

variable "aurora_deletion_protection" {
  type        = bool
  description = "Enable deletion protection on the cluster(s) and the global database (true in production)."
  default     = true
}

variable "aurora_skip_final_snapshot" {
  type        = bool
  description = "Delete the cluster without a final snapshot (dev/staging convenience). When false, destroying it leaves the snapshot <cluster>-final."
  default     = false
}

variable "aurora_performance_insights_retention_days" {
  type        = number
  description = "Performance Insights retention, in days: 7 (free) or a multiple of 31 up to 731."
  default     = 7

  validation {
    condition     = var.aurora_performance_insights_retention_days == 7 || (var.aurora_performance_insights_retention_days % 31 == 0 && var.aurora_performance_insights_retention_days >= 31 && var.aurora_performance_insights_retention_days <= 713) || var.aurora_performance_insights_retention_days == 731
    error_message = "aurora_performance_insights_retention_days must be 7, a multiple of 31 between 31 and 713, or 731."
  }
}

variable "enable_aurora_global_database" {
  type        = bool
  description = "Make the cluster the primary of an Aurora global database with a secondary cluster in replica_region (aurora_secondary); production. The primary then cannot use an RDS-managed master password (see the README)."
  default     = false

  validation {
    condition     = !var.enable_aurora_global_database || (var.enable_aurora && var.aurora_secondary != null)
    error_message = "enable_aurora_global_database needs enable_aurora = true and aurora_secondary (subnet group, security groups and KMS key in replica_region)."
  }

  validation {
    condition     = !var.enable_aurora_global_database || var.aurora_min_capacity >= 0.5
    error_message = "enable_aurora_global_database needs aurora_min_capacity >= 0.5: clusters of a global database cannot pause at 0 ACU."
  }
}

variable "aurora_secondary" {
  type = object({
    db_subnet_group_name = string
    security_group_ids   = list(string)
    kms_key_arn          = string
    instance_count       = optional(number, 1)
    secrets_kms_key_arn  = optional(string)
    logs_kms_key_arn     = optional(string)
  })
  description = "The global database's secondary cluster in replica_region: its DB subnet group, security group IDs and KMS key (all in replica_region), its number of db.serverless instances (0-15; 0 keeps a headless secondary that replicates storage but runs no compute, a pilot light: add an instance before promoting it), optionally a KMS key there to replicate the master password secret to replica_region (secrets_kms_key_arn) and one CloudWatch Logs may use for its log group (logs_kms_key_arn). null: no secondary."
  default     = null

  validation {
    condition = var.aurora_secondary == null ? true : (
      length(var.aurora_secondary.security_group_ids) > 0 &&
      alltrue([for id in var.aurora_secondary.security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))])
    )
    error_message = "aurora_secondary.security_group_ids must hold at least one security group ID (sg-0123456789abcdef0)."
  }

  validation {
    condition = var.aurora_secondary == null ? true : (
      can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.aurora_secondary.kms_key_arn)) &&
      alltrue([for arn in [var.aurora_secondary.secrets_kms_key_arn, var.aurora_secondary.logs_kms_key_arn] : arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", arn))])
    )
    error_message = "aurora_secondary.kms_key_arn (and secrets_kms_key_arn, logs_kms_key_arn when set) must be KMS key ARNs: arn:aws:kms:<region>:<account>:key/<key-id>."
  }

  validation {
    condition     = var.aurora_secondary == null ? true : (var.aurora_secondary.instance_count >= 0 && var.aurora_secondary.instance_count <= 15 && floor(var.aurora_secondary.instance_count) == var.aurora_secondary.instance_count)
    error_message = "aurora_secondary.instance_count must be a whole number between 0 (headless) and 15."
  }
}

variable "aurora_master_password_version" {
  type        = number
  description = "Version of the master password of a global database's primary (which cannot use an RDS-managed password): bump it (1, 2, ...) to generate a new one, store it in the secret and set it on the cluster."
  default     = 1

  validation {
    condition     = var.aurora_master_password_version >= 1 && floor(var.aurora_master_password_version) == var.aurora_master_password_version
    error_message = "aurora_master_password_version must be a whole number >= 1."
  }
}
