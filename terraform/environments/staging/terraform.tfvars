# Staging: production-like. About 70 % Fargate Spot, 30 % on-demand.
project        = "candlefish"
environment    = "staging"
primary_region = "us-east-1"
standby_region = "us-west-2"

vpc_cidr                    = "10.20.0.0/16"
log_retention_days          = 30
kms_deletion_window_in_days = 14

capacity_provider_strategy = {
  FARGATE = {
    base   = 1
    weight = 3
  }
  FARGATE_SPOT = {
    weight = 7
  }
}

# Networking: three AZs with a NAT gateway each, for reliability testing.
az_count            = 3
nat_mode            = "per_az"
interface_endpoints = []

# Security: CloudTrail and Config (the seed's cost table), no GuardDuty or WAF.
enable_waf                     = false
enable_cloudtrail              = true
enable_config                  = true
enable_guardduty               = false
audit_log_retention_days       = 365
secret_recovery_window_in_days = 14

tags = {}
