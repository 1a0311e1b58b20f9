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

variable "tags" {
  type        = map(string)
  description = "Extra tags merged into the tags of every resource, on top of the provider default_tags."
  default     = {}
}

variable "kms_services" {
  type        = set(string)
  description = "Services that get their own customer-managed KMS key and alias (alias/<project>-<environment>-<service>)."
  default     = ["s3", "dynamodb", "elasticache", "aurora", "logs", "secrets", "sns"]

  validation {
    condition     = length(var.kms_services) > 0 && alltrue([for s in var.kms_services : can(regex("^[a-z][a-z0-9-]{1,31}$", s))])
    error_message = "kms_services must be a non-empty set of names of 2-32 lowercase letters, digits and hyphens, starting with a letter."
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
