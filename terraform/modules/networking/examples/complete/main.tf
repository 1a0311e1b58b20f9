# Every feature of the networking module: a primary VPC in var.region (three
# AZs, a NAT gateway per AZ, every interface endpoint, a transit gateway) and
# a standby VPC in var.standby_region whose transit gateway the primary's
# peers with, as production runs it; the standby's NAT is a NAT instance
# (nat_mode = "instance", the cheap NAT of dev). Each VPC's flow logs are
# encrypted with a KMS key of its own region, and a NAT instance's root
# volume with an EBS key of its region.

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

# Keys for the NAT instances' root volumes, in each region whose VPC has
# nat_mode = "instance" (and no nat_instance_kms_key_arn for the primary).
# The account administers and uses the key through IAM; EC2 encrypts the
# volume on behalf of the principal that launches the instance, with a
# grant it creates (an environment uses the security module's key for a
# kms_services entry "ebs" with kms_key_via_services = { ebs = ["ec2"] },
# which limits use to EC2).
locals {
  nat_instance_key_regions = {
    for k, region in local.flow_log_key_regions : k => region
    if(k == "primary" ? var.nat_mode == "instance" && var.nat_instance_kms_key_arn == null : var.standby_nat_mode == "instance")
  }
}

data "aws_iam_policy_document" "nat_instance_key" {
  count = length(local.nat_instance_key_regions) > 0 ? 1 : 0

  statement {
    sid       = "EnableAccountAdministrationAndUseThroughIam"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "nat_instance_primary" {
  count = contains(keys(local.nat_instance_key_regions), "primary") ? 1 : 0

  description             = "${var.project}-${var.environment} NAT instance volume in ${var.region}"
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy                  = data.aws_iam_policy_document.nat_instance_key[0].json
}

resource "aws_kms_key" "nat_instance_standby" {
  count    = contains(keys(local.nat_instance_key_regions), "standby") ? 1 : 0
  provider = aws.replica

  description             = "${var.project}-${var.environment} NAT instance volume in ${var.standby_region}"
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy                  = data.aws_iam_policy_document.nat_instance_key[0].json
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

  nat_instance_type             = var.nat_instance_type
  nat_instance_kms_key_arn      = var.nat_instance_kms_key_arn != null ? var.nat_instance_kms_key_arn : one(aws_kms_key.nat_instance_primary[*].arn)
  nat_instance_egress_tcp_ports = var.nat_instance_egress_tcp_ports

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

  nat_instance_kms_key_arn = one(aws_kms_key.nat_instance_standby[*].arn)

  enable_transit_gateway            = var.enable_transit_gateway
  transit_gateway_amazon_side_asn   = var.standby_transit_gateway_amazon_side_asn
  transit_gateway_destination_cidrs = var.enable_transit_gateway && var.enable_transit_gateway_peering ? [var.vpc_cidr] : []

  flow_log_kms_key_arn  = aws_kms_key.standby.arn
  flow_log_traffic_type = var.flow_log_traffic_type
  log_retention_days    = var.log_retention_days
  tags                  = var.tags
}
