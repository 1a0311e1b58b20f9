# VPC origins: CloudFront reaches an internal Application Load Balancer
# through service-managed network interfaces in the load balancer's private
# subnets, so the load balancer needs no public IPv4 address and cannot be
# reached from the internet at all (CloudFront Developer Guide, "Restrict
# access with VPC origins",
# https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-vpc-origins.html).
#
# One per entry of alb_vpc_origin_domain_names (the primary load balancer and, with a
# standby region, the standby's), so that a failover only moves the
# distribution's origin: creating a VPC origin takes up to 15 minutes.
# CloudFront is global; these, like the distribution, are managed through
# the module's us-east-1 provider whatever the load balancer's region. VPC
# origins themselves are free ("There is no additional cost for using VPC
# origins with CloudFront", AWS What's New, 2024-11-20).
#
# HTTPS only, TLS 1.2, on the listener's port 443: the load balancer keeps
# its certificate, and the distribution's origin names the VPC origin by ID
# and CloudFront by the certificate's name (distribution.tf).
#
# Access: the load balancer's security group must admit CloudFront. The
# guide's option 1, the CloudFront origin-facing managed prefix list, "can be
# done before VPC origin created as well": the security module's alb group
# already does it, so the first apply works. Option 2, the service-managed
# group CloudFront-VPCOrigins-Service-SG, exists only after the VPC origin
# does, which would take a second apply (and a data source that fails on the
# first plan).
#
# Changing an existing VPC origin (port, protocol, load balancer) while the
# distribution uses it can wait for a long time
# (hashicorp/terraform-provider-aws#40905); point alb_vpc_origin at another
# entry first. See terraform/docs/troubleshooting.md.
resource "aws_cloudfront_vpc_origin" "alb" {
  for_each = var.alb_vpc_origin_domain_names

  vpc_origin_endpoint_config {
    name                   = "${local.name_prefix}-${each.key}"
    arn                    = var.alb_vpc_origin_arns[each.key]
    http_port              = 80
    https_port             = 443
    origin_protocol_policy = "https-only"

    origin_ssl_protocols {
      items    = ["TLSv1.2"]
      quantity = 1
    }
  }

  tags = merge(var.tags, { Name = "${local.name_prefix}-${each.key}" })
}
