# Identical in every environment: environments differ only in terraform.tfvars.

module "security" {
  source = "../../modules/security"

  project                     = var.project
  environment                 = var.environment
  kms_deletion_window_in_days = var.kms_deletion_window_in_days
  tags                        = var.tags

  secret_recovery_window_in_days = var.secret_recovery_window_in_days

  enable_github_oidc          = var.github_repository != ""
  create_github_oidc_provider = true
  github_repository           = var.github_repository
  github_branch               = var.github_branch

  enable_security_groups      = true
  vpc_id                      = module.networking.vpc_id
  vpc_cidr                    = var.vpc_cidr
  alb_ingress_from_cloudfront = true

  enable_waf             = var.enable_waf
  waf_log_retention_days = var.log_retention_days

  enable_cloudtrail        = var.enable_cloudtrail
  enable_config            = var.enable_config
  enable_guardduty         = var.enable_guardduty
  audit_log_retention_days = var.audit_log_retention_days
}

# KMS keys in the standby region, for what lives there: the standby VPC's
# flow logs and the replicas of S3, DynamoDB and Aurora. Keys only: IAM is
# global and stays with the primary instance.
module "security_standby" {
  source = "../../modules/security"
  count  = var.enable_standby_region ? 1 : 0

  providers = {
    aws = aws.replica
  }

  project                     = var.project
  environment                 = var.environment
  kms_deletion_window_in_days = var.kms_deletion_window_in_days
  enable_ecs_roles            = false
  tags                        = var.tags

  # The standby VPC's groups: the Aurora secondary's and the pilot-light tasks'.
  enable_security_groups = true
  vpc_id                 = module.networking_standby[0].vpc_id
  vpc_cidr               = var.standby_vpc_cidr
}

module "networking" {
  source = "../../modules/networking"

  providers = {
    aws      = aws
    aws.peer = aws.replica
  }

  project                         = var.project
  environment                     = var.environment
  region                          = var.primary_region
  vpc_cidr                        = var.vpc_cidr
  az_count                        = var.az_count
  nat_mode                        = var.nat_mode
  interface_endpoints             = var.interface_endpoints
  enable_transit_gateway          = var.enable_standby_region
  transit_gateway_amazon_side_asn = 64512
  transit_gateway_peer = var.enable_standby_region ? {
    transit_gateway_id = module.networking_standby[0].transit_gateway_id
    region             = var.standby_region
    cidr_block         = var.standby_vpc_cidr
  } : null
  flow_log_kms_key_arn = module.security.kms_key_arns["logs"]
  log_retention_days   = var.log_retention_days
  tags                 = var.tags
}

# The standby VPC in us-west-2 (production's pilot light): fewer AZs, one NAT
# gateway, and a transit gateway the primary peers with.
module "networking_standby" {
  source = "../../modules/networking"
  count  = var.enable_standby_region ? 1 : 0

  providers = {
    aws      = aws.replica
    aws.peer = aws
  }

  project                           = var.project
  environment                       = var.environment
  region                            = var.standby_region
  vpc_cidr                          = var.standby_vpc_cidr
  az_count                          = var.standby_az_count
  nat_mode                          = "single"
  enable_transit_gateway            = true
  transit_gateway_amazon_side_asn   = 64513
  transit_gateway_destination_cidrs = [var.vpc_cidr]
  flow_log_kms_key_arn              = module.security_standby[0].kms_key_arns["logs"]
  log_retention_days                = var.log_retention_days
  tags                              = var.tags
}

module "storage" {
  source = "../../modules/storage"

  providers = {
    aws         = aws
    aws.replica = aws.replica
  }

  project            = var.project
  environment        = var.environment
  bucket_name_suffix = var.bucket_name_suffix
  tags               = var.tags

  s3_kms_key_arn              = module.security.kms_key_arns["s3"]
  dynamodb_kms_key_arn        = module.security.kms_key_arns["dynamodb"]
  elasticache_kms_key_arn     = module.security.kms_key_arns["elasticache"]
  aurora_kms_key_arn          = module.security.kms_key_arns["aurora"]
  secrets_kms_key_arn         = module.security.kms_key_arns["secrets"]
  cloudwatch_logs_kms_key_arn = module.security.kms_key_arns["logs"]
  log_retention_days          = var.log_retention_days

  secret_recovery_window_in_days = var.secret_recovery_window_in_days

  enable_replication = var.enable_s3_replication

  dynamodb_tables              = var.dynamodb_tables
  dynamodb_billing_mode        = var.dynamodb_billing_mode
  dynamodb_autoscaling         = var.dynamodb_autoscaling
  dynamodb_deletion_protection = var.deletion_protection
  enable_dynamodb_replica      = var.enable_standby_region
  replica_dynamodb_kms_key_arn = var.enable_standby_region ? module.security_standby[0].kms_key_arns["dynamodb"] : null

  enable_cache                  = true
  cache_engine                  = var.cache_engine
  cache_node_type               = var.cache_node_type
  cache_num_nodes               = var.cache_num_nodes
  cache_snapshot_retention_days = var.cache_snapshot_retention_days
  enable_cache_slow_log         = var.enable_cache_slow_log
  cache_subnet_group_name       = module.networking.elasticache_subnet_group_name
  cache_security_group_ids      = [module.security.security_group_ids["cache"]]

  enable_aurora                 = var.enable_aurora
  aurora_min_capacity           = var.aurora_min_capacity
  aurora_max_capacity           = var.aurora_max_capacity
  aurora_backup_retention_days  = var.aurora_backup_retention_days
  aurora_deletion_protection    = var.deletion_protection
  aurora_db_subnet_group_name   = module.networking.db_subnet_group_name
  aurora_security_group_ids     = [module.security.security_group_ids["database"]]
  enable_aurora_global_database = var.enable_aurora && var.enable_standby_region
  aurora_secondary = var.enable_aurora && var.enable_standby_region ? {
    db_subnet_group_name = module.networking_standby[0].db_subnet_group_name
    security_group_ids   = [module.security_standby[0].security_group_ids["database"]]
    kms_key_arn          = module.security_standby[0].kms_key_arns["aurora"]
    secrets_kms_key_arn  = module.security_standby[0].kms_key_arns["secrets"]
    logs_kms_key_arn     = module.security_standby[0].kms_key_arns["logs"]
    instance_count       = 1
  } : null
}

module "compute" {
  source = "../../modules/compute"

  project                    = var.project
  environment                = var.environment
  capacity_provider_strategy = var.capacity_provider_strategy
  tags                       = var.tags
}

module "cdn" {
  source = "../../modules/cdn"

  project     = var.project
  environment = var.environment
  tags        = var.tags
}

module "monitoring" {
  source = "../../modules/monitoring"

  project     = var.project
  environment = var.environment
  kms_key_arn = module.security.kms_key_arns["sns"]
  tags        = var.tags
}
