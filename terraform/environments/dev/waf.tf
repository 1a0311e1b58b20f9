# The regional WAF web ACL guards the load balancer itself (the CloudFront ACL
# is attached in the CDN module), so traffic that reaches the origin directly
# is filtered too.
resource "aws_wafv2_web_acl_association" "alb" {
  count = var.enable_waf ? 1 : 0

  resource_arn = module.compute.alb_arn
  web_acl_arn  = module.security.waf_regional_web_acl_arn
}
