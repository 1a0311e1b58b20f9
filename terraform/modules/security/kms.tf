# Customer-managed KMS keys, one per service, with automatic rotation.
#
# Each key policy grants only what uses the key:
#   - the account (through IAM) administers the key but cannot use it directly;
#   - principals of the account may use it only through the AWS service the
#     key belongs to (kms:ViaService), and only when their IAM policies allow
#     it (the application roles in iam.tf get those grants);
#   - AWS service principals that act on their own (CloudWatch Logs, CloudWatch
#     alarms, EventBridge) are named with conditions that limit them to this
#     account.
# Inside a key policy, resources = ["*"] means "this key".

locals {
  # kms:ViaService per key: the services through which principals of the
  # account may use it. A key with no entry (or an empty list) can only be
  # used by the service principals its policy names.
  kms_via_services = merge({
    s3          = ["s3"]
    dynamodb    = ["dynamodb"]
    elasticache = ["elasticache"]
    aurora      = ["rds"]
    secrets     = ["secretsmanager"]
    sns         = ["sns"]
    logs        = []
    kinesis     = ["kinesis"]
  }, var.kms_key_via_services)

  # Key administration without key use: no Encrypt/Decrypt/GenerateDataKey and
  # no CreateGrant, so an administrator cannot read data or grant itself use.
  kms_admin_actions = [
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListAliases",
    "kms:ListGrants",
    "kms:ListKeyPolicies",
    "kms:ListKeyRotations",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:RetireGrant",
    "kms:RevokeGrant",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
  ]

  kms_use_actions = [
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:Encrypt",
    "kms:GenerateDataKey*",
    "kms:ReEncrypt*",
  ]
}

data "aws_iam_policy_document" "kms" {
  for_each = var.kms_services

  statement {
    sid       = "AccountAdministersTheKey"
    effect    = "Allow"
    actions   = local.kms_admin_actions
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }
  }

  # Principals of this account, through the key's service only (S3 for the s3
  # key, which replication will also use; RDS for the aurora key; ...).
  dynamic "statement" {
    for_each = length(lookup(local.kms_via_services, each.key, [])) > 0 ? toset(["use"]) : toset([])

    content {
      sid       = "AccountUsesTheKeyThroughItsService"
      effect    = "Allow"
      actions   = local.kms_use_actions
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = [local.account_root_arn]
      }

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = [for s in local.kms_via_services[each.key] : "${s}.${local.region}.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "kms:CallerAccount"
        values   = [local.account_id]
      }
    }
  }

  # Services that encrypt resources with the key (DynamoDB tables, Aurora
  # clusters, ElastiCache) hold it through grants for AWS resources.
  dynamic "statement" {
    for_each = length(lookup(local.kms_via_services, each.key, [])) > 0 ? toset(["grants"]) : toset([])

    content {
      sid    = "AccountGrantsTheKeyToItsServiceResources"
      effect = "Allow"
      actions = [
        "kms:CreateGrant",
        "kms:ListGrants",
        "kms:RevokeGrant",
      ]
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = [local.account_root_arn]
      }

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = [for s in local.kms_via_services[each.key] : "${s}.${local.region}.amazonaws.com"]
      }

      condition {
        test     = "Bool"
        variable = "kms:GrantIsForAWSResource"
        values   = ["true"]
      }
    }
  }

  # CloudWatch Logs encrypts log groups (VPC flow logs, application and WAF
  # logs) itself; limited to this account's log groups in this region.
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

  # CloudFront reads the SSE-KMS assets bucket through its origin access
  # control. Scoped to this account's distributions rather than one ARN, so
  # the key does not depend on the distribution (which depends on the WAF
  # ACL made here): no dependency cycle.
  dynamic "statement" {
    for_each = each.key == "s3" && var.allow_cloudfront_s3_decrypt ? toset(["cloudfront"]) : toset([])

    content {
      sid       = "AllowCloudFrontToReadAssets"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["cloudfront.amazonaws.com"]
      }

      condition {
        test     = "ArnLike"
        variable = "aws:SourceArn"
        values   = ["arn:${local.partition}:cloudfront::${local.account_id}:distribution/*"]
      }
    }
  }

  # CloudWatch alarms and EventBridge rules publish to the encrypted SNS
  # topics; only on behalf of this account.
  dynamic "statement" {
    for_each = each.key == "sns" ? toset(["sns"]) : toset([])

    content {
      sid    = "AllowAlarmsAndEventsToPublish"
      effect = "Allow"
      actions = [
        "kms:Decrypt",
        "kms:GenerateDataKey",
      ]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = var.sns_kms_service_principals
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [local.account_id]
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
