# The load balancer's access logs bucket, with create_alb_access_logs_bucket
# (otherwise the caller passes its own in alb_access_logs_bucket). A load
# balancer writes only to a bucket of its own region: this one is in the
# module's provider region. Versioned, public access blocked, bucket owner
# enforced, SSE-S3, TLS only, writable by Elastic Load Balancing under
# alb_access_logs_prefix.

locals {
  alb_access_logs_bucket_name = coalesce(var.alb_access_logs_bucket_name, "${local.name_prefix}-alb-logs")
}

resource "aws_s3_bucket" "alb_access_logs" {
  count = var.create_alb_access_logs_bucket ? 1 : 0

  bucket = local.alb_access_logs_bucket_name

  tags = merge(var.tags, { Purpose = "logs" })
}

resource "aws_s3_bucket_versioning" "alb_access_logs" {
  count = var.create_alb_access_logs_bucket ? 1 : 0

  bucket = aws_s3_bucket.alb_access_logs[0].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "alb_access_logs" {
  count = var.create_alb_access_logs_bucket ? 1 : 0

  bucket = aws_s3_bucket.alb_access_logs[0].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "alb_access_logs" {
  count = var.create_alb_access_logs_bucket ? 1 : 0

  bucket = aws_s3_bucket.alb_access_logs[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# cfctl:ignore:CF-ENC-001 reason="ALB access logs only deliver to buckets with SSE-S3 default encryption: this bucket holds the load balancer's access logs, no application data"
#trivy:ignore:AWS-0132 Load balancer access logs are only delivered to buckets whose default encryption is SSE-S3 (AES-256); Elastic Load Balancing does not support SSE-KMS for them.
resource "aws_s3_bucket_server_side_encryption_configuration" "alb_access_logs" {
  count = var.create_alb_access_logs_bucket ? 1 : 0

  bucket = aws_s3_bucket.alb_access_logs[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Logs expire after alb_access_logs_retention_days (a year by default, as
# the storage module's logs bucket keeps the primary's), old versions after
# 30 days.
resource "aws_s3_bucket_lifecycle_configuration" "alb_access_logs" {
  count = var.create_alb_access_logs_bucket ? 1 : 0

  bucket = aws_s3_bucket.alb_access_logs[0].id

  rule {
    id     = "expire-logs"
    status = "Enabled"

    filter {}

    expiration {
      days = var.alb_access_logs_retention_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.alb_access_logs]
}

data "aws_elb_service_account" "this" {
  count = var.create_alb_access_logs_bucket ? 1 : 0
}

# TLS only; Elastic Load Balancing of the provider's region writes under the
# prefix: regions that existed before August 2022 (us-east-1, us-west-2)
# authorise the regional ELB account, newer ones the log delivery service
# principal. Both are granted, as in the storage module's logs bucket.
data "aws_iam_policy_document" "alb_access_logs" {
  count = var.create_alb_access_logs_bucket ? 1 : 0

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.alb_access_logs[0].arn, "${aws_s3_bucket.alb_access_logs[0].arn}/*"]

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

  statement {
    sid       = "AllowELBAccountAccessLogs"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.alb_access_logs[0].arn}/${var.alb_access_logs_prefix}/AWSLogs/${local.account_id}/*"]

    principals {
      type        = "AWS"
      identifiers = [data.aws_elb_service_account.this[0].arn]
    }
  }

  statement {
    sid       = "AllowELBLogDeliveryAccessLogs"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.alb_access_logs[0].arn}/${var.alb_access_logs_prefix}/AWSLogs/${local.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
    }
  }
}

resource "aws_s3_bucket_policy" "alb_access_logs" {
  count = var.create_alb_access_logs_bucket ? 1 : 0

  bucket = aws_s3_bucket.alb_access_logs[0].id
  policy = data.aws_iam_policy_document.alb_access_logs[0].json

  depends_on = [aws_s3_bucket_public_access_block.alb_access_logs]
}
