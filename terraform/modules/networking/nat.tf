# NAT gateways for the private subnets, by var.nat_mode:
#   per_az  one NAT gateway (and Elastic IP) in each AZ's public subnet; each
#           private route table uses its own AZ's, so losing an AZ only
#           takes that AZ's egress (staging, production)
#   single  one NAT gateway in the first AZ shared by every private subnet:
#           a third of the cost with three AZs, but egress and cross-AZ
#           data charges depend on that one AZ (dev)
#   none    no NAT gateway: the private subnets reach AWS services through
#           VPC endpoints only
# Keys are AZ names, so switching single -> per_az keeps the first AZ's NAT
# gateway and its public IP.

locals {
  nat_azs = var.nat_mode == "per_az" ? local.azs : (var.nat_mode == "single" ? [local.azs[0]] : [])

  # Private route table (AZ) => AZ of the NAT gateway it routes through.
  private_nat_az = { for az in local.azs : az => (var.nat_mode == "per_az" ? az : local.azs[0]) if var.nat_mode != "none" }
}

resource "aws_eip" "nat" {
  for_each = toset(local.nat_azs)

  domain = "vpc"

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-nat-${each.key}"
  })

  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  for_each = toset(local.nat_azs)

  connectivity_type = "public"
  allocation_id     = aws_eip.nat[each.key].allocation_id
  subnet_id         = aws_subnet.public[each.key].id

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-nat-${each.key}"
  })

  depends_on = [aws_internet_gateway.this]
}

resource "aws_route" "private_nat_gateway" {
  for_each = local.private_nat_az

  route_table_id         = aws_route_table.private[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[each.value].id
}
