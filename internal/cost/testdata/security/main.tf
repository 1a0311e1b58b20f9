# Security services: a KMS key, a secret with a replica, a WAF web ACL with
# three rules, CloudTrail with S3 data events, AWS Config and GuardDuty with
# one extra protection plan.
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

resource "aws_kms_key" "this" {
  description         = "fixture"
  enable_key_rotation = true
}

resource "aws_kms_alias" "this" {
  name          = "alias/fixture"
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_secretsmanager_secret" "this" {
  name = "fixture"

  replica {
    region = "us-west-2"
  }
}

resource "aws_wafv2_web_acl" "this" {
  name  = "fixture"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "common"
    priority = 10

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "common"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "bots"
    priority = 20

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesBotControlRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "bots"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "rate"
    priority = 30

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit              = 2000
        aggregate_key_type = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "rate"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "fixture"
    sampled_requests_enabled   = true
  }
}

resource "aws_cloudtrail" "this" {
  name           = "fixture"
  s3_bucket_name = "fixture-trail"

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_config_configuration_recorder" "this" {
  name     = "fixture"
  role_arn = "arn:aws:iam::123456789012:role/config"
}

resource "aws_config_config_rule" "encrypted" {
  for_each = toset(["s3-bucket-server-side-encryption-enabled", "rds-storage-encrypted"])

  name = each.key

  source {
    owner             = "AWS"
    source_identifier = upper(replace(each.key, "-", "_"))
  }
}

resource "aws_guardduty_detector" "this" {
  enable = true
}

resource "aws_guardduty_detector_feature" "s3" {
  detector_id = aws_guardduty_detector.this.id
  name        = "S3_DATA_EVENTS"
  status      = "ENABLED"
}

resource "aws_guardduty_detector_feature" "eks" {
  detector_id = aws_guardduty_detector.this.id
  name        = "EKS_AUDIT_LOGS"
  status      = "DISABLED"
}
