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

variable "primary_region" {
  type        = string
  description = "AWS region that hosts the environment: us-east-1 or us-west-2 (normally us-east-1)."
  default     = "us-east-1"

  validation {
    condition     = contains(["us-east-1", "us-west-2"], var.primary_region)
    error_message = "primary_region must be one of: us-east-1, us-west-2."
  }
}

variable "standby_region" {
  type        = string
  description = "AWS region used for replicas and disaster recovery: us-east-1 or us-west-2 (normally us-west-2)."
  default     = "us-west-2"

  validation {
    condition     = contains(["us-east-1", "us-west-2"], var.standby_region)
    error_message = "standby_region must be one of: us-east-1, us-west-2."
  }

  validation {
    condition     = var.standby_region != var.primary_region
    error_message = "standby_region must differ from primary_region."
  }
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 CIDR block of the environment's VPC, e.g. 10.10.0.0/16 (prefix length /16 to /28)."

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 28, false)
    error_message = "vpc_cidr must be a valid IPv4 CIDR block such as 10.10.0.0/16, with a prefix length between /16 and /28."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the environment's CloudWatch log groups, in days; one of the values CloudWatch Logs accepts."

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "kms_deletion_window_in_days" {
  type        = number
  description = "Waiting period, in days, before a scheduled KMS key deletion takes effect (7-30)."
  default     = 30

  validation {
    condition     = var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30 && floor(var.kms_deletion_window_in_days) == var.kms_deletion_window_in_days
    error_message = "kms_deletion_window_in_days must be a whole number between 7 and 30."
  }
}

variable "capacity_provider_strategy" {
  type = map(object({
    base   = optional(number, 0)
    weight = number
  }))
  description = "Default capacity provider strategy of the ECS cluster, keyed by FARGATE / FARGATE_SPOT (see the compute module)."

  validation {
    condition     = length(var.capacity_provider_strategy) > 0 && alltrue([for name in keys(var.capacity_provider_strategy) : contains(["FARGATE", "FARGATE_SPOT"], name)])
    error_message = "capacity_provider_strategy must have at least one entry, and its keys must be FARGATE or FARGATE_SPOT."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags for every resource, on top of the provider default_tags (Project, Environment, CostCenter, Owner)."
  default     = {}
}
