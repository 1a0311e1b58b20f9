# Every feature of the networking module: a primary VPC in var.region (three
# AZs, a NAT gateway per AZ, every interface endpoint, a transit gateway) and
# a standby VPC in var.standby_region whose transit gateway the primary's
# peers with, as production runs it. Each VPC's flow logs are encrypted with
# a KMS key of its own region.

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
  region = var.standby_region

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
  flow_log_key_regions = {
    primary = var.region
    standby = var.standby_region
  }
}

# Key policy: the account administers the key through IAM, and CloudWatch
# Logs of the key's region may use it for this account's VPC flow log groups.
data "aws_iam_policy_document" "flow_logs_key" {
  for_each = local.flow_log_key_regions

  statement {
    sid       = "EnableAccountAdministration"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid    = "AllowCloudWatchLogsForFlowLogGroups"
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
      values   = ["arn:${data.aws_partition.current.partition}:logs:${each.value}:${data.aws_caller_identity.current.account_id}:log-group:/aws/vpc-flow-logs/*"]
    }
  }
}

resource "aws_kms_key" "primary" {
  count = var.flow_log_kms_key_arn == null ? 1 : 0

  description             = "${var.project}-${var.environment} VPC flow logs in ${var.region}"
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy                  = data.aws_iam_policy_document.flow_logs_key["primary"].json
}

resource "aws_kms_key" "standby" {
  provider = aws.replica

  description             = "${var.project}-${var.environment} VPC flow logs in ${var.standby_region}"
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy                  = data.aws_iam_policy_document.flow_logs_key["standby"].json
}

module "networking" {
  source = "../.."

  providers = {
    aws      = aws
    aws.peer = aws.replica
  }

  project     = var.project
  environment = var.environment
  region      = var.region
  vpc_cidr    = var.vpc_cidr
  az_count    = var.az_count
  az_suffixes = var.az_suffixes
  nat_mode    = var.nat_mode

  interface_endpoints = var.interface_endpoints

  enable_transit_gateway          = var.enable_transit_gateway
  transit_gateway_amazon_side_asn = var.transit_gateway_amazon_side_asn
  transit_gateway_peer = var.enable_transit_gateway_peering ? {
    transit_gateway_id = var.transit_gateway_peer_id != null ? var.transit_gateway_peer_id : module.standby.transit_gateway_id
    region             = var.standby_region
    cidr_block         = var.standby_vpc_cidr
  } : null
  transit_gateway_destination_cidrs = var.transit_gateway_destination_cidrs

  flow_log_kms_key_arn  = var.flow_log_kms_key_arn != null ? var.flow_log_kms_key_arn : aws_kms_key.primary[0].arn
  flow_log_traffic_type = var.flow_log_traffic_type
  log_retention_days    = var.log_retention_days
  tags                  = var.tags
}

# The standby VPC: the peer of the primary's transit gateway. Its private,
# database and intra route tables send the primary VPC's CIDR to its own
# transit gateway, which the primary's peering attachment connects.
module "standby" {
  source = "../.."

  providers = {
    aws      = aws.replica
    aws.peer = aws
  }

  project     = var.project
  environment = var.environment
  region      = var.standby_region
  vpc_cidr    = var.standby_vpc_cidr
  az_count    = var.standby_az_count
  nat_mode    = var.standby_nat_mode

  enable_transit_gateway            = var.enable_transit_gateway
  transit_gateway_amazon_side_asn   = var.standby_transit_gateway_amazon_side_asn
  transit_gateway_destination_cidrs = var.enable_transit_gateway && var.enable_transit_gateway_peering ? [var.vpc_cidr] : []

  flow_log_kms_key_arn  = aws_kms_key.standby.arn
  flow_log_traffic_type = var.flow_log_traffic_type
  log_retention_days    = var.log_retention_days
  tags                  = var.tags
}
