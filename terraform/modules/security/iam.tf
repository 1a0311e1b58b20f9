# IAM roles of the application: the ECS task-execution role (what ECS itself
# needs to start a task), the ECS task role (what the application may do) and
# one role per Lambda function. Every permission names its resources by ARN,
# built from names given as inputs; "*" appears only for actions that AWS
# does not scope to resources (ecr:GetAuthorizationToken, X-Ray writes,
# Lambda's network interfaces).

locals {
  arn_prefix_logs = "arn:${local.partition}:logs:${local.region}:${local.account_id}"

  ecr_repository_names = length(var.ecr_repository_names) > 0 ? var.ecr_repository_names : ["${var.project}-*", "${var.project}/*"]
  ecs_log_group_names  = length(var.ecs_log_group_names) > 0 ? var.ecs_log_group_names : ["/ecs/${join("-", compact([var.project, var.environment, var.name_suffix]))}/*"]

  # Secrets ECS injects into containers, and secrets the application reads.
  execution_secret_arns = concat([for name, s in aws_secretsmanager_secret.this : s.arn], var.ecs_execution_secret_arns)
  task_secret_arns      = concat([for name, s in aws_secretsmanager_secret.this : s.arn if var.secrets[name].read_by_task_role], var.ecs_task_secret_arns)

  # Lengths only (known at plan time even when the ARNs are not).
  has_execution_secrets = length(var.secrets) + length(var.ecs_execution_secret_arns) > 0
  has_task_secrets      = length([for s in var.secrets : s if s.read_by_task_role]) + length(var.ecs_task_secret_arns) > 0
  has_task_policy       = length(var.s3_bucket_names) + length(var.dynamodb_table_names) + length(var.ecs_task_kms_key_arns) > 0 || local.has_task_secrets

  s3_bucket_arns       = [for b in var.s3_bucket_names : "arn:${local.partition}:s3:::${b}"]
  dynamodb_table_arns  = [for t in var.dynamodb_table_names : "arn:${local.partition}:dynamodb:${local.region}:${local.account_id}:table/${t}"]
  lambda_function_name = { for k, f in var.lambda_functions : k => coalesce(f.function_name, "${local.name_prefix}-${k}") }
}

# ECS assumes both roles, only for tasks of this account and region.
data "aws_iam_policy_document" "ecs_tasks_assume_role" {
  statement {
    sid     = "AllowEcsTasksAssumeRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:ecs:${local.region}:${local.account_id}:*"]
    }
  }
}

################################################################################
# ECS task-execution role
################################################################################

resource "aws_iam_role" "ecs_task_execution" {
  count = var.enable_ecs_roles ? 1 : 0

  name               = "${local.name_prefix}-ecs-task-execution${local.global_name_suffix}"
  description        = "ECS pulls images, writes container logs and injects secrets for ${local.name_prefix} tasks${var.name_suffix == "" ? "" : " in ${local.region}"}."
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume_role.json

  tags = var.tags
}

data "aws_iam_policy_document" "ecs_task_execution" {
  # ECR authorization tokens are account-wide: AWS has no resource for them.
  statement {
    sid       = "GetEcrAuthorizationToken"
    effect    = "Allow"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid    = "PullImagesFromNamedRepositories"
    effect = "Allow"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
    ]
    resources = [for r in local.ecr_repository_names : "arn:${local.partition}:ecr:${local.region}:${local.account_id}:repository/${r}"]
  }

  statement {
    sid    = "WriteContainerLogsToNamedLogGroups"
    effect = "Allow"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = [for g in local.ecs_log_group_names : "${local.arn_prefix_logs}:log-group:${g}:*"]
  }

  dynamic "statement" {
    for_each = local.has_execution_secrets ? toset(["secrets"]) : toset([])

    content {
      sid       = "ReadNamedSecrets"
      effect    = "Allow"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = local.execution_secret_arns
    }
  }

  dynamic "statement" {
    for_each = local.has_execution_secrets ? toset(["kms"]) : toset([])

    content {
      sid       = "DecryptSecretsThroughSecretsManager"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [local.secrets_kms_key_arn]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${local.region}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "ecs_task_execution" {
  count = var.enable_ecs_roles ? 1 : 0

  name   = "ecs-task-execution"
  role   = aws_iam_role.ecs_task_execution[0].id
  policy = data.aws_iam_policy_document.ecs_task_execution.json
}

################################################################################
# ECS task role (the application)
################################################################################

resource "aws_iam_role" "ecs_task" {
  count = var.enable_ecs_roles ? 1 : 0

  name               = "${local.name_prefix}-ecs-task${local.global_name_suffix}"
  description        = "Permissions of the ${local.name_prefix} application containers${var.name_suffix == "" ? "" : " in ${local.region}"}."
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume_role.json

  tags = var.tags
}

data "aws_iam_policy_document" "ecs_task" {
  count = local.has_task_policy ? 1 : 0

  dynamic "statement" {
    for_each = length(var.s3_bucket_names) > 0 ? toset(["buckets"]) : toset([])

    content {
      sid    = "ListNamedBuckets"
      effect = "Allow"
      actions = [
        "s3:GetBucketLocation",
        "s3:ListBucket",
      ]
      resources = local.s3_bucket_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.s3_bucket_names) > 0 ? toset(["objects"]) : toset([])

    content {
      sid    = "ReadWriteObjectsInNamedBuckets"
      effect = "Allow"
      actions = [
        "s3:DeleteObject",
        "s3:GetObject",
        "s3:PutObject",
      ]
      resources = [for arn in local.s3_bucket_arns : "${arn}/*"]
    }
  }

  dynamic "statement" {
    for_each = length(var.dynamodb_table_names) > 0 ? toset(["tables"]) : toset([])

    content {
      sid    = "ReadWriteNamedTables"
      effect = "Allow"
      actions = [
        "dynamodb:BatchGetItem",
        "dynamodb:BatchWriteItem",
        "dynamodb:ConditionCheckItem",
        "dynamodb:DeleteItem",
        "dynamodb:DescribeTable",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:Query",
        "dynamodb:Scan",
        "dynamodb:UpdateItem",
      ]
      resources = concat(local.dynamodb_table_arns, [for arn in local.dynamodb_table_arns : "${arn}/index/*"])
    }
  }

  dynamic "statement" {
    for_each = local.has_task_secrets ? toset(["secrets"]) : toset([])

    content {
      sid       = "ReadNamedSecrets"
      effect    = "Allow"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = local.task_secret_arns
    }
  }

  # The module's keys, each only through its own service.
  dynamic "statement" {
    for_each = {
      for k, v in {
        s3       = length(var.s3_bucket_names) > 0
        dynamodb = length(var.dynamodb_table_names) > 0
        secrets  = local.has_task_secrets
      } : k => k if v
    }

    content {
      sid    = "UseThe${title(statement.key)}KeyThroughItsService"
      effect = "Allow"
      actions = statement.key == "secrets" ? ["kms:Decrypt"] : [
        "kms:Decrypt",
        "kms:DescribeKey",
        "kms:Encrypt",
        "kms:GenerateDataKey",
      ]
      resources = [local.kms_key_arns[statement.key]]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = [for s in local.kms_via_services[statement.key] : "${s}.${local.region}.amazonaws.com"]
      }
    }
  }

  dynamic "statement" {
    for_each = length(var.ecs_task_kms_key_arns) > 0 ? toset(["kms"]) : toset([])

    content {
      sid    = "UseNamedKmsKeys"
      effect = "Allow"
      actions = [
        "kms:Decrypt",
        "kms:DescribeKey",
        "kms:Encrypt",
        "kms:GenerateDataKey",
      ]
      resources = var.ecs_task_kms_key_arns
    }
  }
}

resource "aws_iam_role_policy" "ecs_task" {
  count = var.enable_ecs_roles && local.has_task_policy ? 1 : 0

  name   = "ecs-task"
  role   = aws_iam_role.ecs_task[0].id
  policy = data.aws_iam_policy_document.ecs_task[0].json
}

################################################################################
# Lambda roles, one per function
################################################################################

data "aws_iam_policy_document" "lambda_assume_role" {
  for_each = var.lambda_functions

  statement {
    sid     = "AllowLambdaAssumeRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = each.value.edge ? ["edgelambda.amazonaws.com", "lambda.amazonaws.com"] : ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "lambda" {
  for_each = var.lambda_functions

  name               = "${local.name_prefix}-lambda-${each.key}${local.global_name_suffix}"
  description        = "Execution role of the Lambda function ${local.lambda_function_name[each.key]}."
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role[each.key].json

  tags = var.tags
}

data "aws_iam_policy_document" "lambda" {
  for_each = var.lambda_functions

  # Basic execution, limited to the function's own log group (for Lambda@Edge,
  # the us-east-1.<name> groups it writes in every edge region).
  statement {
    sid    = "WriteOwnLogGroup"
    effect = "Allow"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = each.value.edge ? [
      "arn:${local.partition}:logs:*:${local.account_id}:log-group:/aws/lambda/us-east-1.${local.lambda_function_name[each.key]}:*",
      ] : [
      "${local.arn_prefix_logs}:log-group:/aws/lambda/${local.lambda_function_name[each.key]}:*",
    ]
  }

  # X-Ray has no resource-level permissions for these actions.
  statement {
    sid    = "WriteXRayTraces"
    effect = "Allow"
    actions = [
      "xray:GetSamplingRules",
      "xray:GetSamplingStatisticSummaries",
      "xray:GetSamplingTargets",
      "xray:PutTelemetryRecords",
      "xray:PutTraceSegments",
    ]
    resources = ["*"]
  }

  # Functions in a VPC manage their network interfaces (the actions of
  # AWSLambdaVPCAccessExecutionRole, which are not resource-scoped).
  dynamic "statement" {
    for_each = each.value.vpc_access ? toset(["vpc"]) : toset([])

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
  for_each = var.lambda_functions

  name   = "lambda-execution"
  role   = aws_iam_role.lambda[each.key].id
  policy = data.aws_iam_policy_document.lambda[each.key].json
}

# The ECS roles became optional (a standby-region instance of this module
# creates keys only): keep existing state at the new addresses.
moved {
  from = aws_iam_role.ecs_task_execution
  to   = aws_iam_role.ecs_task_execution[0]
}

moved {
  from = aws_iam_role_policy.ecs_task_execution
  to   = aws_iam_role_policy.ecs_task_execution[0]
}

moved {
  from = aws_iam_role.ecs_task
  to   = aws_iam_role.ecs_task[0]
}
