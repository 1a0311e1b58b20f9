# The distribution: two origins (the load balancer over HTTPS with the secret
# origin header, through a VPC origin when it is internal; the assets bucket
# through origin access control) and the
# cache behaviours, in CloudFront's evaluation order (first match wins):
#
#   1. api     api_path_patterns      ALB     not cached, all methods, real-time logs
#   2. webgl   webgl_path_patterns    assets  cached long, NEVER compressed
#   3. static  static_path_patterns   assets  CachingOptimized, compressed
#   4. default *                      ALB     not cached, all methods, real-time logs
#
# WebGL comes before static so that /static/model.glb is not compressed; api
# comes first so that /api/ paths always reach the load balancer. Every
# behaviour redirects HTTP to HTTPS and carries the response headers policy.

locals {
  all_methods    = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
  read_methods   = ["GET", "HEAD", "OPTIONS"]
  cached_methods = ["GET", "HEAD"]

  # IDs known after apply, looked up by name in the behaviours.
  cache_policy_ids = {
    caching_disabled  = data.aws_cloudfront_cache_policy.managed["caching_disabled"].id
    caching_optimized = data.aws_cloudfront_cache_policy.managed["caching_optimized"].id
    webgl             = aws_cloudfront_cache_policy.webgl.id
  }
  origin_request_policy_ids = {
    all_viewer_except_host = data.aws_cloudfront_origin_request_policy.managed["all_viewer_except_host"].id
    cors_s3_origin         = data.aws_cloudfront_origin_request_policy.managed["cors_s3_origin"].id
  }

  # The ordered behaviours, built from variables only, so that the dynamic
  # blocks' for_each are known at plan time (and offline).
  ordered_behaviors = concat(
    [for p in var.api_path_patterns : {
      kind                  = "api"
      path_pattern          = p
      target_origin_id      = local.alb_origin_id
      allowed_methods       = local.all_methods
      cached_methods        = local.cached_methods
      compress              = true
      cache_policy          = "caching_disabled"
      origin_request_policy = "all_viewer_except_host"
      realtime_logs         = true
      index_rewrite         = false
    }],
    [for p in var.webgl_path_patterns : {
      kind                  = "webgl"
      path_pattern          = p
      target_origin_id      = local.assets_origin_id
      allowed_methods       = local.read_methods
      cached_methods        = local.read_methods
      compress              = false
      cache_policy          = "webgl"
      origin_request_policy = "cors_s3_origin"
      realtime_logs         = false
      index_rewrite         = false
    }],
    [for p in var.static_path_patterns : {
      kind                  = "static"
      path_pattern          = p
      target_origin_id      = local.assets_origin_id
      allowed_methods       = local.read_methods
      cached_methods        = local.read_methods
      compress              = true
      cache_policy          = "caching_optimized"
      origin_request_policy = "cors_s3_origin"
      realtime_logs         = false
      index_rewrite         = var.enable_index_rewrite_function && endswith(p, "/*")
    }],
  )

  # Edge function associations by behaviour kind (default, api, static,
  # webgl). index_rewrite marks the module's own function, whose ARN is
  # only known after apply. The module's WebGL Lambda@Edge function joins
  # the webgl behaviours' associations on origin-response, by its published
  # version (qualified_arn); the validations keep edge_functions off that
  # event when it is on.
  edge_kinds = ["default", "api", "static", "webgl"]

  webgl_edge_association = var.enable_webgl_edge_function ? [{
    event_type   = "origin-response"
    arn          = aws_lambda_function.webgl_edge[0].qualified_arn
    include_body = false
  }] : []

  lambda_associations = {
    for k in local.edge_kinds : k => concat(
      [for f in var.edge_functions : { event_type = f.event_type, arn = f.arn, include_body = f.include_body } if f.behavior == k && f.kind == "lambda"],
      k == "webgl" ? local.webgl_edge_association : [],
    )
  }

  function_associations = {
    for k in local.edge_kinds : k => [
      for f in var.edge_functions : { event_type = f.event_type, arn = f.arn, index_rewrite = false } if f.behavior == k && f.kind == "function"
    ]
  }

  index_rewrite_association = [{ event_type = "viewer-request", arn = null, index_rewrite = true }]
}

# WAF (web_acl_id): required in production by the variable's validation;
# dev and staging may run without one (the seed's cost tables have no WAF
# line for them).
resource "aws_cloudfront_distribution" "this" {
  enabled         = true
  comment         = "${local.name_prefix}: load balancer and assets bucket"
  aliases         = var.aliases
  price_class     = local.price_class
  http_version    = "http2and3"
  is_ipv6_enabled = true
  web_acl_id      = var.web_acl_id

  # The load balancer, over HTTPS only, TLS 1.2, with the secret header its
  # listener requires (requests without it get 403). Internal (alb_vpc_origin):
  # through the VPC origin, whose HTTPS and TLS settings live on the VPC origin
  # (vpc-origins.tf); internet-facing: a custom origin.
  #
  # domain_name is the name the load balancer's certificate covers
  # (origin.<app_hostname>), in both cases. The VPC origin tells CloudFront
  # where to connect (by the load balancer's ARN); the origin's domain name is
  # what it checks the certificate against: "If you configure CloudFront to
  # connect to your origin over HTTPS, one of the domain names in the
  # certificate must match the domain name that you specify for Origin
  # Domain Name. If no domain name matches, CloudFront returns HTTP status
  # code 502" (CloudFront Developer Guide, "Origin settings",
  # https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesOrigin.html),
  # and CloudFront sends it as SNI (and as Host: the behaviours forward the
  # viewer's headers except Host). The console fills in the load balancer's
  # own *.elb.amazonaws.com name when a VPC origin is picked ("Restrict access
  # with VPC origins"), which suits HTTP-only VPC origins; no ACM certificate
  # can cover that name, so with HTTPS it would fail every handshake. The
  # CDK's VpcOrigin takes the same custom domainName ("The domain name
  # associated with your VPC origin", aws-cdk-lib aws_cloudfront_origins).
  #
  # A dynamic block over one element, like default_cache_behavior below, so
  # that offline evaluation expands the nested dynamic blocks.
  dynamic "origin" {
    for_each = [local.alb_origin]

    content {
      origin_id   = local.alb_origin_id
      domain_name = origin.value.domain_name

      dynamic "vpc_origin_config" {
        for_each = origin.value.vpc_origin ? [origin.value.key] : []

        content {
          vpc_origin_id            = aws_cloudfront_vpc_origin.alb[vpc_origin_config.value].id
          origin_read_timeout      = 30
          origin_keepalive_timeout = 5
        }
      }

      dynamic "custom_origin_config" {
        for_each = origin.value.vpc_origin ? [] : ["https"]

        content {
          http_port                = 80
          https_port               = 443
          origin_protocol_policy   = "https-only"
          origin_ssl_protocols     = ["TLSv1.2"]
          origin_read_timeout      = 30
          origin_keepalive_timeout = 5
        }
      }

      # Kept behind a VPC origin too: defense in depth (any other VPC origin
      # or CloudFront distribution reaching the load balancer still needs
      # it), and free.
      custom_header {
        name  = var.origin_verify_header_name
        value = data.aws_secretsmanager_secret_version.origin_verify.secret_string
      }
    }
  }

  # The assets bucket, private, read through origin access control (SigV4).
  origin {
    origin_id                = local.assets_origin_id
    domain_name              = var.assets_bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.assets.id
  }

  dynamic "ordered_cache_behavior" {
    for_each = local.ordered_behaviors

    content {
      path_pattern               = ordered_cache_behavior.value.path_pattern
      target_origin_id           = ordered_cache_behavior.value.target_origin_id
      viewer_protocol_policy     = "redirect-to-https"
      allowed_methods            = ordered_cache_behavior.value.allowed_methods
      cached_methods             = ordered_cache_behavior.value.cached_methods
      compress                   = ordered_cache_behavior.value.compress
      cache_policy_id            = local.cache_policy_ids[ordered_cache_behavior.value.cache_policy]
      origin_request_policy_id   = local.origin_request_policy_ids[ordered_cache_behavior.value.origin_request_policy]
      response_headers_policy_id = aws_cloudfront_response_headers_policy.this.id
      realtime_log_config_arn    = ordered_cache_behavior.value.realtime_logs && var.enable_realtime_logs ? aws_cloudfront_realtime_log_config.this[0].arn : null

      dynamic "lambda_function_association" {
        for_each = local.lambda_associations[ordered_cache_behavior.value.kind]

        content {
          event_type   = lambda_function_association.value.event_type
          lambda_arn   = lambda_function_association.value.arn
          include_body = lambda_function_association.value.include_body
        }
      }

      dynamic "function_association" {
        for_each = concat(local.function_associations[ordered_cache_behavior.value.kind], ordered_cache_behavior.value.index_rewrite ? local.index_rewrite_association : [])

        content {
          event_type   = function_association.value.event_type
          function_arn = function_association.value.index_rewrite ? aws_cloudfront_function.index_rewrite[0].arn : function_association.value.arn
        }
      }
    }
  }

  # Everything else: the application behind the load balancer. Written as a
  # dynamic block over one element so that offline evaluation (trivy's
  # evaluator expands nested dynamic blocks only inside dynamic blocks) sees
  # its edge function associations; Terraform treats it as the plain block.
  dynamic "default_cache_behavior" {
    for_each = [local.alb_origin_id]

    content {
      target_origin_id           = default_cache_behavior.value
      viewer_protocol_policy     = "redirect-to-https"
      allowed_methods            = local.all_methods
      cached_methods             = local.cached_methods
      compress                   = true
      cache_policy_id            = local.cache_policy_ids["caching_disabled"]
      origin_request_policy_id   = local.origin_request_policy_ids["all_viewer_except_host"]
      response_headers_policy_id = aws_cloudfront_response_headers_policy.this.id
      realtime_log_config_arn    = var.enable_realtime_logs ? aws_cloudfront_realtime_log_config.this[0].arn : null

      dynamic "lambda_function_association" {
        for_each = local.lambda_associations["default"]

        content {
          event_type   = lambda_function_association.value.event_type
          lambda_arn   = lambda_function_association.value.arn
          include_body = lambda_function_association.value.include_body
        }
      }

      dynamic "function_association" {
        for_each = local.function_associations["default"]

        content {
          event_type   = function_association.value.event_type
          function_arn = function_association.value.arn
        }
      }
    }
  }

  dynamic "custom_error_response" {
    for_each = var.custom_error_responses

    content {
      error_code            = custom_error_response.value.error_code
      response_code         = custom_error_response.value.response_code
      response_page_path    = custom_error_response.value.response_page_path
      error_caching_min_ttl = custom_error_response.value.error_caching_min_ttl
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = var.geo_restriction.restriction_type
      locations        = var.geo_restriction.locations
    }
  }

  # An ACM certificate in every environment: the default certificate would
  # force TLSv1 (see the README).
  viewer_certificate {
    acm_certificate_arn      = var.acm_certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  tags = merge(var.tags, { Name = "${local.name_prefix}-cdn" })
}
