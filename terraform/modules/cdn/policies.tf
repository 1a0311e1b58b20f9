# Cache, origin-request and response-headers policies, and the policy
# documents the storage and security modules attach for origin access control.

# AWS-managed policies, looked up by name (their IDs are the same in every
# account, but a lookup documents which one is meant).
locals {
  managed_cache_policies = {
    caching_optimized = "Managed-CachingOptimized"
    caching_disabled  = "Managed-CachingDisabled"
  }

  managed_origin_request_policies = {
    all_viewer_except_host = "Managed-AllViewerExceptHostHeader"
    cors_s3_origin         = "Managed-CORS-S3Origin"
  }
}

data "aws_cloudfront_cache_policy" "managed" {
  for_each = local.managed_cache_policies

  name = each.value
}

data "aws_cloudfront_origin_request_policy" "managed" {
  for_each = local.managed_origin_request_policies

  name = each.value
}

# WebGL binaries: cached long, never compressed. With gzip and brotli off the
# cache key ignores Accept-Encoding and CloudFront never compresses, whatever
# the behaviour says; the behaviours also set compress = false.
resource "aws_cloudfront_cache_policy" "webgl" {
  name        = "${local.name_prefix}-webgl"
  comment     = "WebGL binaries (${local.name_prefix}): long TTLs, no compression"
  min_ttl     = var.webgl_cache_ttl.min
  default_ttl = var.webgl_cache_ttl.default
  max_ttl     = var.webgl_cache_ttl.max

  parameters_in_cache_key_and_forwarded_to_origin {
    enable_accept_encoding_gzip   = false
    enable_accept_encoding_brotli = false

    cookies_config {
      cookie_behavior = "none"
    }

    headers_config {
      header_behavior = "none"
    }

    query_strings_config {
      query_string_behavior = "none"
    }
  }
}

# Security headers and Server-Timing on every behaviour. override = true: the
# edge's values win over the origin's.
resource "aws_cloudfront_response_headers_policy" "this" {
  name    = "${local.name_prefix}-security-headers"
  comment = "Security headers and Server-Timing (${local.name_prefix})"

  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = var.hsts_max_age_seconds
      include_subdomains         = true
      preload                    = true
      override                   = true
    }

    content_type_options {
      override = true
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }

    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }

    content_security_policy {
      content_security_policy = var.content_security_policy
      override                = true
    }
  }

  server_timing_headers_config {
    enabled       = true
    sampling_rate = var.server_timing_sampling_rate
  }
}

# Origin access control: CloudFront signs every request to the assets bucket
# with SigV4.
resource "aws_cloudfront_origin_access_control" "assets" {
  name                              = "${local.name_prefix}-assets"
  description                       = "Assets bucket of ${local.name_prefix}, read by CloudFront only"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# The statement the storage module must put in the assets bucket's policy:
# only this distribution may read objects.
data "aws_iam_policy_document" "assets_bucket" {
  statement {
    sid       = "AllowCloudFrontOriginAccessControlRead"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${local.assets_bucket_arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.this.arn]
    }
  }
}

# The statement the security module must put in the S3 key's policy when the
# assets bucket uses SSE-KMS: CloudFront decrypts objects for this
# distribution only. In a key policy, "*" means "this key".
data "aws_iam_policy_document" "assets_kms_key" {
  statement {
    sid       = "AllowCloudFrontOriginAccessControlDecrypt"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.this.arn]
    }
  }
}
