# Staging: production-like. About 70 % Fargate Spot, 30 % on-demand.
project        = "candlefish"
environment    = "staging"
primary_region = "us-east-1"
standby_region = "us-west-2"

vpc_cidr                    = "10.20.0.0/16"
log_retention_days          = 30
kms_deletion_window_in_days = 14
kms_key_layout              = "per_service"


# Networking: two AZs with a NAT gateway each: multi-AZ for reliability
# testing (the seed's "Multi-AZ" NAT line) at two thirds of three AZs' cost.
az_count            = 2
nat_mode            = "per_az"
interface_endpoints = []

# Security: CloudTrail and Config (the seed's cost table), no GuardDuty or WAF.
enable_waf                     = false
enable_cloudtrail              = true
enable_config                  = true
enable_guardduty               = false
audit_log_retention_days       = 365
secret_recovery_window_in_days = 14

# Storage: replication to us-west-2, on-demand DynamoDB, cache.t3.small,
# Aurora Serverless v2 up to 2 ACU (the seed's staging table) that pauses
# after an idle hour (minimum 0, where the seed says 0.5): staging is idle
# nights and weekends, and the first query after a pause waits about 15 s.
enable_s3_replication         = true
dynamodb_billing_mode         = "PAY_PER_REQUEST"
cache_engine                  = "valkey"
cache_node_type               = "cache.t3.small"
cache_num_nodes               = 1
cache_snapshot_retention_days = 3
enable_cache_slow_log         = true
enable_aurora                 = true
aurora_min_capacity           = 0
aurora_max_capacity           = 2
aurora_backup_retention_days  = 7
deletion_protection           = false

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

# Compute: two tasks, 70 % on Fargate Spot with one on-demand task always.
spot_percentage = 70
services = {
  web = {
    cpu           = 512
    memory        = 1024
    desired_count = 2
    min_count     = 2
    max_count     = 4
  }
}
enable_blue_green = false

# CDN and names.
hosted_zone_name               = "candlefish.ai"
app_hostname                   = "staging.candlefish.ai"
enable_cdn_realtime_logs       = false
enable_cdn_webgl_edge_function = false

# Monitoring: enhanced depth, no canaries, the seed's $400 budget ceiling.
monitoring_depth   = "enhanced"
enable_canaries    = false
monthly_budget_usd = 400
alert_emails       = ["devops@candlefish.ai"]

tags = {}
