# S3 buckets keyed by purpose (var.buckets). Every bucket: versioning, public
# access block (all four), BucketOwnerEnforced (no ACLs), a policy that denies
# requests without TLS, lifecycle rules (Intelligent-Tiering, noncurrent
# version expiry, incomplete multipart upload cleanup).
#
# The "logs" bucket is the log target: it receives the other buckets' server
# access logs (s3-access/), ALB access logs (alb/) and CloudFront standard
# logs v2 (cloudfront/). S3 server access logging and ALB access logging only
# deliver to buckets whose default encryption is SSE-S3, so the logs bucket
# uses SSE-S3; every other bucket uses SSE-KMS with the s3 key and bucket keys.

locals {
  log_bucket_key = "logs"

  # Every bucket but the logs bucket: SSE-KMS, access logging, replication.
  data_buckets = { for k, v in var.buckets : k => v if k != local.log_bucket_key }

  bucket_names = { for k in keys(var.buckets) : k => "${local.name_prefix}-${k}${local.bucket_suffix}" }
  bucket_arns  = { for k, name in local.bucket_names : k => "arn:${local.partition}:s3:::${name}" }
}

resource "aws_s3_bucket" "this" {
  for_each = var.buckets

  bucket        = local.bucket_names[each.key]
  force_destroy = each.value.force_destroy

  tags = merge(var.tags, { Purpose = each.key })
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = var.buckets

  bucket = aws_s3_bucket.this[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = var.buckets

  bucket = aws_s3_bucket.this[each.key].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# ACLs are disabled on every bucket, the logs bucket included: S3 server
# access logs and ALB logs are authorised by the bucket policy, and CloudFront
# logs must use standard logging v2 (CloudWatch Logs vended delivery), which
# needs no ACL either. Legacy CloudFront logging (logging_config on the
# distribution) would need ACLs (BucketOwnerPreferred) and is not supported.
resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = var.buckets

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.data_buckets

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.s3_kms_key_arn
    }
    bucket_key_enabled = true
  }
}

# cfctl:ignore:CF-ENC-001 reason="S3 server access logging and ALB access logs only deliver to buckets with SSE-S3 default encryption: the logs bucket uses SSE-S3 (AES-256) and holds no application data"
resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.this[local.log_bucket_key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Server access logs of every bucket but the logs bucket itself, partitioned by
# date under s3-access/<purpose>/.
resource "aws_s3_bucket_logging" "this" {
  for_each = local.data_buckets

  bucket        = aws_s3_bucket.this[each.key].id
  target_bucket = aws_s3_bucket.this[local.log_bucket_key].id
  target_prefix = "s3-access/${each.key}/"

  target_object_key_format {
    partitioned_prefix {
      partition_date_source = "EventTime"
    }
  }

  depends_on = [aws_s3_bucket_policy.this]
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = var.buckets

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    id     = "intelligent-tiering"
    status = "Enabled"

    filter {}

    transition {
      days          = each.value.intelligent_tiering_days
      storage_class = "INTELLIGENT_TIERING"
    }
  }

  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days           = each.value.noncurrent_version_expiration_days
      newer_noncurrent_versions = each.value.noncurrent_versions_to_keep > 0 ? each.value.noncurrent_versions_to_keep : null
    }

    expiration {
      expired_object_delete_marker = true
    }
  }

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = each.value.abort_incomplete_multipart_days
    }
  }

  dynamic "rule" {
    for_each = each.value.expiration_days == null ? [] : [each.value.expiration_days]

    content {
      id     = "expire-current-versions"
      status = "Enabled"

      filter {}

      expiration {
        days = rule.value
      }
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

data "aws_elb_service_account" "current" {
  count = var.enable_alb_log_delivery ? 1 : 0
}

data "aws_iam_policy_document" "bucket" {
  for_each = var.buckets

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.bucket_arns[each.key], "${local.bucket_arns[each.key]}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  # CloudFront origin access control reads (e.g. the assets bucket). The
  # distributions also need kms:Decrypt on the s3 key (key policy).
  dynamic "statement" {
    for_each = length(each.value.cloudfront_distribution_arns) > 0 ? [each.value.cloudfront_distribution_arns] : []

    content {
      sid       = "AllowCloudFrontOriginAccessControlRead"
      effect    = "Allow"
      actions   = ["s3:GetObject"]
      resources = ["${local.bucket_arns[each.key]}/*"]

      principals {
        type        = "Service"
        identifiers = ["cloudfront.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "AWS:SourceArn"
        values   = statement.value
      }
    }
  }

  # Logs bucket: S3 server access logs of this module's buckets.
  dynamic "statement" {
    for_each = each.key == local.log_bucket_key ? ["s3-access"] : []

    content {
      sid       = "AllowS3ServerAccessLogs"
      effect    = "Allow"
      actions   = ["s3:PutObject"]
      resources = ["${local.bucket_arns[each.key]}/s3-access/*"]

      principals {
        type        = "Service"
        identifiers = ["logging.s3.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [local.account_id]
      }

      condition {
        test     = "ArnLike"
        variable = "aws:SourceArn"
        values   = [for k in keys(local.data_buckets) : local.bucket_arns[k]]
      }
    }
  }

  # Logs bucket: ALB access logs (prefix alb). Regions that existed before
  # August 2022 authorise the regional ELB account; newer ones the log
  # delivery service principal. Both are granted.
  dynamic "statement" {
    for_each = each.key == local.log_bucket_key && var.enable_alb_log_delivery ? ["alb-account"] : []

    content {
      sid       = "AllowELBAccountAccessLogs"
      effect    = "Allow"
      actions   = ["s3:PutObject"]
      resources = ["${local.bucket_arns[each.key]}/alb/AWSLogs/${local.account_id}/*"]

      principals {
        type        = "AWS"
        identifiers = [data.aws_elb_service_account.current[0].arn]
      }
    }
  }

  dynamic "statement" {
    for_each = each.key == local.log_bucket_key && var.enable_alb_log_delivery ? ["alb-service"] : []

    content {
      sid       = "AllowELBLogDeliveryAccessLogs"
      effect    = "Allow"
      actions   = ["s3:PutObject"]
      resources = ["${local.bucket_arns[each.key]}/alb/AWSLogs/${local.account_id}/*"]

      principals {
        type        = "Service"
        identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
      }
    }
  }

  # Logs bucket: CloudFront standard logging v2, delivered by CloudWatch Logs
  # from delivery sources that CloudFront requires in us-east-1, prefix
  # cloudfront.
  dynamic "statement" {
    for_each = each.key == local.log_bucket_key && var.enable_cloudfront_log_delivery ? ["cloudfront"] : []

    content {
      sid       = "AllowCloudFrontStandardLogsV2"
      effect    = "Allow"
      actions   = ["s3:PutObject"]
      resources = ["${local.bucket_arns[each.key]}/cloudfront/*"]

      principals {
        type        = "Service"
        identifiers = ["delivery.logs.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "s3:x-amz-acl"
        values   = ["bucket-owner-full-control"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [local.account_id]
      }

      condition {
        test     = "ArnLike"
        variable = "aws:SourceArn"
        values   = ["arn:${local.partition}:logs:us-east-1:${local.account_id}:delivery-source:*"]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = var.buckets

  bucket = aws_s3_bucket.this[each.key].id
  policy = data.aws_iam_policy_document.bucket[each.key].json

  depends_on = [aws_s3_bucket_public_access_block.this]
}
