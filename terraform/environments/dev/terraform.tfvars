# Development: lowest cost. 100 % Fargate Spot, short log retention.
project        = "candlefish"
environment    = "dev"
primary_region = "us-east-1"
standby_region = "us-west-2"

vpc_cidr                    = "10.10.0.0/16"
log_retention_days          = 7
kms_deletion_window_in_days = 7

# One customer-managed key for every service in dev (throwaway data; $1 a
# month instead of $8); staging and production keep a key per service.
kms_key_layout = "shared"


# Networking: two AZs, no interface endpoints, and one NAT instance
# (t4g.nano) for outbound traffic: the seed's single-AZ NAT at about $8 a
# month instead of a NAT gateway's $37 with its address.
az_count            = 2
nat_mode            = "instance"
interface_endpoints = []

# Security: no CloudTrail, Config, GuardDuty or WAF in dev (the seed's cost table).
enable_waf                     = false
enable_cloudtrail              = false
enable_config                  = false
enable_guardduty               = false
secret_recovery_window_in_days = 7

# Storage: no replication, on-demand DynamoDB, one small Graviton cache node
# (cache.t4g.micro: the seed's cache.t3.micro class, current generation and
# cheaper; cache.t3.micro stays selectable), no Aurora.
enable_s3_replication         = false
dynamodb_billing_mode         = "PAY_PER_REQUEST"
cache_engine                  = "valkey"
cache_node_type               = "cache.t4g.micro"
cache_num_nodes               = 1
cache_snapshot_retention_days = 1
enable_aurora                 = false
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

# Compute: one small Graviton task on Fargate Spot, stopped at night and at
# weekends (the seed's auto-shutdown; times in UTC), rolling deployments.
spot_percentage = 100
services = {
  web = {
    cpu           = 256
    memory        = 512
    desired_count = 1
    min_count     = 1
    max_count     = 2
  }
}
scheduled_scaling = {
  night   = { schedule = "cron(0 20 ? * MON-FRI *)", min_capacity = 0, max_capacity = 0 }
  morning = { schedule = "cron(0 7 ? * MON-FRI *)", min_capacity = 1, max_capacity = 2 }
}
enable_blue_green = false

# CDN and names.
hosted_zone_name               = "candlefish.ai"
app_hostname                   = "dev.candlefish.ai"
enable_cdn_realtime_logs       = false
enable_cdn_webgl_edge_function = false

# Monitoring: basic depth, no canaries, the seed's $100 budget ceiling.
monitoring_depth   = "basic"
enable_canaries    = false
monthly_budget_usd = 100
alert_emails       = ["devops@candlefish.ai"]

tags = {}
