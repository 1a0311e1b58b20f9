output "state_bucket_name" {
  description = "Name of the S3 bucket that holds the Terraform state (bucket in the environments' backend.hcl)."
  value       = aws_s3_bucket.this.id
}

output "state_bucket_arn" {
  description = "ARN of the Terraform state bucket."
  value       = aws_s3_bucket.this.arn
}

output "state_kms_key_arn" {
  description = "ARN of the KMS key that encrypts the Terraform state."
  value       = aws_kms_key.this.arn
}

output "state_kms_alias_name" {
  description = "Alias name of the KMS key that encrypts the Terraform state."
  value       = aws_kms_alias.this.name
}

output "replica_bucket_name" {
  description = "Name of the replica of the state bucket in the standby region (null when replication is off)."
  value       = try(aws_s3_bucket.replica[0].id, null)
}

output "replica_kms_key_arn" {
  description = "ARN of the KMS key that encrypts the replica (null when replication is off)."
  value       = try(aws_kms_key.replica[0].arn, null)
}

output "lock_table_name" {
  description = "Name of the DynamoDB lock table (dynamodb_table in backend.hcl)."
  value       = aws_dynamodb_table.locks.name
}

output "backend_config" {
  description = "The -backend-config file of each environment, keyed by environment: save it as terraform/environments/<env>/backend.hcl."
  value = {
    for env in var.environments : env => <<-EOT
      bucket         = "${aws_s3_bucket.this.id}"
      key            = "${env}/terraform.tfstate"
      region         = "${var.region}"
      dynamodb_table = "${aws_dynamodb_table.locks.name}"
      use_lockfile   = true
      encrypt        = true
      kms_key_id     = "${aws_kms_alias.this.name}"
    EOT
  }
}
