# Real-time logs of the default and API behaviours (the dynamic traffic) to a
# Kinesis data stream encrypted with a customer-managed key. CloudFront
# writes with a role that may only describe and put records to that stream
# and generate data keys with that key.

resource "aws_kinesis_stream" "realtime_logs" {
  count = var.enable_realtime_logs ? 1 : 0

  name             = "${local.name_prefix}-cloudfront-realtime-logs"
  retention_period = var.realtime_log_retention_hours
  shard_count      = var.realtime_log_stream_mode == "PROVISIONED" ? var.realtime_log_shard_count : null
  encryption_type  = "KMS"
  kms_key_id       = var.realtime_log_kms_key_arn

  stream_mode_details {
    stream_mode = var.realtime_log_stream_mode
  }

  tags = merge(var.tags, { Name = "${local.name_prefix}-cloudfront-realtime-logs" })
}

data "aws_iam_policy_document" "realtime_logs_assume" {
  count = var.enable_realtime_logs ? 1 : 0

  statement {
    sid     = "CloudFrontAssumesTheRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "realtime_logs" {
  count = var.enable_realtime_logs ? 1 : 0

  statement {
    sid    = "WriteToTheStream"
    effect = "Allow"
    actions = [
      "kinesis:DescribeStream",
      "kinesis:DescribeStreamSummary",
      "kinesis:PutRecord",
      "kinesis:PutRecords",
    ]
    resources = [aws_kinesis_stream.realtime_logs[0].arn]
  }

  statement {
    sid       = "EncryptWithTheStreamKey"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey"]
    resources = [var.realtime_log_kms_key_arn]
  }
}

resource "aws_iam_role" "realtime_logs" {
  count = var.enable_realtime_logs ? 1 : 0

  name               = "${local.name_prefix}-cloudfront-realtime-logs"
  description        = "CloudFront writes the real-time logs of ${local.name_prefix} to Kinesis"
  assume_role_policy = data.aws_iam_policy_document.realtime_logs_assume[0].json

  tags = var.tags
}

resource "aws_iam_role_policy" "realtime_logs" {
  count = var.enable_realtime_logs ? 1 : 0

  name   = "kinesis-put-records"
  role   = aws_iam_role.realtime_logs[0].id
  policy = data.aws_iam_policy_document.realtime_logs[0].json
}

resource "aws_cloudfront_realtime_log_config" "this" {
  count = var.enable_realtime_logs ? 1 : 0

  name          = "${local.name_prefix}-realtime"
  sampling_rate = var.realtime_log_sampling_rate
  fields        = var.realtime_log_fields

  endpoint {
    stream_type = "Kinesis"

    kinesis_stream_config {
      role_arn   = aws_iam_role.realtime_logs[0].arn
      stream_arn = aws_kinesis_stream.realtime_logs[0].arn
    }
  }

  # CloudFront checks the role when the configuration is created.
  depends_on = [aws_iam_role_policy.realtime_logs]
}
