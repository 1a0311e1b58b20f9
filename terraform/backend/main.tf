# Remote state backend: a versioned, KMS-encrypted, private S3 bucket that
# only accepts TLS (state-bucket.tf), replicated to the standby region
# (replication.tf), and the DynamoDB lock table for clients that do not use
# S3 lock files (lock-table.tf).

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_iam_policy_document" "state_key" {
  # The AWS default key policy: the account administers the key through IAM.
  # Inside a key policy, resources = ["*"] means "this key".
  statement {
    sid       = "EnableAccountAdministration"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "this" {
  description             = "Encrypts the Terraform state in ${var.state_bucket_name}"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_in_days
  policy                  = data.aws_iam_policy_document.state_key.json

  tags = merge(var.tags, {
    Name = "${var.state_bucket_name}-key"
  })
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.state_bucket_name}"
  target_key_id = aws_kms_key.this.key_id
}
