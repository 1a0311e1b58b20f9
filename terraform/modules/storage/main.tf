# The data layer of an environment. Resources are split by purpose:
#   s3.tf              buckets (versioning, SSE, public access block, TLS-only
#                      policies, lifecycle, access logging to the logs bucket)
#   s3-replication.tf  replica buckets in the standby region, their KMS key,
#                      the replication role and configurations
#   dynamodb.tf        tables (on-demand or provisioned with autoscaling),
#                      point-in-time recovery, global-table replicas
#   elasticache.tf     Valkey/Redis replication group and its AUTH token
#   aurora.tf          Aurora Serverless v2 PostgreSQL, optional global database

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_region" "replica" {
  provider = aws.replica
}

locals {
  name_prefix = "${var.project}-${var.environment}"

  account_id       = data.aws_caller_identity.current.account_id
  partition        = data.aws_partition.current.partition
  region           = data.aws_region.current.region
  account_root_arn = "arn:${local.partition}:iam::${local.account_id}:root"

  bucket_suffix = var.bucket_name_suffix == "" ? "" : "-${var.bucket_name_suffix}"
}
