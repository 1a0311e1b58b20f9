provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "logs_key" {
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "logs" {
  description         = "${var.name} logs"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.logs_key.json
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/${var.name}/app"
  retention_in_days = var.retention_days
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_iam_role" "app" {
  name = "${var.name}-app"
}
