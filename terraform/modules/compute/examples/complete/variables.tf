variable "region" {
  type        = string
  description = "AWS region of the example: us-east-1 (the platform's primary region)."
  default     = "us-east-1"

  validation {
    condition     = contains(["us-east-1", "us-west-2"], var.region)
    error_message = "region must be us-east-1 or us-west-2."
  }
}

variable "project" {
  type        = string
  description = "Project name used as the first part of resource names (3-20 lowercase letters, digits and hyphens)."
  default     = "candlefish"
}

variable "environment" {
  type        = string
  description = "Deployment environment the example imitates: dev, staging or production."
  default     = "production"
}

variable "tags" {
  type        = map(string)
  description = "Extra tags for every resource, on top of the provider default_tags."
  default     = {}
}

variable "availability_zones" {
  type        = list(string)
  description = "Availability zones of the example VPC (one public and one private subnet in each); at least two for the load balancer."
  default     = ["us-east-1a", "us-east-1b", "us-east-1c"]

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 6 && length(distinct(var.availability_zones)) == length(var.availability_zones)
    error_message = "availability_zones must list 2 to 6 distinct zone names, e.g. [\"us-east-1a\", \"us-east-1b\"]."
  }
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR block of the example VPC, /16 to /20 (public subnets take /24-sized slices of a /16, private ones /20)."
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 20, false)
    error_message = "vpc_cidr must be an IPv4 CIDR block with a prefix length from /16 to /20, e.g. 10.40.0.0/16."
  }
}

variable "kms_deletion_window_in_days" {
  type        = number
  description = "Waiting period, in days, before a scheduled deletion of the example's logs KMS key takes effect (7-30)."
  default     = 30

  validation {
    condition     = var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30
    error_message = "kms_deletion_window_in_days must be from 7 to 30."
  }
}

variable "logs_bucket_name" {
  type        = string
  description = "Name of the access logs bucket the module creates (alb_access_logs_bucket_name; globally unique)."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.logs_bucket_name))
    error_message = "logs_bucket_name must be an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens."
  }
}

variable "access_log_retention_days" {
  type        = number
  description = "Days the load balancer's access logs are kept (the module's alb_access_logs_retention_days)."
  default     = 90

  validation {
    condition     = var.access_log_retention_days >= 1 && floor(var.access_log_retention_days) == var.access_log_retention_days
    error_message = "access_log_retention_days must be a whole number of days, at least 1."
  }
}

# Passed through to the module (its validations apply).

variable "spot_percentage" {
  type        = number
  description = "Share of tasks on FARGATE_SPOT, 0-100 (see the module)."
  default     = 0
}

variable "cpu_architecture" {
  type        = string
  description = "Default CPU architecture of the tasks: ARM64 or X86_64 (see the module)."
  default     = "ARM64"
}

variable "services" {
  type = map(object({
    image                    = string
    cpu                      = optional(number, 256)
    memory                   = optional(number, 512)
    port                     = optional(number, 8080)
    cpu_architecture         = optional(string)
    command                  = optional(list(string))
    environment              = optional(map(string), {})
    secrets                  = optional(map(string), {})
    health_check_path        = optional(string, "/health")
    health_check_matcher     = optional(string, "200-399")
    health_check_grace       = optional(number, 60)
    deregistration_delay     = optional(number, 30)
    desired_count            = optional(number, 1)
    min_count                = optional(number, 1)
    max_count                = optional(number, 2)
    host_headers             = optional(list(string), [])
    path_patterns            = optional(list(string), [])
    priority                 = optional(number)
    readonly_root_filesystem = optional(bool, true)
    writable_paths           = optional(list(string), ["/tmp"])
    autoscaling = optional(object({
      cpu_target          = optional(number, 60)
      memory_target       = optional(number, 75)
      requests_per_target = optional(number, 1000)
      scale_in_cooldown   = optional(number, 300)
      scale_out_cooldown  = optional(number, 60)
      custom_metric = optional(object({
        namespace    = string
        metric_name  = string
        dimensions   = optional(map(string), {})
        statistic    = optional(string, "Average")
        unit         = optional(string)
        target_value = number
      }))
    }), {})
  }))
  description = "ECS services (see the module's services input)."
}

variable "default_service" {
  type        = string
  description = "Key of the service that receives the traffic no other rule matches (see the module)."
  default     = null
}

variable "enable_execute_command" {
  type        = bool
  description = "Turn on ECS Exec (see the module)."
  default     = false
}

variable "enable_xray_sidecar" {
  type        = bool
  description = "Add the X-Ray daemon sidecar to every task (see the module)."
  default     = true
}

variable "xray_daemon_image" {
  type        = string
  description = "Image of the X-Ray daemon sidecar (see the module)."
  default     = "public.ecr.aws/xray/aws-xray-daemon:3.x"
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the module's log groups, in days (see the module)."
  default     = 90
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate of the load balancer's HTTPS and test listeners (see the module)."
}

variable "alb_internal" {
  type        = bool
  description = "true: an internal load balancer in the private subnets, reached by CloudFront through a VPC origin (as the environments run it); false: internet-facing in the public subnets (see the module)."
  default     = true
}

variable "alb_ssl_policy" {
  type        = string
  description = "TLS policy of the HTTPS and test listeners (see the module)."
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "alb_idle_timeout" {
  type        = number
  description = "Idle timeout of the load balancer, in seconds (see the module)."
  default     = 60
}

variable "alb_access_logs_prefix" {
  type        = string
  description = "Key prefix of the access logs in the example's logs bucket (see the module)."
  default     = "alb"
}

variable "enable_alb_deletion_protection" {
  type        = bool
  description = "Deletion protection of the load balancer; null: on in production only (see the module)."
  default     = null
}

variable "origin_verify" {
  type = object({
    header_name    = optional(string, "X-Origin-Verify")
    generate_value = optional(bool, true)
  })
  description = "Secret origin header the CDN sends (see the module); null: off. A generated value is encrypted with the example's secrets key."
  default     = null
}

variable "scheduled_scaling" {
  type = map(object({
    schedule     = string
    min_capacity = number
    max_capacity = number
    timezone     = optional(string, "UTC")
    services     = optional(list(string))
  }))
  description = "Scheduled scaling actions (see the module), e.g. the dev night and weekend shutdown."
  default     = {}
}

variable "blue_green" {
  type = object({
    enabled              = optional(bool, false)
    bake_time_in_minutes = optional(number, 5)
    hook_function        = optional(string)
    lifecycle_stages     = optional(list(string), ["POST_TEST_TRAFFIC_SHIFT"])
    test_listener_port   = optional(number, 8443)
    test_hostname        = optional(string)
  })
  description = "Blue/green deployments (see the module). The test listener admits the example's NAT gateway, from which the deploycheck hook probes it."
  default     = {}
}

variable "alarm_5xx_rate_threshold" {
  type        = number
  description = "5xx rate, in percent, that sets off a service's alarm (see the module)."
  default     = 5
}

variable "enable_deployment_alarms" {
  type        = bool
  description = "Roll deployments back when a service's alarm goes off (see the module)."
  default     = true
}

variable "lambda_functions" {
  type = map(object({
    zip_path             = string
    handler              = optional(string, "bootstrap")
    description          = optional(string)
    memory               = optional(number, 128)
    timeout              = optional(number, 30)
    environment          = optional(map(string), {})
    vpc                  = optional(bool, false)
    reserved_concurrency = optional(number)
    policy_statements = optional(list(object({
      sid       = optional(string)
      effect    = optional(string, "Allow")
      actions   = list(string)
      resources = list(string)
    })), [])
  }))
  description = "Lambda functions (see the module); those with vpc = true get the example's Lambda security group and roles made by the module."
  default     = {}
}
