# The example's inputs go to the module unchanged: the module validates them.

variable "project" {
  type        = string
  description = "Project name used as the first part of resource names (3-20 lowercase letters, digits and hyphens)."
  default     = "candlefish"
}

variable "environment" {
  type        = string
  description = "Deployment environment: one of dev, staging or production."
}

variable "region" {
  type        = string
  description = "Primary region (provider aws), e.g. us-east-1."
}

variable "replica_region" {
  type        = string
  description = "Standby region (provider aws.replica and the module's replica_region), e.g. us-west-2."
}

variable "tags" {
  type        = map(string)
  description = "Extra tags for every resource of the module."
  default     = {}
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the module's CloudWatch log groups, in days."
}

variable "secret_recovery_window_in_days" {
  type        = number
  description = "Recovery window of the module's secrets, in days (0 or 7-30)."
}

# --- Keys and network of the example ---

variable "kms_key_arns" {
  type        = map(string)
  description = "Existing KMS keys in region to use instead of the example's, keyed by service (s3, dynamodb, elasticache, aurora, secrets, logs); a null value passes no key."
  default     = {}
}

variable "standby_kms_key_arns" {
  type        = map(string)
  description = "Existing KMS keys in replica_region to use instead of the example's, keyed by service (dynamodb, aurora, secrets, logs); a null value passes no key."
  default     = {}
}

variable "replica_s3_kms_key_arn" {
  type        = string
  description = "Existing KMS key in replica_region for the S3 replica buckets; null lets the module create one."
  default     = null
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR block of the example's VPC in region (/16)."
}

variable "standby_vpc_cidr" {
  type        = string
  description = "IPv4 CIDR block of the example's VPC in replica_region (/16)."
}

variable "availability_zones" {
  type        = list(string)
  description = "Availability zones of the database subnets in region (two or more)."
}

variable "standby_availability_zones" {
  type        = list(string)
  description = "Availability zones of the database subnets in replica_region (two or more)."
}

# --- S3 ---

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
  description = "S3 buckets keyed by purpose (see the module)."
}

variable "bucket_name_suffix" {
  type        = string
  description = "Suffix appended to every bucket name for global uniqueness; empty for none."
  default     = ""
}

variable "enable_replication" {
  type        = bool
  description = "Replicate the buckets to replica_region."
}

variable "replication_storage_class" {
  type        = string
  description = "Storage class of the replicas."
}

variable "replica_kms_deletion_window_in_days" {
  type        = number
  description = "Deletion window of the replica buckets' KMS key created by the module, in days."
}

variable "enable_alb_log_delivery" {
  type        = bool
  description = "Let ALB access logs into the logs bucket."
}

variable "enable_cloudfront_log_delivery" {
  type        = bool
  description = "Let CloudFront standard logs v2 into the logs bucket."
}

# --- DynamoDB ---

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
  description = "DynamoDB tables keyed by purpose (see the module)."
}

variable "dynamodb_billing_mode" {
  type        = string
  description = "Default billing mode of the tables: PAY_PER_REQUEST or PROVISIONED."
}

variable "dynamodb_autoscaling" {
  type = object({
    read_min_capacity  = optional(number, 5)
    read_max_capacity  = optional(number, 100)
    write_min_capacity = optional(number, 5)
    write_max_capacity = optional(number, 100)
    target_utilization = optional(number, 70)
  })
  description = "Capacity range and target utilisation of the provisioned tables."
}

variable "dynamodb_deletion_protection" {
  type        = bool
  description = "Deletion protection of the tables."
}

variable "dynamodb_point_in_time_recovery_days" {
  type        = number
  description = "Point-in-time recovery window of the tables, in days."
}

variable "enable_dynamodb_replica" {
  type        = bool
  description = "Replicate every table to replica_region (global tables)."
}

# --- ElastiCache ---

variable "enable_cache" {
  type        = bool
  description = "Create the ElastiCache replication group."
}

variable "cache_engine" {
  type        = string
  description = "Cache engine: valkey or redis."
}

variable "cache_engine_version" {
  type        = string
  description = "Cache engine version (<major>.<minor>)."
}

variable "cache_node_type" {
  type        = string
  description = "Cache node type."
}

variable "cache_num_nodes" {
  type        = number
  description = "Number of cache nodes (1-6)."
}

variable "cache_subnet_group_name" {
  type        = string
  description = "Existing ElastiCache subnet group; null uses the example's."
  default     = null
}

variable "cache_security_group_ids" {
  type        = list(string)
  description = "Existing security groups of the cache; null uses the example's."
  default     = null
}

variable "cache_snapshot_retention_days" {
  type        = number
  description = "Days of cache snapshots to keep."
}

variable "cache_snapshot_window" {
  type        = string
  description = "Daily UTC snapshot window of the cache."
}

variable "cache_maintenance_window" {
  type        = string
  description = "Weekly UTC maintenance window of the cache."
}

variable "cache_parameters" {
  type        = map(string)
  description = "Parameters of the cache parameter group."
  default     = {}
}

variable "enable_cache_slow_log" {
  type        = bool
  description = "Deliver the cache slow log to CloudWatch Logs."
}

variable "cache_auth_token_version" {
  type        = number
  description = "Version of the cache AUTH token; bump to rotate."
}

# --- Aurora ---

variable "enable_aurora" {
  type        = bool
  description = "Create the Aurora Serverless v2 PostgreSQL cluster."
}

variable "aurora_engine_version" {
  type        = string
  description = "Aurora PostgreSQL version (<major>.<minor>)."
}

variable "aurora_min_capacity" {
  type        = number
  description = "Minimum ACU per instance."
}

variable "aurora_max_capacity" {
  type        = number
  description = "Maximum ACU per instance."
}

variable "aurora_seconds_until_auto_pause" {
  type        = number
  description = "Idle seconds before a cluster at 0 ACU minimum pauses."
  default     = 3600
}

variable "aurora_instance_count" {
  type        = number
  description = "Instances in the primary cluster."
}

variable "aurora_db_subnet_group_name" {
  type        = string
  description = "Existing DB subnet group of the primary cluster; null uses the example's."
  default     = null
}

variable "aurora_security_group_ids" {
  type        = list(string)
  description = "Existing security groups of the primary cluster; null uses the example's."
  default     = null
}

variable "aurora_database_name" {
  type        = string
  description = "Name of the database created in the cluster."
}

variable "aurora_master_username" {
  type        = string
  description = "Master user name."
}

variable "aurora_backup_retention_days" {
  type        = number
  description = "Days of automated backups."
}

variable "aurora_backup_window" {
  type        = string
  description = "Daily UTC backup window."
}

variable "aurora_maintenance_window" {
  type        = string
  description = "Weekly UTC maintenance window."
}

variable "aurora_deletion_protection" {
  type        = bool
  description = "Deletion protection of the cluster(s) and the global database."
}

variable "aurora_skip_final_snapshot" {
  type        = bool
  description = "Delete the cluster(s) without a final snapshot."
}

variable "aurora_performance_insights_retention_days" {
  type        = number
  description = "Performance Insights retention, in days."
}

variable "aurora_master_password_version" {
  type        = number
  description = "Version of the global database's master password; bump to rotate."
}

variable "enable_aurora_global_database" {
  type        = bool
  description = "Make the cluster the primary of a global database with a secondary in replica_region."
}

variable "create_aurora_secondary" {
  type        = bool
  description = "Pass the module an aurora_secondary (the example's subnet group, security group and keys in replica_region); false passes null."
}

variable "aurora_secondary_instance_count" {
  type        = number
  description = "Instances in the secondary cluster."
}

variable "aurora_secondary_security_group_ids" {
  type        = list(string)
  description = "Existing security groups of the secondary cluster; null uses the example's."
  default     = null
}
