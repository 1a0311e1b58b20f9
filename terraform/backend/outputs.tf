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
