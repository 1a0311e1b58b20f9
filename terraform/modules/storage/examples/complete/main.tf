# Every feature of the storage module, as production runs it: S3 buckets
# replicated to the standby region, provisioned DynamoDB tables with
# autoscaling and a standby-region replica, a two-node Valkey replication
# group, and an Aurora Serverless v2 global database whose secondary cluster
# lives in the standby region.
#
# The example brings what the other modules provide in an environment:
# customer-managed KMS keys per service in both regions (security module) and
# a minimal network with subnet groups and security groups in both regions
# (networking and security modules). Any key, subnet group or security group
# can be replaced by an existing one through the variables.

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "Candlefish"
      Environment = var.environment
      CostCenter  = "Engineering"
      Owner       = "DevOps"
    }
  }
}

provider "aws" {
  alias  = "replica"
  region = var.replica_region

  default_tags {
    tags = {
      Project     = "Candlefish"
      Environment = var.environment
      CostCenter  = "Engineering"
      Owner       = "DevOps"
    }
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  name_prefix      = "${var.project}-${var.environment}-example"
  account_root_arn = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"

  # Keys this example creates, per region, unless kms_key_arns /
  # standby_kms_key_arns name an existing one (or null: no key).
  primary_key_services = toset([for s in ["s3", "dynamodb", "elasticache", "aurora", "secrets", "logs"] : s if !contains(keys(var.kms_key_arns), s)])
  standby_key_services = toset([for s in ["dynamodb", "aurora", "secrets", "logs"] : s if !contains(keys(var.standby_kms_key_arns), s)])

  key_regions = { primary = var.region, standby = var.replica_region }

  kms_key_arns         = merge({ for s, k in aws_kms_key.primary : s => k.arn }, var.kms_key_arns)
  standby_kms_key_arns = merge({ for s, k in aws_kms_key.standby : s => k.arn }, var.standby_kms_key_arns)
}

# ---------------------------------------------------------------------------
# KMS keys (the security module's job in an environment)
# ---------------------------------------------------------------------------

# Key policy: the account administers and uses the key through IAM (the
# default key policy); a logs key also lets CloudWatch Logs of its region
# encrypt this account's log groups.
data "aws_iam_policy_document" "key" {
  for_each = local.key_regions

  statement {
    sid       = "EnableAccountAdministration"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }
  }
}

data "aws_iam_policy_document" "logs_key" {
  for_each = local.key_regions

  source_policy_documents = [data.aws_iam_policy_document.key[each.key].json]

  statement {
    sid    = "AllowCloudWatchLogs"
    effect = "Allow"
    actions = [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${each.value}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${data.aws_partition.current.partition}:logs:${each.value}:${data.aws_caller_identity.current.account_id}:log-group:*"]
    }
  }
}

resource "aws_kms_key" "primary" {
  for_each = local.primary_key_services

  description             = "${local.name_prefix} ${each.key} in ${var.region}"
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy                  = each.key == "logs" ? data.aws_iam_policy_document.logs_key["primary"].json : data.aws_iam_policy_document.key["primary"].json
}

resource "aws_kms_key" "standby" {
  for_each = local.standby_key_services
  provider = aws.replica

  description             = "${local.name_prefix} ${each.key} in ${var.replica_region}"
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy                  = each.key == "logs" ? data.aws_iam_policy_document.logs_key["standby"].json : data.aws_iam_policy_document.key["standby"].json
}

# ---------------------------------------------------------------------------
# Network (the networking and security modules' job in an environment):
# database subnets in two AZs per region, subnet groups, security groups that
# admit the VPC's own CIDR only.
# ---------------------------------------------------------------------------

resource "aws_vpc" "primary" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "${local.name_prefix}-primary" }
}

resource "aws_subnet" "primary" {
  for_each = { for i, az in var.availability_zones : az => i }

  vpc_id            = aws_vpc.primary.id
  availability_zone = each.key
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, each.value)

  tags = { Name = "${local.name_prefix}-database-${each.key}" }
}

resource "aws_db_subnet_group" "primary" {
  name        = "${local.name_prefix}-primary"
  description = "Aurora subnets of the storage example in ${var.region}"
  subnet_ids  = [for s in aws_subnet.primary : s.id]
}

resource "aws_elasticache_subnet_group" "primary" {
  name        = "${local.name_prefix}-cache"
  description = "ElastiCache subnets of the storage example in ${var.region}"
  subnet_ids  = [for s in aws_subnet.primary : s.id]
}

resource "aws_security_group" "cache" {
  name        = "${local.name_prefix}-cache"
  description = "ElastiCache of the storage example: TLS Valkey/Redis from the VPC"
  vpc_id      = aws_vpc.primary.id
}

resource "aws_vpc_security_group_ingress_rule" "cache" {
  security_group_id = aws_security_group.cache.id
  description       = "Valkey/Redis (TLS) from the VPC"
  ip_protocol       = "tcp"
  from_port         = 6379
  to_port           = 6379
  cidr_ipv4         = var.vpc_cidr
}

resource "aws_security_group" "aurora" {
  name        = "${local.name_prefix}-aurora"
  description = "Aurora of the storage example: PostgreSQL from the VPC"
  vpc_id      = aws_vpc.primary.id
}

resource "aws_vpc_security_group_ingress_rule" "aurora" {
  security_group_id = aws_security_group.aurora.id
  description       = "PostgreSQL from the VPC"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = var.vpc_cidr
}

resource "aws_vpc" "standby" {
  provider = aws.replica

  cidr_block           = var.standby_vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "${local.name_prefix}-standby" }
}

resource "aws_subnet" "standby" {
  for_each = { for i, az in var.standby_availability_zones : az => i }
  provider = aws.replica

  vpc_id            = aws_vpc.standby.id
  availability_zone = each.key
  cidr_block        = cidrsubnet(var.standby_vpc_cidr, 8, each.value)

  tags = { Name = "${local.name_prefix}-database-${each.key}" }
}

resource "aws_db_subnet_group" "standby" {
  provider = aws.replica

  name        = "${local.name_prefix}-standby"
  description = "Aurora secondary subnets of the storage example in ${var.replica_region}"
  subnet_ids  = [for s in aws_subnet.standby : s.id]
}

resource "aws_security_group" "aurora_standby" {
  provider = aws.replica

  name        = "${local.name_prefix}-aurora"
  description = "Aurora secondary of the storage example: PostgreSQL from the VPC"
  vpc_id      = aws_vpc.standby.id
}

resource "aws_vpc_security_group_ingress_rule" "aurora_standby" {
  provider = aws.replica

  security_group_id = aws_security_group.aurora_standby.id
  description       = "PostgreSQL from the VPC"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = var.standby_vpc_cidr
}

# ---------------------------------------------------------------------------
# The module
# ---------------------------------------------------------------------------

module "storage" {
  source = "../.."

  providers = {
    aws         = aws
    aws.replica = aws.replica
  }

  project                        = var.project
  environment                    = var.environment
  replica_region                 = var.replica_region
  log_retention_days             = var.log_retention_days
  secret_recovery_window_in_days = var.secret_recovery_window_in_days
  tags                           = var.tags

  s3_kms_key_arn               = local.kms_key_arns["s3"]
  replica_s3_kms_key_arn       = var.replica_s3_kms_key_arn
  dynamodb_kms_key_arn         = local.kms_key_arns["dynamodb"]
  replica_dynamodb_kms_key_arn = local.standby_kms_key_arns["dynamodb"]
  elasticache_kms_key_arn      = local.kms_key_arns["elasticache"]
  aurora_kms_key_arn           = local.kms_key_arns["aurora"]
  secrets_kms_key_arn          = local.kms_key_arns["secrets"]
  cloudwatch_logs_kms_key_arn  = local.kms_key_arns["logs"]

  # S3
  buckets                             = var.buckets
  bucket_name_suffix                  = var.bucket_name_suffix
  enable_replication                  = var.enable_replication
  replication_storage_class           = var.replication_storage_class
  replica_kms_deletion_window_in_days = var.replica_kms_deletion_window_in_days
  enable_alb_log_delivery             = var.enable_alb_log_delivery
  enable_cloudfront_log_delivery      = var.enable_cloudfront_log_delivery

  # DynamoDB
  dynamodb_tables                      = var.dynamodb_tables
  dynamodb_billing_mode                = var.dynamodb_billing_mode
  dynamodb_autoscaling                 = var.dynamodb_autoscaling
  dynamodb_deletion_protection         = var.dynamodb_deletion_protection
  dynamodb_point_in_time_recovery_days = var.dynamodb_point_in_time_recovery_days
  enable_dynamodb_replica              = var.enable_dynamodb_replica

  # ElastiCache
  enable_cache                  = var.enable_cache
  cache_engine                  = var.cache_engine
  cache_engine_version          = var.cache_engine_version
  cache_node_type               = var.cache_node_type
  cache_num_nodes               = var.cache_num_nodes
  cache_subnet_group_name       = var.cache_subnet_group_name != null ? var.cache_subnet_group_name : aws_elasticache_subnet_group.primary.name
  cache_security_group_ids      = var.cache_security_group_ids != null ? var.cache_security_group_ids : [aws_security_group.cache.id]
  cache_snapshot_retention_days = var.cache_snapshot_retention_days
  cache_snapshot_window         = var.cache_snapshot_window
  cache_maintenance_window      = var.cache_maintenance_window
  cache_parameters              = var.cache_parameters
  enable_cache_slow_log         = var.enable_cache_slow_log
  cache_auth_token_version      = var.cache_auth_token_version

  # Aurora
  enable_aurora                              = var.enable_aurora
  aurora_engine_version                      = var.aurora_engine_version
  aurora_min_capacity                        = var.aurora_min_capacity
  aurora_seconds_until_auto_pause            = var.aurora_seconds_until_auto_pause
  aurora_max_capacity                        = var.aurora_max_capacity
  aurora_instance_count                      = var.aurora_instance_count
  aurora_db_subnet_group_name                = var.aurora_db_subnet_group_name != null ? var.aurora_db_subnet_group_name : aws_db_subnet_group.primary.name
  aurora_security_group_ids                  = var.aurora_security_group_ids != null ? var.aurora_security_group_ids : [aws_security_group.aurora.id]
  aurora_database_name                       = var.aurora_database_name
  aurora_master_username                     = var.aurora_master_username
  aurora_backup_retention_days               = var.aurora_backup_retention_days
  aurora_backup_window                       = var.aurora_backup_window
  aurora_maintenance_window                  = var.aurora_maintenance_window
  aurora_deletion_protection                 = var.aurora_deletion_protection
  aurora_skip_final_snapshot                 = var.aurora_skip_final_snapshot
  aurora_performance_insights_retention_days = var.aurora_performance_insights_retention_days
  aurora_master_password_version             = var.aurora_master_password_version
  enable_aurora_global_database              = var.enable_aurora_global_database
  aurora_secondary = var.create_aurora_secondary ? {
    db_subnet_group_name = aws_db_subnet_group.standby.name
    security_group_ids   = var.aurora_secondary_security_group_ids != null ? var.aurora_secondary_security_group_ids : [aws_security_group.aurora_standby.id]
    kms_key_arn          = local.standby_kms_key_arns["aurora"]
    instance_count       = var.aurora_secondary_instance_count
    secrets_kms_key_arn  = local.standby_kms_key_arns["secrets"]
    logs_kms_key_arn     = local.standby_kms_key_arns["logs"]
  } : null
}
