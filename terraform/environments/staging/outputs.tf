output "app_url" {
  description = "Public URL of the environment (CloudFront)."
  value       = "https://${var.app_hostname}"
}

output "cloudfront_distribution_id" {
  description = "ID of the CloudFront distribution (for invalidations)."
  value       = module.cdn.distribution_id
}

output "alb_dns_name" {
  description = "DNS name of the internal load balancer: it resolves to private addresses only. CloudFront reaches it through its VPC origin (cloudfront_vpc_origin_ids), and it answers 403 without the origin header."
  value       = module.compute.alb_dns_name
}

output "cloudfront_vpc_origin_ids" {
  description = "IDs of CloudFront's VPC origins of the load balancers: primary, and standby with the standby region (aws cloudfront get-vpc-origin --id <id>)."
  value       = module.cdn.vpc_origin_ids
}

output "vpc_id" {
  description = "ID of the environment's VPC."
  value       = module.networking.vpc_id
}

output "vpc_cidr" {
  description = "IPv4 CIDR block of the environment's VPC."
  value       = module.networking.vpc_cidr
}

output "private_subnet_ids" {
  description = "Private (application) subnet IDs, keyed by availability zone."
  value       = module.networking.private_subnet_ids
}

output "ecs_cluster_name" {
  description = "Name of the environment's ECS cluster."
  value       = module.compute.cluster_name
}

output "ecs_cluster_arn" {
  description = "ARN of the environment's ECS cluster."
  value       = module.compute.cluster_arn
}

output "ecs_service_names" {
  description = "Names of the ECS services."
  value       = values(module.compute.service_names)
}

output "bucket_names" {
  description = "Names of the S3 buckets (assets, uploads, logs)."
  value       = values(module.storage.bucket_names)
}

output "dynamodb_table_names" {
  description = "Names of the DynamoDB tables, keyed by purpose."
  value       = module.storage.dynamodb_table_names
}

output "cache_primary_endpoint" {
  description = "Primary endpoint of the cache (TLS; AUTH token in the secret cache_auth_secret_arn)."
  value       = module.storage.cache_primary_endpoint_address
}

output "cache_auth_secret_arn" {
  description = "ARN of the Secrets Manager secret that holds the cache AUTH token."
  value       = module.storage.cache_auth_secret_arn
}

output "aurora_cluster_endpoint" {
  description = "Writer endpoint of the Aurora cluster (null when Aurora is off)."
  value       = module.storage.aurora_cluster_endpoint
}

output "aurora_master_secret_arn" {
  description = "ARN of the secret with the Aurora master credentials (null when Aurora is off)."
  value       = module.storage.aurora_master_secret_arn
}

output "aurora_global_cluster_id" {
  description = "ID of the Aurora global database (production; null elsewhere)."
  value       = module.storage.aurora_global_cluster_id
}

output "standby_vpc_id" {
  description = "ID of the us-west-2 standby VPC (null without the standby region)."
  value       = try(module.networking_standby[0].vpc_id, null)
}

output "alerts_topic_arn" {
  description = "ARN of the SNS topic that receives the environment's alerts."
  value       = module.monitoring.alerts_topic_arn
}

output "kms_key_arns" {
  description = "ARNs of the environment's customer-managed KMS keys, keyed by service."
  value       = module.security.kms_key_arns
}

output "github_plan_role_arn" {
  description = "Role GitHub Actions assumes to plan (null without github_repository)."
  value       = module.security.github_plan_role_arn
}

output "github_apply_role_arn" {
  description = "Role GitHub Actions assumes to apply (null without github_repository)."
  value       = module.security.github_apply_role_arn
}

output "failover_active" {
  description = "Whether failover_to_standby is on: CloudFront sends the load balancer traffic to the standby region."
  value       = var.failover_to_standby
}

output "standby_ecs_cluster_name" {
  description = "Name of the pilot light's ECS cluster in the standby region (null without the standby region)."
  value       = try(module.compute_standby[0].cluster_name, null)
}

output "standby_ecs_service_names" {
  description = "Names of the pilot light's ECS services in the standby region (empty without the standby region)."
  value       = try(values(module.compute_standby[0].service_names), [])
}

output "standby_alb_dns_name" {
  description = "DNS name of the standby's internal load balancer (null without the standby region); CloudFront reaches it through its VPC origin, by standby_origin_hostname."
  value       = try(module.compute_standby[0].alb_dns_name, null)
}

output "standby_origin_hostname" {
  description = "Name CloudFront uses for the standby load balancer (its VPC origin's domain, checked against its certificate) when failover_to_standby is on (null without the standby region)."
  value       = var.enable_standby_region ? local.standby_origin_hostname : null
}
