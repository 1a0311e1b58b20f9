# Cross-region replication (enable_replication; staging and production): each
# replicated bucket gets a replica bucket in replica_region (provider
# aws.replica) with versioning, SSE-KMS under a key of that region, public
# access block, no ACLs, a TLS-only policy and the same lifecycle rules. One
# IAM role, limited to these buckets and keys, replicates every object, the
# SSE-KMS encrypted ones included, and delete markers.

locals {
  replicated_buckets = { for k, v in local.data_buckets : k => v if var.enable_replication && v.replicate != false }

  replica_bucket_names = { for k in keys(local.replicated_buckets) : k => "${local.name_prefix}-${k}-replica${local.bucket_suffix}" }
  replica_bucket_arns  = { for k, name in local.replica_bucket_names : k => "arn:${local.partition}:s3:::${name}" }

  create_replica_s3_kms_key = length(local.replicated_buckets) > 0 && var.replica_s3_kms_key_arn == null
  replica_s3_kms_key_arn    = var.replica_s3_kms_key_arn != null ? var.replica_s3_kms_key_arn : try(aws_kms_key.replica_s3[0].arn, null)

  # Key administration without key use (no Encrypt/Decrypt/GenerateDataKey,
  # no CreateGrant), as the security module's keys.
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
}

# --- KMS key of the replica buckets (unless replica_s3_kms_key_arn is given) ---

# The account administers the key; principals of the account (the
# replication role, readers of the replicas) may use it only through S3 in
# replica_region and only when their IAM policies allow it.
data "aws_iam_policy_document" "replica_s3_kms" {
  count = local.create_replica_s3_kms_key ? 1 : 0

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

  statement {
    sid    = "AccountUsesTheKeyThroughS3"
    effect = "Allow"
    actions = [
      "kms:Decrypt",
      "kms:DescribeKey",
      "kms:Encrypt",
      "kms:GenerateDataKey*",
      "kms:ReEncrypt*",
    ]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.replica_region}.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_kms_key" "replica_s3" {
  count    = local.create_replica_s3_kms_key ? 1 : 0
  provider = aws.replica

  description             = "${local.name_prefix} S3 replica buckets in ${var.replica_region}"
  enable_key_rotation     = true
  deletion_window_in_days = var.replica_kms_deletion_window_in_days
  policy                  = data.aws_iam_policy_document.replica_s3_kms[0].json

  tags = var.tags
}

resource "aws_kms_alias" "replica_s3" {
  count    = local.create_replica_s3_kms_key ? 1 : 0
  provider = aws.replica

  name          = "alias/${local.name_prefix}-s3-replica"
  target_key_id = aws_kms_key.replica_s3[0].key_id
}

# --- Replica buckets ---

resource "aws_s3_bucket" "replica" {
  for_each = local.replicated_buckets
  provider = aws.replica

  bucket        = local.replica_bucket_names[each.key]
  force_destroy = each.value.force_destroy

  tags = merge(var.tags, { Purpose = each.key, ReplicaOf = local.bucket_names[each.key] })

  lifecycle {
    precondition {
      condition     = data.aws_region.replica.region == var.replica_region
      error_message = "The aws.replica provider must be configured with region ${var.replica_region} (replica_region)."
    }
  }
}

resource "aws_s3_bucket_versioning" "replica" {
  for_each = local.replicated_buckets
  provider = aws.replica

  bucket = aws_s3_bucket.replica[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "replica" {
  for_each = local.replicated_buckets
  provider = aws.replica

  bucket = aws_s3_bucket.replica[each.key].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "replica" {
  for_each = local.replicated_buckets
  provider = aws.replica

  bucket = aws_s3_bucket.replica[each.key].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "replica" {
  for_each = local.replicated_buckets
  provider = aws.replica

  bucket = aws_s3_bucket.replica[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = local.replica_s3_kms_key_arn
    }
    bucket_key_enabled = true
  }
}

# The source's lifecycle minus the Intelligent-Tiering transition (replicas
# are written in replication_storage_class). Expiration runs here as well:
# delete markers that lifecycle rules create are not replicated.
resource "aws_s3_bucket_lifecycle_configuration" "replica" {
  for_each = local.replicated_buckets
  provider = aws.replica

  bucket = aws_s3_bucket.replica[each.key].id

  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days           = each.value.noncurrent_version_expiration_days
      newer_noncurrent_versions = each.value.noncurrent_versions_to_keep > 0 ? each.value.noncurrent_versions_to_keep : null
    }

    expiration {
      expired_object_delete_marker = true
    }
  }

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = each.value.abort_incomplete_multipart_days
    }
  }

  dynamic "rule" {
    for_each = each.value.expiration_days == null ? [] : [each.value.expiration_days]

    content {
      id     = "expire-current-versions"
      status = "Enabled"

      filter {}

      expiration {
        days = rule.value
      }
    }
  }

  depends_on = [aws_s3_bucket_versioning.replica]
}

data "aws_iam_policy_document" "replica_bucket" {
  for_each = local.replicated_buckets

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.replica_bucket_arns[each.key], "${local.replica_bucket_arns[each.key]}/*"]

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
}

resource "aws_s3_bucket_policy" "replica" {
  for_each = local.replicated_buckets
  provider = aws.replica

  bucket = aws_s3_bucket.replica[each.key].id
  policy = data.aws_iam_policy_document.replica_bucket[each.key].json

  depends_on = [aws_s3_bucket_public_access_block.replica]
}

# --- Replication role: read the source buckets' versions, write the replicas ---

data "aws_iam_policy_document" "replication_assume" {
  count = length(local.replicated_buckets) > 0 ? 1 : 0

  statement {
    sid     = "S3AssumesTheReplicationRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

data "aws_iam_policy_document" "replication" {
  count = length(local.replicated_buckets) > 0 ? 1 : 0

  statement {
    sid       = "ReadSourceReplicationConfiguration"
    effect    = "Allow"
    actions   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
    resources = [for k in keys(local.replicated_buckets) : local.bucket_arns[k]]
  }

  statement {
    sid    = "ReadSourceObjectVersions"
    effect = "Allow"
    actions = [
      "s3:GetObjectVersionForReplication",
      "s3:GetObjectVersionAcl",
      "s3:GetObjectVersionTagging",
    ]
    resources = [for k in keys(local.replicated_buckets) : "${local.bucket_arns[k]}/*"]
  }

  statement {
    sid       = "WriteReplicas"
    effect    = "Allow"
    actions   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]
    resources = [for k in keys(local.replicated_buckets) : "${local.replica_bucket_arns[k]}/*"]
  }

  # With bucket keys the encryption context is the bucket ARN; without, the
  # object ARN: both are allowed.
  statement {
    sid       = "DecryptSourceObjectsThroughS3"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = [var.s3_kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = flatten([for k in keys(local.replicated_buckets) : [local.bucket_arns[k], "${local.bucket_arns[k]}/*"]])
    }
  }

  statement {
    sid       = "EncryptReplicasThroughS3"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:GenerateDataKey"]
    resources = [local.replica_s3_kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.replica_region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = flatten([for k in keys(local.replicated_buckets) : [local.replica_bucket_arns[k], "${local.replica_bucket_arns[k]}/*"]])
    }
  }
}

resource "aws_iam_role" "replication" {
  count = length(local.replicated_buckets) > 0 ? 1 : 0

  name               = "${local.name_prefix}-s3-replication"
  description        = "S3 cross-region replication of ${local.name_prefix} buckets to ${var.replica_region}"
  assume_role_policy = data.aws_iam_policy_document.replication_assume[0].json

  tags = var.tags
}

resource "aws_iam_role_policy" "replication" {
  count = length(local.replicated_buckets) > 0 ? 1 : 0

  name   = "s3-replication"
  role   = aws_iam_role.replication[0].id
  policy = data.aws_iam_policy_document.replication[0].json
}

resource "aws_s3_bucket_replication_configuration" "this" {
  for_each = local.replicated_buckets

  role   = aws_iam_role.replication[0].arn
  bucket = aws_s3_bucket.this[each.key].id

  rule {
    id     = "replicate-to-${var.replica_region}"
    status = "Enabled"

    filter {}

    delete_marker_replication {
      status = "Enabled"
    }

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }

    destination {
      bucket        = aws_s3_bucket.replica[each.key].arn
      storage_class = var.replication_storage_class

      encryption_configuration {
        replica_kms_key_id = local.replica_s3_kms_key_arn
      }
    }
  }

  depends_on = [
    aws_s3_bucket_versioning.this,
    aws_s3_bucket_versioning.replica,
    aws_iam_role_policy.replication,
  ]
}
