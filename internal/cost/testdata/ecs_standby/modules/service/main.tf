variable "min_tasks" {
  type        = number
  description = "Tasks the service runs (its autoscaling minimum and desired count)."
}

resource "aws_ecs_cluster" "this" {
  name = "fixture"
}

resource "aws_ecs_task_definition" "this" {
  family                   = "fixture-web"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 1024
  memory                   = 2048
  container_definitions    = jsonencode([{ name = "web", image = "example/web:1", essential = true }])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }
}

resource "aws_ecs_service" "this" {
  name            = "web"
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.this.arn
  desired_count   = var.min_tasks
  launch_type     = "FARGATE"
}

resource "aws_appautoscaling_target" "this" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/fixture/web"
  min_capacity       = var.min_tasks
  max_capacity       = 10
}
