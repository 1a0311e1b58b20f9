# Every feature of the CDN module, as production uses it: PriceClass_All, the
# internal load balancers behind VPC origins (the primary and a standby), the
# CLOUDFRONT-scope WAF web ACL, real-time logs to a Kinesis data stream
# encrypted with the KMS key below, access logs to the logs bucket, edge
# functions on three behaviour kinds, the index rewrite function and the
# module's WebGL Lambda@Edge function (dist/edge-webgl.zip). The load
# balancer, the assets and logs buckets, the certificate, the WAF web ACL,
# the origin header secret and the edge functions are placeholders from
# terraform.tfvars (the other modules create them in the environments).

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "Candlefish"
      Environment = var.environment
      CostCenter  = "Engineering"
      Owner       = "DevOps"
    }
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_root_arn = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"
  create_kms_key   = var.enable_realtime_logs && var.create_realtime_log_kms_key
}

# The Kinesis key (the security module's, in the environments): the account
# administers it, and its principals may use it only through Kinesis, when
# their IAM policies allow it (the module's CloudFront role does).
data "aws_iam_policy_document" "kinesis_key" {
  count = local.create_kms_key ? 1 : 0

  statement {
    sid    = "AccountAdministersTheKey"
    effect = "Allow"
    actions = [
      "kms:CancelKeyDeletion",
      "kms:CreateAlias",
      "kms:DeleteAlias",
      "kms:DescribeKey",
      "kms:DisableKey",
      "kms:EnableKey",
      "kms:EnableKeyRotation",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListAliases",
      "kms:ListGrants",
      "kms:ListKeyPolicies",
      "kms:ListResourceTags",
      "kms:PutKeyPolicy",
      "kms:RevokeGrant",
      "kms:ScheduleKeyDeletion",
      "kms:TagResource",
      "kms:UntagResource",
      "kms:UpdateAlias",
      "kms:UpdateKeyDescription",
    ]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }
  }

  statement {
    sid    = "AccountUsesTheKeyThroughKinesis"
    effect = "Allow"
    actions = [
      "kms:Decrypt",
      "kms:DescribeKey",
      "kms:Encrypt",
      "kms:GenerateDataKey*",
      "kms:ReEncrypt*",
    ]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["kinesis.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_kms_key" "kinesis" {
  count = local.create_kms_key ? 1 : 0

  description             = "${var.project}-${var.environment} CloudFront real-time logs (Kinesis)"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_in_days
  policy                  = data.aws_iam_policy_document.kinesis_key[0].json
}

resource "aws_kms_alias" "kinesis" {
  count = local.create_kms_key ? 1 : 0

  name          = "alias/${var.project}-${var.environment}-cloudfront-realtime-logs"
  target_key_id = aws_kms_key.kinesis[0].key_id
}

module "cdn" {
  source = "../.."

  project     = var.project
  environment = var.environment
  tags        = var.tags

  alb_domain_name                    = var.alb_domain_name
  alb_vpc_origin_domain_names        = var.alb_vpc_origin_domain_names
  alb_vpc_origin_arns                = var.alb_vpc_origin_arns
  alb_vpc_origin                     = var.alb_vpc_origin
  origin_verify_header_name          = var.origin_verify_header_name
  origin_verify_secret_arn           = var.origin_verify_secret_arn
  assets_bucket_regional_domain_name = var.assets_bucket_regional_domain_name

  api_path_patterns    = var.api_path_patterns
  webgl_path_patterns  = var.webgl_path_patterns
  static_path_patterns = var.static_path_patterns
  webgl_cache_ttl      = var.webgl_cache_ttl

  hsts_max_age_seconds        = var.hsts_max_age_seconds
  content_security_policy     = var.content_security_policy
  server_timing_sampling_rate = var.server_timing_sampling_rate

  enable_realtime_logs         = var.enable_realtime_logs
  realtime_log_sampling_rate   = var.realtime_log_sampling_rate
  realtime_log_fields          = var.realtime_log_fields
  realtime_log_stream_mode     = var.realtime_log_stream_mode
  realtime_log_shard_count     = var.realtime_log_shard_count
  realtime_log_retention_hours = var.realtime_log_retention_hours
  realtime_log_kms_key_arn     = local.create_kms_key ? aws_kms_key.kinesis[0].arn : var.realtime_log_kms_key_arn

  enable_standard_logs        = var.enable_standard_logs
  standard_logs_bucket_arn    = var.standard_logs_bucket_arn
  standard_logs_prefix        = var.standard_logs_prefix
  standard_logs_output_format = var.standard_logs_output_format

  edge_functions                = var.edge_functions
  enable_index_rewrite_function = var.enable_index_rewrite_function
  enable_webgl_edge_function    = var.enable_webgl_edge_function
  webgl_edge_function_zip_path  = var.webgl_edge_function_zip_path

  price_class            = var.price_class
  web_acl_id             = var.web_acl_id
  aliases                = var.aliases
  acm_certificate_arn    = var.acm_certificate_arn
  geo_restriction        = var.geo_restriction
  custom_error_responses = var.custom_error_responses
}
