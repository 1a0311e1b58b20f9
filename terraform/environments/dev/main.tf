# Identical in every environment: environments differ only in terraform.tfvars.

module "security" {
  source = "../../modules/security"

  project                     = var.project
  environment                 = var.environment
  kms_deletion_window_in_days = var.kms_deletion_window_in_days
  tags                        = var.tags
}

module "networking" {
  source = "../../modules/networking"

  project              = var.project
  environment          = var.environment
  vpc_cidr             = var.vpc_cidr
  flow_log_kms_key_arn = module.security.kms_key_arns["logs"]
  log_retention_days   = var.log_retention_days
  tags                 = var.tags
}

module "storage" {
  source = "../../modules/storage"

  project     = var.project
  environment = var.environment
  tags        = var.tags
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
