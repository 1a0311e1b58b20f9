# Access logs (standard logging v2): CloudWatch Logs vended delivery from the
# distribution to the logs bucket, under standard_logs_prefix. Legacy logging
# (logging_config on the distribution, still in provider 6.x) needs bucket
# ACLs, which every Candlefish bucket disables (BucketOwnerEnforced).
# CloudFront's delivery sources exist only in us-east-1, hence the region.

resource "aws_cloudwatch_log_delivery_source" "access_logs" {
  count = var.enable_standard_logs ? 1 : 0

  region       = "us-east-1"
  name         = "${local.name_prefix}-cloudfront"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.this.arn

  tags = var.tags
}

resource "aws_cloudwatch_log_delivery_destination" "access_logs" {
  count = var.enable_standard_logs ? 1 : 0

  region        = "us-east-1"
  name          = "${local.name_prefix}-cloudfront-s3"
  output_format = var.standard_logs_output_format

  delivery_destination_configuration {
    destination_resource_arn = "${var.standard_logs_bucket_arn}/${var.standard_logs_prefix}"
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_delivery" "access_logs" {
  count = var.enable_standard_logs ? 1 : 0

  region                   = "us-east-1"
  delivery_source_name     = aws_cloudwatch_log_delivery_source.access_logs[0].name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.access_logs[0].arn

  s3_delivery_configuration = [{
    suffix_path                 = "{DistributionId}/{yyyy}/{MM}/{dd}/{HH}"
    enable_hive_compatible_path = false
  }]

  tags = var.tags
}
