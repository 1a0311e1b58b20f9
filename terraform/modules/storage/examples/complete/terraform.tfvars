# Production-like: primary in us-east-1, standby in us-west-2; every bucket
# but logs replicated, provisioned DynamoDB with autoscaling and replicas,
# two Valkey nodes on cache.r7g.large, Aurora global database 1-16 ACU with
# 30 days of backups.
project        = "candlefish"
environment    = "production"
region         = "us-east-1"
replica_region = "us-west-2"

log_retention_days             = 90
secret_recovery_window_in_days = 30

kms_key_arns           = {}
standby_kms_key_arns   = {}
replica_s3_kms_key_arn = null

vpc_cidr                   = "10.50.0.0/16"
standby_vpc_cidr           = "10.51.0.0/16"
availability_zones         = ["us-east-1a", "us-east-1b"]
standby_availability_zones = ["us-west-2a", "us-west-2b"]

# S3
buckets = {
  assets = {
    intelligent_tiering_days = 0
  }
  uploads = {
    intelligent_tiering_days           = 0
    noncurrent_version_expiration_days = 30
  }
  logs = {
    intelligent_tiering_days           = 30
    noncurrent_version_expiration_days = 30
    noncurrent_versions_to_keep        = 0
    expiration_days                    = 365
  }
}
bucket_name_suffix                  = "example"
enable_replication                  = true
replication_storage_class           = "STANDARD_IA"
replica_kms_deletion_window_in_days = 30
enable_alb_log_delivery             = true
enable_cloudfront_log_delivery      = true

# DynamoDB
dynamodb_tables = {
  sessions = {
    hash_key      = "session_id"
    attributes    = { session_id = "S" }
    ttl_attribute = "expires_at"
  }
  workflows = {
    hash_key   = "tenant_id"
    range_key  = "workflow_id"
    attributes = { tenant_id = "S", workflow_id = "S", status = "S", updated_at = "N" }
    global_secondary_indexes = {
      by-status = {
        hash_key  = "status"
        range_key = "updated_at"
      }
    }
  }
}
dynamodb_billing_mode = "PROVISIONED"
dynamodb_autoscaling = {
  read_min_capacity  = 5
  read_max_capacity  = 200
  write_min_capacity = 5
  write_max_capacity = 100
  target_utilization = 70
}
dynamodb_deletion_protection         = true
dynamodb_point_in_time_recovery_days = 35
enable_dynamodb_replica              = true

# ElastiCache
enable_cache                  = true
cache_engine                  = "valkey"
cache_engine_version          = "8.0"
cache_node_type               = "cache.r7g.large"
cache_num_nodes               = 2
cache_subnet_group_name       = null
cache_security_group_ids      = null
cache_snapshot_retention_days = 7
cache_snapshot_window         = "03:00-04:00"
cache_maintenance_window      = "sun:05:00-sun:06:00"
cache_parameters              = {}
enable_cache_slow_log         = true
cache_auth_token_version      = 1

# Aurora
enable_aurora                              = true
aurora_engine_version                      = "16.6"
aurora_min_capacity                        = 1
aurora_max_capacity                        = 16
aurora_instance_count                      = 1
aurora_db_subnet_group_name                = null
aurora_security_group_ids                  = null
aurora_database_name                       = "candlefish"
aurora_master_username                     = "candlefish_admin"
aurora_backup_retention_days               = 30
aurora_backup_window                       = "03:00-04:00"
aurora_maintenance_window                  = "sun:05:00-sun:06:00"
aurora_deletion_protection                 = true
aurora_skip_final_snapshot                 = false
aurora_performance_insights_retention_days = 7
aurora_master_password_version             = 1
enable_aurora_global_database              = true
create_aurora_secondary                    = true
aurora_secondary_instance_count            = 1
aurora_secondary_security_group_ids        = null

tags = {
  Example = "storage-complete"
}
