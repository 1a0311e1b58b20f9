# Container hosting of the platform: an ECS cluster on Fargate and Fargate
# Spot (cluster.tf), services from var.services (services.tf) behind an
# Application Load Balancer (alb.tf), auto scaling (autoscaling.tf), ECS
# built-in blue/green deployments (blue-green.tf), alarms (alarms.tf) and
# Go Lambda functions (lambda.tf). Shared values live here.

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

locals {
  name_prefix = join("-", compact([var.project, var.environment, var.name_suffix]))
  region      = data.aws_region.current.region
  account_id  = data.aws_caller_identity.current.account_id

  # Capacity provider strategy from the Spot share: FARGATE_SPOT weight = pct,
  # FARGATE weight = 100 - pct, zero weights left out, and base 1 on FARGATE
  # when both run so that one task of every service is always on-demand.
  spot_pct = coalesce(var.spot_percentage, 0)
  spot_percentage_strategy = tomap({
    for provider, s in {
      FARGATE      = { base = local.spot_pct > 0 && local.spot_pct < 100 ? 1 : 0, weight = 100 - local.spot_pct }
      FARGATE_SPOT = { base = 0, weight = local.spot_pct }
    } : provider => s if s.weight > 0
  })
  capacity_provider_strategy = var.spot_percentage == null ? var.capacity_provider_strategy : local.spot_percentage_strategy

  alb_deletion_protection = var.enable_alb_deletion_protection != null ? var.enable_alb_deletion_protection : var.environment == "production"

  blue_green_enabled    = var.blue_green.enabled && var.create_alb
  origin_verify_enabled = var.origin_verify != null && var.create_alb

  # The default service takes the traffic no rule matches: through the
  # listener's default action, or, when the default action must be a fixed
  # response (origin verification) or a rule ECS can shift (blue/green),
  # through a catch-all rule at the lowest priority.
  default_service    = var.default_service != null ? var.default_service : try(one(keys(var.services)), null)
  default_via_rule   = local.blue_green_enabled || local.origin_verify_enabled
  catch_all_priority = 50000

  service_keys = sort(keys(var.services))
  services = {
    for k, s in var.services : k => merge(s, {
      cpu_architecture = coalesce(s.cpu_architecture, var.cpu_architecture)
      is_default       = k == local.default_service
      priority         = k == local.default_service ? local.catch_all_priority : coalesce(s.priority, 100 + 10 * index(local.service_keys, k))
      log_group_name   = "/ecs/${local.name_prefix}/${k}"
    })
  }

  # Target groups: blue always, green with blue/green. Names are at most 32
  # characters: <prefix, shortened>-<service>-<colour>.
  target_group_colours = local.blue_green_enabled ? ["blue", "green"] : ["blue"]
  target_groups = {
    for pair in setproduct(local.service_keys, local.target_group_colours) : "${pair[0]}-${pair[1]}" => {
      service = pair[0]
      colour  = pair[1]
      name    = "${trimsuffix(substr(local.name_prefix, 0, 32 - length(pair[0]) - length(pair[1]) - 2), "-")}-${pair[0]}-${pair[1]}"
    }
  }

  lambda_function_names = { for k, f in var.lambda_functions : k => "${local.name_prefix}-${k}" }
}
