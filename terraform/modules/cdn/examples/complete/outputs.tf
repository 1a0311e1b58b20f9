output "distribution_id" {
  description = "ID of the CloudFront distribution."
  value       = module.cdn.distribution_id
}

output "distribution_arn" {
  description = "ARN of the CloudFront distribution."
  value       = module.cdn.distribution_arn
}

output "distribution_domain_name" {
  description = "Domain name of the distribution (d123.cloudfront.net)."
  value       = module.cdn.distribution_domain_name
}

output "distribution_hosted_zone_id" {
  description = "Route 53 hosted zone ID of the distribution."
  value       = module.cdn.distribution_hosted_zone_id
}

output "assets_bucket_policy_json" {
  description = "Bucket policy document letting the distribution read the assets bucket through origin access control."
  value       = module.cdn.assets_bucket_policy_json
}

output "assets_kms_key_policy_json" {
  description = "Key policy statement letting the distribution decrypt the assets bucket's SSE-KMS objects."
  value       = module.cdn.assets_kms_key_policy_json
}

output "realtime_log_config_arn" {
  description = "ARN of the real-time log configuration (null when off)."
  value       = module.cdn.realtime_log_config_arn
}

output "realtime_log_stream_arn" {
  description = "ARN of the Kinesis data stream of the real-time logs (null when off)."
  value       = module.cdn.realtime_log_stream_arn
}

output "realtime_log_kms_key_arn" {
  description = "ARN of the example's KMS key of the Kinesis data stream (null when not created)."
  value       = try(aws_kms_key.kinesis[0].arn, null)
}

output "response_headers_policy_id" {
  description = "ID of the response headers policy attached to every behaviour."
  value       = module.cdn.response_headers_policy_id
}

output "origin_verify_header_name" {
  description = "Name of the secret origin header sent to the load balancer."
  value       = module.cdn.origin_verify_header_name
}

output "webgl_edge_function_qualified_arn" {
  description = "Published version ARN of the module's WebGL Lambda@Edge function (null when off)."
  value       = module.cdn.webgl_edge_function_qualified_arn
}
