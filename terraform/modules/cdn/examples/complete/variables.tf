# The example's inputs, passed to the module as they are: the module's own
# validations are what the tests exercise. Descriptions in short; see the
# module's README for the details.

variable "region" {
  type        = string
  description = "AWS region of the example: us-east-1, CloudFront's region (ACM certificates, WAF web ACLs, Lambda@Edge and log delivery sources live there)."
}

variable "project" {
  type        = string
  description = "Project name used as the first part of resource names (3-20 lowercase letters, digits and hyphens)."
}

variable "environment" {
  type        = string
  description = "Deployment environment: one of dev, staging or production."
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into the tags of every resource, on top of the provider default_tags."
}

variable "alb_domain_name" {
  type        = string
  description = "An internet-facing load balancer as a custom origin: its DNS name covered by its HTTPS certificate (placeholder), e.g. origin.candlefish.ai; null when alb_vpc_origin is set (see the module)."
  default     = null
}

variable "alb_vpc_origin_domain_names" {
  type        = map(string)
  description = "Internal load balancers reached through VPC origins, by name, each with the DNS name its HTTPS certificate covers (see the module)."
  default     = {}
}

variable "alb_vpc_origin_arns" {
  type        = map(string)
  description = "ARNs of the load balancers of alb_vpc_origin_domain_names, by the same keys (placeholders; see the module)."
  default     = {}
}

variable "alb_vpc_origin" {
  type        = string
  description = "Key of alb_vpc_origin_domain_names the load balancer origin uses; null for the custom origin alb_domain_name (see the module)."
  default     = null
}

variable "origin_verify_header_name" {
  type        = string
  description = "Name of the secret origin header sent to the load balancer."
}

variable "origin_verify_secret_arn" {
  type        = string
  description = "ARN of the Secrets Manager secret holding the origin header's value (placeholder)."
}

variable "assets_bucket_regional_domain_name" {
  type        = string
  description = "Regional domain name of the assets bucket (placeholder), <bucket>.s3.<region>.amazonaws.com."
}

variable "api_path_patterns" {
  type        = list(string)
  description = "Path patterns of the API behaviours (load balancer, not cached)."
}

variable "webgl_path_patterns" {
  type        = list(string)
  description = "Path patterns of the WebGL behaviours (assets bucket, cached long, never compressed)."
}

variable "static_path_patterns" {
  type        = list(string)
  description = "Path patterns of the static asset behaviours (assets bucket, CachingOptimized, compressed)."
}

variable "webgl_cache_ttl" {
  type = object({
    min     = number
    default = number
    max     = number
  })
  description = "TTLs, in seconds, of the WebGL cache policy."
}

variable "hsts_max_age_seconds" {
  type        = number
  description = "max-age of the Strict-Transport-Security header, in seconds."
}

variable "content_security_policy" {
  type        = string
  description = "Content-Security-Policy header of every response."
}

variable "server_timing_sampling_rate" {
  type        = number
  description = "Percentage of responses with the Server-Timing header."
}

variable "enable_realtime_logs" {
  type        = bool
  description = "Send real-time logs of the default and API behaviours to a Kinesis data stream."
}

variable "realtime_log_sampling_rate" {
  type        = number
  description = "Percentage of requests logged in real time."
}

variable "realtime_log_fields" {
  type        = list(string)
  description = "Fields of each real-time log record."
}

variable "realtime_log_stream_mode" {
  type        = string
  description = "Capacity mode of the Kinesis data stream: ON_DEMAND or PROVISIONED."
}

variable "realtime_log_shard_count" {
  type        = number
  description = "Shards of the Kinesis data stream in PROVISIONED mode."
}

variable "realtime_log_retention_hours" {
  type        = number
  description = "Hours the Kinesis data stream keeps records."
}

variable "create_realtime_log_kms_key" {
  type        = bool
  description = "Create the example's KMS key for the Kinesis data stream (when enable_realtime_logs is true); false uses realtime_log_kms_key_arn."
}

variable "realtime_log_kms_key_arn" {
  type        = string
  description = "ARN of an existing KMS key for the Kinesis data stream, used when create_realtime_log_kms_key is false."
}

variable "kms_deletion_window_in_days" {
  type        = number
  description = "Waiting period, in days, before a scheduled deletion of the example's KMS key takes effect (7-30)."

  validation {
    condition     = var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30 && floor(var.kms_deletion_window_in_days) == var.kms_deletion_window_in_days
    error_message = "kms_deletion_window_in_days must be a whole number between 7 and 30."
  }
}

variable "enable_standard_logs" {
  type        = bool
  description = "Deliver access logs (standard logging v2) to the logs bucket."
}

variable "standard_logs_bucket_arn" {
  type        = string
  description = "ARN of the logs bucket (placeholder)."
}

variable "standard_logs_prefix" {
  type        = string
  description = "Key prefix of the access logs in the logs bucket."
}

variable "standard_logs_output_format" {
  type        = string
  description = "Format of the access log files: w3c, json, plain or parquet."
}

variable "edge_functions" {
  type = list(object({
    behavior     = string
    event_type   = string
    arn          = string
    kind         = string
    include_body = optional(bool, false)
  }))
  description = "Lambda@Edge and CloudFront Function associations by behaviour kind (placeholder ARNs)."
}

variable "enable_index_rewrite_function" {
  type        = bool
  description = "Create the index rewrite CloudFront Function on the static behaviours ending with /*."
}

variable "enable_webgl_edge_function" {
  type        = bool
  description = "Create the module's Lambda@Edge function on the WebGL behaviours' origin responses (Content-Encoding and Content-Type of precompressed builds)."
}

variable "webgl_edge_function_zip_path" {
  type        = string
  description = "Deployment package of the WebGL Lambda@Edge function (dist/edge-webgl.zip from make lambda), relative to this directory; null when the function is off."
}

variable "price_class" {
  type        = string
  description = "CloudFront price class; null for the environment's default."
}

variable "web_acl_id" {
  type        = string
  description = "ARN of the CLOUDFRONT-scope WAFv2 web ACL (placeholder), or null."
}

variable "aliases" {
  type        = list(string)
  description = "Alternate domain names of the distribution."
}

variable "acm_certificate_arn" {
  type        = string
  description = "ARN of the us-east-1 ACM certificate covering the aliases (placeholder)."
}

variable "geo_restriction" {
  type = object({
    restriction_type = optional(string, "none")
    locations        = optional(list(string), [])
  })
  description = "Geographic restriction of the distribution."
}

variable "custom_error_responses" {
  type = list(object({
    error_code            = number
    response_code         = optional(number)
    response_page_path    = optional(string)
    error_caching_min_ttl = optional(number)
  }))
  description = "Custom error responses of the distribution."
}
