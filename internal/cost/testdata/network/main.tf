# Networking: a public NAT gateway with its Elastic IP, an interface endpoint
# in three subnets, a gateway endpoint, a transit gateway with a VPC
# attachment and a peering to us-west-2 (both sides), and an internet-facing
# ALB in three subnets.
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "this" {
  for_each = { a = "10.0.1.0/24", b = "10.0.2.0/24", c = "10.0.3.0/24" }

  vpc_id            = aws_vpc.this.id
  cidr_block        = each.value
  availability_zone = "us-east-1${each.key}"
}

resource "aws_eip" "nat" {
  domain = "vpc"
}

resource "aws_nat_gateway" "this" {
  allocation_id = aws_eip.nat.allocation_id
  subnet_id     = aws_subnet.this["a"].id
}

resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.us-east-1.ecr.api"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [for s in aws_subnet.this : s.id]
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.this.id
  service_name = "com.amazonaws.us-east-1.s3"
}

resource "aws_ec2_transit_gateway" "this" {
  description = "fixture"
}

resource "aws_ec2_transit_gateway_vpc_attachment" "this" {
  transit_gateway_id = aws_ec2_transit_gateway.this.id
  vpc_id             = aws_vpc.this.id
  subnet_ids         = [for s in aws_subnet.this : s.id]
}

resource "aws_ec2_transit_gateway" "west" {
  provider    = aws.west
  description = "fixture west"
}

resource "aws_ec2_transit_gateway_peering_attachment" "this" {
  transit_gateway_id      = aws_ec2_transit_gateway.this.id
  peer_transit_gateway_id = aws_ec2_transit_gateway.west.id
  peer_region             = "us-west-2"
}

resource "aws_ec2_transit_gateway_peering_attachment_accepter" "west" {
  provider                      = aws.west
  transit_gateway_attachment_id = aws_ec2_transit_gateway_peering_attachment.this.id
}

resource "aws_lb" "this" {
  name               = "fixture"
  load_balancer_type = "application"
  internal           = false
  subnets            = [for s in aws_subnet.this : s.id]
}

resource "aws_lb" "network" {
  name               = "fixture-nlb"
  load_balancer_type = "network"
  subnets            = [for s in aws_subnet.this : s.id]
}
