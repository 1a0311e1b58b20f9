output "bucket_names" {
  description = "Names of the S3 buckets, keyed by purpose."
  value       = module.storage.bucket_names
}

output "replica_bucket_arns" {
  description = "ARNs of the replica buckets in replica_region, keyed by purpose."
  value       = module.storage.replica_bucket_arns
}

output "dynamodb_table_arns" {
  description = "ARNs of the DynamoDB tables, keyed by purpose."
  value       = module.storage.dynamodb_table_arns
}

output "dynamodb_table_stream_arns" {
  description = "Stream ARNs of the DynamoDB tables, keyed by purpose."
  value       = module.storage.dynamodb_table_stream_arns
}

output "cache_primary_endpoint_address" {
  description = "Primary endpoint of the cache."
  value       = module.storage.cache_primary_endpoint_address
}

output "cache_reader_endpoint_address" {
  description = "Reader endpoint of the cache."
  value       = module.storage.cache_reader_endpoint_address
}

output "cache_auth_secret_arn" {
  description = "ARN of the secret holding the cache AUTH token."
  value       = module.storage.cache_auth_secret_arn
}

output "aurora_cluster_endpoint" {
  description = "Writer endpoint of the primary Aurora cluster."
  value       = module.storage.aurora_cluster_endpoint
}

output "aurora_reader_endpoint" {
  description = "Reader endpoint of the primary Aurora cluster."
  value       = module.storage.aurora_reader_endpoint
}

output "aurora_master_secret_arn" {
  description = "ARN of the secret with the Aurora master credentials."
  value       = module.storage.aurora_master_secret_arn
}

output "aurora_global_cluster_id" {
  description = "Identifier of the Aurora global database."
  value       = module.storage.aurora_global_cluster_id
}
