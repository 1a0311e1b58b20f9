# VPC foundation: the VPC, its locked-down default security group, the
# internet gateway and the address plan. Subnets and route tables live in
# subnets.tf, NAT in nat.tf, VPC endpoints in endpoints.tf, the transit
# gateway in transit-gateway.tf and VPC flow logs in vpc-flow-logs.tf.

locals {
  name_prefix = "${var.project}-${var.environment}"

  # AZ name => position of its suffix in var.az_suffixes. The position, not
  # az_count, numbers the AZ's subnets, so adding an AZ never renumbers the
  # existing ones.
  az_index = { for i, suffix in slice(var.az_suffixes, 0, var.az_count) : "${var.region}${suffix}" => i }

  # AZ names in the order of var.az_suffixes.
  azs = [for suffix in slice(var.az_suffixes, 0, var.az_count) : "${var.region}${suffix}"]

  # Address plan, tier => AZ => CIDR. For a /16 (n = 16): private /20s at
  # netnums 0-5 of 4 new bits (the first 96 /24s), public /24s at 128-133,
  # database /24s at 136-141 and intra /24s at 144-149 of 8 new bits; 96-127
  # and 150-255 stay free for later tiers. A /20 VPC gives /24 private and
  # /28 (the smallest AWS subnet) public, database and intra subnets.
  cidr_plan = {
    public   = { for az, i in local.az_index : az => cidrsubnet(var.vpc_cidr, 8, 128 + i) }
    private  = { for az, i in local.az_index : az => cidrsubnet(var.vpc_cidr, 4, i) }
    database = { for az, i in local.az_index : az => cidrsubnet(var.vpc_cidr, 8, 136 + i) }
    intra    = { for az, i in local.az_index : az => cidrsubnet(var.vpc_cidr, 8, 144 + i) }
  }
}

resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-vpc"
  })

  lifecycle {
    # AZ names and endpoint service names are built from var.region; they
    # are only right in the region the provider works in.
    precondition {
      condition     = var.region == data.aws_region.current.region
      error_message = "region must be the region of the aws provider passed to this module."
    }
  }
}

# Adopt the VPC's default security group and strip all its rules, so that
# nothing attached to it by mistake can send or receive traffic.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-default-deny-all"
  })
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-igw"
  })
}
