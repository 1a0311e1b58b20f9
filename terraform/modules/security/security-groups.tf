# Security groups with least privilege, one per tier, each rule its own
# resource (aws_vpc_security_group_*_rule):
#
#   alb       443 from CloudFront's origin-facing prefix list (default), or 443
#             and 80 from the internet; sends only to the application port.
#             The prefix list also admits CloudFront's VPC origins to an
#             internal load balancer: "Allow traffic from the CloudFront
#             managed prefix list ... This can be done before VPC origin
#             created as well" (CloudFront Developer Guide, "Restrict access
#             with VPC origins", option 1), so the first apply works. Option 2,
#             the service-managed group CloudFront-VPCOrigins-Service-SG,
#             exists only once a VPC origin does (a second apply). The VPC's
#             own CIDR is not among the documented sources.
#   app       the application port from the load balancer only; sends to the
#             database and cache ports, and HTTPS to the VPC (interface
#             endpoints), to the S3 and DynamoDB gateway endpoints and to the
#             CIDR blocks given in app_egress_https_cidr_blocks
#   database  the database port from the application only; sends nothing
#   cache     the cache port from the application only; sends nothing
#
# Only the load balancer may be reached from 0.0.0.0/0 or ::/0, and only when
# alb_ingress_from_cloudfront = false.

locals {
  security_groups = {
    alb      = "Load balancer of ${local.name_prefix}: web traffic from CloudFront or the internet."
    app      = "Application tasks of ${local.name_prefix}: the application port from the load balancer only."
    database = "Aurora of ${local.name_prefix}: PostgreSQL from the application only."
    cache    = "ElastiCache of ${local.name_prefix}: Redis from the application only."
  }

  # Internet ingress of the load balancer when CloudFront is not in front.
  alb_internet_ingress = {
    for k, v in {
      https_ipv4 = { port = 443, cidr = "0.0.0.0/0" }
      https_ipv6 = { port = 443, cidr = "::/0" }
      http_ipv4  = { port = 80, cidr = "0.0.0.0/0" }
      http_ipv6  = { port = 80, cidr = "::/0" }
    } : k => v if var.enable_security_groups && !var.alb_ingress_from_cloudfront
  }

  # Gateway endpoints the application reaches over HTTPS.
  app_gateway_endpoints = var.enable_security_groups ? toset(["s3", "dynamodb"]) : toset([])
}

resource "aws_security_group" "this" {
  for_each = { for k, v in local.security_groups : k => v if var.enable_security_groups }

  name        = "${local.name_prefix}-${each.key}"
  description = each.value
  vpc_id      = var.vpc_id

  tags = merge(var.tags, {
    Name = "${local.name_prefix}-${each.key}"
    Tier = each.key
  })
}

################################################################################
# Load balancer
################################################################################

data "aws_ec2_managed_prefix_list" "cloudfront" {
  count = var.enable_security_groups && var.alb_ingress_from_cloudfront ? 1 : 0

  name = "com.amazonaws.global.cloudfront.origin-facing"
}

# The prefix list counts as about 55 rules against the group's inbound quota.
# It serves an internet-facing load balancer (CloudFront's origin-facing
# servers) and an internal one behind VPC origins (see above) alike.
resource "aws_vpc_security_group_ingress_rule" "alb_cloudfront" {
  count = var.enable_security_groups && var.alb_ingress_from_cloudfront ? 1 : 0

  security_group_id = aws_security_group.this["alb"].id
  description       = "HTTPS from CloudFront origin-facing servers"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = data.aws_ec2_managed_prefix_list.cloudfront[0].id

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "alb_internet" {
  for_each = local.alb_internet_ingress

  security_group_id = aws_security_group.this["alb"].id
  description       = "${upper(split("_", each.key)[0])} from the internet (${split("_", each.key)[1]})"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = strcontains(each.value.cidr, ":") ? null : each.value.cidr
  cidr_ipv6         = strcontains(each.value.cidr, ":") ? each.value.cidr : null

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "alb_to_app" {
  count = var.enable_security_groups ? 1 : 0

  security_group_id            = aws_security_group.this["alb"].id
  description                  = "Application port on the application tasks"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = aws_security_group.this["app"].id

  tags = var.tags
}

################################################################################
# Application
################################################################################

resource "aws_vpc_security_group_ingress_rule" "app_from_alb" {
  count = var.enable_security_groups ? 1 : 0

  security_group_id            = aws_security_group.this["app"].id
  description                  = "Application port from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = aws_security_group.this["alb"].id

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "app_to_database" {
  count = var.enable_security_groups ? 1 : 0

  security_group_id            = aws_security_group.this["app"].id
  description                  = "PostgreSQL on the database"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = aws_security_group.this["database"].id

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "app_to_cache" {
  count = var.enable_security_groups ? 1 : 0

  security_group_id            = aws_security_group.this["app"].id
  description                  = "Redis on the cache"
  ip_protocol                  = "tcp"
  from_port                    = var.cache_port
  to_port                      = var.cache_port
  referenced_security_group_id = aws_security_group.this["cache"].id

  tags = var.tags
}

# Interface endpoints (ECR, CloudWatch Logs, Secrets Manager, STS, ...) live
# in the VPC.
resource "aws_vpc_security_group_egress_rule" "app_https_vpc" {
  count = var.enable_security_groups ? 1 : 0

  security_group_id = aws_security_group.this["app"].id
  description       = "HTTPS to interface VPC endpoints"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = var.vpc_cidr

  tags = var.tags
}

data "aws_ec2_managed_prefix_list" "gateway_endpoint" {
  for_each = local.app_gateway_endpoints

  name = "com.amazonaws.${local.region}.${each.key}"
}

# ECR image layers come from S3; the application uses S3 and DynamoDB.
resource "aws_vpc_security_group_egress_rule" "app_https_gateway_endpoint" {
  for_each = local.app_gateway_endpoints

  security_group_id = aws_security_group.this["app"].id
  description       = "HTTPS to the ${each.key} gateway endpoint"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = data.aws_ec2_managed_prefix_list.gateway_endpoint[each.key].id

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "app_https_cidr" {
  for_each = var.enable_security_groups ? toset(var.app_egress_https_cidr_blocks) : toset([])

  security_group_id = aws_security_group.this["app"].id
  description       = "HTTPS to ${each.key}"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.key

  tags = var.tags
}

# Without interface endpoints the tasks reach ECR, CloudWatch Logs and
# Secrets Manager through the NAT gateways, whose AWS addresses are not fixed.
# cfctl:ignore:AWS-0104 reason="HTTPS to AWS APIs through NAT when the environment has no interface endpoints (allow_app_https_through_nat); inbound stays closed"
resource "aws_vpc_security_group_egress_rule" "app_https_nat" {
  count = var.enable_security_groups && var.allow_app_https_through_nat ? 1 : 0

  security_group_id = aws_security_group.this["app"].id
  description       = "HTTPS to AWS APIs (ECR, CloudWatch Logs, Secrets Manager) through the NAT gateways"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"

  tags = var.tags
}

################################################################################
# Database and cache
################################################################################

resource "aws_vpc_security_group_ingress_rule" "database_from_app" {
  count = var.enable_security_groups ? 1 : 0

  security_group_id            = aws_security_group.this["database"].id
  description                  = "PostgreSQL from the application tasks"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = aws_security_group.this["app"].id

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "cache_from_app" {
  count = var.enable_security_groups ? 1 : 0

  security_group_id            = aws_security_group.this["cache"].id
  description                  = "Redis from the application tasks"
  ip_protocol                  = "tcp"
  from_port                    = var.cache_port
  to_port                      = var.cache_port
  referenced_security_group_id = aws_security_group.this["app"].id

  tags = var.tags
}
