# Alerting foundation: a KMS-encrypted SNS topic for alarms. Later issues add
# dashboards, alarms, X-Ray, Synthetics canaries, budgets and anomaly detection.

locals {
  name_prefix = "${var.project}-${var.environment}"
}

resource "aws_sns_topic" "alerts" {
  name              = "${local.name_prefix}-alerts"
  kms_master_key_id = var.kms_key_arn

  tags = var.tags
}
