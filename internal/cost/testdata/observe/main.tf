# Monitoring: a log group, alarms (simple, metric math, high resolution), a
# dashboard, a metric filter, a Synthetics canary every 5 minutes, an SNS
# topic with an email subscription, three budgets, anomaly detection and a
# Lambda function with active X-Ray tracing.
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/fixture/app"
  retention_in_days = 30
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "fixture-cpu"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "CPUUtilization"
  namespace           = "AWS/ECS"
  period              = 60
  statistic           = "Average"
  threshold           = 80
}

resource "aws_cloudwatch_metric_alarm" "error_rate" {
  alarm_name          = "fixture-error-rate"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  threshold           = 5

  metric_query {
    id          = "rate"
    expression  = "100 * errors / requests"
    return_data = true
  }

  metric_query {
    id = "errors"

    metric {
      metric_name = "HTTPCode_Target_5XX_Count"
      namespace   = "AWS/ApplicationELB"
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id = "requests"

    metric {
      metric_name = "RequestCount"
      namespace   = "AWS/ApplicationELB"
      period      = 60
      stat        = "Sum"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "fast" {
  alarm_name          = "fixture-fast"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "Latency"
  namespace           = "Fixture"
  period              = 10
  statistic           = "Average"
  threshold           = 1
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = "fixture"
  dashboard_body = jsonencode({ widgets = [] })
}

resource "aws_cloudwatch_log_metric_filter" "errors" {
  name           = "fixture-errors"
  log_group_name = aws_cloudwatch_log_group.app.name
  pattern        = "ERROR"

  metric_transformation {
    name      = "Errors"
    namespace = "Fixture"
    value     = "1"
  }
}

resource "aws_synthetics_canary" "home" {
  name                 = "fixture-home"
  artifact_s3_location = "s3://fixture-canaries/"
  execution_role_arn   = "arn:aws:iam::123456789012:role/canary"
  handler              = "index.handler"
  runtime_version      = "syn-nodejs-puppeteer-9.1"
  zip_file             = "canary.zip"
  start_canary         = true

  schedule {
    expression = "rate(5 minutes)"
  }
}

resource "aws_synthetics_canary" "nightly" {
  name                 = "fixture-nightly"
  artifact_s3_location = "s3://fixture-canaries/"
  execution_role_arn   = "arn:aws:iam::123456789012:role/canary"
  handler              = "index.handler"
  runtime_version      = "syn-nodejs-puppeteer-9.1"
  zip_file             = "canary.zip"
  start_canary         = true

  schedule {
    expression = "cron(0 3 * * ? *)"
  }
}

resource "aws_sns_topic" "alerts" {
  name = "fixture-alerts"
}

resource "aws_sns_topic_subscription" "email" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = "ops@example.com"
}

resource "aws_budgets_budget" "monthly" {
  for_each = { a = "100", b = "250", c = "80" }

  name         = "fixture-${each.key}"
  budget_type  = "COST"
  limit_amount = each.value
  limit_unit   = "USD"
  time_unit    = "MONTHLY"
}

resource "aws_ce_anomaly_monitor" "this" {
  name              = "fixture"
  monitor_type      = "DIMENSIONAL"
  monitor_dimension = "SERVICE"
}

resource "aws_lambda_function" "hook" {
  function_name = "fixture-hook"
  role          = "arn:aws:iam::123456789012:role/lambda"
  runtime       = "provided.al2023"
  handler       = "bootstrap"
  filename      = "hook.zip"
  architectures = ["arm64"]
  memory_size   = 512

  tracing_config {
    mode = "Active"
  }
}
