# Customer-managed KMS keys with automatic rotation: one per service
# (kms_key_layout = "per_service", the default), or one shared by every
# service (kms_key_layout = "shared", for dev's throwaway data).
#
# Each key policy grants only what uses the key:
#   - the account (through IAM) administers the key but cannot use it directly;
#   - principals of the account may use it only through the AWS service the
#     key belongs to (kms:ViaService), and only when their IAM policies allow
#     it (the application roles in iam.tf get those grants);
#   - AWS service principals that act on their own (CloudWatch Logs, CloudWatch
#     alarms, EventBridge) are named with conditions that limit them to this
#     account.
# A shared key's policy is the union of the per-service policies: the same
# statements, one set per service, each self-contained (its own Sid and its
# own kms:ViaService values), so that conditions of different services never
# combine.
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

  kms_shared = var.kms_key_layout == "shared"

  # The keys the module creates, each with the services whose statements its
  # policy holds: one key per service, or the one "shared" key for all.
  kms_keys = local.kms_shared ? { shared = sort(var.kms_services) } : { for s in var.kms_services : s => [s] }

  # The key (a key of local.kms_keys) each service uses.
  kms_key_of = { for s in var.kms_services : s => local.kms_shared ? "shared" : s }

  # Sids are unique within a policy and alphanumeric (IAM's rule, which KMS
  # also accepts): in the shared key's policy each service's statements end
  # with its name (AccountUsesTheKeyThroughItsServiceS3); a per-service key's
  # statements keep their plain Sids.
  kms_sid_suffix = { for s in var.kms_services : s => local.kms_shared ? replace(title(s), "-", "") : "" }

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

# One policy per key; each.value lists the services whose statements it
# holds (one service, or every service for the shared key).
data "aws_iam_policy_document" "kms" {
  for_each = local.kms_keys

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
    for_each = [for s in each.value : s if length(lookup(local.kms_via_services, s, [])) > 0]

    content {
      sid       = "AccountUsesTheKeyThroughItsService${local.kms_sid_suffix[statement.value]}"
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
        values   = [for v in local.kms_via_services[statement.value] : "${v}.${local.region}.amazonaws.com"]
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
    for_each = [for s in each.value : s if length(lookup(local.kms_via_services, s, [])) > 0]

    content {
      sid    = "AccountGrantsTheKeyToItsServiceResources${local.kms_sid_suffix[statement.value]}"
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
        values   = [for v in local.kms_via_services[statement.value] : "${v}.${local.region}.amazonaws.com"]
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
    for_each = contains(each.value, "logs") ? toset(["logs"]) : toset([])

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
    for_each = contains(each.value, "s3") && var.allow_cloudfront_s3_decrypt ? toset(["cloudfront"]) : toset([])

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
    for_each = contains(each.value, "sns") ? toset(["sns"]) : toset([])

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
  for_each = local.kms_keys

  description             = local.kms_shared ? "${local.name_prefix} shared encryption key (${join(", ", each.value)})" : "${local.name_prefix} ${each.key} encryption key"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_in_days
  policy                  = data.aws_iam_policy_document.kms[each.key].json

  tags = merge(var.tags, {
    Name    = "${local.name_prefix}-${each.key}"
    Service = each.key
  })

  lifecycle {
    # KMS refuses key policies over 32 KB. A shared key's policy grows by
    # about 1 KB per service (two statements): nine services make about
    # 13 KB. The provider sends the document compacted, so its
    # pretty-printed length here is an upper bound.
    precondition {
      condition     = length(data.aws_iam_policy_document.kms[each.key].json) <= 32768
      error_message = "The key policy of ${each.key} is over KMS's 32 KB limit: use kms_key_layout = \"per_service\" or fewer kms_services."
    }
  }
}

# One alias per service, in either layout: alias/<project>-<environment>-<service>
# names the service's key, or the shared key.
resource "aws_kms_alias" "this" {
  for_each = var.kms_services

  name          = "alias/${local.name_prefix}-${each.key}"
  target_key_id = aws_kms_key.this[local.kms_key_of[each.key]].key_id
}

# The key of every service, for this module (secrets, WAF logs, the task
# role's grants) and for the kms_key_arns and kms_key_ids outputs: use these,
# never aws_kms_key.this[<service>], which has no such instance in the shared
# layout (Terraform's plan would fail on it; the offline gate cannot tell, so
# internal/envtest/security_test.go checks that nothing else indexes the keys).
locals {
  kms_key_arns = { for s in var.kms_services : s => aws_kms_key.this[local.kms_key_of[s]].arn }
  kms_key_ids  = { for s in var.kms_services : s => aws_kms_key.this[local.kms_key_of[s]].key_id }
}
