# The lock table the seed names, for Terraform clients older than S3 lock
# files (use_lockfile, Terraform >= 1.10). Locks are tiny and rare, so
# on-demand billing costs cents.
resource "aws_dynamodb_table" "locks" {
  name                        = var.lock_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "LockID"
  deletion_protection_enabled = true

  attribute {
    name = "LockID"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.this.arn
  }

  tags = merge(var.tags, {
    Name = var.lock_table_name
  })
}
