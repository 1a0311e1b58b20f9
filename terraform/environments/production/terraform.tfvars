# Production: on-demand Fargate for stability, longest retention.
project        = "candlefish"
environment    = "production"
primary_region = "us-east-1"
standby_region = "us-west-2"

vpc_cidr                    = "10.30.0.0/16"
log_retention_days          = 90
kms_deletion_window_in_days = 30
kms_key_layout              = "per_service"


# Networking: three AZs with a NAT gateway each, and the us-west-2 standby VPC
# peered through transit gateways. No interface endpoints: at production's
# traffic the NAT data they would save (about $2 a month of image pulls and
# logs) costs far less than nine endpoint-AZs ($66 a month).
az_count              = 3
nat_mode              = "per_az"
interface_endpoints   = []
enable_standby_region = true
standby_vpc_cidr      = "10.31.0.0/16"
standby_az_count      = 2

# Security: the full suite.
enable_waf                     = true
enable_cloudtrail              = true
enable_config                  = true
enable_guardduty               = true
audit_log_retention_days       = 2557
secret_recovery_window_in_days = 30

# Storage: replication to us-west-2, provisioned DynamoDB with autoscaling and
# a us-west-2 replica, two cache.r7g.large nodes with failover, an Aurora
# global database at 1-16 ACU with 30 days of backups, deletion protection.
enable_s3_replication = true
dynamodb_billing_mode = "PROVISIONED"
dynamodb_autoscaling = {
  read_min_capacity  = 1
  read_max_capacity  = 200
  write_min_capacity = 1
  write_max_capacity = 100
  target_utilization = 70
}
cache_engine                  = "valkey"
cache_node_type               = "cache.r7g.large"
cache_num_nodes               = 2
cache_snapshot_retention_days = 7
enable_cache_slow_log         = true
enable_aurora                 = true
aurora_min_capacity           = 1
aurora_max_capacity           = 16
aurora_backup_retention_days  = 30
deletion_protection           = true

# The application's tables (the seed's DynamoDB line): key-value state and
# idempotency keys, both expiring items through TTL.
dynamodb_tables = {
  state = {
    hash_key      = "pk"
    range_key     = "sk"
    attributes    = { pk = "S", sk = "S" }
    ttl_attribute = "expires_at"
  }
  idempotency = {
    hash_key      = "key"
    attributes    = { key = "S" }
    ttl_attribute = "expires_at"
  }
}

# Compute: on-demand only, 3 to 20 tasks of 2 vCPU / 4 GiB, blue/green
# deployments checked by deploycheck (run `make lambda` before plan).
spot_percentage = 0
services = {
  web = {
    cpu           = 2048
    memory        = 4096
    desired_count = 3
    min_count     = 3
    max_count     = 20
  }
}
enable_blue_green = true

# CDN and names: real-time logs on one provisioned Kinesis shard.
hosted_zone_name               = "candlefish.ai"
app_hostname                   = "candlefish.ai"
enable_cdn_realtime_logs       = true
enable_cdn_webgl_edge_function = true

# Monitoring: full depth, canaries every five minutes, a critical topic to
# page on, the seed's $1500 budget ceiling.
monitoring_depth       = "full"
enable_canaries        = true
enable_critical_alerts = true
monthly_budget_usd     = 1500
alert_emails           = ["devops@candlefish.ai"]

tags = {}
