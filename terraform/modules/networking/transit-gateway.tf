# Transit Gateway for multi-region connectivity (var.enable_transit_gateway).
#
# The VPC attaches through its private subnets. The attachment is associated
# with and propagates into the transit gateway's default route table, so
# every VPC attached to this transit gateway reaches the others without
# extra routes.
#
# With var.transit_gateway_peer, this transit gateway peers with another one
# (normally the standby region's, created by a second instance of this
# module): the peering attachment is requested here and accepted in the
# peer's region (provider aws.peer). Peering attachments do not propagate
# routes, so static routes go both ways: the peer's CIDR via the peering
# attachment in this transit gateway's default route table, and this VPC's
# CIDR via the same attachment in the peer's default route table. The
# private, database and intra route tables send the peer's CIDR (and any
# var.transit_gateway_destination_cidrs) to the transit gateway; the peer
# side lists this VPC's CIDR in its own transit_gateway_destination_cidrs.

locals {
  enable_peering = var.enable_transit_gateway && var.transit_gateway_peer != null

  # CIDRs the non-public route tables send to the transit gateway.
  transit_gateway_cidrs = var.enable_transit_gateway ? toset(concat(
    tolist(var.transit_gateway_destination_cidrs),
    var.transit_gateway_peer == null ? [] : [var.transit_gateway_peer.cidr_block],
  )) : toset([])

  # Route table name ("private/<AZ>", "database", "intra") => ID.
  non_public_route_tables = merge(
    { for az in local.azs : "private/${az}" => aws_route_table.private[az].id },
    { database = aws_route_table.database.id, intra = aws_route_table.intra.id },
  )

  # "<route table name>/<CIDR>" => route. for_each keys and values come from
  # variables only; the route table ID is looked up in the resource.
  transit_gateway_routes = {
    for pair in setproduct(concat([for az in local.azs : "private/${az}"], ["database", "intra"]), local.transit_gateway_cidrs) :
    "${pair[0]}/${pair[1]}" => { route_table = pair[0], cidr_block = pair[1] }
  }
}

resource "aws_ec2_transit_gateway" "this" {
  count = var.enable_transit_gateway ? 1 : 0

  description                     = "${local.name_prefix} transit gateway in ${var.region}"
  amazon_side_asn                 = var.transit_gateway_amazon_side_asn
  auto_accept_shared_attachments  = "disable"
  default_route_table_association = "enable"
  default_route_table_propagation = "enable"
  dns_support                     = "enable"
  vpn_ecmp_support                = "enable"

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-tgw"
  })
}

resource "aws_ec2_transit_gateway_vpc_attachment" "this" {
  count = var.enable_transit_gateway ? 1 : 0

  transit_gateway_id = aws_ec2_transit_gateway.this[0].id
  vpc_id             = aws_vpc.this.id
  subnet_ids         = [for az in local.azs : aws_subnet.private[az].id]
  dns_support        = "enable"

  transit_gateway_default_route_table_association = true
  transit_gateway_default_route_table_propagation = true

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-tgw-vpc"
  })
}

resource "aws_route" "transit_gateway" {
  for_each = local.transit_gateway_routes

  route_table_id         = local.non_public_route_tables[each.value.route_table]
  destination_cidr_block = each.value.cidr_block
  transit_gateway_id     = aws_ec2_transit_gateway.this[0].id

  # A route to a transit gateway needs the VPC's attachment to exist.
  depends_on = [aws_ec2_transit_gateway_vpc_attachment.this]
}

# Peering with the transit gateway in the peer region.

data "aws_region" "peer" {
  count    = local.enable_peering ? 1 : 0
  provider = aws.peer
}

resource "aws_ec2_transit_gateway_peering_attachment" "this" {
  count = local.enable_peering ? 1 : 0

  transit_gateway_id      = aws_ec2_transit_gateway.this[0].id
  peer_transit_gateway_id = var.transit_gateway_peer.transit_gateway_id
  peer_region             = var.transit_gateway_peer.region

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-tgw-peering-${var.region}-${var.transit_gateway_peer.region}"
  })
}

resource "aws_ec2_transit_gateway_peering_attachment_accepter" "this" {
  count    = local.enable_peering ? 1 : 0
  provider = aws.peer

  transit_gateway_attachment_id = aws_ec2_transit_gateway_peering_attachment.this[0].id

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-tgw-peering-${var.region}-${var.transit_gateway_peer.region}"
  })

  lifecycle {
    precondition {
      condition     = data.aws_region.peer[0].region == var.transit_gateway_peer.region
      error_message = "The aws.peer provider passed to this module must work in transit_gateway_peer.region."
    }
  }
}

resource "aws_ec2_transit_gateway_route" "peer" {
  count = local.enable_peering ? 1 : 0

  destination_cidr_block         = var.transit_gateway_peer.cidr_block
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment_accepter.this[0].transit_gateway_attachment_id
  transit_gateway_route_table_id = aws_ec2_transit_gateway.this[0].association_default_route_table_id
}

# The way back: this VPC's CIDR via the peering attachment in the peer
# transit gateway's default route table.

data "aws_ec2_transit_gateway" "peer" {
  count    = local.enable_peering ? 1 : 0
  provider = aws.peer

  id = var.transit_gateway_peer.transit_gateway_id
}

resource "aws_ec2_transit_gateway_route" "peer_return" {
  count    = local.enable_peering ? 1 : 0
  provider = aws.peer

  destination_cidr_block         = var.vpc_cidr
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_peering_attachment_accepter.this[0].transit_gateway_attachment_id
  transit_gateway_route_table_id = data.aws_ec2_transit_gateway.peer[0].association_default_route_table_id
}
