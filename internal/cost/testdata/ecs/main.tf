# ECS on Fargate: an ARM service split over FARGATE and FARGATE_SPOT with
# autoscaling, an x86 service on launch type FARGATE with extra ephemeral
# storage and an X-Ray sidecar, and a service that takes the cluster's
# default strategy (FARGATE_SPOT).
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

variable "services" {
  type = map(object({
    cpu       = number
    memory    = number
    arch      = string
    desired   = number
    ephemeral = optional(number)
    xray      = optional(bool, false)
  }))
  description = "The fixture's services."
  default = {
    api    = { cpu = 512, memory = 1024, arch = "ARM64", desired = 2 }
    worker = { cpu = 256, memory = 512, arch = "X86_64", desired = 1, ephemeral = 30, xray = true }
    batch  = { cpu = 256, memory = 512, arch = "X86_64", desired = 1 }
  }
}

resource "aws_ecs_cluster" "this" {
  name = "fixture"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE_SPOT"
    weight            = 1
  }
}

resource "aws_ecs_task_definition" "this" {
  for_each = var.services

  family                   = "fixture-${each.key}"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = each.value.cpu
  memory                   = each.value.memory
  container_definitions = jsonencode(concat(
    [{ name = each.key, image = "example/${each.key}:1", essential = true }],
    each.value.xray ? [{ name = "xray-daemon", image = "amazon/aws-xray-daemon:3.3.13", essential = false }] : [],
  ))

  runtime_platform {
    cpu_architecture        = each.value.arch
    operating_system_family = "LINUX"
  }

  dynamic "ephemeral_storage" {
    for_each = each.value.ephemeral == null ? [] : [each.value.ephemeral]

    content {
      size_in_gib = ephemeral_storage.value
    }
  }
}

resource "aws_ecs_service" "this" {
  for_each = { for k, v in var.services : k => v if k == "api" }

  name            = each.key
  cluster         = aws_ecs_cluster.this.arn
  task_definition = aws_ecs_task_definition.this[each.key].arn
  desired_count   = each.value.desired

  capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 3
  }

  capacity_provider_strategy {
    capacity_provider = "FARGATE_SPOT"
    weight            = 7
  }
}

resource "aws_ecs_service" "worker" {
  name            = "worker"
  cluster         = aws_ecs_cluster.this.arn
  task_definition = aws_ecs_task_definition.this["worker"].arn
  desired_count   = 1
  launch_type     = "FARGATE"
}

resource "aws_ecs_service" "batch" {
  name            = "batch"
  cluster         = aws_ecs_cluster.this.arn
  task_definition = aws_ecs_task_definition.this["batch"].arn
  desired_count   = 1
}

resource "aws_appautoscaling_target" "api" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.this["api"].name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = 2
  max_capacity       = 6
}
