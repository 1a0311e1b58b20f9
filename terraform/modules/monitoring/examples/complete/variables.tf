# The example's inputs go to the module unchanged (the module validates them),
# except the KMS key ARNs, which the example fills with its own key unless
# create_kms_key is false.

variable "create_kms_key" {
  type        = bool
  description = "Create a customer-managed KMS key here and give it to the module for the topics, log groups, canary artifacts and X-Ray; false: use kms_key_arn, logs_kms_key_arn, artifacts_kms_key_arn and xray_kms_key_arn as given."
  default     = true
}

################################################################################
# General
################################################################################

variable "project" {
  type        = string
  description = "Project name used as the first part of resource names (3-20 lowercase letters, digits and hyphens)."
  default     = "candlefish"
}

variable "environment" {
  type        = string
  description = "Deployment environment: one of dev, staging or production."
}

variable "region" {
  type        = string
  description = "Region of the aws provider this module runs with (us-east-1 or us-west-2): written into the dashboard widgets, which must name a region. CloudFront alarms are created only when it is us-east-1, where CloudFront publishes its metrics and where the alarm's SNS topic must be."
  default     = "us-east-1"
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into the tags of every resource, on top of the provider default_tags."
  default     = {}
}

variable "monitoring_depth" {
  type        = string
  description = "How much this module watches, which sets its CloudWatch cost: basic (one dashboard; CPU, memory, 5xx-rate and cache-memory alarms; 5-minute periods), enhanced (adds running-task, latency, unhealthy-host, Aurora, cache CPU and eviction, DynamoDB throttle and CloudFront alarms, and the X-Ray sidecar) or full (enhanced with 1-minute periods and X-Ray Insights). null: basic in dev, enhanced in staging, full in production."
  default     = null
}

################################################################################
# Encryption
################################################################################

variable "kms_key_arn" {
  type        = string
  description = "ARN of an existing KMS key for the SNS alert topics, used when create_kms_key is false."
  default     = null
}

variable "logs_kms_key_arn" {
  type        = string
  description = "Used when create_kms_key is false: ARN of the customer-managed KMS key that encrypts the log groups this module creates (the canaries'); its key policy must allow logs.<region>.amazonaws.com (normally the security module's logs key). Required when enable_canaries is true."
  default     = null
}

variable "artifacts_kms_key_arn" {
  type        = string
  description = "Used when create_kms_key is false: ARN of the customer-managed KMS key that encrypts the canary artifacts bucket and the artifacts the canaries write (SSE-KMS); principals of the account must be able to use it through S3 (normally the security module's s3 key). Required when enable_canaries is true."
  default     = null
}

################################################################################
# Alerting (SNS)
################################################################################

variable "alert_emails" {
  type        = set(string)
  description = "Email addresses subscribed to the alerts topic (each must confirm the subscription)."
  default     = []
}

variable "alert_https_endpoints" {
  type        = set(string)
  description = "HTTPS URLs subscribed to the alerts topic (e.g. a PagerDuty or Opsgenie SNS integration URL); they must confirm the subscription automatically."
  default     = []
}

variable "enable_critical_topic" {
  type        = bool
  description = "Create a second KMS-encrypted topic, <project>-<environment>-critical, that receives the critical alarms (5xx rate, running tasks, CloudFront errors, canaries and business alarms marked critical) in addition to the alerts topic; subscribe a pager to it."
  default     = false
}

variable "critical_alert_emails" {
  type        = set(string)
  description = "Email addresses subscribed to the critical topic (used when enable_critical_topic is true)."
  default     = []
}

variable "critical_https_endpoints" {
  type        = set(string)
  description = "HTTPS URLs subscribed to the critical topic (used when enable_critical_topic is true); they must confirm the subscription automatically."
  default     = []
}

################################################################################
# Logs
################################################################################

variable "log_retention_days" {
  type        = number
  description = "Retention, in days, of every log group this module creates; the log_retention_days output returns it so the environment can give the same number to every other module. One of the values CloudWatch Logs accepts, within the environment's tier: dev 1-7, staging 30-90, production 90 or more. null: 7 in dev, 30 in staging, 90 in production."
  default     = null
}

################################################################################
# Monitored resources (other modules' outputs)
#
# Each optional resource is an object (or a map) rather than a nullable ID:
# whether it exists must be known when Terraform plans, but IDs such as an
# ALB's ARN suffix or a CloudFront distribution's ID are only known after the
# resource is created. The environment writes the object (or null) itself and
# fills it with the other module's outputs.
################################################################################

variable "ecs" {
  type = object({
    cluster_name  = string
    service_names = map(string)
  })
  description = "ECS cluster name and its services to watch, keyed by a stable name (e.g. the compute module's cluster_name and service_names outputs). null: no ECS widgets or alarms."
  default     = null
}

variable "alb" {
  type = object({
    arn_suffix                = string
    target_group_arn_suffixes = optional(map(string), {})
  })
  description = "Application load balancer to watch: its ARN suffix (app/<name>/<id>; a full ARN is accepted) and its target groups' ARN suffixes (targetgroup/<name>/<id>; full ARNs are accepted), keyed by a stable name. null: no load balancer widgets or alarms."
  default     = null
}

variable "aurora" {
  type = object({
    cluster_identifier = string
  })
  description = "Aurora (Serverless v2) cluster to watch (the storage module's aurora_cluster_id). null: no Aurora widgets or alarms."
  default     = null
}

variable "elasticache" {
  type = object({
    replication_group_id = string
    node_count           = optional(number, 1)
  })
  description = "ElastiCache (Valkey/Redis OSS, cluster mode disabled) replication group to watch and its number of nodes (the storage module's cache_replication_group_id and cache_num_nodes); its nodes are <id>-001, <id>-002, ... null: no cache widgets or alarms."
  default     = null
}

variable "dynamodb_table_names" {
  type        = map(string)
  description = "DynamoDB tables whose throttling to watch, keyed by a stable name (the storage module's dynamodb_table_names output)."
  default     = {}
}

variable "cloudfront" {
  type = object({
    distribution_id = string
  })
  description = "CloudFront distribution to watch (the cdn module's distribution ID). Its metrics live in us-east-1 with the dimension Region = Global. null: no CloudFront widgets or alarms."
  default     = null
}

################################################################################
# Dashboards and alarms
################################################################################

variable "enable_dashboard" {
  type        = bool
  description = "Create the operations dashboard (about 3 USD a month beyond the account's first three dashboards). It holds a widget for each resource given, and none is created when no resource is given."
  default     = true
}

variable "enable_alarms" {
  type        = bool
  description = "Create the metric alarms on the monitored resources (which ones depends on monitoring_depth). Canary and business-metric alarms follow enable_canaries and business_metrics."
  default     = true
}

variable "alarm_thresholds" {
  type = object({
    ecs_cpu_percent             = optional(number, 80)
    ecs_memory_percent          = optional(number, 85)
    ecs_min_running_tasks       = optional(number, 1)
    alb_5xx_rate_percent        = optional(number, 5)
    alb_5xx_min_requests        = optional(number, 20)
    alb_p99_latency_seconds     = optional(number, 2)
    alb_unhealthy_hosts         = optional(number, 0)
    aurora_acu                  = optional(number, 12)
    aurora_connections          = optional(number, 500)
    cache_cpu_percent           = optional(number, 75)
    cache_memory_percent        = optional(number, 80)
    cache_evictions             = optional(number, 100)
    dynamodb_throttles          = optional(number, 0)
    cloudfront_5xx_rate_percent = optional(number, 5)
  })
  description = "Alarm thresholds: ECS average CPU and memory (%, above), minimum running tasks per service (below), load balancer 5xx share of requests (%, above; only with at least alb_5xx_min_requests requests in the period), p99 target response time (seconds, above), unhealthy hosts per target group (above), Aurora capacity (ACU, above) and connections (above), cache engine CPU and memory (%, above) and evictions per period (above), DynamoDB read+write throttle events per period (above), CloudFront 5xx error rate (%, above)."
  default     = {}
}

variable "alarm_period_seconds" {
  type        = number
  description = "Period of the metric alarms, in seconds: 10, 30 or a multiple of 60 up to 86400 (below 60 is a high-resolution alarm at three times the price). null: 60 with monitoring_depth full, 300 otherwise."
  default     = null
}

variable "alarm_evaluation_periods" {
  type        = number
  description = "Number of consecutive periods a metric alarm's condition must hold before it fires (1-10)."
  default     = 3
}

################################################################################
# X-Ray
################################################################################

variable "enable_xray" {
  type        = bool
  description = "Create the X-Ray sampling rules and groups (errors, slow requests)."
  default     = true
}

variable "enable_xray_encryption" {
  type        = bool
  description = "Encrypt X-Ray traces with xray_kms_key_arn (aws_xray_encryption_config). The setting is one per account and region: enable it in one environment per account and region only."
  default     = false
}

variable "xray_kms_key_arn" {
  type        = string
  description = "Used when create_kms_key is false: ARN of the customer-managed KMS key X-Ray encrypts traces with (used when enable_xray_encryption is true); principals that write and read traces must be able to use it through xray.<region>.amazonaws.com."
  default     = null
}

variable "enable_xray_sidecar" {
  type        = bool
  description = "Whether the compute module should add the X-Ray daemon sidecar to its tasks; this module only decides and passes it on (output enable_xray_sidecar). null: on when enable_xray is true and monitoring_depth is enhanced or full (the sidecar reserves 32 CPU units and 256 MiB per task, too much for dev's 256/512 tasks)."
  default     = null
}

variable "xray_sampling_rate" {
  type        = number
  description = "Fraction of requests traced beyond the reservoir, from 0 to 1. null: 0.1 in dev and staging, 0.05 in production."
  default     = null
}

variable "xray_reservoir_size" {
  type        = number
  description = "Requests per second traced before the sampling rate applies (a whole number, 0-1000)."
  default     = 1
}

variable "xray_service_name" {
  type        = string
  description = "Service name (X-Ray wildcards * and ? allowed) the sampling rules match. \"*\" matches every service of the account and region: when environments share an account, give each its own pattern (e.g. candlefish-staging-*) and name the application's X-Ray segments accordingly."
  default     = "*"
}

variable "xray_health_check_path" {
  type        = string
  description = "URL path (X-Ray wildcards allowed) of the health checks, which a sampling rule excludes from tracing."
  default     = "/health*"
}

variable "xray_slow_response_seconds" {
  type        = number
  description = "Response time, in seconds, above which a trace belongs to the slow-requests X-Ray group."
  default     = 2
}

################################################################################
# Business metrics (metric filters on the application's log groups)
################################################################################

variable "business_metrics_namespace" {
  type        = string
  description = "CloudWatch namespace of the business metrics extracted from the application's logs."
  default     = "Candlefish/Business"
}

variable "business_metrics" {
  type = map(object({
    log_group_name = string
    pattern        = string
    metric_name    = string
    value          = optional(string, "1")
    unit           = optional(string, "Count")
    default_value  = optional(number)
    dimensions     = optional(map(string), {})
    alarm = optional(object({
      threshold          = number
      comparison         = string
      periods            = optional(number, 1)
      statistic          = optional(string, "Sum")
      period_seconds     = optional(number, 300)
      treat_missing_data = optional(string, "notBreaching")
      critical           = optional(bool, false)
    }))
  }))
  description = "Business metrics extracted from log groups owned elsewhere (e.g. the compute module's service_log_group_names), keyed by a stable name: the filter pattern, the metric name in business_metrics_namespace, the value published per match (a number or a $.field selector), its unit, an optional default value or dimensions (not both), and an optional alarm (threshold, comparison operator, evaluation periods, statistic, period, missing-data treatment, and whether it is critical). A metric with dimensions cannot have an alarm."
  default     = {}
}

################################################################################
# Synthetics canaries
################################################################################

variable "enable_canaries" {
  type        = bool
  description = "Create the CloudWatch Synthetics canaries (canaries), their encrypted artifacts bucket, IAM role, log groups and alarms. Each run costs 0.0012 USD: a canary every 5 minutes is about 10.40 USD a month, every 30 minutes 1.75, every hour 0.90 (plus Lambda and S3)."
  default     = false
}

variable "canary_base_url" {
  type        = string
  description = "Public HTTPS URL of the application the canaries check (e.g. https://app.candlefish.ai); each canary adds its path."
  default     = null
}

variable "canaries" {
  type = map(object({
    type            = string
    path            = optional(string, "/")
    method          = optional(string, "GET")
    expected_status = optional(number, 200)
  }))
  description = "Canaries, keyed by a short name (part of the canary name <project>-<environment>-<key>): type heartbeat (loads the page in a browser) or api (an HTTP request), the absolute path requested on canary_base_url's host, the HTTP method (api only) and the status code expected."
  default = {
    home = { type = "heartbeat", path = "/" }
    api  = { type = "api", path = "/health" }
  }
}

variable "canary_schedule_expression" {
  type        = string
  description = "How often the canaries run: rate(1 minute), rate(N minutes) with N from 2 to 60, rate(1 hour) or a 6-field cron(...) expression. null: rate(5 minutes) in production, rate(30 minutes) in staging, rate(1 hour) in dev."
  default     = null
}

variable "canary_runtime_version" {
  type        = string
  description = "Synthetics runtime of the canaries: a Node.js Puppeteer runtime syn-nodejs-puppeteer-9.1 or newer (the canary scripts use the Puppeteer library and load it under its new or its legacy name)."
  default     = "syn-nodejs-puppeteer-15.0"
}

variable "canary_alarm_evaluation_periods" {
  type        = number
  description = "Number of consecutive failed canary runs (periods of the canary schedule) before a canary's alarm fires (1-5)."
  default     = 2
}

################################################################################
# Budget
################################################################################

variable "enable_budget" {
  type        = bool
  description = "Create the environment's monthly AWS Budgets cost budget, filtered by the cost-allocation tag cost_allocation_tag_key = <environment>."
  default     = true
}

variable "budget_limit_usd" {
  type        = number
  description = "Monthly cost ceiling of the environment, in USD. null: the product's ceilings, 100 in dev, 400 in staging, 1500 in production."
  default     = null
}

variable "budget_actual_thresholds" {
  type        = set(number)
  description = "Percentages of the budget at which actual spending notifies (e.g. 80 and 100)."
  default     = [80, 100]
}

variable "budget_forecast_thresholds" {
  type        = set(number)
  description = "Percentages of the budget at which forecasted spending notifies (e.g. 100)."
  default     = [100]
}

variable "budget_notify_sns" {
  type        = bool
  description = "Send the budget notifications to the alerts topic (its policy lets budgets.amazonaws.com publish; the KMS key must allow it too)."
  default     = true
}

variable "budget_emails" {
  type        = set(string)
  description = "Email addresses that receive the budget notifications directly (at most 10), besides or instead of the alerts topic."
  default     = []
}

variable "cost_allocation_tag_key" {
  type        = string
  description = "Cost-allocation tag whose value is the environment name, used by the budget filter (user:<key>$<environment>) and the tag-based anomaly monitor; it must be activated in the Billing console."
  default     = "Environment"
}

################################################################################
# Cost anomaly detection
################################################################################

variable "enable_cost_anomaly_detection" {
  type        = bool
  description = "Create a Cost Anomaly Detection monitor and its alert subscription."
  default     = true
}

variable "anomaly_monitor_type" {
  type        = string
  description = "TAG: a custom monitor of the costs tagged cost_allocation_tag_key = <environment> (one per environment). SERVICE: the account-wide monitor by AWS service (an account may have only one; create it in one environment)."
  default     = "TAG"
}

variable "anomaly_frequency" {
  type        = string
  description = "How often anomaly alerts are sent: IMMEDIATE (to the alerts topic; AWS sends immediate alerts only to SNS) or DAILY / WEEKLY (summaries to anomaly_emails; AWS sends those only by email)."
  default     = "IMMEDIATE"
}

variable "anomaly_emails" {
  type        = set(string)
  description = "Email addresses of the DAILY or WEEKLY anomaly summaries (at most 10; unused with IMMEDIATE)."
  default     = []
}

variable "anomaly_threshold_usd" {
  type        = number
  description = "Alert on an anomaly whose total cost impact is at least this many USD. null: 10 in dev, 25 in staging, 100 in production."
  default     = null
}

variable "anomaly_threshold_percent" {
  type        = number
  description = "When set, alert only on anomalies whose impact is also at least this percentage of the expected spend (combined with anomaly_threshold_usd by AND). null: the USD threshold alone."
  default     = null
}
