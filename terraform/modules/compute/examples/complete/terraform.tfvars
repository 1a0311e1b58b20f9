# Production-like: on-demand Graviton Fargate, 3-20 tasks of 2048 CPU units /
# 4096 MiB per service, blue/green deployments checked by deploycheck.
# The account 111122223333 and the ARNs below are placeholders.
region      = "us-east-1"
project     = "candlefish"
environment = "production"
tags        = {}

availability_zones          = ["us-east-1a", "us-east-1b", "us-east-1c"]
vpc_cidr                    = "10.40.0.0/16"
kms_deletion_window_in_days = 30
access_log_retention_days   = 90
logs_bucket_name            = "candlefish-production-compute-example-alb-logs"

spot_percentage  = 0
cpu_architecture = "ARM64"

services = {
  web = {
    image             = "111122223333.dkr.ecr.us-east-1.amazonaws.com/candlefish/web:1.0.0"
    cpu               = 2048
    memory            = 4096
    port              = 8080
    health_check_path = "/health"
    desired_count     = 3
    min_count         = 3
    max_count         = 20
    environment = {
      NODE_ENV = "production"
    }
  }
  api = {
    image             = "111122223333.dkr.ecr.us-east-1.amazonaws.com/candlefish/api:1.0.0"
    cpu               = 2048
    memory            = 4096
    port              = 8081
    health_check_path = "/api/health"
    desired_count     = 3
    min_count         = 3
    max_count         = 20
    path_patterns     = ["/api/*"]
    priority          = 100
    environment = {
      LOG_LEVEL = "info"
    }
    secrets = {
      DATABASE_URL = "arn:aws:secretsmanager:us-east-1:111122223333:secret:candlefish/production/database-url-AbCdEf"
    }
    autoscaling = {
      cpu_target          = 60
      memory_target       = 75
      requests_per_target = 800
      custom_metric = {
        namespace    = "Candlefish/API"
        metric_name  = "QueueDepthPerTask"
        dimensions   = { Service = "api" }
        statistic    = "Average"
        target_value = 50
      }
    }
  }
}
default_service = "web"

enable_execute_command = false
enable_xray_sidecar    = true
xray_daemon_image      = "public.ecr.aws/xray/aws-xray-daemon:3.x"
log_retention_days     = 90

certificate_arn                = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
alb_internal                   = true
alb_ssl_policy                 = "ELBSecurityPolicy-TLS13-1-2-2021-06"
alb_idle_timeout               = 60
alb_access_logs_prefix         = "alb"
enable_alb_deletion_protection = true

origin_verify = {
  header_name = "X-Origin-Verify"
}

# Production runs around the clock; dev uses e.g.
# { night = { schedule = "cron(0 20 ? * MON-FRI *)", min_capacity = 0, max_capacity = 0 },
#   morning = { schedule = "cron(0 7 ? * MON-FRI *)", min_capacity = 1, max_capacity = 2 } }
scheduled_scaling = {}

blue_green = {
  enabled              = true
  bake_time_in_minutes = 10
  hook_function        = "deploycheck"
  lifecycle_stages     = ["POST_TEST_TRAFFIC_SHIFT"]
  test_listener_port   = 8443
  test_hostname        = "origin.candlefish.ai"
}

alarm_5xx_rate_threshold = 5
enable_deployment_alarms = true

lambda_functions = {
  deploycheck = {
    zip_path    = "../../../../../dist/deploycheck.zip"
    handler     = "bootstrap"
    description = "Blue/green lifecycle hook: probes the green revision through the test listener."
    memory      = 128
    timeout     = 30
    vpc         = true
    environment = {
      SMOKE_PATHS            = "/api/health"
      EXPECTED_STATUS        = "200-399"
      LATENCY_BUDGET_MS      = "1000"
      REQUIRED_PASSES        = "3"
      MAX_ATTEMPTS           = "10"
      CALLBACK_DELAY_SECONDS = "15"
      PROBE_STAGES           = "POST_TEST_TRAFFIC_SHIFT"
    }
  }
}
