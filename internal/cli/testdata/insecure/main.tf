terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "environment" {
  type        = string
  description = "Environment name."
  default     = "dev"
}

locals {
  tags = { Project = "Candlefish", Environment = var.environment, CostCenter = "Engineering", Owner = "DevOps" }
}

# An unencrypted bucket (no SSE-KMS configuration), with an ignore that has no reason.
# cfctl:ignore:AWS-0089
resource "aws_s3_bucket" "uploads" {
  bucket = "candlefish-insecure-uploads"
  tags   = local.tags
}

resource "aws_vpc" "this" {
  cidr_block = "10.99.0.0/16"
  tags       = local.tags
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "Application tasks"
  vpc_id      = aws_vpc.this.id
  tags        = local.tags
}

# SSH open to the world.
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.app.id
  description       = "SSH from anywhere"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
  tags              = local.tags
}

# A wildcard policy.
data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

# Missing the CostCenter tag.
resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = data.aws_iam_policy_document.admin.json
  tags   = { Project = "Candlefish", Environment = var.environment, Owner = "DevOps" }
}

# A log group whose silenced finding is fine: the ignore has a reason and no expiry.
resource "aws_cloudwatch_log_group" "audit" {
  name              = "/candlefish/audit"
  retention_in_days = 7
  # cfctl:ignore:CF-ENC-001 reason="fixture: shows a reasoned ignore silencing a finding"
  kms_key_id = null
  tags       = local.tags
}

# An expired ignore does not silence anything.
resource "aws_cloudwatch_log_group" "debug" {
  name = "/candlefish/debug"
  # cfctl:ignore:CF-LOG-001 reason="temporary while debugging" expires=2026-01-31
  retention_in_days = 0
  kms_key_id        = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  tags              = local.tags
}
