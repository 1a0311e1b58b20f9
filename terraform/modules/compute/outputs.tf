################################################################################
# Cluster
################################################################################

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn
}

output "capacity_provider_strategy" {
  description = "Capacity provider strategy of the cluster and of every service, keyed by capacity provider (FARGATE, FARGATE_SPOT), as derived from spot_percentage (or capacity_provider_strategy)."
  value       = local.capacity_provider_strategy
}

################################################################################
# Services
################################################################################

output "service_names" {
  description = "Names of the ECS services, keyed by service."
  value       = { for k, s in aws_ecs_service.this : k => s.name }
}

output "service_arns" {
  description = "ARNs of the ECS services, keyed by service."
  value       = { for k, s in aws_ecs_service.this : k => s.id }
}

output "task_definition_arns" {
  description = "ARNs (with revision) of the services' task definitions, keyed by service."
  value       = { for k, td in aws_ecs_task_definition.this : k => td.arn }
}

output "service_log_group_names" {
  description = "CloudWatch log groups of the services' containers (/ecs/<project>-<environment>/<service>), keyed by service; the task execution role must be allowed to write to them."
  value       = { for k, lg in aws_cloudwatch_log_group.service : k => lg.name }
}

output "log_group_names" {
  description = "Every log group of the module: services under services, Lambda functions under lambda_functions, each keyed by its name in the input."
  value = {
    services         = { for k, lg in aws_cloudwatch_log_group.service : k => lg.name }
    lambda_functions = { for k, lg in aws_cloudwatch_log_group.lambda : k => lg.name }
  }
}

################################################################################
# Load balancer
################################################################################

output "alb_access_logs_bucket" {
  description = "Bucket that receives the load balancer's access logs: the one create_alb_access_logs_bucket created, or alb_access_logs_bucket."
  value       = var.create_alb_access_logs_bucket ? aws_s3_bucket.alb_access_logs[0].id : var.alb_access_logs_bucket
}

output "alb_arn" {
  description = "ARN of the Application Load Balancer (null when create_alb is false): the CDN module's alb_vpc_origin_arns entry through which CloudFront reaches an internal load balancer."
  value       = try(aws_lb.this[0].arn, null)
}

output "alb_internal" {
  description = "Whether the load balancer is internal (private subnets, no public IPv4 addresses; reached through a CloudFront VPC origin) rather than internet-facing."
  value       = var.alb_internal
}

output "alb_arn_suffix" {
  description = "ARN suffix of the load balancer, the LoadBalancer dimension of its CloudWatch metrics (null when create_alb is false)."
  value       = try(aws_lb.this[0].arn_suffix, null)
}

output "alb_dns_name" {
  description = "DNS name of the load balancer (null when create_alb is false), the target of the origin name's Route 53 alias; an internal load balancer's resolves to private addresses. CloudFront connects by the origin name its certificate covers, not by this one."
  value       = try(aws_lb.this[0].dns_name, null)
}

output "alb_zone_id" {
  description = "Route 53 hosted zone ID of the load balancer, for alias records (null when create_alb is false)."
  value       = try(aws_lb.this[0].zone_id, null)
}

output "listener_arns" {
  description = "ARNs of the load balancer's listeners: https, http (redirects to HTTPS) and test (blue/green test traffic; null without blue/green)."
  value = {
    https = try(aws_lb_listener.https[0].arn, null)
    http  = try(aws_lb_listener.http[0].arn, null)
    test  = try(aws_lb_listener.test[0].arn, null)
  }
}

output "target_group_arns" {
  description = "ARNs of the services' target groups, keyed by service, then by colour: blue (production before the first blue/green deployment) and green (null without blue/green)."
  value = {
    for k in local.service_keys : k => {
      blue  = try(aws_lb_target_group.this["${k}-blue"].arn, null)
      green = try(aws_lb_target_group.this["${k}-green"].arn, null)
    }
  }
}

output "listener_rule_arns" {
  description = "ARNs of the services' listener rules, keyed by service: production (HTTPS listener; null for a default service served by the default action) and test (null without blue/green)."
  value = {
    for k in local.service_keys : k => {
      production = try(aws_lb_listener_rule.production[k].arn, aws_lb_listener_rule.service[k].arn, null)
      test       = try(aws_lb_listener_rule.test[k].arn, null)
    }
  }
}

output "origin_verify_header_name" {
  description = "Name of the header the CDN must send to reach the services (null when origin_verify is off)."
  value       = local.origin_verify_enabled ? var.origin_verify.header_name : null
}

output "origin_verify_secret_arn" {
  description = "Secrets Manager secret holding the origin header's value, for the CDN module (null when origin_verify is off)."
  value       = local.origin_verify_enabled ? try(aws_secretsmanager_secret.origin_verify[0].arn, var.origin_verify_secret_arn) : null
}

################################################################################
# Auto scaling, blue/green and alarms
################################################################################

output "autoscaling_target_ids" {
  description = "Resource IDs of the services' auto scaling targets (service/<cluster>/<service>), keyed by service."
  value       = { for k, t in aws_appautoscaling_target.this : k => t.resource_id }
}

output "autoscaling_policy_arns" {
  description = "ARNs of the target tracking policies, keyed by service, then by cpu, memory, requests and custom (null without a custom metric)."
  value = {
    for k in local.service_keys : k => {
      cpu      = aws_appautoscaling_policy.cpu[k].arn
      memory   = aws_appautoscaling_policy.memory[k].arn
      requests = aws_appautoscaling_policy.requests[k].arn
      custom   = try(aws_appautoscaling_policy.custom[k].arn, null)
    }
  }
}

output "ecs_infrastructure_role_arn" {
  description = "IAM role ECS assumes for blue/green deployments (listener rules, target groups, lifecycle hook); null without blue/green."
  value       = try(aws_iam_role.ecs_infrastructure[0].arn, null)
}

output "test_url" {
  description = "URL of the blue/green test listener that the lifecycle hook probes (null without blue/green)."
  value       = local.test_url
}

output "alarm_arns" {
  description = "ARNs of the services' alarms, keyed by service, then by target_5xx_rate and unhealthy_hosts."
  value = {
    for k in local.service_keys : k => {
      target_5xx_rate = aws_cloudwatch_metric_alarm.target_5xx_rate[k].arn
      unhealthy_hosts = aws_cloudwatch_metric_alarm.unhealthy_hosts[k].arn
    }
  }
}

################################################################################
# Lambda
################################################################################

output "lambda_function_arns" {
  description = "ARNs of the Lambda functions, keyed by function."
  value       = { for k, f in aws_lambda_function.this : k => f.arn }
}

output "lambda_function_names" {
  description = "Names of the Lambda functions (<project>-<environment>-<key>), keyed by function."
  value       = { for k, f in aws_lambda_function.this : k => f.function_name }
}

output "lambda_role_arns" {
  description = "Execution roles of the Lambda functions, keyed by function (created here unless lambda_role_arns names one)."
  value       = { for k, f in aws_lambda_function.this : k => f.role }
}
