# The CDN of an environment: one CloudFront distribution in front of the
# Application Load Balancer and the assets bucket. Resources are split by
# purpose:
#   distribution.tf   the distribution, its origins (ALB with the secret origin
#                     header, assets bucket through origin access control) and
#                     its cache behaviours (api, webgl, static, default)
#   vpc-origins.tf    VPC origins of internal load balancers
#   policies.tf       cache, origin-request and response-headers policies, the
#                     bucket and key policy documents the other modules attach
#   realtime-logs.tf  Kinesis data stream, the role CloudFront writes with and
#                     the real-time log configuration
#   standard-logs.tf  access logs (standard logging v2) to the logs bucket
#   functions.tf      the optional index rewrite CloudFront Function
#   edge-function.tf  the optional WebGL Lambda@Edge function (us-east-1)

# The origin header's value: read from Secrets Manager (the compute module's
# origin_verify secret), in the secret's own region, never from a variable.
data "aws_secretsmanager_secret_version" "origin_verify" {
  region    = split(":", var.origin_verify_secret_arn)[3]
  secret_id = var.origin_verify_secret_arn
}

locals {
  name_prefix = "${var.project}-${var.environment}"

  # The partition (aws, aws-cn, aws-us-gov) of the secret's ARN: the
  # account's, known before apply.
  partition = split(":", var.origin_verify_secret_arn)[1]
  # The account, from the same ARN (the compute module's secret, in the
  # distribution's account): known before apply.
  account_id = split(":", var.origin_verify_secret_arn)[4]

  # The seed's cost tables: dev PriceClass_100, staging PriceClass_200,
  # production PriceClass_All.
  default_price_class = {
    dev        = "PriceClass_100"
    staging    = "PriceClass_200"
    production = "PriceClass_All"
  }
  price_class = coalesce(var.price_class, local.default_price_class[var.environment])

  alb_origin_id    = "alb"
  assets_origin_id = "assets"

  # The load balancer origin: through the VPC origin alb_vpc_origin names
  # (an internal load balancer, by the name its certificate covers), or the
  # custom origin alb_domain_name (internet-facing).
  alb_origin = {
    vpc_origin  = var.alb_vpc_origin != null
    key         = var.alb_vpc_origin
    domain_name = var.alb_vpc_origin != null ? lookup(var.alb_vpc_origin_domain_names, var.alb_vpc_origin, null) : var.alb_domain_name
  }

  # <bucket>.s3.<region>.amazonaws.com -> <bucket>
  assets_bucket_name = split(".s3.", var.assets_bucket_regional_domain_name)[0]
  assets_bucket_arn  = "arn:${local.partition}:s3:::${local.assets_bucket_name}"
}
