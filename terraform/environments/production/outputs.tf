output "vpc_id" {
  description = "ID of the environment's VPC."
  value       = module.networking.vpc_id
}

output "vpc_cidr" {
  description = "IPv4 CIDR block of the environment's VPC."
  value       = module.networking.vpc_cidr
}

output "ecs_cluster_name" {
  description = "Name of the environment's ECS cluster."
  value       = module.compute.cluster_name
}

output "ecs_cluster_arn" {
  description = "ARN of the environment's ECS cluster."
  value       = module.compute.cluster_arn
}

output "alerts_topic_arn" {
  description = "ARN of the SNS topic that receives the environment's alerts."
  value       = module.monitoring.alerts_topic_arn
}

output "kms_key_arns" {
  description = "ARNs of the environment's customer-managed KMS keys, keyed by service."
  value       = module.security.kms_key_arns
}

output "kms_alias_names" {
  description = "Alias names of the environment's KMS keys, keyed by service."
  value       = module.security.kms_alias_names
}
