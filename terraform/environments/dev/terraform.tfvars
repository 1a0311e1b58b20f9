# Development: lowest cost. 100 % Fargate Spot, short log retention.
project        = "candlefish"
environment    = "dev"
primary_region = "us-east-1"
standby_region = "us-west-2"

vpc_cidr                    = "10.10.0.0/16"
log_retention_days          = 7
kms_deletion_window_in_days = 7

capacity_provider_strategy = {
  FARGATE_SPOT = {
    weight = 1
  }
}

# Networking: two AZs, one shared NAT gateway, no interface endpoints.
az_count            = 2
nat_mode            = "single"
interface_endpoints = []

# Security: no CloudTrail, Config, GuardDuty or WAF in dev (the seed's cost table).
enable_waf                     = false
enable_cloudtrail              = false
enable_config                  = false
enable_guardduty               = false
secret_recovery_window_in_days = 7

tags = {}
