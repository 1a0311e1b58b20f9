# ElastiCache replication group (cluster mode disabled: one primary and
# cache_num_nodes - 1 replicas), Valkey by default. Encrypted at rest with the
# elasticache key and in transit (TLS required), AUTH token required.
#
# The AUTH token never reaches a plan or the state: an ephemeral random
# password is written to a Secrets Manager secret through the write-only
# secret_string_wo, and the replication group reads it back from the secret
# (an ephemeral secret version) into the write-only auth_token_wo. Bumping
# cache_auth_token_version writes a new token and rotates the cache to it
# (the provider's default ROTATE strategy keeps the previous token valid
# alongside the new one until a later SET). Needs Terraform >= 1.11.

locals {
  cache_replication_group_id = "${local.name_prefix}-cache"
  cache_family               = "${var.cache_engine}${split(".", var.cache_engine_version)[0]}"
  cache_multi_az             = var.cache_num_nodes >= 2
}

ephemeral "aws_secretsmanager_random_password" "cache_auth" {
  count = var.enable_cache ? 1 : 0

  # ElastiCache AUTH tokens: 16-128 printable characters without @, " or /;
  # letters and digits only keeps them safe in every client URI.
  password_length     = 64
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "cache_auth" {
  count = var.enable_cache ? 1 : 0

  name                    = "${local.name_prefix}/elasticache/auth-token"
  description             = "AUTH token of the ${local.cache_replication_group_id} ElastiCache replication group."
  kms_key_id              = var.secrets_kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_in_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "cache_auth" {
  count = var.enable_cache ? 1 : 0

  secret_id                = aws_secretsmanager_secret.cache_auth[0].id
  secret_string_wo         = ephemeral.aws_secretsmanager_random_password.cache_auth[0].random_password
  secret_string_wo_version = var.cache_auth_token_version
}

# Read back what the secret holds. Deferred to apply on the first run (the
# secret does not exist yet), after the version above is written.
ephemeral "aws_secretsmanager_secret_version" "cache_auth" {
  count = var.enable_cache ? 1 : 0

  secret_id = aws_secretsmanager_secret.cache_auth[0].id

  depends_on = [aws_secretsmanager_secret_version.cache_auth]
}

resource "aws_elasticache_parameter_group" "this" {
  count = var.enable_cache ? 1 : 0

  name        = "${local.cache_replication_group_id}-${local.cache_family}"
  family      = local.cache_family
  description = "${local.cache_replication_group_id} (${var.cache_engine} ${var.cache_engine_version})"

  dynamic "parameter" {
    for_each = var.cache_parameters

    content {
      name  = parameter.key
      value = parameter.value
    }
  }

  tags = var.tags

  lifecycle {
    # A new engine major version needs a new group before the old one can go.
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "cache_slow_log" {
  count = var.enable_cache && var.enable_cache_slow_log ? 1 : 0

  name              = "/aws/elasticache/${local.cache_replication_group_id}/slow-log"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.cloudwatch_logs_kms_key_arn

  tags = var.tags
}

resource "aws_elasticache_replication_group" "this" {
  count = var.enable_cache ? 1 : 0

  replication_group_id = local.cache_replication_group_id
  description          = "${local.name_prefix} cache (${var.cache_engine})"

  engine               = var.cache_engine
  engine_version       = var.cache_engine_version
  node_type            = var.cache_node_type
  cluster_mode         = "disabled"
  num_cache_clusters   = var.cache_num_nodes
  parameter_group_name = aws_elasticache_parameter_group.this[0].name
  port                 = 6379

  # A replica to fail over to only exists with two or more nodes.
  automatic_failover_enabled = local.cache_multi_az
  multi_az_enabled           = local.cache_multi_az

  subnet_group_name  = var.cache_subnet_group_name
  security_group_ids = var.cache_security_group_ids

  at_rest_encryption_enabled = true
  kms_key_id                 = var.elasticache_kms_key_arn
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"

  auth_token_wo         = ephemeral.aws_secretsmanager_secret_version.cache_auth[0].secret_string
  auth_token_wo_version = var.cache_auth_token_version

  snapshot_retention_limit  = var.cache_snapshot_retention_days
  snapshot_window           = var.cache_snapshot_window
  maintenance_window        = var.cache_maintenance_window
  final_snapshot_identifier = var.cache_snapshot_retention_days > 0 ? "${local.cache_replication_group_id}-final" : null

  auto_minor_version_upgrade = true
  apply_immediately          = false

  dynamic "log_delivery_configuration" {
    for_each = aws_cloudwatch_log_group.cache_slow_log

    content {
      destination      = log_delivery_configuration.value.name
      destination_type = "cloudwatch-logs"
      log_format       = "json"
      log_type         = "slow-log"
    }
  }

  tags = var.tags
}
