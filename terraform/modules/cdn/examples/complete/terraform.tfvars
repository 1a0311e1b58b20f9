# Production-like: PriceClass_All, WAF, real-time logs on (PROVISIONED, one
# shard, 10 % sampling), access logs, edge functions and the module's WebGL
# Lambda@Edge function. ARNs and names are placeholders for what the other
# modules create.
region      = "us-east-1"
project     = "candlefish"
environment = "production"
tags        = {}

# Internal load balancers behind VPC origins, as production runs them: the
# primary and the us-west-2 standby (a failover sets alb_vpc_origin =
# "standby"). Each is reached by the name its certificate covers.
alb_domain_name = null
alb_vpc_origin_domain_names = {
  primary = "origin.candlefish.ai"
  standby = "origin-us-west-2.candlefish.ai"
}
alb_vpc_origin_arns = {
  primary = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/candlefish-production/0123456789abcdef"
  standby = "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/candlefish-production-us-west-2/fedcba9876543210"
}
alb_vpc_origin = "primary"

origin_verify_header_name          = "X-Origin-Verify"
origin_verify_secret_arn           = "arn:aws:secretsmanager:us-east-1:123456789012:secret:candlefish/production/origin-verify-Ab12Cd"
assets_bucket_regional_domain_name = "candlefish-production-assets.s3.us-east-1.amazonaws.com"

api_path_patterns    = ["/api/*"]
webgl_path_patterns  = ["*.wasm", "*.data", "*.glb", "*.gltf", "*.bin", "*.ktx2", "*.basis", "*.drc", "*.br", "*.gz"]
static_path_patterns = ["/static/*", "*.js", "*.css"]
webgl_cache_ttl = {
  min     = 1
  default = 2592000
  max     = 31536000
}

hsts_max_age_seconds        = 63072000
content_security_policy     = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests"
server_timing_sampling_rate = 10

enable_realtime_logs       = true
realtime_log_sampling_rate = 10
realtime_log_fields = [
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
realtime_log_stream_mode     = "PROVISIONED"
realtime_log_shard_count     = 1
realtime_log_retention_hours = 24
create_realtime_log_kms_key  = true
realtime_log_kms_key_arn     = null
kms_deletion_window_in_days  = 30

enable_standard_logs        = true
standard_logs_bucket_arn    = "arn:aws:s3:::candlefish-production-logs"
standard_logs_prefix        = "cloudfront"
standard_logs_output_format = "w3c"

edge_functions = [
  {
    behavior   = "default"
    event_type = "viewer-request"
    kind       = "function"
    arn        = "arn:aws:cloudfront::123456789012:function/candlefish-production-request-id"
  },
  # Viewer-request: VPC origins do not run Lambda@Edge origin-request or
  # origin-response triggers.
  {
    behavior     = "api"
    event_type   = "viewer-request"
    kind         = "lambda"
    arn          = "arn:aws:lambda:us-east-1:123456789012:function:candlefish-production-edge-auth:7"
    include_body = true
  },
]
enable_index_rewrite_function = true

# The module's Lambda@Edge function on the WebGL origin responses
# (precompressed Unity builds: *.br and *.gz above); `make lambda` builds the
# zip.
enable_webgl_edge_function   = true
webgl_edge_function_zip_path = "../../../../../dist/edge-webgl.zip"

price_class         = "PriceClass_All"
web_acl_id          = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/candlefish-production-cloudfront/12345678-1234-1234-1234-123456789012"
aliases             = ["candlefish.ai", "www.candlefish.ai"]
acm_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
geo_restriction = {
  restriction_type = "none"
  locations        = []
}
custom_error_responses = [
  {
    error_code            = 502
    response_code         = 502
    response_page_path    = "/static/errors/5xx.html"
    error_caching_min_ttl = 10
  },
  {
    error_code            = 503
    response_code         = 503
    response_page_path    = "/static/errors/5xx.html"
    error_caching_min_ttl = 10
  },
  {
    error_code            = 504
    response_code         = 504
    response_page_path    = "/static/errors/5xx.html"
    error_caching_min_ttl = 10
  },
]
