# Production: on-demand Fargate for stability, longest retention.
project        = "candlefish"
environment    = "production"
primary_region = "us-east-1"
standby_region = "us-west-2"

vpc_cidr                    = "10.30.0.0/16"
log_retention_days          = 90
kms_deletion_window_in_days = 30

capacity_provider_strategy = {
  FARGATE = {
    base   = 1
    weight = 1
  }
}

# Networking: three AZs with a NAT gateway each, ECR and Logs endpoints (the
# image pulls and log shipping that would otherwise cross the NAT gateways),
# and the us-west-2 standby VPC peered through transit gateways.
az_count              = 3
nat_mode              = "per_az"
interface_endpoints   = ["ecr.api", "ecr.dkr", "logs"]
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

tags = {}
