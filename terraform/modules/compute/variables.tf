################################################################################
# Naming and tags
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

variable "name_suffix" {
  type        = string
  description = "Optional last part of the resource names (<project>-<environment>-<name_suffix>): cluster, load balancer, task definition families, log groups, alarms, roles and functions. Use it for a second instance of the module, e.g. us-west-2 for a standby region's pilot light, so that its names (and the IAM role names, which are global) differ from the primary's. Empty: none."
  default     = ""

  validation {
    condition     = var.name_suffix == "" || (can(regex("^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$", var.name_suffix)) && length("${var.project}-${var.environment}-${var.name_suffix}") <= 32)
    error_message = "name_suffix must be empty or 1-16 lowercase letters, digits and hyphens (not at either end), and <project>-<environment>-<name_suffix> may be at most 32 characters (the load balancer's name)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into the tags of every resource, on top of the provider default_tags."
  default     = {}
}

################################################################################
# Capacity: Fargate and Fargate Spot
################################################################################

variable "spot_percentage" {
  type        = number
  description = "Share of tasks, in percent (0-100), placed on FARGATE_SPOT; the rest run on FARGATE. The seed's values: dev 100, staging 70, production 0. Between 1 and 99 the first task of each service always runs on FARGATE (base 1). When set, it replaces capacity_provider_strategy for the cluster default and for every service; null keeps capacity_provider_strategy."
  default     = null

  validation {
    condition     = var.spot_percentage == null || try(var.spot_percentage >= 0 && var.spot_percentage <= 100 && floor(var.spot_percentage) == var.spot_percentage, false)
    error_message = "spot_percentage must be a whole number from 0 (all on-demand) to 100 (all Spot), or null to use capacity_provider_strategy."
  }
}

variable "capacity_provider_strategy" {
  type = map(object({
    base   = optional(number, 0)
    weight = number
  }))
  description = "DEPRECATED: set spot_percentage instead, which takes precedence when not null. Capacity provider strategy of the cluster and of every service, keyed by capacity provider (FARGATE, FARGATE_SPOT). base: tasks always placed on that provider first (at most one provider may set it); weight: relative share of the remaining tasks."
  default = {
    FARGATE = {
      base   = 1
      weight = 1
    }
  }

  validation {
    condition     = length(var.capacity_provider_strategy) > 0 && alltrue([for name in keys(var.capacity_provider_strategy) : contains(["FARGATE", "FARGATE_SPOT"], name)])
    error_message = "capacity_provider_strategy must have at least one entry, and its keys must be FARGATE or FARGATE_SPOT."
  }

  validation {
    condition     = alltrue([for s in values(var.capacity_provider_strategy) : s.weight >= 0 && s.weight <= 1000 && s.base >= 0 && s.base <= 100000]) && anytrue([for s in values(var.capacity_provider_strategy) : s.weight > 0])
    error_message = "Each capacity provider needs a weight from 0 to 1000 (at least one above 0) and a base from 0 to 100000."
  }

  validation {
    condition     = length([for s in values(var.capacity_provider_strategy) : s if s.base > 0]) <= 1
    error_message = "Only one capacity provider in capacity_provider_strategy may have a base greater than 0."
  }
}

variable "cpu_architecture" {
  type        = string
  description = "Default CPU architecture of the task definitions: ARM64 (Graviton, about 20 % cheaper than X86_64 on Fargate) or X86_64. A service may override it with its own cpu_architecture."
  default     = "ARM64"

  validation {
    condition     = contains(["ARM64", "X86_64"], var.cpu_architecture)
    error_message = "cpu_architecture must be ARM64 or X86_64."
  }
}

variable "enable_container_insights" {
  type        = bool
  description = "Container Insights on the cluster: CloudWatch metrics and performance log events per cluster, service and task (about $23 a month for production's cluster). Turn it off for a cluster that normally runs no tasks, such as a standby region's pilot light. Blue/green deployments need it: their requests-per-task scaling policy divides by Container Insights' RunningTaskCount."
  default     = true

  validation {
    condition     = var.enable_container_insights || !var.blue_green.enabled
    error_message = "blue_green.enabled needs enable_container_insights = true: the requests-per-task scaling policy of a blue/green service divides by Container Insights' RunningTaskCount."
  }
}

################################################################################
# Network and identity (from the networking and security modules)
################################################################################

variable "vpc_id" {
  type        = string
  description = "ID of the VPC of the load balancer's target groups (vpc-...). Required when create_alb is true."
  default     = null

  validation {
    condition     = var.vpc_id == null || can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID such as vpc-0123456789abcdef0, or null."
  }
}

variable "public_subnet_ids" {
  type        = map(string)
  description = "Public subnets of an internet-facing load balancer (alb_internal = false), keyed by availability zone (e.g. { us-east-1a = \"subnet-...\" }); at least two AZs then. An internal load balancer does not use them."
  default     = {}

  validation {
    condition     = alltrue([for az, id in var.public_subnet_ids : can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9][a-z]$", az)) && can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "public_subnet_ids must map availability zone names (e.g. us-east-1a) to subnet IDs (subnet-...)."
  }
}

variable "private_subnet_ids" {
  type        = map(string)
  description = "Private subnets of the ECS tasks, of the Lambda functions with vpc = true and of an internal load balancer (alb_internal = true, at least two AZs then), keyed by availability zone. Tasks never get public IPs."
  default     = {}

  validation {
    condition     = alltrue([for az, id in var.private_subnet_ids : can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9][a-z]$", az)) && can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "private_subnet_ids must map availability zone names (e.g. us-east-1a) to subnet IDs (subnet-...)."
  }
}

variable "alb_security_group_id" {
  type        = string
  description = "Security group of the load balancer (the security module's alb group). When blue/green is on, this module adds the test listener's ingress rules to it."
  default     = null

  validation {
    condition     = var.alb_security_group_id == null || can(regex("^sg-[0-9a-f]{8,17}$", var.alb_security_group_id))
    error_message = "alb_security_group_id must be a security group ID such as sg-0123456789abcdef0, or null."
  }
}

variable "app_security_group_ids" {
  type        = list(string)
  description = "Security groups of the ECS tasks (the security module's app group, which admits the container ports from the load balancer only)."
  default     = []

  validation {
    condition     = alltrue([for id in var.app_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))])
    error_message = "app_security_group_ids must be security group IDs such as sg-0123456789abcdef0."
  }
}

variable "task_execution_role_arn" {
  type        = string
  description = "IAM role ECS uses to pull images, write the awslogs streams and inject secrets (the security module's ecs_task_execution role). Required when services is not empty."
  default     = null

  validation {
    condition     = var.task_execution_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", var.task_execution_role_arn))
    error_message = "task_execution_role_arn must be an IAM role ARN such as arn:aws:iam::123456789012:role/name, or null."
  }
}

variable "task_role_arn" {
  type        = string
  description = "IAM role the application containers assume (the security module's ecs_task role); it also needs xray:PutTraceSegments when enable_xray_sidecar is true. null: the tasks get no AWS credentials."
  default     = null

  validation {
    condition     = var.task_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", var.task_role_arn))
    error_message = "task_role_arn must be an IAM role ARN such as arn:aws:iam::123456789012:role/name, or null."
  }
}

################################################################################
# Logs
################################################################################

variable "log_kms_key_arn" {
  type        = string
  description = "KMS key (the security module's logs key) that encrypts every log group of this module: one per service and one per Lambda function. Its key policy must let logs.<region>.amazonaws.com use it."
  default     = null

  validation {
    condition     = var.log_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]+$", var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<uuid>, or null."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the module's CloudWatch log groups, in days; one of the values CloudWatch Logs accepts (dev 7, staging 30, production 90)."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

################################################################################
# Services
################################################################################

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
  description = <<-EOT
    ECS services on Fargate, keyed by a short name (1-12 lowercase letters, digits, hyphens; also the container name). Each gets a task definition, a
    KMS-encrypted log group, a blue target group (and a green one with blue/green), a listener rule, auto scaling and alarms.
    image: container image; cpu/memory: task size, a combination Fargate accepts (256/512-2048, 512/1024-4096, 1024/2048-8192,
    2048/4096-16384, 4096/8192-30720 in 1024 steps; 8192/16384-61440 in 4096 steps; 16384/32768-122880 in 8192 steps);
    port: container port; cpu_architecture: overrides var.cpu_architecture; environment: plain variables; secrets: variable
    name => Secrets Manager or SSM parameter ARN (the execution role must be allowed to read it); health_check_*: target group
    health check; desired_count: tasks at creation only (auto scaling owns it afterwards); min_count/max_count: auto scaling
    bounds (0 <= min <= desired <= max); host_headers/path_patterns: the listener rule's conditions (at most 4 values together;
    the default service takes everything else and sets neither); priority: rule priority 1-49999 (default 100, 110, ... in key
    order); readonly_root_filesystem with writable_paths mounted as task storage; autoscaling: target tracking targets
    (CPU and memory in percent, ALB requests per task) and an optional custom CloudWatch metric with its target value.
  EOT
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.services) : can(regex("^[a-z][a-z0-9-]{0,11}$", k))])
    error_message = "services keys must be 1-12 characters: a lowercase letter, then lowercase letters, digits or hyphens."
  }

  validation {
    condition = alltrue([for s in values(var.services) : (
      s.cpu == 256 ? contains([512, 1024, 2048], s.memory) :
      s.cpu == 512 ? s.memory >= 1024 && s.memory <= 4096 && s.memory % 1024 == 0 :
      s.cpu == 1024 ? s.memory >= 2048 && s.memory <= 8192 && s.memory % 1024 == 0 :
      s.cpu == 2048 ? s.memory >= 4096 && s.memory <= 16384 && s.memory % 1024 == 0 :
      s.cpu == 4096 ? s.memory >= 8192 && s.memory <= 30720 && s.memory % 1024 == 0 :
      s.cpu == 8192 ? s.memory >= 16384 && s.memory <= 61440 && s.memory % 4096 == 0 :
      s.cpu == 16384 ? s.memory >= 32768 && s.memory <= 122880 && s.memory % 8192 == 0 :
      false
    )])
    error_message = "Each service's cpu/memory must be a Fargate combination: cpu 256 with memory 512, 1024 or 2048; 512 with 1024-4096; 1024 with 2048-8192; 2048 with 4096-16384; 4096 with 8192-30720 (all in 1024 steps); 8192 with 16384-61440 (4096 steps); 16384 with 32768-122880 (8192 steps)."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : s.port >= 1 && s.port <= 65535 && floor(s.port) == s.port])
    error_message = "Each service's port must be a whole number from 1 to 65535."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : s.cpu_architecture == null || contains(["ARM64", "X86_64"], coalesce(s.cpu_architecture, "ARM64"))])
    error_message = "A service's cpu_architecture must be ARM64, X86_64 or null (use var.cpu_architecture)."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : length(trimspace(s.image)) > 0])
    error_message = "Each service needs an image, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/candlefish/api:1.2.3."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : s.min_count >= 0 && s.min_count <= s.desired_count && s.desired_count <= s.max_count && s.max_count >= 1 && s.max_count <= 1000])
    error_message = "Each service needs 0 <= min_count <= desired_count <= max_count, with max_count from 1 to 1000."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : length(s.health_check_path) <= 1024 && can(regex("^/[A-Za-z0-9._~!$&'()*+,;=:@/%-]*$", s.health_check_path)) && can(regex("^[0-9]{3}(-[0-9]{3})?(,[0-9]{3}(-[0-9]{3})?)*$", s.health_check_matcher))])
    error_message = "Each service's health_check_path must start with / (e.g. /health) and its health_check_matcher must list HTTP codes or ranges (e.g. 200 or 200-399)."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : s.health_check_grace >= 0 && s.health_check_grace <= 2147483647 && s.deregistration_delay >= 0 && s.deregistration_delay <= 3600])
    error_message = "Each service's health_check_grace must be 0 or more seconds and its deregistration_delay 0-3600 seconds."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : alltrue([for name in keys(merge(s.environment, s.secrets)) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", name))]) && length(setintersection(keys(s.environment), keys(s.secrets))) == 0])
    error_message = "Environment and secret names must be valid variable names ([A-Za-z_][A-Za-z0-9_]*) and a name may not be both a plain variable and a secret."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : alltrue([for arn in values(s.secrets) : can(regex("^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+|ssm:[a-z0-9-]+:[0-9]{12}:parameter/.+)$", arn))])])
    error_message = "Each secret must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>, optionally with :<json-key>::) or an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>)."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : length(s.host_headers) + length(s.path_patterns) <= 4 && alltrue([for p in s.path_patterns : startswith(p, "/")]) && alltrue([for h in s.host_headers : can(regex("^[A-Za-z0-9*?.-]{1,128}$", h))])])
    error_message = "A service may have at most 4 host_headers and path_patterns together (the fifth condition value is the origin-verify header); path patterns start with / and host headers are host names (wildcards * and ? allowed)."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : s.priority == null || try(s.priority >= 1 && s.priority <= 49999 && floor(s.priority) == s.priority, false)])
    error_message = "A service's listener rule priority must be a whole number from 1 to 49999 (50000 is the default service's catch-all rule), or null."
  }

  validation {
    condition     = length(distinct([for i, k in sort(keys(var.services)) : coalesce(var.services[k].priority, 100 + 10 * i)])) == length(var.services)
    error_message = "Listener rule priorities must be unique; services without priority get 100, 110, 120, ... in the order of their keys."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : alltrue([for p in s.writable_paths : startswith(p, "/") && p != "/"])])
    error_message = "writable_paths must be absolute directories other than / (e.g. /tmp)."
  }

  validation {
    condition = alltrue([for s in values(var.services) : (
      s.autoscaling.cpu_target > 0 && s.autoscaling.cpu_target <= 100 &&
      s.autoscaling.memory_target > 0 && s.autoscaling.memory_target <= 100 &&
      s.autoscaling.requests_per_target > 0 &&
      s.autoscaling.scale_in_cooldown >= 0 && s.autoscaling.scale_in_cooldown <= 3600 &&
      s.autoscaling.scale_out_cooldown >= 0 && s.autoscaling.scale_out_cooldown <= 3600
    )])
    error_message = "autoscaling: cpu_target and memory_target must be percentages above 0 and at most 100, requests_per_target above 0, and the cooldowns 0-3600 seconds."
  }

  validation {
    condition = alltrue([for s in values(var.services) : s.autoscaling.custom_metric == null || try(
      length(s.autoscaling.custom_metric.namespace) > 0 && length(s.autoscaling.custom_metric.namespace) <= 255 &&
      length(s.autoscaling.custom_metric.metric_name) > 0 && length(s.autoscaling.custom_metric.metric_name) <= 255 &&
      contains(["Average", "Minimum", "Maximum", "SampleCount", "Sum"], s.autoscaling.custom_metric.statistic) &&
      s.autoscaling.custom_metric.target_value > 0 && length(s.autoscaling.custom_metric.dimensions) <= 30
    , false)])
    error_message = "autoscaling.custom_metric needs a namespace and metric_name (1-255 characters), at most 30 dimensions, a statistic among Average, Minimum, Maximum, SampleCount, Sum, and a target_value above 0."
  }
}

variable "default_service" {
  type        = string
  description = "Key of the service that receives every request no other listener rule matches. null: the only service when there is exactly one. That service sets no host_headers or path_patterns."
  default     = null

  validation {
    condition     = var.default_service == null ? length(var.services) <= 1 : contains(keys(var.services), coalesce(var.default_service, "-"))
    error_message = "default_service must be a key of services; it may be null only when there is at most one service."
  }

  validation {
    condition     = var.default_service == null || try(length(var.services[var.default_service].host_headers) + length(var.services[var.default_service].path_patterns) == 0, true)
    error_message = "The default service takes all traffic no other rule matches: leave its host_headers and path_patterns empty."
  }

  validation {
    condition     = alltrue([for k, s in var.services : k == coalesce(var.default_service, try(one(keys(var.services)), "-")) || length(s.host_headers) + length(s.path_patterns) > 0])
    error_message = "Every service other than the default one needs host_headers or path_patterns for its listener rule."
  }
}

variable "enable_execute_command" {
  type        = bool
  description = "Turn on ECS Exec (interactive shells into tasks). Off by default; the task role then needs the ssmmessages permissions."
  default     = false
}

variable "enable_xray_sidecar" {
  type        = bool
  description = "Add the AWS X-Ray daemon as a sidecar container (UDP 2000, 32 CPU units, 256 MiB reserved) to every task, and set AWS_XRAY_DAEMON_ADDRESS in the application container."
  default     = false
}

variable "xray_daemon_image" {
  type        = string
  description = "Container image of the X-Ray daemon sidecar (used when enable_xray_sidecar is true); it is multi-architecture, so it runs on ARM64 and X86_64."
  default     = "public.ecr.aws/xray/aws-xray-daemon:3.x"

  validation {
    condition     = can(regex("^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$", var.xray_daemon_image))
    error_message = "xray_daemon_image must be an image reference with a tag or digest, e.g. public.ecr.aws/xray/aws-xray-daemon:3.x."
  }
}

################################################################################
# Load balancer
################################################################################

variable "create_alb" {
  type        = bool
  description = "Create the Application Load Balancer (needs vpc_id, subnets in two or more AZs (private_subnet_ids when alb_internal, public_subnet_ids otherwise), alb_security_group_id, certificate_arn, and alb_access_logs_bucket or create_alb_access_logs_bucket). Services are always behind it, so services requires it."
  default     = false

  validation {
    condition     = var.create_alb || length(var.services) == 0
    error_message = "services are served by the load balancer: set create_alb = true when services is not empty."
  }

  validation {
    condition     = !var.create_alb || (var.vpc_id != null && length(var.alb_internal ? var.private_subnet_ids : var.public_subnet_ids) >= 2 && var.alb_security_group_id != null && var.certificate_arn != null && (var.alb_access_logs_bucket != null || var.create_alb_access_logs_bucket))
    error_message = "create_alb = true needs vpc_id, subnets in at least two AZs (private_subnet_ids when alb_internal is true, public_subnet_ids when it is false), alb_security_group_id, certificate_arn, and alb_access_logs_bucket or create_alb_access_logs_bucket."
  }

  validation {
    condition     = length(var.services) == 0 || (length(var.private_subnet_ids) >= 1 && length(var.app_security_group_ids) >= 1 && var.task_execution_role_arn != null)
    error_message = "Services need private_subnet_ids, app_security_group_ids and task_execution_role_arn."
  }
}

variable "alb_internal" {
  type        = bool
  description = "true (default): an internal load balancer in private_subnet_ids, with no public IPv4 addresses and no route from the internet; CloudFront reaches it through a VPC origin (the CDN module's alb_vpc_origin_arns, given this module's alb_arn output). false: internet-facing in public_subnet_ids, one public IPv4 address per subnet ($3.65 a month each), with ingress limited by alb_security_group_id (e.g. CloudFront's origin-facing prefix list) and the origin header."
  default     = true
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate of the HTTPS and test listeners (in the load balancer's region)."
  default     = null

  validation {
    condition     = var.certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/<uuid>, or null."
  }
}

variable "alb_ssl_policy" {
  type        = string
  description = "TLS security policy of the HTTPS and test listeners: a TLS 1.3 policy with TLS 1.2 or 1.3 as the minimum, e.g. ELBSecurityPolicy-TLS13-1-2-2021-06 (default), ELBSecurityPolicy-TLS13-1-2-Res-2021-06 or ELBSecurityPolicy-TLS13-1-3-2021-06."
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  validation {
    condition     = can(regex("^ELBSecurityPolicy-TLS13-1-[23]-[A-Za-z0-9-]+$", var.alb_ssl_policy))
    error_message = "alb_ssl_policy must be an ELBSecurityPolicy-TLS13-1-2-* or ELBSecurityPolicy-TLS13-1-3-* policy (e.g. ELBSecurityPolicy-TLS13-1-2-2021-06); older policies allow TLS 1.0/1.1."
  }
}

variable "alb_idle_timeout" {
  type        = number
  description = "Seconds a connection to the load balancer may stay idle (1-4000)."
  default     = 60

  validation {
    condition     = var.alb_idle_timeout >= 1 && var.alb_idle_timeout <= 4000 && floor(var.alb_idle_timeout) == var.alb_idle_timeout
    error_message = "alb_idle_timeout must be a whole number of seconds from 1 to 4000."
  }
}

variable "enable_alb_deletion_protection" {
  type        = bool
  description = "Protect the load balancer from deletion. null: on in production, off in dev and staging."
  default     = null
}

variable "alb_access_logs_bucket" {
  type        = string
  description = "S3 bucket (the storage module's logs bucket) that receives the load balancer's access logs; its policy must let Elastic Load Balancing write and it must use SSE-S3. null with create_alb_access_logs_bucket."
  default     = null

  validation {
    condition     = var.alb_access_logs_bucket == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.alb_access_logs_bucket))
    error_message = "alb_access_logs_bucket must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens), or null."
  }
}

variable "create_alb_access_logs_bucket" {
  type        = bool
  description = "Create the load balancer's access logs bucket in the module's region (alb-access-logs.tf: versioned, public access blocked, SSE-S3, TLS only, writable by Elastic Load Balancing) and send the access logs there, instead of alb_access_logs_bucket. Needs create_alb; set exactly one of the two."
  default     = false

  validation {
    condition     = var.create_alb ? (var.alb_access_logs_bucket != null) != var.create_alb_access_logs_bucket : !var.create_alb_access_logs_bucket
    error_message = "Set exactly one of alb_access_logs_bucket and create_alb_access_logs_bucket = true when create_alb is true; create_alb_access_logs_bucket needs create_alb."
  }
}

variable "alb_access_logs_bucket_name" {
  type        = string
  description = "Name of the bucket create_alb_access_logs_bucket creates. null: <project>-<environment>[-<name_suffix>]-alb-logs."
  default     = null

  validation {
    condition     = var.alb_access_logs_bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.alb_access_logs_bucket_name))
    error_message = "alb_access_logs_bucket_name must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens), or null."
  }
}

variable "alb_access_logs_retention_days" {
  type        = number
  description = "Days the access logs are kept in the bucket create_alb_access_logs_bucket creates (old versions: 30 days)."
  default     = 365

  validation {
    condition     = var.alb_access_logs_retention_days >= 1 && floor(var.alb_access_logs_retention_days) == var.alb_access_logs_retention_days
    error_message = "alb_access_logs_retention_days must be a whole number of days, at least 1."
  }
}

variable "alb_access_logs_prefix" {
  type        = string
  description = "Key prefix of the access logs in alb_access_logs_bucket (no leading or trailing slash; AWSLogs/ is added by ELB)."
  default     = "alb"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*$", var.alb_access_logs_prefix)) && !strcontains(lower(var.alb_access_logs_prefix), "awslogs")
    error_message = "alb_access_logs_prefix must be a key prefix without leading or trailing slash that does not contain AWSLogs (e.g. alb or candlefish/alb)."
  }
}

variable "origin_verify" {
  type = object({
    header_name    = optional(string, "X-Origin-Verify")
    generate_value = optional(bool, true)
  })
  description = <<-EOT
    Secret origin header for the CDN in front of the load balancer. null: off. When set, the HTTPS listener answers 403
    to every request without header_name carrying the secret value, and every service's rule also requires it; the CDN
    module sends it as an origin custom header (its origin_verify_header_name and origin_verify_secret_arn inputs, from
    this module's outputs of the same names). generate_value = true: the module generates the value into a new Secrets
    Manager secret encrypted with origin_verify_kms_key_arn; false: the value is the SecretString of
    origin_verify_secret_arn. The value is stored in the state (the listener rules hold it), as every origin header is.
    The test listener does not require it.
  EOT
  default     = null

  validation {
    condition     = var.origin_verify == null || try(can(regex("^[A-Za-z0-9-]{1,40}$", var.origin_verify.header_name)) && !contains(["host", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-port", "cache-control", "connection", "content-length", "cookie", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "via", "x-real-ip"], lower(var.origin_verify.header_name)) && !startswith(lower(var.origin_verify.header_name), "x-amz-") && !startswith(lower(var.origin_verify.header_name), "x-edge-"), false)
    error_message = "origin_verify.header_name must be 1-40 letters, digits and hyphens (e.g. X-Origin-Verify), and not a header CloudFront or the load balancer sets or forbids (Host, X-Forwarded-*, Cache-Control, Connection, Cookie, Via, X-Real-IP, X-Amz-*, X-Edge-*, ...)."
  }

  validation {
    condition     = var.origin_verify == null || try(var.origin_verify.generate_value ? var.origin_verify_kms_key_arn != null : var.origin_verify_secret_arn != null, false)
    error_message = "origin_verify needs origin_verify_kms_key_arn (a customer-managed key, e.g. the security module's secrets key) when generate_value is true, and origin_verify_secret_arn when it is false."
  }
}

variable "origin_verify_secret_arn" {
  type        = string
  description = "Secrets Manager secret whose SecretString is the origin header's value, used when origin_verify.generate_value is false (e.g. a secret of the security module, or the primary region's generated secret for a standby load balancer). It is read in the region its ARN names, which may differ from the provider's."
  default     = null

  validation {
    condition     = var.origin_verify_secret_arn == null || can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", coalesce(var.origin_verify_secret_arn, "-")))
    error_message = "origin_verify_secret_arn must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>), or null."
  }
}

variable "origin_verify_kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key (e.g. the security module's secrets key) that encrypts the generated origin header secret (origin_verify.generate_value = true)."
  default     = null

  validation {
    condition     = var.origin_verify_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]+$", coalesce(var.origin_verify_kms_key_arn, "-")))
    error_message = "origin_verify_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>), or null."
  }
}

################################################################################
# Auto scaling
################################################################################

variable "scheduled_scaling" {
  type = map(object({
    schedule     = string
    min_capacity = number
    max_capacity = number
    timezone     = optional(string, "UTC")
    services     = optional(list(string))
  }))
  description = <<-EOT
    Scheduled scaling actions (the seed's dev auto-shutdown), keyed by a name (e.g. night, morning). schedule: an
    Application Auto Scaling expression, cron(minutes hours day-of-month month day-of-week year) with ? in one of the
    two day fields, at(yyyy-mm-ddThh:mm:ss) or rate(N units); min_capacity/max_capacity: the bounds it sets (0/0 stops
    the service); timezone: IANA name (default UTC); services: the services it applies to (null: all). Example:
    night = { schedule = "cron(0 20 ? * MON-FRI *)", min_capacity = 0, max_capacity = 0 } with a weekday morning action
    restoring the bounds also scales to zero over the weekend.
  EOT
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.scheduled_scaling) : can(regex("^[a-z0-9][a-z0-9-]{0,31}$", k))])
    error_message = "scheduled_scaling keys must be 1-32 lowercase letters, digits and hyphens."
  }

  validation {
    condition = alltrue([for s in values(var.scheduled_scaling) : (
      can(regex("^cron\\([0-9*,/-]+ [0-9*,/-]+ [0-9*?,/LW-]+ [0-9A-Za-z*,/-]+ [0-9A-Za-z*?,/L#-]+ [0-9*,/-]+\\)$", s.schedule)) ? (
        try(split(" ", trimsuffix(trimprefix(s.schedule, "cron("), ")"))[2] == "?", false) != try(split(" ", trimsuffix(trimprefix(s.schedule, "cron("), ")"))[4] == "?", false)
      ) :
      can(regex("^at\\([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\)$", s.schedule)) ||
      can(regex("^rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)$", s.schedule))
    )])
    error_message = "Each schedule must be cron(minutes hours day-of-month month day-of-week year) with ? in exactly one of day-of-month and day-of-week (e.g. cron(0 20 ? * MON-FRI *)), at(2026-01-31T20:00:00) or rate(1 day)."
  }

  validation {
    condition     = alltrue([for s in values(var.scheduled_scaling) : s.min_capacity >= 0 && s.min_capacity <= s.max_capacity && s.max_capacity <= 1000])
    error_message = "Each scheduled action needs 0 <= min_capacity <= max_capacity <= 1000."
  }

  validation {
    condition     = alltrue([for s in values(var.scheduled_scaling) : can(regex("^(UTC|[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+){1,2})$", s.timezone))])
    error_message = "Each scheduled action's timezone must be UTC or an IANA time zone name such as Europe/Berlin or America/New_York."
  }

  validation {
    condition     = alltrue([for s in values(var.scheduled_scaling) : s.services == null || alltrue([for name in coalesce(s.services, []) : contains(keys(var.services), name)])])
    error_message = "A scheduled action's services must be keys of services (or null for all)."
  }
}

################################################################################
# Blue/green deployments
################################################################################

variable "blue_green" {
  type = object({
    enabled              = optional(bool, false)
    bake_time_in_minutes = optional(number, 5)
    hook_function        = optional(string)
    lifecycle_stages     = optional(list(string), ["POST_TEST_TRAFFIC_SHIFT"])
    test_listener_port   = optional(number, 8443)
    test_hostname        = optional(string)
  })
  description = <<-EOT
    ECS built-in blue/green deployments. enabled: strategy BLUE_GREEN with a green target group per service, an HTTPS
    test listener on test_listener_port and per-service test rules (otherwise ROLLING with the circuit breaker);
    bake_time_in_minutes: 0-1440; hook_function: key of lambda_functions (e.g. deploycheck) that ECS invokes as the
    lifecycle hook at lifecycle_stages (or set hook_function_arn for a function managed elsewhere; neither: no hook);
    the module sets that function's TEST_URL (https://<test_hostname or ALB DNS name>:<port>) and HEALTH_PATH (the
    default service's); test_hostname: a name covered by certificate_arn that resolves to the load balancer (e.g. the
    CDN's origin name), so the hook's TLS verification passes. Who may reach the test port: test_listener_security_group_ids
    and test_listener_cidr_blocks.
  EOT
  default     = {}

  validation {
    condition     = var.blue_green.bake_time_in_minutes >= 0 && var.blue_green.bake_time_in_minutes <= 1440 && floor(var.blue_green.bake_time_in_minutes) == var.blue_green.bake_time_in_minutes
    error_message = "blue_green.bake_time_in_minutes must be a whole number from 0 to 1440."
  }

  validation {
    condition     = length(var.blue_green.lifecycle_stages) > 0 && alltrue([for s in var.blue_green.lifecycle_stages : contains(["RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT"], s)])
    error_message = "blue_green.lifecycle_stages must list ECS lifecycle stages: RECONCILE_SERVICE, PRE_SCALE_UP, POST_SCALE_UP, TEST_TRAFFIC_SHIFT, POST_TEST_TRAFFIC_SHIFT, PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT."
  }

  validation {
    condition     = var.blue_green.test_listener_port >= 1 && var.blue_green.test_listener_port <= 65535 && floor(var.blue_green.test_listener_port) == var.blue_green.test_listener_port && !contains([80, 443], var.blue_green.test_listener_port)
    error_message = "blue_green.test_listener_port must be a whole number from 1 to 65535 other than 80 and 443 (e.g. 8443)."
  }

  validation {
    condition     = var.blue_green.hook_function == null || var.hook_function_arn == null
    error_message = "Set at most one of blue_green.hook_function (a key of lambda_functions) and hook_function_arn."
  }

  validation {
    condition     = var.blue_green.hook_function == null || contains(keys(var.lambda_functions), coalesce(var.blue_green.hook_function, "-"))
    error_message = "blue_green.hook_function must be a key of lambda_functions (e.g. deploycheck)."
  }


  validation {
    condition     = var.blue_green.test_hostname == null || can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", coalesce(var.blue_green.test_hostname, "-")))
    error_message = "blue_green.test_hostname must be a DNS name such as origin.candlefish.ai, or null to use the load balancer's DNS name."
  }

  validation {
    condition     = !var.blue_green.enabled || var.create_alb
    error_message = "blue_green.enabled needs the load balancer: set create_alb = true."
  }
}

variable "hook_function_arn" {
  type        = string
  description = "Lambda function managed elsewhere that ECS invokes as the blue/green lifecycle hook, instead of blue_green.hook_function (a function of this module). null: none."
  default     = null

  validation {
    condition     = var.hook_function_arn == null || can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$", coalesce(var.hook_function_arn, "-")))
    error_message = "hook_function_arn must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>), or null."
  }
}

variable "test_listener_cidr_blocks" {
  type        = map(string)
  description = "Sources allowed on the blue/green test listener's port, name => IPv4 CIDR, added as ingress rules to alb_security_group_id, keyed by a name known at plan time (e.g. the AZ). An internet-facing load balancer sees a VPC Lambda hook's probes coming from the NAT gateways' public IPs (give those, /32); an internal one admits private (RFC 1918) blocks only. Prefer test_listener_security_group_ids for a hook inside the VPC."
  default     = {}

  validation {
    condition     = alltrue([for name, cidr in var.test_listener_cidr_blocks : can(regex("^[a-z0-9][a-z0-9_-]{0,63}$", name)) && (can(cidrhost(cidr, 0)) && can(regex("^[0-9.]+/[0-9]+$", cidr)) && !endswith(cidr, "/0"))])
    error_message = "test_listener_cidr_blocks must map names (lowercase letters, digits, _ and -) to IPv4 CIDR blocks such as 203.0.113.10/32; 0.0.0.0/0 is not allowed (the test listener serves untested revisions)."
  }

  # An internal load balancer has no public address: a public source could
  # only mean a mistake (or traffic that cannot arrive).
  validation {
    condition = !var.alb_internal || alltrue([for cidr in values(var.test_listener_cidr_blocks) : try(
      (startswith(cidrhost(cidr, 0), "10.") && tonumber(split("/", cidr)[1]) >= 8) ||
      (can(regex("^172\\.(1[6-9]|2[0-9]|3[01])\\.", cidrhost(cidr, 0))) && tonumber(split("/", cidr)[1]) >= 12) ||
      (startswith(cidrhost(cidr, 0), "192.168.") && tonumber(split("/", cidr)[1]) >= 16),
    false)])
    error_message = "With alb_internal = true, test_listener_cidr_blocks may only hold private (RFC 1918) IPv4 blocks such as 10.30.0.0/16: an internal load balancer is not reachable from public addresses."
  }
}

variable "test_listener_security_group_ids" {
  type        = map(string)
  description = "Security groups allowed on the blue/green test listener's port, name => security group ID (e.g. { deploycheck = <the hook's group> }), added as ingress rules to alb_security_group_id that reference the group: how a VPC Lambda hook reaches an internal load balancer. Keys must be known at plan time."
  default     = {}

  validation {
    condition     = alltrue([for name, id in var.test_listener_security_group_ids : can(regex("^[a-z0-9][a-z0-9_-]{0,63}$", name)) && can(regex("^sg-[0-9a-f]{8,17}$", id))])
    error_message = "test_listener_security_group_ids must map names (lowercase letters, digits, _ and -) to security group IDs such as sg-0123456789abcdef0."
  }
}

################################################################################
# Alarms
################################################################################

variable "alarm_5xx_rate_threshold" {
  type        = number
  description = "Percentage of a service's requests answered 5xx by its targets (over 1 minute, 3 periods in a row) that sets off its 5xx alarm, which also rolls back a deployment."
  default     = 5

  validation {
    condition     = var.alarm_5xx_rate_threshold > 0 && var.alarm_5xx_rate_threshold <= 100
    error_message = "alarm_5xx_rate_threshold must be a percentage above 0 and at most 100."
  }
}

variable "alarm_actions" {
  type        = list(string)
  description = "SNS topic ARNs notified when an alarm of this module changes to ALARM or back to OK (e.g. the monitoring module's alerts topic)."
  default     = []

  validation {
    condition     = alltrue([for arn in var.alarm_actions : can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$", arn))])
    error_message = "alarm_actions must be SNS topic ARNs such as arn:aws:sns:us-east-1:123456789012:alerts."
  }
}

variable "enable_deployment_alarms" {
  type        = bool
  description = "Attach each service's 5xx-rate and unhealthy-host alarms to its deployments, which fail and roll back when one goes to ALARM."
  default     = true
}

################################################################################
# Lambda functions
################################################################################

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
  description = <<-EOT
    Go Lambda functions on provided.al2023 and arm64 with X-Ray active tracing, keyed by a short name (the function is
    <project>-<environment>-<key>). zip_path: the deployment package (e.g. dist/deploycheck.zip from `make lambda`,
    relative to the root module's directory); handler: bootstrap; memory: 128-10240 MB; timeout: 1-900 s;
    environment: variables; vpc: run in private_subnet_ids with lambda_security_group_ids; reserved_concurrency: 0 or
    more, null for unreserved; policy_statements: what the function may do beyond its own log group and X-Ray (used
    only for the role made here). The execution role is lambda_role_arns[key] when given (e.g. the security module's),
    otherwise one made here.
  EOT
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.lambda_functions) : can(regex("^[a-z][a-z0-9-]{0,23}$", k))])
    error_message = "lambda_functions keys must be 1-24 characters: a lowercase letter, then lowercase letters, digits or hyphens."
  }

  validation {
    condition     = alltrue([for f in values(var.lambda_functions) : endswith(f.zip_path, ".zip") && length(trimspace(f.handler)) > 0])
    error_message = "Each function needs a zip_path ending in .zip (e.g. ../../dist/deploycheck.zip) and a handler (bootstrap for provided.al2023)."
  }

  validation {
    condition     = alltrue([for f in values(var.lambda_functions) : f.memory >= 128 && f.memory <= 10240 && floor(f.memory) == f.memory && f.timeout >= 1 && f.timeout <= 900 && floor(f.timeout) == f.timeout])
    error_message = "Each function's memory must be 128-10240 MB and its timeout 1-900 seconds (whole numbers)."
  }

  validation {
    condition     = alltrue([for f in values(var.lambda_functions) : f.reserved_concurrency == null || try(f.reserved_concurrency >= 0 && floor(f.reserved_concurrency) == f.reserved_concurrency, false)])
    error_message = "reserved_concurrency must be a whole number of 0 or more (0 stops the function), or null for unreserved."
  }


  validation {
    condition     = alltrue([for f in values(var.lambda_functions) : !f.vpc || (length(var.lambda_security_group_ids) > 0 && length(var.private_subnet_ids) > 0)])
    error_message = "A function with vpc = true needs lambda_security_group_ids and private_subnet_ids."
  }

  validation {
    condition     = alltrue([for f in values(var.lambda_functions) : alltrue([for name in keys(f.environment) : can(regex("^[A-Za-z][A-Za-z0-9_]*$", name)) && !startswith(name, "AWS_")])])
    error_message = "Lambda environment variable names must start with a letter, hold letters, digits and _, and not start with AWS_ (reserved)."
  }

  validation {
    condition = alltrue(flatten([for f in values(var.lambda_functions) : [for s in f.policy_statements : (
      contains(["Allow", "Deny"], s.effect) && length(s.actions) > 0 && length(s.resources) > 0 &&
      alltrue([for a in s.actions : can(regex("^[a-z0-9-]+:[A-Za-z0-9*]+$", a))]) &&
      (s.sid == null || can(regex("^[A-Za-z0-9]+$", coalesce(s.sid, "x"))))
    )]]))
    error_message = "Each policy statement needs effect Allow or Deny, at least one action (service:Action, e.g. s3:GetObject) and one resource, and an alphanumeric sid or none."
  }
}

variable "lambda_role_arns" {
  type        = map(string)
  description = "Execution roles managed elsewhere (e.g. the security module's lambda roles), keyed like lambda_functions; functions without an entry get a least-privilege role made here."
  default     = {}

  validation {
    condition     = alltrue([for k, arn in var.lambda_role_arns : contains(keys(var.lambda_functions), k) && can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", arn))])
    error_message = "lambda_role_arns must map keys of lambda_functions to IAM role ARNs such as arn:aws:iam::123456789012:role/name."
  }
}

variable "lambda_security_group_ids" {
  type        = list(string)
  description = "Security groups of the Lambda functions with vpc = true (e.g. egress to the test listener for the deploycheck hook)."
  default     = []

  validation {
    condition     = alltrue([for id in var.lambda_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))])
    error_message = "lambda_security_group_ids must be security group IDs such as sg-0123456789abcdef0."
  }
}
