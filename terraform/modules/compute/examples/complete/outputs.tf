output "vpc_id" {
  description = "ID of the example VPC."
  value       = aws_vpc.this.id
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = module.compute.cluster_name
}

output "service_names" {
  description = "Names of the ECS services, keyed by service."
  value       = module.compute.service_names
}

output "alb_dns_name" {
  description = "DNS name of the load balancer (the CDN's origin)."
  value       = module.compute.alb_dns_name
}

output "listener_arns" {
  description = "ARNs of the https, http and test listeners."
  value       = module.compute.listener_arns
}

output "target_group_arns" {
  description = "Blue and green target group ARNs, keyed by service."
  value       = module.compute.target_group_arns
}

output "test_url" {
  description = "URL of the blue/green test listener the deploycheck hook probes."
  value       = module.compute.test_url
}

output "origin_verify_secret_arn" {
  description = "Secret holding the origin header's value, for the CDN."
  value       = module.compute.origin_verify_secret_arn
}

output "lambda_function_arns" {
  description = "ARNs of the Lambda functions, keyed by function."
  value       = module.compute.lambda_function_arns
}

output "alarm_arns" {
  description = "ARNs of the services' 5xx-rate and unhealthy-host alarms."
  value       = module.compute.alarm_arns
}

output "logs_bucket_name" {
  description = "Bucket that receives the load balancer's access logs."
  value       = module.compute.alb_access_logs_bucket
}

output "alb_arn" {
  description = "ARN of the load balancer: what a CloudFront VPC origin (the CDN module's alb_vpc_origin_arns) points at when it is internal."
  value       = module.compute.alb_arn
}
