# Customer-managed KMS keys, one per service, with automatic rotation.
# Later issues add IAM roles, Secrets Manager, WAF, CloudTrail, GuardDuty and Config.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  name_prefix = "${var.project}-${var.environment}"
  account_id  = data.aws_caller_identity.current.account_id
  partition   = data.aws_partition.current.partition
  region      = data.aws_region.current.region
}

# Key policy per service. Inside a key policy, resources = ["*"] means "this key".
data "aws_iam_policy_document" "kms" {
  for_each = var.kms_services

  # The AWS default key policy: the account administers the key through IAM.
  statement {
    sid       = "EnableAccountAdministration"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  # CloudWatch Logs must be allowed by the key policy itself to encrypt log
  # groups (VPC flow logs, application logs), limited to this account's groups.
  dynamic "statement" {
    for_each = each.key == "logs" ? toset(["logs"]) : toset([])

    content {
      sid    = "AllowCloudWatchLogsInThisAccount"
      effect = "Allow"
      actions = [
        "kms:Decrypt",
        "kms:DescribeKey",
        "kms:Encrypt",
        "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext",
        "kms:ReEncryptFrom",
        "kms:ReEncryptTo",
      ]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["logs.${local.region}.amazonaws.com"]
      }

      condition {
        test     = "ArnLike"
        variable = "kms:EncryptionContext:aws:logs:arn"
        values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
      }
    }
  }

  # CloudWatch alarms publish to the encrypted SNS alert topics.
  dynamic "statement" {
    for_each = each.key == "sns" ? toset(["sns"]) : toset([])

    content {
      sid    = "AllowCloudWatchAlarmsToPublish"
      effect = "Allow"
      actions = [
        "kms:Decrypt",
        "kms:GenerateDataKey",
      ]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["cloudwatch.amazonaws.com"]
      }
    }
  }
}

resource "aws_kms_key" "this" {
  for_each = var.kms_services

  description             = "${local.name_prefix} ${each.key} encryption key"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_in_days
  policy                  = data.aws_iam_policy_document.kms[each.key].json

  tags = merge(var.tags, {
    Name    = "${local.name_prefix}-${each.key}"
    Service = each.key
  })
}

resource "aws_kms_alias" "this" {
  for_each = var.kms_services

  name          = "alias/${local.name_prefix}-${each.key}"
  target_key_id = aws_kms_key.this[each.key].key_id
}
