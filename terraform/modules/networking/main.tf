# VPC foundation. Later issues add subnets, NAT gateways, VPC endpoints and
# Transit Gateway; VPC flow logs live in vpc-flow-logs.tf.

locals {
  name_prefix = "${var.project}-${var.environment}"
}

resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-vpc"
  })
}

# Adopt the VPC's default security group and strip all its rules, so that
# nothing attached to it by mistake can send or receive traffic.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-default-deny-all"
  })
}
