# ECS built-in blue/green deployments (strategy BLUE_GREEN on each service,
# see services.tf): the IAM role ECS assumes to re-weight the listener rules,
# (de)register tasks in the blue and green target groups and invoke the
# lifecycle hook (e.g. the deploycheck Lambda). Every write names its
# resources by ARN.

locals {
  hook_enabled      = var.blue_green.hook_function != null || var.hook_function_arn != null
  hook_function_arn = var.blue_green.hook_function != null ? try(aws_lambda_function.this[var.blue_green.hook_function].arn, null) : var.hook_function_arn

  # The hook probes the green revision through the test listener.
  test_url = local.blue_green_enabled ? format("https://%s:%d", coalesce(var.blue_green.test_hostname, try(aws_lb.this[0].dns_name, "")), var.blue_green.test_listener_port) : null
  hook_environment = local.blue_green_enabled ? {
    TEST_URL    = local.test_url
    HEALTH_PATH = try(local.services[local.default_service].health_check_path, "/health")
  } : {}
}

data "aws_iam_policy_document" "ecs_infrastructure_assume_role" {
  count = local.blue_green_enabled ? 1 : 0

  statement {
    sid     = "AllowEcsAssumeRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "ecs_infrastructure" {
  count = local.blue_green_enabled ? 1 : 0

  name               = "${local.name_prefix}-ecs-blue-green"
  description        = "ECS shifts traffic between the blue and green target groups of ${local.name_prefix} and invokes the deployment lifecycle hook."
  assume_role_policy = data.aws_iam_policy_document.ecs_infrastructure_assume_role[0].json

  tags = var.tags
}

data "aws_iam_policy_document" "ecs_infrastructure" {
  count = local.blue_green_enabled ? 1 : 0

  # Elastic Load Balancing has no resource-level permissions for Describe*.
  statement {
    sid    = "DescribeLoadBalancing"
    effect = "Allow"
    actions = [
      "elasticloadbalancing:DescribeListeners",
      "elasticloadbalancing:DescribeRules",
      "elasticloadbalancing:DescribeTargetGroups",
      "elasticloadbalancing:DescribeTargetHealth",
    ]
    resources = ["*"]
  }

  statement {
    sid    = "RegisterTasksInTargetGroups"
    effect = "Allow"
    actions = [
      "elasticloadbalancing:DeregisterTargets",
      "elasticloadbalancing:RegisterTargets",
    ]
    resources = [for tg in aws_lb_target_group.this : tg.arn]
  }

  statement {
    sid       = "ShiftTrafficOnListeners"
    effect    = "Allow"
    actions   = ["elasticloadbalancing:ModifyListener"]
    resources = [aws_lb_listener.https[0].arn, aws_lb_listener.test[0].arn]
  }

  statement {
    sid       = "ShiftTrafficOnRules"
    effect    = "Allow"
    actions   = ["elasticloadbalancing:ModifyRule"]
    resources = concat([for r in aws_lb_listener_rule.production : r.arn], [for r in aws_lb_listener_rule.test : r.arn])
  }

  dynamic "statement" {
    for_each = local.hook_enabled ? ["hook"] : []

    content {
      sid       = "InvokeLifecycleHook"
      effect    = "Allow"
      actions   = ["lambda:InvokeFunction"]
      resources = [local.hook_function_arn]
    }
  }
}

resource "aws_iam_role_policy" "ecs_infrastructure" {
  count = local.blue_green_enabled ? 1 : 0

  name   = "blue-green-deployments"
  role   = aws_iam_role.ecs_infrastructure[0].id
  policy = data.aws_iam_policy_document.ecs_infrastructure[0].json
}
