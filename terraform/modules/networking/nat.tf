# NAT for the private subnets, by var.nat_mode:
#   per_az    one NAT gateway (and Elastic IP) in each AZ's public subnet; each
#             private route table uses its own AZ's, so losing an AZ only
#             takes that AZ's egress (staging, production)
#   single    one NAT gateway in the first AZ shared by every private subnet:
#             a third of the cost with three AZs, but egress and cross-AZ
#             data charges depend on that one AZ
#   instance  one NAT instance (nat-instance.tf) with an Elastic IP in the
#             first AZ shared by every private subnet, like single: about a
#             fifth of a NAT gateway's cost and no per-GB processing charge,
#             but a self-managed EC2 instance with burstable bandwidth (dev)
#   none      no NAT: the private subnets reach AWS services through VPC
#             endpoints only
# Keys are AZ names, so switching single -> per_az keeps the first AZ's NAT
# gateway and its public IP, and switching single <-> instance keeps the
# first AZ's Elastic IP (the address allow-lists know) and updates the
# private routes in place.

locals {
  nat_gateway_azs  = var.nat_mode == "per_az" ? local.azs : (var.nat_mode == "single" ? [local.azs[0]] : [])
  nat_instance_azs = var.nat_mode == "instance" ? [local.azs[0]] : []

  # AZs with a NAT Elastic IP: one per NAT gateway, or the NAT instance's.
  nat_eip_azs = concat(local.nat_gateway_azs, local.nat_instance_azs)

  # Private route table (AZ) => AZ of the NAT gateway or instance it routes through.
  private_nat_az = { for az in local.azs : az => (var.nat_mode == "per_az" ? az : local.azs[0]) if var.nat_mode != "none" }
}

resource "aws_eip" "nat" {
  for_each = toset(local.nat_eip_azs)

  domain = "vpc"

  # A NAT gateway takes its address through allocation_id; the NAT instance's
  # primary network interface is associated here. The interface (not the
  # instance) keeps the address through an EC2 recovery, and moving the
  # address from a NAT gateway to the instance is an update of this
  # resource, which Terraform orders after the NAT gateway's deletion (see
  # the README for the way back).
  network_interface = var.nat_mode == "instance" ? aws_instance.nat[each.key].primary_network_interface_id : null

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-nat-${each.key}"
  })

  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  for_each = toset(local.nat_gateway_azs)

  connectivity_type = "public"
  allocation_id     = aws_eip.nat[each.key].allocation_id
  subnet_id         = aws_subnet.public[each.key].id

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-nat-${each.key}"
  })

  depends_on = [aws_internet_gateway.this]
}

# The private route tables' default route: to a NAT gateway, or to the NAT
# instance's primary network interface (the interface, not the instance ID,
# so that the route stays valid through an EC2 recovery). One resource for
# both, so that changing nat_mode between them replaces the route's target
# in place instead of deleting one route and creating another.
resource "aws_route" "private_nat" {
  for_each = local.private_nat_az

  route_table_id         = aws_route_table.private[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = var.nat_mode == "instance" ? null : aws_nat_gateway.this[each.value].id
  network_interface_id   = var.nat_mode == "instance" ? aws_instance.nat[each.value].primary_network_interface_id : null
}

moved {
  from = aws_route.private_nat_gateway
  to   = aws_route.private_nat
}
