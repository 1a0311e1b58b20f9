provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Project = "Candlefish" }
  }
}

variable "azs" {
  type        = list(string)
  description = "Zones."
  default     = ["us-east-1a", "us-east-1b"]
}

locals {
  subnets = { for i, az in var.azs : az => cidrsubnet("10.0.0.0/16", 4, i) }
}

data "aws_caller_identity" "current" {}

resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  for_each          = local.subnets
  vpc_id            = aws_vpc.this.id
  cidr_block        = each.value
  availability_zone = each.key
}

resource "aws_security_group" "app" {
  name   = "app-${data.aws_caller_identity.current.account_id}"
  vpc_id = aws_vpc.this.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.this.cidr_block]
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_ecs_cluster" "this" {
  name = "c"

  dynamic "setting" {
    for_each = { containerInsights = "enabled" }
    iterator = s
    content {
      name  = s.key
      value = s.value
    }
  }
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE"]

  dynamic "default_capacity_provider_strategy" {
    for_each = { FARGATE = 1 }
    content {
      capacity_provider = default_capacity_provider_strategy.key
      weight            = default_capacity_provider_strategy.value
    }
  }
}

module "child" {
  source = "./child"
  ids    = [for s in aws_subnet.private : s.id]
}

output "subnet_ids" {
  description = "Subnet ids."
  value       = values(aws_subnet.private)[*].id
}

output "child_count" {
  description = "From the child."
  value       = module.child.count
}

output "sg_owner" {
  description = "Owner of the security group."
  value       = aws_security_group.app.owner_id
}

provider "aws" {
  alias  = "replica"
  region = "us-west-2"
}

module "replica" {
  source = "./replica"
  providers = {
    aws.replica = aws.replica
  }
}

ephemeral "aws_secretsmanager_random_password" "token" {
  password_length     = 32
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "token" {
  name = "token"
}

resource "aws_secretsmanager_secret_version" "token" {
  secret_id                = aws_secretsmanager_secret.token.id
  secret_string_wo         = ephemeral.aws_secretsmanager_random_password.token.random_password
  secret_string_wo_version = 1
}

moved {
  from = aws_vpc.main
  to   = aws_vpc.this
}

import {
  to = module.child.aws_vpc.existing
  id = "vpc-12345678"
}

removed {
  from = aws_s3_bucket.old

  lifecycle {
    destroy = false
  }
}
