# DynamoDB tables keyed by purpose (var.dynamodb_tables), named
# <project>-<environment>-<purpose>. Every table: point-in-time recovery,
# server-side encryption with the dynamodb key, TTL when an attribute is
# named, deletion protection per environment, and with
# enable_dynamodb_replica a replica in replica_region (a global table, which
# needs a NEW_AND_OLD_IMAGES stream).
#
# On-demand tables (PAY_PER_REQUEST) are aws_dynamodb_table.this. Provisioned
# tables are aws_dynamodb_table.autoscaled: target-tracking autoscaling owns
# the read/write capacity of the table and of its global secondary indexes,
# so Terraform ignores later changes to them (it sets the min at creation).
# Two resources because ignore_changes cannot depend on a variable; moving a
# table from one billing mode to the other moves it between them (terraform
# state mv, see the README). On a global table, the write-capacity autoscaling
# settings of the primary are applied to the replica by DynamoDB.

locals {
  dynamodb_tables = { for k, t in var.dynamodb_tables : k => {
    name                     = "${local.name_prefix}-${k}"
    hash_key                 = t.hash_key
    range_key                = t.range_key
    attributes               = t.attributes
    ttl_attribute            = t.ttl_attribute
    table_class              = t.table_class
    global_secondary_indexes = t.global_secondary_indexes
    billing_mode             = coalesce(t.billing_mode, var.dynamodb_billing_mode)
    stream_view_type         = var.enable_dynamodb_replica ? "NEW_AND_OLD_IMAGES" : t.stream_view_type
  } }

  dynamodb_on_demand   = { for k, t in local.dynamodb_tables : k => t if t.billing_mode == "PAY_PER_REQUEST" }
  dynamodb_provisioned = { for k, t in local.dynamodb_tables : k => t if t.billing_mode == "PROVISIONED" }

  dynamodb_capacity_units = { read = "ReadCapacityUnits", write = "WriteCapacityUnits" }
  dynamodb_metrics        = { read = "DynamoDBReadCapacityUtilization", write = "DynamoDBWriteCapacityUtilization" }

  # One scalable target per provisioned table (or index) and direction, keyed
  # "<table>/<read|write>" and "<table>/index/<index>/<read|write>".
  dynamodb_scaling = { for s in flatten([
    for k, t in local.dynamodb_provisioned : [
      for index in concat([""], keys(t.global_secondary_indexes)) : [
        for direction in ["read", "write"] : {
          key       = index == "" ? "${k}/${direction}" : "${k}/index/${index}/${direction}"
          table     = k
          index     = index
          direction = direction
        }
      ]
    ]
  ]) : s.key => s }
}

resource "aws_dynamodb_table" "this" {
  for_each = local.dynamodb_on_demand

  name         = each.value.name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = each.value.hash_key
  range_key    = each.value.range_key
  table_class  = each.value.table_class

  deletion_protection_enabled = var.dynamodb_deletion_protection

  stream_enabled   = each.value.stream_view_type != null
  stream_view_type = each.value.stream_view_type

  dynamic "attribute" {
    for_each = each.value.attributes

    content {
      name = attribute.key
      type = attribute.value
    }
  }

  dynamic "global_secondary_index" {
    for_each = each.value.global_secondary_indexes

    content {
      name               = global_secondary_index.key
      hash_key           = global_secondary_index.value.hash_key
      range_key          = global_secondary_index.value.range_key
      projection_type    = global_secondary_index.value.projection_type
      non_key_attributes = global_secondary_index.value.non_key_attributes
    }
  }

  dynamic "ttl" {
    for_each = each.value.ttl_attribute == null ? [] : [each.value.ttl_attribute]

    content {
      enabled        = true
      attribute_name = ttl.value
    }
  }

  point_in_time_recovery {
    enabled                 = true
    recovery_period_in_days = var.dynamodb_point_in_time_recovery_days
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.dynamodb_kms_key_arn
  }

  dynamic "replica" {
    for_each = var.enable_dynamodb_replica ? [var.replica_region] : []

    content {
      region_name                 = replica.value
      kms_key_arn                 = var.replica_dynamodb_kms_key_arn
      point_in_time_recovery      = true
      propagate_tags              = true
      deletion_protection_enabled = var.dynamodb_deletion_protection
    }
  }

  tags = merge(var.tags, { Purpose = each.key })
}

resource "aws_dynamodb_table" "autoscaled" {
  for_each = local.dynamodb_provisioned

  name           = each.value.name
  billing_mode   = "PROVISIONED"
  read_capacity  = var.dynamodb_autoscaling.read_min_capacity
  write_capacity = var.dynamodb_autoscaling.write_min_capacity
  hash_key       = each.value.hash_key
  range_key      = each.value.range_key
  table_class    = each.value.table_class

  deletion_protection_enabled = var.dynamodb_deletion_protection

  stream_enabled   = each.value.stream_view_type != null
  stream_view_type = each.value.stream_view_type

  dynamic "attribute" {
    for_each = each.value.attributes

    content {
      name = attribute.key
      type = attribute.value
    }
  }

  dynamic "global_secondary_index" {
    for_each = each.value.global_secondary_indexes

    content {
      name               = global_secondary_index.key
      hash_key           = global_secondary_index.value.hash_key
      range_key          = global_secondary_index.value.range_key
      projection_type    = global_secondary_index.value.projection_type
      non_key_attributes = global_secondary_index.value.non_key_attributes
      read_capacity      = var.dynamodb_autoscaling.read_min_capacity
      write_capacity     = var.dynamodb_autoscaling.write_min_capacity
    }
  }

  dynamic "ttl" {
    for_each = each.value.ttl_attribute == null ? [] : [each.value.ttl_attribute]

    content {
      enabled        = true
      attribute_name = ttl.value
    }
  }

  point_in_time_recovery {
    enabled                 = true
    recovery_period_in_days = var.dynamodb_point_in_time_recovery_days
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.dynamodb_kms_key_arn
  }

  dynamic "replica" {
    for_each = var.enable_dynamodb_replica ? [var.replica_region] : []

    content {
      region_name                 = replica.value
      kms_key_arn                 = var.replica_dynamodb_kms_key_arn
      point_in_time_recovery      = true
      propagate_tags              = true
      deletion_protection_enabled = var.dynamodb_deletion_protection
    }
  }

  tags = merge(var.tags, { Purpose = each.key })

  lifecycle {
    # Owned by the autoscaling policies below once the table exists.
    ignore_changes = [read_capacity, write_capacity, global_secondary_index]
  }
}

resource "aws_appautoscaling_target" "dynamodb" {
  for_each = local.dynamodb_scaling

  service_namespace  = "dynamodb"
  resource_id        = "table/${aws_dynamodb_table.autoscaled[each.value.table].name}${each.value.index == "" ? "" : "/index/${each.value.index}"}"
  scalable_dimension = "dynamodb:${each.value.index == "" ? "table" : "index"}:${local.dynamodb_capacity_units[each.value.direction]}"
  min_capacity       = var.dynamodb_autoscaling["${each.value.direction}_min_capacity"]
  max_capacity       = var.dynamodb_autoscaling["${each.value.direction}_max_capacity"]

  tags = var.tags
}

resource "aws_appautoscaling_policy" "dynamodb" {
  for_each = local.dynamodb_scaling

  name               = "${local.dynamodb_tables[each.value.table].name}${each.value.index == "" ? "" : "-${each.value.index}"}-${each.value.direction}-target-tracking"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.dynamodb[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.dynamodb[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.dynamodb[each.key].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value = var.dynamodb_autoscaling.target_utilization

    predefined_metric_specification {
      predefined_metric_type = local.dynamodb_metrics[each.value.direction]
    }
  }
}
