# The environment's public names: a DNS-validated ACM certificate (us-east-1,
# as CloudFront requires) for the application host name and the load
# balancer's origin name, and the Route 53 aliases that point them at
# CloudFront and at the load balancer. CloudFront reaches the (internal) load
# balancer through its VPC origin and uses the origin name for TLS (SNI and
# the certificate check), so the load balancer's certificate matches what it
# checks. The origin record aliases the internal load balancer, so it
# resolves to private addresses: harmless in the public zone, and what the
# deploycheck hook inside the VPC connects to (its TEST_URL).

data "aws_route53_zone" "this" {
  name         = var.hosted_zone_name
  private_zone = false
}

locals {
  origin_hostname = "origin.${var.app_hostname}"
}

resource "aws_acm_certificate" "this" {
  domain_name               = var.app_hostname
  subject_alternative_names = [local.origin_hostname]
  validation_method         = "DNS"
  key_algorithm             = "EC_prime256v1"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "certificate_validation" {
  for_each = {
    for o in aws_acm_certificate.this.domain_validation_options : o.domain_name => {
      name   = o.resource_record_name
      type   = o.resource_record_type
      record = o.resource_record_value
    }
  }

  zone_id         = data.aws_route53_zone.this.zone_id
  name            = each.value.name
  type            = each.value.type
  records         = [each.value.record]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "this" {
  certificate_arn         = aws_acm_certificate.this.arn
  validation_record_fqdns = [for r in aws_route53_record.certificate_validation : r.fqdn]
}

resource "aws_route53_record" "app" {
  for_each = toset(["A", "AAAA"])

  zone_id = data.aws_route53_zone.this.zone_id
  name    = var.app_hostname
  type    = each.key

  alias {
    name                   = module.cdn.distribution_domain_name
    zone_id                = module.cdn.distribution_hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "origin" {
  zone_id = data.aws_route53_zone.this.zone_id
  name    = local.origin_hostname
  type    = "A"

  alias {
    name                   = module.compute.alb_dns_name
    zone_id                = module.compute.alb_zone_id
    evaluate_target_health = true
  }
}
