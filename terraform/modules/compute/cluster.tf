# The ECS cluster with Container Insights (unless enable_container_insights is
# off, e.g. for a standby cluster at zero tasks), and its capacity providers:
# FARGATE and FARGATE_SPOT, the default strategy from spot_percentage (or the
# deprecated capacity_provider_strategy).

resource "aws_ecs_cluster" "this" {
  name = local.name_prefix

  setting {
    name  = "containerInsights"
    value = var.enable_container_insights ? "enabled" : "disabled"
  }

  tags = var.tags
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]

  dynamic "default_capacity_provider_strategy" {
    for_each = local.capacity_provider_strategy

    content {
      capacity_provider = default_capacity_provider_strategy.key
      base              = default_capacity_provider_strategy.value.base
      weight            = default_capacity_provider_strategy.value.weight
    }
  }
}
