# VPC endpoints. The S3 and DynamoDB gateway endpoints cost nothing and keep
# that traffic off the NAT gateways, so they always exist, in the private,
# database and intra route tables. Interface endpoints (billed per AZ-hour
# and per GB) exist for the services in var.interface_endpoints only, with an
# ENI in every private subnet and private DNS, so the SDKs' default endpoint
# names resolve to them inside the VPC.

locals {
  gateway_endpoints = toset(["s3", "dynamodb"])

  # Route tables of the tiers that reach AWS services without the internet gateway.
  non_public_route_table_ids = concat(
    [for az in local.azs : aws_route_table.private[az].id],
    [aws_route_table.database.id, aws_route_table.intra.id],
  )

  enable_interface_endpoints = length(var.interface_endpoints) > 0
}

resource "aws_vpc_endpoint" "gateway" {
  for_each = local.gateway_endpoints

  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.${var.region}.${each.key}"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = local.non_public_route_table_ids

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-${each.key}-gateway-endpoint"
  })
}

resource "aws_security_group" "endpoints" {
  count = local.enable_interface_endpoints ? 1 : 0

  name        = "${local.name_prefix}-vpc-endpoints"
  description = "Interface VPC endpoints of ${local.name_prefix}: HTTPS from inside the VPC only."
  vpc_id      = aws_vpc.this.id

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-vpc-endpoints"
  })
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_https" {
  count = local.enable_interface_endpoints ? 1 : 0

  security_group_id = aws_security_group.endpoints[0].id
  description       = "HTTPS to the interface endpoints from inside the VPC"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = var.vpc_cidr

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-vpc-endpoints-https"
  })
}

# No egress rule on purpose: endpoint network interfaces only answer
# connections (security groups are stateful) and never open any, and
# Terraform removes the allow-all egress rule AWS adds to a new group.

resource "aws_vpc_endpoint" "interface" {
  for_each = var.interface_endpoints

  vpc_id              = aws_vpc.this.id
  service_name        = "com.amazonaws.${var.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [for az in local.azs : aws_subnet.private[az].id]
  security_group_ids  = [aws_security_group.endpoints[0].id]
  private_dns_enabled = true

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-${each.key}-endpoint"
  })
}
