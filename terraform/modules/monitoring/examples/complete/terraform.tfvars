# Production-like: every dashboard widget and alarm (monitoring_depth full),
# a critical topic for the pager, two canaries every 5 minutes, X-Ray with
# encryption, the 1500 USD budget and anomaly alerts from 100 USD. The
# monitored resources are placeholders of what the compute, storage and cdn
# modules create.
project     = "candlefish"
environment = "production"
region      = "us-east-1"
tags = {
  Example = "monitoring-complete"
}
monitoring_depth = "full"

create_kms_key        = true
kms_key_arn           = null
logs_kms_key_arn      = null
artifacts_kms_key_arn = null
xray_kms_key_arn      = null

alert_emails             = ["ops@candlefish.ai", "platform@candlefish.ai"]
alert_https_endpoints    = ["https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue"]
enable_critical_topic    = true
critical_alert_emails    = ["oncall@candlefish.ai"]
critical_https_endpoints = ["https://events.pagerduty.com/integration/fedcba9876543210fedcba9876543210/enqueue"]

log_retention_days = 90

ecs = {
  cluster_name = "candlefish-production"
  service_names = {
    api    = "candlefish-production-api"
    worker = "candlefish-production-worker"
  }
}

alb = {
  arn_suffix = "app/candlefish-production/50dc6c495c0c9188"
  target_group_arn_suffixes = {
    api = "targetgroup/candlefish-production-api/73e2d6bc24d8a067"
  }
}

aurora = {
  cluster_identifier = "candlefish-production-aurora"
}

elasticache = {
  replication_group_id = "candlefish-production-cache"
  node_count           = 2
}

dynamodb_table_names = {
  sessions = "candlefish-production-sessions"
  events   = "candlefish-production-events"
}

cloudfront = {
  distribution_id = "E2QWRUHAPOMQZL"
}

enable_dashboard         = true
enable_alarms            = true
alarm_thresholds         = {}
alarm_period_seconds     = null
alarm_evaluation_periods = 3

enable_xray                = true
enable_xray_encryption     = true
enable_xray_sidecar        = null
xray_sampling_rate         = 0.05
xray_reservoir_size        = 1
xray_service_name          = "*"
xray_health_check_path     = "/health*"
xray_slow_response_seconds = 2

business_metrics_namespace = "Candlefish/Business"
business_metrics = {
  signups = {
    log_group_name = "/ecs/candlefish-production/api"
    pattern        = "{ $.event = \"signup\" }"
    metric_name    = "Signups"
    default_value  = 0
    alarm = {
      threshold          = 1
      comparison         = "LessThanThreshold"
      statistic          = "Sum"
      period_seconds     = 3600
      periods            = 3
      treat_missing_data = "breaching"
    }
  }
  payment-failures = {
    log_group_name = "/ecs/candlefish-production/api"
    pattern        = "{ $.event = \"payment_failed\" }"
    metric_name    = "PaymentFailures"
    default_value  = 0
    alarm = {
      threshold  = 5
      comparison = "GreaterThanThreshold"
      critical   = true
    }
  }
  order-value = {
    log_group_name = "/ecs/candlefish-production/api"
    pattern        = "{ $.event = \"order_placed\" }"
    metric_name    = "OrderValue"
    value          = "$.amount"
    unit           = "None"
    dimensions     = { Currency = "$.currency" }
  }
}

enable_canaries = true
canary_base_url = "https://app.candlefish.ai"
canaries = {
  home = { type = "heartbeat", path = "/" }
  api  = { type = "api", path = "/health", method = "GET", expected_status = 200 }
}
canary_schedule_expression      = "rate(5 minutes)"
canary_runtime_version          = "syn-nodejs-puppeteer-15.0"
canary_alarm_evaluation_periods = 2

enable_budget              = true
budget_limit_usd           = 1500
budget_actual_thresholds   = [80, 100]
budget_forecast_thresholds = [100]
budget_notify_sns          = true
budget_emails              = ["finance@candlefish.ai"]
cost_allocation_tag_key    = "Environment"

enable_cost_anomaly_detection = true
anomaly_monitor_type          = "TAG"
anomaly_frequency             = "IMMEDIATE"
anomaly_emails                = []
anomaly_threshold_usd         = 100
anomaly_threshold_percent     = 10
