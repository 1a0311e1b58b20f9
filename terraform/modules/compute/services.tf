# One ECS service per entry of var.services: its log group (KMS-encrypted,
# retention per environment), its task definition (awsvpc, Fargate, ARM64 by
# default, read-only root file system with writable task storage where asked,
# awslogs, optional X-Ray daemon sidecar) and the service itself in the
# private subnets without public IPs.

resource "aws_cloudwatch_log_group" "service" {
  for_each = local.services

  name              = each.value.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_kms_key_arn

  tags = var.tags
}

locals {
  xray_container = {
    name              = "xray-daemon"
    image             = var.xray_daemon_image
    essential         = false
    cpu               = 32
    memoryReservation = 256
    # -o: local mode (no EC2 metadata on Fargate).
    command                = ["-o"]
    readonlyRootFilesystem = true
    portMappings = [{
      containerPort = 2000
      protocol      = "udp"
    }]
  }

  container_definitions = {
    for k, s in local.services : k => concat(
      # Unset fields (command = null) are left out of the JSON.
      [{ for field, value in {
        name      = k
        image     = s.image
        essential = true
        command   = s.command
        portMappings = [{
          name          = "http"
          containerPort = s.port
          protocol      = "tcp"
        }]
        environment = [
          for name, value in merge(s.environment, var.enable_xray_sidecar ? { AWS_XRAY_DAEMON_ADDRESS = "localhost:2000" } : {}) : { name = name, value = value }
        ]
        secrets                = [for name, arn in s.secrets : { name = name, valueFrom = arn }]
        readonlyRootFilesystem = s.readonly_root_filesystem
        mountPoints = s.readonly_root_filesystem ? [
          for i, path in s.writable_paths : { sourceVolume = "writable-${i}", containerPath = path, readOnly = false }
        ] : []
        linuxParameters = { initProcessEnabled = var.enable_execute_command }
        logConfiguration = {
          logDriver = "awslogs"
          options = {
            awslogs-group         = s.log_group_name
            awslogs-region        = local.region
            awslogs-stream-prefix = k
          }
        }
      } : field => value if value != null }],
      var.enable_xray_sidecar ? [merge(local.xray_container, {
        logConfiguration = {
          logDriver = "awslogs"
          options = {
            awslogs-group         = s.log_group_name
            awslogs-region        = local.region
            awslogs-stream-prefix = "xray"
          }
        }
      })] : []
    )
  }
}

resource "aws_ecs_task_definition" "this" {
  for_each = local.services

  family                   = "${local.name_prefix}-${each.key}"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = each.value.cpu
  memory                   = each.value.memory
  execution_role_arn       = var.task_execution_role_arn
  task_role_arn            = var.task_role_arn
  container_definitions    = jsonencode(local.container_definitions[each.key])

  runtime_platform {
    cpu_architecture        = each.value.cpu_architecture
    operating_system_family = "LINUX"
  }

  # Task storage (Fargate ephemeral storage) for the paths the application
  # writes to under a read-only root file system.
  dynamic "volume" {
    for_each = each.value.readonly_root_filesystem ? { for i, path in each.value.writable_paths : "writable-${i}" => path } : {}

    content {
      name = volume.key
    }
  }

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.service]
}

resource "aws_ecs_service" "this" {
  for_each = local.services

  name                              = each.key
  cluster                           = aws_ecs_cluster.this.arn
  task_definition                   = aws_ecs_task_definition.this[each.key].arn
  desired_count                     = each.value.desired_count
  platform_version                  = "LATEST"
  enable_execute_command            = var.enable_execute_command
  enable_ecs_managed_tags           = true
  propagate_tags                    = "SERVICE"
  health_check_grace_period_seconds = each.value.health_check_grace
  deployment_maximum_percent        = 200
  # Keep full capacity during rolling deployments.
  deployment_minimum_healthy_percent = 100
  availability_zone_rebalancing      = "ENABLED"
  wait_for_steady_state              = false

  dynamic "capacity_provider_strategy" {
    for_each = local.capacity_provider_strategy

    content {
      capacity_provider = capacity_provider_strategy.key
      base              = capacity_provider_strategy.value.base
      weight            = capacity_provider_strategy.value.weight
    }
  }

  network_configuration {
    subnets          = values(var.private_subnet_ids)
    security_groups  = var.app_security_group_ids
    assign_public_ip = false
  }

  deployment_controller {
    type = "ECS"
  }

  # Written as top-level variants, not as blocks nested in dynamic blocks, so
  # that every value can be evaluated before apply (cfctl preview).
  #
  # Blue/green with a lifecycle hook: the hook (e.g. deploycheck) probes the
  # green revision through the test listener and answers SUCCEEDED, FAILED
  # (roll back) or IN_PROGRESS.
  dynamic "deployment_configuration" {
    for_each = local.blue_green_enabled && local.hook_enabled ? ["blue-green-hook"] : []

    content {
      strategy             = "BLUE_GREEN"
      bake_time_in_minutes = var.blue_green.bake_time_in_minutes

      lifecycle_hook {
        hook_target_arn  = local.hook_function_arn
        role_arn         = aws_iam_role.ecs_infrastructure[0].arn
        lifecycle_stages = var.blue_green.lifecycle_stages
      }
    }
  }

  # Blue/green without a hook, or rolling.
  dynamic "deployment_configuration" {
    for_each = local.blue_green_enabled && local.hook_enabled ? [] : ["plain"]

    content {
      strategy             = local.blue_green_enabled ? "BLUE_GREEN" : "ROLLING"
      bake_time_in_minutes = local.blue_green_enabled ? var.blue_green.bake_time_in_minutes : null
    }
  }

  # The circuit breaker applies to rolling deployments only; blue/green
  # deployments roll back through the lifecycle hook and the alarms.
  dynamic "deployment_circuit_breaker" {
    for_each = local.blue_green_enabled ? [] : ["rolling"]

    content {
      enable   = true
      rollback = true
    }
  }

  dynamic "alarms" {
    for_each = var.enable_deployment_alarms ? ["alarms"] : []

    content {
      alarm_names = [
        aws_cloudwatch_metric_alarm.target_5xx_rate[each.key].alarm_name,
        aws_cloudwatch_metric_alarm.unhealthy_hosts[each.key].alarm_name,
      ]
      enable   = true
      rollback = true
    }
  }

  # Rolling: the blue target group only.
  dynamic "load_balancer" {
    for_each = local.blue_green_enabled ? [] : ["rolling"]

    content {
      target_group_arn = aws_lb_target_group.this["${each.key}-blue"].arn
      container_name   = each.key
      container_port   = each.value.port
    }
  }

  # Blue/green: ECS registers the new revision in the alternate (green, then
  # alternately blue) target group and shifts the production and test rules.
  dynamic "load_balancer" {
    for_each = local.blue_green_enabled ? ["blue-green"] : []

    content {
      target_group_arn = aws_lb_target_group.this["${each.key}-blue"].arn
      container_name   = each.key
      container_port   = each.value.port

      advanced_configuration {
        alternate_target_group_arn = aws_lb_target_group.this["${each.key}-green"].arn
        production_listener_rule   = aws_lb_listener_rule.production[each.key].arn
        test_listener_rule         = aws_lb_listener_rule.test[each.key].arn
        role_arn                   = aws_iam_role.ecs_infrastructure[0].arn
      }
    }
  }

  tags = var.tags

  # Auto scaling owns the task count after creation: an apply must not undo it.
  lifecycle {
    ignore_changes = [desired_count]
  }

  # The target groups must be attached to a listener before the service
  # registers tasks, and ECS needs its role's permissions from the start.
  depends_on = [
    aws_lb_listener.https,
    aws_lb_listener_rule.production,
    aws_lb_listener_rule.test,
    aws_iam_role_policy.ecs_infrastructure,
  ]
}
