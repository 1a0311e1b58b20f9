# Aurora Serverless v2 PostgreSQL (enable_aurora): a cluster with
# aurora_instance_count db.serverless instances scaling between
# aurora_min_capacity and aurora_max_capacity ACU, storage and Performance
# Insights encrypted with the aurora key, IAM database authentication, TLS
# required (rds.force_ssl), the postgresql log exported to CloudWatch.
#
# Master password. A standalone cluster lets RDS manage it in Secrets
# Manager (manage_master_user_password, secret encrypted with the secrets
# key, rotated by RDS). Clusters of an Aurora global database cannot
# (Secrets Manager integration is not supported for "DB clusters that are
# part of an Aurora global database", Aurora User Guide), so with
# enable_aurora_global_database the module generates the password as an
# ephemeral value, stores it in its own secret (secrets key, optionally
# replicated to replica_region) through the write-only secret_string_wo, and
# sets it through the write-only master_password_wo: it is never in a plan or
# in the state. Bump aurora_master_password_version to change it.
#
# Global database (enable_aurora_global_database, production): an
# aws_rds_global_cluster whose primary is this cluster (provider aws) and
# whose secondary cluster with its instances lives in replica_region
# (provider aws.replica), in aurora_secondary's subnet group and security
# groups and encrypted with its KMS key.

locals {
  aurora_cluster_identifier   = "${local.name_prefix}-aurora"
  aurora_secondary_identifier = "${local.name_prefix}-aurora-${var.replica_region}"
  aurora_family               = "aurora-postgresql${split(".", var.aurora_engine_version)[0]}"
  aurora_global               = var.enable_aurora && var.enable_aurora_global_database
  aurora_secondary_instances  = local.aurora_global ? var.aurora_secondary.instance_count : 0
}

resource "aws_rds_cluster_parameter_group" "this" {
  count = var.enable_aurora ? 1 : 0

  name        = "${local.aurora_cluster_identifier}-${local.aurora_family}"
  family      = local.aurora_family
  description = "${local.aurora_cluster_identifier} cluster parameters"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

# Created before the cluster so that RDS does not create it without a
# retention period.
resource "aws_cloudwatch_log_group" "aurora" {
  count = var.enable_aurora ? 1 : 0

  name              = "/aws/rds/cluster/${local.aurora_cluster_identifier}/postgresql"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.cloudwatch_logs_kms_key_arn

  tags = var.tags
}

# --- Master password of a global database's primary ---

ephemeral "aws_secretsmanager_random_password" "aurora_master" {
  count = local.aurora_global ? 1 : 0

  # RDS master passwords: printable ASCII without /, ", @ or space.
  password_length     = 40
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "aurora_master" {
  count = local.aurora_global ? 1 : 0

  name                    = "${local.name_prefix}/aurora/master"
  description             = "Master user credentials of the ${local.aurora_cluster_identifier} Aurora global database."
  kms_key_id              = var.secrets_kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_in_days

  # Available in the standby region for a failover of the global database.
  dynamic "replica" {
    for_each = var.aurora_secondary.secrets_kms_key_arn == null ? [] : [var.aurora_secondary.secrets_kms_key_arn]

    content {
      region     = var.replica_region
      kms_key_id = replica.value
    }
  }

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "aurora_master" {
  count = local.aurora_global ? 1 : 0

  secret_id = aws_secretsmanager_secret.aurora_master[0].id
  secret_string_wo = jsonencode({
    engine   = "postgres"
    username = var.aurora_master_username
    password = ephemeral.aws_secretsmanager_random_password.aurora_master[0].random_password
    dbname   = var.aurora_database_name
    port     = 5432
  })
  secret_string_wo_version = var.aurora_master_password_version
}

ephemeral "aws_secretsmanager_secret_version" "aurora_master" {
  count = local.aurora_global ? 1 : 0

  secret_id = aws_secretsmanager_secret.aurora_master[0].id

  depends_on = [aws_secretsmanager_secret_version.aurora_master]
}

# --- Global database ---

resource "aws_rds_global_cluster" "this" {
  count = local.aurora_global ? 1 : 0

  global_cluster_identifier = "${local.name_prefix}-aurora-global"
  engine                    = "aurora-postgresql"
  engine_version            = var.aurora_engine_version
  database_name             = var.aurora_database_name
  storage_encrypted         = true
  deletion_protection       = var.aurora_deletion_protection

  tags = var.tags
}

# --- Primary cluster ---

resource "aws_rds_cluster" "this" {
  count = var.enable_aurora ? 1 : 0

  cluster_identifier        = local.aurora_cluster_identifier
  engine                    = "aurora-postgresql"
  engine_mode               = "provisioned"
  engine_version            = var.aurora_engine_version
  global_cluster_identifier = try(aws_rds_global_cluster.this[0].id, null)
  database_name             = var.aurora_database_name
  master_username           = var.aurora_master_username

  manage_master_user_password   = local.aurora_global ? null : true
  master_user_secret_kms_key_id = local.aurora_global ? null : var.secrets_kms_key_arn
  master_password_wo            = local.aurora_global ? jsondecode(ephemeral.aws_secretsmanager_secret_version.aurora_master[0].secret_string).password : null
  master_password_wo_version    = local.aurora_global ? var.aurora_master_password_version : null

  db_subnet_group_name            = var.aurora_db_subnet_group_name
  vpc_security_group_ids          = var.aurora_security_group_ids
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this[0].name
  port                            = 5432

  serverlessv2_scaling_configuration {
    min_capacity             = var.aurora_min_capacity
    max_capacity             = var.aurora_max_capacity
    seconds_until_auto_pause = var.aurora_min_capacity == 0 ? var.aurora_seconds_until_auto_pause : null
  }

  storage_encrypted                   = true
  kms_key_id                          = var.aurora_kms_key_arn
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql"]

  backup_retention_period      = var.aurora_backup_retention_days
  preferred_backup_window      = var.aurora_backup_window
  preferred_maintenance_window = var.aurora_maintenance_window
  copy_tags_to_snapshot        = true
  deletion_protection          = var.aurora_deletion_protection
  skip_final_snapshot          = var.aurora_skip_final_snapshot
  final_snapshot_identifier    = var.aurora_skip_final_snapshot ? null : "${local.aurora_cluster_identifier}-final"

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.aurora]
}

resource "aws_rds_cluster_instance" "this" {
  count = var.enable_aurora ? var.aurora_instance_count : 0

  identifier         = "${local.aurora_cluster_identifier}-${count.index + 1}"
  cluster_identifier = aws_rds_cluster.this[0].id
  engine             = aws_rds_cluster.this[0].engine
  engine_version     = aws_rds_cluster.this[0].engine_version
  instance_class     = "db.serverless"

  db_subnet_group_name       = var.aurora_db_subnet_group_name
  publicly_accessible        = false
  auto_minor_version_upgrade = true
  copy_tags_to_snapshot      = true

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.aurora_kms_key_arn
  performance_insights_retention_period = var.aurora_performance_insights_retention_days

  preferred_maintenance_window = var.aurora_maintenance_window

  tags = var.tags
}

# --- Secondary cluster (replica_region) ---

resource "aws_rds_cluster_parameter_group" "secondary" {
  count    = local.aurora_global ? 1 : 0
  provider = aws.replica

  name        = "${local.aurora_secondary_identifier}-${local.aurora_family}"
  family      = local.aurora_family
  description = "${local.aurora_secondary_identifier} cluster parameters"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "aurora_secondary" {
  count    = local.aurora_global ? 1 : 0
  provider = aws.replica

  name              = "/aws/rds/cluster/${local.aurora_secondary_identifier}/postgresql"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.aurora_secondary.logs_kms_key_arn

  tags = var.tags
}

# A secondary cluster has no master credentials or database name of its own:
# it replicates the primary's storage.
resource "aws_rds_cluster" "secondary" {
  count    = local.aurora_global ? 1 : 0
  provider = aws.replica

  cluster_identifier        = local.aurora_secondary_identifier
  engine                    = aws_rds_global_cluster.this[0].engine
  engine_mode               = "provisioned"
  engine_version            = aws_rds_global_cluster.this[0].engine_version
  global_cluster_identifier = aws_rds_global_cluster.this[0].id

  db_subnet_group_name            = var.aurora_secondary.db_subnet_group_name
  vpc_security_group_ids          = var.aurora_secondary.security_group_ids
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.secondary[0].name
  port                            = 5432

  serverlessv2_scaling_configuration {
    min_capacity             = var.aurora_min_capacity
    max_capacity             = var.aurora_max_capacity
    seconds_until_auto_pause = var.aurora_min_capacity == 0 ? var.aurora_seconds_until_auto_pause : null
  }

  storage_encrypted                   = true
  kms_key_id                          = var.aurora_secondary.kms_key_arn
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql"]

  backup_retention_period      = var.aurora_backup_retention_days
  preferred_backup_window      = var.aurora_backup_window
  preferred_maintenance_window = var.aurora_maintenance_window
  copy_tags_to_snapshot        = true
  deletion_protection          = var.aurora_deletion_protection
  skip_final_snapshot          = var.aurora_skip_final_snapshot
  final_snapshot_identifier    = var.aurora_skip_final_snapshot ? null : "${local.aurora_secondary_identifier}-final"

  tags = var.tags

  lifecycle {
    # Set by AWS on a secondary and changed by a global failover/switchover.
    ignore_changes = [replication_source_identifier, global_cluster_identifier]
  }

  # The primary must have a writer instance before a secondary can join.
  depends_on = [aws_rds_cluster_instance.this, aws_cloudwatch_log_group.aurora_secondary]
}

resource "aws_rds_cluster_instance" "secondary" {
  count    = local.aurora_secondary_instances
  provider = aws.replica

  identifier         = "${local.aurora_secondary_identifier}-${count.index + 1}"
  cluster_identifier = aws_rds_cluster.secondary[0].id
  engine             = aws_rds_cluster.secondary[0].engine
  engine_version     = aws_rds_cluster.secondary[0].engine_version
  instance_class     = "db.serverless"

  db_subnet_group_name       = var.aurora_secondary.db_subnet_group_name
  publicly_accessible        = false
  auto_minor_version_upgrade = true
  copy_tags_to_snapshot      = true

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.aurora_secondary.kms_key_arn
  performance_insights_retention_period = var.aurora_performance_insights_retention_days

  preferred_maintenance_window = var.aurora_maintenance_window

  tags = var.tags
}
