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

tags = {}
