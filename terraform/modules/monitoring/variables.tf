################################################################################
# General
################################################################################

variable "project" {
  type        = string
  description = "Project name used as the first part of resource names (3-20 lowercase letters, digits and hyphens)."
  default     = "candlefish"

  validation {
    condition     = can(regex("^[a-z0-9-]{3,20}$", var.project))
    error_message = "project must be 3-20 characters of lowercase letters, digits and hyphens."
  }
}

variable "environment" {
  type        = string
  description = "Deployment environment: one of dev, staging or production."

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be one of: dev, staging, production."
  }
}

variable "region" {
  type        = string
  description = "Region of the aws provider this module runs with (us-east-1 or us-west-2): written into the dashboard widgets, which must name a region. CloudFront alarms are created only when it is us-east-1, where CloudFront publishes its metrics and where the alarm's SNS topic must be."
  default     = "us-east-1"

  validation {
    condition     = contains(["us-east-1", "us-west-2"], var.region)
    error_message = "region must be one of: us-east-1, us-west-2."
  }
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

  validation {
    condition     = var.monitoring_depth == null ? true : contains(["basic", "enhanced", "full"], var.monitoring_depth)
    error_message = "monitoring_depth must be null or one of: basic, enhanced, full."
  }
}

################################################################################
# Encryption
################################################################################

variable "kms_key_arn" {
  type        = string
  description = "ARN of the customer-managed KMS key that encrypts the SNS alert topics (normally the security module's sns key). Its key policy must let the publishers use it (kms:GenerateDataKey*, kms:Decrypt): cloudwatch.amazonaws.com (alarms), budgets.amazonaws.com (budgets) and costalerts.amazonaws.com (cost anomaly detection); see the sns_kms_key_service_principals output."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN: arn:<partition>:kms:<region>:<account-id>:key/<key-id>."
  }
}

variable "logs_kms_key_arn" {
  type        = string
  description = "ARN of the customer-managed KMS key that encrypts the log groups this module creates (the canaries'); its key policy must allow logs.<region>.amazonaws.com (normally the security module's logs key). Required when enable_canaries is true."
  default     = null

  validation {
    condition     = var.logs_kms_key_arn == null ? true : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-z0-9-]+$", var.logs_kms_key_arn))
    error_message = "logs_kms_key_arn must be null or a KMS key ARN: arn:<partition>:kms:<region>:<account-id>:key/<key-id>."
  }

  validation {
    condition     = !var.enable_canaries || var.logs_kms_key_arn != null
    error_message = "logs_kms_key_arn must be set when enable_canaries is true: the canaries' log groups are encrypted with it."
  }
}

variable "artifacts_kms_key_arn" {
  type        = string
  description = "ARN of the customer-managed KMS key that encrypts the canary artifacts bucket and the artifacts the canaries write (SSE-KMS); principals of the account must be able to use it through S3 (normally the security module's s3 key). Required when enable_canaries is true."
  default     = null

  validation {
    condition     = var.artifacts_kms_key_arn == null ? true : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-z0-9-]+$", var.artifacts_kms_key_arn))
    error_message = "artifacts_kms_key_arn must be null or a KMS key ARN: arn:<partition>:kms:<region>:<account-id>:key/<key-id>."
  }

  validation {
    condition     = !var.enable_canaries || var.artifacts_kms_key_arn != null
    error_message = "artifacts_kms_key_arn must be set when enable_canaries is true: the canary artifacts bucket is encrypted with it."
  }
}

################################################################################
# Alerting (SNS)
################################################################################

variable "alert_emails" {
  type        = set(string)
  description = "Email addresses subscribed to the alerts topic (each must confirm the subscription)."
  default     = []

  validation {
    condition     = alltrue([for e in var.alert_emails : can(regex("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$", e))])
    error_message = "alert_emails must be email addresses such as ops@example.com."
  }
}

variable "alert_https_endpoints" {
  type        = set(string)
  description = "HTTPS URLs subscribed to the alerts topic (e.g. a PagerDuty or Opsgenie SNS integration URL); they must confirm the subscription automatically."
  default     = []

  validation {
    condition     = alltrue([for u in var.alert_https_endpoints : can(regex("^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^[:space:]]*)?$", u))])
    error_message = "alert_https_endpoints must be https:// URLs such as https://events.pagerduty.com/integration/abc/enqueue."
  }
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

  validation {
    condition     = alltrue([for e in var.critical_alert_emails : can(regex("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$", e))])
    error_message = "critical_alert_emails must be email addresses such as oncall@example.com."
  }
}

variable "critical_https_endpoints" {
  type        = set(string)
  description = "HTTPS URLs subscribed to the critical topic (used when enable_critical_topic is true); they must confirm the subscription automatically."
  default     = []

  validation {
    condition     = alltrue([for u in var.critical_https_endpoints : can(regex("^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^[:space:]]*)?$", u))])
    error_message = "critical_https_endpoints must be https:// URLs such as https://events.pagerduty.com/integration/abc/enqueue."
  }
}

################################################################################
# Logs
################################################################################

variable "log_retention_days" {
  type        = number
  description = "Retention, in days, of every log group this module creates; the log_retention_days output returns it so the environment can give the same number to every other module. One of the values CloudWatch Logs accepts, within the environment's tier: dev 1-7, staging 30-90, production 90 or more. null: 7 in dev, 30 in staging, 90 in production."
  default     = null

  validation {
    condition     = var.log_retention_days == null ? true : contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be null or one of: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }

  validation {
    condition = var.log_retention_days == null ? true : (
      var.environment == "dev" ? var.log_retention_days <= 7 : (
        var.environment == "staging" ? var.log_retention_days >= 30 && var.log_retention_days <= 90 : var.log_retention_days >= 90
      )
    )
    error_message = "log_retention_days must fit the environment's tier: at most 7 in dev, 30 to 90 in staging, at least 90 in production."
  }
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

  validation {
    condition     = var.ecs == null ? true : alltrue([for k in keys(var.ecs.service_names) : can(regex("^[a-z0-9][a-z0-9_-]{0,31}$", k))])
    error_message = "ecs.service_names keys must be 1-32 lowercase letters, digits, hyphens and underscores, starting with a letter or digit."
  }

  validation {
    condition     = var.ecs == null ? true : length(var.ecs.service_names) > 0
    error_message = "ecs.service_names must name at least one service (or set ecs = null)."
  }
}

variable "alb" {
  type = object({
    arn_suffix                = string
    target_group_arn_suffixes = optional(map(string), {})
  })
  description = "Application load balancer to watch: its ARN suffix (app/<name>/<id>; a full ARN is accepted) and its target groups' ARN suffixes (targetgroup/<name>/<id>; full ARNs are accepted), keyed by a stable name. null: no load balancer widgets or alarms."
  default     = null

  validation {
    condition     = var.alb == null ? true : alltrue([for k in keys(var.alb.target_group_arn_suffixes) : can(regex("^[a-z0-9][a-z0-9_-]{0,31}$", k))])
    error_message = "alb.target_group_arn_suffixes keys must be 1-32 lowercase letters, digits, hyphens and underscores, starting with a letter or digit."
  }

  validation {
    condition     = var.alb == null ? true : can(regex("(^|:loadbalancer/)app/[A-Za-z0-9-]{1,32}/[0-9a-f]+$", var.alb.arn_suffix))
    error_message = "alb.arn_suffix must be an application load balancer's ARN suffix, app/<name>/<id>, or its full ARN."
  }
}

variable "aurora" {
  type = object({
    cluster_identifier = string
  })
  description = "Aurora (Serverless v2) cluster to watch (the storage module's aurora_cluster_id). null: no Aurora widgets or alarms."
  default     = null

  validation {
    condition     = var.aurora == null ? true : can(regex("^[a-z][a-z0-9-]{0,62}$", var.aurora.cluster_identifier))
    error_message = "aurora.cluster_identifier must be an RDS cluster identifier: 1-63 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "elasticache" {
  type = object({
    replication_group_id = string
    node_count           = optional(number, 1)
  })
  description = "ElastiCache (Valkey/Redis OSS, cluster mode disabled) replication group to watch and its number of nodes (the storage module's cache_replication_group_id and cache_num_nodes); its nodes are <id>-001, <id>-002, ... null: no cache widgets or alarms."
  default     = null

  validation {
    condition     = var.elasticache == null ? true : can(regex("^[a-z][a-z0-9-]{0,39}$", var.elasticache.replication_group_id))
    error_message = "elasticache.replication_group_id must be 1-40 lowercase letters, digits and hyphens, starting with a letter."
  }

  validation {
    condition     = var.elasticache == null ? true : var.elasticache.node_count >= 1 && var.elasticache.node_count <= 6 && floor(var.elasticache.node_count) == var.elasticache.node_count
    error_message = "elasticache.node_count must be a whole number from 1 to 6 (a primary and up to 5 replicas)."
  }
}

variable "dynamodb_table_names" {
  type        = map(string)
  description = "DynamoDB tables whose throttling to watch, keyed by a stable name (the storage module's dynamodb_table_names output)."
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.dynamodb_table_names) : can(regex("^[a-z0-9][a-z0-9_-]{0,31}$", k))])
    error_message = "dynamodb_table_names keys must be 1-32 lowercase letters, digits, hyphens and underscores, starting with a letter or digit."
  }
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

  validation {
    condition = alltrue([for p in [
      var.alarm_thresholds.ecs_cpu_percent, var.alarm_thresholds.ecs_memory_percent, var.alarm_thresholds.alb_5xx_rate_percent,
      var.alarm_thresholds.cache_cpu_percent, var.alarm_thresholds.cache_memory_percent, var.alarm_thresholds.cloudfront_5xx_rate_percent,
    ] : p > 0 && p <= 100])
    error_message = "alarm_thresholds percentages (ecs_cpu_percent, ecs_memory_percent, alb_5xx_rate_percent, cache_cpu_percent, cache_memory_percent, cloudfront_5xx_rate_percent) must be greater than 0 and at most 100."
  }

  validation {
    condition = alltrue([for n in [
      var.alarm_thresholds.ecs_min_running_tasks, var.alarm_thresholds.alb_5xx_min_requests, var.alarm_thresholds.alb_unhealthy_hosts,
      var.alarm_thresholds.cache_evictions, var.alarm_thresholds.dynamodb_throttles,
    ] : n >= 0 && floor(n) == n])
    error_message = "alarm_thresholds counts (ecs_min_running_tasks, alb_5xx_min_requests, alb_unhealthy_hosts, cache_evictions, dynamodb_throttles) must be whole numbers of 0 or more."
  }

  validation {
    condition     = var.alarm_thresholds.alb_p99_latency_seconds > 0 && var.alarm_thresholds.alb_p99_latency_seconds <= 60
    error_message = "alarm_thresholds.alb_p99_latency_seconds must be greater than 0 and at most 60."
  }

  validation {
    condition     = var.alarm_thresholds.aurora_acu >= 0.5 && var.alarm_thresholds.aurora_acu <= 256
    error_message = "alarm_thresholds.aurora_acu must be between 0.5 and 256 (Aurora Serverless v2 capacity units)."
  }

  validation {
    condition     = var.alarm_thresholds.aurora_connections >= 1 && floor(var.alarm_thresholds.aurora_connections) == var.alarm_thresholds.aurora_connections
    error_message = "alarm_thresholds.aurora_connections must be a whole number of 1 or more."
  }
}

variable "alarm_period_seconds" {
  type        = number
  description = "Period of the metric alarms, in seconds: 10, 30 or a multiple of 60 up to 86400 (below 60 is a high-resolution alarm at three times the price). null: 60 with monitoring_depth full, 300 otherwise."
  default     = null

  validation {
    condition     = var.alarm_period_seconds == null ? true : contains([10, 30], var.alarm_period_seconds) || (var.alarm_period_seconds >= 60 && var.alarm_period_seconds <= 86400 && var.alarm_period_seconds % 60 == 0)
    error_message = "alarm_period_seconds must be null, 10, 30 or a multiple of 60 between 60 and 86400."
  }
}

variable "alarm_evaluation_periods" {
  type        = number
  description = "Number of consecutive periods a metric alarm's condition must hold before it fires (1-10)."
  default     = 3

  validation {
    condition     = var.alarm_evaluation_periods >= 1 && var.alarm_evaluation_periods <= 10 && floor(var.alarm_evaluation_periods) == var.alarm_evaluation_periods
    error_message = "alarm_evaluation_periods must be a whole number from 1 to 10."
  }
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

  validation {
    condition     = !var.enable_xray_encryption || var.xray_kms_key_arn != null
    error_message = "enable_xray_encryption needs xray_kms_key_arn."
  }
}

variable "xray_kms_key_arn" {
  type        = string
  description = "ARN of the customer-managed KMS key X-Ray encrypts traces with (used when enable_xray_encryption is true); principals that write and read traces must be able to use it through xray.<region>.amazonaws.com."
  default     = null

  validation {
    condition     = var.xray_kms_key_arn == null ? true : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-z0-9-]+$", var.xray_kms_key_arn))
    error_message = "xray_kms_key_arn must be null or a KMS key ARN: arn:<partition>:kms:<region>:<account-id>:key/<key-id>."
  }
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

  validation {
    condition     = var.xray_sampling_rate == null ? true : var.xray_sampling_rate >= 0 && var.xray_sampling_rate <= 1
    error_message = "xray_sampling_rate must be null or a number from 0 to 1."
  }
}

variable "xray_reservoir_size" {
  type        = number
  description = "Requests per second traced before the sampling rate applies (a whole number, 0-1000)."
  default     = 1

  validation {
    condition     = var.xray_reservoir_size >= 0 && var.xray_reservoir_size <= 1000 && floor(var.xray_reservoir_size) == var.xray_reservoir_size
    error_message = "xray_reservoir_size must be a whole number from 0 to 1000."
  }
}

variable "xray_service_name" {
  type        = string
  description = "Service name (X-Ray wildcards * and ? allowed) the sampling rules match. \"*\" matches every service of the account and region: when environments share an account, give each its own pattern (e.g. candlefish-staging-*) and name the application's X-Ray segments accordingly."
  default     = "*"

  validation {
    condition     = can(regex("^[A-Za-z0-9 _.:/=+@*?-]{1,64}$", var.xray_service_name))
    error_message = "xray_service_name must be 1-64 characters of letters, digits, spaces, the X-Ray wildcards * and ?, and _ . : / = + @ -."
  }
}

variable "xray_health_check_path" {
  type        = string
  description = "URL path (X-Ray wildcards allowed) of the health checks, which a sampling rule excludes from tracing."
  default     = "/health*"

  validation {
    condition     = can(regex("^/[A-Za-z0-9_.~/*?-]{0,127}$", var.xray_health_check_path))
    error_message = "xray_health_check_path must start with / and hold at most 128 characters of letters, digits, _ . ~ / - and the wildcards * and ?."
  }
}

variable "xray_slow_response_seconds" {
  type        = number
  description = "Response time, in seconds, above which a trace belongs to the slow-requests X-Ray group."
  default     = 2

  validation {
    condition     = var.xray_slow_response_seconds > 0 && var.xray_slow_response_seconds <= 300
    error_message = "xray_slow_response_seconds must be greater than 0 and at most 300."
  }
}

################################################################################
# Business metrics (metric filters on the application's log groups)
################################################################################

variable "business_metrics_namespace" {
  type        = string
  description = "CloudWatch namespace of the business metrics extracted from the application's logs."
  default     = "Candlefish/Business"

  validation {
    condition     = can(regex("^[A-Za-z0-9._/#:-]{1,255}$", var.business_metrics_namespace)) && !startswith(var.business_metrics_namespace, "AWS/")
    error_message = "business_metrics_namespace must be 1-255 letters, digits and . _ / # : - characters, and must not start with AWS/ (reserved for AWS services)."
  }
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

  validation {
    condition     = alltrue([for k in keys(var.business_metrics) : can(regex("^[a-z0-9][a-z0-9_-]{0,63}$", k))])
    error_message = "business_metrics keys must be 1-64 lowercase letters, digits, hyphens and underscores, starting with a letter or digit."
  }

  validation {
    condition     = alltrue([for m in values(var.business_metrics) : can(regex("^[A-Za-z0-9_./#-]{1,512}$", m.log_group_name))])
    error_message = "business_metrics log_group_name must be a CloudWatch log group name (1-512 letters, digits and _ . / # -)."
  }

  validation {
    condition     = alltrue([for m in values(var.business_metrics) : length(m.pattern) <= 1024 && can(regex("^[A-Za-z0-9_.:/#-]{1,255}$", m.metric_name))])
    error_message = "business_metrics pattern must be at most 1024 characters and metric_name 1-255 letters, digits and _ . : / # -."
  }

  validation {
    condition = alltrue([for m in values(var.business_metrics) : contains([
      "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
      "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second",
      "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second",
      "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
    ], m.unit)])
    error_message = "business_metrics unit must be a CloudWatch unit: Seconds, Microseconds, Milliseconds, Bytes, Kilobytes, Megabytes, Gigabytes, Terabytes, Bits, Kilobits, Megabits, Gigabits, Terabits, Percent, Count, the /Second rates of those, Count/Second or None."
  }

  validation {
    condition     = alltrue([for m in values(var.business_metrics) : can(regex("^(-?[0-9]+(\\.[0-9]+)?|\\$[A-Za-z0-9_.\\[\\]]+)$", m.value))])
    error_message = "business_metrics value must be a number (e.g. 1) or a field selector such as $.amount."
  }

  validation {
    condition     = alltrue([for m in values(var.business_metrics) : m.default_value == null || length(m.dimensions) == 0])
    error_message = "business_metrics entries may have a default_value or dimensions, not both (CloudWatch Logs rejects the combination)."
  }

  validation {
    condition     = alltrue([for m in values(var.business_metrics) : length(m.dimensions) <= 3])
    error_message = "business_metrics dimensions may hold at most 3 entries."
  }

  validation {
    condition     = alltrue([for m in values(var.business_metrics) : m.alarm == null || length(m.dimensions) == 0])
    error_message = "business_metrics entries with dimensions cannot have an alarm (the alarm watches the metric without dimensions)."
  }

  validation {
    condition = alltrue([for m in values(var.business_metrics) : m.alarm == null ? true : contains([
      "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold",
    ], m.alarm.comparison)])
    error_message = "business_metrics alarm.comparison must be one of: GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold."
  }

  validation {
    condition     = alltrue([for m in values(var.business_metrics) : m.alarm == null ? true : contains(["SampleCount", "Average", "Sum", "Minimum", "Maximum"], m.alarm.statistic)])
    error_message = "business_metrics alarm.statistic must be one of: SampleCount, Average, Sum, Minimum, Maximum."
  }

  validation {
    condition     = alltrue([for m in values(var.business_metrics) : m.alarm == null ? true : m.alarm.periods >= 1 && m.alarm.periods <= 10 && floor(m.alarm.periods) == m.alarm.periods])
    error_message = "business_metrics alarm.periods must be a whole number from 1 to 10."
  }

  validation {
    condition     = alltrue([for m in values(var.business_metrics) : m.alarm == null ? true : m.alarm.period_seconds >= 60 && m.alarm.period_seconds <= 86400 && m.alarm.period_seconds % 60 == 0])
    error_message = "business_metrics alarm.period_seconds must be a multiple of 60 between 60 and 86400."
  }

  validation {
    condition     = alltrue([for m in values(var.business_metrics) : m.alarm == null ? true : contains(["missing", "ignore", "breaching", "notBreaching"], m.alarm.treat_missing_data)])
    error_message = "business_metrics alarm.treat_missing_data must be one of: missing, ignore, breaching, notBreaching."
  }
}

################################################################################
# Synthetics canaries
################################################################################

variable "enable_canaries" {
  type        = bool
  description = "Create the CloudWatch Synthetics canaries (canaries), their encrypted artifacts bucket, IAM role, log groups and alarms. Each run costs 0.0012 USD: a canary every 5 minutes is about 10.40 USD a month, every 30 minutes 1.75, every hour 0.90 (plus Lambda and S3)."
  default     = false

  validation {
    condition     = !var.enable_canaries || var.canary_base_url != null
    error_message = "enable_canaries needs canary_base_url."
  }
}

variable "canary_base_url" {
  type        = string
  description = "Public HTTPS URL of the application the canaries check (e.g. https://app.candlefish.ai); each canary adds its path."
  default     = null

  validation {
    condition     = var.canary_base_url == null ? true : can(regex("^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^[:space:]]*)?$", var.canary_base_url))
    error_message = "canary_base_url must be null or an https:// URL such as https://app.candlefish.ai."
  }
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

  validation {
    condition     = alltrue([for k in keys(var.canaries) : can(regex("^[a-z0-9][a-z0-9_-]{0,19}$", k))])
    error_message = "canaries keys must be 1-20 lowercase letters, digits, hyphens and underscores, starting with a letter or digit."
  }

  validation {
    condition     = alltrue([for c in values(var.canaries) : contains(["heartbeat", "api"], c.type)])
    error_message = "canaries type must be heartbeat or api."
  }

  validation {
    condition     = alltrue([for c in values(var.canaries) : can(regex("^/[^[:space:]]*$", c.path))])
    error_message = "canaries path must start with / and contain no spaces."
  }

  validation {
    condition     = alltrue([for c in values(var.canaries) : contains(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"], c.method)])
    error_message = "canaries method must be one of: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS."
  }

  validation {
    condition     = alltrue([for c in values(var.canaries) : c.expected_status >= 100 && c.expected_status <= 599 && floor(c.expected_status) == c.expected_status])
    error_message = "canaries expected_status must be an HTTP status code from 100 to 599."
  }
}

variable "canary_schedule_expression" {
  type        = string
  description = "How often the canaries run: rate(1 minute), rate(N minutes) with N from 2 to 60, rate(1 hour) or a 6-field cron(...) expression. null: rate(5 minutes) in production, rate(30 minutes) in staging, rate(1 hour) in dev."
  default     = null

  validation {
    condition     = var.canary_schedule_expression == null ? true : can(regex("^(rate\\((1 minute|([2-9]|[1-5][0-9]|60) minutes|1 hour)\\)|cron\\([^[:space:]]+( [^[:space:]]+){5}\\))$", var.canary_schedule_expression))
    error_message = "canary_schedule_expression must be null, rate(1 minute), rate(N minutes) with N from 2 to 60, rate(1 hour) or a cron(...) expression with 6 fields."
  }
}

variable "canary_runtime_version" {
  type        = string
  description = "Synthetics runtime of the canaries: a Node.js Puppeteer runtime syn-nodejs-puppeteer-9.1 or newer (the canary scripts use the Puppeteer library and load it under its new or its legacy name)."
  default     = "syn-nodejs-puppeteer-15.0"

  validation {
    condition     = can(regex("^syn-nodejs-puppeteer-[0-9]+\\.[0-9]+$", var.canary_runtime_version)) && try(tonumber(regex("([0-9]+\\.[0-9]+)$", var.canary_runtime_version)[0]) >= 9.1, false)
    error_message = "canary_runtime_version must be syn-nodejs-puppeteer-<major>.<minor>, version 9.1 or newer (e.g. syn-nodejs-puppeteer-15.0)."
  }
}

variable "canary_alarm_evaluation_periods" {
  type        = number
  description = "Number of consecutive failed canary runs (periods of the canary schedule) before a canary's alarm fires (1-5)."
  default     = 2

  validation {
    condition     = var.canary_alarm_evaluation_periods >= 1 && var.canary_alarm_evaluation_periods <= 5 && floor(var.canary_alarm_evaluation_periods) == var.canary_alarm_evaluation_periods
    error_message = "canary_alarm_evaluation_periods must be a whole number from 1 to 5."
  }
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

  validation {
    condition     = var.budget_limit_usd == null ? true : var.budget_limit_usd > 0 && var.budget_limit_usd <= 1000000
    error_message = "budget_limit_usd must be null or an amount greater than 0 and at most 1000000 USD."
  }
}

variable "budget_actual_thresholds" {
  type        = set(number)
  description = "Percentages of the budget at which actual spending notifies (e.g. 80 and 100)."
  default     = [80, 100]

  validation {
    condition     = alltrue([for t in var.budget_actual_thresholds : t > 0 && t <= 1000])
    error_message = "budget_actual_thresholds must be percentages greater than 0 and at most 1000."
  }
}

variable "budget_forecast_thresholds" {
  type        = set(number)
  description = "Percentages of the budget at which forecasted spending notifies (e.g. 100)."
  default     = [100]

  validation {
    condition     = alltrue([for t in var.budget_forecast_thresholds : t > 0 && t <= 1000])
    error_message = "budget_forecast_thresholds must be percentages greater than 0 and at most 1000."
  }

  validation {
    condition     = length(var.budget_actual_thresholds) + length(var.budget_forecast_thresholds) <= 10
    error_message = "budget_actual_thresholds and budget_forecast_thresholds together may hold at most 10 thresholds (AWS Budgets allows 10 notifications per budget)."
  }
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

  validation {
    condition     = length(var.budget_emails) <= 10 && alltrue([for e in var.budget_emails : can(regex("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$", e))])
    error_message = "budget_emails must be at most 10 email addresses such as finance@example.com."
  }

  validation {
    condition     = !var.enable_budget || var.budget_notify_sns || length(var.budget_emails) > 0
    error_message = "The budget needs a subscriber: set budget_notify_sns = true or give budget_emails."
  }
}

variable "cost_allocation_tag_key" {
  type        = string
  description = "Cost-allocation tag whose value is the environment name, used by the budget filter (user:<key>$<environment>) and the tag-based anomaly monitor; it must be activated in the Billing console."
  default     = "Environment"

  validation {
    condition     = can(regex("^[A-Za-z0-9 _.:/=+@-]{1,128}$", var.cost_allocation_tag_key)) && !startswith(var.cost_allocation_tag_key, "aws:")
    error_message = "cost_allocation_tag_key must be a user tag key: 1-128 letters, digits, spaces and _ . : / = + @ -, not starting with aws:."
  }
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

  validation {
    condition     = contains(["TAG", "SERVICE"], var.anomaly_monitor_type)
    error_message = "anomaly_monitor_type must be TAG or SERVICE."
  }
}

variable "anomaly_frequency" {
  type        = string
  description = "How often anomaly alerts are sent: IMMEDIATE (to the alerts topic; AWS sends immediate alerts only to SNS) or DAILY / WEEKLY (summaries to anomaly_emails; AWS sends those only by email)."
  default     = "IMMEDIATE"

  validation {
    condition     = contains(["IMMEDIATE", "DAILY", "WEEKLY"], var.anomaly_frequency)
    error_message = "anomaly_frequency must be one of: IMMEDIATE, DAILY, WEEKLY."
  }

  validation {
    condition     = var.anomaly_frequency == "IMMEDIATE" || length(var.anomaly_emails) > 0
    error_message = "anomaly_frequency DAILY or WEEKLY needs anomaly_emails (AWS sends those summaries only by email)."
  }
}

variable "anomaly_emails" {
  type        = set(string)
  description = "Email addresses of the DAILY or WEEKLY anomaly summaries (at most 10; unused with IMMEDIATE)."
  default     = []

  validation {
    condition     = length(var.anomaly_emails) <= 10 && alltrue([for e in var.anomaly_emails : can(regex("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$", e))])
    error_message = "anomaly_emails must be at most 10 email addresses such as finance@example.com."
  }
}

variable "anomaly_threshold_usd" {
  type        = number
  description = "Alert on an anomaly whose total cost impact is at least this many USD. null: 10 in dev, 25 in staging, 100 in production."
  default     = null

  validation {
    condition     = var.anomaly_threshold_usd == null ? true : var.anomaly_threshold_usd > 0
    error_message = "anomaly_threshold_usd must be null or greater than 0."
  }
}

variable "anomaly_threshold_percent" {
  type        = number
  description = "When set, alert only on anomalies whose impact is also at least this percentage of the expected spend (combined with anomaly_threshold_usd by AND). null: the USD threshold alone."
  default     = null

  validation {
    condition     = var.anomaly_threshold_percent == null ? true : var.anomaly_threshold_percent > 0 && var.anomaly_threshold_percent <= 1000
    error_message = "anomaly_threshold_percent must be null or greater than 0 and at most 1000."
  }
}
