# Resource types the cost models do not know, free ones, data sources and a
# service whose task count is only known after apply.
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

variable "tasks" {
  type        = number
  description = "Left without a value on purpose: the task count is unknown."
}

data "aws_caller_identity" "current" {}

resource "aws_route53_zone" "this" {
  name = "example.com"
}

resource "aws_iam_role" "this" {
  name               = "fixture"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_ecs_task_definition" "app" {
  family                   = "fixture-app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  container_definitions    = jsonencode([{ name = "app", image = "example/app:1" }])
}

resource "aws_ecs_service" "app" {
  name            = "app"
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = var.tasks
  launch_type     = "FARGATE"
}
