output "name_prefix" {
  description = "Prefix of the names of this module's resources: <project>-<environment>."
  value       = local.name_prefix
}

output "tags" {
  description = "Extra tags this module applies to its resources, on top of the provider default_tags."
  value       = var.tags
}

# ---------------------------------------------------------------------------
# Distribution
# ---------------------------------------------------------------------------

output "distribution_id" {
  description = "ID of the CloudFront distribution (for invalidations: aws cloudfront create-invalidation --distribution-id ...)."
  value       = aws_cloudfront_distribution.this.id
}

output "distribution_arn" {
  description = "ARN of the CloudFront distribution: the AWS:SourceArn the assets bucket and its KMS key allow (the storage module's buckets[\"assets\"].cloudfront_distribution_arns)."
  value       = aws_cloudfront_distribution.this.arn
}

output "distribution_domain_name" {
  description = "Domain name of the distribution (d123.cloudfront.net), the target of the aliases' Route 53 alias records."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "distribution_hosted_zone_id" {
  description = "Route 53 hosted zone ID of the distribution, for the aliases' alias records."
  value       = aws_cloudfront_distribution.this.hosted_zone_id
}

output "aliases" {
  description = "Alternate domain names of the distribution; each needs a Route 53 alias (A and AAAA) to distribution_domain_name."
  value       = var.aliases
}

output "price_class" {
  description = "Price class of the distribution (price_class, or the environment's default)."
  value       = local.price_class
}

output "response_headers_policy_id" {
  description = "ID of the response headers policy (HSTS, CSP, frame, content-type and referrer headers, Server-Timing) attached to every behaviour."
  value       = aws_cloudfront_response_headers_policy.this.id
}

output "webgl_cache_policy_id" {
  description = "ID of the cache policy of the WebGL behaviours (long TTLs, no gzip or brotli)."
  value       = aws_cloudfront_cache_policy.webgl.id
}

output "origin_verify_header_name" {
  description = "Name of the secret origin header CloudFront sends to the load balancer (the compute module's origin_verify.header_name must match)."
  value       = var.origin_verify_header_name
}

# ---------------------------------------------------------------------------
# Origin access control
# ---------------------------------------------------------------------------

output "origin_access_control_id" {
  description = "ID of the origin access control (SigV4, always) CloudFront reads the assets bucket with."
  value       = aws_cloudfront_origin_access_control.assets.id
}

output "assets_bucket_policy_json" {
  description = "Bucket policy document (JSON) letting this distribution, and nothing else, read the assets bucket through origin access control (cloudfront.amazonaws.com, s3:GetObject, AWS:SourceArn = the distribution). Merge it into the assets bucket's policy."
  value       = data.aws_iam_policy_document.assets_bucket.json
}

output "assets_kms_key_policy_json" {
  description = "Key policy statement (JSON) letting this distribution decrypt the assets bucket's objects when the bucket uses SSE-KMS (cloudfront.amazonaws.com, kms:Decrypt, AWS:SourceArn = the distribution). Merge it into the S3 key's policy."
  value       = data.aws_iam_policy_document.assets_kms_key.json
}

# ---------------------------------------------------------------------------
# Logs and functions
# ---------------------------------------------------------------------------

output "realtime_log_config_arn" {
  description = "ARN of the real-time log configuration of the default and API behaviours (null when enable_realtime_logs is false)."
  value       = try(aws_cloudfront_realtime_log_config.this[0].arn, null)
}

output "realtime_log_stream_arn" {
  description = "ARN of the KMS-encrypted Kinesis data stream that receives the real-time logs (null when enable_realtime_logs is false); consumers need kinesis:Get*/List* on it and kms:Decrypt on realtime_log_kms_key_arn."
  value       = try(aws_kinesis_stream.realtime_logs[0].arn, null)
}

output "realtime_log_role_arn" {
  description = "ARN of the IAM role CloudFront assumes to write the real-time logs (null when enable_realtime_logs is false)."
  value       = try(aws_iam_role.realtime_logs[0].arn, null)
}

output "standard_logs_delivery_id" {
  description = "ID of the CloudWatch Logs delivery of the access logs to the logs bucket (null when enable_standard_logs is false)."
  value       = try(aws_cloudwatch_log_delivery.access_logs[0].id, null)
}

output "index_rewrite_function_arn" {
  description = "ARN of the index rewrite CloudFront Function (null when enable_index_rewrite_function is false)."
  value       = try(aws_cloudfront_function.index_rewrite[0].arn, null)
}

output "webgl_edge_function_qualified_arn" {
  description = "Published version ARN (us-east-1) of the WebGL Lambda@Edge function on the WebGL behaviours' origin responses (null when enable_webgl_edge_function is false)."
  value       = try(aws_lambda_function.webgl_edge[0].qualified_arn, null)
}

output "webgl_edge_function_role_arn" {
  description = "ARN of the WebGL Lambda@Edge function's execution role (logs only; null when enable_webgl_edge_function is false)."
  value       = try(aws_iam_role.webgl_edge[0].arn, null)
}

output "vpc_origin_ids" {
  description = "IDs of the VPC origins, keyed like alb_vpc_origin_domain_names (empty without them)."
  value       = { for k, o in aws_cloudfront_vpc_origin.alb : k => o.id }
}

output "vpc_origin_arns" {
  description = "ARNs of the VPC origins, keyed like alb_vpc_origin_domain_names (empty without them)."
  value       = { for k, o in aws_cloudfront_vpc_origin.alb : k => o.arn }
}

output "alb_origin" {
  description = "The load balancer origin in use: vpc_origin (whether it is a VPC origin), key (the alb_vpc_origin_domain_names entry, or null) and domain_name (the name CloudFront checks the load balancer's certificate against)."
  value       = local.alb_origin
}
