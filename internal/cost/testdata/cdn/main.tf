# CloudFront: a distribution with a CloudFront Function, a Lambda@Edge
# function and real-time logs.
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

resource "aws_cloudfront_function" "rewrite" {
  name    = "fixture-rewrite"
  runtime = "cloudfront-js-2.0"
  code    = "function handler(event) { return event.request; }"
}

resource "aws_lambda_function" "edge" {
  function_name = "fixture-edge"
  role          = "arn:aws:iam::123456789012:role/edge"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "edge.zip"
  publish       = true
}

resource "aws_kinesis_stream" "logs" {
  name        = "fixture-realtime-logs"
  shard_count = 1
}

resource "aws_cloudfront_realtime_log_config" "this" {
  name          = "fixture"
  sampling_rate = 100
  fields        = ["timestamp"]

  endpoint {
    stream_type = "Kinesis"

    kinesis_stream_config {
      role_arn   = "arn:aws:iam::123456789012:role/logs"
      stream_arn = aws_kinesis_stream.logs.arn
    }
  }
}

resource "aws_cloudfront_distribution" "this" {
  enabled     = true
  price_class = "PriceClass_100"

  origin {
    domain_name = "origin.example.com"
    origin_id   = "app"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id        = "app"
    viewer_protocol_policy  = "redirect-to-https"
    allowed_methods         = ["GET", "HEAD"]
    cached_methods          = ["GET", "HEAD"]
    realtime_log_config_arn = aws_cloudfront_realtime_log_config.this.arn

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.rewrite.arn
    }

    lambda_function_association {
      event_type = "origin-response"
      lambda_arn = aws_lambda_function.edge.qualified_arn
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
