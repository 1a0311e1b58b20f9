# Optional Lambda@Edge function on the origin responses of the WebGL
# behaviours (enable_webgl_edge_function): precompressed builds
# (game.wasm.br, game.data.gz, game.framework.js.br, ...) get the
# Content-Encoding of their suffix and the Content-Type of the file inside
# (application/wasm, application/octet-stream, application/javascript), and
# plain .wasm gets application/wasm. Origin responses run on cache misses
# only, and CloudFront caches what the function returns.
#
# The code is lambda/edge-webgl/index.js (Node.js: Lambda@Edge has no custom
# runtimes, so no Go), zipped by `make lambda` into dist/edge-webgl.zip and
# passed as webgl_edge_function_zip_path. Lambda@Edge functions live in
# us-east-1 whatever the provider's region; CloudFront runs replicas in the
# regional edge caches, which write their logs to /aws/lambda/us-east-1.<name>
# in the region that ran them.

locals {
  webgl_edge_function_name = "${local.name_prefix}-webgl-edge"

  # Every region's log group of the function's replicas.
  webgl_edge_log_group_arn = "arn:${local.partition}:logs:*:${local.account_id}:log-group:/aws/lambda/us-east-1.${local.webgl_edge_function_name}"
}

data "aws_iam_policy_document" "webgl_edge_assume" {
  count = var.enable_webgl_edge_function ? 1 : 0

  statement {
    sid     = "LambdaAndLambdaAtEdgeAssumeTheRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com", "edgelambda.amazonaws.com"]
    }
  }
}

# Logs only: the function reads nothing and calls no AWS API. The replicas
# create their log group in each region on first use.
data "aws_iam_policy_document" "webgl_edge" {
  count = var.enable_webgl_edge_function ? 1 : 0

  statement {
    sid       = "CreateOwnLogGroups"
    effect    = "Allow"
    actions   = ["logs:CreateLogGroup"]
    resources = [local.webgl_edge_log_group_arn]
  }

  statement {
    sid    = "WriteOwnLogStreams"
    effect = "Allow"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = ["${local.webgl_edge_log_group_arn}:*"]
  }
}

resource "aws_iam_role" "webgl_edge" {
  count = var.enable_webgl_edge_function ? 1 : 0

  name               = "${local.webgl_edge_function_name}-lambda"
  description        = "Execution role of the Lambda@Edge function ${local.webgl_edge_function_name} (WebGL response headers)."
  assume_role_policy = data.aws_iam_policy_document.webgl_edge_assume[0].json

  tags = var.tags
}

resource "aws_iam_role_policy" "webgl_edge" {
  count = var.enable_webgl_edge_function ? 1 : 0

  name   = "lambda-edge-logs"
  role   = aws_iam_role.webgl_edge[0].id
  policy = data.aws_iam_policy_document.webgl_edge[0].json
}

# Lambda@Edge supports neither X-Ray active tracing, environment variables
# (so no KMS key for them), dead-letter queues, VPCs nor arm64: the function
# is x86_64, PassThrough tracing, no environment, no DLQ.
#trivy:ignore:AWS-0066 Lambda@Edge does not support X-Ray active tracing; CloudFront's own metrics and the replicas' logs cover the function.
resource "aws_lambda_function" "webgl_edge" {
  count = var.enable_webgl_edge_function ? 1 : 0

  region           = "us-east-1"
  function_name    = local.webgl_edge_function_name
  description      = "Lambda@Edge (origin-response, WebGL behaviours of ${local.name_prefix}): Content-Encoding and Content-Type of precompressed WebGL builds"
  role             = aws_iam_role.webgl_edge[0].arn
  filename         = var.webgl_edge_function_zip_path
  source_code_hash = filebase64sha256(var.webgl_edge_function_zip_path)
  handler          = "index.handler"
  runtime          = "nodejs22.x"
  architectures    = ["x86_64"]
  memory_size      = 128
  timeout          = 5
  # CloudFront takes published, numbered versions only (qualified_arn).
  publish = true

  tracing_config {
    mode = "PassThrough"
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.webgl_edge]
}
