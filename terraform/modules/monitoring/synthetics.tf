# CloudWatch Synthetics canaries (enable_canaries; production): a heartbeat
# canary loads a page of var.canary_base_url in a browser, an API canary
# sends one HTTP request; each fails unless the expected status comes back.
#
# The two scripts below are zipped by the hashicorp/archive provider (a
# canary needs a zip, and Terraform cannot build one itself) and uploaded to
# the artifacts bucket; the canaries run the uploaded object's version, so a
# change of script updates them. The target URL, path, method and expected
# status are environment variables, so the zip is the same for every canary.
#
# Around the canaries: the artifacts bucket (versioned, SSE-KMS with a bucket
# key, no public access, TLS only, artifacts expire with the log retention),
# a least-privilege role, the log group of each canary's Lambda function
# (retention and KMS key of this module) and an alarm per canary.
#
# Cost: 0.0012 USD per run: rate(5 minutes) is about 10.40 USD a month per
# canary, rate(30 minutes) 1.75, rate(1 hour) 0.90, plus Lambda and S3.

locals {
  canaries_enabled = var.enable_canaries && length(var.canaries) > 0

  canaries = { for k, c in var.canaries : k => merge(c, {
    name = "${local.name_prefix}-${k}"
  }) if var.enable_canaries }

  canary_schedule = coalesce(var.canary_schedule_expression, {
    dev        = "rate(1 hour)"
    staging    = "rate(30 minutes)"
    production = "rate(5 minutes)"
  }[var.environment])

  # Alarm period = the interval between runs; cron schedules are watched
  # hourly and a missing run is not an alarm by itself.
  canary_is_rate = startswith(local.canary_schedule, "rate(")
  canary_interval_minutes = (
    can(regex("^rate\\(([0-9]+) minutes?\\)$", local.canary_schedule))
    ? tonumber(regex("^rate\\(([0-9]+) minutes?\\)$", local.canary_schedule)[0])
    : 60
  )
  canary_period_seconds = local.canary_interval_minutes * 60

  # Runs, screenshots and HAR files are kept as long as the logs (at most 455
  # days, the Synthetics maximum).
  canary_retention_days = min(local.log_retention_days, 455)

  canary_bucket_name = "${local.name_prefix}-canary-artifacts-${local.account_id}"
  canary_code_key    = "code/canaries.zip"

  # Node.js Puppeteer runtimes 13.1 and later name the library
  # @aws/synthetics-puppeteer; older ones Synthetics. The scripts load either.
  canary_library = <<-EOT
    let synthetics;
    let log;
    try {
      synthetics = require('@aws/synthetics-puppeteer');
      log = require('@aws/synthetics-logger');
    } catch (e) {
      synthetics = require('Synthetics');
      log = require('SyntheticsLogger');
    }
  EOT

  canary_heartbeat_script = <<-EOT
    // Heartbeat: loads TARGET_URL + CANARY_PATH in the browser and fails
    // unless the page answers EXPECTED_STATUS.
    ${local.canary_library}
    const heartbeat = async function () {
      const url = new URL(process.env.CANARY_PATH || '/', process.env.TARGET_URL).toString();
      const expected = parseInt(process.env.EXPECTED_STATUS || '200', 10);
      const page = await synthetics.getPage();
      await synthetics.executeStep('load', async function () {
        const response = await page.goto(url, { waitUntil: ['domcontentloaded'], timeout: 30000 });
        if (!response) {
          throw new Error('no response from ' + url);
        }
        log.info('GET ' + url + ' answered ' + response.status());
        if (response.status() !== expected) {
          throw new Error('GET ' + url + ' answered ' + response.status() + ', expected ' + expected);
        }
      });
    };

    exports.handler = async () => {
      return await heartbeat();
    };
  EOT

  canary_api_script = <<-EOT
    // API check: sends CANARY_METHOD to TARGET_URL + CANARY_PATH and fails
    // unless the response has EXPECTED_STATUS.
    ${local.canary_library}
    const apiCheck = async function () {
      const target = new URL(process.env.CANARY_PATH || '/', process.env.TARGET_URL);
      const expected = parseInt(process.env.EXPECTED_STATUS || '200', 10);
      const requestOptions = {
        hostname: target.hostname,
        method: process.env.CANARY_METHOD || 'GET',
        path: target.pathname + target.search,
        port: target.port || 443,
        protocol: 'https:',
        body: '',
        headers: {
          'User-Agent': typeof synthetics.getCanaryUserAgentString === 'function' ? synthetics.getCanaryUserAgentString() : 'CloudWatchSynthetics',
        },
      };
      const validate = async function (res) {
        return new Promise(function (resolve, reject) {
          if (res.statusCode !== expected) {
            reject(new Error(requestOptions.method + ' ' + target.toString() + ' answered ' + res.statusCode + ', expected ' + expected));
            return;
          }
          res.on('data', function () {});
          res.on('end', function () {
            resolve();
          });
        });
      };
      await synthetics.executeHttpStep('request', requestOptions, validate, {
        includeRequestHeaders: false,
        includeResponseHeaders: true,
        includeRequestBody: false,
        includeResponseBody: false,
        continueOnHttpStepFailure: false,
      });
    };

    exports.handler = async () => {
      return await apiCheck();
    };
  EOT
}

################################################################################
# Code
################################################################################

# The hashicorp/archive provider writes the zip under the root module's
# .terraform directory (ignored by git) when Terraform plans.
data "archive_file" "canary" {
  count = local.canaries_enabled ? 1 : 0

  type             = "zip"
  output_path      = "${path.root}/.terraform/tmp/${local.name_prefix}-canaries.zip"
  output_file_mode = "0644"

  source {
    content  = local.canary_heartbeat_script
    filename = "nodejs/node_modules/heartbeat.js"
  }

  source {
    content  = local.canary_api_script
    filename = "nodejs/node_modules/api.js"
  }
}

resource "aws_s3_object" "canary_code" {
  count = local.canaries_enabled ? 1 : 0

  bucket                 = aws_s3_bucket.canary_artifacts[0].id
  key                    = local.canary_code_key
  source                 = data.archive_file.canary[0].output_path
  source_hash            = data.archive_file.canary[0].output_base64sha256
  server_side_encryption = "aws:kms"
  kms_key_id             = var.artifacts_kms_key_arn
  bucket_key_enabled     = true

  tags = var.tags

  depends_on = [
    aws_s3_bucket_versioning.canary_artifacts,
    aws_s3_bucket_server_side_encryption_configuration.canary_artifacts,
  ]
}

################################################################################
# Artifacts bucket
################################################################################

# Canary artifacts are disposable run evidence: the bucket may be destroyed
# with its objects.
resource "aws_s3_bucket" "canary_artifacts" {
  count = local.canaries_enabled ? 1 : 0

  bucket        = local.canary_bucket_name
  force_destroy = true

  tags = var.tags
}

resource "aws_s3_bucket_ownership_controls" "canary_artifacts" {
  count = local.canaries_enabled ? 1 : 0

  bucket = aws_s3_bucket.canary_artifacts[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "canary_artifacts" {
  count = local.canaries_enabled ? 1 : 0

  bucket                  = aws_s3_bucket.canary_artifacts[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "canary_artifacts" {
  count = local.canaries_enabled ? 1 : 0

  bucket = aws_s3_bucket.canary_artifacts[0].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "canary_artifacts" {
  count = local.canaries_enabled ? 1 : 0

  bucket = aws_s3_bucket.canary_artifacts[0].id

  rule {
    bucket_key_enabled = true

    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.artifacts_kms_key_arn
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "canary_artifacts" {
  count = local.canaries_enabled ? 1 : 0

  bucket = aws_s3_bucket.canary_artifacts[0].id

  rule {
    id     = "expire-artifacts"
    status = "Enabled"

    filter {
      prefix = "canary/"
    }

    expiration {
      days = local.canary_retention_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 1
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  rule {
    id     = "expire-old-code"
    status = "Enabled"

    filter {
      prefix = "code/"
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.canary_artifacts]
}

data "aws_iam_policy_document" "canary_artifacts_bucket" {
  count = local.canaries_enabled ? 1 : 0

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.canary_artifacts[0].arn,
      "${aws_s3_bucket.canary_artifacts[0].arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "canary_artifacts" {
  count = local.canaries_enabled ? 1 : 0

  bucket = aws_s3_bucket.canary_artifacts[0].id
  policy = data.aws_iam_policy_document.canary_artifacts_bucket[0].json

  depends_on = [aws_s3_bucket_public_access_block.canary_artifacts]
}

################################################################################
# Role
################################################################################

data "aws_iam_policy_document" "canary_assume" {
  count = local.canaries_enabled ? 1 : 0

  statement {
    sid     = "LambdaRunsTheCanaries"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "canary" {
  count = local.canaries_enabled ? 1 : 0

  name               = "${local.name_prefix}-canary"
  description        = "Runs the ${local.name_prefix} Synthetics canaries."
  assume_role_policy = data.aws_iam_policy_document.canary_assume[0].json

  tags = var.tags
}

# Least privilege: the canaries' own prefix of the artifacts bucket, the
# artifacts key through S3, the log groups of their own Lambda functions
# (cwsyn-<canary name>-<id>; Synthetics keeps the first 21 characters of the
# name), and metrics in the CloudWatchSynthetics namespace only.
data "aws_iam_policy_document" "canary" {
  count = local.canaries_enabled ? 1 : 0

  statement {
    sid       = "WriteArtifacts"
    effect    = "Allow"
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["${aws_s3_bucket.canary_artifacts[0].arn}/canary/*"]
  }

  statement {
    sid       = "LocateArtifactsBucket"
    effect    = "Allow"
    actions   = ["s3:GetBucketLocation"]
    resources = [aws_s3_bucket.canary_artifacts[0].arn]
  }

  statement {
    sid       = "EncryptArtifacts"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.artifacts_kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${data.aws_region.current.region}.amazonaws.com"]
    }
  }

  statement {
    sid     = "WriteOwnLogs"
    effect  = "Allow"
    actions = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [for c in values(local.canaries) :
      "arn:${local.partition}:logs:${data.aws_region.current.region}:${local.account_id}:log-group:/aws/lambda/cwsyn-${substr(c.name, 0, 21)}*"
    ]
  }

  # PutMetricData has no resource-level permissions: the namespace condition
  # is what limits it.
  statement {
    sid       = "PublishCanaryMetrics"
    effect    = "Allow"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["CloudWatchSynthetics"]
    }
  }
}

resource "aws_iam_role_policy" "canary" {
  count = local.canaries_enabled ? 1 : 0

  name   = "canary"
  role   = aws_iam_role.canary[0].id
  policy = data.aws_iam_policy_document.canary[0].json
}

################################################################################
# Canaries, their log groups and alarms
################################################################################

resource "aws_synthetics_canary" "this" {
  for_each = local.canaries

  name                 = each.value.name
  artifact_s3_location = "s3://${aws_s3_bucket.canary_artifacts[0].id}/canary/${each.key}"
  execution_role_arn   = aws_iam_role.canary[0].arn
  runtime_version      = var.canary_runtime_version
  handler              = "${each.value.type}.handler"

  s3_bucket  = aws_s3_object.canary_code[0].bucket
  s3_key     = aws_s3_object.canary_code[0].key
  s3_version = aws_s3_object.canary_code[0].version_id

  start_canary             = true
  delete_lambda            = true
  success_retention_period = local.canary_retention_days
  failure_retention_period = local.canary_retention_days

  schedule {
    expression = local.canary_schedule
  }

  run_config {
    timeout_in_seconds = min(60, local.canary_period_seconds)
    active_tracing     = false
    environment_variables = {
      TARGET_URL      = var.canary_base_url
      CANARY_PATH     = each.value.path
      CANARY_METHOD   = each.value.method
      EXPECTED_STATUS = tostring(each.value.expected_status)
    }
  }

  artifact_config {
    s3_encryption {
      encryption_mode = "SSE_KMS"
      kms_key_arn     = var.artifacts_kms_key_arn
    }
  }

  tags = var.tags

  depends_on = [
    aws_iam_role_policy.canary,
    aws_s3_bucket_policy.canary_artifacts,
    aws_s3_bucket_lifecycle_configuration.canary_artifacts,
    aws_s3_bucket_ownership_controls.canary_artifacts,
  ]
}

# The log group of each canary's Lambda function (cwsyn-<name>-<id>, known
# once the canary exists), with this module's retention and KMS key. The
# role cannot create log groups, so this is the only one the canary writes to.
resource "aws_cloudwatch_log_group" "canary" {
  for_each = local.canaries

  name              = "/aws/lambda/${element(split(":", aws_synthetics_canary.this[each.key].engine_arn), 6)}"
  retention_in_days = local.log_retention_days
  kms_key_id        = var.logs_kms_key_arn

  tags = var.tags
}

# One alarm per canary: any failed run (SuccessPercent below 100) for
# canary_alarm_evaluation_periods runs in a row. A canary that stops running
# is an alarm too (missing data breaches) on rate schedules.
resource "aws_cloudwatch_metric_alarm" "canary" {
  for_each = local.canaries

  alarm_name          = "${local.name_prefix}-canary-${each.key}"
  alarm_description   = "Canary ${each.value.name} (${each.value.type} ${each.value.method} ${each.value.path}): a run failed in each of the last ${var.canary_alarm_evaluation_periods} periods."
  namespace           = "CloudWatchSynthetics"
  metric_name         = "SuccessPercent"
  dimensions          = { CanaryName = each.value.name }
  statistic           = "Average"
  period              = local.canary_period_seconds
  evaluation_periods  = var.canary_alarm_evaluation_periods
  datapoints_to_alarm = var.canary_alarm_evaluation_periods
  comparison_operator = "LessThanThreshold"
  threshold           = 100
  treat_missing_data  = local.canary_is_rate ? "breaching" : "missing"

  alarm_actions = local.alarm_topic_arns["critical"]
  ok_actions    = local.alarm_topic_arns["critical"]

  tags = merge(var.tags, { Severity = "critical" })
}
