output "name_prefix" {
  description = "Prefix of the names of this module's resources: <project>-<environment>."
  value       = local.name_prefix
}

output "tags" {
  description = "Extra tags this module applies to its resources, on top of the provider default_tags."
  value       = var.tags
}

# --- S3 ---

output "bucket_names" {
  description = "Names of the S3 buckets, keyed by purpose (assets, uploads, logs, ...)."
  value       = { for k, b in aws_s3_bucket.this : k => b.id }
}

output "bucket_arns" {
  description = "ARNs of the S3 buckets, keyed by purpose."
  value       = { for k, b in aws_s3_bucket.this : k => b.arn }
}

output "bucket_regional_domain_names" {
  description = "Regional domain names of the S3 buckets (CloudFront origins), keyed by purpose."
  value       = { for k, b in aws_s3_bucket.this : k => b.bucket_regional_domain_name }
}

output "logs_bucket_name" {
  description = "Name of the logs bucket: target of ALB access logs (prefix alb) and CloudFront standard logs v2 (prefix cloudfront)."
  value       = aws_s3_bucket.this[local.log_bucket_key].id
}

output "logs_bucket_arn" {
  description = "ARN of the logs bucket."
  value       = aws_s3_bucket.this[local.log_bucket_key].arn
}

output "replica_bucket_names" {
  description = "Names of the replica buckets in replica_region, keyed by the purpose of their source bucket; empty without replication."
  value       = { for k, b in aws_s3_bucket.replica : k => b.id }
}

output "replica_bucket_arns" {
  description = "ARNs of the replica buckets in replica_region, keyed by the purpose of their source bucket; empty without replication."
  value       = { for k, b in aws_s3_bucket.replica : k => b.arn }
}

output "replica_s3_kms_key_arn" {
  description = "ARN of the KMS key that encrypts the replica buckets (created here or replica_s3_kms_key_arn); null without replication."
  value       = length(local.replicated_buckets) > 0 ? local.replica_s3_kms_key_arn : null
}

output "replication_role_arn" {
  description = "ARN of the IAM role S3 replication assumes; null without replication."
  value       = try(aws_iam_role.replication[0].arn, null)
}

# --- DynamoDB ---

output "dynamodb_table_names" {
  description = "Names of the DynamoDB tables, keyed by purpose."
  value       = merge({ for k, t in aws_dynamodb_table.this : k => t.name }, { for k, t in aws_dynamodb_table.autoscaled : k => t.name })
}

output "dynamodb_table_arns" {
  description = "ARNs of the DynamoDB tables, keyed by purpose."
  value       = merge({ for k, t in aws_dynamodb_table.this : k => t.arn }, { for k, t in aws_dynamodb_table.autoscaled : k => t.arn })
}

output "dynamodb_table_stream_arns" {
  description = "Stream ARNs of the DynamoDB tables, keyed by purpose (null for a table without a stream)."
  value       = merge({ for k, t in aws_dynamodb_table.this : k => t.stream_arn }, { for k, t in aws_dynamodb_table.autoscaled : k => t.stream_arn })
}

# --- ElastiCache ---

output "cache_replication_group_id" {
  description = "ID of the ElastiCache replication group; null when enable_cache is false."
  value       = try(aws_elasticache_replication_group.this[0].id, null)
}

output "cache_primary_endpoint_address" {
  description = "Primary (read-write) endpoint of the cache; null when enable_cache is false."
  value       = try(aws_elasticache_replication_group.this[0].primary_endpoint_address, null)
}

output "cache_reader_endpoint_address" {
  description = "Reader endpoint of the cache (spreads reads over the replicas); null when enable_cache is false."
  value       = try(aws_elasticache_replication_group.this[0].reader_endpoint_address, null)
}

output "cache_port" {
  description = "Port of the cache (TLS required); null when enable_cache is false."
  value       = try(aws_elasticache_replication_group.this[0].port, null)
}

output "cache_auth_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the cache AUTH token; null when enable_cache is false."
  value       = try(aws_secretsmanager_secret.cache_auth[0].arn, null)
}

# --- Aurora ---

output "aurora_cluster_id" {
  description = "Identifier of the (primary) Aurora cluster; null when enable_aurora is false."
  value       = try(aws_rds_cluster.this[0].id, null)
}

output "aurora_cluster_arn" {
  description = "ARN of the (primary) Aurora cluster; null when enable_aurora is false."
  value       = try(aws_rds_cluster.this[0].arn, null)
}

output "aurora_cluster_endpoint" {
  description = "Writer endpoint of the (primary) Aurora cluster; null when enable_aurora is false."
  value       = try(aws_rds_cluster.this[0].endpoint, null)
}

output "aurora_reader_endpoint" {
  description = "Reader endpoint of the (primary) Aurora cluster; null when enable_aurora is false."
  value       = try(aws_rds_cluster.this[0].reader_endpoint, null)
}

output "aurora_port" {
  description = "Port of the Aurora cluster; null when enable_aurora is false."
  value       = try(aws_rds_cluster.this[0].port, null)
}

output "aurora_cluster_resource_id" {
  description = "Resource ID of the (primary) Aurora cluster, for rds-db:connect IAM policies; null when enable_aurora is false."
  value       = try(aws_rds_cluster.this[0].cluster_resource_id, null)
}

output "aurora_master_secret_arn" {
  description = "ARN of the Secrets Manager secret with the master user credentials: RDS-managed for a standalone cluster, this module's for a global database; null when enable_aurora is false."
  value       = local.aurora_global ? try(aws_secretsmanager_secret.aurora_master[0].arn, null) : try(aws_rds_cluster.this[0].master_user_secret[0].secret_arn, null)
}

output "aurora_global_cluster_id" {
  description = "Identifier of the Aurora global database; null without one."
  value       = try(aws_rds_global_cluster.this[0].id, null)
}

output "aurora_secondary_cluster_endpoint" {
  description = "Writer endpoint of the secondary cluster in replica_region (usable after a failover); null without a global database."
  value       = try(aws_rds_cluster.secondary[0].endpoint, null)
}

output "aurora_secondary_reader_endpoint" {
  description = "Reader endpoint of the secondary cluster in replica_region; null without a global database."
  value       = try(aws_rds_cluster.secondary[0].reader_endpoint, null)
}
