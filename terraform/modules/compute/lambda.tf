# Go Lambda functions (provided.al2023, arm64, X-Ray active tracing) from
# var.lambda_functions, each with its own KMS-encrypted log group and, unless
# lambda_role_arns names one, its own least-privilege execution role. The blue/green
# lifecycle hook (blue_green.hook_function, e.g. deploycheck) gets TEST_URL
# and HEALTH_PATH pointing at the test listener.

locals {
  lambda_roles_created = { for k, f in var.lambda_functions : k => f if !contains(keys(var.lambda_role_arns), k) }

  lambda_environment = {
    for k, f in var.lambda_functions : k => merge(
      k == var.blue_green.hook_function ? local.hook_environment : {},
      f.environment,
    )
  }
}

resource "aws_cloudwatch_log_group" "lambda" {
  for_each = var.lambda_functions

  name              = "/aws/lambda/${local.lambda_function_names[each.key]}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_kms_key_arn

  tags = var.tags
}

data "aws_iam_policy_document" "lambda_assume_role" {
  count = length(local.lambda_roles_created) > 0 ? 1 : 0

  statement {
    sid     = "AllowLambdaAssumeRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "lambda" {
  for_each = local.lambda_roles_created

  name               = "${local.lambda_function_names[each.key]}-lambda"
  description        = "Execution role of the Lambda function ${local.lambda_function_names[each.key]}."
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role[0].json

  tags = var.tags
}

data "aws_iam_policy_document" "lambda" {
  for_each = local.lambda_roles_created

  # Its own log group only (the group is created here, so no CreateLogGroup).
  statement {
    sid    = "WriteOwnLogGroup"
    effect = "Allow"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = ["${aws_cloudwatch_log_group.lambda[each.key].arn}:*"]
  }

  # X-Ray has no resource-level permissions for these actions.
  statement {
    sid    = "WriteXRayTraces"
    effect = "Allow"
    actions = [
      "xray:PutTelemetryRecords",
      "xray:PutTraceSegments",
    ]
    resources = ["*"]
  }

  # Functions in a VPC manage their network interfaces (the actions of
  # AWSLambdaVPCAccessExecutionRole, which EC2 does not scope to resources).
  dynamic "statement" {
    for_each = each.value.vpc ? ["vpc"] : []

    content {
      sid    = "ManageVpcNetworkInterfaces"
      effect = "Allow"
      actions = [
        "ec2:AssignPrivateIpAddresses",
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets",
        "ec2:UnassignPrivateIpAddresses",
      ]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = { for i, s in each.value.policy_statements : tostring(i) => s }

    content {
      sid       = statement.value.sid
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role_policy" "lambda" {
  for_each = local.lambda_roles_created

  name   = "lambda-execution"
  role   = aws_iam_role.lambda[each.key].id
  policy = data.aws_iam_policy_document.lambda[each.key].json
}

resource "aws_lambda_function" "this" {
  for_each = var.lambda_functions

  function_name                  = local.lambda_function_names[each.key]
  description                    = each.value.description
  role                           = try(var.lambda_role_arns[each.key], aws_iam_role.lambda[each.key].arn)
  filename                       = each.value.zip_path
  source_code_hash               = filebase64sha256(each.value.zip_path)
  handler                        = each.value.handler
  runtime                        = "provided.al2023"
  architectures                  = ["arm64"]
  memory_size                    = each.value.memory
  timeout                        = each.value.timeout
  reserved_concurrent_executions = each.value.reserved_concurrency

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.lambda[each.key].name
  }

  dynamic "environment" {
    for_each = length(local.lambda_environment[each.key]) > 0 ? ["environment"] : []

    content {
      variables = local.lambda_environment[each.key]
    }
  }

  dynamic "vpc_config" {
    for_each = each.value.vpc ? ["vpc"] : []

    content {
      subnet_ids         = values(var.private_subnet_ids)
      security_group_ids = var.lambda_security_group_ids
    }
  }

  tags = var.tags

  depends_on = [
    aws_cloudwatch_log_group.lambda,
    aws_iam_role_policy.lambda,
  ]
}
