# Skeleton: no resources yet. The CDN issue fills this module with the
# CloudFront distribution (cache behaviours per content type, WebGL assets,
# security headers, real-time logs, optional Lambda@Edge and WAF).

locals {
  name_prefix = "${var.project}-${var.environment}"
}
