output "kms_key_arns" {
  description = "ARNs of the customer-managed KMS keys, keyed by service name."
  value       = { for service, key in aws_kms_key.this : service => key.arn }
}

output "kms_key_ids" {
  description = "IDs of the customer-managed KMS keys, keyed by service name."
  value       = { for service, key in aws_kms_key.this : service => key.key_id }
}

output "kms_alias_names" {
  description = "KMS alias names (alias/<project>-<environment>-<service>), keyed by service name."
  value       = { for service, alias in aws_kms_alias.this : service => alias.name }
}
