# Skeleton: no resources yet. The storage-layer issue fills this module with
# S3 buckets (lifecycle, intelligent tiering, cross-region replication),
# DynamoDB tables (point-in-time recovery), ElastiCache Redis and the optional
# Aurora Serverless v2 cluster, all encrypted with the security module's keys.

locals {
  name_prefix = "${var.project}-${var.environment}"
}
