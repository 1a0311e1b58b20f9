# ---------------------------------------------------------------------------
# Common
# ---------------------------------------------------------------------------

variable "project" {
  type        = string
  description = "Project name used as the first part of resource names (3-20 lowercase letters, digits and hyphens)."
  default     = "candlefish"

  validation {
    condition     = can(regex("^[a-z0-9-]{3,20}$", var.project))
    error_message = "project must be 3-20 characters of lowercase letters, digits and hyphens."
  }
}

variable "environment" {
  type        = string
  description = "Deployment environment: one of dev, staging or production. Also chooses the default price class and whether web_acl_id is required (production)."

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be one of: dev, staging, production."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into the tags of every resource, on top of the provider default_tags."
  default     = {}
}

# ---------------------------------------------------------------------------
# Origins
# ---------------------------------------------------------------------------

variable "alb_domain_name" {
  type        = string
  description = <<-EOT
    An internet-facing load balancer as a custom origin: the DNS name CloudFront uses to reach it over HTTPS (TLS 1.2),
    e.g. origin.candlefish.ai, a Route 53 alias of the load balancer that the HTTPS listener's certificate covers.
    CloudFront checks the origin's certificate against this name, so the load balancer's own *.elb.amazonaws.com name
    (which no certificate can cover) is refused. null (default) when the load balancer is internal and reached through
    a VPC origin (alb_vpc_origin); exactly one of the two is set.
  EOT
  default     = null

  validation {
    condition     = var.alb_domain_name == null || (can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", coalesce(var.alb_domain_name, "-"))) && length(coalesce(var.alb_domain_name, "-")) <= 253 && !endswith(coalesce(var.alb_domain_name, "-"), ".elb.amazonaws.com"))
    error_message = "alb_domain_name must be a lowercase DNS name (e.g. origin.candlefish.ai) aliased to the load balancer and covered by its HTTPS certificate, not the load balancer's own *.elb.amazonaws.com name."
  }
}

variable "alb_vpc_origin_domain_names" {
  type        = map(string)
  description = <<-EOT
    Internal Application Load Balancers CloudFront reaches through VPC origins, keyed by a short name (e.g. primary,
    standby), each with the DNS name CloudFront sends as SNI and Host and checks the load balancer's certificate against,
    e.g. origin.candlefish.ai (not the load balancer's *.elb.amazonaws.com name, which no certificate covers). One
    aws_cloudfront_vpc_origin each (HTTPS only on 443, TLS 1.2; no charge), for the load balancer of the same key in
    alb_vpc_origin_arns. A VPC origin takes up to 15 minutes to create: keep a standby load balancer's here all the time,
    so that a failover only changes alb_vpc_origin.
  EOT
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.alb_vpc_origin_domain_names) : can(regex("^[a-z][a-z0-9-]{0,15}$", k))])
    error_message = "alb_vpc_origin_domain_names keys must be 1-16 characters: a lowercase letter, then lowercase letters, digits or hyphens (e.g. primary, standby)."
  }

  validation {
    condition     = alltrue([for d in values(var.alb_vpc_origin_domain_names) : can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", d)) && length(d) <= 253 && !endswith(d, ".elb.amazonaws.com")])
    error_message = "alb_vpc_origin_domain_names values must be lowercase DNS names covered by the load balancers' HTTPS certificates (e.g. origin.candlefish.ai), not a load balancer's own *.elb.amazonaws.com name."
  }
}

variable "alb_vpc_origin_arns" {
  type        = map(string)
  description = "ARNs of the internal Application Load Balancers of alb_vpc_origin_domain_names, by the same keys (the compute module's alb_arn output), each in a Region that supports VPC origins (us-east-1 except the AZ use1-az3, us-west-2, ...). A separate input because the ARNs are known only after apply."
  default     = {}

  validation {
    condition     = length(var.alb_vpc_origin_arns) == length(var.alb_vpc_origin_domain_names) && alltrue([for k in keys(var.alb_vpc_origin_arns) : contains(keys(var.alb_vpc_origin_domain_names), k)])
    error_message = "alb_vpc_origin_arns must have exactly the keys of alb_vpc_origin_domain_names: one load balancer per VPC origin."
  }

  # The Regions of the CloudFront Developer Guide's "Supported AWS Regions for
  # VPC origins" (private-content-vpc-origins.html).
  validation {
    condition = alltrue([for arn in values(var.alb_vpc_origin_arns) : can(regex("^arn:aws:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:loadbalancer/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}$", arn)) && contains([
      "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
      "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
      "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2",
      "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1",
      "me-central-1", "sa-east-1", "mx-central-1",
    ], try(split(":", arn)[3], "-"))])
    error_message = "alb_vpc_origin_arns values must be Application Load Balancer ARNs (arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>) in a Region that supports CloudFront VPC origins (e.g. us-east-1, us-west-2)."
  }
}

variable "alb_vpc_origin" {
  type        = string
  description = "Key of alb_vpc_origin_domain_names the load balancer origin uses (e.g. primary; standby during a failover): CloudFront reaches that internal load balancer through its VPC origin, by its domain name. null (default): the load balancer is a custom origin at alb_domain_name."
  default     = null

  validation {
    condition     = (var.alb_vpc_origin == null) != (var.alb_domain_name == null)
    error_message = "Set exactly one of alb_vpc_origin (an internal load balancer through a VPC origin) and alb_domain_name (an internet-facing load balancer as a custom origin)."
  }

  validation {
    condition     = var.alb_vpc_origin == null || contains(keys(var.alb_vpc_origin_domain_names), coalesce(var.alb_vpc_origin, "-"))
    error_message = "alb_vpc_origin must be a key of alb_vpc_origin_domain_names."
  }
}

variable "origin_verify_header_name" {
  type        = string
  description = "Name of the secret origin header CloudFront adds to every request to the load balancer; the compute module's listener answers 403 without it (its origin_verify.header_name, X-Origin-Verify by default)."
  default     = "X-Origin-Verify"

  validation {
    condition     = can(regex("^[A-Za-z0-9-]{1,40}$", var.origin_verify_header_name)) && !contains(["host", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-port", "cache-control", "connection", "content-length", "cookie", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "via", "x-real-ip"], lower(var.origin_verify_header_name)) && !startswith(lower(var.origin_verify_header_name), "x-amz-") && !startswith(lower(var.origin_verify_header_name), "x-edge-")
    error_message = "origin_verify_header_name must be 1-40 letters, digits and hyphens (e.g. X-Origin-Verify), and not a header CloudFront or the load balancer sets or forbids (Host, X-Forwarded-*, Cache-Control, Connection, Cookie, Via, X-Real-IP, X-Amz-*, X-Edge-*, ...)."
  }
}

variable "origin_verify_secret_arn" {
  type        = string
  description = "ARN of the Secrets Manager secret whose SecretString is the origin header's value (the compute module's origin_verify_secret_arn output). The module reads it with a data source: the value is never a variable, but it is stored in the state, as every origin custom header is."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.origin_verify_secret_arn))
    error_message = "origin_verify_secret_arn must be a Secrets Manager secret ARN: arn:aws:secretsmanager:<region>:<account>:secret:<name>."
  }
}

variable "assets_bucket_regional_domain_name" {
  type        = string
  description = "Regional domain name of the assets S3 bucket, <bucket>.s3.<region>.amazonaws.com (the storage module's bucket_regional_domain_names[\"assets\"]). CloudFront reads it through an origin access control (SigV4); the bucket name for the policy output is taken from it."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\\.s3\\.[a-z]{2}(-gov)?-[a-z]+-[0-9]\\.amazonaws\\.com$", var.assets_bucket_regional_domain_name))
    error_message = "assets_bucket_regional_domain_name must be an S3 regional domain name: <bucket>.s3.<region>.amazonaws.com, e.g. candlefish-dev-assets.s3.us-east-1.amazonaws.com."
  }
}

# ---------------------------------------------------------------------------
# Cache behaviours (path patterns, in CloudFront's order: api, webgl, static)
# ---------------------------------------------------------------------------

variable "api_path_patterns" {
  type        = list(string)
  description = "Path patterns of the API: not cached (Managed-CachingDisabled), every viewer header, cookie and query string but Host forwarded to the load balancer (Managed-AllViewerExceptHostHeader), all HTTP methods. They come first, so that /api/ paths always reach the load balancer."
  default     = ["/api/*"]

  validation {
    condition     = length(var.api_path_patterns) >= 1 && length(distinct(var.api_path_patterns)) == length(var.api_path_patterns) && alltrue([for p in var.api_path_patterns : can(regex("^[A-Za-z0-9_.*$/~\"'@:+&?-]{1,255}$", p)) && p != "*"])
    error_message = "api_path_patterns must hold at least one distinct CloudFront path pattern (1-255 of A-Z a-z 0-9 _ - . * $ / ~ \" ' @ : + & ?, not \"*\", which is the default behaviour), e.g. /api/*."
  }
}

variable "webgl_path_patterns" {
  type        = list(string)
  description = "Path patterns of the WebGL binaries, one cache behaviour each, served from the assets bucket, cached long by the module's own cache policy and never compressed (compress = false, gzip and brotli off in the cache key): the files are already compressed (Draco, Basis/KTX2) or are served pre-compressed with Content-Encoding. They come before the static patterns, so that a WebGL file under /static/ is not compressed either."
  default     = ["*.wasm", "*.glb", "*.gltf", "*.bin", "*.ktx2", "*.basis", "*.drc"]

  validation {
    condition     = length(var.webgl_path_patterns) >= 1 && length(distinct(var.webgl_path_patterns)) == length(var.webgl_path_patterns) && alltrue([for p in var.webgl_path_patterns : can(regex("^[A-Za-z0-9_.*$/~\"'@:+&?-]{1,255}$", p)) && p != "*"])
    error_message = "webgl_path_patterns must hold at least one distinct CloudFront path pattern (1-255 of A-Z a-z 0-9 _ - . * $ / ~ \" ' @ : + & ?, not \"*\"), e.g. *.wasm."
  }

  validation {
    condition     = length(setintersection(toset(var.webgl_path_patterns), toset(var.static_path_patterns))) == 0 && length(setintersection(toset(var.webgl_path_patterns), toset(var.api_path_patterns))) == 0 && length(setintersection(toset(var.static_path_patterns), toset(var.api_path_patterns))) == 0
    error_message = "webgl_path_patterns, static_path_patterns and api_path_patterns must not share a pattern: each pattern belongs to one cache behaviour."
  }

  validation {
    condition     = length(var.api_path_patterns) + length(var.webgl_path_patterns) + length(var.static_path_patterns) <= 24
    error_message = "api_path_patterns, webgl_path_patterns and static_path_patterns together must hold at most 24 patterns: CloudFront allows 25 cache behaviours per distribution, the default one included."
  }
}

variable "static_path_patterns" {
  type        = list(string)
  description = "Path patterns of the long-lived static assets (JavaScript, CSS, images, fonts), served from the assets bucket with Managed-CachingOptimized and compressed (gzip and brotli) at the edge."
  default     = ["/static/*", "*.js", "*.css"]

  validation {
    condition     = length(var.static_path_patterns) >= 1 && length(distinct(var.static_path_patterns)) == length(var.static_path_patterns) && alltrue([for p in var.static_path_patterns : can(regex("^[A-Za-z0-9_.*$/~\"'@:+&?-]{1,255}$", p)) && p != "*"])
    error_message = "static_path_patterns must hold at least one distinct CloudFront path pattern (1-255 of A-Z a-z 0-9 _ - . * $ / ~ \" ' @ : + & ?, not \"*\"), e.g. /static/*."
  }
}

variable "webgl_cache_ttl" {
  type = object({
    min     = optional(number, 1)
    default = optional(number, 2592000)
    max     = optional(number, 31536000)
  })
  description = "TTLs, in seconds, of the WebGL cache policy: min (floor even when the origin says no-cache), default (when the object has no Cache-Control/Expires) and max. Defaults: 1 second, 30 days, 1 year. Version the file names (content hash) so that a deploy needs no invalidation."
  default     = {}

  validation {
    condition     = try(var.webgl_cache_ttl.min >= 0 && var.webgl_cache_ttl.min <= var.webgl_cache_ttl.default && var.webgl_cache_ttl.default <= var.webgl_cache_ttl.max && var.webgl_cache_ttl.max <= 31536000 && floor(var.webgl_cache_ttl.min) == var.webgl_cache_ttl.min && floor(var.webgl_cache_ttl.default) == var.webgl_cache_ttl.default && floor(var.webgl_cache_ttl.max) == var.webgl_cache_ttl.max, false)
    error_message = "webgl_cache_ttl must be whole seconds with 0 <= min <= default <= max <= 31536000 (one year)."
  }
}

# ---------------------------------------------------------------------------
# Response headers (every behaviour)
# ---------------------------------------------------------------------------

variable "hsts_max_age_seconds" {
  type        = number
  description = "max-age of the Strict-Transport-Security header, in seconds; the header also has includeSubDomains and preload, and the HSTS preload list requires at least one year. Default two years."
  default     = 63072000

  validation {
    condition     = var.hsts_max_age_seconds >= 31536000 && var.hsts_max_age_seconds <= 63072000 && floor(var.hsts_max_age_seconds) == var.hsts_max_age_seconds
    error_message = "hsts_max_age_seconds must be a whole number of seconds between 31536000 (one year, the preload minimum) and 63072000 (two years)."
  }
}

variable "content_security_policy" {
  type        = string
  description = "Content-Security-Policy header of every response (overrides the origin's). The default allows WebAssembly compilation ('wasm-unsafe-eval') and blob: workers, which WebGL decoders (Draco, Basis) need, and forbids framing."
  default     = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests"

  validation {
    condition     = length(trimspace(var.content_security_policy)) > 0 && length(var.content_security_policy) <= 1783 && !can(regex("[\\r\\n\\t]", var.content_security_policy))
    error_message = "content_security_policy must be a non-empty, single-line policy of at most 1783 characters (CloudFront's limit)."
  }
}

variable "server_timing_sampling_rate" {
  type        = number
  description = "Percentage (0-100, up to four decimals) of responses that get CloudFront's Server-Timing header (cdn-cache, cdn-upstream-fbl, cdn-pop...), the operational telemetry the browser can read. 0 keeps the header configured but never sent."
  default     = 10

  validation {
    condition     = var.server_timing_sampling_rate >= 0 && var.server_timing_sampling_rate <= 100 && abs(var.server_timing_sampling_rate * 10000 - floor(var.server_timing_sampling_rate * 10000 + 0.5)) < 0.000001
    error_message = "server_timing_sampling_rate must be a percentage between 0 and 100 with at most four decimals."
  }
}

# ---------------------------------------------------------------------------
# Real-time logs (Kinesis)
# ---------------------------------------------------------------------------

variable "enable_realtime_logs" {
  type        = bool
  description = "Send real-time logs of the default and API behaviours to a KMS-encrypted Kinesis data stream created here. Costs at least the stream (PROVISIONED: about $11 a month per shard; ON_DEMAND: about $29 a month) plus $0.01 per million log lines."
  default     = false
}

variable "realtime_log_sampling_rate" {
  type        = number
  description = "Percentage (1-100, whole) of the requests of the default and API behaviours that get a real-time log record."
  default     = 10

  validation {
    condition     = var.realtime_log_sampling_rate >= 1 && var.realtime_log_sampling_rate <= 100 && floor(var.realtime_log_sampling_rate) == var.realtime_log_sampling_rate
    error_message = "realtime_log_sampling_rate must be a whole number between 1 and 100."
  }
}

variable "realtime_log_fields" {
  type        = list(string)
  description = "Fields of each real-time log record, in order (CloudFront's real-time log field names). The default is operational telemetry without personal data (no c-ip, cookies, query strings, user agent or headers)."
  default = [
    "timestamp",
    "x-edge-location",
    "x-edge-request-id",
    "cs-host",
    "cs-method",
    "cs-uri-stem",
    "cs-protocol-version",
    "sc-status",
    "sc-bytes",
    "sc-content-type",
    "time-taken",
    "time-to-first-byte",
    "origin-fbl",
    "origin-lbl",
    "x-edge-result-type",
    "x-edge-response-result-type",
    "x-edge-detailed-result-type",
    "cache-behavior-path-pattern",
    "ssl-protocol",
    "c-country",
  ]

  validation {
    condition = length(var.realtime_log_fields) >= 1 && length(distinct(var.realtime_log_fields)) == length(var.realtime_log_fields) && alltrue([
      for f in var.realtime_log_fields : can(regex("^cmcd-[a-z-]+$", f)) || contains([
        "timestamp", "c-ip", "time-to-first-byte", "sc-status", "sc-bytes", "cs-method", "cs-protocol", "cs-host",
        "cs-uri-stem", "cs-bytes", "x-edge-location", "x-edge-request-id", "x-host-header", "time-taken",
        "cs-protocol-version", "c-ip-version", "cs-user-agent", "cs-referer", "cs-cookie", "cs-uri-query",
        "x-edge-response-result-type", "x-forwarded-for", "ssl-protocol", "ssl-cipher", "x-edge-result-type",
        "fle-encrypted-fields", "fle-status", "sc-content-type", "sc-content-len", "sc-range-start", "sc-range-end",
        "c-port", "x-edge-detailed-result-type", "c-country", "cs-accept-encoding", "cs-accept",
        "cache-behavior-path-pattern", "cs-headers", "cs-header-names", "cs-headers-count",
        "primary-distribution-id", "primary-distribution-dns-name", "origin-fbl", "origin-lbl", "asn",
      ], f)
    ])
    error_message = "realtime_log_fields must be distinct CloudFront real-time log fields: timestamp, c-ip, time-to-first-byte, sc-status, sc-bytes, cs-method, cs-protocol, cs-host, cs-uri-stem, cs-bytes, x-edge-location, x-edge-request-id, x-host-header, time-taken, cs-protocol-version, c-ip-version, cs-user-agent, cs-referer, cs-cookie, cs-uri-query, x-edge-response-result-type, x-forwarded-for, ssl-protocol, ssl-cipher, x-edge-result-type, fle-encrypted-fields, fle-status, sc-content-type, sc-content-len, sc-range-start, sc-range-end, c-port, x-edge-detailed-result-type, c-country, cs-accept-encoding, cs-accept, cache-behavior-path-pattern, cs-headers, cs-header-names, cs-headers-count, primary-distribution-id, primary-distribution-dns-name, origin-fbl, origin-lbl, asn or cmcd-*."
  }
}

variable "realtime_log_stream_mode" {
  type        = string
  description = "Capacity mode of the Kinesis data stream: PROVISIONED (realtime_log_shard_count shards, about $11 a month each, 1 MB/s or 1,000 records/s per shard) or ON_DEMAND (about $29 a month plus $0.08 per GB, scales by itself)."
  default     = "PROVISIONED"

  validation {
    condition     = contains(["ON_DEMAND", "PROVISIONED"], var.realtime_log_stream_mode)
    error_message = "realtime_log_stream_mode must be ON_DEMAND or PROVISIONED."
  }
}

variable "realtime_log_shard_count" {
  type        = number
  description = "Shards of the Kinesis data stream when realtime_log_stream_mode is PROVISIONED (ignored with ON_DEMAND). One shard takes 1,000 records/s: enough for 10,000 requests/s at a 10 % sampling rate."
  default     = 1

  validation {
    condition     = var.realtime_log_shard_count >= 1 && var.realtime_log_shard_count <= 100 && floor(var.realtime_log_shard_count) == var.realtime_log_shard_count
    error_message = "realtime_log_shard_count must be a whole number between 1 and 100."
  }
}

variable "realtime_log_retention_hours" {
  type        = number
  description = "Hours the Kinesis data stream keeps records (24-8760); beyond 24 hours Kinesis charges extended retention."
  default     = 24

  validation {
    condition     = var.realtime_log_retention_hours >= 24 && var.realtime_log_retention_hours <= 8760 && floor(var.realtime_log_retention_hours) == var.realtime_log_retention_hours
    error_message = "realtime_log_retention_hours must be a whole number of hours between 24 and 8760."
  }
}

variable "realtime_log_kms_key_arn" {
  type        = string
  description = "ARN of the customer-managed KMS key (same region as the stream) that encrypts the Kinesis data stream; required when enable_realtime_logs is true. The key policy must let the account's IAM policies use it through Kinesis (the CloudFront role gets kms:GenerateDataKey on it here)."
  default     = null

  validation {
    condition     = var.realtime_log_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.realtime_log_kms_key_arn))
    error_message = "realtime_log_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>; not an alias), or null."
  }

  validation {
    condition     = !var.enable_realtime_logs || var.realtime_log_kms_key_arn != null
    error_message = "realtime_log_kms_key_arn is required when enable_realtime_logs is true: the Kinesis data stream is always encrypted with a customer-managed key."
  }
}

# ---------------------------------------------------------------------------
# Standard logs (v2, CloudWatch Logs vended delivery to S3)
# ---------------------------------------------------------------------------

variable "enable_standard_logs" {
  type        = bool
  description = "Deliver the distribution's access logs (standard logging v2, through CloudWatch Logs vended delivery in us-east-1) to standard_logs_bucket_arn under standard_logs_prefix. Costs $0.25 per GB of logs delivered to S3 (plus S3 storage)."
  default     = false
}

variable "standard_logs_bucket_arn" {
  type        = string
  description = "ARN of the logs bucket (the storage module's logs_bucket_arn); required when enable_standard_logs is true. Its policy must allow delivery.logs.amazonaws.com to write under standard_logs_prefix (the storage module's enable_cloudfront_log_delivery)."
  default     = null

  validation {
    condition     = var.standard_logs_bucket_arn == null || can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.standard_logs_bucket_arn))
    error_message = "standard_logs_bucket_arn must be an S3 bucket ARN (arn:aws:s3:::<bucket>), or null."
  }

  validation {
    condition     = !var.enable_standard_logs || var.standard_logs_bucket_arn != null
    error_message = "standard_logs_bucket_arn is required when enable_standard_logs is true."
  }
}

variable "standard_logs_prefix" {
  type        = string
  description = "Key prefix of the access logs in the logs bucket, without leading or trailing slash (the storage module's bucket policy allows cloudfront)."
  default     = "cloudfront"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*$", var.standard_logs_prefix))
    error_message = "standard_logs_prefix must be an S3 key prefix without leading or trailing slash, e.g. cloudfront."
  }
}

variable "standard_logs_output_format" {
  type        = string
  description = "Format of the access log files in S3: w3c (the legacy CloudFront format), json, plain or parquet (parquet conversion costs extra)."
  default     = "w3c"

  validation {
    condition     = contains(["w3c", "json", "plain", "parquet"], var.standard_logs_output_format)
    error_message = "standard_logs_output_format must be one of: w3c, json, plain, parquet."
  }
}

# ---------------------------------------------------------------------------
# Edge functions
# ---------------------------------------------------------------------------

variable "edge_functions" {
  type = list(object({
    behavior     = string
    event_type   = string
    arn          = string
    kind         = string
    include_body = optional(bool, false)
  }))
  description = <<-EOT
    Lambda@Edge and CloudFront Function associations. behavior: default, api, static or webgl (static and webgl apply
    to every behaviour of that kind); event_type: viewer-request, viewer-response, origin-request or origin-response;
    kind: lambda (a published version ARN in us-east-1, arn:aws:lambda:us-east-1:<account>:function:<name>:<version>) or
    function (a CloudFront Function ARN, viewer events only); include_body: Lambda@Edge request events only. CloudFront
    allows one function per event type and behaviour, and no mix of Lambda@Edge and CloudFront Functions on viewer events.
  EOT
  default     = []

  validation {
    condition     = alltrue([for f in var.edge_functions : contains(["default", "api", "static", "webgl"], f.behavior)])
    error_message = "edge_functions behavior must be one of: default, api, static, webgl."
  }

  validation {
    condition     = alltrue([for f in var.edge_functions : contains(["viewer-request", "viewer-response", "origin-request", "origin-response"], f.event_type)])
    error_message = "edge_functions event_type must be one of: viewer-request, viewer-response, origin-request, origin-response."
  }

  validation {
    condition     = alltrue([for f in var.edge_functions : contains(["lambda", "function"], f.kind)])
    error_message = "edge_functions kind must be lambda (Lambda@Edge) or function (CloudFront Function)."
  }

  validation {
    condition     = alltrue([for f in var.edge_functions : f.kind != "function" || startswith(f.event_type, "viewer-")])
    error_message = "edge_functions of kind function (CloudFront Functions) only run on viewer-request and viewer-response events."
  }

  validation {
    condition     = alltrue([for f in var.edge_functions : f.kind != "lambda" || can(regex("^arn:aws[a-z-]*:lambda:us-east-1:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}:[0-9]+$", f.arn))])
    error_message = "edge_functions arn of kind lambda must be a published version ARN in us-east-1: arn:aws:lambda:us-east-1:<account>:function:<name>:<version> (no $LATEST, no alias)."
  }

  validation {
    condition     = alltrue([for f in var.edge_functions : f.kind != "function" || can(regex("^arn:aws[a-z-]*:cloudfront::[0-9]{12}:function/[A-Za-z0-9_-]{1,64}$", f.arn))])
    error_message = "edge_functions arn of kind function must be a CloudFront Function ARN: arn:aws:cloudfront::<account>:function/<name>."
  }

  validation {
    condition     = alltrue([for f in var.edge_functions : !f.include_body || (f.kind == "lambda" && contains(["viewer-request", "origin-request"], f.event_type))])
    error_message = "edge_functions include_body can only be true for Lambda@Edge on viewer-request or origin-request events."
  }

  validation {
    condition     = length(distinct([for f in var.edge_functions : "${f.behavior}/${f.event_type}"])) == length(var.edge_functions)
    error_message = "edge_functions must have at most one function per behavior and event_type."
  }

  validation {
    condition = alltrue([
      for b in ["default", "api", "static", "webgl"] :
      !(anytrue([for f in var.edge_functions : f.behavior == b && f.kind == "lambda" && startswith(f.event_type, "viewer-")]) && (anytrue([for f in var.edge_functions : f.behavior == b && f.kind == "function"]) || (b == "static" && var.enable_index_rewrite_function)))
    ])
    error_message = "edge_functions cannot mix Lambda@Edge and CloudFront Functions on the viewer events of one behavior (enable_index_rewrite_function puts a CloudFront Function on static viewer-request)."
  }

  validation {
    condition     = !var.enable_index_rewrite_function || !anytrue([for f in var.edge_functions : f.behavior == "static" && f.event_type == "viewer-request"])
    error_message = "edge_functions cannot have a static viewer-request function while enable_index_rewrite_function is true: that event already runs the index rewrite function."
  }

  # CloudFront Developer Guide, "Restrict access with VPC origins": VPC
  # origins do not support origin request and origin response triggers with
  # Lambda@Edge. The api and default behaviours go to the load balancer.
  validation {
    condition     = var.alb_vpc_origin == null || !anytrue([for f in var.edge_functions : f.kind == "lambda" && contains(["api", "default"], f.behavior) && startswith(f.event_type, "origin-")])
    error_message = "edge_functions cannot put Lambda@Edge on the origin-request or origin-response events of the api and default behaviours while the load balancer is a VPC origin (alb_vpc_origin): VPC origins do not support those triggers. Use a viewer event or a CloudFront Function."
  }

  validation {
    condition     = !var.enable_webgl_edge_function || !anytrue([for f in var.edge_functions : f.behavior == "webgl" && f.event_type == "origin-response"])
    error_message = "edge_functions cannot have a webgl origin-response function while enable_webgl_edge_function is true: that event already runs the module's WebGL Lambda@Edge function."
  }
}

variable "enable_index_rewrite_function" {
  type        = bool
  description = "Create a small CloudFront Function (cloudfront-js-2.0) that rewrites directory requests of the assets bucket (/docs/ and /docs to /docs/index.html) and attach it on viewer-request to the static behaviours whose pattern ends with /* (e.g. /static/*). $0.10 per million invocations."
  default     = false
}

variable "enable_webgl_edge_function" {
  type        = bool
  description = <<-EOT
    Create a Lambda@Edge function (Node.js, us-east-1, published) and run it on the origin responses of the WebGL
    behaviours: precompressed builds (<file>.br, <file>.gz: Unity's game.wasm.br, game.data.br, game.framework.js.br,
    game.symbols.json.br) get Content-Encoding br or gzip and the Content-Type of the file inside (application/wasm,
    application/octet-stream, application/javascript, ...), plain .wasm gets application/wasm; errors and other files are
    left alone. It runs on cache misses only ($0.60 per million plus duration). Needs webgl_edge_function_zip_path and
    a webgl_path_patterns entry that reaches the precompressed files (e.g. *.br and *.gz, or the build's folder such as
    /webgl/*), and takes the webgl origin-response event from edge_functions.
  EOT
  default     = false

  validation {
    condition     = !var.enable_webgl_edge_function || anytrue([for p in var.webgl_path_patterns : endswith(p, ".br") || endswith(p, ".gz") || endswith(p, "*")])
    error_message = "enable_webgl_edge_function needs a webgl_path_patterns entry that reaches precompressed files (ending in .br, .gz or *: e.g. *.br and *.gz, or /webgl/*); otherwise they go to another behaviour and the function never sees them."
  }
}

variable "webgl_edge_function_zip_path" {
  type        = string
  description = "Deployment package of the WebGL Lambda@Edge function: dist/edge-webgl.zip from `make lambda` (lambda/edge-webgl/index.js alone), relative to the root module's directory (e.g. \"$${path.root}/../../../dist/edge-webgl.zip\"). Required when enable_webgl_edge_function is true; build it before plan."
  default     = null

  validation {
    condition     = var.webgl_edge_function_zip_path == null ? !var.enable_webgl_edge_function : endswith(var.webgl_edge_function_zip_path, ".zip")
    error_message = "webgl_edge_function_zip_path is required when enable_webgl_edge_function is true and must end in .zip (dist/edge-webgl.zip from make lambda)."
  }
}

# ---------------------------------------------------------------------------
# Distribution
# ---------------------------------------------------------------------------

variable "price_class" {
  type        = string
  description = "CloudFront price class: PriceClass_100 (North America, Europe, Israel), PriceClass_200 (plus Asia, Middle East, Africa) or PriceClass_All. null: by environment, dev PriceClass_100, staging PriceClass_200, production PriceClass_All."
  default     = null

  validation {
    condition     = var.price_class == null || contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class must be one of: PriceClass_100, PriceClass_200, PriceClass_All (or null for the environment's default)."
  }
}

variable "web_acl_id" {
  type        = string
  description = "ARN of the WAFv2 web ACL of scope CLOUDFRONT (the security module's waf_cloudfront_web_acl_arn). Required in production; null (no WAF) is allowed in dev and staging, whose budgets have no WAF."
  default     = null

  validation {
    condition     = var.web_acl_id == null || can(regex("^arn:aws[a-z-]*:wafv2:us-east-1:[0-9]{12}:global/webacl/[A-Za-z0-9_-]{1,128}/[a-f0-9-]{36}$", var.web_acl_id))
    error_message = "web_acl_id must be the ARN of a CLOUDFRONT-scope WAFv2 web ACL (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>), or null."
  }

  validation {
    condition     = var.environment != "production" || var.web_acl_id != null
    error_message = "web_acl_id is required in production: the production distribution must sit behind the CLOUDFRONT-scope WAF web ACL."
  }
}

variable "aliases" {
  type        = list(string)
  description = "Alternate domain names (CNAMEs) of the distribution, e.g. [\"dev.candlefish.ai\"]; at least one, all covered by acm_certificate_arn. Viewers must use them: the TLS 1.2 minimum applies to these names only, the *.cloudfront.net name always uses CloudFront's default certificate."

  validation {
    condition     = length(var.aliases) >= 1 && length(var.aliases) <= 100 && length(distinct(var.aliases)) == length(var.aliases) && alltrue([for a in var.aliases : can(regex("^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", a)) && length(a) <= 253])
    error_message = "aliases must hold 1-100 distinct lowercase domain names (a leading *. wildcard is allowed), e.g. dev.candlefish.ai."
  }
}

variable "acm_certificate_arn" {
  type        = string
  description = "ARN of the ACM certificate, in us-east-1 (CloudFront's region), that covers every alias. Required in every environment: CloudFront's default certificate forces TLSv1, and the Candlefish TLS policy requires TLS 1.2 or newer (minimum_protocol_version TLSv1.2_2021, SNI)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[A-Za-z0-9-]+$", var.acm_certificate_arn))
    error_message = "acm_certificate_arn must be an ACM certificate ARN in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>): CloudFront only uses certificates from us-east-1."
  }
}

variable "geo_restriction" {
  type = object({
    restriction_type = optional(string, "none")
    locations        = optional(list(string), [])
  })
  description = "Geographic restriction: restriction_type none (default), whitelist or blacklist, and locations, ISO 3166-1 alpha-2 country codes (e.g. [\"US\", \"CA\"]); empty with none, at least one otherwise."
  default     = {}

  validation {
    condition     = try(contains(["none", "whitelist", "blacklist"], var.geo_restriction.restriction_type) && alltrue([for c in var.geo_restriction.locations : can(regex("^[A-Z]{2}$", c))]) && (var.geo_restriction.restriction_type == "none" ? length(var.geo_restriction.locations) == 0 : length(var.geo_restriction.locations) > 0), false)
    error_message = "geo_restriction.restriction_type must be none, whitelist or blacklist; locations must be ISO 3166-1 alpha-2 codes (e.g. US), empty with none and not empty otherwise."
  }
}

variable "custom_error_responses" {
  type = list(object({
    error_code            = number
    response_code         = optional(number)
    response_page_path    = optional(string)
    error_caching_min_ttl = optional(number)
  }))
  description = "Custom error responses, one per error_code (400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504): the page to serve (response_page_path, starting with /, with response_code) and how long CloudFront caches the error (error_caching_min_ttl, seconds). Empty: CloudFront's defaults."
  default     = []

  validation {
    condition     = alltrue([for r in var.custom_error_responses : contains([400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504], r.error_code)]) && length(distinct([for r in var.custom_error_responses : r.error_code])) == length(var.custom_error_responses)
    error_message = "custom_error_responses error_code must be distinct and one of: 400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504."
  }

  validation {
    condition     = alltrue([for r in var.custom_error_responses : (r.response_code == null) == (r.response_page_path == null) && (r.response_code == null || contains([200, 400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504], r.response_code)) && (r.response_page_path == null || try(startswith(r.response_page_path, "/") && length(r.response_page_path) <= 4096, false))])
    error_message = "custom_error_responses response_code and response_page_path go together: response_code one of 200, 400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504 and response_page_path starting with / (at most 4096 characters, e.g. /errors/404.html)."
  }

  validation {
    condition     = alltrue([for r in var.custom_error_responses : r.error_caching_min_ttl == null || try(r.error_caching_min_ttl >= 0 && r.error_caching_min_ttl <= 31536000 && floor(r.error_caching_min_ttl) == r.error_caching_min_ttl, false)])
    error_message = "custom_error_responses error_caching_min_ttl must be a whole number of seconds between 0 and 31536000, or null."
  }
}
