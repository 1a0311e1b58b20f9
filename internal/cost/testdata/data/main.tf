# Data stores: ElastiCache (Valkey replication group, Redis OSS cluster,
# serverless Valkey), an Aurora Serverless v2 global database with a
# secondary in us-west-2, S3 with cross-region replication, DynamoDB
# (on-demand with a replica, provisioned with autoscaling) and Kinesis.
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

provider "aws" {
  alias  = "replica"
  region = "us-west-2"

  default_tags {
    tags = { Project = "Candlefish", Environment = "test", CostCenter = "Engineering", Owner = "DevOps" }
  }
}

resource "aws_elasticache_replication_group" "valkey" {
  replication_group_id = "fixture-valkey"
  description          = "fixture"
  engine               = "valkey"
  node_type            = "cache.t4g.micro"
  num_cache_clusters   = 2
}

resource "aws_elasticache_cluster" "redis" {
  cluster_id      = "fixture-redis"
  engine          = "redis"
  node_type       = "cache.t3.small"
  num_cache_nodes = 1
}

resource "aws_elasticache_cluster" "member" {
  cluster_id           = "fixture-member"
  replication_group_id = aws_elasticache_replication_group.valkey.id
}

resource "aws_elasticache_serverless_cache" "this" {
  name   = "fixture"
  engine = "valkey"
}

resource "aws_rds_global_cluster" "this" {
  global_cluster_identifier = "fixture-global"
  engine                    = "aurora-postgresql"
  engine_version            = "16.4"
}

resource "aws_rds_cluster" "primary" {
  cluster_identifier        = "fixture-primary"
  engine                    = "aurora-postgresql"
  engine_mode               = "provisioned"
  global_cluster_identifier = aws_rds_global_cluster.this.id

  serverlessv2_scaling_configuration {
    min_capacity = 0.5
    max_capacity = 4
  }
}

resource "aws_rds_cluster_instance" "primary" {
  count = 2

  identifier         = "fixture-primary-${count.index}"
  cluster_identifier = aws_rds_cluster.primary.id
  instance_class     = "db.serverless"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster" "secondary" {
  provider = aws.replica

  cluster_identifier        = "fixture-secondary"
  engine                    = "aurora-postgresql"
  engine_mode               = "provisioned"
  global_cluster_identifier = aws_rds_global_cluster.this.id

  serverlessv2_scaling_configuration {
    min_capacity = 0.5
    max_capacity = 4
  }
}

resource "aws_rds_cluster_instance" "secondary" {
  provider = aws.replica

  identifier         = "fixture-secondary-0"
  cluster_identifier = aws_rds_cluster.secondary.id
  instance_class     = "db.serverless"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "provisioned" {
  identifier         = "fixture-provisioned"
  cluster_identifier = aws_rds_cluster.primary.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}

resource "aws_s3_bucket" "data" {
  bucket = "fixture-data"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "fixture-data-replica"
}

resource "aws_s3_bucket_replication_configuration" "this" {
  bucket = aws_s3_bucket.data.id
  role   = "arn:aws:iam::123456789012:role/replication"

  rule {
    id     = "all"
    status = "Enabled"

    destination {
      bucket = aws_s3_bucket.replica.arn
    }
  }
}

resource "aws_dynamodb_table" "on_demand" {
  name         = "fixture-sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  replica {
    region_name            = "us-west-2"
    point_in_time_recovery = true
  }
}

resource "aws_dynamodb_table" "provisioned" {
  name           = "fixture-orders"
  billing_mode   = "PROVISIONED"
  hash_key       = "id"
  read_capacity  = 10
  write_capacity = 5

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_appautoscaling_target" "orders_read" {
  service_namespace  = "dynamodb"
  resource_id        = "table/${aws_dynamodb_table.provisioned.name}"
  scalable_dimension = "dynamodb:table:ReadCapacityUnits"
  min_capacity       = 5
  max_capacity       = 50
}

resource "aws_kinesis_stream" "provisioned" {
  name        = "fixture-provisioned"
  shard_count = 2
}

resource "aws_kinesis_stream" "on_demand" {
  name = "fixture-on-demand"

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}
