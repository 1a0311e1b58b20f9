# Alert topics, encrypted with the customer-managed key var.kms_key_arn.
#
# alerts receives every alarm, the budget notifications and the immediate
# cost anomaly alerts; critical (optional) receives the critical alarms too,
# for a pager. Each topic's policy lets the account manage it, lets CloudWatch
# alarms, AWS Budgets and Cost Anomaly Detection of this account publish, and
# refuses publishing without TLS.

resource "aws_sns_topic" "alerts" {
  name              = "${local.name_prefix}-alerts"
  kms_master_key_id = var.kms_key_arn

  tags = var.tags
}

resource "aws_sns_topic" "critical" {
  count = var.enable_critical_topic ? 1 : 0

  name              = "${local.name_prefix}-critical"
  kms_master_key_id = var.kms_key_arn

  tags = var.tags
}

locals {
  topic_keys = var.enable_critical_topic ? toset(["alerts", "critical"]) : toset(["alerts"])

  topic_arns = {
    alerts   = aws_sns_topic.alerts.arn
    critical = try(aws_sns_topic.critical[0].arn, null)
  }

  # Where an alarm of each severity notifies.
  alarm_topic_arns = {
    warning  = [aws_sns_topic.alerts.arn]
    critical = concat([aws_sns_topic.alerts.arn], aws_sns_topic.critical[*].arn)
  }

  # Keyed by topic, protocol and address; an HTTPS endpoint by a hash of its
  # URL, which often carries an integration key that plans should not print.
  subscriptions = merge(
    { for e in var.alert_emails : "alerts:email:${e}" => { topic = "alerts", protocol = "email", endpoint = e } },
    { for u in var.alert_https_endpoints : "alerts:https:${substr(sha256(u), 0, 16)}" => { topic = "alerts", protocol = "https", endpoint = u } },
    { for e in var.critical_alert_emails : "critical:email:${e}" => { topic = "critical", protocol = "email", endpoint = e } if var.enable_critical_topic },
    { for u in var.critical_https_endpoints : "critical:https:${substr(sha256(u), 0, 16)}" => { topic = "critical", protocol = "https", endpoint = u } if var.enable_critical_topic },
  )
}

data "aws_iam_policy_document" "topic" {
  for_each = local.topic_keys

  statement {
    sid    = "AccountManagesTheTopic"
    effect = "Allow"
    actions = [
      "SNS:AddPermission",
      "SNS:DeleteTopic",
      "SNS:GetTopicAttributes",
      "SNS:ListSubscriptionsByTopic",
      "SNS:Publish",
      "SNS:RemovePermission",
      "SNS:SetTopicAttributes",
      "SNS:Subscribe",
    ]
    resources = [local.topic_arns[each.key]]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "AwsServicesOfThisAccountPublish"
    effect    = "Allow"
    actions   = ["SNS:Publish"]
    resources = [local.topic_arns[each.key]]

    principals {
      type        = "Service"
      identifiers = local.sns_publisher_services
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  statement {
    sid       = "DenyPublishWithoutTls"
    effect    = "Deny"
    actions   = ["SNS:Publish"]
    resources = [local.topic_arns[each.key]]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sns_topic_policy" "this" {
  for_each = local.topic_keys

  arn    = local.topic_arns[each.key]
  policy = data.aws_iam_policy_document.topic[each.key].json
}

# Email subscriptions stay pending until the recipient confirms. HTTPS
# endpoints (PagerDuty, Opsgenie, ...) must confirm by themselves.
resource "aws_sns_topic_subscription" "this" {
  for_each = local.subscriptions

  topic_arn              = local.topic_arns[each.value.topic]
  protocol               = each.value.protocol
  endpoint               = each.value.endpoint
  endpoint_auto_confirms = each.value.protocol == "https"
}
