# Audit and threat detection, each behind its own switch:
#
#   enable_cloudtrail  a multi-region trail with log file validation
#   enable_guardduty   a GuardDuty detector with the chosen features
#   enable_config      an AWS Config recorder, delivery channel and a baseline
#                      of AWS managed rules
#
# CloudTrail and Config deliver to one audit bucket (prefixes cloudtrail/ and
# config/): versioned, private, TLS-only, SSE-KMS with a dedicated audit key,
# moved to cheaper storage after 30 and 90 days and expired after
# audit_log_retention_days. GuardDuty detectors and Config recorders exist
# once per account and region: enable them in one environment per account.

locals {
  create_audit_bucket = var.enable_cloudtrail || var.enable_config

  trail_name = "${local.name_prefix}-trail${local.global_name_suffix}"
  trail_arn  = "arn:${local.partition}:cloudtrail:${local.region}:${local.account_id}:trail/${local.trail_name}"

  audit_bucket_name = "${local.name_prefix}-audit-${local.account_id}${local.global_name_suffix}"
  audit_bucket_arn  = "arn:${local.partition}:s3:::${local.audit_bucket_name}"

  # AWS managed Config rules: rule name => source identifier.
  config_rule_catalog = {
    "cloudtrail-enabled"                       = "CLOUD_TRAIL_ENABLED"
    "cmk-backing-key-rotation-enabled"         = "CMK_BACKING_KEY_ROTATION_ENABLED"
    "dynamodb-pitr-enabled"                    = "DYNAMODB_PITR_ENABLED"
    "encrypted-volumes"                        = "ENCRYPTED_VOLUMES"
    "guardduty-enabled-centralized"            = "GUARDDUTY_ENABLED_CENTRALIZED"
    "iam-password-policy"                      = "IAM_PASSWORD_POLICY"
    "iam-root-access-key-check"                = "IAM_ROOT_ACCESS_KEY_CHECK"
    "rds-storage-encrypted"                    = "RDS_STORAGE_ENCRYPTED"
    "restricted-ssh"                           = "INCOMING_SSH_DISABLED"
    "root-account-mfa-enabled"                 = "ROOT_ACCOUNT_MFA_ENABLED"
    "s3-bucket-public-read-prohibited"         = "S3_BUCKET_PUBLIC_READ_PROHIBITED"
    "s3-bucket-public-write-prohibited"        = "S3_BUCKET_PUBLIC_WRITE_PROHIBITED"
    "s3-bucket-server-side-encryption-enabled" = "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED"
    "s3-bucket-ssl-requests-only"              = "S3_BUCKET_SSL_REQUESTS_ONLY"
    "vpc-default-security-group-closed"        = "VPC_DEFAULT_SECURITY_GROUP_CLOSED"
    "vpc-flow-logs-enabled"                    = "VPC_FLOW_LOGS_ENABLED"
  }

  config_rules = { for name in var.config_rules : name => local.config_rule_catalog[name] if var.enable_config }

  # GuardDuty features; runtime monitoring also manages the Fargate agent.
  guardduty_features = { for f in var.guardduty_features : f => f if var.enable_guardduty }
}

################################################################################
# Audit key and bucket
################################################################################

data "aws_iam_policy_document" "audit_kms" {
  count = local.create_audit_bucket ? 1 : 0

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

  # Config (through its role) writes and readers read the bucket through S3.
  statement {
    sid       = "AccountUsesTheKeyThroughS3"
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
      values   = ["s3.${local.region}.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = [local.account_id]
    }
  }

  dynamic "statement" {
    for_each = var.enable_cloudtrail ? toset(["encrypt"]) : toset([])

    content {
      sid       = "AllowCloudTrailToEncryptLogs"
      effect    = "Allow"
      actions   = ["kms:GenerateDataKey*"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceArn"
        values   = [local.trail_arn]
      }

      condition {
        test     = "StringLike"
        variable = "kms:EncryptionContext:aws:cloudtrail:arn"
        values   = ["arn:${local.partition}:cloudtrail:*:${local.account_id}:trail/*"]
      }
    }
  }

  dynamic "statement" {
    for_each = var.enable_cloudtrail ? toset(["describe"]) : toset([])

    content {
      sid       = "AllowCloudTrailToDescribeKey"
      effect    = "Allow"
      actions   = ["kms:DescribeKey"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceArn"
        values   = [local.trail_arn]
      }
    }
  }

  # Principals of the account (with an IAM grant) may read the trail's logs.
  dynamic "statement" {
    for_each = var.enable_cloudtrail ? toset(["decrypt"]) : toset([])

    content {
      sid    = "AllowAccountToDecryptTrailLogs"
      effect = "Allow"
      actions = [
        "kms:Decrypt",
        "kms:ReEncryptFrom",
      ]
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = [local.account_root_arn]
      }

      condition {
        test     = "StringEquals"
        variable = "kms:CallerAccount"
        values   = [local.account_id]
      }

      condition {
        test     = "StringLike"
        variable = "kms:EncryptionContext:aws:cloudtrail:arn"
        values   = ["arn:${local.partition}:cloudtrail:*:${local.account_id}:trail/*"]
      }
    }
  }
}

resource "aws_kms_key" "audit" {
  count = local.create_audit_bucket ? 1 : 0

  description             = "${local.name_prefix} audit log encryption key (CloudTrail, Config)"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_in_days
  policy                  = data.aws_iam_policy_document.audit_kms[0].json

  tags = merge(var.tags, {
    Name    = "${local.name_prefix}-audit"
    Service = "audit"
  })
}

resource "aws_kms_alias" "audit" {
  count = local.create_audit_bucket ? 1 : 0

  name          = "alias/${local.name_prefix}-audit"
  target_key_id = aws_kms_key.audit[0].key_id
}

resource "aws_s3_bucket" "audit" {
  count = local.create_audit_bucket ? 1 : 0

  bucket = local.audit_bucket_name

  tags = merge(var.tags, {
    Name = local.audit_bucket_name
  })
}

resource "aws_s3_bucket_ownership_controls" "audit" {
  count = local.create_audit_bucket ? 1 : 0

  bucket = aws_s3_bucket.audit[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "audit" {
  count = local.create_audit_bucket ? 1 : 0

  bucket = aws_s3_bucket.audit[0].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "audit" {
  count = local.create_audit_bucket ? 1 : 0

  bucket = aws_s3_bucket.audit[0].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "audit" {
  count = local.create_audit_bucket ? 1 : 0

  bucket = aws_s3_bucket.audit[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.audit[0].arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "audit" {
  count = local.create_audit_bucket ? 1 : 0

  bucket = aws_s3_bucket.audit[0].id

  rule {
    id     = "archive-then-expire-audit-logs"
    status = "Enabled"

    filter {}

    transition {
      days          = 30
      storage_class = "STANDARD_IA"
    }

    transition {
      days          = 90
      storage_class = "GLACIER"
    }

    expiration {
      days = var.audit_log_retention_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.audit]
}

data "aws_iam_policy_document" "audit_bucket" {
  count = local.create_audit_bucket ? 1 : 0

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.audit_bucket_arn, "${local.audit_bucket_arn}/*"]

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

  dynamic "statement" {
    for_each = var.enable_cloudtrail ? toset(["acl"]) : toset([])

    content {
      sid       = "AllowCloudTrailAclCheck"
      effect    = "Allow"
      actions   = ["s3:GetBucketAcl"]
      resources = [local.audit_bucket_arn]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceArn"
        values   = [local.trail_arn]
      }
    }
  }

  dynamic "statement" {
    for_each = var.enable_cloudtrail ? toset(["write"]) : toset([])

    content {
      sid       = "AllowCloudTrailWrite"
      effect    = "Allow"
      actions   = ["s3:PutObject"]
      resources = ["${local.audit_bucket_arn}/cloudtrail/AWSLogs/${local.account_id}/*"]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceArn"
        values   = [local.trail_arn]
      }

      condition {
        test     = "StringEquals"
        variable = "s3:x-amz-acl"
        values   = ["bucket-owner-full-control"]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "audit" {
  count = local.create_audit_bucket ? 1 : 0

  bucket = aws_s3_bucket.audit[0].id
  policy = data.aws_iam_policy_document.audit_bucket[0].json

  depends_on = [aws_s3_bucket_public_access_block.audit]
}

################################################################################
# CloudTrail
################################################################################

resource "aws_cloudtrail" "this" {
  count = var.enable_cloudtrail ? 1 : 0

  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.audit[0].id
  s3_key_prefix                 = "cloudtrail"
  kms_key_id                    = aws_kms_key.audit[0].arn
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  tags = merge(var.tags, {
    Name = local.trail_name
  })

  # CloudTrail checks the bucket policy and the key when the trail is created.
  depends_on = [aws_s3_bucket_policy.audit]
}

################################################################################
# GuardDuty
################################################################################

resource "aws_guardduty_detector" "this" {
  count = var.enable_guardduty ? 1 : 0

  enable                       = true
  finding_publishing_frequency = var.guardduty_finding_publishing_frequency

  tags = var.tags
}

resource "aws_guardduty_detector_feature" "this" {
  for_each = local.guardduty_features

  detector_id = aws_guardduty_detector.this[0].id
  name        = each.key
  status      = "ENABLED"

  dynamic "additional_configuration" {
    for_each = each.key == "RUNTIME_MONITORING" ? toset(["ECS_FARGATE_AGENT_MANAGEMENT"]) : toset([])

    content {
      name   = additional_configuration.value
      status = "ENABLED"
    }
  }
}

################################################################################
# AWS Config
################################################################################

data "aws_iam_policy_document" "config_assume_role" {
  count = var.enable_config ? 1 : 0

  statement {
    sid     = "AllowConfigAssumeRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "config" {
  count = var.enable_config ? 1 : 0

  name               = "${local.name_prefix}-config${local.global_name_suffix}"
  description        = "AWS Config recorder of ${local.name_prefix}: reads resource configuration, delivers to the audit bucket."
  assume_role_policy = data.aws_iam_policy_document.config_assume_role[0].json

  tags = var.tags
}

# AWS's own read-only policy for Config recorders.
resource "aws_iam_role_policy_attachment" "config" {
  count = var.enable_config ? 1 : 0

  role       = aws_iam_role.config[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AWS_ConfigRole"
}

data "aws_iam_policy_document" "config_delivery" {
  count = var.enable_config ? 1 : 0

  statement {
    sid       = "CheckAuditBucketAcl"
    effect    = "Allow"
    actions   = ["s3:GetBucketAcl"]
    resources = [local.audit_bucket_arn]
  }

  statement {
    sid       = "DeliverToAuditBucket"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${local.audit_bucket_arn}/config/AWSLogs/${local.account_id}/*"]
  }

  statement {
    sid    = "EncryptWithAuditKeyThroughS3"
    effect = "Allow"
    actions = [
      "kms:Decrypt",
      "kms:GenerateDataKey",
    ]
    resources = [aws_kms_key.audit[0].arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "config_delivery" {
  count = var.enable_config ? 1 : 0

  name   = "config-delivery"
  role   = aws_iam_role.config[0].id
  policy = data.aws_iam_policy_document.config_delivery[0].json
}

resource "aws_config_configuration_recorder" "this" {
  count = var.enable_config ? 1 : 0

  name     = "${local.name_prefix}-recorder"
  role_arn = aws_iam_role.config[0].arn

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }

  recording_mode {
    recording_frequency = var.config_recording_frequency
  }
}

resource "aws_config_delivery_channel" "this" {
  count = var.enable_config ? 1 : 0

  name           = "${local.name_prefix}-delivery"
  s3_bucket_name = aws_s3_bucket.audit[0].id
  s3_key_prefix  = "config"
  s3_kms_key_arn = aws_kms_key.audit[0].arn

  snapshot_delivery_properties {
    delivery_frequency = "TwentyFour_Hours"
  }

  depends_on = [aws_config_configuration_recorder.this, aws_iam_role_policy.config_delivery]
}

resource "aws_config_configuration_recorder_status" "this" {
  count = var.enable_config ? 1 : 0

  name       = aws_config_configuration_recorder.this[0].name
  is_enabled = true

  depends_on = [aws_config_delivery_channel.this]
}

resource "aws_config_config_rule" "this" {
  for_each = local.config_rules

  name = "${local.name_prefix}-${each.key}"

  source {
    owner             = "AWS"
    source_identifier = each.value
  }

  tags = var.tags

  depends_on = [aws_config_configuration_recorder.this]
}
